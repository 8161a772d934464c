using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

/// <summary>decisions.md D9.</summary>
public class IncomeYearTests
{
    [Theory]
    [InlineData(2026, 1, 2024, 2025)]
    [InlineData(2026, 2, 2024, 2025)]
    [InlineData(2026, 3, 2024, 2025)]
    [InlineData(2026, 4, 2024, 2025)]
    [InlineData(2026, 5, 2024, 2025)]
    [InlineData(2026, 6, 2024, 2025)]
    [InlineData(2026, 7, 2024, 2025)]
    [InlineData(2026, 8, 2025, 2026)]
    [InlineData(2026, 9, 2025, 2026)]
    [InlineData(2026, 10, 2025, 2026)]
    [InlineData(2026, 11, 2025, 2026)]
    [InlineData(2026, 12, 2025, 2026)]
    [InlineData(2027, 1, 2025, 2026)]
    [InlineData(2027, 7, 2025, 2026)]
    [InlineData(2027, 8, 2026, 2027)]
    [InlineData(2019, 4, 2017, 2018)]
    [InlineData(2019, 5, 2017, 2018)]
    public void Income_and_tax_year_of_a_service_month(int year, int month, int incomeYear, int taxYear)
    {
        var result = IncomeYear.ForServiceMonth(new YearMonth(year, month));
        Assert.Equal(incomeYear, result.CalendarYear);
        Assert.Equal(taxYear, result.TaxYear);
        Assert.Equal(result, IncomeYear.FromTaxYear(taxYear));
    }

    [Theory]
    [InlineData("2026-07-31", 2024)]
    [InlineData("2026-08-01", 2025)]
    public void Income_year_of_a_date(string date, int incomeYear) =>
        Assert.Equal(incomeYear, IncomeYear.ForDate(D(date)).CalendarYear);

    [Fact]
    public void Text() =>
        Assert.Equal("2024年分（2025年度課税）", IncomeYear.FromTaxYear(2025).ToString());
}
