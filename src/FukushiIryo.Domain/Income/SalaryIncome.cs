using System.Globalization;

namespace FukushiIryo.Domain.Income;

/// <summary>
/// One band of the 給与所得控除 table of an income year, written as the 給与所得 it gives
/// (所得税法 別表第五 and its simplified form): for 給与収入 in <c>[ReceiptsFrom, ReceiptsTo)</c>,
/// the receipts are first rounded down to a multiple of <see cref="RoundingUnit"/> (4,000 in the
/// bands below 6,600,000 where 別表第五 goes in steps; 1 elsewhere), then
/// 給与所得 = that × <see cref="RatePercent"/>% (yen fractions dropped) + <see cref="Addend"/>, never
/// below 0. A fixed 給与所得 is a band with rate 0.
/// </summary>
public sealed record SalaryIncomeBand(long ReceiptsFrom, long? ReceiptsTo, long RoundingUnit, int RatePercent, long Addend)
{
    public bool Contains(long receipts) => ReceiptsFrom <= receipts && (ReceiptsTo is not { } to || receipts < to);
}

/// <summary>給与所得 from 給与収入 by the bands of the income year (master data).</summary>
public static class SalaryIncome
{
    /// <summary>
    /// 給与所得 (給与所得控除後の給与等の金額) of <paramref name="receipts"/> by <paramref name="bands"/>.
    /// 0 for no receipts; a band gap is a master error and throws.
    /// </summary>
    public static long Compute(long receipts, IReadOnlyCollection<SalaryIncomeBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (receipts <= 0)
        {
            return 0;
        }

        var matches = bands.Where(band => band.Contains(receipts)).ToList();
        if (matches.Count != 1)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The 給与所得控除 table has {matches.Count} bands for 給与収入 {receipts:N0}; it needs exactly one."));
        }

        var band = matches[0];
        var unit = Math.Max(1, band.RoundingUnit);
        var rounded = receipts / unit * unit;
        return Math.Max(0, (rounded * band.RatePercent / 100) + band.Addend);
    }
}
