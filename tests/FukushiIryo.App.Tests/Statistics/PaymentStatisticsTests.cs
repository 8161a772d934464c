using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Statistics;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;

namespace FukushiIryo.App.Tests.Statistics;

/// <summary>The pure 支払月報 and 県補助金 builders, over a handful of facts written out in yen and months.</summary>
public sealed class PaymentStatisticsTests
{
    // 処理年月, 診療月, 保険, 種別, 給付方式, 県市, 日数, 点数, 自己負担, 高額, 附加, 一部負担金, 助成額
    private static readonly PaidClaimFact[] Claims =
    [
        new(202609, 202608, InsuranceGroup.National, ClaimCategory.Outpatient, BenefitMethod.AutoReimbursement, FundingShare.Prefecture, 2, 1_200, 3_600, 0, 0, 500, 3_100),
        new(202609, 202608, InsuranceGroup.Employee, ClaimCategory.Inpatient, BenefitMethod.AutoReimbursement, FundingShare.City, 10, 40_000, 80_100, 0, 0, 1_000, 79_100),
        new(202609, 202607, InsuranceGroup.Employee, ClaimCategory.Pharmacy, BenefitMethod.ClaimReimbursement, FundingShare.Prefecture, 1, 300, 900, 0, 0, 0, 900),
        new(202608, 202607, InsuranceGroup.National, ClaimCategory.Dental, BenefitMethod.AutoReimbursement, FundingShare.Prefecture, 1, 500, 1_500, 0, 0, 500, 1_000),
        new(202603, 202602, InsuranceGroup.National, ClaimCategory.Outpatient, BenefitMethod.AutoReimbursement, FundingShare.Prefecture, 1, 1_000, 3_000, 0, 0, 500, 2_500),
    ];

    private static readonly AdjustmentFact[] Adjustments =
    [
        new(202609, PaymentAdjustmentKind.CorrectionDecrease, FundingShare.Prefecture, -700),
        new(202609, PaymentAdjustmentKind.Retransfer, FundingShare.City, 4_000),
        new(202608, PaymentAdjustmentKind.CorrectionIncrease, FundingShare.Prefecture, 300),
    ];

    [Theory]
    [InlineData("123456", InsuranceGroup.National)]
    [InlineData("06271234", InsuranceGroup.Employee)]
    [InlineData("01290010", InsuranceGroup.Employee)]
    [InlineData(null, InsuranceGroup.Employee)]
    public void Insurance_group_follows_the_insurer_number(string? number, InsuranceGroup expected) =>
        Assert.Equal(expected, PaymentStatistics.InsuranceOf(number));

    [Theory]
    [InlineData(ClaimKind.MedicalInpatient, ClaimCategory.Inpatient)]
    [InlineData(ClaimKind.MedicalOutpatient, ClaimCategory.Outpatient)]
    [InlineData(ClaimKind.DentalInpatient, ClaimCategory.Dental)]
    [InlineData(ClaimKind.DentalOutpatient, ClaimCategory.Dental)]
    [InlineData(ClaimKind.Pharmacy, ClaimCategory.Pharmacy)]
    [InlineData(ClaimKind.HomeNursing, ClaimCategory.HomeNursing)]
    [InlineData(ClaimKind.CareAllowance, ClaimCategory.CareAllowance)]
    public void Claim_kinds_fall_into_the_six_columns(ClaimKind kind, ClaimCategory expected) =>
        Assert.Equal(expected, PaymentStatistics.CategoryOf(kind));

    [Fact]
    public void Monthly_report_sums_the_month_and_the_fiscal_year_to_date()
    {
        var report = PaymentStatistics.MonthlyReport(new YearMonth(2026, 9), Claims, Adjustments, refunds: null, inKind: null);

        var detail = report.Tables[0];
        // Three claims of 2026-09 in three distinct groups, newest 診療月 first, then the total.
        Assert.Equal(4, detail.Rows.Count);
        Assert.Equal("2026-08", detail.Rows[0].Cells[0].Text);
        Assert.Equal("国保", detail.Rows[0].Cells[1].Text);
        Assert.Equal("入院外", detail.Rows[0].Cells[2].Text);
        Assert.Equal("県", detail.Rows[0].Cells[4].Text);
        Assert.Equal(3_100L, detail.Rows[0].Cells[12].Number);
        var total = detail.Rows[^1];
        Assert.True(total.IsTotal);
        Assert.Equal([3L, 13L, 41_500L, 84_600L, 0L, 0L, 1_500L, 83_100L], total.Cells.Skip(5).Select(c => c.Number!.Value));

        // Each breakdown of the month adds up to the same total; the year to date adds 2026-08 but not 2026-03 (last 年度).
        var month = report.Tables[1];
        AssertGroupsAddUp(month, 83_100);
        Assert.Equal(79_100L, Row(month, "入院").Cells[9].Number);
        Assert.Equal(4_000L, Row(month, "県").Cells[9].Number);
        Assert.Equal(79_100L, Row(month, "市").Cells[9].Number);
        var year = report.Tables[2];
        AssertGroupsAddUp(year, 84_100);
        Assert.Equal(1_000L, Row(year, "歯科").Cells[9].Number);

        // Adjustments on their own lines; the paid total = subsidy + adjustments; 返還 and fees say 未対応.
        var settlement = report.Tables[3];
        Assert.Equal(-700L, Row(settlement, "過誤調整（減額）").Cells[2].Number);
        Assert.Equal(300L, Row(settlement, "過誤調整（追給）").Cells[4].Number);
        Assert.Equal(4_000L, Row(settlement, "再振込（振込不能分）").Cells[2].Number);
        Assert.Equal(83_100L + 4_000 - 700, Row(settlement, "支払額（口座振込）").Cells[2].Number);
        Assert.Equal(84_100L + 4_000 - 700 + 300, Row(settlement, "支払額（口座振込）").Cells[4].Number);
        Assert.Equal("未対応", Row(settlement, "返還（戻入）").Cells[2].Text);
        Assert.Equal("未対応", Row(settlement, "審査支払手数料").Cells[2].Text);
        Assert.Contains(PaymentStatistics.RefundsMissingNote, settlement.Notes);
    }

    [Fact]
    public void Refunds_and_fees_are_lines_when_available()
    {
        var report = PaymentStatistics.MonthlyReport(new YearMonth(2026, 9), Claims, Adjustments,
            [new RefundFact(202609, FundingShare.Prefecture, 2_000), new RefundFact(202605, FundingShare.City, 500)],
            [new InKindSettlementFact(202609, 12, 45_600, 1_234), new InKindSettlementFact(202608, 3, 9_000, 300)]);
        var settlement = report.Tables[3];
        Assert.Equal(2_000L, Row(settlement, "返還（戻入）").Cells[2].Number);
        Assert.Equal(2_500L, Row(settlement, "返還（戻入）").Cells[4].Number);
        Assert.Equal(1_234L, Row(settlement, "審査支払手数料").Cells[2].Number);
        Assert.Equal(1_534L, Row(settlement, "審査支払手数料").Cells[4].Number);
        Assert.Equal(45_600L, Row(settlement, "現物給付（審査支払機関との精算）").Cells[2].Number);
        Assert.Equal(15L, Row(settlement, "現物給付（審査支払機関との精算）").Cells[3].Number);
        Assert.DoesNotContain(PaymentStatistics.RefundsMissingNote, settlement.Notes);
    }

    [Fact]
    public void Prefecture_claim_takes_prefecture_cases_less_refunds_at_one_half()
    {
        var report = PaymentStatistics.PrefectureClaim(new FiscalYear(2026), Claims, Adjustments,
            [new RefundFact(202609, FundingShare.Prefecture, 1_001), new RefundFact(202609, FundingShare.City, 9_999)]);

        var summary = report.Tables[0];
        // 県 subsidy of 2026 年度: 3,100 + 900 + 1,000 (2026-03 belongs to 2025 年度); 市 79,100 left out.
        Assert.Equal(5_000L, Row(summary, "県 助成額").Cells[1].Number);
        // 過誤調整 of 県 cases: −700 + 300; 再振込 is no new cost.
        Assert.Equal(-400L, Row(summary, "県 過誤調整").Cells[1].Number);
        Assert.Equal(1_001L, Row(summary, "県 返還（控除）").Cells[1].Number);
        Assert.Equal(3_599L, Row(summary, "補助対象額").Cells[1].Number);
        Assert.Equal(1_799L, Row(summary, "補助金所要額（1円未満切捨て）").Cells[1].Number);

        var detail = report.Tables[1];
        Assert.Equal(13, detail.Rows.Count);
        Assert.Equal("2026-04", detail.Rows[0].Cells[0].Text);
        Assert.Equal("2027-03", detail.Rows[11].Cells[0].Text);
        var september = Row(detail, "2026-09");
        Assert.Equal([2L, 4_000L, -700L, 1_001L, 2_299L, 1L, 79_100L], september.Cells.Skip(1).Select(c => c.Number!.Value));
        var total = detail.Rows[^1];
        Assert.Equal(3_599L, total.Cells[5].Number);
        Assert.Equal(detail.Rows.Take(12).Sum(r => r.Cells[5].Number!.Value), total.Cells[5].Number);
    }

    [Fact]
    public void Prefecture_claim_without_refund_data_says_so()
    {
        var report = PaymentStatistics.PrefectureClaim(new FiscalYear(2026), Claims, Adjustments, refunds: null);
        Assert.Equal("未対応", Row(report.Tables[0], "県 返還（控除）").Cells[1].Text);
        Assert.Equal(4_600L, Row(report.Tables[0], "補助対象額").Cells[1].Number);
        Assert.Equal(2_300L, Row(report.Tables[0], "補助金所要額（1円未満切捨て）").Cells[1].Number);
    }

    [Theory]
    [InlineData(1_000, 600, 400, 600, 400)]
    [InlineData(1_001, 600, 400, 601, 400)]
    [InlineData(999, 1, 2, 333, 666)]
    [InlineData(700, 0, 900, 0, 700)]
    public void A_repayment_is_split_by_share_in_proportion_and_adds_up(long amount, long prefectureWeight, long cityWeight, long prefecture, long city)
    {
        var parts = PaymentStatistics.SplitRefund(202610, amount, [(FundingShare.Prefecture, prefectureWeight), (FundingShare.City, cityWeight)]);
        Assert.Equal(amount, parts.Sum(p => p.Amount));
        Assert.Equal(prefecture, parts.Where(p => p.Share == FundingShare.Prefecture).Sum(p => p.Amount));
        Assert.Equal(city, parts.Where(p => p.Share == FundingShare.City).Sum(p => p.Amount));
        Assert.All(parts, p => Assert.Equal(202610, p.ProcessingMonth));
    }

    private static ReportRow Row(ReportTable table, string label) =>
        table.Rows.Single(r => r.Cells[0].Text == label || (r.Cells.Count > 1 && r.Cells[1].Text == label && r.Cells[0].Text is "保険" or "種別" or "給付方式" or "県市区分"));

    private static void AssertGroupsAddUp(ReportTable table, long subsidy)
    {
        var total = table.Rows[^1];
        Assert.Equal(subsidy, total.Cells[9].Number);
        foreach (var group in table.Rows.Where(r => !r.IsTotal).GroupBy(r => r.Cells[0].Text))
        {
            for (var c = 2; c < total.Cells.Count; c++)
            {
                Assert.Equal(total.Cells[c].Number, group.Sum(r => r.Cells[c].Number!.Value));
            }
        }
    }
}
