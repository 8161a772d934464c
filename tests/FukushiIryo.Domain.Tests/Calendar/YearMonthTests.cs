using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class YearMonthTests
{
    [Theory]
    [InlineData(2026, 3, "2026-03", "2026-03-01", "2026-03-31")]
    [InlineData(2024, 2, "2024-02", "2024-02-01", "2024-02-29")]
    [InlineData(2026, 2, "2026-02", "2026-02-01", "2026-02-28")]
    [InlineData(1900, 2, "1900-02", "1900-02-01", "1900-02-28")]
    [InlineData(2000, 2, "2000-02", "2000-02-01", "2000-02-29")]
    [InlineData(1, 1, "0001-01", "0001-01-01", "0001-01-31")]
    [InlineData(9999, 12, "9999-12", "9999-12-01", "9999-12-31")]
    public void Fields_first_and_last_day(int year, int month, string text, string first, string last)
    {
        var ym = new YearMonth(year, month);
        Assert.Equal(year, ym.Year);
        Assert.Equal(month, ym.Month);
        Assert.Equal(text, ym.ToString());
        Assert.Equal(D(first), ym.FirstDay);
        Assert.Equal(D(last), ym.LastDay);
        Assert.True(ym.Contains(D(first)));
        Assert.True(ym.Contains(D(last)));
    }

    [Theory]
    [InlineData("2026-02-28", false)]
    [InlineData("2026-03-01", true)]
    [InlineData("2026-03-31", true)]
    [InlineData("2026-04-01", false)]
    [InlineData("2025-03-15", false)]
    public void Contains(string date, bool expected) =>
        Assert.Equal(expected, new YearMonth(2026, 3).Contains(D(date)));

    [Fact]
    public void Default_is_0001_01()
    {
        Assert.Equal("0001-01", default(YearMonth).ToString());
        Assert.Equal(YearMonth.MinValue, default);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10000, 1)]
    [InlineData(2026, 0)]
    [InlineData(2026, 13)]
    public void Rejects_out_of_range(int year, int month) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearMonth(year, month));

    [Theory]
    [InlineData("2026-03", 1, "2026-04")]
    [InlineData("2026-12", 1, "2027-01")]
    [InlineData("2026-01", -1, "2025-12")]
    [InlineData("2026-03", -15, "2024-12")]
    [InlineData("2026-03", 24, "2028-03")]
    [InlineData("2026-03", 0, "2026-03")]
    public void AddMonths(string from, int months, string expected)
    {
        var start = Ym(from);
        var result = start.AddMonths(months);
        Assert.Equal(expected, result.ToString());
        Assert.Equal(months, result.MonthsSince(start));
    }

    [Fact]
    public void AddMonths_beyond_range_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => YearMonth.MaxValue.AddMonths(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => YearMonth.MinValue.AddMonths(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => YearMonth.MinValue.AddMonths(int.MinValue));
    }

    [Fact]
    public void Ordering_and_equality()
    {
        var a = new YearMonth(2025, 12);
        var b = new YearMonth(2026, 1);
        Assert.True(a < b);
        Assert.True(a <= b);
        Assert.True(b > a);
        Assert.True(b >= a);
        Assert.True(a != b);
        Assert.True(a == new YearMonth(2025, 12));
        Assert.Equal(-1, a.CompareTo(b));
        Assert.Equal(1, a.CompareTo(null));
        Assert.Equal(new[] { a, b }, new[] { b, a }.Order());
    }

    [Fact]
    public void Of_date() => Assert.Equal(new YearMonth(2019, 5), YearMonth.Of(D("2019-05-01")));

    [Property]
    public Property AddMonths_is_reversible_and_ordered() =>
        Prop.ForAll(
            Gen.Choose(100, 9900).Zip(Gen.Choose(1, 12)).Zip(Gen.Choose(-1000, 1000)).ToArbitrary(),
            t =>
            {
                var ((year, month), n) = t;
                var ym = new YearMonth(year, month);
                var moved = ym.AddMonths(n);
                return moved.AddMonths(-n) == ym
                    && moved.MonthsSince(ym) == n
                    && Math.Sign(moved.CompareTo(ym)) == Math.Sign(n)
                    && moved.FirstDay == ym.FirstDay.AddMonths(n);
            });

    private static YearMonth Ym(string text) => YearMonth.Of(D(text + "-01"));
}
