using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class WarekiDateTests
{
    [Theory]
    [InlineData("2026-03-11", "令和", 8, "令和8年3月11日", "R08.03.11", "5080311")]
    [InlineData("2019-05-01", "令和", 1, "令和元年5月1日", "R01.05.01", "5010501")]
    [InlineData("2019-04-30", "平成", 31, "平成31年4月30日", "H31.04.30", "4310430")]
    [InlineData("2020-01-01", "令和", 2, "令和2年1月1日", "R02.01.01", "5020101")]
    [InlineData("1989-01-08", "平成", 1, "平成元年1月8日", "H01.01.08", "4010108")]
    [InlineData("1989-01-07", "昭和", 64, "昭和64年1月7日", "S64.01.07", "3640107")]
    [InlineData("1995-02-08", "平成", 7, "平成7年2月8日", "H07.02.08", "4070208")]
    [InlineData("1981-04-18", "昭和", 56, "昭和56年4月18日", "S56.04.18", "3560418")]
    [InlineData("1926-12-25", "昭和", 1, "昭和元年12月25日", "S01.12.25", "3011225")]
    [InlineData("1926-12-24", "大正", 15, "大正15年12月24日", "T15.12.24", "2151224")]
    [InlineData("1912-07-30", "大正", 1, "大正元年7月30日", "T01.07.30", "2010730")]
    [InlineData("1912-07-29", "明治", 45, "明治45年7月29日", "M45.07.29", "1450729")]
    [InlineData("1868-01-25", "明治", 1, "明治元年1月25日", "M01.01.25", "1010125")]
    [InlineData("1992-02-29", "平成", 4, "平成4年2月29日", "H04.02.29", "4040229")]
    public void From_date(string date, string era, int year, string longForm, string shortForm, string uke)
    {
        var w = WarekiDate.From(D(date));
        Assert.Equal(era, w.Era.Name);
        Assert.Equal(year, w.Year);
        Assert.Equal(D(date).Month, w.Month);
        Assert.Equal(D(date).Day, w.Day);
        Assert.Equal(D(date), w.Date);
        Assert.Equal(longForm, w.ToLongString());
        Assert.Equal(longForm, w.ToString());
        Assert.Equal(shortForm, w.ToShortString());
        Assert.Equal(uke, w.ToUkeString());
    }

    [Fact]
    public void Before_meiji_has_no_wareki()
    {
        Assert.Null(WarekiDate.TryFrom(D("1868-01-24")));
        Assert.Throws<ArgumentOutOfRangeException>(() => WarekiDate.From(D("1868-01-24")));
    }

    [Fact]
    public void Equality_is_by_date() =>
        Assert.Equal(WarekiDate.From(D("2026-03-11")), WarekiDate.From(D("2026-03-11")));

    [Fact]
    public void Uke_form_needs_a_two_digit_year()
    {
        var w = WarekiDate.From(D("2118-01-01"));
        Assert.Equal("R100.01.01", w.ToShortString());
        Assert.Throws<InvalidOperationException>(() => w.ToUkeString());
    }

    [Theory]
    [InlineData(2026, 3, "令和8年3月", "R08.03", "50803")]
    [InlineData(2019, 5, "令和元年5月", "R01.05", "50105")]
    [InlineData(2019, 4, "平成31年4月", "H31.04", "43104")]
    [InlineData(2019, 1, "平成31年1月", "H31.01", "43101")]
    [InlineData(1989, 1, "昭和64年1月", "S64.01", "36401")]
    [InlineData(1989, 2, "平成元年2月", "H01.02", "40102")]
    [InlineData(1926, 12, "大正15年12月", "T15.12", "21512")]
    [InlineData(1927, 1, "昭和2年1月", "S02.01", "30201")]
    [InlineData(1912, 7, "明治45年7月", "M45.07", "14507")]
    [InlineData(1868, 1, "明治元年1月", "M01.01", "10101")]
    public void Month_forms(int year, int month, string longForm, string shortForm, string uke)
    {
        var w = WarekiYearMonth.From(new YearMonth(year, month));
        Assert.Equal(longForm, w.ToLongString());
        Assert.Equal(shortForm, w.ToShortString());
        Assert.Equal(uke, w.ToUkeString());
        Assert.Equal(new YearMonth(year, month), w.YearMonth);
    }

    [Fact]
    public void Month_of_a_date_uses_the_era_of_that_day() =>
        Assert.Equal("平成元年1月", WarekiDate.From(D("1989-01-08")).ToWarekiYearMonth().ToLongString());

    [Fact]
    public void Month_before_meiji_has_no_wareki()
    {
        Assert.Null(WarekiYearMonth.TryFrom(new YearMonth(1867, 12)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WarekiYearMonth.From(new YearMonth(1867, 12)));
    }
}
