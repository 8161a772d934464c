using System.Globalization;
using FukushiIryo.Domain.Review;

namespace FukushiIryo.Domain.Payments;

/// <summary>
/// 助成額 of claims (rules-research.md §3, decisions.md D1, D5, D6, D12–D14), keeping every step:
/// <code>
/// 保険自己負担額   given, or 総医療費 × (100 − 給付割合)% by the counter rule (D12)
/// − 長期           the part above the 長期 cap of the institution and month (D13)
/// − 高額療養費     given, or estimated from the 区分's limit when the self-pay reaches the lowest limit (D5)
/// − 附加給付       given, or (self-pay after 高額療養費 − the insurer's cap) rounded down (D6)
/// − 他公費負担額   given (unknown counts as none)
/// = 対象額         at least 0
/// − 一部負担金     once per recipient × institution × 診療月 × kind, across claims and runs (D1)
/// = 助成額         at least 0
/// </code>
/// The 食事療養 標準負担額 is never in the self-pay and never paid (D14): it is carried on the result only.
/// </summary>
public static class SubsidyComputation
{
    /// <summary>
    /// Computes the 助成額 of <paramref name="claims"/>. Claims sharing a <see cref="CopaymentGroup"/>
    /// share one 一部負担金 (its 入院 short-stay amount judged on the group's 実日数 together): it is charged
    /// in ascending <see cref="SubsidyClaim.ClaimId"/> order, each claim
    /// paying what its 対象額 allows until the group's amount (less what <paramref name="history"/> says was
    /// charged before) is used up. The 長期 cap works the same way per <see cref="LongTermGroup"/>.
    /// </summary>
    /// <returns>One result per claim, in the order of <paramref name="claims"/>.</returns>
    /// <exception cref="ArgumentException">A claim has neither a self-pay nor a 給付割合 to derive it, or a negative amount.</exception>
    public static IReadOnlyList<SubsidyResult> Compute(IReadOnlyList<SubsidyClaim> claims, SubsidyHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        history ??= SubsidyHistory.Empty;

        var copaymentUsed = new Dictionary<CopaymentGroup, long>();
        var longTermUsed = new Dictionary<LongTermGroup, long>();
        var results = new SubsidyResult[claims.Count];

        // 入院 under 14 実日数 is judged on the days of the institution and month (D1): the days of the
        // group's claims together; unknown when any claim of the group does not show them.
        var groupDays = claims
            .GroupBy(CopaymentGroupOf)
            .ToDictionary(g => g.Key, g => g.Any(c => c.DaysOfCare is null) ? (int?)null : g.Sum(c => c.DaysOfCare!.Value));

        foreach (var index in Enumerable.Range(0, claims.Count).OrderBy(i => claims[i].ClaimId))
        {
            results[index] = ComputeOne(claims[index], history, copaymentUsed, longTermUsed, groupDays);
        }

        return results;
    }

    private static SubsidyResult ComputeOne(
        SubsidyClaim claim,
        SubsidyHistory history,
        Dictionary<CopaymentGroup, long> copaymentUsed,
        Dictionary<LongTermGroup, long> longTermUsed,
        Dictionary<CopaymentGroup, int?> groupDays)
    {
        Validate(claim);
        var steps = new List<SubsidyStep> { new("総医療費", claim.TotalCost) };

        bool derived = claim.SelfPay is null;
        long selfPay = claim.SelfPay ?? CounterRounding.SelfPay(claim.TotalCost, claim.InsurerShareRate!.Value);
        steps.Add(new(derived
            ? string.Create(CultureInfo.InvariantCulture, $"保険自己負担額（点数から算出: 総医療費 × {100 - claim.InsurerShareRate!.Value}%、10円未満四捨五入）")
            : "保険自己負担額", selfPay));

        long mealAmount = claim.MealAmount ?? 0;
        if (mealAmount > 0)
        {
            steps.Add(new("食事療養・生活療養 標準負担額（助成対象外・自己負担額に含めない）", mealAmount));
        }

        long remaining = selfPay;

        long longTermReduction = 0;
        if (claim.LongTerm && claim.LongTermCap is { } cap)
        {
            var group = new LongTermGroup(claim.RecipientId, claim.ProviderCode, claim.ServiceMonth);
            long counted = history.LongTermSelfPayCounted.GetValueOrDefault(group) + longTermUsed.GetValueOrDefault(group);
            long allowed = Math.Max(0, cap - counted);
            long capped = Math.Min(remaining, allowed);
            longTermReduction = remaining - capped;
            remaining = capped;
            longTermUsed[group] = longTermUsed.GetValueOrDefault(group) + capped;
            steps.Add(new(string.Create(CultureInfo.InvariantCulture, $"− 長期（特定疾病）: 同一医療機関・同一月の自己負担上限 {cap:N0}円を超える額"), longTermReduction));
        }

        bool highCostEstimated = false;
        long highCost;
        if (claim.HighCostRefund is { } givenHighCost)
        {
            highCost = Math.Min(givenHighCost, remaining);
            steps.Add(new("− 高額療養費（通知額）", highCost));
        }
        else if (claim.HighCost is { } terms && remaining >= terms.EstimationFloor)
        {
            long limit = terms.Limit.LimitFor(claim.TotalCost);
            highCost = Math.Max(0, remaining - limit);
            highCostEstimated = true;
            steps.Add(new(string.Create(CultureInfo.InvariantCulture, $"− 高額療養費（推計: 区分 {terms.Category}{(terms.CategoryDefaulted ? "（既定値）" : string.Empty)}{(terms.ManyTimes ? "・多数回" : string.Empty)}、自己負担限度額 {limit:N0}円）"),
                highCost));
        }
        else
        {
            highCost = 0;
        }

        remaining -= highCost;

        bool extraEstimated = false;
        long extra;
        if (claim.ExtraBenefit is { } givenExtra)
        {
            extra = Math.Min(givenExtra, remaining);
            steps.Add(new("− 附加給付（通知額）", extra));
        }
        else if (claim.ExtraBenefitTerms is { } extraTerms && remaining > extraTerms.MonthlyCap)
        {
            long above = remaining - extraTerms.MonthlyCap;
            extra = extraTerms.RoundingUnit > 1 ? above / extraTerms.RoundingUnit * extraTerms.RoundingUnit : above;
            extraEstimated = true;
            steps.Add(new(string.Create(CultureInfo.InvariantCulture, $"− 附加給付（推計: 上限 {extraTerms.MonthlyCap:N0}円を超える額、{extraTerms.RoundingUnit:N0}円未満切捨て）"),
                extra));
        }
        else
        {
            extra = 0;
        }

        remaining -= extra;

        long otherPublic = Math.Min(claim.OtherPublicAmount ?? 0, remaining);
        if (otherPublic > 0)
        {
            steps.Add(new("− 他公費負担額", otherPublic));
        }

        remaining -= otherPublic;
        long target = Math.Max(0, remaining);
        steps.Add(new("＝ 対象額", target));

        var copaymentGroup = CopaymentGroupOf(claim);
        long groupAmount = claim.Copayment.For(groupDays[copaymentGroup]);
        long charged = history.CopaymentCharged.GetValueOrDefault(copaymentGroup) + copaymentUsed.GetValueOrDefault(copaymentGroup);
        long copayment = Math.Min(Math.Max(0, groupAmount - charged), target);
        copaymentUsed[copaymentGroup] = copaymentUsed.GetValueOrDefault(copaymentGroup) + copayment;
        steps.Add(new(charged > 0
            ? string.Create(CultureInfo.InvariantCulture, $"− 一部負担金（同一医療機関・同一月・同一種別で {groupAmount:N0}円、既に {charged:N0}円負担済み）")
            : string.Create(CultureInfo.InvariantCulture, $"− 一部負担金（同一医療機関・同一月・同一種別で {groupAmount:N0}円）"), copayment));

        long subsidy = target - copayment;
        steps.Add(new("＝ 助成額", subsidy));

        return new SubsidyResult
        {
            ClaimId = claim.ClaimId,
            TotalCost = claim.TotalCost,
            SelfPay = selfPay,
            SelfPayDerived = derived,
            LongTermReduction = longTermReduction,
            HighCostRefund = highCost,
            HighCostEstimated = highCostEstimated,
            ExtraBenefit = extra,
            ExtraBenefitEstimated = extraEstimated,
            OtherPublicAmount = otherPublic,
            MealAmount = mealAmount,
            Target = target,
            Copayment = copayment,
            Subsidy = subsidy,
            Steps = steps,
        };
    }

    private static CopaymentGroup CopaymentGroupOf(SubsidyClaim claim) =>
        new(claim.RecipientId, claim.ProviderCode, claim.ServiceMonth, claim.Kind);

    private static void Validate(SubsidyClaim claim)
    {
        if (claim.SelfPay is null && claim.InsurerShareRate is null)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"レセプト {claim.ClaimId}: 保険自己負担額も給付割合もないため助成額を計算できません。"), nameof(claim));
        }

        if (claim.TotalCost < 0 || claim.SelfPay < 0 || claim.MealAmount < 0 || claim.HighCostRefund < 0
            || claim.ExtraBenefit < 0 || claim.OtherPublicAmount < 0 || claim.Copayment.Amount < 0
            || claim.Copayment.ShortStayAmount < 0 || claim.LongTermCap < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"レセプト {claim.ClaimId}: 金額が負の値です。"), nameof(claim));
        }
    }
}
