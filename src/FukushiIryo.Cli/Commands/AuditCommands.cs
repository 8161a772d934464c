using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.Audit;

namespace FukushiIryo.Cli.Commands;

/// <summary><c>fukushi audit verify</c>: recomputes the hash chain and checks it against the anchors.</summary>
internal static class AuditCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var verify = new Command("verify", "操作履歴のハッシュチェーンを検証する（監査・システム管理）");
        verify.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "audit verify", cancellationToken).ConfigureAwait(false);
            var anchorPath = AuditAnchorsWriter.ResolvePath(environment);
            AuditVerificationResult result;
            try
            {
                result = await AuditVerifier.VerifyAsync(session.Db, anchorPath, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException exception)
            {
                throw new CliExitException(ExitCodes.Rejected, $"アンカーファイルが読めません: {anchorPath}: {exception.Message}");
            }

            // The verification itself is recorded, after the check, so it never hides a break.
            session.Db.AddAudit(new AuditEntry(session.Actor, AuditEventType.AuditVerified, Details: new Dictionary<string, object?>
            {
                ["ok"] = result.Ok,
                ["eventsChecked"] = result.EventsChecked,
                ["brokenSequence"] = result.BrokenSequence,
            }));
            await session.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (result.Ok)
            {
                await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"操作履歴は改ざんされていません: {result.EventsChecked} 件、アンカー {result.AnchorsChecked} 件を確認しました。")).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"操作履歴の検証に失敗しました: 連番 {result.BrokenSequence} （{Describe(result.Reason)}） {result.Message}")).ConfigureAwait(false);
            return ExitCodes.Rejected;
        });

        var audit = new Command("audit", "操作履歴（監査ログ）");
        audit.Subcommands.Add(verify);
        return audit;
    }

    private static string Describe(AuditBreak? reason) => reason switch
    {
        AuditBreak.Edited => "改変",
        AuditBreak.Deleted => "削除または欠番",
        AuditBreak.Reordered => "順序の入れ替え",
        AuditBreak.TruncatedTail => "末尾の切り捨て",
        AuditBreak.AnchorMismatch => "アンカーとの不一致",
        _ => "不明",
    };
}
