using System.Globalization;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// A 年度 (fiscal year of Japanese public bodies and schools): 1 April to 31 March.
/// <see cref="Year"/> is the calendar year in which it starts: 2025年度 = 2025-04-01..2026-03-31.
/// <c>default</c> is 0001年度.
/// </summary>
public readonly struct FiscalYear : IEquatable<FiscalYear>, IComparable<FiscalYear>, IComparable
{
    /// <summary>The month in which a 年度 starts (April).</summary>
    public const int FirstMonth = 4;

    /// <summary><see cref="Year"/> − 1, so that <c>default</c> is a valid value.</summary>
    private readonly int _offset;

    /// <summary>Creates the 年度 starting on 1 April of <paramref name="year"/> (1..9998).</summary>
    /// <exception cref="ArgumentOutOfRangeException">year out of range.</exception>
    public FiscalYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        _offset = year - 1;
    }

    /// <summary>The calendar year of its 1 April (2025 for 2025年度).</summary>
    public int Year => _offset + 1;

    /// <summary>1 April of <see cref="Year"/>.</summary>
    public DateOnly Start => new(Year, FirstMonth, 1);

    /// <summary>31 March of the following year (inclusive).</summary>
    public DateOnly End => new(Year + 1, 3, 31);

    /// <summary>Start to End, both inclusive.</summary>
    public DatePeriod Period => new(Start, End);

    /// <summary>The 年度 that contains <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">date before 0001-04-01.</exception>
    public static FiscalYear Of(DateOnly date) => new(date.Month >= FirstMonth ? date.Year : date.Year - 1);

    /// <summary>The 年度 that contains <paramref name="month"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">month before 0001-04.</exception>
    public static FiscalYear Of(YearMonth month) => Of(month.FirstDay);

    /// <summary>Whether <paramref name="date"/> falls in this 年度.</summary>
    public bool Contains(DateOnly date) => Start <= date && date <= End;

    /// <summary>The 年度 <paramref name="years"/> later (negative: earlier).</summary>
    public FiscalYear AddYears(int years) => new(Year + years);

    /// <summary>"2025年度".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}年度");

    /// <inheritdoc />
    public bool Equals(FiscalYear other) => _offset == other._offset;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FiscalYear other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _offset;

    /// <inheritdoc />
    public int CompareTo(FiscalYear other) => _offset.CompareTo(other._offset);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        FiscalYear other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a FiscalYear.", nameof(obj)),
    };

    public static bool operator ==(FiscalYear left, FiscalYear right) => left.Equals(right);
    public static bool operator !=(FiscalYear left, FiscalYear right) => !left.Equals(right);
    public static bool operator <(FiscalYear left, FiscalYear right) => left._offset < right._offset;
    public static bool operator <=(FiscalYear left, FiscalYear right) => left._offset <= right._offset;
    public static bool operator >(FiscalYear left, FiscalYear right) => left._offset > right._offset;
    public static bool operator >=(FiscalYear left, FiscalYear right) => left._offset >= right._offset;
}
