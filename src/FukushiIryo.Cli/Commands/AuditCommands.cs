using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.Audit;
using Microsoft.Extensions.DependencyInjection;

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
        audit.Subcommands.Add(Scan(options, environment));
        return audit;
    }

    /// <summary>
    /// <c>fukushi audit scan [--files PATH]…</c>: the 個人番号 pattern scan (P16) of the welfare
    /// database's text columns and the named log and export files. Exit 0 when nothing is found,
    /// 1 when a candidate is found (each named by place, never by its digits).
    /// </summary>
    private static Command Scan(GlobalOptions options, CliEnvironment environment)
    {
        var files = new Option<string[]>("--files") { Description = "あわせて検査するログ・出力ファイル、またはそのフォルダ（複数可）", AllowMultipleArgumentsPerToken = true };
        var command = new Command("scan", "福祉データベースの文字項目とログ・出力ファイルに個人番号らしき数字がないか検査する（監査・システム管理）") { files };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "audit scan", cancellationToken).ConfigureAwait(false);
            var scanner = session.Services.GetRequiredService<MyNumberScan>();
            MyNumberScanResult result;
            try
            {
                result = await scanner.RunAsync(parsed.GetValue(files) ?? [], cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException exception)
            {
                throw new CliExitException(ExitCodes.Rejected, exception.Message);
            }

            session.Db.AddAudit(new AuditEntry(session.Actor, AuditEventType.MyNumberScanned, Details: new Dictionary<string, object?>
            {
                ["tables"] = result.Tables,
                ["columns"] = result.Columns,
                ["values"] = result.Values,
                ["files"] = result.Files,
                ["lines"] = result.Lines,
                ["findings"] = result.Findings.Count,
            }));
            await session.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            foreach (var finding in result.Findings)
            {
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"個人番号の疑い: {finding.Where} [{finding.Locator}] {finding.Position} 文字目")).ConfigureAwait(false);
            }

            await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"検査: テーブル {result.Tables}、文字項目 {result.Columns}、値 {result.Values} 件、ファイル {result.Files}、行 {result.Lines}。個人番号の疑い {result.Findings.Count} 件。")).ConfigureAwait(false);
            return result.Findings.Count == 0 ? ExitCodes.Success : ExitCodes.Rejected;
        });
        return command;
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
