using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// The date forms of a layout file's <c>dateStyle</c> (interfaces.md §0).
/// </summary>
public enum ImportDateStyle
{
    /// <summary><c>auto</c>: every form below.</summary>
    Auto = 0,

    /// <summary><c>iso</c>: the separated 西暦 forms <c>YYYY-MM-DD</c> and <c>YYYY/M/D</c>; months <c>YYYY-MM</c>.</summary>
    Iso,

    /// <summary><c>yyyymmdd</c>: <c>YYYYMMDD</c>; months <c>YYYYMM</c>.</summary>
    Yyyymmdd,

    /// <summary><c>wareki</c>: the 和暦 forms of <see cref="Wareki"/>, including the UKE digits <c>GYYMMDD</c> / <c>GYYMM</c>.</summary>
    Wareki,
}

/// <summary>
/// Reads the dates and months of every import (interfaces.md §0). The value is NFKC-normalised
/// (full-width "２０２６－０３－１１" reads as "2026-03-11") and trimmed first.
/// </summary>
/// <remarks>
/// <para>Dates: <c>YYYY-MM-DD</c> (two-digit month and day), <c>YYYYMMDD</c>, <c>YYYY/M/D</c> (one or two
/// digits), or 和暦 (<c>R08.03.11</c>, <c>R8.3.11</c>, <c>令和8年3月11日</c>, <c>令和元年5月1日</c>, UKE
/// <c>5080311</c>). Months: <c>YYYY-MM</c>, <c>YYYYMM</c>, or 和暦 (<c>R08.03</c>, <c>R8.3</c>, <c>令和8年3月</c>,
/// UKE <c>43105</c>). Nothing else is accepted: a careless form is an error in the file, not a guess.</para>
/// <para>The digit counts never collide: 8 digits are 西暦 YYYYMMDD and 7 are UKE GYYMMDD; 6 digits are
/// YYYYMM and 5 are GYYMM (formats.md §1.3).</para>
/// <para>The Try methods never throw on bad input; their result carries a Japanese reason for the
/// import error report, or the value with an optional warning (a 和暦 after its era's end).</para>
/// </remarks>
public static partial class ImportDate
{
    /// <summary>Reads a date; never throws on bad input.</summary>
    public static DateParseResult<DateOnly> TryParseDate(string? text, ImportDateStyle style = ImportDateStyle.Auto)
    {
        string? s = Normalize(text);
        if (s is null)
        {
            return DateParseResult<DateOnly>.Fail(DateParseError.Unreadable, Wareki.Messages.UnreadableDate);
        }

        if (s.Length == 0)
        {
            return DateParseResult<DateOnly>.Fail(DateParseError.Empty, Wareki.Messages.Empty);
        }

        Match m;
        if (style is ImportDateStyle.Auto or ImportDateStyle.Iso)
        {
            if ((m = IsoDateRegex().Match(s)).Success)
            {
                return Gregorian(m, DateNotation.Iso);
            }

            if ((m = SlashDateRegex().Match(s)).Success)
            {
                return Gregorian(m, DateNotation.Slash);
            }
        }

        if (style is ImportDateStyle.Auto or ImportDateStyle.Yyyymmdd && (m = CompactDateRegex().Match(s)).Success)
        {
            return Gregorian(m, DateNotation.Compact);
        }

        if (style is ImportDateStyle.Auto or ImportDateStyle.Wareki && Wareki.TryParseDateCore(s) is { } wareki)
        {
            return wareki;
        }

        return DateParseResult<DateOnly>.Fail(DateParseError.Unreadable, Wareki.Messages.UnreadableDate);
    }

    /// <summary>Reads a month; never throws on bad input.</summary>
    public static DateParseResult<YearMonth> TryParseMonth(string? text, ImportDateStyle style = ImportDateStyle.Auto)
    {
        string? s = Normalize(text);
        if (s is null)
        {
            return DateParseResult<YearMonth>.Fail(DateParseError.Unreadable, Wareki.Messages.UnreadableMonth);
        }

        if (s.Length == 0)
        {
            return DateParseResult<YearMonth>.Fail(DateParseError.Empty, Wareki.Messages.Empty);
        }

        Match m;
        if (style is ImportDateStyle.Auto or ImportDateStyle.Iso && (m = IsoMonthRegex().Match(s)).Success)
        {
            return GregorianMonth(m, DateNotation.Iso);
        }

        if (style is ImportDateStyle.Auto or ImportDateStyle.Yyyymmdd && (m = CompactMonthRegex().Match(s)).Success)
        {
            return GregorianMonth(m, DateNotation.Compact);
        }

        if (style is ImportDateStyle.Auto or ImportDateStyle.Wareki && Wareki.TryParseMonthCore(s) is { } wareki)
        {
            return wareki;
        }

        return DateParseResult<YearMonth>.Fail(DateParseError.Unreadable, Wareki.Messages.UnreadableMonth);
    }

    /// <summary>Reads a date that is known to be well formed (a warning is ignored).</summary>
    /// <exception cref="FormatException">the text is not a readable date; the message says why.</exception>
    public static DateOnly ParseDate(string text, ImportDateStyle style = ImportDateStyle.Auto) =>
        ValueOrThrow(TryParseDate(text, style));

    /// <summary>Reads a month that is known to be well formed (a warning is ignored).</summary>
    /// <exception cref="FormatException">the text is not a readable month; the message says why.</exception>
    public static YearMonth ParseMonth(string text, ImportDateStyle style = ImportDateStyle.Auto) =>
        ValueOrThrow(TryParseMonth(text, style));

    /// <summary>
    /// NFKC-normalises and trims <paramref name="text"/> (interfaces.md §0); "" for null or blanks;
    /// <c>null</c> when the text cannot be normalised (an unpaired surrogate).
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        try
        {
            return text.Normalize(NormalizationForm.FormKC).Trim();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    internal static T ValueOrThrow<T>(DateParseResult<T> result)
        where T : struct =>
        result.TryGetValue(out T value) ? value : throw new FormatException(result.ErrorMessage);

    private static DateParseResult<DateOnly> Gregorian(Match m, DateNotation notation)
    {
        int year = Int(m.Groups["y"]);
        int month = Int(m.Groups["m"]);
        int day = Int(m.Groups["d"]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return DateParseResult<DateOnly>.Fail(DateParseError.NoSuchDate, Wareki.Messages.NoSuchDate, notation);
        }

        return DateParseResult<DateOnly>.Ok(new DateOnly(year, month, day), notation);
    }

    private static DateParseResult<YearMonth> GregorianMonth(Match m, DateNotation notation)
    {
        int year = Int(m.Groups["y"]);
        int month = Int(m.Groups["m"]);
        if (year < 1 || month is < 1 or > 12)
        {
            return DateParseResult<YearMonth>.Fail(DateParseError.NoSuchDate, Wareki.Messages.NoSuchMonth, notation);
        }

        return DateParseResult<YearMonth>.Ok(new YearMonth(year, month), notation);
    }

    private static int Int(Group g) => int.Parse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?<m>[0-9]{2})(?<d>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactDateRegex();

    [GeneratedRegex(@"^(?<y>[0-9]{4})/(?<m>[0-9]{1,2})/(?<d>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex SlashDateRegex();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoMonthRegex();

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?<m>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactMonthRegex();
}
