using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Review;
using FukushiIryo.App.Settings;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using static FukushiIryo.App.Tests.Payments.PaymentsBLedger;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// 現物給付 settlement on both databases (decisions.md D17, ADR 0032): the 審査支払機関's 請求書 reconciled
/// against our 審査 results of that month's 現物給付 receipts, one discrepancy reported with the receipt
/// behind it, approved by 決裁 (not the recorder), and written as accounting lines per 機関 with the fee line.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class InKindSettlementTests(PostgresFixture fixture) : IDisposable
{
    private static readonly YearMonth October = new(2026, 10);
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-inkind-").FullName;
    private readonly SettableClock clock = new(new DateTimeOffset(2026, 11, 10, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_kokuhoren_invoice_is_reconciled_with_one_discrepancy_reported_then_approved_and_written_as_accounting_lines(string provider)
    {
        await using var database = await CreateAsync(provider, fixture, folder);
        await using var db = database.Open();
        await FeeAsync(db, ClearinghouseFee.Kokuhoren, 50, new DateOnly(2026, 4, 1));
        await AddClaimAsync(db, Son, 202610, share: 3000, processingMonth: 202610, source: MedicalClaimSource.Uke, payerNumber: InKindPayer, clearinghouse: ClearinghouseFee.Kokuhoren);     // 2,500
        await AddClaimAsync(db, Orphan, 202610, share: 2000, processingMonth: 202610, source: MedicalClaimSource.Uke, payerNumber: InKindPayer, clearinghouse: ClearinghouseFee.Kokuhoren);  // 1,500
        var doubtful = await AddClaimAsync(db, Son, 202609, share: 9000, processingMonth: 202610, outcome: ReviewOutcome.NeedsReview,
            source: MedicalClaimSource.Uke, payerNumber: InKindPayer, clearinghouse: ClearinghouseFee.Kokuhoren);                                                                           // 要確認: not ours yet
        await AddClaimAsync(db, Orphan, 202610, share: 1200, processingMonth: 202610, source: MedicalClaimSource.Uke, payerNumber: InKindPayer, clearinghouse: ClearinghouseFee.ShiharaiKikin); // 700
        await AddClaimAsync(db, Son, 202610, share: 5000, processingMonth: 202611, source: MedicalClaimSource.Uke, payerNumber: InKindPayer, clearinghouse: ClearinghouseFee.Kokuhoren);     // another month
        await AddClaimAsync(db, Mother, 202610, share: 4000, processingMonth: 202610);                                                                                                         // 自動償還: the payment run's
        var settlements = Settlements(db);

        // 国保連 bills 3 件 12,500 円: the 要確認 receipt (9,000 − 500 = 8,500) is in its bill, not in ours.
        var kokuhoren = await settlements.RecordAsync(October, ClearinghouseFee.Kokuhoren, 3, 12_500, "shiharai1");
        var csv = Path.Combine(folder, "invoices.csv");
        File.WriteAllText(csv, "処理年月,審査支払機関,件数,金額\r\n2026-10,支払基金,1,700\r\n", new UTF8Encoding(true));
        var (imported, problems) = await settlements.ImportAsync(csv, "shiharai1");
        Assert.Empty(problems);
        var kikin = Assert.Single(imported);

        Assert.Equal((3, 12_500L, 2, 2_500L + 1_500, 1, 50L, 150L, 1, 12_500L - 4_000),
            (kokuhoren.InvoiceCount, kokuhoren.InvoiceAmount, kokuhoren.OurCount, kokuhoren.OurAmount, kokuhoren.NotAcceptedCount, kokuhoren.FeePerClaim, kokuhoren.FeeAmount, kokuhoren.CountDifference, kokuhoren.AmountDifference));
        var behind = Assert.Single(InKindSettlements.Differences(kokuhoren));
        Assert.Equal((doubtful, Son, "審査で要確認のままです"), (behind.ClaimId, behind.RecipientNumber, behind.Reason));
        Assert.Equal((1, 700L, 0, 0L, 0L, 0L), (kikin.OurCount, kikin.OurAmount, kikin.CountDifference, kikin.AmountDifference, kikin.FeePerClaim, kikin.FeeAmount));

        // 決裁: never the staff who recorded; not before the approval, the export.
        var self = await Assert.ThrowsAsync<InKindSettlementRefusedException>(() => settlements.ApproveAsync(October, new DateOnly(2026, 11, 20), "shiharai1"));
        Assert.True(self.NotPermitted);
        await Assert.ThrowsAsync<InKindSettlementRefusedException>(() => settlements.ExportAsync(October, folder, false, "shiharai1"));
        await settlements.ApproveAsync(October, new DateOnly(2026, 11, 20), "kessai1");
        await Assert.ThrowsAsync<InKindSettlementRefusedException>(() => settlements.RecordAsync(October, ClearinghouseFee.Kokuhoren, 2, 4_000, "shiharai1"));

        var export = await settlements.ExportAsync(October, folder, false, "shiharai1");
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(export.Path)).TrimStart('\uFEFF').Replace("\"", string.Empty, StringComparison.Ordinal);
        Assert.Equal(
            "支払日,科目,処理年月,審査支払機関,区分,件数,単価,金額\r\n"
            + "2026-11-20,扶助費,202610,国保連,助成額（現物給付）,3,,12500\r\n"
            + "2026-11-20,扶助費,202610,国保連,審査支払手数料,3,50,150\r\n"
            + "2026-11-20,扶助費,202610,支払基金,助成額（現物給付）,1,,700\r\n",
            text);
        Assert.Equal("accounting-inkind-202610.csv", Path.GetFileName(export.Path));
        Assert.Equal(export.Sha256, (await settlements.ExportAsync(October, folder, false, "shiharai2")).Sha256); // byte-stable

        var events = await db.AuditEvents.Select(a => a.EventType).ToListAsync();
        Assert.Equal((2, 1, 2), (events.Count(e => e == AuditEventType.InKindInvoiceRecorded), events.Count(e => e == AuditEventType.InKindSettlementApproved), events.Count(e => e == AuditEventType.InKindSettlementExported)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_approval_is_refused_when_our_review_results_changed_after_the_reconciliation(string provider)
    {
        await using var database = await CreateAsync(provider, fixture, folder);
        await using var db = database.Open();
        var claim = await AddClaimAsync(db, Son, 202610, share: 3000, processingMonth: 202610, outcome: ReviewOutcome.NeedsReview,
            source: MedicalClaimSource.Uke, payerNumber: InKindPayer, clearinghouse: ClearinghouseFee.Kokuhoren);
        var settlements = Settlements(db);
        var recorded = await settlements.RecordAsync(October, ClearinghouseFee.Kokuhoren, 1, 2_500, "shiharai1");
        Assert.Equal((0, 0L, 1), (recorded.OurCount, recorded.OurAmount, recorded.NotAcceptedCount));

        var review = await db.ClaimReviews.SingleAsync(r => r.MedicalClaimId == claim);
        review.Status = ClaimReviewStatus.Approved;
        await db.SaveChangesAsync();

        var refused = await Assert.ThrowsAsync<InKindSettlementRefusedException>(() => settlements.ApproveAsync(October, new DateOnly(2026, 11, 20), "kessai1"));
        Assert.Contains("記録し直して", refused.Message, StringComparison.Ordinal);
        var again = await settlements.RecordAsync(October, ClearinghouseFee.Kokuhoren, 1, 2_500, "shiharai1");
        Assert.Equal((1, 2_500L, 0L), (again.OurCount, again.OurAmount, again.AmountDifference));
        await settlements.ApproveAsync(October, new DateOnly(2026, 11, 20), "kessai1");
    }

    private InKindSettlements Settlements(FukushiDbContext db) => new(db, clock, new SystemSettings(db, clock));

    private static async Task FeeAsync(FukushiDbContext db, string clearinghouse, long fee, DateOnly from)
    {
        var current = await db.ClearinghouseFees.SingleAsync(f => f.Clearinghouse == clearinghouse && f.ValidTo == null);
        current.ValidTo = from;
        db.ClearinghouseFees.Add(new ClearinghouseFee { Clearinghouse = clearinghouse, FeePerClaim = fee, ValidFrom = from, CreatedBy = "admin", CreatedAt = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
