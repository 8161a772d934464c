using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Payments;

namespace FukushiIryo.Domain.Tests.Payments;

/// <summary>The offset of a payee's adjustments in one run, in yen, and its properties.</summary>
public sealed class AdjustmentOffsetTests
{
    public static TheoryData<long, long[], long, long[]> Cases => new()
    {
        // claims, outstanding adjustments (ids 1..n in order) → amount, applied per adjustment
        { 12_000, [], 12_000, [] },
        { 12_000, [5_000], 17_000, [5_000] },                 // 再振込 added in full
        { 0, [8_400], 8_400, [8_400] },                       // a returned transfer alone
        { 12_000, [-3_000], 9_000, [-3_000] },                // 減額 offset in full
        { 2_000, [-3_000], 0, [-2_000] },                     // offset as far as it goes; 1,000 stays outstanding
        { 0, [-3_000], 0, [] },                               // nothing to offset against
        { 2_000, [-1_500, -1_500], 0, [-1_500, -500] },       // oldest first
        { 1_000, [-4_000, 5_000], 2_000, [-4_000, 5_000] },   // positives first, then the negative
        { 0, [-700, 300, -100], 0, [-300, 300] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Settles_a_payee_in_yen(long claims, long[] outstanding, long amount, long[] applied)
    {
        var adjustments = outstanding.Select((o, i) => new OutstandingAdjustment(i + 1, o)).ToList();
        var result = AdjustmentOffset.Settle(claims, adjustments);
        Assert.Equal(amount, result.Amount);
        var byId = result.Applied.ToDictionary(a => a.Id, a => a.Applied);
        // applied[] lists the non-zero applications in the order of the adjustments they belong to.
        var nonZero = outstanding.Select((_, i) => byId.GetValueOrDefault(i + 1)).Where(a => a != 0).ToArray();
        Assert.Equal(applied, nonZero);
        Assert.Equal(applied.Sum(), result.AdjustmentTotal);
    }

    private static readonly Gen<(long Claims, OutstandingAdjustment[] Adjustments)> Inputs =
        from claims in Gen.Choose(0, 200_000)
        from amounts in Gen.ListOf(Gen.Choose(-100_000, 100_000)).Select(l => l.Where(a => a != 0).ToArray())
        select ((long)claims, amounts.Select((a, i) => new OutstandingAdjustment(i + 1, a)).ToArray());

    [Property]
    public Property The_transfer_is_never_negative_and_adds_up() => Prop.ForAll(Inputs.ToArbitrary(), input =>
    {
        var result = AdjustmentOffset.Settle(input.Claims, input.Adjustments);
        return result.Amount >= 0
            && result.Amount == input.Claims + result.Applied.Sum(a => a.Applied)
            && result.AdjustmentTotal == result.Applied.Sum(a => a.Applied);
    });

    [Property]
    public Property Nothing_is_applied_beyond_what_is_outstanding_or_with_the_wrong_sign() => Prop.ForAll(Inputs.ToArbitrary(), input =>
    {
        var outstanding = input.Adjustments.ToDictionary(a => a.Id, a => a.Outstanding);
        var result = AdjustmentOffset.Settle(input.Claims, input.Adjustments);
        return result.Applied.All(a => Math.Sign(a.Applied) == Math.Sign(outstanding[a.Id]) && Math.Abs(a.Applied) <= Math.Abs(outstanding[a.Id]))
            && result.Applied.Select(a => a.Id).Distinct().Count() == result.Applied.Count;
    });

    [Property]
    public Property Positives_are_always_paid_in_full() => Prop.ForAll(Inputs.ToArbitrary(), input =>
    {
        var result = AdjustmentOffset.Settle(input.Claims, input.Adjustments);
        var applied = result.Applied.ToDictionary(a => a.Id, a => a.Applied);
        return input.Adjustments.Where(a => a.Outstanding > 0).All(a => applied.GetValueOrDefault(a.Id) == a.Outstanding);
    });

    [Property]
    public Property A_negative_is_left_outstanding_only_when_the_transfer_is_zero() => Prop.ForAll(Inputs.ToArbitrary(), input =>
    {
        var result = AdjustmentOffset.Settle(input.Claims, input.Adjustments);
        var applied = result.Applied.ToDictionary(a => a.Id, a => a.Applied);
        bool anyLeft = input.Adjustments.Any(a => a.Outstanding < 0 && applied.GetValueOrDefault(a.Id) != a.Outstanding);
        return !anyLeft || result.Amount == 0;
    });
}
