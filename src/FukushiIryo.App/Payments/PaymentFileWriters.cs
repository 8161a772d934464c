using FukushiIryo.App.Documents;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;

namespace FukushiIryo.App.Payments;

/// <summary>
/// The export's writers: the 全銀 file, the accounting and detail CSVs (Formats/Payments) and the notices
/// (App/Documents), fed page by page from the stored run (<see cref="PaymentExportContent.Pages"/>) and
/// written as they go: nothing here grows with the run (ADR 0041, session 8). Payees in 受給者番号 order;
/// lines by payee, then claim.
/// </summary>
public sealed class PaymentFileWriters : IPaymentFileWriters
{
    public async Task ZenginAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var zengin = new ZenginTransferWriter(output, Header(content), content.Newlines);
        await foreach (var page in content.Pages(false, cancellationToken).ConfigureAwait(false))
        {
            foreach (var payee in page.Payees)
            {
                zengin.Add(PaymentRuns.ToTransfer(payee));
            }
        }

        zengin.Finish();
    }

    public async Task AccountingAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var replaced = new List<Cp932Replacement>();
        var csv = PaymentAccountingCsv.Writer(output, Encoding(content), replaced);
        await foreach (var page in content.Pages(false, cancellationToken).ConfigureAwait(false))
        {
            foreach (var p in page.Payees)
            {
                csv.Add(new PaymentAccountingRow(
                    content.PayDate, content.AccountTitle, p.RecipientNumber, p.AtenaNumber, p.BankCode!, p.BranchCode!, p.AccountType,
                    p.AccountNumber!, p.PayeeName!, p.ClaimCount, p.Amount));
            }
        }

        content.Cp932Replacements.Add(PaymentExport.AccountingName(content.Month), replaced);
    }

    public async Task DetailAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var replaced = new List<Cp932Replacement>();
        var csv = PaymentDetailCsv.Writer(output, Encoding(content), replaced);
        await foreach (var page in content.Pages(true, cancellationToken).ConfigureAwait(false))
        {
            // A page never splits a 受給者番号, so sorting each page's lines gives the order of the whole file.
            var numbers = page.Payees.ToDictionary(p => p.PayeeRecipientId, p => p.RecipientNumber);
            foreach (var l in page.Lines.OrderBy(l => numbers[l.PayeeRecipientId], StringComparer.Ordinal).ThenBy(l => l.MedicalClaimId))
            {
                csv.Add(new PaymentDetailRow
                {
                    ProcessingMonth = content.Month,
                    PayDate = content.PayDate,
                    ClaimId = l.MedicalClaimId,
                    RecipientNumber = page.RecipientNumbers.GetValueOrDefault(l.RecipientId, string.Empty),
                    PayeeRecipientNumber = numbers[l.PayeeRecipientId],
                    ServiceMonth = YearMonth.FromNumber(l.ServiceMonth),
                    ProviderCode = l.ProviderCode,
                    Kind = l.Kind,
                    DaysOfCare = page.DaysOfCare.GetValueOrDefault(l.MedicalClaimId),
                    TotalCost = l.TotalCost,
                    SelfPay = l.SelfPay,
                    SelfPayDerived = l.SelfPayDerived,
                    LongTerm = l.LongTerm,
                    LongTermReduction = l.LongTermReduction,
                    HighCostRefund = l.HighCostRefund,
                    HighCostEstimated = l.HighCostEstimated,
                    ExtraBenefit = l.ExtraBenefit,
                    ExtraBenefitEstimated = l.ExtraBenefitEstimated,
                    OtherPublicAmount = l.OtherPublicAmount,
                    MealAmount = l.MealAmount,
                    Target = l.Target,
                    Copayment = l.Copayment,
                    Subsidy = l.Subsidy,
                });
            }
        }

        content.Cp932Replacements.Add(PaymentExport.DetailName(content.Month), replaced);
    }

    public async Task NoticesAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        if (content.PayeeCount == 0)
        {
            return;
        }

        // What reading the run and writing the other files left behind is garbage: collected before the
        // first chunk (cheap: the live heap is small), it does not add to the first chunk's peak.
        GC.Collect();

        // In chunks straight into the file, a page of payees at a time (ADR 0041, session 8).
        using var notices = PaymentNoticePdf.Writer(new PaymentNoticeInput(content.Month, content.NoticeDate, content.PayDate, []), output);
        await foreach (var page in content.Pages(true, cancellationToken).ConfigureAwait(false))
        {
            var lines = page.Lines.ToLookup(l => l.PayeeRecipientId);
            foreach (var p in page.Payees)
            {
                var (bankName, branchName) = content.BankNames[(p.BankCode!, p.BranchCode!)];
                notices.Add(new PaymentNoticePayee(
                    page.Addressees.GetValueOrDefault(p.PayeeRecipientId) ?? new Addressee(string.Empty),
                    p.RecipientNumber,
                    new PaymentNoticeAccount(bankName, branchName, p.AccountType!.Value, p.AccountNumber!, p.PayeeName!),
                    lines[p.PayeeRecipientId].OrderBy(l => l.MedicalClaimId).Select(l => new PaymentNoticeClaim(
                        page.Addressees.GetValueOrDefault(l.RecipientId)?.Name ?? string.Empty,
                        YearMonth.FromNumber(l.ServiceMonth),
                        page.ProviderNames.GetValueOrDefault(l.MedicalClaimId) ?? l.ProviderCode,
                        l.SelfPay, l.Copayment, l.Subsidy)).ToList(),
                    Adjustment: p.AdjustmentAmount));
            }
        }

        notices.Finish();
    }

    /// <summary>The 全銀 header record of the run (the 依頼人 settings and the pay date).</summary>
    public static ZenginHeader Header(PaymentExportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var requester = content.Requester;
        return new ZenginHeader(requester.Code, requester.Name, content.PayDate, requester.BankCode, requester.BankName,
            requester.BranchCode, requester.BranchName, requester.AccountType, requester.AccountNumber);
    }

    private static PaymentCsvEncoding Encoding(PaymentExportContent content) =>
        content.Cp932 ? PaymentCsvEncoding.Cp932 : PaymentCsvEncoding.Utf8WithBom;
}
