using System.Globalization;
using FukushiIryo.App.Masters;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>The shipped 金融機関休業日 against 内閣府's published list and against the rules of 祝日法.</summary>
public sealed class BankHolidayTests
{
    private static readonly IReadOnlyList<BankHoliday> Shipped = MasterDefaults.BankHolidayDefaultsAsync().GetAwaiter().GetResult();

    public static TheoryData<int, string> Published => new()
    {
        { 2025, "01-01 01-13 02-11 02-23 02-24 03-20 04-29 05-03 05-04 05-05 05-06 07-21 08-11 09-15 09-23 10-13 11-03 11-23 11-24" },
        { 2026, "01-01 01-12 02-11 02-23 03-20 04-29 05-03 05-04 05-05 05-06 07-20 08-11 09-21 09-22 09-23 10-12 11-03 11-23" },
        { 2027, "01-01 01-11 02-11 02-23 03-21 03-22 04-29 05-03 05-04 05-05 07-19 08-11 09-20 09-23 10-11 11-03 11-23" },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void The_shipped_holidays_are_the_published_ones(int year, string days)
    {
        var expected = days.Split(' ').Select(day => D($"{year}-{day}")).ToList();
        var actual = Shipped.Where(h => h.Date.Year == year).Select(h => h.Date).Order().ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(2025, 20, 23)]
    [InlineData(2026, 20, 23)]
    [InlineData(2027, 21, 23)]
    public void The_shipped_holidays_follow_the_holiday_law(int year, int vernalEquinox, int autumnalEquinox)
    {
        // 祝日法 §2: fixed days, the Happy Monday days and the equinoxes of the 官報.
        var holidays = new SortedSet<DateOnly>
        {
            new(year, 1, 1), NthMonday(year, 1, 2), new(year, 2, 11), new(year, 2, 23), new(year, 3, vernalEquinox),
            new(year, 4, 29), new(year, 5, 3), new(year, 5, 4), new(year, 5, 5), NthMonday(year, 7, 3), new(year, 8, 11),
            NthMonday(year, 9, 3), new(year, 9, autumnalEquinox), NthMonday(year, 10, 2), new(year, 11, 3), new(year, 11, 23),
        };
        var national = holidays.ToList();

        // §3③ 国民の休日: a day (not a Sunday, not a holiday) between two holidays.
        foreach (var day in national.Where(d => holidays.Contains(d.AddDays(2)) && !holidays.Contains(d.AddDays(1))).ToList())
        {
            if (day.AddDays(1).DayOfWeek != DayOfWeek.Sunday)
            {
                holidays.Add(day.AddDays(1));
            }
        }

        // §3② 振替休日: the first non-holiday after a holiday on a Sunday.
        foreach (var sunday in national.Where(d => d.DayOfWeek == DayOfWeek.Sunday))
        {
            var substitute = sunday.AddDays(1);
            while (holidays.Contains(substitute))
            {
                substitute = substitute.AddDays(1);
            }

            holidays.Add(substitute);
        }

        Assert.Equal(holidays, Shipped.Where(h => h.Date.Year == year).Select(h => h.Date).Order());
    }

    [Fact]
    public void Each_row_has_its_kind_and_name_and_is_in_force_on_its_own_day_only()
    {
        Assert.All(Shipped, h =>
        {
            Assert.Equal(h.Date.AddDays(1), h.ValidTo);
            Assert.True(h.IsValidOn(h.Date));
            Assert.False(h.IsValidOn(h.Date.AddDays(1)));
            Assert.False(h.IsValidOn(h.Date.AddDays(-1)));
            Assert.False(string.IsNullOrWhiteSpace(h.Name));
        });
        Assert.Equal(
            ["2025-02-24", "2025-05-06", "2025-11-24", "2026-05-06", "2027-03-22"],
            Shipped.Where(h => h.Kind == BankHolidayKind.SubstituteHoliday).Select(h => Iso(h.Date)));
        Assert.All(Shipped.Where(h => h.Kind == BankHolidayKind.SubstituteHoliday), h => Assert.Equal("振替休日", h.Name));
        Assert.Equal(["2026-09-22"], Shipped.Where(h => h.Kind == BankHolidayKind.CitizensHoliday).Select(h => Iso(h.Date)));
        Assert.Equal("国民の休日", Shipped.Single(h => h.Kind == BankHolidayKind.CitizensHoliday).Name);
    }

    [Fact]
    public void The_year_end_closure_is_not_stored_except_New_Years_Day_itself()
    {
        Assert.DoesNotContain(Shipped, h => h.Date is { Month: 12, Day: 31 } or { Month: 1, Day: 2 } or { Month: 1, Day: 3 });
        Assert.Equal(3, Shipped.Count(h => h.Date is { Month: 1, Day: 1 } && h.Name == "元日"));
    }

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
