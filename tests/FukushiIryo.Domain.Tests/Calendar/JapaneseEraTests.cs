using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class JapaneseEraTests
{
    [Theory]
    [InlineData(1, 'M', "明治", "1868-01-25", "1912-07-29")]
    [InlineData(2, 'T', "大正", "1912-07-30", "1926-12-24")]
    [InlineData(3, 'S', "昭和", "1926-12-25", "1989-01-07")]
    [InlineData(4, 'H', "平成", "1989-01-08", "2019-04-30")]
    [InlineData(5, 'R', "令和", "2019-05-01", null)]
    public void Table_of_formats_md_section_7(int code, char letter, string name, string first, string? last)
    {
        var era = JapaneseEra.FromCode(code)!;
        Assert.Same(era, JapaneseEra.FromLetter(letter));
        Assert.Same(era, JapaneseEra.FromLetter(char.ToLowerInvariant(letter)));
        Assert.Same(era, JapaneseEra.FromName(name));
        Assert.Equal(code, era.Code);
        Assert.Equal(name, era.ToString());
        Assert.Equal(D(first), era.FirstDay);
        Assert.Equal(OptionalD(last), era.LastDay);
    }

    [Fact]
    public void Eras_follow_each_other_without_gap()
    {
        for (int i = 1; i < JapaneseEra.All.Count; i++)
        {
            Assert.Equal(JapaneseEra.All[i - 1].LastDay!.Value.AddDays(1), JapaneseEra.All[i].FirstDay);
        }
    }

    [Theory]
    [InlineData("1868-01-24", null)]
    [InlineData("1868-01-25", "明治")]
    [InlineData("1912-07-29", "明治")]
    [InlineData("1912-07-30", "大正")]
    [InlineData("1926-12-24", "大正")]
    [InlineData("1926-12-25", "昭和")]
    [InlineData("1989-01-07", "昭和")]
    [InlineData("1989-01-08", "平成")]
    [InlineData("2019-04-30", "平成")]
    [InlineData("2019-05-01", "令和")]
    [InlineData("9999-12-31", "令和")]
    public void Era_of_a_date(string date, string? expected)
    {
        Assert.Equal(expected, JapaneseEra.TryOf(D(date))?.Name);
        if (expected is null)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseEra.Of(D(date)));
        }
        else
        {
            Assert.True(JapaneseEra.Of(D(date)).Contains(D(date)));
        }
    }

    [Theory]
    [InlineData("令和", 1, 2019)]
    [InlineData("令和", 8, 2026)]
    [InlineData("平成", 1, 1989)]
    [InlineData("平成", 31, 2019)]
    [InlineData("昭和", 1, 1926)]
    [InlineData("昭和", 64, 1989)]
    [InlineData("大正", 1, 1912)]
    [InlineData("大正", 15, 1926)]
    [InlineData("明治", 1, 1868)]
    [InlineData("明治", 45, 1912)]
    public void Era_years(string era, int eraYear, int gregorian)
    {
        var e = JapaneseEra.FromName(era)!;
        Assert.Equal(gregorian, e.ToGregorianYear(eraYear));
        Assert.Equal(eraYear, e.ToEraYear(gregorian));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(9)]
    public void Unknown_codes(int code) => Assert.Null(JapaneseEra.FromCode(code));

    [Fact]
    public void Unknown_letters_and_names()
    {
        Assert.Null(JapaneseEra.FromLetter('X'));
        Assert.Null(JapaneseEra.FromName("慶応"));
        Assert.Null(JapaneseEra.FromName(null));
    }
}
