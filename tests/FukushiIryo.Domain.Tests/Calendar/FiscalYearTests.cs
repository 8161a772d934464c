using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class FiscalYearTests
{
    [Theory]
    [InlineData("2026-03-31", 2025)]
    [InlineData("2026-04-01", 2026)]
    [InlineData("2025-04-01", 2025)]
    [InlineData("2025-12-31", 2025)]
    [InlineData("2026-01-01", 2025)]
    [InlineData("2024-02-29", 2023)]
    [InlineData("2019-04-30", 2019)]
    [InlineData("2019-05-01", 2019)]
    public void Of_date(string date, int expected) =>
        Assert.Equal(expected, FiscalYear.Of(D(date)).Year);

    [Fact]
    public void Start_end_and_contains()
    {
        var fy = new FiscalYear(2025);
        Assert.Equal(D("2025-04-01"), fy.Start);
        Assert.Equal(D("2026-03-31"), fy.End);
        Assert.Equal(365, fy.Period.DayCount);
        Assert.Equal(366, new FiscalYear(2023).Period.DayCount);
        Assert.True(fy.Contains(D("2025-04-01")));
        Assert.True(fy.Contains(D("2026-03-31")));
        Assert.False(fy.Contains(D("2025-03-31")));
        Assert.False(fy.Contains(D("2026-04-01")));
        Assert.Equal("2025年度", fy.ToString());
    }

    [Theory]
    [InlineData(2026, 3, 2025)]
    [InlineData(2026, 4, 2026)]
    [InlineData(2027, 1, 2026)]
    public void Of_month(int year, int month, int expected) =>
        Assert.Equal(expected, FiscalYear.Of(new YearMonth(year, month)).Year);

    [Fact]
    public void Ordering_and_add()
    {
        var fy = new FiscalYear(2025);
        Assert.Equal(new FiscalYear(2026), fy.AddYears(1));
        Assert.True(fy < fy.AddYears(1));
        Assert.Equal(1, default(FiscalYear).Year);
    }

    [Fact]
    public void Dates_before_the_first_representable_fiscal_year_throw() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FiscalYear.Of(D("0001-03-31")));
}
