namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// "Today" in Japan (Asia/Tokyo), whatever the server's time zone (architecture.md §3). The rules
/// themselves take dates; this is for the edge that asks the clock.
/// </summary>
public static class JstClock
{
    /// <summary>
    /// Asia/Tokyo from the system's time zone data, or a fixed UTC+09:00 zone where the system has none:
    /// Japan has had no daylight saving time since 1951, so the fixed offset is exact for any current date.
    /// </summary>
    public static TimeZoneInfo TimeZone { get; } = FindTokyo();

    /// <summary>The current instant as Japan's local time (offset +09:00).</summary>
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), TimeZone);
    }

    /// <summary>An instant as Japan's local time (offset +09:00).</summary>
    public static DateTimeOffset ToJst(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The current date in Japan.</summary>
    public static DateOnly Today(TimeProvider timeProvider) => DateOnly.FromDateTime(Now(timeProvider).DateTime);

    private static TimeZoneInfo FindTokyo()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        }
        catch (TimeZoneNotFoundException)
        {
        }
        catch (InvalidTimeZoneException)
        {
        }

        return TimeZoneInfo.CreateCustomTimeZone("Asia/Tokyo", TimeSpan.FromHours(9), "日本標準時", "日本標準時");
    }
}
