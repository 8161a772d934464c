using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class WarekiRoundTripTests
{
    private static readonly DateOnly First = D("1868-01-25");
    private static readonly DateOnly Last = D("2100-12-31");

    private static Arbitrary<DateOnly> DatesInRange() =>
        Gen.Choose(First.DayNumber, Last.DayNumber).Select(DateOnly.FromDayNumber).ToArbitrary();

    private static bool RoundTrips(DateOnly date)
    {
        var w = WarekiDate.From(date);
        return Read(w.ToLongString()) == date
            && Read(w.ToShortString()) == date
            && Read(w.ToUkeString()) == date
            && w.Era.Contains(date)
            && w.Year >= 1;

        static DateOnly? Read(string text)
        {
            var r = ImportDate.TryParseDate(text);
            return r.IsSuccess && !r.HasWarning ? r.Value : null;
        }
    }

    [Property(MaxTest = 2000)]
    public Property Date_to_wareki_string_and_back(/* 1868-01-25..2100-12-31 */) =>
        Prop.ForAll(DatesInRange(), RoundTrips);

    [Property(MaxTest = 500)]
    public Property Month_to_wareki_string_and_back() =>
        Prop.ForAll(
            DatesInRange(),
            date =>
            {
                var ym = YearMonth.Of(date);
                var w = WarekiYearMonth.From(ym);
                return new[] { w.ToLongString(), w.ToShortString(), w.ToUkeString() }
                    .All(text => ImportDate.TryParseMonth(text) is { IsSuccess: true, HasWarning: false } r && r.Value == ym);
            });

    [Fact]
    public void Every_day_from_meiji_to_2100_round_trips()
    {
        for (int day = First.DayNumber; day <= Last.DayNumber; day++)
        {
            var date = DateOnly.FromDayNumber(day);
            Assert.True(RoundTrips(date), date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
