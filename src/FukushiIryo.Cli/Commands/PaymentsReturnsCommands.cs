using System.CommandLine;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Exports;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Payments;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// 支払 B (ADR 0032): <c>fukushi payments returns list|record|import|release|notice</c> (振込不能) and
/// <c>fukushi payments in-kind record|import|show|approve|export</c> (現物給付 settlement, decisions.md D17).
/// </summary>
internal static class PaymentsReturnsCommands
{
    public static Command Returns(GlobalOptions options, CliEnvironment environment)
    {
        var returns = new Command("returns", "振込不能（記録・取込・再振込の解除・振込不能通知）");
        returns.Subcommands.Add(List(options, environment));
        returns.Subcommands.Add(Record(options, environment));
        returns.Subcommands.Add(Import(options, environment));
        returns.Subcommands.Add(Release(options, environment));
        returns.Subcommands.Add(Notice(options, environment));
        return returns;
    }

    public static Command InKind(GlobalOptions options, CliEnvironment environment)
    {
        var inKind = new Command("in-kind", "現物給付の精算（審査支払機関の請求書の照合・承認・会計連携データ）");
        inKind.Subcommands.Add(InKindRecord(options, environment));
        inKind.Subcommands.Add(InKindImport(options, environment));
        inKind.Subcommands.Add(InKindShow(options, environment));
        inKind.Subcommands.Add(InKindApprove(options, environment));
        inKind.Subcommands.Add(InKindExport(options, environment));
        return inKind;
    }

    private static Command List(GlobalOptions options, CliEnvironment environment)
    {
        var command = new Command("list", "振込不能の一覧（新しい順、再振込の状況つき）");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments returns list", cancellationToken).ConfigureAwait(false);
            var views = await session.Services.GetRequiredService<ReturnedTransfers>().ListAsync(cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder("ID,処理年月,振込指定日,受給者番号,金額,不能事由,状況,口座訂正\n");
            foreach (var view in views)
            {
                var t = view.Transfer;
                text.Append(CultureInfo.InvariantCulture,
                    $"{t.Id},{t.ProcessingMonth},{t.PayDate:yyyy-MM-dd},{t.RecipientNumber},{t.Amount},{ReturnedTransferReasons.Label(t.Reason)},{ReturnedTransfers.StatusLabel(view.AdjustmentStatus)},{(view.AccountCorrected ? "済" : "")}\n");
            }

            await environment.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Record(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "振込した支払の処理年月 YYYY-MM", Required = true };
        var recipient = new Option<string>("--recipient") { Description = "支払先の受給者番号", Required = true };
        var amount = new Option<long>("--amount") { Description = "振込不能の金額（円、振込額と同じ）", Required = true };
        var reason = new Option<string>("--reason") { Description = "不能事由: 1 口座なし, 2 名義相違, 3 解約済, 9 その他", Required = true };
        var note = new Option<string?>("--note") { Description = "備考（その他の理由など）" };
        var command = new Command("record", "銀行から戻った振込（振込不能）を手入力で記録し、再振込を保留にする（支払）") { month, recipient, amount, reason, note };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            if (!ReturnedTransferReasons.TryParse(parsed.GetValue(reason), out var why))
            {
                throw new CliExitException(ExitCodes.Usage, "--reason は 1（口座なし）, 2（名義相違）, 3（解約済）, 9（その他）のどれかです。");
            }

            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments returns record", cancellationToken).ConfigureAwait(false);
            ReturnedTransfer recorded;
            try
            {
                recorded = await session.Services.GetRequiredService<ReturnedTransfers>()
                    .RecordAsync(new ReturnedTransferInput(processing, parsed.GetValue(recipient)!, parsed.GetValue(amount), why, parsed.GetValue(note)), session.Actor, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ReturnedTransferRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"振込不能 {recorded.Id} を記録しました（受給者番号 {recorded.RecipientNumber}、{recorded.Amount:N0} 円、{ReturnedTransferReasons.Label(recorded.Reason)}）。再振込は口座の訂正まで保留です。\n")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(GlobalOptions options, CliEnvironment environment)
    {
        var file = new Argument<string>("FILE") { Description = "銀行の振込不能結果ファイル" };
        var layout = new Option<string?>("--layout") { Description = "銀行ごとの配置ファイル（JSON。省略時は組み込みのCSV）" };
        var command = new Command("import", "振込不能結果ファイルを取り込む（全件が正しいときだけ記録。誤りは FILE.errors.csv に行ごとに出力）（支払）") { file, layout };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = Path.GetFullPath(parsed.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new CliExitException(ExitCodes.Usage, $"ファイルがありません: {path}");
            }

            ReturnedTransferLayout? bank = null;
            try
            {
                bank = parsed.GetValue(layout) is { } layoutPath ? ReturnedTransferLayout.Load(layoutPath) : null;
            }
            catch (Exception exception) when (exception is ImportLayoutException or IOException)
            {
                throw new CliExitException(ExitCodes.Rejected, $"配置ファイルが正しくありません: {exception.Message}");
            }

            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments returns import", cancellationToken).ConfigureAwait(false);
            var result = await session.Services.GetRequiredService<ReturnedTransfers>().ImportAsync(path, bank, session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!result.Imported)
            {
                var report = ImportErrorReport.DefaultPath(path, null);
                ImportErrorReport.Write(report, result.Problems);
                foreach (var problem in result.Problems.Take(1000))
                {
                    await environment.Error.WriteLineAsync($"{Path.GetFileName(path)}:{problem.Line}: {problem.Column}: 「{problem.Value}」 {problem.Reason}").ConfigureAwait(false);
                }

                throw new CliExitException(ExitCodes.Rejected, $"誤りがあるため何も記録していません（{result.Problems.Count} 件、{report}）。");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"振込不能 {result.Rows.Count:N0} 件 {result.Total:N0} 円を記録しました（配置 {result.LayoutName}、sha256:{result.Sha256}）。再振込は口座の訂正まで保留です。\n");
            foreach (var row in result.Rows)
            {
                text.Append(CultureInfo.InvariantCulture, $"{row.Line}: {row.Month} {row.RecipientNumber} {row.Amount:N0} 円 {ReturnedTransferReasons.Label(row.Reason)}\n");
            }

            await environment.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Release(GlobalOptions options, CliEnvironment environment)
    {
        var id = new Option<long>("--id") { Description = "payments returns list の ID", Required = true };
        var command = new Command("release", "口座の訂正（記載事項変更）の後、保留中の再振込を次回の支払に回す（支払）") { id };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments returns release", cancellationToken).ConfigureAwait(false);
            ReturnedTransfer released;
            try
            {
                released = await session.Services.GetRequiredService<ReturnedTransfers>().ReleaseAsync(parsed.GetValue(id), session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ReturnedTransferRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }
            catch (Exception conflict) when (CliFaults.IsConcurrentChange(conflict))
            {
                throw new CliExitException(ExitCodes.Rejected, "同時に行われた処理と競合しました（何も変更していません）。もう一度実行してください。");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"振込不能 {released.Id}（受給者番号 {released.RecipientNumber}、{released.Amount:N0} 円）の再振込を解除しました。次回の支払で振り込みます。\n")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Notice(GlobalOptions options, CliEnvironment environment)
    {
        var id = new Option<long>("--id") { Description = "payments returns list の ID", Required = true };
        var output = new Option<string>("--out") { Description = "出力する PDF ファイル", Required = true };
        var command = new Command("notice", "振込不能通知（口座の届出のお願い）を PDF に出力する（印刷として記録）（支払）") { id, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = Path.GetFullPath(parsed.GetValue(output)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments returns notice", cancellationToken).ConfigureAwait(false);
            RenderedDocument document;
            try
            {
                var input = await session.Services.GetRequiredService<ReturnedTransfers>().NoticeInputAsync(parsed.GetValue(id), cancellationToken).ConfigureAwait(false);
                document = await session.Services.GetRequiredService<DocumentPrints>()
                    .PrintAsync(input, DocumentSubject.Recipient(input.RecipientNumber), session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ReturnedTransferRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }

            try
            {
                await AtomicFile.WriteAllBytesAsync(path, document.Pdf, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliExitException(ExitCodes.Environment, $"ファイルを書き込めません: {path}（{exception.Message}）");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync($"振込不能通知を {path} に出力しました（{document.PageCount} ページ）。\n").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command InKindRecord(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        var clearinghouse = new Option<string>("--clearinghouse") { Description = "審査支払機関: kokuhoren（国保連）または shiharai-kikin（支払基金）", Required = true };
        var count = new Option<int>("--count") { Description = "請求書の件数", Required = true };
        var amount = new Option<long>("--amount") { Description = "請求書の金額（助成額、円）", Required = true };
        var command = new Command("record", "審査支払機関の現物給付の請求書を記録し、審査結果と照合する（承認前なら入力し直せる）（支払）") { month, clearinghouse, count, amount };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            var code = InKindSettlements.ParseClearinghouse(parsed.GetValue(clearinghouse))
                ?? throw new CliExitException(ExitCodes.Usage, "--clearinghouse は kokuhoren（国保連）か shiharai-kikin（支払基金）です。");
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments in-kind record", cancellationToken).ConfigureAwait(false);
            InKindInvoice invoice;
            try
            {
                invoice = await session.Services.GetRequiredService<InKindSettlements>()
                    .RecordAsync(processing, code, parsed.GetValue(count), parsed.GetValue(amount), session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (InKindSettlementRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }
            catch (MasterDataMissingException missing)
            {
                throw new CliExitException(ExitCodes.Environment, missing.Message);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(Describe(invoice)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command InKindImport(GlobalOptions options, CliEnvironment environment)
    {
        var file = new Argument<string>("FILE") { Description = "請求書の CSV（処理年月,審査支払機関,件数,金額）" };
        var command = new Command("import", "請求書の CSV を読み、機関・月ごとに記録して照合する（誤りがあれば何も記録しない）（支払）") { file };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = Path.GetFullPath(parsed.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new CliExitException(ExitCodes.Usage, $"ファイルがありません: {path}");
            }

            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments in-kind import", cancellationToken).ConfigureAwait(false);
            IReadOnlyList<InKindInvoice> invoices;
            IReadOnlyList<ImportProblem> problems;
            try
            {
                (invoices, problems) = await session.Services.GetRequiredService<InKindSettlements>().ImportAsync(path, session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (MasterDataMissingException missing)
            {
                throw new CliExitException(ExitCodes.Environment, missing.Message);
            }

            if (invoices.Count == 0)
            {
                foreach (var problem in problems)
                {
                    await environment.Error.WriteLineAsync($"{Path.GetFileName(path)}:{problem.Line}: {problem.Column}: 「{problem.Value}」 {problem.Reason}").ConfigureAwait(false);
                }

                throw new CliExitException(ExitCodes.Rejected, "誤りがあるため何も記録していません。");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Concat(invoices.Select(Describe))).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command InKindShow(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        var command = new Command("show", "処理年月の請求書と照合結果（差異と、その原因のレセプト）を表示する") { month };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments in-kind show", cancellationToken).ConfigureAwait(false);
            var invoices = await session.Services.GetRequiredService<InKindSettlements>().InvoicesAsync(processing, cancellationToken).ConfigureAwait(false);
            if (invoices.Count == 0)
            {
                await environment.Out.WriteAsync($"処理年月 {processing} の現物給付の請求書は記録されていません。\n").ConfigureAwait(false);
            }

            await environment.Out.WriteAsync(string.Concat(invoices.Select(Describe))).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command InKindApprove(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        var payDate = new Option<string>("--pay-date") { Description = "支払日 YYYY-MM-DD（金融機関の営業日）", Required = true };
        var approval = new CliApproval();
        var command = new Command("approve", "現物給付の精算を承認する（決裁。請求書を記録した職員以外がパスワードと確認コードで行う）") { month, payDate };
        approval.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            var date = DateOnly.TryParseExact(parsed.GetValue(payDate)!, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new CliExitException(ExitCodes.Usage, "--pay-date は YYYY-MM-DD で指定してください。");
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            var user = await session.RequireUserAsync(parsed, options, "payments in-kind approve", cancellationToken).ConfigureAwait(false);
            var settlements = session.Services.GetRequiredService<InKindSettlements>();
            var invoices = await settlements.InvoicesAsync(processing, cancellationToken).ConfigureAwait(false);
            if (invoices.Any(i => string.Equals(i.RecordedBy, session.Actor, StringComparison.Ordinal)))
            {
                // Refused before the password and code are asked: the code stays unused.
                throw new CliExitException(ExitCodes.NotPermitted, "請求書を記録した職員は、同じ精算を承認できません（自己承認の禁止）。");
            }

            await approval.RequireAsync(parsed, session, user, "payments in-kind approve", cancellationToken).ConfigureAwait(false);
            IReadOnlyList<InKindInvoice> approved;
            try
            {
                approved = await settlements.ApproveAsync(processing, date, session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (InKindSettlementRefusedException refused)
            {
                throw new CliExitException(refused.NotPermitted ? ExitCodes.NotPermitted : ExitCodes.Rejected, refused.Message);
            }
            catch (PaymentRunRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }
            catch (Exception conflict) when (CliFaults.IsConcurrentChange(conflict))
            {
                throw new CliExitException(ExitCodes.Rejected, "同時に行われた処理と競合しました（承認していません）。もう一度実行してください。");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"現物給付 {processing} の精算を承認しました（支払日 {date:yyyy-MM-dd}、助成額 {approved.Sum(i => i.InvoiceAmount):N0} 円、手数料 {approved.Sum(i => i.FeeAmount):N0} 円）。\n")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command InKindExport(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        var output = new Option<string>("--out") { Description = "出力先フォルダ（支払の出力と同じ場所。なければ作成）", Required = true };
        var encoding = new Option<string>("--encoding") { Description = "文字コード: utf-8（BOM付き、既定）または cp932", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong("utf-8", "cp932");
        var command = new Command("export", "承認された現物給付の精算の会計連携データ accounting-inkind-YYYYMM.csv を出力する（支払）") { month, output, encoding };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            var folder = Path.GetFullPath(parsed.GetValue(output)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "payments in-kind export", cancellationToken).ConfigureAwait(false);
            InKindExportResult result;
            try
            {
                result = await session.Services.GetRequiredService<InKindSettlements>()
                    .ExportAsync(processing, folder, parsed.GetValue(encoding) == "cp932", session.Actor, cancellationToken).ConfigureAwait(false);
            }
            catch (InKindSettlementRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliExitException(ExitCodes.Environment, $"ファイルを書き込めません: {folder}（{exception.Message}）");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.Path} {result.Bytes:N0} バイト sha256:{result.Sha256}（{result.Lines} 行、{result.Total:N0} 円）\n")).ConfigureAwait(false);
            await PaymentsCommands.ReportCp932ReplacementsAsync(environment, result.Cp932Replacements).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One invoice with its reconciliation, for the terminal.</summary>
    private static string Describe(InKindInvoice invoice)
    {
        var text = new StringBuilder();
        var status = invoice.Status == InKindInvoiceStatus.Approved ? $"承認済（支払日 {invoice.PayDate:yyyy-MM-dd}）" : "記録済（未承認）";
        text.Append(CultureInfo.InvariantCulture, $"{ReviewMonth(invoice.ProcessingMonth)} {InKindSettlements.ClearinghouseName(invoice.Clearinghouse)}: {status}\n");
        text.Append(CultureInfo.InvariantCulture, $"  請求 {invoice.InvoiceCount:N0} 件 {invoice.InvoiceAmount:N0} 円 / 審査結果 {invoice.OurCount:N0} 件 {invoice.OurAmount:N0} 円 / 差 {invoice.CountDifference:N0} 件 {invoice.AmountDifference:N0} 円\n");
        text.Append(CultureInfo.InvariantCulture, $"  審査支払手数料 {invoice.FeePerClaim:N0} 円 × {invoice.InvoiceCount:N0} 件 = {invoice.FeeAmount:N0} 円\n");
        foreach (var difference in InKindSettlements.Differences(invoice))
        {
            text.Append(CultureInfo.InvariantCulture, $"  差異の原因: レセプト {difference.ClaimId}（受給者番号 {difference.RecipientNumber}、医療機関 {difference.ProviderCode}、診療年月 {difference.ServiceMonth}）{difference.Reason}\n");
        }

        return text.ToString();
    }

    private static string ReviewMonth(int yyyymm) => YearMonth.FromNumber(yyyymm).ToString();
}
