using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class JstClockTests
{
    private sealed class FixedTimeProvider(DateTimeOffset utcNow, TimeZoneInfo localZone) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow;

        public override TimeZoneInfo LocalTimeZone => localZone;
    }

    private static readonly TimeZoneInfo Hawaii =
        TimeZoneInfo.CreateCustomTimeZone("Test/Minus10", TimeSpan.FromHours(-10), "UTC-10", "UTC-10");

    [Theory]
    [InlineData("2026-03-10T14:59:59Z", "2026-03-10")]
    [InlineData("2026-03-10T15:00:00Z", "2026-03-11")]
    [InlineData("2025-12-31T15:00:00Z", "2026-01-01")]
    [InlineData("2026-03-31T14:59:59Z", "2026-03-31")]
    [InlineData("2026-03-31T15:00:00Z", "2026-04-01")]
    [InlineData("2026-03-11T01:00:00+09:00", "2026-03-11")]
    public void Today_is_the_date_in_Tokyo_whatever_the_server_zone(string instant, string expected)
    {
        var now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var zone in new[] { TimeZoneInfo.Utc, Hawaii })
        {
            var clock = new FixedTimeProvider(now, zone);
            Assert.Equal(D(expected), JstClock.Today(clock));
            Assert.Equal(TimeSpan.FromHours(9), JstClock.Now(clock).Offset);
            Assert.Equal(now, JstClock.Now(clock));
        }
    }

    [Fact]
    public void Zone_has_a_nine_hour_offset() =>
        Assert.Equal(TimeSpan.FromHours(9), JstClock.TimeZone.GetUtcOffset(new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public void Null_provider_throws() =>
        Assert.Throws<ArgumentNullException>(() => JstClock.Today(null!));
}
