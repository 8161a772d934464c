
namespace FukushiIryo.App.Data;

/// <summary>
/// Instants as the database keeps them: UTC, truncated to microseconds, so that PostgreSQL
/// (timestamptz, microseconds) and SQLite (ticks) hold the same value and the audit hash agrees.
/// </summary>
public static class AppClock
{
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Truncate(clock.GetUtcNow());
    }

    public static DateTimeOffset Truncate(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
