namespace FukushiIryo.Cli;

/// <summary>The exit codes of interfaces.md §7.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Rejected input: file errors, already imported, a conflict, a broken audit chain.</summary>
    public const int Rejected = 1;

    /// <summary>Usage: an unknown command, option or role.</summary>
    public const int Usage = 2;

    /// <summary>Not permitted: role, expired account, self-approval, wrong password or code.</summary>
    public const int NotPermitted = 3;

    /// <summary>Environment: database missing or unreachable, schema too old, disk full.</summary>
    public const int Environment = 4;
}

/// <summary>Ends a command with an exit code and a message for stderr.</summary>
internal sealed class CliExitException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
