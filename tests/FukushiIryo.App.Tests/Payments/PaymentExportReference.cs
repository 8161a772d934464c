using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Settings;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// The payment export as it was before session 8, kept for tests only: the whole run loaded at once
/// (payees, lines, addressees, claim names) and each file formatted whole by the Formats' <c>Format</c>
/// methods and PaymentNoticePdf. The streamed export (PaymentRunReader pages, the Formats' writers,
/// AtomicFileWriter) must write the same bytes (the notices: the same pages with the same text) and report
/// the same CP932 replacements.
/// </summary>
internal static class PaymentExportReference
{
    private static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The files by name, and the CP932 report lines (file and replacement) in the export's order.</summary>
    public static async Task<(Dictionary<string, byte[]> Files, List<string> Replacements)> ExportAsync(
        FukushiDbContext db, TimeProvider clock, YearMonth month, bool newlines, bool cp932)
    {
        var settings = new SystemSettings(db, clock);
        var requester = await new PaymentExport(db, clock, settings, new PaymentFileWriters()).RequesterAsync();
        var title = await settings.GetAsync(SystemSettings.PaymentAccountTitle);
        var runs = new PaymentRuns(db, clock);
        var run = (await runs.FindAsync(month))!;
        var payees = await runs.PayeesAsync(run);
        var paid = payees.Where(p => !p.HeldOut && p.Amount > 0).OrderBy(p => p.RecipientNumber, StringComparer.Ordinal).ThenBy(p => p.PayeeRecipientId).ToList();
        var paidIds = paid.Select(p => p.PayeeRecipientId).ToHashSet();
        var lines = (await runs.LinesAsync(run)).Where(l => paidIds.Contains(l.PayeeRecipientId)).ToList();
        var recipientIds = paid.Select(p => p.PayeeRecipientId).Concat(lines.Select(l => l.RecipientId)).Distinct().ToList();
        var people = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id))
            .Join(db.PersonRecords.AsNoTracking().Current(), r => r.PersonId, p => p.PersonId, (r, p) => new { r.Id, r.RecipientNumber, p.Name, p.PostalCode, p.Address, p.ValidFrom, p.ValidTo })
            .ToListAsync();
        var addressees = people.GroupBy(r => r.Id).ToDictionary(g => g.Key, g =>
        {
            var row = g.Where(r => r.ValidFrom <= run.PayDate && (r.ValidTo is null || r.ValidTo > run.PayDate)).MaxBy(r => r.ValidFrom) ?? g.MaxBy(r => r.ValidFrom)!;
            return new Addressee(row.Name, row.PostalCode, row.Address);
        });
        var numbers = people.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First().RecipientNumber);
        var claimIds = lines.Select(l => l.MedicalClaimId).ToList();
        var claims = await db.MedicalClaims.AsNoTracking().Where(c => claimIds.Contains(c.Id)).Select(c => new { c.Id, c.DaysOfCare, c.ProviderName }).ToDictionaryAsync(c => c.Id);
        var banks = await db.Banks.AsNoTracking().Where(b => b.RemovedInEdition == null).ToListAsync();
        var branches = await db.BankBranches.AsNoTracking().Where(b => b.RemovedInEdition == null).ToListAsync();
        var encoding = cp932 ? PaymentCsvEncoding.Cp932 : PaymentCsvEncoding.Utf8WithBom;
        var replacements = new List<string>();
        var files = new Dictionary<string, byte[]>();

        var header = new ZenginHeader(requester.Code, requester.Name, run.PayDate, requester.BankCode, requester.BankName,
            requester.BranchCode, requester.BranchName, requester.AccountType, requester.AccountNumber);
        files[PaymentExport.ZenginName(month)] = ZenginTransferFile.Format(header, paid.Select(p => PaymentRuns.ToTransfer(p)).ToList(), newlines);

        var accountingReplaced = new List<Cp932Replacement>();
        files[PaymentExport.AccountingName(month)] = PaymentAccountingCsv.Format(
            paid.Select(p => new PaymentAccountingRow(run.PayDate, title, p.RecipientNumber, p.AtenaNumber, p.BankCode!, p.BranchCode!, p.AccountType,
                p.AccountNumber!, p.PayeeName!, p.ClaimCount, p.Amount)).ToList(), encoding, accountingReplaced);
        replacements.AddRange(accountingReplaced.Select(r => $"{PaymentExport.AccountingName(month)} {r}"));

        var payeeNumbers = paid.ToDictionary(p => p.PayeeRecipientId, p => p.RecipientNumber);
        var detailReplaced = new List<Cp932Replacement>();
        files[PaymentExport.DetailName(month)] = PaymentDetailCsv.Format(
            lines.OrderBy(l => payeeNumbers[l.PayeeRecipientId], StringComparer.Ordinal).ThenBy(l => l.MedicalClaimId).Select(l => new PaymentDetailRow
            {
                ProcessingMonth = month,
                PayDate = run.PayDate,
                ClaimId = l.MedicalClaimId,
                RecipientNumber = numbers.GetValueOrDefault(l.RecipientId, string.Empty),
                PayeeRecipientNumber = payeeNumbers[l.PayeeRecipientId],
                ServiceMonth = YearMonth.FromNumber(l.ServiceMonth),
                ProviderCode = l.ProviderCode,
                Kind = l.Kind,
                DaysOfCare = claims[l.MedicalClaimId].DaysOfCare,
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
            }).ToList(), encoding, detailReplaced);
        replacements.AddRange(detailReplaced.Select(r => $"{PaymentExport.DetailName(month)} {r}"));

        var heldOut = new StringBuilder("受給者番号,宛名番号,件数,金額,理由\r\n");
        foreach (var payee in payees.Where(p => p.HeldOut).OrderBy(p => p.RecipientNumber, StringComparer.Ordinal))
        {
            var reason = payee.HeldOutReason ?? string.Empty;
            reason = reason.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + reason.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : reason;
            heldOut.Append(System.Globalization.CultureInfo.InvariantCulture, $"{payee.RecipientNumber},{payee.AtenaNumber},{payee.ClaimCount},{payee.Amount},{reason}\r\n");
        }

        if (cp932)
        {
            var encoded = Cp932Text.Encode(heldOut.ToString());
            files[PaymentExport.HeldOutName(month)] = encoded.Bytes;
            replacements.AddRange(encoded.Replacements.Select(r => $"{PaymentExport.HeldOutName(month)} {r}"));
        }
        else
        {
            files[PaymentExport.HeldOutName(month)] = [.. Utf8Bom.GetPreamble(), .. Utf8Bom.GetBytes(heldOut.ToString())];
        }

        var byLine = lines.ToLookup(l => l.PayeeRecipientId);
        var noticePayees = paid.Select(p => new PaymentNoticePayee(
            addressees.GetValueOrDefault(p.PayeeRecipientId) ?? new Addressee(string.Empty),
            p.RecipientNumber,
            new PaymentNoticeAccount(
                banks.Where(b => b.BankCode == p.BankCode).Select(b => b.Name).FirstOrDefault() ?? p.BankCode!,
                branches.Where(b => b.BankCode == p.BankCode && b.BranchCode == p.BranchCode).Select(b => b.Name).FirstOrDefault() ?? p.BranchCode!,
                p.AccountType!.Value, p.AccountNumber!, p.PayeeName!),
            byLine[p.PayeeRecipientId].OrderBy(l => l.MedicalClaimId).Select(l => new PaymentNoticeClaim(
                addressees.GetValueOrDefault(l.RecipientId)?.Name ?? string.Empty,
                YearMonth.FromNumber(l.ServiceMonth),
                claims[l.MedicalClaimId].ProviderName ?? l.ProviderCode,
                l.SelfPay, l.Copayment, l.Subsidy)).ToList(),
            Adjustment: p.AdjustmentAmount)).ToList();
        using var notices = new MemoryStream();
        if (noticePayees.Count > 0)
        {
            var noticeDate = DateOnly.FromDateTime(FukushiIryo.Domain.Calendar.JstClock.ToJst(run.ApprovedAt ?? run.PreparedAt).DateTime);
            PaymentNoticePdf.Write(new PaymentNoticeInput(month, noticeDate, run.PayDate, noticePayees), notices);
        }

        files[PaymentExport.NoticesName(month)] = notices.ToArray();
        return (files, replacements);
    }
}
