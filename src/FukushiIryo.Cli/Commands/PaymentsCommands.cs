using System.CommandLine;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Payments;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi payments prepare|approve|export</c> (interfaces.md §6–§7, ADR 0023): the monthly payment
/// run. <c>prepare</c> (支払) computes what would be paid for a 処理年月 and may be repeated until the
/// run is approved; <c>approve</c> (決裁, password and TOTP, never the preparer) makes it the 支払決定;
/// <c>export</c> (支払) writes the 全銀 file, the accounting and detail CSVs, the notices and the manifest.
/// </summary>
internal static class PaymentsCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var payments = new Command("payments", "支払処理（準備・承認・出力）");
        payments.Subcommands.Add(Prepare(options, environment));
        payments.Subcommands.Add(Approve(options, environment));
        payments.Subcommands.Add(Export(options, environment));
        PaymentsRecoveryCommands.AddTo(payments, options, environment);
        payments.Subcommands.Add(PaymentsReturnsCommands.Returns(options, environment));
        payments.Subcommands.Add(PaymentsReturnsCommands.InKind(options, environment));
        return payments;
    }

    private static Command Prepare(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        var payDate = new Option<string>("--pay-date") { Description = "振込指定日 YYYY-MM-DD（金融機関の営業日）", Required = true };
        var command = new Command("prepare", "処理年月までに可となった未払のレセプトの助成額を算定し、支払先ごとの支払を準備する（支払）") { month, payDate };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            var date = ParseDate(parsed.GetValue(payDate)!);
            var t0 = FukushiIryo.App.Data.PhaseTimes.Now();
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            FukushiIryo.App.Data.PhaseTimes.Lap("cli.open", ref t0);
            await session.RequireUserAsync(parsed, options, "payments prepare", cancellationToken).ConfigureAwait(false);
            FukushiIryo.App.Data.PhaseTimes.Lap("cli.user", ref t0);
            PaymentPrepareResult result;
            var runs = session.Services.GetRequiredService<PaymentRuns>();
            try
            {
                result = await runs.PrepareAsync(processing, date, session.Actor, Progress(environment), cancellationToken).ConfigureAwait(false);
            }
            catch (PaymentRunRefusedException refused)
            {
                throw new CliExitException(refused.NotPermitted ? ExitCodes.NotPermitted : ExitCodes.Rejected, refused.Message);
            }
            catch (MasterDataMissingException missing)
            {
                throw new CliExitException(ExitCodes.Environment, missing.Message);
            }
            catch (Exception conflict) when (CliFaults.IsConcurrentChange(conflict))
            {
                throw new CliExitException(ExitCodes.Rejected, "同時に実行された支払処理と競合しました（何も変更していません）。もう一度実行してください。");
            }
            finally
            {
                EndProgress(environment);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(ToText(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Approve(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        var approval = new CliApproval();
        var command = new Command("approve", "準備された支払を承認する（支払決定、決裁。準備した職員以外がパスワードと確認コードで行う）") { month };
        approval.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            var user = await session.RequireUserAsync(parsed, options, "payments approve", cancellationToken).ConfigureAwait(false);
            var runs = session.Services.GetRequiredService<PaymentRuns>();
            var run = await runs.FindAsync(processing, cancellationToken).ConfigureAwait(false);
            if (run is not null && string.Equals(run.PreparedBy, session.Actor, StringComparison.Ordinal))
            {
                // Refused before the password and code are asked: the code stays unused.
                throw new CliExitException(ExitCodes.NotPermitted, "支払を準備した職員は、同じ支払を承認できません（自己承認の禁止）。");
            }

            await approval.RequireAsync(parsed, session, user, "payments approve", cancellationToken).ConfigureAwait(false);
            PaymentRun approved;
            try
            {
                approved = await runs.ApproveAsync(processing, session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (PaymentRunRefusedException refused)
            {
                throw new CliExitException(refused.NotPermitted ? ExitCodes.NotPermitted : ExitCodes.Rejected, refused.Message);
            }
            catch (Exception conflict) when (CliFaults.IsConcurrentChange(conflict))
            {
                throw new CliExitException(ExitCodes.Rejected, "同時に実行された支払処理と競合しました（承認していません）。内容を確認してもう一度実行してください。");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"支払 {processing} を承認しました（振込指定日 {approved.PayDate:yyyy-MM-dd}、{approved.PayeeCount:N0} 人、{approved.ClaimCount:N0} 件、{approved.TotalAmount:N0} 円）。\n")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        var output = new Option<string>("--out") { Description = "出力先フォルダ（なければ作成）", Required = true };
        var noNewlines = new Option<bool>("--no-newlines") { Description = "全銀ファイルのレコードを改行で区切らない" };
        var encoding = new Option<string>("--encoding") { Description = "CSVの文字コード: utf-8（BOM付き、既定）または cp932", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong("utf-8", "cp932");
        var command = new Command("export", "承認された支払の全銀ファイル・会計連携CSV・明細CSV・支給決定通知書・マニフェストを出力する（支払）") { month, output, noNewlines, encoding };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            var folder = Path.GetFullPath(parsed.GetValue(output)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments export", cancellationToken).ConfigureAwait(false);
            PaymentExportResult result;
            try
            {
                result = await session.Services.GetRequiredService<PaymentExport>()
                    .ExportAsync(processing, folder, newlines: !parsed.GetValue(noNewlines), cp932: parsed.GetValue(encoding) == "cp932", session.Actor, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (PaymentRunRefusedException refused)
            {
                throw new CliExitException(refused.NotPermitted ? ExitCodes.NotPermitted : ExitCodes.Rejected, refused.Message);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliExitException(ExitCodes.Environment, $"ファイルを書き込めません（書きかけのファイルは残していません）: {folder}（{exception.Message}）");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"支払 {processing}: {result.Payees:N0} 人、{result.Total:N0} 円を {result.Directory} に出力しました。\n");
            foreach (var file in result.Files)
            {
                text.Append(CultureInfo.InvariantCulture, $"{file.Name} {file.Bytes:N0} バイト sha256:{file.Sha256}\n");
            }

            if (result.HeldOut.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"保留（全銀ファイルに含めない）: {result.HeldOut.Count:N0} 人 — {PaymentExport.HeldOutName(processing)} を確認してください。\n");
            }

            await environment.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
            await ReportCp932ReplacementsAsync(environment, result.Cp932Replacements).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One stderr line per character a CP932 file could not hold and what was written instead (ADR 0038).</summary>
    internal static async Task ReportCp932ReplacementsAsync(CliEnvironment environment, IReadOnlyList<string> replacements)
    {
        foreach (var line in replacements)
        {
            await environment.Error.WriteAsync($"CP932 で書けない文字を置き換えました: {line}\n").ConfigureAwait(false);
        }
    }

    /// <summary>The summary of a preparation.</summary>
    public static string ToText(PaymentPrepareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"支払 {result.Month} の準備（{result.Preparation} 回目）: 振込指定日 {result.PayDate:yyyy-MM-dd}\n");
        text.Append(CultureInfo.InvariantCulture, $"支払先 {result.Payees:N0} 人 / レセプト {result.Claims:N0} 件 / 合計 {result.Total:N0} 円\n");
        if (result.ZeroClaims > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"助成額 0 円のレセプト: {result.ZeroClaims:N0} 件\n");
        }

        if (result.HeldOutPayees > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"保留（口座・金融機関・受取人名を確認）: {result.HeldOutPayees:N0} 人 {result.HeldOutAmount:N0} 円\n");
        }

        if (result.InKindClaims > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"現物給付のため対象外（審査支払機関と精算）: {result.InKindClaims:N0} 件\n");
        }

        return text.ToString();
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliExitException(ExitCodes.Usage, $"--pay-date は YYYY-MM-DD で指定してください: {text}");

    private static TerminalProgress? Progress(CliEnvironment environment) =>
        environment.IsOutputTerminal ? new TerminalProgress(environment.Out) : null;

    private static void EndProgress(CliEnvironment environment)
    {
        if (environment.IsOutputTerminal)
        {
            environment.Out.WriteLine();
        }
    }

    /// <summary>"助成額の算定 12,000 / 30,000 件" on one terminal line; written synchronously.</summary>
    private sealed class TerminalProgress(TextWriter output) : IProgress<PaymentProgress>
    {
        public void Report(PaymentProgress value)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\r{value.Stage} {value.Done:N0} / {value.Total:N0} 件  "));
            output.Flush();
        }
    }
}
