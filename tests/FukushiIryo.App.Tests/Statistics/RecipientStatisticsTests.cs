using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.App.Statistics;
using FukushiIryo.Domain.Eligibility;

namespace FukushiIryo.App.Tests.Statistics;

/// <summary>The pure 受給者数調査 builder.</summary>
public sealed class RecipientStatisticsTests
{
    private static readonly RecipientFact[] Recipients =
    [
        new(RecipientKind.Parent, FundingShare.Prefecture, InsuranceKind.National, InsuredRole.Insured, BenefitMethod.AutoReimbursement, null, 1),
        new(RecipientKind.Child, FundingShare.Prefecture, InsuranceKind.National, InsuredRole.Dependant, BenefitMethod.InKind, "未就学", 1),
        new(RecipientKind.Child, FundingShare.Prefecture, InsuranceKind.National, InsuredRole.Dependant, BenefitMethod.InKind, "小学生", 1),
        new(RecipientKind.Parent, FundingShare.City, InsuranceKind.Employee, InsuredRole.Insured, BenefitMethod.AutoReimbursement, null, 2),
        new(RecipientKind.Child, FundingShare.City, InsuranceKind.Employee, InsuredRole.Dependant, BenefitMethod.InKind, "小学生", 2),
        new(RecipientKind.Carer, FundingShare.City, null, null, null, null, 3),
        new(RecipientKind.Orphan, FundingShare.City, InsuranceKind.Employee, InsuredRole.Dependant, BenefitMethod.InKind, "高校生世代", 3),
    ];

    private static readonly RecipientEvent[] Events =
    [
        new(RecipientKind.Parent, new DateOnly(2026, 9, 3), null),
        new(RecipientKind.Child, new DateOnly(2026, 9, 3), null),
        new(RecipientKind.Child, new DateOnly(2026, 5, 10), null),
        new(RecipientKind.Child, new DateOnly(2026, 9, 30), null), // after the 基準日
        new(RecipientKind.Parent, new DateOnly(2026, 3, 31), null), // last 年度
        new(RecipientKind.Parent, new DateOnly(2026, 9, 15), LossReason.Marriage),
        new(RecipientKind.Child, new DateOnly(2026, 9, 15), LossReason.Marriage),
        new(RecipientKind.Child, new DateOnly(2026, 4, 1), LossReason.AgeLimit),
    ];

    [Fact]
    public void Survey_counts_by_kind_share_insurance_method_bracket_and_households()
    {
        var report = RecipientStatistics.Survey(new DateOnly(2026, 9, 20), Recipients, Events, ["未就学", "小学生", "中学生", "高校生世代"]);

        var counts = report.Tables[0];
        // 受給者数, 県, 市, 国保本人, 国保家族, 社保本人, 社保家族, その他・未登録, 現物, 自動償還, 償還払い, 給付方式未登録
        Assert.Equal([2L, 1, 1, 1, 0, 1, 0, 0, 0, 2, 0, 0], Cells(counts, "父母"));
        Assert.Equal([3L, 2, 1, 0, 2, 0, 1, 0, 3, 0, 0, 0], Cells(counts, "児童"));
        Assert.Equal([1L, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1], Cells(counts, "養育者"));
        Assert.Equal([1L, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0], Cells(counts, "父母のいない児童"));
        Assert.Equal([7L, 3, 4, 1, 2, 1, 2, 1, 4, 2, 0, 1], Cells(counts, "合計"));

        var brackets = report.Tables[1];
        Assert.Equal([1L, 0, 1], Cells(brackets, "未就学"));
        Assert.Equal([2L, 0, 2], Cells(brackets, "小学生"));
        Assert.Equal([0L, 1, 1], Cells(brackets, "高校生世代"));
        Assert.Equal([3L, 1, 4], Cells(brackets, "合計"));

        var flows = report.Tables[2];
        // 当月 父母・養育者, 当月 児童, 当月 計, 年度 父母・養育者, 年度 児童, 年度 計
        Assert.Equal([1L, 1, 2, 1, 2, 3], Cells(flows, "新規認定"));
        Assert.Equal([1L, 1, 2, 1, 1, 2], Cells(flows, "喪失 婚姻"));
        Assert.Equal([0L, 0, 0, 0, 1, 1], Cells(flows, "喪失 年齢到達"));
        Assert.Equal([1L, 1, 2, 1, 2, 3], Cells(flows, "喪失 計"));

        Assert.Equal([3L], Cells(report.Tables[3], "受給世帯数"));
    }

    private static long[] Cells(ReportTable table, string label) =>
        [.. table.Rows.Single(r => r.Cells[0].Text == label).Cells.Skip(1).Select(c => c.Number!.Value)];
}
