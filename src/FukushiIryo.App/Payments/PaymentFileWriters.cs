using FukushiIryo.App.Documents;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;

namespace FukushiIryo.App.Payments;

/// <summary>
/// The export's writers: the 全銀 file, the accounting and detail CSVs (Formats/Payments) and the notices
/// (App/Documents), fed from the stored run. Payees in 受給者番号 order; lines by payee, then claim.
/// </summary>
public sealed class PaymentFileWriters : IPaymentFileWriters
{
    public byte[] Zengin(PaymentExportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var requester = content.Requester;
        var header = new ZenginHeader(requester.Code, requester.Name, content.PayDate, requester.BankCode, requester.BankName,
            requester.BranchCode, requester.BranchName, requester.AccountType, requester.AccountNumber);
        return ZenginTransferFile.Format(header, Ordered(content).Select(p => PaymentRuns.ToTransfer(p)).ToList(), content.Newlines);
    }

    public byte[] Accounting(PaymentExportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = Ordered(content).Select(p => new PaymentAccountingRow(
            content.PayDate, content.AccountTitle, p.RecipientNumber, p.AtenaNumber, p.BankCode!, p.BranchCode!, p.AccountType,
            p.AccountNumber!, p.PayeeName!, p.ClaimCount, p.Amount)).ToList();
        var replaced = new List<Cp932Replacement>();
        var bytes = PaymentAccountingCsv.Format(rows, Encoding(content), replaced);
        content.Cp932Replacements.Add(PaymentExport.AccountingName(content.Month), replaced);
        return bytes;
    }

    public byte[] Detail(PaymentExportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var numbers = content.Payees.ToDictionary(p => p.PayeeRecipientId, p => p.RecipientNumber);
        var rows = content.Lines
            .OrderBy(l => numbers[l.PayeeRecipientId], StringComparer.Ordinal).ThenBy(l => l.MedicalClaimId)
            .Select(l => new PaymentDetailRow
            {
                ProcessingMonth = content.Month,
                PayDate = content.PayDate,
                ClaimId = l.MedicalClaimId,
                RecipientNumber = content.RecipientNumbers.GetValueOrDefault(l.RecipientId, string.Empty),
                PayeeRecipientNumber = numbers[l.PayeeRecipientId],
                ServiceMonth = YearMonth.FromNumber(l.ServiceMonth),
                ProviderCode = l.ProviderCode,
                Kind = l.Kind,
                DaysOfCare = content.DaysOfCare.GetValueOrDefault(l.MedicalClaimId),
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
            }).ToList();
        var replaced = new List<Cp932Replacement>();
        var bytes = PaymentDetailCsv.Format(rows, Encoding(content), replaced);
        content.Cp932Replacements.Add(PaymentExport.DetailName(content.Month), replaced);
        return bytes;
    }

    public Task NoticesAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        var lines = content.Lines.ToLookup(l => l.PayeeRecipientId);
        var ordered = Ordered(content).ToList();
        var payees = ordered.Select(p =>
        {
            var (bankName, branchName) = content.BankNames[(p.BankCode!, p.BranchCode!)];
            return new PaymentNoticePayee(
                content.Addressees.GetValueOrDefault(p.PayeeRecipientId) ?? new Addressee(string.Empty),
                p.RecipientNumber,
                new PaymentNoticeAccount(bankName, branchName, p.AccountType!.Value, p.AccountNumber!, p.PayeeName!),
                lines[p.PayeeRecipientId].OrderBy(l => l.MedicalClaimId).Select(l => new PaymentNoticeClaim(
                    content.Addressees.GetValueOrDefault(l.RecipientId)?.Name ?? string.Empty,
                    YearMonth.FromNumber(l.ServiceMonth),
                    content.ProviderNames.GetValueOrDefault(l.MedicalClaimId) ?? l.ProviderCode,
                    l.SelfPay, l.Copayment, l.Subsidy)).ToList(),
                Adjustment: p.AdjustmentAmount);
        });
        if (ordered.Count > 0)
        {
            // What loading the run and formatting the other files left behind is garbage: collected before
            // the first chunk, it does not add to the first chunk's peak (PdfBatch collects after each chunk).
            GC.Collect();

            // In chunks straight into the file, each payee's notice made as it is drawn: the memory held
            // does not grow with the payees beyond the run's content (ADR 0041).
            PaymentNoticePdf.Write(new PaymentNoticeInput(content.Month, content.NoticeDate, content.PayDate, []), payees, output);
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<PaymentPayee> Ordered(PaymentExportContent content) =>
        content.Payees.OrderBy(p => p.RecipientNumber, StringComparer.Ordinal).ThenBy(p => p.PayeeRecipientId);

    private static PaymentCsvEncoding Encoding(PaymentExportContent content) =>
        content.Cp932 ? PaymentCsvEncoding.Cp932 : PaymentCsvEncoding.Utf8WithBom;
}
