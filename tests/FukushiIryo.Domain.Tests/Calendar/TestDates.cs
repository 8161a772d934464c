using System.Globalization;

namespace FukushiIryo.Domain.Tests.Calendar;

/// <summary>Dates written out in tests as "yyyy-MM-dd".</summary>
internal static class TestDates
{
    public static DateOnly D(string text) =>
        DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? OptionalD(string? text) => text is null ? null : D(text);
}
