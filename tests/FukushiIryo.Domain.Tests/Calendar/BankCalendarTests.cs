using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class BankCalendarTests
{
    // A test holiday master (the real one is data): some 2026 national holidays.
    private static readonly BankCalendar Calendar = new(new[]
    {
        "2026-01-01", // 元日 (Thu; also in the year-end closing)
        "2026-01-12", // 成人の日 (Mon)
        "2026-02-11", // 建国記念の日 (Wed)
        "2026-02-23", // 天皇誕生日 (Mon)
        "2026-04-29", // 昭和の日 (Wed)
        "2026-05-03", // 憲法記念日 (Sun)
        "2026-05-04", // みどりの日 (Mon)
        "2026-05-05", // こどもの日 (Tue)
        "2026-05-06", // 振替休日 (Wed)
        "2026-07-20", // 海の日 (Mon)
        "2026-09-21", // 敬老の日 (Mon)
        "2026-09-22", // 国民の休日 (Tue)
        "2026-09-23", // 秋分の日 (Wed)
    }.Select(D));

    private static readonly BankCalendar NoHolidays = new(Array.Empty<DateOnly>());

    [Theory]
    [InlineData("2025-12-30", true)]  // Tue
    [InlineData("2025-12-31", false)] // Wed, year-end closing
    [InlineData("2026-01-01", false)] // Thu, closing and holiday
    [InlineData("2026-01-02", false)] // Fri, closing
    [InlineData("2026-01-03", false)] // Sat
    [InlineData("2026-01-04", false)] // Sun
    [InlineData("2026-01-05", true)]  // Mon
    [InlineData("2026-01-09", true)]  // Fri
    [InlineData("2026-01-10", false)] // Sat
    [InlineData("2026-01-11", false)] // Sun
    [InlineData("2026-01-12", false)] // Mon, 成人の日
    [InlineData("2026-01-13", true)]  // Tue
    [InlineData("2026-02-11", false)] // Wed, holiday
    [InlineData("2026-12-30", true)]  // Wed
    [InlineData("2026-12-31", false)] // Thu, closing
    [InlineData("2027-01-04", true)]  // Mon
    public void Business_days(string date, bool expected) =>
        Assert.Equal(expected, Calendar.IsBusinessDay(D(date)));

    [Theory]
    [InlineData("2025-12-31", true)]
    [InlineData("2026-01-01", true)]
    [InlineData("2026-01-02", true)]
    [InlineData("2026-01-03", true)]
    [InlineData("2026-01-04", false)]
    [InlineData("2025-12-30", false)]
    public void Year_end_closing_is_a_rule_not_data(string date, bool closed)
    {
        Assert.Equal(closed, BankCalendar.IsYearEndClosing(D(date)));
        if (closed)
        {
            Assert.False(NoHolidays.IsBusinessDay(D(date)));
        }
    }

    [Theory]
    [InlineData("2025-12-31", "2026-01-05")]
    [InlineData("2026-01-02", "2026-01-05")]
    [InlineData("2026-01-05", "2026-01-05")]
    [InlineData("2026-01-10", "2026-01-13")]
    [InlineData("2026-01-12", "2026-01-13")]
    [InlineData("2026-05-02", "2026-05-07")]
    [InlineData("2026-09-19", "2026-09-24")]
    [InlineData("2026-12-31", "2027-01-04")]
    public void Next_business_day_on_or_after(string date, string expected) =>
        Assert.Equal(D(expected), Calendar.NextBusinessDayOnOrAfter(D(date)));

    [Theory]
    [InlineData("2026-01-04", "2025-12-30")]
    [InlineData("2026-01-01", "2025-12-30")]
    [InlineData("2025-12-30", "2025-12-30")]
    [InlineData("2026-01-12", "2026-01-09")]
    [InlineData("2026-01-11", "2026-01-09")]
    [InlineData("2026-05-06", "2026-05-01")]
    [InlineData("2026-09-23", "2026-09-18")]
    [InlineData("2027-01-03", "2026-12-30")]
    public void Previous_business_day_on_or_before(string date, string expected) =>
        Assert.Equal(D(expected), Calendar.PreviousBusinessDayOnOrBefore(D(date)));

    [Theory]
    [InlineData("2026-01-09", 1, "2026-01-13")]  // Fri + 1 over the weekend and 成人の日
    [InlineData("2026-01-09", 2, "2026-01-14")]
    [InlineData("2026-01-13", -1, "2026-01-09")]
    [InlineData("2026-01-10", 1, "2026-01-13")]  // from a Saturday
    [InlineData("2026-01-10", -1, "2026-01-09")]
    [InlineData("2025-12-29", 1, "2025-12-30")]
    [InlineData("2025-12-29", 2, "2026-01-05")]  // across New Year
    [InlineData("2026-01-05", -1, "2025-12-30")]
    [InlineData("2026-01-05", -2, "2025-12-29")]
    [InlineData("2026-05-01", 1, "2026-05-07")]  // Golden Week
    [InlineData("2026-09-18", 1, "2026-09-24")]  // Silver Week
    [InlineData("2026-01-12", 0, "2026-01-12")]
    [InlineData("2026-01-05", 5, "2026-01-13")]
    public void Add_business_days(string date, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddBusinessDays(D(date), days));

    [Fact]
    public void Holidays_are_kept() => Assert.Contains(D("2026-07-20"), Calendar.Holidays);

    private static Arbitrary<DateOnly> Dates2025To2027() =>
        Gen.Choose(D("2025-01-01").DayNumber, D("2027-12-31").DayNumber).Select(DateOnly.FromDayNumber).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Next_business_day_skips_only_non_business_days() =>
        Prop.ForAll(
            Dates2025To2027(),
            date =>
            {
                var next = Calendar.NextBusinessDayOnOrAfter(date);
                var previous = Calendar.PreviousBusinessDayOnOrBefore(date);
                bool gapForward = Enumerable.Range(date.DayNumber, next.DayNumber - date.DayNumber)
                    .All(d => !Calendar.IsBusinessDay(DateOnly.FromDayNumber(d)));
                bool gapBack = Enumerable.Range(previous.DayNumber + 1, date.DayNumber - previous.DayNumber)
                    .All(d => !Calendar.IsBusinessDay(DateOnly.FromDayNumber(d)));
                return Calendar.IsBusinessDay(next) && Calendar.IsBusinessDay(previous)
                    && next >= date && previous <= date && gapForward && gapBack;
            });

    [Property(MaxTest = 500)]
    public Property Adding_then_subtracting_returns_to_the_business_day() =>
        Prop.ForAll(
            Dates2025To2027().Zip(Gen.Choose(1, 30).ToArbitrary()),
            t =>
            {
                var start = Calendar.NextBusinessDayOnOrAfter(t.Item1);
                var later = Calendar.AddBusinessDays(start, t.Item2);
                int counted = Enumerable.Range(start.DayNumber + 1, later.DayNumber - start.DayNumber)
                    .Count(d => Calendar.IsBusinessDay(DateOnly.FromDayNumber(d)));
                return Calendar.AddBusinessDays(later, -t.Item2) == start && counted == t.Item2;
            });
}
