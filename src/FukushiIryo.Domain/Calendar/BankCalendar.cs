using System.Collections.Frozen;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// Bank business days (decisions.md D15): a 振込指定日 must be one. Not business days: Saturdays,
/// Sundays, the listed holidays, and 31 December – 3 January.
/// </summary>
/// <remarks>
/// The holidays (国民の祝日, 振替休日, 国民の休日) are data: the dated <c>BankHoliday</c> master supplies
/// them, and nothing here knows a holiday. The year-end closing is a rule, not data (see
/// <see cref="YearEndClosingFirstDay"/>).
/// </remarks>
public sealed class BankCalendar
{
    /// <summary>
    /// Banks are closed from 31 December to 3 January whatever the weekday: 銀行法第15条第1項 with 銀行法施行令
    /// 第5条第1項第2号 ("十二月三十一日から翌年の一月三日までの日") makes them 銀行の休日, and the 全銀システム
    /// does not settle transfers on those days (全銀 practice: no 振込指定日 in 12/31–1/3). A rule of law,
    /// so a constant here rather than rows of the holiday master. This is the first day, in December.
    /// </summary>
    public const int YearEndClosingFirstDay = 31;

    /// <summary>The last day, in January, of the year-end closing (see <see cref="YearEndClosingFirstDay"/>).</summary>
    public const int YearEndClosingLastDay = 3;

    private readonly FrozenSet<DateOnly> _holidays;

    /// <summary>Creates the calendar from the holiday master's dates (weekend dates among them are harmless).</summary>
    public BankCalendar(IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        _holidays = holidays.ToFrozenSet();
    }

    /// <summary>The listed holidays.</summary>
    public IReadOnlySet<DateOnly> Holidays => _holidays;

    /// <summary>Whether <paramref name="date"/> is in the 12/31 – 1/3 closing.</summary>
    public static bool IsYearEndClosing(DateOnly date) =>
        (date.Month == 12 && date.Day >= YearEndClosingFirstDay)
        || (date.Month == 1 && date.Day <= YearEndClosingLastDay);

    /// <summary>Whether banks settle transfers on <paramref name="date"/>.</summary>
    public bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !IsYearEndClosing(date)
        && !_holidays.Contains(date);

    /// <summary><paramref name="date"/> if it is a business day, else the first business day after it.</summary>
    public DateOnly NextBusinessDayOnOrAfter(DateOnly date)
    {
        while (!IsBusinessDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary><paramref name="date"/> if it is a business day, else the last business day before it.</summary>
    public DateOnly PreviousBusinessDayOnOrBefore(DateOnly date)
    {
        while (!IsBusinessDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    /// <summary>
    /// The <paramref name="businessDays"/>-th business day after <paramref name="date"/> (before it when
    /// negative), not counting <paramref name="date"/> itself, which need not be a business day:
    /// Friday + 1 is the next Monday that is a business day; Saturday + 1 likewise. 0 returns
    /// <paramref name="date"/> unchanged.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly date, int businessDays)
    {
        int step = Math.Sign(businessDays);
        for (int remaining = Math.Abs(businessDays); remaining > 0; remaining--)
        {
            date = date.AddDays(step);
            while (!IsBusinessDay(date))
            {
                date = date.AddDays(step);
            }
        }

        return date;
    }
}
