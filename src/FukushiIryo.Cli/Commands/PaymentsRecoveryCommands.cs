using System.CommandLine;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Exports;
using FukushiIryo.App.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// 過誤調整 and 返還 (ADR 0033) under <c>fukushi payments</c>: <c>corrections import|add</c> (再審査結果),
/// <c>adjustments eligibility</c> (資格の遡及喪失), and <c>recoveries create|sweep|repay|remind|print|list|write-off</c>
/// (返還請求; write-off is 決裁 with password and TOTP, never by the one who made the 返還請求).
/// </summary>
internal static class PaymentsRecoveryCommands
{
    /// <summary>Adds the subcommands to <c>payments</c>.</summary>
    public static void AddTo(Command payments, GlobalOptions options, CliEnvironment environment)
    {
        var corrections = new Command("corrections", "再審査結果（過誤調整）の取込と入力");
        corrections.Subcommands.Add(CorrectionsImport(options, environment));
        corrections.Subcommands.Add(CorrectionsAdd(options, environment));
        payments.Subcommands.Add(corrections);

        var adjustments = new Command("adjustments", "支払調整（過誤調整）");
        adjustments.Subcommands.Add(Eligibility(options, environment));
        payments.Subcommands.Add(adjustments);

        var recoveries = new Command("recoveries", "返還請求（作成・戻入・督促・返還請求書・出納への一覧・不納欠損）");
        recoveries.Subcommands.Add(Create(options, environment));
        recoveries.Subcommands.Add(Sweep(options, environment));
        recoveries.Subcommands.Add(Repay(options, environment));
        recoveries.Subcommands.Add(Remind(options, environment));
        recoveries.Subcommands.Add(Print(options, environment));
        recoveries.Subcommands.Add(List(options, environment));
        recoveries.Subcommands.Add(WriteOff(options, environment));
        payments.Subcommands.Add(recoveries);
    }

    private static Command CorrectionsImport(GlobalOptions options, CliEnvironment environment)
    {
        var file = new Argument<string>("FILE") { Description = "再審査結果CSV（docs/formats/claim-corrections.md）" };
        var command = new Command("import", "再審査結果CSVを取り込み、レセプトごとの差額を支払調整にする（1行でも誤りがあれば何も記録しない）") { file };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = Path.GetFullPath(parsed.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new CliExitException(ExitCodes.Rejected, $"ファイルがありません: {path}");
            }

            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments corrections import", cancellationToken).ConfigureAwait(false);
            ClaimCorrectionImportResult result;
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                result = await session.Services.GetRequiredService<ClaimCorrections>().ImportAsync(stream, session.Actor, cancellationToken).ConfigureAwait(false);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder();
            foreach (var row in result.Rows)
            {
                text.Append(row.Error is { } error
                    ? string.Create(CultureInfo.InvariantCulture, $"{row.Line} 行目: 誤り {error}\n")
                    : string.Create(CultureInfo.InvariantCulture, $"{row.Line} 行目: レセプトID {row.MedicalClaimId} 助成額 {row.PreviousSubsidy:N0} 円 → {row.NewSubsidy:N0} 円（差額 {row.Difference:N0} 円）\n"));
            }

            text.Append(result.Imported
                ? string.Create(CultureInfo.InvariantCulture, $"取り込みました: {result.Rows.Count:N0} 件、差額合計 {result.TotalDifference:N0} 円（sha256:{result.Sha256}）。\n")
                : "誤りがあるため、何も記録していません。\n");
            await environment.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
            return result.Imported ? ExitCodes.Success : ExitCodes.Rejected;
        });
        return command;
    }

    private static Command CorrectionsAdd(GlobalOptions options, CliEnvironment environment)
    {
        var claim = new Option<long>("--claim") { Description = "レセプトID", Required = true };
        var withdrawn = new Option<bool>("--withdrawn") { Description = "取下げ（金額は指定しない）" };
        var decided = new Option<string>("--decided-on") { Description = "再審査の決定日 YYYY-MM-DD", Required = true };
        var reason = new Option<string>("--reason") { Description = "理由（減点・取下げの事由）", Required = true };
        var points = new Option<long?>("--points") { Description = "訂正後の点数" };
        var share = new Option<long?>("--share") { Description = "訂正後の保険自己負担額（円）" };
        var highCost = new Option<long?>("--high-cost") { Description = "訂正後の高額療養費（円）" };
        var extra = new Option<long?>("--extra-benefit") { Description = "訂正後の附加給付（円）" };
        var other = new Option<long?>("--other-public") { Description = "訂正後の他公費負担額（円）" };
        var command = new Command("add", "再審査結果を1件入力し、差額を支払調整にする") { claim, withdrawn, decided, reason, points, share, highCost, extra, other };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = new ClaimCorrectionRequest(
                parsed.GetValue(claim), parsed.GetValue(withdrawn) ? ClaimCorrectionKind.Withdrawn : ClaimCorrectionKind.Corrected,
                ParseDate(parsed.GetValue(decided)!, "--decided-on"), parsed.GetValue(reason)!,
                parsed.GetValue(points), parsed.GetValue(share), parsed.GetValue(highCost), parsed.GetValue(extra), parsed.GetValue(other));
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments corrections add", cancellationToken).ConfigureAwait(false);
            ClaimCorrection correction;
            try
            {
                correction = await session.Services.GetRequiredService<ClaimCorrections>().RecordAsync(request, session.Actor, cancellationToken).ConfigureAwait(false);
            }
            catch (ClaimCorrectionRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"レセプトID {correction.MedicalClaimId}: 助成額 {correction.PreviousSubsidy:N0} 円 → {correction.NewSubsidy:N0} 円（差額 {correction.Difference:N0} 円{(correction.PaymentAdjustmentId is { } id ? $"、支払調整 {id}" : "、調整なし")}）。\n")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Eligibility(GlobalOptions options, CliEnvironment environment)
    {
        var recipient = new Option<string?>("--recipient") { Description = "受給者番号（その受給者と、その受給者に支払う児童）。省略すると喪失のある全受給者" };
        var command = new Command("eligibility", "資格の遡及喪失: 支払済みのレセプトのうち診療月が資格の期間外のものを減額の支払調整にする") { recipient };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments adjustments eligibility", cancellationToken).ConfigureAwait(false);
            IReadOnlyList<EligibilityAdjustmentLine> lines;
            try
            {
                lines = await session.Services.GetRequiredService<EligibilityAdjustments>().ApplyAsync(parsed.GetValue(recipient), session.Actor, cancellationToken).ConfigureAwait(false);
            }
            catch (ClaimCorrectionRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder();
            foreach (var line in lines)
            {
                text.Append(CultureInfo.InvariantCulture, $"受給者番号 {line.RecipientNumber} 診療月 {line.ServiceMonth} レセプトID {line.MedicalClaimId}: −{line.PaidSoFar:N0} 円（支払調整 {line.AdjustmentId}）\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"資格の期間外の支払済みレセプト: {lines.Count:N0} 件、減額合計 {lines.Sum(l => l.PaidSoFar):N0} 円。\n");
            await environment.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Create(GlobalOptions options, CliEnvironment environment)
    {
        var payee = new Option<string>("--payee") { Description = "支払先の受給者番号", Required = true };
        var reason = new Option<string>("--reason") { Description = "返還請求にする理由", Required = true };
        var due = new Option<string?>("--due") { Description = "納期限 YYYY-MM-DD（省略: 設定 payment.recovery-due-days 日後）" };
        var command = new Command("create", "支払先の未調整の減額（過誤調整）をまとめて返還請求にする（職員の判断）") { payee, reason, due };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            DateOnly? dueDate = parsed.GetValue(due) is { } text ? ParseDate(text, "--due") : null;
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments recoveries create", cancellationToken).ConfigureAwait(false);
            var recovery = await Run(() => session.Services.GetRequiredService<Recoveries>().CreateAsync(parsed.GetValue(payee)!, parsed.GetValue(reason)!, session.Actor, dueDate, cancellationToken)).ConfigureAwait(false);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(Made([recovery])).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Sweep(GlobalOptions options, CliEnvironment environment)
    {
        var asOf = new Option<string>("--as-of") { Description = "基準日 YYYY-MM-DD", Required = true };
        var command = new Command("sweep", "規則による返還請求: 資格のない支払先、または減額が設定の月数以上相殺されない支払先") { asOf };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var date = ParseDate(parsed.GetValue(asOf)!, "--as-of");
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments recoveries sweep", cancellationToken).ConfigureAwait(false);
            var made = await Run(() => session.Services.GetRequiredService<Recoveries>().SweepAsync(date, session.Actor, cancellationToken)).ConfigureAwait(false);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(Made(made)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Repay(GlobalOptions options, CliEnvironment environment)
    {
        var number = new Option<string>("--number") { Description = "返還請求番号", Required = true };
        var date = new Option<string>("--date") { Description = "収納日 YYYY-MM-DD", Required = true };
        var amount = new Option<long>("--amount") { Description = "戻入額（円）", Required = true };
        var note = new Option<string?>("--note") { Description = "備考（納付方法など）" };
        var command = new Command("repay", "戻入（返還金の収納、一部でも可）を記録する") { number, date, amount, note };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var received = ParseDate(parsed.GetValue(date)!, "--date");
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments recoveries repay", cancellationToken).ConfigureAwait(false);
            var balance = await Run(() => session.Services.GetRequiredService<Recoveries>()
                .RepayAsync(parsed.GetValue(number)!, received, parsed.GetValue(amount), session.Actor, parsed.GetValue(note), cancellationToken)).ConfigureAwait(false);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(Balance(balance)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remind(GlobalOptions options, CliEnvironment environment)
    {
        var asOf = new Option<string>("--as-of") { Description = "基準日 YYYY-MM-DD（この日より前に期限が過ぎた未納のもの）", Required = true };
        var output = new Option<string>("--out") { Description = "督促状PDFの出力先ファイル", Required = true };
        var command = new Command("remind", "納期限を過ぎた未納の返還請求に督促状を出す（新しい指定期限つき）") { asOf, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var date = ParseDate(parsed.GetValue(asOf)!, "--as-of");
            var path = Path.GetFullPath(parsed.GetValue(output)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments recoveries remind", cancellationToken).ConfigureAwait(false);
            var (overdue, pdf) = await Run(() => session.Services.GetRequiredService<Recoveries>().RemindAsync(date, session.Actor, cancellationToken)).ConfigureAwait(false);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            if (pdf is null)
            {
                await environment.Out.WriteAsync("期限を過ぎた未納の返還請求はありません。\n").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await AtomicFile.WriteAllBytesAsync(path, pdf.Pdf, cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder();
            foreach (var balance in overdue)
            {
                text.Append(Balance(balance));
            }

            text.Append(CultureInfo.InvariantCulture, $"督促状 {overdue.Count:N0} 件を {path} に出力しました。\n");
            await environment.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Print(GlobalOptions options, CliEnvironment environment)
    {
        var number = new Option<string>("--number") { Description = "返還請求番号", Required = true };
        var date = new Option<string>("--date") { Description = "通知日 YYYY-MM-DD", Required = true };
        var output = new Option<string>("--out") { Description = "返還請求書PDFの出力先ファイル", Required = true };
        var command = new Command("print", "返還請求書（PDF）を出力する") { number, date, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var noticeDate = ParseDate(parsed.GetValue(date)!, "--date");
            var path = Path.GetFullPath(parsed.GetValue(output)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments recoveries print", cancellationToken).ConfigureAwait(false);
            var pdf = await Run(() => session.Services.GetRequiredService<Recoveries>().DemandAsync(parsed.GetValue(number)!, noticeDate, session.Actor, cancellationToken)).ConfigureAwait(false);
            await AtomicFile.WriteAllBytesAsync(path, pdf.Pdf, cancellationToken).ConfigureAwait(false);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync($"返還請求書を {path} に出力しました。\n").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(GlobalOptions options, CliEnvironment environment)
    {
        var output = new Option<string?>("--out") { Description = "出納への一覧CSV（調定額・収入済額・不納欠損額・未収額）の出力先ファイル" };
        var asOf = new Option<string?>("--as-of") { Description = "CSVの基準日 YYYY-MM-DD（既定: 今日）" };
        var command = new Command("list", "返還請求の一覧（--out で出納への一覧CSV）") { output, asOf };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments recoveries list", cancellationToken).ConfigureAwait(false);
            var recoveries = session.Services.GetRequiredService<Recoveries>();
            if (parsed.GetValue(output) is { } file)
            {
                var date = parsed.GetValue(asOf) is { } text ? ParseDate(text, "--as-of") : DateOnly.FromDateTime(environment.Clock.GetUtcNow().UtcDateTime);
                var path = Path.GetFullPath(file);
                await AtomicFile.WriteAllBytesAsync(path, await recoveries.LedgerCsvAsync(date, session.Actor, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
                await environment.Out.WriteAsync($"出納への一覧（{date:yyyy-MM-dd} 現在）を {path} に出力しました。\n").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var text2 = new StringBuilder();
            foreach (var balance in await recoveries.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                text2.Append(Balance(balance));
            }

            await environment.Out.WriteAsync(text2.Length == 0 ? "返還請求はありません。\n" : text2.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command WriteOff(GlobalOptions options, CliEnvironment environment)
    {
        var number = new Option<string>("--number") { Description = "返還請求番号", Required = true };
        var reason = new Option<string>("--reason") { Description = "不納欠損の理由（時効・所在不明など）", Required = true };
        var approval = new CliApproval();
        var command = new Command("write-off", "返還請求の未収額を不納欠損にする（決裁。返還請求を作成した職員以外がパスワードと確認コードで行う）") { number, reason };
        approval.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            var user = await session.RequireUserAsync(parsed, options, "payments recoveries write-off", cancellationToken).ConfigureAwait(false);
            var recoveries = session.Services.GetRequiredService<Recoveries>();
            var current = await Run(() => recoveries.BalanceOfAsync(parsed.GetValue(number)!, cancellationToken)).ConfigureAwait(false);
            if (string.Equals(current.Recovery.CreatedBy, session.Actor, StringComparison.Ordinal))
            {
                // Refused before the password and code are asked: the code stays unused.
                throw new CliExitException(ExitCodes.NotPermitted, "返還請求を作成した職員は、同じ返還請求の不納欠損を決裁できません。");
            }

            await approval.RequireAsync(parsed, session, user, "payments recoveries write-off", cancellationToken).ConfigureAwait(false);
            var balance = await Run(() => recoveries.WriteOffAsync(parsed.GetValue(number)!, parsed.GetValue(reason)!, session.Actor, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"返還請求 {balance.Recovery.Number} の未収額 {balance.Recovery.WrittenOffAmount:N0} 円を不納欠損にしました。\n")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<T> Run<T>(Func<Task<T>> act)
    {
        try
        {
            return await act().ConfigureAwait(false);
        }
        catch (RecoveryRefusedException refused)
        {
            throw new CliExitException(refused.NotPermitted ? ExitCodes.NotPermitted : ExitCodes.Rejected, refused.Message);
        }
        catch (ConcurrencyConflictException conflict)
        {
            throw new CliExitException(ExitCodes.Rejected, conflict.Message);
        }
    }

    private static string Made(IReadOnlyList<Recovery> made)
    {
        var text = new StringBuilder();
        foreach (var recovery in made)
        {
            text.Append(CultureInfo.InvariantCulture, $"返還請求 {recovery.Number}: {recovery.Amount:N0} 円、納期限 {recovery.DueDate:yyyy-MM-dd}（{recovery.Reason}）\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"返還請求 {made.Count:N0} 件を作成しました。\n");
        return text.ToString();
    }

    private static string Balance(RecoveryBalance balance) => string.Create(CultureInfo.InvariantCulture,
        $"{balance.Recovery.Number} 受給者番号 {balance.RecipientNumber} 調定額 {balance.Recovery.Amount:N0} 円 収入済額 {balance.Repaid:N0} 円 不納欠損額 {balance.Recovery.WrittenOffAmount:N0} 円 未収額 {balance.Outstanding:N0} 円 納期限 {balance.Recovery.DueDate:yyyy-MM-dd} {Recoveries.StatusText(balance.Recovery.Status)}\n");

    private static DateOnly ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliExitException(ExitCodes.Usage, $"{option} は YYYY-MM-DD で指定してください: {text}");
}
