using System.Globalization;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// A calendar month (年月), e.g. a 診療年月 (ServiceMonth) or 処理年月 (ProcessingMonth).
/// Ordered, with no day and no time zone. <c>default</c> is 0001-01.
/// </summary>
public readonly struct YearMonth : IEquatable<YearMonth>, IComparable<YearMonth>, IComparable
{
    /// <summary>Months since 0001-01, so that <c>default</c> is a valid value.</summary>
    private readonly int _index;

    private const int MaxIndex = (9999 * 12) - 1;

    /// <summary>Creates a month; <paramref name="year"/> in 1..9999, <paramref name="month"/> in 1..12.</summary>
    /// <exception cref="ArgumentOutOfRangeException">year or month out of range.</exception>
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        _index = ((year - 1) * 12) + (month - 1);
    }

    private YearMonth(int index) => _index = index;

    /// <summary>The earliest month, 0001-01.</summary>
    public static YearMonth MinValue => new(0);

    /// <summary>The latest month, 9999-12.</summary>
    public static YearMonth MaxValue => new(MaxIndex);

    /// <summary>The Gregorian year, 1..9999.</summary>
    public int Year => (_index / 12) + 1;

    /// <summary>The month, 1..12.</summary>
    public int Month => (_index % 12) + 1;

    /// <summary>The month as the integer YYYYMM in which tables store it (2026-10 → 202610).</summary>
    public int ToNumber() => (Year * 100) + Month;

    /// <summary>The month of a stored YYYYMM integer (202610 → 2026-10).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a YYYYMM value.</exception>
    public static YearMonth FromNumber(int yyyymm) => new(yyyymm / 100, yyyymm % 100);

    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The last day of the month.</summary>
    public DateOnly LastDay => new(Year, Month, DaysInMonth);

    /// <summary>The number of days in the month (28–31).</summary>
    public int DaysInMonth => DateTime.DaysInMonth(Year, Month);

    /// <summary>The month that contains <paramref name="date"/>.</summary>
    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>Whether <paramref name="date"/> falls in this month.</summary>
    public bool Contains(DateOnly date) => date.Year == Year && date.Month == Month;

    /// <summary>This month moved by <paramref name="months"/> (negative goes back).</summary>
    /// <exception cref="ArgumentOutOfRangeException">the result is outside 0001-01..9999-12.</exception>
    public YearMonth AddMonths(int months)
    {
        long index = (long)_index + months;
        if (index < 0 || index > MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, "The resulting month is outside 0001-01..9999-12.");
        }

        return new YearMonth((int)index);
    }

    /// <summary>The number of months from <paramref name="other"/> to this month (positive when this is later).</summary>
    public int MonthsSince(YearMonth other) => _index - other._index;

    /// <summary>"yyyy-MM", e.g. "2026-03".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <inheritdoc />
    public bool Equals(YearMonth other) => _index == other._index;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is YearMonth other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _index;

    /// <inheritdoc />
    public int CompareTo(YearMonth other) => _index.CompareTo(other._index);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        YearMonth other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a YearMonth.", nameof(obj)),
    };

    public static bool operator ==(YearMonth left, YearMonth right) => left.Equals(right);
    public static bool operator !=(YearMonth left, YearMonth right) => !left.Equals(right);
    public static bool operator <(YearMonth left, YearMonth right) => left._index < right._index;
    public static bool operator <=(YearMonth left, YearMonth right) => left._index <= right._index;
    public static bool operator >(YearMonth left, YearMonth right) => left._index > right._index;
    public static bool operator >=(YearMonth left, YearMonth right) => left._index >= right._index;
}
