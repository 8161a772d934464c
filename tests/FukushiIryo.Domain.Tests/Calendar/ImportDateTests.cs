using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

/// <summary>The date and month forms of interfaces.md §0.</summary>
public class ImportDateTests
{
    [Theory]
    [InlineData("2026-03-11", "2026-03-11", DateNotation.Iso)]
    [InlineData("20260311", "2026-03-11", DateNotation.Compact)]
    [InlineData("2026/3/11", "2026-03-11", DateNotation.Slash)]
    [InlineData("2026/03/11", "2026-03-11", DateNotation.Slash)]
    [InlineData("2026/3/1", "2026-03-01", DateNotation.Slash)]
    [InlineData("R08.03.11", "2026-03-11", DateNotation.WarekiLetter)]
    [InlineData("R8.3.11", "2026-03-11", DateNotation.WarekiLetter)]
    [InlineData("令和8年3月11日", "2026-03-11", DateNotation.WarekiKanji)]
    [InlineData("令和元年5月1日", "2019-05-01", DateNotation.WarekiKanji)]
    [InlineData("5080311", "2026-03-11", DateNotation.WarekiCode)]
    [InlineData("２０２６－０３－１１", "2026-03-11", DateNotation.Iso)]
    [InlineData("２０２６０３１１", "2026-03-11", DateNotation.Compact)]
    [InlineData("２０２６／３／１１", "2026-03-11", DateNotation.Slash)]
    [InlineData(" 2026-03-11\t", "2026-03-11", DateNotation.Iso)]
    [InlineData("2024-02-29", "2024-02-29", DateNotation.Iso)]
    [InlineData("2000-02-29", "2000-02-29", DateNotation.Iso)]
    [InlineData("1989-01-07", "1989-01-07", DateNotation.Iso)]
    public void Reads_dates(string text, string expected, DateNotation notation)
    {
        var r = ImportDate.TryParseDate(text);
        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(D(expected), r.Value);
        Assert.Equal(notation, r.Notation);
        Assert.False(r.HasWarning);
        Assert.Equal(expected, r.ToString());
        Assert.Equal(D(expected), ImportDate.ParseDate(text));
    }

    [Fact]
    public void Era_after_its_end_is_read_with_a_warning()
    {
        var r = ImportDate.TryParseDate("H31.05.01");
        Assert.True(r.IsSuccess);
        Assert.Equal(D("2019-05-01"), r.Value);
        Assert.True(r.HasWarning);
        Assert.StartsWith("2019-05-01 (警告: 平成が終わった後", r.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-02-29", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("2026-02-30", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("1900-02-29", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("2026-13-01", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("2026-00-10", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("2026-04-31", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("0000-01-01", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("20260230", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("2026/2/30", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("2026-3-11", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("2026/03/11/", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("26-03-11", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("2026.03.11", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("11/03/2026", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("2026年3月11日", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("2026-03", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("202603", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("2026−03−11", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("abc", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("2026-03-11T00:00", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("", DateParseError.Empty, "値が空です")]
    [InlineData("\u3000", DateParseError.Empty, "値が空です")]
    [InlineData(null, DateParseError.Empty, "値が空です")]
    [InlineData("R00.01.01", DateParseError.EraYearZero, "和暦の年が0です")]
    [InlineData("R08.02.30", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("\udc00", DateParseError.Unreadable, "日付として読めません")]
    public void Rejects_dates(string? text, DateParseError error, string message)
    {
        var r = ImportDate.TryParseDate(text);
        Assert.False(r.IsSuccess);
        Assert.Equal(error, r.Error);
        Assert.Equal(message, r.ErrorMessage);
        Assert.Equal("エラー: " + message, r.ToString());
        Assert.Equal(message, Assert.Throws<FormatException>(() => ImportDate.ParseDate(text!)).Message);
    }

    [Theory]
    [InlineData("2026-03-11", ImportDateStyle.Iso, true)]
    [InlineData("2026/3/11", ImportDateStyle.Iso, true)]
    [InlineData("20260311", ImportDateStyle.Iso, false)]
    [InlineData("R08.03.11", ImportDateStyle.Iso, false)]
    [InlineData("20260311", ImportDateStyle.Yyyymmdd, true)]
    [InlineData("2026-03-11", ImportDateStyle.Yyyymmdd, false)]
    [InlineData("5080311", ImportDateStyle.Yyyymmdd, false)]
    [InlineData("R08.03.11", ImportDateStyle.Wareki, true)]
    [InlineData("令和8年3月11日", ImportDateStyle.Wareki, true)]
    [InlineData("5080311", ImportDateStyle.Wareki, true)]
    [InlineData("2026-03-11", ImportDateStyle.Wareki, false)]
    [InlineData("20260311", ImportDateStyle.Wareki, false)]
    public void Layout_date_style_limits_the_forms(string text, ImportDateStyle style, bool read)
    {
        var r = ImportDate.TryParseDate(text, style);
        Assert.Equal(read, r.IsSuccess);
        if (read)
        {
            Assert.Equal(D("2026-03-11"), r.Value);
        }
        else
        {
            Assert.Equal(DateParseError.Unreadable, r.Error);
        }
    }

    [Theory]
    [InlineData("2026-03", 2026, 3, DateNotation.Iso)]
    [InlineData("202603", 2026, 3, DateNotation.Compact)]
    [InlineData("R08.03", 2026, 3, DateNotation.WarekiLetter)]
    [InlineData("R8.3", 2026, 3, DateNotation.WarekiLetter)]
    [InlineData("令和8年3月", 2026, 3, DateNotation.WarekiKanji)]
    [InlineData("50803", 2026, 3, DateNotation.WarekiCode)]
    [InlineData("43101", 2019, 1, DateNotation.WarekiCode)]
    [InlineData("２０２６－０３", 2026, 3, DateNotation.Iso)]
    [InlineData("２０２６０３", 2026, 3, DateNotation.Compact)]
    public void Reads_months(string text, int year, int month, DateNotation notation)
    {
        var r = ImportDate.TryParseMonth(text);
        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(new YearMonth(year, month), r.Value);
        Assert.Equal(notation, r.Notation);
        Assert.False(r.HasWarning);
        Assert.Equal(new YearMonth(year, month), ImportDate.ParseMonth(text));
    }

    [Fact]
    public void Heisei_31_May_is_2019_05_with_a_warning()
    {
        var r = ImportDate.TryParseMonth("43105");
        Assert.Equal(new YearMonth(2019, 5), r.Value);
        Assert.True(r.HasWarning);
        Assert.Equal(DateNotation.WarekiCode, r.Notation);
    }

    [Theory]
    [InlineData("2026-13", DateParseError.NoSuchDate, "存在しない年月です")]
    [InlineData("202600", DateParseError.NoSuchDate, "存在しない年月です")]
    [InlineData("0000-01", DateParseError.NoSuchDate, "存在しない年月です")]
    [InlineData("2026-3", DateParseError.Unreadable, "年月として読めません")]
    [InlineData("2026/03", DateParseError.Unreadable, "年月として読めません")]
    [InlineData("2026/3", DateParseError.Unreadable, "年月として読めません")]
    [InlineData("2026-03-11", DateParseError.Unreadable, "年月として読めません")]
    [InlineData("20260311", DateParseError.Unreadable, "年月として読めません")]
    [InlineData("2026年3月", DateParseError.Unreadable, "年月として読めません")]
    [InlineData("R01.04", DateParseError.BeforeEraStart, "令和が始まる前（2019-05-01より前）の年月です")]
    [InlineData(" ", DateParseError.Empty, "値が空です")]
    public void Rejects_months(string text, DateParseError error, string message)
    {
        var r = ImportDate.TryParseMonth(text);
        Assert.False(r.IsSuccess);
        Assert.Equal(error, r.Error);
        Assert.Equal(message, r.ErrorMessage);
    }

    [Theory]
    [InlineData("2026-03", ImportDateStyle.Iso, true)]
    [InlineData("202603", ImportDateStyle.Iso, false)]
    [InlineData("202603", ImportDateStyle.Yyyymmdd, true)]
    [InlineData("R08.03", ImportDateStyle.Yyyymmdd, false)]
    [InlineData("R08.03", ImportDateStyle.Wareki, true)]
    [InlineData("50803", ImportDateStyle.Wareki, true)]
    [InlineData("2026-03", ImportDateStyle.Wareki, false)]
    public void Layout_date_style_limits_the_month_forms(string text, ImportDateStyle style, bool read) =>
        Assert.Equal(read, ImportDate.TryParseMonth(text, style).IsSuccess);

    [Theory]
    [InlineData("２０２６－０３－１１", "2026-03-11")]
    [InlineData("  Ｒ０８ ", "R08")]
    [InlineData(null, "")]
    public void Normalize_is_nfkc_and_trim(string? text, string expected) =>
        Assert.Equal(expected, ImportDate.Normalize(text));
}
