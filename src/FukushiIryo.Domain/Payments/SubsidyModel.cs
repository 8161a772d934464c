using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;

namespace FukushiIryo.Domain.Payments;

/// <summary>
/// レセプト種別 for the 一部負担金 (decisions.md D1): 医科 and 歯科 separate, 入院 and 外来 separate,
/// 調剤, 訪問看護 and 療養費 on their own.
/// </summary>
public enum ClaimKind
{
    /// <summary>医科 外来.</summary>
    MedicalOutpatient = 1,

    /// <summary>医科 入院.</summary>
    MedicalInpatient = 2,

    /// <summary>歯科 外来.</summary>
    DentalOutpatient = 3,

    /// <summary>歯科 入院.</summary>
    DentalInpatient = 4,

    /// <summary>調剤.</summary>
    Pharmacy = 5,

    /// <summary>訪問看護.</summary>
    HomeNursing = 6,

    /// <summary>療養費.</summary>
    CareAllowance = 7,
}

/// <summary>The mapping of 点数表 × 入外 to <see cref="ClaimKind"/>.</summary>
public static class ClaimKinds
{
    /// <summary>The kind of a claim; 調剤, 訪問看護 and 療養費 are 外来 whatever the claim says.</summary>
    public static ClaimKind Of(ClaimSchedule schedule, bool inpatient) => schedule switch
    {
        ClaimSchedule.Medical => inpatient ? ClaimKind.MedicalInpatient : ClaimKind.MedicalOutpatient,
        ClaimSchedule.Dental => inpatient ? ClaimKind.DentalInpatient : ClaimKind.DentalOutpatient,
        ClaimSchedule.Pharmacy => ClaimKind.Pharmacy,
        ClaimSchedule.HomeNursing => ClaimKind.HomeNursing,
        ClaimSchedule.CareAllowance => ClaimKind.CareAllowance,
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown 点数表."),
    };

    /// <summary>Whether the kind is 入院.</summary>
    public static bool IsInpatient(ClaimKind kind) => kind is ClaimKind.MedicalInpatient or ClaimKind.DentalInpatient;
}

/// <summary>
/// 一部負担金 in force for a claim (master CopaymentRule resolved by program, 受給者区分, 給付方式,
/// <see cref="ClaimKind"/> and 診療月; decisions.md D1).
/// </summary>
/// <param name="Amount">The amount per institution × month × kind.</param>
/// <param name="ShortStayAmount">入院: the amount when 実日数 is under <paramref name="ShortStayDaysBelow"/>; null = none.</param>
/// <param name="ShortStayDaysBelow">入院: the 実日数 under which <paramref name="ShortStayAmount"/> applies (14).</param>
public sealed record CopaymentTerms(long Amount, long? ShortStayAmount = null, int? ShortStayDaysBelow = null)
{
    /// <summary>
    /// The amount for a claim with <paramref name="daysOfCare"/> 実日数. Without 実日数 the full
    /// <see cref="Amount"/> applies (the short-stay amount needs the days to be shown).
    /// </summary>
    public long For(int? daysOfCare) =>
        ShortStayAmount is { } shortStay && ShortStayDaysBelow is { } below && daysOfCare is { } days && days < below
            ? shortStay
            : Amount;
}

/// <summary>
/// One 高額療養費 自己負担限度額 (master HighCostLimit): <see cref="MonthlyLimit"/> + (総医療費 −
/// <see cref="CostThreshold"/>) × <see cref="OverflowRatePercent"/>% when 総医療費 exceeds the threshold.
/// </summary>
public sealed record HighCostLimitTerms(long MonthlyLimit, long? CostThreshold = null, int? OverflowRatePercent = null)
{
    /// <summary>The limit for a claim of <paramref name="totalCost"/> 総医療費; the 1% term rounded to the yen, half away from zero (D12).</summary>
    public long LimitFor(long totalCost)
    {
        if (CostThreshold is not { } threshold || OverflowRatePercent is not { } rate || totalCost <= threshold)
        {
            return MonthlyLimit;
        }

        return MonthlyLimit + (long)decimal.Round((totalCost - threshold) * rate / 100m, MidpointRounding.AwayFromZero);
    }
}

/// <summary>
/// How the 高額療養費 of a claim is estimated when the claim does not give it (decisions.md D5).
/// </summary>
/// <param name="Category">区分 (ア…オ).</param>
/// <param name="CategoryDefaulted">The 区分 was not known and defaulted (ウ); the review rule flags it.</param>
/// <param name="ManyTimes">多数回: <paramref name="Limit"/> is the 多数回 row.</param>
/// <param name="Limit">The limit that applies (standard or 多数回) for the 診療月.</param>
/// <param name="EstimationFloor">The lowest limit in force for the 診療月 (オ 多数回): a self-pay below it estimates nothing.</param>
public sealed record HighCostTerms(string Category, bool CategoryDefaulted, bool ManyTimes, HighCostLimitTerms Limit, long EstimationFloor);

/// <summary>
/// 附加給付 of the claim's insurer (master InsurerExtraBenefit, decisions.md D6): the insurer pays the
/// self-pay after 高額療養費 above <paramref name="MonthlyCap"/>, rounded down to <paramref name="RoundingUnit"/>.
/// </summary>
public sealed record ExtraBenefitTerms(long MonthlyCap, long RoundingUnit);

/// <summary>
/// One claim (レセプト) as the computation reads it, with the master terms resolved for it. Amounts in
/// yen; null where the claim says nothing (then estimated where a rule allows).
/// </summary>
public sealed record SubsidyClaim
{
    public long ClaimId { get; init; }

    /// <summary>The recipient (受給者) the claim is for.</summary>
    public long RecipientId { get; init; }

    /// <summary>診療年月.</summary>
    public YearMonth ServiceMonth { get; init; }

    /// <summary>医療機関コード.</summary>
    public string ProviderCode { get; init; } = string.Empty;

    public ClaimKind Kind { get; init; }

    /// <summary>実日数.</summary>
    public int? DaysOfCare { get; init; }

    /// <summary>総医療費: 点数 × 10, or the 医療費 in yen.</summary>
    public long TotalCost { get; init; }

    /// <summary>保険自己負担額 (窓口負担額) as given; null = derive from <see cref="TotalCost"/> and <see cref="InsurerShareRate"/> (D12).</summary>
    public long? SelfPay { get; init; }

    /// <summary>給付割合 (the insurer's share, percent).</summary>
    public int? InsurerShareRate { get; init; }

    /// <summary>食事療養・生活療養 標準負担額: never paid, kept on its own (D14).</summary>
    public long? MealAmount { get; init; }

    /// <summary>高額療養費 as given; null = unknown (estimated with <see cref="HighCost"/>), 0 = none.</summary>
    public long? HighCostRefund { get; init; }

    /// <summary>附加給付 as given; null = unknown (estimated with <see cref="ExtraBenefitTerms"/>), 0 = none.</summary>
    public long? ExtraBenefit { get; init; }

    /// <summary>他公費負担額; null = unknown, counted as none.</summary>
    public long? OtherPublicAmount { get; init; }

    /// <summary>長期 (特定疾病療養受療証).</summary>
    public bool LongTerm { get; init; }

    /// <summary>長期: the self-pay cap per institution per month (D13); null = not 長期.</summary>
    public long? LongTermCap { get; init; }

    public CopaymentTerms Copayment { get; init; } = new(0);

    /// <summary>How to estimate 高額療養費; null = nothing is estimated (e.g. no limit in force).</summary>
    public HighCostTerms? HighCost { get; init; }

    /// <summary>The insurer's 附加給付; null = the insurer pays none (国保, 協会けんぽ).</summary>
    public ExtraBenefitTerms? ExtraBenefitTerms { get; init; }
}

/// <summary>The unit of the 一部負担金 (D1): one recipient, institution, 診療月 and <see cref="ClaimKind"/>.</summary>
public readonly record struct CopaymentGroup(long RecipientId, string ProviderCode, YearMonth ServiceMonth, ClaimKind Kind);

/// <summary>The unit of the 長期 cap (D13): one recipient, institution and 診療月.</summary>
public readonly record struct LongTermGroup(long RecipientId, string ProviderCode, YearMonth ServiceMonth);

/// <summary>
/// What earlier payments already took into account, so that a claim paid in a later run never charges
/// the 一部負担金 twice nor passes the 長期 cap twice.
/// </summary>
/// <param name="CopaymentCharged">一部負担金 already charged per group.</param>
/// <param name="LongTermSelfPayCounted">長期 self-pay already counted (after the cap) per group.</param>
public sealed record SubsidyHistory(
    IReadOnlyDictionary<CopaymentGroup, long> CopaymentCharged,
    IReadOnlyDictionary<LongTermGroup, long> LongTermSelfPayCounted)
{
    public static SubsidyHistory Empty { get; } = new(new Dictionary<CopaymentGroup, long>(), new Dictionary<LongTermGroup, long>());
}

/// <summary>One line of the computation as staff read it (項目 and 金額).</summary>
public sealed record SubsidyStep(string Label, long Amount);

/// <summary>The 助成額 of one claim with every step that led to it.</summary>
public sealed record SubsidyResult
{
    public long ClaimId { get; init; }

    /// <summary>総医療費.</summary>
    public long TotalCost { get; init; }

    /// <summary>保険自己負担額 as given or derived.</summary>
    public long SelfPay { get; init; }

    /// <summary>The self-pay was derived from 点数 (D12).</summary>
    public bool SelfPayDerived { get; init; }

    /// <summary>What the 長期 cap took off the self-pay.</summary>
    public long LongTermReduction { get; init; }

    /// <summary>高額療養費 deducted.</summary>
    public long HighCostRefund { get; init; }

    public bool HighCostEstimated { get; init; }

    /// <summary>附加給付 deducted.</summary>
    public long ExtraBenefit { get; init; }

    public bool ExtraBenefitEstimated { get; init; }

    /// <summary>他公費負担額 deducted.</summary>
    public long OtherPublicAmount { get; init; }

    /// <summary>食事療養額: not in the self-pay, never paid (D14).</summary>
    public long MealAmount { get; init; }

    /// <summary>対象額 = self-pay − 長期 − 高額療養費 − 附加給付 − 他公費, at least 0.</summary>
    public long Target { get; init; }

    /// <summary>一部負担金 charged on this claim.</summary>
    public long Copayment { get; init; }

    /// <summary>助成額 = 対象額 − 一部負担金, at least 0.</summary>
    public long Subsidy { get; init; }

    public IReadOnlyList<SubsidyStep> Steps { get; init; } = [];
}
