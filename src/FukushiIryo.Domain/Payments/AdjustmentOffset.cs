namespace FukushiIryo.Domain.Payments;

/// <summary>An adjustment outstanding for a payee: its id and signed yen (positive owed to, negative owed by the payee).</summary>
public readonly record struct OutstandingAdjustment(long Id, long Outstanding);

/// <summary>What a run applies of one adjustment (signed, the adjustment's sign, never more than outstanding).</summary>
public readonly record struct AppliedAdjustment(long Id, long Applied);

/// <summary>A payee's transfer in a run: the amount and what was applied of each adjustment.</summary>
public sealed record PayeeSettlement(long Amount, long AdjustmentTotal, IReadOnlyList<AppliedAdjustment> Applied);

/// <summary>
/// 相殺 (offset) of a payee's adjustments in one payment run (ADR 0026): every positive adjustment
/// (再振込, 追給) is added in full; then negative ones (減額), oldest first as given, are offset against what
/// the payee would be paid, each as far as the amount left allows; the rest stays outstanding for a later
/// run (or a 返還請求). The transfer is never negative.
/// </summary>
public static class AdjustmentOffset
{
    /// <param name="claimsTotal">The 助成額 of the payee's claims in the run (≥ 0).</param>
    /// <param name="adjustments">Outstanding adjustments, negatives in the order they are to be offset (oldest first).</param>
    public static PayeeSettlement Settle(long claimsTotal, IReadOnlyList<OutstandingAdjustment> adjustments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(claimsTotal);
        ArgumentNullException.ThrowIfNull(adjustments);
        var applied = new List<AppliedAdjustment>();
        long amount = claimsTotal;
        foreach (var adjustment in adjustments.Where(a => a.Outstanding > 0))
        {
            amount = checked(amount + adjustment.Outstanding);
            applied.Add(new AppliedAdjustment(adjustment.Id, adjustment.Outstanding));
        }

        foreach (var adjustment in adjustments.Where(a => a.Outstanding < 0))
        {
            long offset = Math.Min(-adjustment.Outstanding, amount);
            if (offset == 0)
            {
                continue;
            }

            amount -= offset;
            applied.Add(new AppliedAdjustment(adjustment.Id, -offset));
        }

        return new PayeeSettlement(amount, applied.Sum(a => a.Applied), applied);
    }
}
