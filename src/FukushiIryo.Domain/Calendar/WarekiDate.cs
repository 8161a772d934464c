using System.Globalization;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// A date in 和暦 (JapaneseEraDate), always in the era in force on that day: 2019-05-01 is 令和元年5月1日,
/// never 平成31年5月1日. Built with <see cref="From"/>; read text with <see cref="Wareki"/>.
/// </summary>
public sealed record WarekiDate
{
    private WarekiDate(JapaneseEra era, int year, DateOnly date)
    {
        Era = era;
        Year = year;
        Date = date;
    }

    /// <summary>The era in force on <see cref="Date"/>.</summary>
    public JapaneseEra Era { get; }

    /// <summary>The era year, 1 for 元年.</summary>
    public int Year { get; }

    /// <summary>The month, 1..12.</summary>
    public int Month => Date.Month;

    /// <summary>The day of the month.</summary>
    public int Day => Date.Day;

    /// <summary>The Gregorian date.</summary>
    public DateOnly Date { get; }

    /// <summary>The 和暦 of <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">date before 1868-01-25 (明治).</exception>
    public static WarekiDate From(DateOnly date)
    {
        var era = JapaneseEra.Of(date);
        return new WarekiDate(era, era.ToEraYear(date.Year), date);
    }

    /// <summary>The 和暦 of <paramref name="date"/>, or <c>null</c> before 1868-01-25.</summary>
    public static WarekiDate? TryFrom(DateOnly date) =>
        JapaneseEra.TryOf(date) is { } era ? new WarekiDate(era, era.ToEraYear(date.Year), date) : null;

    /// <summary>"令和8年3月11日"; year 1 is written 元年: "令和元年5月1日".</summary>
    public string ToLongString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Era.Name}{Wareki.FormatKanjiYear(Year)}年{Month}月{Day}日");

    /// <summary>"R08.03.11" (two-digit year, month and day).</summary>
    public string ToShortString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Era.Letter}{Year:D2}.{Month:D2}.{Day:D2}");

    /// <summary>The レセプト電算 form GYYMMDD, e.g. "5080311" (formats.md §1.3).</summary>
    /// <exception cref="InvalidOperationException">the era year has more than two digits.</exception>
    public string ToUkeString()
    {
        Wareki.EnsureTwoDigitYear(Year);
        return string.Create(CultureInfo.InvariantCulture, $"{Era.Code}{Year:D2}{Month:D2}{Day:D2}");
    }

    /// <summary>The month of this date in 和暦 (the era of this day).</summary>
    public WarekiYearMonth ToWarekiYearMonth() => WarekiYearMonth.FromEraYear(Era, Year, Month);

    /// <summary>Same as <see cref="ToLongString"/>.</summary>
    public override string ToString() => ToLongString();
}
