using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class AgeRulesTests
{
    [Theory]
    [InlineData("2008-04-01", "2026-03-31", "2026-04-01")]
    [InlineData("2008-04-02", "2027-03-31", "2027-04-01")]
    [InlineData("2008-03-31", "2026-03-31", "2026-04-01")]
    [InlineData("2007-04-02", "2026-03-31", "2026-04-01")]
    [InlineData("2008-01-01", "2026-03-31", "2026-04-01")]
    [InlineData("2008-12-31", "2027-03-31", "2027-04-01")]
    [InlineData("2008-02-29", "2026-03-31", "2026-04-01")]
    [InlineData("2012-02-29", "2030-03-31", "2030-04-01")]
    [InlineData("2009-04-01", "2027-03-31", "2027-04-01")]
    [InlineData("2001-04-01", "2019-03-31", "2019-04-01")]
    public void Eighteenth_fiscal_year_end_and_loss_date(string birth, string fiscalYearEnd, string lostOn)
    {
        Assert.Equal(D(fiscalYearEnd), AgeRules.EndOfFiscalYearReaching18(D(birth)));
        Assert.Equal(D(lostOn), AgeRules.LostOnForAgeLimit(D(birth)));
        Assert.True(AgeRules.IsWithinAgeLimit(D(birth), D(fiscalYearEnd)));
        Assert.False(AgeRules.IsWithinAgeLimit(D(birth), D(lostOn)));
    }

    [Theory]
    [InlineData("2008-04-01", 18, "2026-03-31")]
    [InlineData("2008-04-02", 18, "2026-04-01")]
    [InlineData("2008-01-01", 18, "2025-12-31")]
    [InlineData("2008-02-29", 18, "2026-02-28")]
    [InlineData("2008-02-29", 16, "2024-02-28")]
    [InlineData("2008-02-29", 1, "2009-02-28")]
    [InlineData("2008-03-01", 18, "2026-02-28")]
    [InlineData("2008-03-01", 16, "2024-02-29")]
    [InlineData("2008-04-01", 0, "2008-04-01")]
    public void Date_an_age_is_attained(string birth, int age, string attained) =>
        Assert.Equal(D(attained), AgeRules.DateAgeAttained(D(birth), age));

    [Theory]
    [InlineData("2008-04-02", "2026-03-31", 17)]
    [InlineData("2008-04-02", "2026-04-01", 18)]
    [InlineData("2008-04-02", "2026-04-02", 18)]
    [InlineData("2008-04-01", "2026-03-30", 17)]
    [InlineData("2008-04-01", "2026-03-31", 18)]
    [InlineData("2008-01-01", "2025-12-30", 17)]
    [InlineData("2008-01-01", "2025-12-31", 18)]
    [InlineData("2008-01-01", "2026-12-30", 18)]
    [InlineData("2008-01-01", "2026-12-31", 19)]
    [InlineData("2008-02-29", "2026-02-27", 17)]
    [InlineData("2008-02-29", "2026-02-28", 18)]
    [InlineData("2008-02-29", "2024-02-27", 15)]
    [InlineData("2008-02-29", "2024-02-28", 16)]
    [InlineData("2008-02-29", "2024-02-29", 16)]
    [InlineData("2008-02-29", "2008-02-29", 0)]
    [InlineData("2008-02-29", "2009-02-27", 0)]
    [InlineData("2008-02-29", "2009-02-28", 1)]
    [InlineData("2026-03-11", "2026-03-11", 0)]
    [InlineData("2026-03-11", "2027-03-09", 0)]
    [InlineData("2026-03-11", "2027-03-10", 1)]
    public void Age_on_a_date(string birth, string date, int age) =>
        Assert.Equal(age, AgeRules.AgeOn(D(birth), D(date)));

    [Fact]
    public void Age_before_birth_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AgeRules.AgeOn(D("2026-03-11"), D("2026-03-10")));

    [Fact]
    public void Negative_age_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AgeRules.DateAgeAttained(D("2026-03-11"), -1));

    private static Arbitrary<(DateOnly Birth, DateOnly Date)> BirthAndDate() =>
        Gen.Choose(D("1900-01-01").DayNumber, D("2100-12-31").DayNumber)
            .Zip(Gen.Choose(0, 40000))
            .Select(t => (DateOnly.FromDayNumber(t.Item1), DateOnly.FromDayNumber(t.Item1 + t.Item2)))
            .ToArbitrary();

    [Property(MaxTest = 1000)]
    public Property Age_changes_exactly_on_the_attainment_day() =>
        Prop.ForAll(
            BirthAndDate(),
            t =>
            {
                int age = AgeRules.AgeOn(t.Birth, t.Date);
                return AgeRules.DateAgeAttained(t.Birth, age) <= t.Date
                    && AgeRules.DateAgeAttained(t.Birth, age + 1) > t.Date
                    && (t.Date == t.Birth || AgeRules.AgeOn(t.Birth, t.Date.AddDays(-1)) >= age - 1);
            });

    [Property(MaxTest = 1000)]
    public Property Eighteenth_fiscal_year_end_is_a_31_march_when_the_child_is_18() =>
        Prop.ForAll(
            BirthAndDate(),
            t =>
            {
                var end = AgeRules.EndOfFiscalYearReaching18(t.Birth);
                return end is { Month: 3, Day: 31 }
                    && AgeRules.AgeOn(t.Birth, end) == 18
                    && AgeRules.AgeOn(t.Birth, FiscalYear.Of(end).Start) <= 18
                    && AgeRules.AgeOn(t.Birth, FiscalYear.Of(end).Start.AddDays(-1)) == 17;
            });
}
