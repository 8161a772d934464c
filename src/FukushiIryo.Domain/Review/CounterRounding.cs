namespace FukushiIryo.Domain.Review;

/// <summary>
/// The counter rule of 健康保険法 §75 (decisions.md D12) for a self-pay derived from 点数: under 5円
/// is dropped, 5円 or more rounds up to 10円 (3,702 → 3,700; 3,705 → 3,710).
/// </summary>
public static class CounterRounding
{
    /// <summary>Rounds <paramref name="yen"/> (not negative) to 10円 by the counter rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">yen is negative.</exception>
    public static long Round(decimal yen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(yen);
        decimal tens = decimal.Floor(yen / 10m) * 10m;
        return (long)(yen - tens < 5m ? tens : tens + 10m);
    }

    /// <summary>
    /// The self-pay of a claim: 点数 × 10 (or the 医療費 in yen) × (100 − 給付割合)%, rounded by the counter rule.
    /// </summary>
    /// <param name="yenBeforeRate">点数 × 10, or the 医療費 in yen.</param>
    /// <param name="insurerShareRate">給付割合 in percent, 0..100.</param>
    public static long SelfPay(long yenBeforeRate, int insurerShareRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(yenBeforeRate);
        ArgumentOutOfRangeException.ThrowIfNegative(insurerShareRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(insurerShareRate, 100);
        return Round(yenBeforeRate * (100m - insurerShareRate) / 100m);
    }
}
