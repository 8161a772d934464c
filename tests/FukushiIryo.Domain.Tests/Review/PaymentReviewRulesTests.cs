using FukushiIryo.Domain.Payments;
using FukushiIryo.Domain.Review;
using static FukushiIryo.Domain.Tests.Review.ReviewFixture;

namespace FukushiIryo.Domain.Tests.Review;

/// <summary>
/// The rules that read the payment terms (R13 高額療養費の区分が不明, R14 附加給付の推計, R15 長期の上限超過),
/// each against a table of cases written out in yen.
/// </summary>
public sealed class PaymentReviewRulesTests
{
    private static readonly HighCostTerms DefaultedU = new("ウ", CategoryDefaulted: true, ManyTimes: false, new HighCostLimitTerms(80_100, 267_000, 1), EstimationFloor: 24_600);

    /// <summary>The fixture claim's terms: 2026-05 医科 外来 at 0112347, 12,340円, self-pay 3,700円.</summary>
    private static SubsidyClaim Terms { get; } = new()
    {
        ClaimId = Claim.Id,
        RecipientId = 1,
        ServiceMonth = Claim.ServiceMonth,
        ProviderCode = Claim.ProviderCode,
        Kind = ClaimKind.MedicalOutpatient,
        TotalCost = 12_340,
        SelfPay = 3_700,
        InsurerShareRate = 70,
        Copayment = new CopaymentTerms(500),
        HighCost = DefaultedU with { CategoryDefaulted = false, Category = "エ", Limit = new HighCostLimitTerms(57_600) },
    };

    private static ReviewContext With(SubsidyClaim? terms) => Context() with { Subsidy = terms };

    [Fact]
    public void The_fixture_claim_with_its_terms_passes_every_rule()
    {
        Assert.Empty(ReviewRules.Review(With(Terms)).Findings);
        Assert.Null(ReviewRules.HighCostCategoryDefaulted(With(null)));
        Assert.Null(ReviewRules.ExtraBenefitEstimated(With(null)));
        Assert.Null(ReviewRules.LongTermCapExceeded(With(null)));
    }

    public static TheoryData<bool, long?, long?, bool, long, string> HighCostCases => new()
    {
        // 区分 defaulted, self-pay (null = derive from 総医療費 1,000,000 at 70%), 高額療養費 given, 長期 (cap 10,000), 総医療費, verdict
        { true, 300_000, null, false, 1_000_000, "要確認" }, // ウ estimated: 212,570
        { true, 24_600, null, false, 100_000, "要確認" },   // exactly the lowest limit: estimated (0 above ウ's limit), still 要確認
        { true, 24_590, null, false, 100_000, "可" },       // under the lowest limit (オ 多数回 24,600): nothing estimated
        { true, 300_000, 212_570, false, 1_000_000, "可" }, // the claim gives the 高額療養費: nothing estimated
        { false, 300_000, null, false, 1_000_000, "可" },   // 区分 known (国保 所得判定)
        { true, null, null, false, 1_000_000, "要確認" },   // derived self-pay 300,000
        { true, 300_000, null, true, 1_000_000, "可" },     // 長期: capped at 10,000, under the lowest limit
    };

    [Theory]
    [MemberData(nameof(HighCostCases))]
    public void R13_a_defaulted_category_needs_review_only_when_the_self_pay_reaches_the_lowest_limit(
        bool defaulted, long? selfPay, long? givenHighCost, bool longTerm, long totalCost, string verdict)
    {
        var terms = Terms with
        {
            Kind = ClaimKind.MedicalInpatient,
            TotalCost = totalCost,
            SelfPay = selfPay,
            HighCostRefund = givenHighCost,
            LongTerm = longTerm,
            LongTermCap = longTerm ? 10_000 : null,
            HighCost = DefaultedU with { CategoryDefaulted = defaulted },
        };

        AssertVerdict(verdict, "R13", ReviewRules.HighCostCategoryDefaulted(With(terms)));
    }

    public static TheoryData<bool, long, long?, long?, string> ExtraBenefitCases => new()
    {
        // insurer has a 附加給付 row (cap 25,000, 100円), self-pay, 高額療養費 given, 附加給付 given, verdict
        { true, 300_000, null, null, "要確認" },     // the worked example: 62,400 estimated
        { true, 30_000, 0, null, "要確認" },         // 5,000 above the cap: 5,000 estimated
        { true, 25_099, 0, null, "可" },             // 99 above the cap rounds down to 0
        { true, 25_000, 0, null, "可" },             // at the cap: nothing
        { true, 300_000, null, 62_400, "可" },       // the claim gives the 附加給付
        { true, 300_000, null, 0, "可" },            // the claim says none
        { false, 300_000, null, null, "可" },        // 国保 / 協会けんぽ or no row: no 附加給付
    };

    [Theory]
    [MemberData(nameof(ExtraBenefitCases))]
    public void R14_an_estimated_extra_benefit_needs_review(bool insurerPays, long selfPay, long? givenHighCost, long? givenExtra, string verdict)
    {
        var terms = Terms with
        {
            Kind = ClaimKind.MedicalInpatient,
            TotalCost = 1_000_000,
            SelfPay = selfPay,
            HighCostRefund = givenHighCost,
            ExtraBenefit = givenExtra,
            HighCost = DefaultedU with { CategoryDefaulted = false },
            ExtraBenefitTerms = insurerPays ? new ExtraBenefitTerms(25_000, 100) : null,
        };

        AssertVerdict(verdict, "R14", ReviewRules.ExtraBenefitEstimated(With(terms)));
    }

    public static TheoryData<bool, long?, long, int, string> LongTermCases => new()
    {
        // 長期, self-pay (null = derived at 70%), 総医療費, cap, verdict
        { true, 10_000, 40_000, 10_000, "可" },      // at the cap
        { true, 10_010, 40_000, 10_000, "要確認" },  // 10円 above
        { true, 20_000, 70_000, 10_000, "要確認" },  // a dialysis patient of 区分 ア paying 20,000
        { true, 20_000, 70_000, 20_000, "可" },      // with a 20,000 cap
        { true, null, 40_000, 10_000, "要確認" },    // derived 12,000 from 点数
        { true, null, 30_000, 10_000, "可" },        // derived 9,000
        { false, 20_000, 70_000, 10_000, "可" },     // not 長期
    };

    [Theory]
    [MemberData(nameof(LongTermCases))]
    public void R15_a_long_term_self_pay_above_the_cap_needs_review(bool longTerm, long? selfPay, long totalCost, int cap, string verdict)
    {
        var terms = Terms with { LongTerm = longTerm, LongTermCap = longTerm ? cap : null, SelfPay = selfPay, TotalCost = totalCost };

        AssertVerdict(verdict, "R15", ReviewRules.LongTermCapExceeded(With(terms)));
    }

    [Fact]
    public void A_claim_that_cannot_be_computed_gives_no_payment_finding()
    {
        var terms = Terms with { SelfPay = null, InsurerShareRate = null, LongTerm = true, LongTermCap = 10_000, HighCost = DefaultedU };

        Assert.Null(ReviewRules.HighCostCategoryDefaulted(With(terms)));
        Assert.Null(ReviewRules.LongTermCapExceeded(With(terms)));
        Assert.Null(ReviewRules.ExtraBenefitEstimated(With(terms with { SelfPay = -1, InsurerShareRate = 70 })));
    }
}
