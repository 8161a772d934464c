using System.Globalization;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// A month in 和暦 ("令和8年3月", "R08.03", UKE "50803").
/// </summary>
/// <remarks>
/// A month in which the era changed (1912-07, 1926-12, 1989-01) is written in the era in force on
/// its <b>first</b> day: 1989-01 is 昭和64年1月. 2019-05 is 令和元年5月 (the era changed at the start
/// of the month). The parser also accepts the later era's form (平成元年1月) for such months.
/// 1868-01, whose first day precedes the table, is 明治元年1月.
/// </remarks>
public sealed record WarekiYearMonth
{
    private WarekiYearMonth(JapaneseEra era, int year, YearMonth month)
    {
        Era = era;
        Year = year;
        YearMonth = month;
    }

    /// <summary>The era in force on the first day of the month (for 1868-01: 明治).</summary>
    public JapaneseEra Era { get; }

    /// <summary>The era year, 1 for 元年.</summary>
    public int Year { get; }

    /// <summary>The month, 1..12.</summary>
    public int Month => YearMonth.Month;

    /// <summary>The Gregorian month.</summary>
    public YearMonth YearMonth { get; }

    /// <summary>The 和暦 of <paramref name="month"/>, written in the era of its first day.</summary>
    /// <exception cref="ArgumentOutOfRangeException">month before 1868-01 (明治).</exception>
    public static WarekiYearMonth From(YearMonth month) =>
        TryFrom(month) ?? throw new ArgumentOutOfRangeException(nameof(month), month, "Months before 1868-01 (明治) have no era in the table.");

    /// <summary>The 和暦 of <paramref name="month"/>, or <c>null</c> before 1868-01.</summary>
    public static WarekiYearMonth? TryFrom(YearMonth month) =>
        (JapaneseEra.TryOf(month.FirstDay) ?? JapaneseEra.TryOf(month.LastDay)) is { } era
            ? new WarekiYearMonth(era, era.ToEraYear(month.Year), month)
            : null;

    internal static WarekiYearMonth FromEraYear(JapaneseEra era, int eraYear, int month) =>
        new(era, eraYear, new YearMonth(era.ToGregorianYear(eraYear), month));

    /// <summary>"令和8年3月"; year 1 is written 元年: "令和元年5月".</summary>
    public string ToLongString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Era.Name}{Wareki.FormatKanjiYear(Year)}年{Month}月");

    /// <summary>"R08.03".</summary>
    public string ToShortString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Era.Letter}{Year:D2}.{Month:D2}");

    /// <summary>The レセプト電算 form GYYMM, e.g. "50803" (formats.md §1.3).</summary>
    /// <exception cref="InvalidOperationException">the era year has more than two digits.</exception>
    public string ToUkeString()
    {
        Wareki.EnsureTwoDigitYear(Year);
        return string.Create(CultureInfo.InvariantCulture, $"{Era.Code}{Year:D2}{Month:D2}");
    }

    /// <summary>Same as <see cref="ToLongString"/>.</summary>
    public override string ToString() => ToLongString();
}
