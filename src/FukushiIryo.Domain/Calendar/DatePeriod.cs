using System.Globalization;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// A run of whole days from <see cref="Start"/> to <see cref="End"/>, <b>both inclusive</b>
/// (as printed on a 受給資格証: 有効期間 2026年8月1日〜2027年7月31日).
/// Effective-dated history rows use an exclusive end instead; <see cref="EndExclusive"/> gives it.
/// </summary>
public readonly record struct DatePeriod
{
    /// <summary>Creates the period; <paramref name="end"/> must not be before <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentException">end is before start.</exception>
    public DatePeriod(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"End {end:yyyy-MM-dd} is before start {start:yyyy-MM-dd}."),
                nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>The first day (inclusive).</summary>
    public DateOnly Start { get; }

    /// <summary>The last day (inclusive).</summary>
    public DateOnly End { get; }

    /// <summary>The day after <see cref="End"/> (for a valid_to / LostOn style exclusive bound).</summary>
    public DateOnly EndExclusive => End.AddDays(1);

    /// <summary>The number of days, counting both ends.</summary>
    public int DayCount => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Whether <paramref name="date"/> is within the period, ends included.</summary>
    public bool Contains(DateOnly date) => Start <= date && date <= End;

    /// <summary>"yyyy-MM-dd..yyyy-MM-dd".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}");
}
