using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Exports;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.App.Settings;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;
using FukushiIryo.Domain.Review;
using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Payments;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>One of our 現物給付 receipts behind a difference: why it is not in our figures.</summary>
public sealed record InKindDifference(long ClaimId, string? RecipientNumber, string ProviderCode, int ServiceMonth, string Reason);

/// <summary>Our side of a 請求書: the 可 receipts and their 助成額, and the receipts that are not 可.</summary>
public sealed record InKindReconciliation(
    YearMonth Month, string Clearinghouse, int OurCount, long OurAmount, long FeePerClaim, IReadOnlyList<InKindDifference> NotAccepted);

/// <summary>A 現物給付 settlement refused (exit 1, or 3 when <see cref="NotPermitted"/>: self-approval).</summary>
public sealed class InKindSettlementRefusedException(string message, bool notPermitted = false) : InvalidOperationException(message)
{
    public bool NotPermitted { get; } = notPermitted;
}

/// <summary>What an export of the settlement wrote.</summary>
public sealed record InKindExportResult(string Path, long Bytes, string Sha256, int Lines, long Total)
{
    /// <summary>One line per character the CP932 file could not hold and what was written instead (ADR 0038).</summary>
    public IReadOnlyList<string> Cp932Replacements { get; init; } = [];
}

/// <summary>
/// 現物給付 settlement (decisions.md D17, ADR 0032): the 審査支払機関's 請求書 for the 現物給付 receipts of a
/// 処理年月 (件数 and 金額 per 機関, entered or read from a small CSV) is reconciled against our 審査 results
/// of those receipts — count and 助成額 (SubsidyComputation via ClaimSubsidyTerms) — with the 審査支払手数料
/// from the <see cref="ClearinghouseFee"/> master; the differences are reported per 機関 with the receipts
/// behind them where we can tell. 決裁 (not the staff who recorded) approves the month; the approved
/// settlement is written as accounting lines (<c>accounting-inkind-YYYYMM.csv</c>), never through 全銀.
/// </summary>
public sealed class InKindSettlements(FukushiDbContext db, TimeProvider clock, SystemSettings settings)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The 機関 codes (MedicalClaim.Clearinghouse) in the order written.</summary>
    public static IReadOnlyList<string> Clearinghouses { get; } = [ClearinghouseFee.Kokuhoren, ClearinghouseFee.ShiharaiKikin];

    /// <summary>国保連, 支払基金.</summary>
    public static string ClearinghouseName(string code) => code switch
    {
        ClearinghouseFee.Kokuhoren => "国保連",
        ClearinghouseFee.ShiharaiKikin => "支払基金",
        _ => code,
    };

    /// <summary>Reads a 機関 as typed: its code, or 国保連 / 支払基金.</summary>
    public static string? ParseClearinghouse(string? text)
    {
        var value = text?.Trim();
        return Clearinghouses.FirstOrDefault(c => c == value || ClearinghouseName(c) == value);
    }

    public static string AccountingName(YearMonth month) =>
        $"accounting-inkind-{month.ToNumber().ToString("D6", CultureInfo.InvariantCulture)}.csv";

    /// <summary>The 請求書 of a month, in 機関 order.</summary>
    public async Task<IReadOnlyList<InKindInvoice>> InvoicesAsync(YearMonth month, CancellationToken cancellationToken = default)
    {
        int key = month.ToNumber();
        var rows = await db.InKindInvoices.AsNoTracking().Where(i => i.ProcessingMonth == key).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(i => Clearinghouses.ToList().IndexOf(i.Clearinghouse))];
    }

    /// <summary>The receipts behind an invoice's differences, as stored at its reconciliation.</summary>
    public static IReadOnlyList<InKindDifference> Differences(InKindInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return JsonSerializer.Deserialize<List<InKindDifference>>(invoice.DifferencesJson, Json) ?? [];
    }

    /// <summary>Our 現物給付 receipts of <paramref name="month"/> from <paramref name="clearinghouse"/>: 可 counted and computed; the others listed.</summary>
    public async Task<InKindReconciliation> ReconcileAsync(YearMonth month, string clearinghouse, CancellationToken cancellationToken = default)
    {
        int key = month.ToNumber();
        var inKindPayers = await db.PublicPayers.AsNoTracking().Where(p => p.BenefitMethod == Eligibility.BenefitMethod.InKind)
            .Select(p => p.PayerNumber).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var claims = await db.MedicalClaims.AsNoTracking()
            .Where(c => c.ProcessingMonth == key && c.Source == MedicalClaimSource.Uke && c.Clearinghouse == clearinghouse
                && c.PayerNumber != null && inKindPayers.Contains(c.PayerNumber))
            .OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = claims.Select(c => c.Id).ToList();
        var reviews = await db.ClaimReviews.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.MedicalClaimId) && r.SupersededAt == null)
            .ToDictionaryAsync(r => r.MedicalClaimId, cancellationToken).ConfigureAwait(false);

        var accepted = new List<MedicalClaim>();
        var notAccepted = new List<InKindDifference>();
        foreach (var claim in claims)
        {
            var review = reviews.GetValueOrDefault(claim.Id);
            string? reason = claim.RecipientId is null ? "受給者と照合できていません"
                : review is null ? "審査されていません"
                : review.Status == ClaimReviewStatus.Approved || (review.Status == ClaimReviewStatus.Open && review.Outcome == ReviewOutcome.Accepted) ? null
                : review.Status == ClaimReviewStatus.Rejected ? "審査で否認しました"
                : review.Outcome == ReviewOutcome.Rejected ? "審査の結果が否です"
                : "審査で要確認のままです";
            if (reason is null)
            {
                accepted.Add(claim);
            }
            else
            {
                notAccepted.Add(new InKindDifference(claim.Id, claim.RecipientNumber, claim.ProviderCode, claim.ServiceMonth, reason));
            }
        }

        long amount = 0;
        if (accepted.Count > 0)
        {
            var inputs = await new ClaimSubsidyTerms(db).BuildAsync(accepted, cancellationToken).ConfigureAwait(false);
            amount = SubsidyComputation.Compute(inputs, SubsidyHistory.Empty).Sum(r => r.Subsidy);
        }

        var firstDay = new DateOnly(month.Year, month.Month, 1);
        var fee = (await db.ClearinghouseFees.AsNoTracking().Where(f => f.Clearinghouse == clearinghouse).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ValidOn(firstDay).OrderByDescending(f => f.ValidFrom).FirstOrDefault()
            ?? throw new MasterDataMissingException($"審査支払手数料（{ClearinghouseName(clearinghouse)}）の {firstDay:yyyy-MM-dd} に有効な行がありません。マスタを登録してください。");
        return new InKindReconciliation(month, clearinghouse, accepted.Count, amount, fee.FeePerClaim, notAccepted);
    }

    /// <summary>
    /// Records (or enters again, until approved) the 請求書 of a 機関 for a month and reconciles it; the
    /// figures and the receipts behind the differences are stored with it and audited.
    /// </summary>
    public async Task<InKindInvoice> RecordAsync(
        YearMonth month, string clearinghouse, int count, long amount, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!Clearinghouses.Contains(clearinghouse))
        {
            throw new InKindSettlementRefusedException("審査支払機関は 国保連（kokuhoren）か 支払基金（shiharai-kikin）です。");
        }

        if (count < 0 || amount < 0)
        {
            throw new InKindSettlementRefusedException("請求件数と請求金額は 0 以上で入力してください。");
        }

        db.ChangeTracker.Clear();
        var reconciliation = await ReconcileAsync(month, clearinghouse, cancellationToken).ConfigureAwait(false);
        int key = month.ToNumber();
        var invoice = await db.InKindInvoices.SingleOrDefaultAsync(i => i.ProcessingMonth == key && i.Clearinghouse == clearinghouse, cancellationToken).ConfigureAwait(false);
        if (invoice is { Status: InKindInvoiceStatus.Approved })
        {
            throw new InKindSettlementRefusedException($"処理年月 {month} の{ClearinghouseName(clearinghouse)}の請求書は承認済みです。変更できません。");
        }

        if (invoice is null)
        {
            invoice = new InKindInvoice { ProcessingMonth = key, Clearinghouse = clearinghouse, Status = InKindInvoiceStatus.Recorded };
            db.InKindInvoices.Add(invoice);
        }

        Apply(invoice, reconciliation, count, amount);
        invoice.RecordedBy = actor;
        invoice.RecordedAt = AppClock.Now(clock);
        db.AddAudit(new AuditEntry(actor, AuditEventType.InKindInvoiceRecorded, "inkind-invoice", $"{key}-{clearinghouse}", new Dictionary<string, object?>
        {
            ["month"] = month.ToString(),
            ["clearinghouse"] = clearinghouse,
            ["invoiceCount"] = count,
            ["invoiceAmount"] = amount,
            ["ourCount"] = invoice.OurCount,
            ["ourAmount"] = invoice.OurAmount,
            ["feePerClaim"] = invoice.FeePerClaim,
            ["feeAmount"] = invoice.FeeAmount,
            ["countDifference"] = invoice.CountDifference,
            ["amountDifference"] = invoice.AmountDifference,
            ["notAccepted"] = invoice.NotAcceptedCount,
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return invoice;
    }

    /// <summary>
    /// Reads the 請求書 CSV (docs/formats/in-kind-settlement.md: 処理年月, 審査支払機関, 件数, 金額) and records each
    /// row; a file with any problem records nothing (the problems are returned).
    /// </summary>
    public async Task<(IReadOnlyList<InKindInvoice> Invoices, IReadOnlyList<ImportProblem> Problems)> ImportAsync(
        string path, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        var layout = ImportLayout.Parse("""
            { "name": "inkind-invoices", "format": "csv", "header": true,
              "columns": [ { "field": "処理年月" }, { "field": "審査支払機関" }, { "field": "件数" }, { "field": "金額" } ] }
            """, "inkind-invoices");
        var problems = new List<ImportProblem>();
        var rows = new List<(YearMonth Month, string Clearinghouse, int Count, long Amount)>();
        using (var file = ImportFile.Open(path, layout))
        {
            problems.AddRange(file.FileProblems);
            foreach (var record in file.Records())
            {
                problems.AddRange(record.Problems);
                int before = problems.Count;
                var month = FieldParsers.Month(record, "処理年月", problems);
                var clearinghouse = ParseClearinghouse(record["審査支払機関"]);
                if (clearinghouse is null)
                {
                    problems.Add(new ImportProblem(record.Line, "審査支払機関", record.Raw("審査支払機関") ?? string.Empty, "国保連・支払基金（kokuhoren・shiharai-kikin）のどれかを書いてください"));
                }

                var count = FieldParsers.Integer(record, "件数", problems);
                var amount = FieldParsers.Amount(record, "金額", problems);
                if (problems.Count == before && month is { } m && count is { } c && amount is { } a)
                {
                    if (rows.Any(r => r.Month == m && r.Clearinghouse == clearinghouse))
                    {
                        problems.Add(new ImportProblem(record.Line, "審査支払機関", record.Raw("審査支払機関") ?? string.Empty, "同じ月と機関の行が2回あります"));
                    }
                    else
                    {
                        rows.Add((m, clearinghouse!, c, a));
                    }
                }
            }
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ImportProblem(0, string.Empty, string.Empty, "請求書の行がありません。"));
        }

        if (problems.Any(p => p.Severity == ImportSeverity.Error))
        {
            return ([], problems);
        }

        foreach (var (month, clearinghouse, _, _) in rows)
        {
            int key = month.ToNumber();
            if (await db.InKindInvoices.AnyAsync(i => i.ProcessingMonth == key && i.Clearinghouse == clearinghouse && i.Status == InKindInvoiceStatus.Approved, cancellationToken).ConfigureAwait(false))
            {
                return ([], [new ImportProblem(0, "審査支払機関", clearinghouse, $"処理年月 {month} の{ClearinghouseName(clearinghouse)}の請求書は承認済みです（何も記録していません）")]);
            }
        }

        var invoices = new List<InKindInvoice>();
        foreach (var (month, clearinghouse, count, amount) in rows)
        {
            invoices.Add(await RecordAsync(month, clearinghouse, count, amount, actor, clientAddress, cancellationToken).ConfigureAwait(false));
        }

        return (invoices, problems);
    }

    /// <summary>
    /// 支払決定 of the month's 現物給付 settlement (決裁): every recorded 請求書 of the month becomes approved,
    /// paying on <paramref name="payDate"/>. Refused for the staff who recorded one of them, when our receipts
    /// changed since the reconciliation (record again), or when nothing is recorded.
    /// </summary>
    public async Task<IReadOnlyList<InKindInvoice>> ApproveAsync(
        YearMonth month, DateOnly payDate, string approver, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        await new PaymentRuns(db, clock).RequireBusinessDayAsync(payDate, cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        int key = month.ToNumber();
        var invoices = await db.InKindInvoices.Where(i => i.ProcessingMonth == key).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (invoices.Count == 0)
        {
            throw new InKindSettlementRefusedException($"処理年月 {month} の現物給付の請求書は記録されていません。");
        }

        if (invoices.Any(i => i.Status == InKindInvoiceStatus.Approved))
        {
            throw new InKindSettlementRefusedException($"処理年月 {month} の現物給付の精算は承認済みです。");
        }

        if (invoices.Any(i => string.Equals(i.RecordedBy, approver, StringComparison.Ordinal)))
        {
            throw new InKindSettlementRefusedException("請求書を記録した職員は、同じ精算を承認できません（自己承認の禁止）。", notPermitted: true);
        }

        foreach (var invoice in invoices)
        {
            var now = await ReconcileAsync(month, invoice.Clearinghouse, cancellationToken).ConfigureAwait(false);
            if (now.OurCount != invoice.OurCount || now.OurAmount != invoice.OurAmount || now.FeePerClaim != invoice.FeePerClaim || now.NotAccepted.Count != invoice.NotAcceptedCount)
            {
                throw new InKindSettlementRefusedException($"{ClearinghouseName(invoice.Clearinghouse)}の照合の後に審査結果か手数料が変わりました。請求書を記録し直して照合してから承認してください。");
            }
        }

        var at = AppClock.Now(clock);
        foreach (var invoice in invoices)
        {
            invoice.Status = InKindInvoiceStatus.Approved;
            invoice.ApprovedBy = approver;
            invoice.ApprovedAt = at;
            invoice.PayDate = payDate;
        }

        db.AddAudit(new AuditEntry(approver, AuditEventType.InKindSettlementApproved, "inkind-settlement", month.ToString(), new Dictionary<string, object?>
        {
            ["month"] = month.ToString(),
            ["payDate"] = payDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["invoices"] = invoices.Select(i => new Dictionary<string, object?>
            {
                ["clearinghouse"] = i.Clearinghouse,
                ["count"] = i.InvoiceCount,
                ["amount"] = i.InvoiceAmount,
                ["fee"] = i.FeeAmount,
                ["amountDifference"] = i.AmountDifference,
            }).ToList(),
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return invoices;
    }

    /// <summary>The accounting lines of the approved settlement: per 機関 its 助成額 line, then its fee line (when above 0).</summary>
    public async Task<IReadOnlyList<InKindAccountingRow>> AccountingRowsAsync(YearMonth month, CancellationToken cancellationToken = default)
    {
        var invoices = await InvoicesAsync(month, cancellationToken).ConfigureAwait(false);
        if (invoices.Count == 0 || invoices.Any(i => i.Status != InKindInvoiceStatus.Approved))
        {
            throw new InKindSettlementRefusedException($"処理年月 {month} の現物給付の精算は承認されていません。");
        }

        var title = await settings.GetAsync(SystemSettings.PaymentAccountTitle, cancellationToken).ConfigureAwait(false);
        var rows = new List<InKindAccountingRow>();
        foreach (var invoice in invoices)
        {
            var name = ClearinghouseName(invoice.Clearinghouse);
            rows.Add(new InKindAccountingRow(invoice.PayDate!.Value, title, month, name, InKindAccountingLineKind.Subsidy, invoice.InvoiceCount, null, invoice.InvoiceAmount));
            if (invoice.FeeAmount > 0)
            {
                rows.Add(new InKindAccountingRow(invoice.PayDate!.Value, title, month, name, InKindAccountingLineKind.Fee, invoice.InvoiceCount, invoice.FeePerClaim, invoice.FeeAmount));
            }
        }

        return rows;
    }

    /// <summary>
    /// Writes <c>accounting-inkind-YYYYMM.csv</c> of the approved settlement into <paramref name="directory"/>
    /// (next to the payment outputs): byte-identical on every export; a different file already there is refused.
    /// </summary>
    public async Task<InKindExportResult> ExportAsync(YearMonth month, string directory, bool cp932, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var rows = await AccountingRowsAsync(month, cancellationToken).ConfigureAwait(false);
        var replaced = new Cp932ReplacementLog();
        var replacements = new List<Domain.Text.Cp932Replacement>();
        var bytes = InKindAccountingCsv.Format(rows, cp932 ? PaymentCsvEncoding.Cp932 : PaymentCsvEncoding.Utf8WithBom, replacements);
        replaced.Add(AccountingName(month), replacements);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, AccountingName(month));
        if (File.Exists(path) && !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            throw new InKindSettlementRefusedException($"出力先に内容の異なる {AccountingName(month)} があります。別の出力先を指定するか、ファイルを確認してください。");
        }

        await AtomicFile.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        db.AddAudit(new AuditEntry(actor, AuditEventType.InKindSettlementExported, "inkind-settlement", month.ToString(), new Dictionary<string, object?>
        {
            ["file"] = AccountingName(month),
            ["bytes"] = bytes.LongLength,
            ["sha256"] = sha,
            ["lines"] = rows.Count,
            ["total"] = rows.Sum(r => r.Amount),
        }.WithCp932Replacements(replaced)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new InKindExportResult(path, bytes.LongLength, sha, rows.Count, rows.Sum(r => r.Amount)) { Cp932Replacements = replaced.ReportLines() };
    }

    private static void Apply(InKindInvoice invoice, InKindReconciliation reconciliation, int count, long amount)
    {
        invoice.InvoiceCount = count;
        invoice.InvoiceAmount = amount;
        invoice.OurCount = reconciliation.OurCount;
        invoice.OurAmount = reconciliation.OurAmount;
        invoice.NotAcceptedCount = reconciliation.NotAccepted.Count;
        invoice.FeePerClaim = reconciliation.FeePerClaim;
        invoice.FeeAmount = count * reconciliation.FeePerClaim;
        invoice.DifferencesJson = JsonSerializer.Serialize(reconciliation.NotAccepted, Json);
    }
}
