using FukushiIryo.Domain.Calendar;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Calendar;

/// <summary>decisions.md D8.</summary>
public class CertificateValidityTests
{
    [Theory]
    [InlineData("2026-08-01", "2026-08-01", "2027-07-31")]
    [InlineData("2026-07-31", "2025-08-01", "2026-07-31")]
    [InlineData("2026-01-01", "2025-08-01", "2026-07-31")]
    [InlineData("2026-12-31", "2026-08-01", "2027-07-31")]
    [InlineData("2024-02-29", "2023-08-01", "2024-07-31")]
    public void Renewal_year(string date, string start, string end)
    {
        Assert.Equal(new DatePeriod(D(start), D(end)), CertificateValidity.RenewalYearContaining(D(date)));
        Assert.Equal(new DatePeriod(D(start), D(end)), CertificateValidity.PeriodContaining(D(date)));
    }

    // date, child's birth date, 有期終了日, expected start, expected end (null: no valid certificate)
    [Theory]
    [InlineData("2025-10-01", "2008-04-01", null, "2025-08-01", "2026-03-31")]
    [InlineData("2026-03-31", "2008-04-01", null, "2025-08-01", "2026-03-31")]
    [InlineData("2026-04-01", "2008-04-01", null, null, null)]
    [InlineData("2026-08-01", "2008-04-01", null, null, null)]
    [InlineData("2025-10-01", "2008-04-02", null, "2025-08-01", "2026-07-31")]
    [InlineData("2026-08-01", "2008-04-02", null, "2026-08-01", "2027-03-31")]
    [InlineData("2027-04-01", "2008-04-02", null, null, null)]
    [InlineData("2025-10-01", "2008-02-29", null, "2025-08-01", "2026-03-31")]
    [InlineData("2025-10-01", "2015-06-01", null, "2025-08-01", "2026-07-31")]
    [InlineData("2025-10-01", null, "2025-12-15", "2025-08-01", "2025-12-15")]
    [InlineData("2025-12-15", null, "2025-12-15", "2025-08-01", "2025-12-15")]
    [InlineData("2025-12-16", null, "2025-12-15", null, null)]
    [InlineData("2025-10-01", null, "2026-09-30", "2025-08-01", "2026-07-31")]
    [InlineData("2025-10-01", "2008-04-02", "2026-01-31", "2025-08-01", "2026-01-31")]
    [InlineData("2025-10-01", "2008-04-01", "2026-05-31", "2025-08-01", "2026-03-31")]
    [InlineData("2025-08-01", null, "2025-08-01", "2025-08-01", "2025-08-01")]
    public void Period_cut_at_age_limit_and_fixed_term(string date, string? birth, string? fixedTermEnd, string? start, string? end)
    {
        var period = CertificateValidity.PeriodContaining(D(date), OptionalD(birth), OptionalD(fixedTermEnd));
        if (start is null)
        {
            Assert.Null(period);
        }
        else
        {
            Assert.Equal(new DatePeriod(D(start), D(end!)), period);
            Assert.True(period!.Value.Contains(D(date)));
        }
    }
}
