using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using static FukushiIryo.App.Tests.Payments.KagoTestLedger;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// 過誤調整 from 再審査 results (ADR 0033) on both databases: the difference per paid receipt becomes a
/// PaymentAdjustment taken up by the next run; the paid line and the receipt are never edited; the
/// 一部負担金 already charged to the group's other receipts stays theirs. Amounts in yen: 医科外来 一部負担金 500.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ClaimCorrectionTests(PostgresFixture fixture)
{
    private static readonly DateOnly DecidedOn = new(2026, 11, 5);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reexamination_reduction_is_offset_against_the_next_month(string provider)
    {
        await using var database = await CreateAsync(provider, fixture);
        await using var db = database.Open();
        var claim = await AddClaimAsync(db, Mother, 202610, share: 3000);   // 3,000 − 500 = 2,500 paid in October
        await PayAsync(db, October, OctoberPayDate);

        var corrections = new ClaimCorrections(db, Clock());
        var request = new ClaimCorrectionRequest(claim, ClaimCorrectionKind.Corrected, DecidedOn, "減点（再審査）", PatientShare: 2000);
        var preview = await corrections.PreviewAsync(request);
        Assert.Equal((2_500L, 1_500L, -1_000L), (preview.PreviousSubsidy, preview.NewSubsidy, preview.Difference));
        var correction = await corrections.RecordAsync(request, "shiharai1");

        await using (var check = database.Open())
        {
            var adjustment = await check.PaymentAdjustments.SingleAsync();
            Assert.Equal((PaymentAdjustmentKind.CorrectionDecrease, -1_000L, PaymentAdjustmentStatus.Pending, claim, ClaimCorrections.SourceType, correction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (adjustment.Kind, adjustment.Amount, adjustment.Status, adjustment.MedicalClaimId, adjustment.SourceType, adjustment.SourceId));
            Assert.Equal(adjustment.Id, (await check.ClaimCorrections.SingleAsync()).PaymentAdjustmentId);
            Assert.Equal(2_500L, (await check.PaymentLines.SingleAsync(l => l.MedicalClaimId == claim)).Subsidy);   // the paid line is never edited
            Assert.Equal(3_000L, (await check.MedicalClaims.SingleAsync(c => c.Id == claim)).PatientShare);       // nor the receipt
            Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.ClaimCorrected));
        }

        // November: a new 診療月 pays 2,000 − 500 = 1,500, less the 1,000 owed back.
        await AddClaimAsync(db, Mother, 202611, share: 2000, processingMonth: 202611);
        var november = await PayAsync(db, November, NovemberPayDate);

        Assert.Equal((500L, 1, -1_000L), (november.Total, november.Adjustments, november.AdjustmentTotal));
        await using var after = database.Open();
        Assert.Equal(PaymentAdjustmentStatus.Settled, (await after.PaymentAdjustments.SingleAsync()).Status);
        Assert.Equal(-1_000L, await after.SettledAdjustments.SumAsync(s => s.Applied));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_copayment_already_charged_to_the_groups_other_receipt_stays_charged(string provider)
    {
        await using var database = await CreateAsync(provider, fixture);
        await using var db = database.Open();
        var small = await AddClaimAsync(db, Mother, 202610, share: 300);    // first: bears 300 of the 500, 助成額 0
        var large = await AddClaimAsync(db, Mother, 202610, share: 3000);   // the 200 left: 2,800
        await PayAsync(db, October, OctoberPayDate);
        var corrections = new ClaimCorrections(db, Clock());

        // 保険自己負担額 3,000 → 1,000: the receipt bears 200 (not 500) → 800; difference −2,000.
        var first = await corrections.RecordAsync(new ClaimCorrectionRequest(large, ClaimCorrectionKind.Corrected, DecidedOn, "減点", PatientShare: 1000), "shiharai1");
        Assert.Equal((2_800L, 800L, -2_000L, 200L), (first.PreviousSubsidy, first.NewSubsidy, first.Difference, first.Copayment));

        // A second result for the same receipt (1,500): compared with what it stands at now (800) → +500 追給.
        var second = await corrections.RecordAsync(new ClaimCorrectionRequest(large, ClaimCorrectionKind.Corrected, DecidedOn.AddDays(1), "再審査の取消", PatientShare: 1500), "shiharai1");
        Assert.Equal((800L, 1_300L, 500L, first.Id), (second.PreviousSubsidy, second.NewSubsidy, second.Difference, second.PreviousCorrectionId));

        // The small receipt withdrawn: it was paid 0, so nothing is owed either way and no adjustment is made.
        var withdrawn = await corrections.RecordAsync(new ClaimCorrectionRequest(small, ClaimCorrectionKind.Withdrawn, DecidedOn, "取下げ"), "shiharai1");
        Assert.Equal((0L, 0L, (long?)null), (withdrawn.Difference, withdrawn.NewSubsidy, withdrawn.PaymentAdjustmentId));

        var kinds = await db.PaymentAdjustments.OrderBy(a => a.Id).Select(a => new { a.Kind, a.Amount }).ToListAsync();
        Assert.Equal([(PaymentAdjustmentKind.CorrectionDecrease, -2_000L), (PaymentAdjustmentKind.CorrectionIncrease, 500L)], kinds.Select(k => (k.Kind, k.Amount)));

        var again = await Assert.ThrowsAsync<ClaimCorrectionRefusedException>(() => corrections.RecordAsync(new ClaimCorrectionRequest(small, ClaimCorrectionKind.Corrected, DecidedOn, "x", PatientShare: 10), "shiharai1"));
        Assert.Contains("取下げ済み", again.Message, StringComparison.Ordinal);
        var unpaid = await AddClaimAsync(db, Mother, 202611, share: 2000, processingMonth: 202611);
        var notPaid = await Assert.ThrowsAsync<ClaimCorrectionRefusedException>(() => corrections.PreviewAsync(new ClaimCorrectionRequest(unpaid, ClaimCorrectionKind.Withdrawn, DecidedOn, "取下げ")));
        Assert.Contains("まだ支払われていません", notPaid.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_import_with_one_bad_row_records_nothing_and_a_good_one_records_every_row(string provider)
    {
        await using var database = await CreateAsync(provider, fixture);
        await using var db = database.Open();
        var a = await AddClaimAsync(db, Mother, 202610, share: 3000);           // 2,500
        var b = await AddClaimAsync(db, Orphan, 202610, share: 2000);           // 1,500
        await PayAsync(db, October, OctoberPayDate);
        var corrections = new ClaimCorrections(db, Clock());
        const string Header = "レセプトID,区分,決定日,点数,保険自己負担額,高額療養費,附加給付,他公費負担額,理由\n";

        var bad = await corrections.ImportAsync(Csv(Header + $"{a},訂正,2026-11-05,,2000,,,,減点\n{b},取消,2026-11-05,,,,,,取下げ\n999999,取下げ,2026-11-05,,,,,,取下げ\n"), "shiharai1");

        Assert.False(bad.Imported);
        Assert.Equal([null, "区分は 訂正 または 取下げ です: 取消", "レセプトID 999999 のレセプトはありません。"], bad.Rows.Select(r => r.Error));
        Assert.Equal((2L, -1_000L), (bad.Rows[0].Line, bad.Rows[0].Difference!.Value));
        Assert.Equal(0, await db.ClaimCorrections.CountAsync());
        Assert.Equal(0, await db.PaymentAdjustments.CountAsync());

        var good = await corrections.ImportAsync(Csv(Header + $"{a},訂正,2026-11-05,,2000,,,,減点\n{b},取下げ,2026-11-05,,,,,,取下げ\n"), "shiharai1");

        Assert.True(good.Imported);
        Assert.Equal(-1_000L - 1_500, good.TotalDifference);
        Assert.Equal(new long[] { -1_000, -1_500 }, await db.PaymentAdjustments.OrderBy(x => x.Id).Select(x => x.Amount).ToListAsync());
        Assert.All(await db.ClaimCorrections.ToListAsync(), c => Assert.Equal(("import", good.Sha256), (c.Source, c.SourceFileSha256)));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.ClaimCorrectionsImported));
    }

    private static MemoryStream Csv(string text) => new(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray());
}
