using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;

namespace FukushiIryo.Domain.Tests.Payments;

/// <summary>
/// Each step of SubsidyComputation as a table written out in yen and dates (rules-research.md §3,
/// decisions.md D1, D5, D6, D12–D14).
/// </summary>
public sealed class SubsidyComputationTests
{
    private static readonly YearMonth May = new(2026, 5);

    // D1 defaults.
    private static readonly CopaymentTerms Outpatient = new(500);
    private static readonly CopaymentTerms Inpatient = new(1_000, 500, 14);
    private static readonly CopaymentTerms Pharmacy = new(0);

    private static SubsidyClaim Claim(long id, ClaimKind kind, long? selfPay, long totalCost = 100_000, int? days = 1, string provider = "1234567") => new()
    {
        ClaimId = id,
        RecipientId = 7,
        ServiceMonth = May,
        ProviderCode = provider,
        Kind = kind,
        DaysOfCare = days,
        TotalCost = totalCost,
        SelfPay = selfPay,
        InsurerShareRate = 70,
        Copayment = kind switch
        {
            ClaimKind.MedicalInpatient or ClaimKind.DentalInpatient => Inpatient,
            ClaimKind.Pharmacy => Pharmacy,
            _ => Outpatient,
        },
    };

    [Theory]
    [InlineData(12_340, 3_700, 3_200)] // 12,340 × 30% = 3,702 → 3,700 (under 5円 dropped)
    [InlineData(12_350, 3_710, 3_210)] // 12,350 × 30% = 3,705 → 3,710 (5円 rounds up)
    [InlineData(12_330, 3_700, 3_200)] // 3,699 → 3,700
    [InlineData(1_000, 300, 0)]        // below the 一部負担金: nothing paid
    public void A_self_pay_derived_from_points_follows_the_counter_rule(long totalCost, long selfPay, long subsidy)
    {
        var result = SubsidyComputation.Compute([Claim(1, ClaimKind.MedicalOutpatient, selfPay: null, totalCost)]).Single();

        Assert.True(result.SelfPayDerived);
        Assert.Equal((selfPay, subsidy), (result.SelfPay, result.Subsidy));
    }

    [Theory]
    [InlineData(13, 500, 29_500)]
    [InlineData(14, 1_000, 29_000)]
    [InlineData(20, 1_000, 29_000)]
    [InlineData(null, 1_000, 29_000)] // 実日数 unknown: the full amount
    public void An_inpatient_stay_under_14_days_keeps_500_yen(int? days, long copayment, long subsidy)
    {
        var result = SubsidyComputation.Compute([Claim(1, ClaimKind.MedicalInpatient, 30_000, days: days)]).Single();

        Assert.Equal((copayment, subsidy), (result.Copayment, result.Subsidy));
    }

    [Fact]
    public void Two_inpatient_receipts_of_one_institution_and_month_count_their_days_together()
    {
        // 8 + 8 = 16 実日数: one 1,000円, charged on the lower id.
        var results = SubsidyComputation.Compute([Claim(2, ClaimKind.MedicalInpatient, 10_000, days: 8), Claim(1, ClaimKind.MedicalInpatient, 10_000, days: 8)]);

        Assert.Equal([(0L, 10_000L), (1_000L, 9_000L)], results.Select(r => (r.Copayment, r.Subsidy)));
    }

    [Theory]
    [InlineData(ClaimKind.Pharmacy, 1_500, 0, 1_500)]
    [InlineData(ClaimKind.MedicalOutpatient, 1_500, 500, 1_000)]
    [InlineData(ClaimKind.DentalOutpatient, 400, 400, 0)]
    [InlineData(ClaimKind.HomeNursing, 6_000, 500, 5_500)]
    public void The_copayment_depends_on_the_kind_and_never_exceeds_the_self_pay(ClaimKind kind, long selfPay, long copayment, long subsidy)
    {
        var result = SubsidyComputation.Compute([Claim(1, kind, selfPay)]).Single();

        Assert.Equal((copayment, subsidy), (result.Copayment, result.Subsidy));
    }

    [Fact]
    public void Medical_and_dental_and_outpatient_and_inpatient_are_separate_copayments()
    {
        var results = SubsidyComputation.Compute(
        [
            Claim(1, ClaimKind.MedicalOutpatient, 3_000),
            Claim(2, ClaimKind.DentalOutpatient, 3_000),
            Claim(3, ClaimKind.MedicalInpatient, 3_000, days: 3),
            Claim(4, ClaimKind.MedicalOutpatient, 3_000, provider: "7654321"),
        ]);

        Assert.Equal([500L, 500L, 500L, 500L], results.Select(r => r.Copayment));
    }

    [Fact]
    public void The_long_term_cap_of_10000_yen_holds_across_two_claims_of_one_institution_and_month()
    {
        var outpatient = Claim(1, ClaimKind.MedicalOutpatient, 8_000) with { LongTerm = true, LongTermCap = 10_000 };
        var inpatient = Claim(2, ClaimKind.MedicalInpatient, 6_000, days: 20) with { LongTerm = true, LongTermCap = 10_000 };

        var results = SubsidyComputation.Compute([outpatient, inpatient]);

        // 8,000 counted; then 2,000 of 6,000 (4,000 above the cap).
        Assert.Equal([(0L, 7_500L), (4_000L, 1_000L)], results.Select(r => (r.LongTermReduction, r.Subsidy)));

        // An earlier run counted 9,000 of the institution's month: 1,000 is left.
        var history = new SubsidyHistory(
            new Dictionary<CopaymentGroup, long>(),
            new Dictionary<LongTermGroup, long> { [new LongTermGroup(7, "1234567", May)] = 9_000 });
        var later = SubsidyComputation.Compute([outpatient], history).Single();
        Assert.Equal((7_000L, 1_000L, 500L), (later.LongTermReduction, later.Target, later.Subsidy));
    }

    [Theory]
    [InlineData(24_590, false, 0, 23_590)]  // under the lowest limit (オ 多数回 24,600): nothing estimated
    [InlineData(24_600, true, 0, 23_600)]   // at the floor: estimated, 0 above the limit
    [InlineData(30_000, true, 5_400, 23_600)]
    public void High_cost_is_estimated_only_from_the_lowest_limit_in_force(long selfPay, bool estimated, long highCost, long subsidy)
    {
        var claim = Claim(1, ClaimKind.MedicalInpatient, selfPay, days: 20) with
        {
            HighCost = new HighCostTerms("オ", CategoryDefaulted: false, ManyTimes: true, new HighCostLimitTerms(24_600), EstimationFloor: 24_600),
        };

        var result = SubsidyComputation.Compute([claim]).Single();

        Assert.Equal((estimated, highCost, subsidy), (result.HighCostEstimated, result.HighCostRefund, result.Subsidy));
    }

    [Fact]
    public void Given_high_cost_and_extra_benefit_win_over_the_estimates()
    {
        var terms = Claim(1, ClaimKind.MedicalInpatient, 300_000, totalCost: 1_000_000, days: 20) with
        {
            HighCost = new HighCostTerms("ウ", false, false, new HighCostLimitTerms(80_100, 267_000, 1), 24_600),
            ExtraBenefitTerms = new ExtraBenefitTerms(25_000, 100),
        };

        var given = SubsidyComputation.Compute([terms with { HighCostRefund = 200_000, ExtraBenefit = 0 }]).Single();
        var estimated = SubsidyComputation.Compute([terms]).Single();

        Assert.Equal((200_000L, false, 0L, false, 99_000L), (given.HighCostRefund, given.HighCostEstimated, given.ExtraBenefit, given.ExtraBenefitEstimated, given.Subsidy));
        Assert.Equal((212_570L, true, 62_400L, true, 24_030L), (estimated.HighCostRefund, estimated.HighCostEstimated, estimated.ExtraBenefit, estimated.ExtraBenefitEstimated, estimated.Subsidy));
    }

    [Theory]
    [InlineData(20_000, 20_000, 9_500)]
    [InlineData(40_000, 30_000, 0)] // never more than what is left
    [InlineData(null, 0, 29_500)]    // unknown counts as none
    public void Other_public_expense_is_deducted(int? otherPublic, long deducted, long subsidy)
    {
        var result = SubsidyComputation.Compute([Claim(1, ClaimKind.MedicalOutpatient, 30_000) with { OtherPublicAmount = otherPublic }]).Single();

        Assert.Equal((deducted, subsidy), (result.OtherPublicAmount, result.Subsidy));
    }

    [Fact]
    public void Meals_are_kept_apart_and_never_paid()
    {
        var result = SubsidyComputation.Compute([Claim(1, ClaimKind.MedicalInpatient, 3_000, days: 20) with { MealAmount = 13_800 }]).Single();

        Assert.Equal((13_800L, 3_000L, 2_000L), (result.MealAmount, result.Target, result.Subsidy));
        Assert.Contains(result.Steps, s => s.Label.StartsWith("食事療養", StringComparison.Ordinal) && s.Amount == 13_800);
    }

    [Fact]
    public void A_copayment_charged_in_an_earlier_run_is_not_charged_again()
    {
        var history = new SubsidyHistory(
            new Dictionary<CopaymentGroup, long> { [new CopaymentGroup(7, "1234567", May, ClaimKind.MedicalOutpatient)] = 300 },
            new Dictionary<LongTermGroup, long>());

        var result = SubsidyComputation.Compute([Claim(1, ClaimKind.MedicalOutpatient, 3_000)], history).Single();

        Assert.Equal((200L, 2_800L), (result.Copayment, result.Subsidy));
    }

    [Fact]
    public void A_claim_without_self_pay_or_rate_is_refused()
    {
        var claim = Claim(1, ClaimKind.MedicalOutpatient, selfPay: null) with { InsurerShareRate = null };

        Assert.Throws<ArgumentException>(() => SubsidyComputation.Compute([claim]));
    }
}
