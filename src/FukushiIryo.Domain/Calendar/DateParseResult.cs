using System.Globalization;

namespace FukushiIryo.Domain.Calendar;

/// <summary>The written form in which a date or month was found (formats.md §1.3: "record which was seen").</summary>
public enum DateNotation
{
    /// <summary>Nothing was read.</summary>
    None = 0,

    /// <summary><c>YYYY-MM-DD</c> / <c>YYYY-MM</c>.</summary>
    Iso,

    /// <summary><c>YYYYMMDD</c> / <c>YYYYMM</c>.</summary>
    Compact,

    /// <summary><c>YYYY/M/D</c>.</summary>
    Slash,

    /// <summary>和暦 with the era initial: <c>R08.03.11</c>, <c>R8.3.11</c>, <c>R08.03</c>.</summary>
    WarekiLetter,

    /// <summary>和暦 with the era name: <c>令和8年3月11日</c>, <c>令和元年5月</c>.</summary>
    WarekiKanji,

    /// <summary>和暦 with the UKE era code: <c>GYYMMDD</c> (5080311) / <c>GYYMM</c> (43105).</summary>
    WarekiCode,
}

/// <summary>Why a date or month could not be read.</summary>
public enum DateParseError
{
    /// <summary>Read successfully.</summary>
    None = 0,

    /// <summary>No value (null, empty or blanks).</summary>
    Empty,

    /// <summary>Not one of the accepted forms.</summary>
    Unreadable,

    /// <summary>A form that was recognised, naming a month or day that does not exist (2026-02-30, R08.13).</summary>
    NoSuchDate,

    /// <summary>和暦 year 0.</summary>
    EraYearZero,

    /// <summary>An era initial, name or code that is not in the table.</summary>
    UnknownEra,

    /// <summary>和暦 before the first day of the era written (平成元年1月7日).</summary>
    BeforeEraStart,
}

/// <summary>What was doubtful about a date or month that was nevertheless read.</summary>
public enum DateParseWarning
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>
    /// 和暦 after the last day of the era written (<c>H31.05.01</c>): read as the same day (2019-05-01), as
    /// the government accepted for 平成 dates after the change of era (formats.md §7); the caller reports it.
    /// </summary>
    AfterEraEnd,
}

/// <summary>
/// The outcome of reading a date or month from user input: a value with an optional warning, or an
/// error. Messages are Japanese, for the 理由 column of an import error report (interfaces.md §0).
/// Reading never throws on bad input.
/// </summary>
/// <typeparam name="T"><see cref="DateOnly"/> or <see cref="YearMonth"/>.</typeparam>
public sealed class DateParseResult<T>
    where T : struct
{
    private readonly T _value;

    private DateParseResult(T value, DateNotation notation, DateParseWarning warning, string? warningMessage, DateParseError error, string? errorMessage)
    {
        _value = value;
        Notation = notation;
        Warning = warning;
        WarningMessage = warningMessage;
        Error = error;
        ErrorMessage = errorMessage;
    }

    /// <summary>Whether a value was read (possibly with a warning).</summary>
    public bool IsSuccess => Error == DateParseError.None;

    /// <summary>The value read.</summary>
    /// <exception cref="InvalidOperationException">nothing was read (see <see cref="ErrorMessage"/>).</exception>
    public T Value => IsSuccess ? _value : throw new InvalidOperationException(ErrorMessage);

    /// <summary>The form in which the value was written; <see cref="DateNotation.None"/> when nothing was recognised.</summary>
    public DateNotation Notation { get; }

    /// <summary>The warning, if any, on a value that was read.</summary>
    public DateParseWarning Warning { get; }

    /// <summary>The warning in Japanese, or <c>null</c>.</summary>
    public string? WarningMessage { get; }

    /// <summary>Whether the value carries a warning that the caller must report.</summary>
    public bool HasWarning => Warning != DateParseWarning.None;

    /// <summary>Why nothing was read, or <see cref="DateParseError.None"/>.</summary>
    public DateParseError Error { get; }

    /// <summary>The reason in Japanese (e.g. "日付として読めません", "存在しない日付です"), or <c>null</c>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The value, when one was read.</summary>
    public bool TryGetValue(out T value)
    {
        value = _value;
        return IsSuccess;
    }

    /// <summary>"2026-03-11", "2019-05-01 (警告: …)" or "エラー: …", for diagnostics.</summary>
    public override string ToString()
    {
        if (!IsSuccess)
        {
            return "エラー: " + ErrorMessage;
        }

        string text = _value is DateOnly date
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : _value.ToString() ?? string.Empty;
        return HasWarning ? text + " (警告: " + WarningMessage + ")" : text;
    }

    internal static DateParseResult<T> Ok(T value, DateNotation notation) =>
        new(value, notation, DateParseWarning.None, null, DateParseError.None, null);

    internal static DateParseResult<T> OkWithWarning(T value, DateNotation notation, DateParseWarning warning, string message) =>
        new(value, notation, warning, message, DateParseError.None, null);

    internal static DateParseResult<T> Fail(DateParseError error, string message, DateNotation notation = DateNotation.None) =>
        new(default, notation, DateParseWarning.None, null, error, message);
}
