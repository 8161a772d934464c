using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class WarekiParseTests
{
    [Theory]
    [InlineData("R08.03.11", "2026-03-11", DateNotation.WarekiLetter)]
    [InlineData("R8.3.11", "2026-03-11", DateNotation.WarekiLetter)]
    [InlineData("r8.3.11", "2026-03-11", DateNotation.WarekiLetter)]
    [InlineData("令和8年3月11日", "2026-03-11", DateNotation.WarekiKanji)]
    [InlineData("令和08年03月11日", "2026-03-11", DateNotation.WarekiKanji)]
    [InlineData("令和元年5月1日", "2019-05-01", DateNotation.WarekiKanji)]
    [InlineData("令和1年5月1日", "2019-05-01", DateNotation.WarekiKanji)]
    [InlineData("平成元年1月8日", "1989-01-08", DateNotation.WarekiKanji)]
    [InlineData("昭和元年12月25日", "1926-12-25", DateNotation.WarekiKanji)]
    [InlineData("H31.04.30", "2019-04-30", DateNotation.WarekiLetter)]
    [InlineData("S64.01.07", "1989-01-07", DateNotation.WarekiLetter)]
    [InlineData("H01.01.08", "1989-01-08", DateNotation.WarekiLetter)]
    [InlineData("T01.07.30", "1912-07-30", DateNotation.WarekiLetter)]
    [InlineData("M45.07.29", "1912-07-29", DateNotation.WarekiLetter)]
    [InlineData("T15.12.24", "1926-12-24", DateNotation.WarekiLetter)]
    [InlineData("S01.12.25", "1926-12-25", DateNotation.WarekiLetter)]
    [InlineData("H04.02.29", "1992-02-29", DateNotation.WarekiLetter)]
    [InlineData("5080311", "2026-03-11", DateNotation.WarekiCode)]
    [InlineData("4070208", "1995-02-08", DateNotation.WarekiCode)]
    [InlineData("3560418", "1981-04-18", DateNotation.WarekiCode)]
    [InlineData("5010501", "2019-05-01", DateNotation.WarekiCode)]
    [InlineData("Ｒ０８．０３．１１", "2026-03-11", DateNotation.WarekiLetter)]
    [InlineData("令和８年３月１１日", "2026-03-11", DateNotation.WarekiKanji)]
    [InlineData("㋿8年3月11日", "2026-03-11", DateNotation.WarekiKanji)]
    [InlineData("㍻31年4月30日", "2019-04-30", DateNotation.WarekiKanji)]
    [InlineData("  R08.03.11 ", "2026-03-11", DateNotation.WarekiLetter)]
    [InlineData("\u3000令和8年3月11日\u3000", "2026-03-11", DateNotation.WarekiKanji)]
    public void Reads_dates(string text, string expected, DateNotation notation)
    {
        var r = Wareki.TryParseDate(text);
        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(D(expected), r.Value);
        Assert.Equal(notation, r.Notation);
        Assert.False(r.HasWarning);
        Assert.Null(r.WarningMessage);
        Assert.Equal(DateParseError.None, r.Error);
        Assert.Null(r.ErrorMessage);
        Assert.Equal(D(expected), Wareki.ParseDate(text));
    }

    [Theory]
    [InlineData("H31.05.01", "2019-05-01")]
    [InlineData("平成31年5月1日", "2019-05-01")]
    [InlineData("4310501", "2019-05-01")]
    [InlineData("H32.01.15", "2020-01-15")]
    [InlineData("S64.01.08", "1989-01-08")]
    [InlineData("昭和64年1月8日", "1989-01-08")]
    [InlineData("T15.12.25", "1926-12-25")]
    [InlineData("M45.07.30", "1912-07-30")]
    public void Reads_a_date_after_its_eras_end_with_a_warning(string text, string expected)
    {
        var r = Wareki.TryParseDate(text);
        Assert.True(r.IsSuccess);
        Assert.Equal(D(expected), r.Value);
        Assert.True(r.HasWarning);
        Assert.Equal(DateParseWarning.AfterEraEnd, r.Warning);
        Assert.Contains(expected, r.WarningMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Warning_message_names_the_day_read() =>
        Assert.Equal(
            "平成が終わった後（2019-04-30より後）の日付です。2019-05-01（令和元年5月1日）として読みました",
            Wareki.TryParseDate("H31.05.01").WarningMessage);

    [Theory]
    [InlineData("R00.05.01", DateParseError.EraYearZero, "和暦の年が0です")]
    [InlineData("令和0年5月1日", DateParseError.EraYearZero, "和暦の年が0です")]
    [InlineData("5000501", DateParseError.EraYearZero, "和暦の年が0です")]
    [InlineData("R08.02.29", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("R08.02.30", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("R06.02.30", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("R08.13.01", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("R08.00.01", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("R08.04.31", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("R08.04.00", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("5080230", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("令和8年2月30日", DateParseError.NoSuchDate, "存在しない日付です")]
    [InlineData("H01.01.07", DateParseError.BeforeEraStart, "平成が始まる前（1989-01-08より前）の日付です")]
    [InlineData("平成元年1月7日", DateParseError.BeforeEraStart, "平成が始まる前（1989-01-08より前）の日付です")]
    [InlineData("R01.04.30", DateParseError.BeforeEraStart, "令和が始まる前（2019-05-01より前）の日付です")]
    [InlineData("T01.07.29", DateParseError.BeforeEraStart, "大正が始まる前（1912-07-30より前）の日付です")]
    [InlineData("S01.12.24", DateParseError.BeforeEraStart, "昭和が始まる前（1926-12-25より前）の日付です")]
    [InlineData("M01.01.24", DateParseError.BeforeEraStart, "明治が始まる前（1868-01-25より前）の日付です")]
    [InlineData("X08.03.11", DateParseError.UnknownEra, "不明な元号です（X）")]
    [InlineData("慶応3年1月1日", DateParseError.UnknownEra, "不明な元号です（慶応）")]
    [InlineData("6080311", DateParseError.UnknownEra, "不明な元号コードです（6）")]
    [InlineData("0080311", DateParseError.UnknownEra, "不明な元号コードです（0）")]
    [InlineData("", DateParseError.Empty, "値が空です")]
    [InlineData("   ", DateParseError.Empty, "値が空です")]
    [InlineData(null, DateParseError.Empty, "値が空です")]
    [InlineData("R08/03/11", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("R080311", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("R123.03.11", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("R元.5.1", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("令和8年3月", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("令和 8年3月11日", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("2026-03-11", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("508031", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("R08.03.11.", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("R٠٨.٠٣.١١", DateParseError.Unreadable, "日付として読めません")]
    [InlineData("\ud800R08.03.11", DateParseError.Unreadable, "日付として読めません")]
    public void Rejects_dates(string? text, DateParseError error, string message)
    {
        var r = Wareki.TryParseDate(text);
        Assert.False(r.IsSuccess);
        Assert.Equal(error, r.Error);
        Assert.Equal(message, r.ErrorMessage);
        Assert.False(r.TryGetValue(out _));
        Assert.Throws<InvalidOperationException>(() => r.Value);
        Assert.Equal(message, Assert.Throws<FormatException>(() => Wareki.ParseDate(text!)).Message);
    }

    [Theory]
    [InlineData("R08.03", 2026, 3, DateNotation.WarekiLetter)]
    [InlineData("R8.3", 2026, 3, DateNotation.WarekiLetter)]
    [InlineData("令和8年3月", 2026, 3, DateNotation.WarekiKanji)]
    [InlineData("令和元年5月", 2019, 5, DateNotation.WarekiKanji)]
    [InlineData("43101", 2019, 1, DateNotation.WarekiCode)]
    [InlineData("43104", 2019, 4, DateNotation.WarekiCode)]
    [InlineData("50803", 2026, 3, DateNotation.WarekiCode)]
    [InlineData("S64.01", 1989, 1, DateNotation.WarekiLetter)]
    [InlineData("H01.01", 1989, 1, DateNotation.WarekiLetter)]
    [InlineData("平成元年1月", 1989, 1, DateNotation.WarekiKanji)]
    [InlineData("T15.12", 1926, 12, DateNotation.WarekiLetter)]
    [InlineData("S01.12", 1926, 12, DateNotation.WarekiLetter)]
    [InlineData("M45.07", 1912, 7, DateNotation.WarekiLetter)]
    [InlineData("T01.07", 1912, 7, DateNotation.WarekiLetter)]
    [InlineData("Ｒ０８．０３", 2026, 3, DateNotation.WarekiLetter)]
    public void Reads_months(string text, int year, int month, DateNotation notation)
    {
        var r = Wareki.TryParseMonth(text);
        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(new YearMonth(year, month), r.Value);
        Assert.Equal(notation, r.Notation);
        Assert.False(r.HasWarning);
        Assert.Equal(new YearMonth(year, month), Wareki.ParseMonth(text));
    }

    [Theory]
    [InlineData("43105", 2019, 5)]
    [InlineData("H31.05", 2019, 5)]
    [InlineData("平成31年12月", 2019, 12)]
    [InlineData("S64.02", 1989, 2)]
    public void Reads_a_month_after_its_eras_end_with_a_warning(string text, int year, int month)
    {
        var r = Wareki.TryParseMonth(text);
        Assert.Equal(new YearMonth(year, month), r.Value);
        Assert.Equal(DateParseWarning.AfterEraEnd, r.Warning);
    }

    [Fact]
    public void Month_warning_message() =>
        Assert.Equal(
            "平成が終わった後（2019-04-30より後）の年月です。2019-05（令和元年5月）として読みました",
            Wareki.TryParseMonth("43105").WarningMessage);

    [Theory]
    [InlineData("R00.05", DateParseError.EraYearZero, "和暦の年が0です")]
    [InlineData("R08.13", DateParseError.NoSuchDate, "存在しない年月です")]
    [InlineData("50800", DateParseError.NoSuchDate, "存在しない年月です")]
    [InlineData("R01.04", DateParseError.BeforeEraStart, "令和が始まる前（2019-05-01より前）の年月です")]
    [InlineData("60803", DateParseError.UnknownEra, "不明な元号コードです（6）")]
    [InlineData("R08.03.11", DateParseError.Unreadable, "年月として読めません")]
    [InlineData("2026-03", DateParseError.Unreadable, "年月として読めません")]
    [InlineData("", DateParseError.Empty, "値が空です")]
    public void Rejects_months(string text, DateParseError error, string message)
    {
        var r = Wareki.TryParseMonth(text);
        Assert.False(r.IsSuccess);
        Assert.Equal(error, r.Error);
        Assert.Equal(message, r.ErrorMessage);
    }
}
