using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;

namespace FukushiIryo.Domain.Tests.Payments;

/// <summary>The worked example of rules-research.md §3.3, as the 支払 A issue states it.</summary>
public sealed class SubsidyWorkedExampleTests
{
    // 区分 ウ before the 2026-08 revision: 80,100 + (総医療費 − 267,000) × 1%.
    private static readonly HighCostTerms CategoryU = new("ウ", CategoryDefaulted: false, ManyTimes: false,
        new HighCostLimitTerms(80_100, 267_000, 1), EstimationFloor: 24_600);

    private static SubsidyClaim Inpatient20Days() => new()
    {
        ClaimId = 1,
        RecipientId = 7,
        ServiceMonth = new YearMonth(2026, 5),
        ProviderCode = "1234567",
        Kind = ClaimKind.MedicalInpatient,
        DaysOfCare = 20,
        TotalCost = 1_000_000,
        SelfPay = 300_000,
        InsurerShareRate = 70,
        Copayment = new CopaymentTerms(1_000, 500, 14),
        HighCost = CategoryU,
    };

    [Fact]
    public void Kokuho_receipt_pays_86430_yen()
    {
        var result = SubsidyComputation.Compute([Inpatient20Days()]).Single();

        Assert.Equal(212_570, result.HighCostRefund);
        Assert.True(result.HighCostEstimated);
        Assert.Equal(87_430, result.Target);
        Assert.Equal(1_000, result.Copayment);
        Assert.Equal(86_430, result.Subsidy);
        Assert.Equal(("＝ 助成額", 86_430L), (result.Steps[^1].Label, result.Steps[^1].Amount));
    }

    [Fact]
    public void Kenpo_union_with_25000_yen_extra_benefit_cap_pays_24030_yen()
    {
        var claim = Inpatient20Days() with { ExtraBenefitTerms = new ExtraBenefitTerms(25_000, 100) };

        var result = SubsidyComputation.Compute([claim]).Single();

        Assert.Equal(62_400, result.ExtraBenefit); // 62,430 rounded down to 100円 (D6)
        Assert.Equal(25_030, result.Target);
        Assert.Equal(24_030, result.Subsidy);
    }

    [Fact]
    public void Second_receipt_of_the_same_institution_month_and_kind_is_not_charged_the_copayment_again()
    {
        var first = Inpatient20Days() with { ClaimId = 1, TotalCost = 10_000, SelfPay = 3_000, HighCost = null };
        var second = first with { ClaimId = 2 };

        var results = SubsidyComputation.Compute([second, first]);

        Assert.Equal((2_000L, 1_000L), (results[1].Subsidy, results[1].Copayment)); // the lower id pays it
        Assert.Equal((3_000L, 0L), (results[0].Subsidy, results[0].Copayment));
    }
}
