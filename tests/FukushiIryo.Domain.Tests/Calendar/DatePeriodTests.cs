using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

public class DatePeriodTests
{
    [Fact]
    public void Inclusive_ends()
    {
        var p = new DatePeriod(D("2026-08-01"), D("2027-07-31"));
        Assert.True(p.Contains(D("2026-08-01")));
        Assert.True(p.Contains(D("2027-07-31")));
        Assert.False(p.Contains(D("2027-08-01")));
        Assert.Equal(D("2027-08-01"), p.EndExclusive);
        Assert.Equal(365, p.DayCount);
        Assert.Equal("2026-08-01..2027-07-31", p.ToString());
        Assert.Equal(1, new DatePeriod(D("2026-01-01"), D("2026-01-01")).DayCount);
    }

    [Fact]
    public void End_before_start_throws() =>
        Assert.Throws<ArgumentException>(() => new DatePeriod(D("2026-01-02"), D("2026-01-01")));
}
