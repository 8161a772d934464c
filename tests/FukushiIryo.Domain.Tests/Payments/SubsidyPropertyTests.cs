using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;

namespace FukushiIryo.Domain.Tests.Payments;

/// <summary>Properties of SubsidyComputation that hold for any claims, any split and any order.</summary>
public sealed class SubsidyPropertyTests
{
    private static readonly YearMonth June = new(2026, 6);

    private static readonly HighCostTerms[] Categories =
    [
        new("ア", false, false, new HighCostLimitTerms(252_600, 842_000, 1), 24_600),
        new("ウ", true, false, new HighCostLimitTerms(80_100, 267_000, 1), 24_600),
        new("エ", false, false, new HighCostLimitTerms(57_600), 24_600),
        new("オ", false, true, new HighCostLimitTerms(24_600), 24_600),
    ];

    private static readonly Gen<SubsidyClaim> Claims =
        from selfPay in Gen.Choose(0, 400_000)
        from extraCost in Gen.Choose(0, 1_000_000)
        from kind in Gen.Elements(Enum.GetValues<ClaimKind>())
        from days in Gen.Elements<int?>(null, 1, 8, 13, 14, 31)
        from provider in Gen.Elements("1234567", "7654321")
        from highCost in Gen.Elements<HighCostTerms?>([null, .. Categories])
        from givenHighCost in Gen.Elements<long?>(null, null, 0, 50_000)
        from extra in Gen.Elements<ExtraBenefitTerms?>(null, null, new ExtraBenefitTerms(25_000, 100), new ExtraBenefitTerms(20_000, 1))
        from givenExtra in Gen.Elements<long?>(null, null, 0, 10_000)
        from otherPublic in Gen.Elements<long?>(null, 0, 5_000)
        from meal in Gen.Elements<long?>(null, 13_800)
        from longTerm in Gen.Elements(false, true)
        select new SubsidyClaim
        {
            RecipientId = 7,
            ServiceMonth = June,
            ProviderCode = provider,
            Kind = kind,
            DaysOfCare = days,
            TotalCost = selfPay + extraCost,
            SelfPay = selfPay,
            InsurerShareRate = 70,
            MealAmount = meal,
            HighCostRefund = givenHighCost,
            ExtraBenefit = givenExtra,
            OtherPublicAmount = otherPublic,
            LongTerm = longTerm,
            LongTermCap = longTerm ? 10_000 : null,
            Copayment = ClaimKinds.IsInpatient(kind) ? new CopaymentTerms(1_000, 500, 14) : kind == ClaimKind.Pharmacy ? new CopaymentTerms(0) : new CopaymentTerms(500),
            HighCost = highCost,
            ExtraBenefitTerms = extra,
        };

    /// <summary>1 to 6 claims with distinct ids, often sharing an institution, month and kind.</summary>
    private static readonly Gen<SubsidyClaim[]> Batches =
        from count in Gen.Choose(1, 6)
        from claims in Claims.ArrayOf(count)
        from ids in Gen.Shuffle(Enumerable.Range(1, claims.Length).ToArray())
        select claims.Select((claim, i) => claim with { ClaimId = ids[i] }).ToArray();

    [Property]
    public Property The_subsidy_is_never_negative_nor_above_the_self_pay() =>
        Prop.ForAll(Batches.ToArbitrary(), claims =>
            SubsidyComputation.Compute(claims).All(r => r.Subsidy >= 0 && r.Subsidy <= r.SelfPay && r.Subsidy == r.Target - r.Copayment));

    [Property]
    public Property The_subsidy_grows_with_the_self_pay() =>
        Prop.ForAll(Claims.ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (claim, more) =>
        {
            var lower = SubsidyComputation.Compute([claim]).Single();
            var higher = SubsidyComputation.Compute([claim with { SelfPay = claim.SelfPay + more, TotalCost = claim.TotalCost + more }]).Single();

            // An estimated 附加給付 is paid in whole rounding units (D6), so the self-pay left after it
            // runs as a saw-tooth within one unit: monotone up to that unit, strictly without it.
            long slack = claim.ExtraBenefit is null && claim.ExtraBenefitTerms is { } terms ? terms.RoundingUnit - 1 : 0;
            return higher.Subsidy >= lower.Subsidy - slack;
        });

    [Property]
    public Property Without_an_estimated_extra_benefit_the_subsidy_is_monotone_in_the_self_pay() =>
        Prop.ForAll(Claims.ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (claim, more) =>
        {
            var plain = claim with { ExtraBenefitTerms = null };
            var lower = SubsidyComputation.Compute([plain]).Single();
            var higher = SubsidyComputation.Compute([plain with { SelfPay = plain.SelfPay + more }]).Single();
            return higher.Subsidy >= lower.Subsidy;
        });

    [Property]
    public Property One_copayment_group_is_charged_at_most_one_copayment_across_claims_and_runs() =>
        Prop.ForAll(Batches.ToArbitrary(), Gen.Choose(0, 1_200).ToArbitrary(), (claims, chargedBefore) =>
        {
            // Every claim in one group: the same recipient, institution, month and kind.
            var kind = claims[0].Kind;
            var group = claims.Select(c => c with { Kind = kind, ProviderCode = "1234567", Copayment = claims[0].Copayment }).ToArray();
            var key = new CopaymentGroup(7, "1234567", June, kind);
            var history = new SubsidyHistory(new Dictionary<CopaymentGroup, long> { [key] = chargedBefore }, new Dictionary<LongTermGroup, long>());
            int? days = group.Any(c => c.DaysOfCare is null) ? null : group.Sum(c => c.DaysOfCare!.Value);
            long left = Math.Max(0, group[0].Copayment.For(days) - chargedBefore);

            var results = SubsidyComputation.Compute(group, history);
            long charged = results.Sum(r => r.Copayment);

            // Never more than what is left of one amount, and all of it when the 対象額 allow.
            return charged <= left && charged == Math.Min(left, results.Sum(r => r.Target));
        });

    [Property]
    public Property The_order_of_the_claims_changes_nothing() =>
        Prop.ForAll(Batches.ToArbitrary(), claims =>
        {
            var forward = SubsidyComputation.Compute(claims).ToDictionary(r => r.ClaimId, r => r.Subsidy);
            var backward = SubsidyComputation.Compute(claims.Reverse().ToArray()).ToDictionary(r => r.ClaimId, r => r.Subsidy);
            return forward.Count == backward.Count && forward.All(pair => backward[pair.Key] == pair.Value);
        });

    [Property]
    public Property A_run_split_in_two_charges_the_group_no_more_than_one_run() =>
        Prop.ForAll(Batches.ToArbitrary(), Gen.Choose(0, 6).ToArbitrary(), (claims, cut) =>
        {
            var kind = claims[0].Kind;
            var group = claims.Select(c => c with { Kind = kind, ProviderCode = "1234567", Copayment = claims[0].Copayment, DaysOfCare = 20 }).OrderBy(c => c.ClaimId).ToArray();
            int at = Math.Min(cut, group.Length);
            var key = new CopaymentGroup(7, "1234567", June, kind);

            var first = SubsidyComputation.Compute(group[..at]);
            long longTermCounted = first.Where((r, i) => group[i].LongTerm).Sum(r => r.SelfPay - r.LongTermReduction);
            var history = new SubsidyHistory(
                new Dictionary<CopaymentGroup, long> { [key] = first.Sum(r => r.Copayment) },
                new Dictionary<LongTermGroup, long> { [new LongTermGroup(7, "1234567", June)] = longTermCounted });
            var second = SubsidyComputation.Compute(group[at..], history);
            var whole = SubsidyComputation.Compute(group);

            return first.Sum(r => r.Copayment) + second.Sum(r => r.Copayment) <= group[0].Copayment.Amount
                && first.Concat(second).Sum(r => r.Copayment) == whole.Sum(r => r.Copayment);
        });
}
