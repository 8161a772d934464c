using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using static FukushiIryo.App.Tests.Payments.KagoTestLedger;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// 過誤調整 for a retroactive loss and 返還 (ADR 0033) on both databases: decreases for the paid receipts
/// outside eligibility, the 返還請求 they become, partial 戻入, 督促, 不納欠損 by 決裁, the 出納 list, and
/// every yen traced from receipt to payment to adjustment to refund.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RecoveryTests(PostgresFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_retroactive_loss_becomes_a_recovery_that_is_partly_repaid(string provider)
    {
        await using var database = await CreateAsync(provider, fixture);
        await using var db = database.Open();
        var august = await AddClaimAsync(db, Orphan, 202608, share: 2000);      // 1,500 each, paid in October
        var september = await AddClaimAsync(db, Orphan, 202609, share: 2000);
        var october = await AddClaimAsync(db, Orphan, 202610, share: 2000);
        await PayAsync(db, October, OctoberPayDate);

        // The orphan moved out on 2026-08-31 (learnt in November): not eligible from 2026-09-01.
        await LoseAsync(db, Orphan, new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 1));
        var adjustments = new EligibilityAdjustments(db, Clock());
        var lines = await adjustments.ApplyAsync(Orphan, "shiharai1");

        Assert.Equal([(september, 1_500L), (october, 1_500L)], lines.Select(l => (l.MedicalClaimId, l.PaidSoFar)));
        Assert.DoesNotContain(august, lines.Select(l => l.MedicalClaimId));
        Assert.Empty(await adjustments.ApplyAsync(null, "shiharai1"));       // nothing new the second time
        Assert.Equal(new long[] { -1_500, -1_500 }, await db.PaymentAdjustments.OrderBy(a => a.Id).Select(a => a.Amount).ToListAsync());

        // No eligibility left, nothing to offset against: the sweep makes a 返還請求 of 3,000.
        var recoveries = new Recoveries(db, Clock());
        var made = Assert.Single(await recoveries.SweepAsync(new DateOnly(2026, 11, 10), "shiharai1"));
        Assert.Equal((3_000L, new DateOnly(2026, 12, 10), RecoveryStatus.Open, "2026-00001"), (made.Amount, made.DueDate, made.Status, made.Number));
        Assert.Contains("受給資格がなく", made.Reason, StringComparison.Ordinal);
        Assert.All(await db.PaymentAdjustments.ToListAsync(), a => Assert.Equal(PaymentAdjustmentStatus.MovedToRecovery, a.Status));
        Assert.Equal(new long[] { 1_500, 1_500 }, await db.RecoveryItems.OrderBy(i => i.Id).Select(i => i.Amount).ToListAsync());

        // A later run no longer offsets what moved to the 返還請求.
        await AddClaimAsync(db, Mother, 202611, share: 2000, processingMonth: 202611);
        var november = await PayAsync(db, November, NovemberPayDate);
        Assert.Equal((1_500L, 0), (november.Total, november.Adjustments));

        // 戻入: 1,000 of the 3,000; more than the 2,000 left is refused.
        var after = await recoveries.RepayAsync(made.Number, new DateOnly(2026, 11, 25), 1_000, "shiharai1", "窓口納付");
        Assert.Equal((1_000L, 2_000L, RecoveryStatus.Open), (after.Repaid, after.Outstanding, after.Recovery.Status));
        var tooMuch = await Assert.ThrowsAsync<RecoveryRefusedException>(() => recoveries.RepayAsync(made.Number, new DateOnly(2026, 11, 26), 2_001, "shiharai1"));
        Assert.Contains("未収額 2,000 円以下", tooMuch.Message, StringComparison.Ordinal);

        var csv = Encoding.UTF8.GetString(await recoveries.LedgerCsvAsync(new DateOnly(2026, 11, 30), "shiharai1"));
        Assert.Contains($"2026-00001,{Orphan},遠方 陽菜,2026-11-10,2026-12-10,3000,1000,0,2000,未納,2026-11-25,0", csv, StringComparison.Ordinal);
        Assert.Contains("合計,,,,,3000,1000,0,2000,,,", csv, StringComparison.Ordinal);

        var pdf = await recoveries.DemandAsync(made.Number, new DateOnly(2026, 11, 10), "shiharai1");
        Assert.Equal((DocumentKind.RecoveryDemand, "recovery-demand.pdf"), (pdf.Kind, pdf.FileName));
        Assert.True(pdf.PageCount >= 1);

        var done = await recoveries.RepayAsync(made.Number, new DateOnly(2026, 12, 5), 2_000, "shiharai1");
        Assert.Equal((0L, RecoveryStatus.Repaid), (done.Outstanding, done.Recovery.Status));
        var events = await db.AuditEvents.Select(e => e.EventType).ToListAsync();
        Assert.Equal((1, 1, 2, 1, 1), (
            events.Count(e => e == AuditEventType.EligibilityAdjusted), events.Count(e => e == AuditEventType.RecoveryCreated),
            events.Count(e => e == AuditEventType.RecoveryRepaid), events.Count(e => e == AuditEventType.RecoveryLedgerExported),
            events.Count(e => e == AuditEventType.RecoveryDemandPrinted)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_decrease_left_unoffset_for_three_months_is_recovered_reminded_and_written_off_only_by_another_user(string provider)
    {
        await using var database = await CreateAsync(provider, fixture);
        await using var db = database.Open();
        var claim = await AddClaimAsync(db, Mother, 202610, share: 3000);   // 2,500
        await PayAsync(db, October, OctoberPayDate);
        await new ClaimCorrections(db, Clock()).RecordAsync(new ClaimCorrectionRequest(claim, ClaimCorrectionKind.Withdrawn, new DateOnly(2026, 11, 5), "取下げ"), "shiharai1");
        var recoveries = new Recoveries(db, Clock());

        // Still eligible, made 2026-11-10: not yet on 2027-02-09, due on 2027-02-10 (3 months, the default).
        Assert.Empty(await recoveries.SweepAsync(new DateOnly(2027, 2, 9), "shiharai1"));
        var made = Assert.Single(await recoveries.SweepAsync(new DateOnly(2027, 2, 10), "shiharai1"));
        Assert.Equal(2_500L, made.Amount);
        Assert.Contains("3 か月以上", made.Reason, StringComparison.Ordinal);
        var none = await Assert.ThrowsAsync<RecoveryRefusedException>(() => recoveries.CreateAsync(Mother, "職員の判断", "shiharai1"));
        Assert.Contains("未調整の減額", none.Message, StringComparison.Ordinal);

        // 督促: overdue the day after the 納期限 (2026-12-10), with a new 指定期限 30 days on; not again before it.
        Assert.Empty((await recoveries.RemindAsync(new DateOnly(2026, 12, 10), "shiharai1")).Overdue);
        var (overdue, pdf) = await recoveries.RemindAsync(new DateOnly(2026, 12, 11), "shiharai1");
        Assert.Equal(made.Number, Assert.Single(overdue).Recovery.Number);
        Assert.Equal(DocumentKind.RecoveryReminder, pdf!.Kind);
        Assert.Equal(new DateOnly(2027, 1, 10), (await db.RecoveryReminders.SingleAsync()).NewDueDate);
        Assert.Empty(await recoveries.OverdueAsync(new DateOnly(2027, 1, 10)));
        Assert.Single(await recoveries.OverdueAsync(new DateOnly(2027, 1, 11)));

        // 不納欠損: never by the one who made the 返還請求; by another (決裁) user, of what is outstanding.
        await recoveries.RepayAsync(made.Number, new DateOnly(2026, 12, 20), 700, "shiharai1");
        var self = await Assert.ThrowsAsync<RecoveryRefusedException>(() => recoveries.WriteOffAsync(made.Number, "所在不明", "shiharai1"));
        Assert.True(self.NotPermitted);
        var written = await recoveries.WriteOffAsync(made.Number, "所在不明", "kessai1");
        Assert.Equal((RecoveryStatus.WrittenOff, 1_800L, 0L, "kessai1"), (written.Recovery.Status, written.Recovery.WrittenOffAmount, written.Outstanding, written.Recovery.WrittenOffBy));
        await Assert.ThrowsAsync<RecoveryRefusedException>(() => recoveries.RepayAsync(made.Number, new DateOnly(2026, 12, 21), 1, "shiharai1"));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.RecoveryWrittenOff));
    }

    /// <summary>
    /// Every yen: October pays 花子 3,500 (her 2,500 and her son's 1,000) and 陽菜 4,500 (three months of 1,500);
    /// a 再審査 cuts 花子's receipt by 1,000; 陽菜 loses eligibility from September (−1,500 × 2); November pays
    /// 花子 1,500 − 1,000 = 500; 陽菜's 3,000 becomes a 返還請求 of which 1,200 is repaid. The subsidy finally
    /// due per receipt (2,500−1,000 + 1,000 + 1,500 + 0 + 0 + 1,500 = 5,500) equals what was transferred
    /// (8,500) less what was repaid (1,200) and what is still owed (1,800).
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_yen_is_traceable_from_receipt_to_payment_to_adjustment_to_refund(string provider)
    {
        await using var database = await CreateAsync(provider, fixture);
        await using var db = database.Open();
        var mothers = await AddClaimAsync(db, Mother, 202610, share: 3000);
        await AddClaimAsync(db, Son, 202609, share: 1500);
        await AddClaimAsync(db, Orphan, 202608, share: 2000);
        await AddClaimAsync(db, Orphan, 202609, share: 2000);
        await AddClaimAsync(db, Orphan, 202610, share: 2000);
        var october = await PayAsync(db, October, OctoberPayDate);
        Assert.Equal(8_000L, october.Total);

        await new ClaimCorrections(db, Clock()).RecordAsync(new ClaimCorrectionRequest(mothers, ClaimCorrectionKind.Corrected, new DateOnly(2026, 11, 5), "減点", PatientShare: 2000), "shiharai1");
        await LoseAsync(db, Orphan, new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 1));
        await new EligibilityAdjustments(db, Clock()).ApplyAsync(null, "shiharai1");
        await AddClaimAsync(db, Mother, 202611, share: 2000, processingMonth: 202611);
        var november = await PayAsync(db, November, NovemberPayDate);
        Assert.Equal(500L, november.Total);
        var recoveries = new Recoveries(db, Clock());
        var recovery = Assert.Single(await recoveries.SweepAsync(new DateOnly(2026, 12, 1), "shiharai1"));
        await recoveries.RepayAsync(recovery.Number, new DateOnly(2026, 12, 10), 1_200, "shiharai1");

        await using var check = database.Open();
        // Receipt → payment: what approved runs transferred is their paid lines plus what they settled of adjustments.
        var runs = await check.PaymentRuns.ToListAsync();
        long transferred = 0, paidLines = 0, settled = 0;
        foreach (var run in runs)
        {
            transferred += await check.PaymentPayees.Where(p => p.PaymentRunId == run.Id && p.Preparation == run.Preparation && !p.HeldOut).SumAsync(p => p.Amount);
            paidLines += await check.PaymentLines.Where(l => l.PaymentRunId == run.Id && check.PaidClaims.Any(p => p.PaymentLineId == l.Id)).SumAsync(l => l.Subsidy);
        }

        settled = (await check.SettledAdjustments.Select(s => s.Applied).ToListAsync()).Sum();
        Assert.Equal((8_500L, 9_500L, -1_000L), (transferred, paidLines, settled));
        Assert.Equal(transferred, paidLines + settled);

        // Adjustment: each one's amount is what runs settled plus what moved to a 返還請求 plus what is still pending.
        var items = await check.RecoveryItems.ToListAsync();
        var settledBy = (await check.SettledAdjustments.ToListAsync()).ToLookup(s => s.PaymentAdjustmentId);
        long pendingOutstanding = 0;
        foreach (var adjustment in await check.PaymentAdjustments.ToListAsync())
        {
            long moved = -items.Where(i => i.PaymentAdjustmentId == adjustment.Id).Sum(i => i.Amount);
            long left = adjustment.Amount - settledBy[adjustment.Id].Sum(s => s.Applied) - moved;
            Assert.True(adjustment.Status == PaymentAdjustmentStatus.Pending || left == 0, $"adjustment {adjustment.Id} {adjustment.Status} leaves {left}");
            pendingOutstanding += left;
        }

        // Refund: each 返還請求 is its items, repaid + written off + outstanding.
        var balance = await new Recoveries(check, Clock()).BalanceOfAsync(recovery.Number);
        Assert.Equal(balance.Recovery.Amount, items.Where(i => i.RecoveryId == balance.Recovery.Id).Sum(i => i.Amount));
        Assert.Equal((3_000L, 1_200L, 1_800L), (balance.Recovery.Amount, balance.Repaid, balance.Outstanding));

        // Receipt by receipt: the subsidy finally due is the paid line plus its adjustments.
        var adjustmentsByClaim = (await check.PaymentAdjustments.Where(a => a.MedicalClaimId != null).ToListAsync()).ToLookup(a => a.MedicalClaimId!.Value);
        var due = (await check.PaymentLines.Where(l => check.PaidClaims.Any(p => p.PaymentLineId == l.Id)).ToListAsync())
            .Sum(l => l.Subsidy + adjustmentsByClaim[l.MedicalClaimId].Sum(a => a.Amount));
        Assert.Equal(5_500L, due);
        Assert.Equal(due, transferred - balance.Repaid - balance.Recovery.WrittenOffAmount - balance.Outstanding + pendingOutstanding);
    }

    private static async Task LoseAsync(FukushiIryo.App.Data.FukushiDbContext db, string number, DateOnly eventDate, DateOnly expectedLostOn)
    {
        var id = await RecipientIdAsync(db, number);
        var losses = new RecipientLosses(db, Clock());
        var plan = await losses.PlanAsync(id, LossReason.MovedOut, eventDate);
        Assert.True(plan.CanConfirm, plan.Problem);
        Assert.Equal(expectedLostOn, Assert.Single(plan.Losses).LostOn);
        await losses.ConfirmAsync(id, LossReason.MovedOut, eventDate, plan.Losses.ToDictionary(l => l.RecipientId, l => l.Version), "madoguchi1");
        db.ChangeTracker.Clear();
    }
}
