using System.Globalization;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// Which year's income is tested for a 診療月 (decisions.md D9, rules-research.md §2.4): care in
/// January–July of year Y uses the income of calendar year Y−2 (the tax record of 課税年度 Y−1);
/// August–December of Y uses the income of Y−1 (課税年度 Y). The 課税年度 of a 住民税 record is the
/// income year + 1 (interfaces.md §3).
/// </summary>
public readonly record struct IncomeYear
{
    /// <summary>The first month (August) of a 診療月 that uses the previous year's income.</summary>
    public const int SwitchMonth = 8;

    private IncomeYear(int calendarYear) => CalendarYear = calendarYear;

    /// <summary>The calendar year in which the income was earned (所得年).</summary>
    public int CalendarYear { get; }

    /// <summary>The 課税年度 (TaxYear) of the 住民税 record that holds that income: <see cref="CalendarYear"/> + 1.</summary>
    public int TaxYear => CalendarYear + 1;

    /// <summary>The income year for care given in <paramref name="serviceMonth"/> (診療月).</summary>
    public static IncomeYear ForServiceMonth(YearMonth serviceMonth) =>
        new(serviceMonth.Month >= SwitchMonth ? serviceMonth.Year - 1 : serviceMonth.Year - 2);

    /// <summary>The income year for a day (e.g. an application date): the rule applied to its month.</summary>
    public static IncomeYear ForDate(DateOnly date) => ForServiceMonth(YearMonth.Of(date));

    /// <summary>The income year held by the tax record of <paramref name="taxYear"/>.</summary>
    public static IncomeYear FromTaxYear(int taxYear) => new(taxYear - 1);

    /// <summary>"2024年分（2025年度課税）".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{CalendarYear}年分（{TaxYear}年度課税）");
}
