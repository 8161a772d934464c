using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.Domain.Review;

/// <summary>How much of a month a set of periods covers.</summary>
public enum Coverage
{
    /// <summary>No day of the month.</summary>
    None = 0,

    /// <summary>Some days, not all (a 取得 or 喪失 inside the month).</summary>
    Partial = 1,

    /// <summary>Every day of the month.</summary>
    Full = 2,
}

/// <summary>Month-against-periods arithmetic for the rules that judge a 診療月.</summary>
public static class MonthCoverage
{
    /// <summary>Whether the union of <paramref name="periods"/> (ends inclusive) covers none, some or all days of <paramref name="month"/>.</summary>
    public static Coverage Of(YearMonth month, IEnumerable<DatePeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var list = periods.ToList();
        int covered = 0;
        for (int offset = 0; offset < month.DaysInMonth; offset++)
        {
            var day = month.FirstDay.AddDays(offset);
            if (list.Exists(period => period.Contains(day)))
            {
                covered++;
            }
        }

        return covered == 0 ? Coverage.None : covered == month.DaysInMonth ? Coverage.Full : Coverage.Partial;
    }

    /// <summary>Whether any period has a day in <paramref name="month"/>.</summary>
    public static bool Overlaps(YearMonth month, DatePeriod period) =>
        period.Start <= month.LastDay && month.FirstDay <= period.End;
}
