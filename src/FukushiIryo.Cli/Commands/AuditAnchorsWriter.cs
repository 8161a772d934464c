using FukushiIryo.App.Audit;

namespace FukushiIryo.Cli.Commands;

/// <summary>Appends the audit anchor at the end of a command that wrote events (architecture.md §5).</summary>
internal static class AuditAnchorsWriter
{
    public const string PathVariable = AuditAnchors.PathVariable;

    public static string ResolvePath(CliEnvironment environment) =>
        AuditAnchors.ResolvePath(environment.Variable(PathVariable));

    public static async Task AppendAsync(CliSession session, CancellationToken cancellationToken)
    {
        await new AuditAnchors(ResolvePath(session.Environment), session.Environment.Clock).AppendAsync(session.Db, cancellationToken).ConfigureAwait(false);
    }
}
