using System.Globalization;
using System.Text.RegularExpressions;

namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// Reads 和暦 dates and months (JapaneseEraDate) with the era table of <see cref="JapaneseEra"/>.
/// </summary>
/// <remarks>
/// Dates: <c>R08.03.11</c>, <c>R8.3.11</c> (era initial M/T/S/H/R, either case, '.' separators),
/// <c>令和8年3月11日</c>, <c>令和元年5月1日</c>, and the レセプト電算 form <c>GYYMMDD</c> (<c>5080311</c>).
/// Months: <c>R08.03</c>, <c>R8.3</c>, <c>令和8年3月</c>, <c>令和元年5月</c>, and <c>GYYMM</c> (<c>43105</c>).
/// Era years have one or two digits (元 in the kanji form). Input is NFKC-normalised and trimmed first,
/// so full-width digits and the era ligatures (㋿, ㍻, ㍼, ㍽, ㍾) are read too.
/// A date after the end of the era written (<c>H31.05.01</c>) is read as the same Gregorian day
/// with <see cref="DateParseWarning.AfterEraEnd"/>; year 0, a month or day that does not exist, and
/// a date before the era began are errors.
/// </remarks>
public static partial class Wareki
{
    /// <summary>Reads a 和暦 date; never throws on bad input.</summary>
    public static DateParseResult<DateOnly> TryParseDate(string? text)
    {
        string? s = ImportDate.Normalize(text);
        if (s is null)
        {
            return DateParseResult<DateOnly>.Fail(DateParseError.Unreadable, Messages.UnreadableDate);
        }

        if (s.Length == 0)
        {
            return DateParseResult<DateOnly>.Fail(DateParseError.Empty, Messages.Empty);
        }

        return TryParseDateCore(s) ?? DateParseResult<DateOnly>.Fail(DateParseError.Unreadable, Messages.UnreadableDate);
    }

    /// <summary>Reads a 和暦 month; never throws on bad input.</summary>
    public static DateParseResult<YearMonth> TryParseMonth(string? text)
    {
        string? s = ImportDate.Normalize(text);
        if (s is null)
        {
            return DateParseResult<YearMonth>.Fail(DateParseError.Unreadable, Messages.UnreadableMonth);
        }

        if (s.Length == 0)
        {
            return DateParseResult<YearMonth>.Fail(DateParseError.Empty, Messages.Empty);
        }

        return TryParseMonthCore(s) ?? DateParseResult<YearMonth>.Fail(DateParseError.Unreadable, Messages.UnreadableMonth);
    }

    /// <summary>Reads a 和暦 date that is known to be well formed (a warning is ignored).</summary>
    /// <exception cref="FormatException">the text is not a readable 和暦 date; the message says why.</exception>
    public static DateOnly ParseDate(string text) => ImportDate.ValueOrThrow(TryParseDate(text));

    /// <summary>Reads a 和暦 month that is known to be well formed (a warning is ignored).</summary>
    /// <exception cref="FormatException">the text is not a readable 和暦 month; the message says why.</exception>
    public static YearMonth ParseMonth(string text) => ImportDate.ValueOrThrow(TryParseMonth(text));

    /// <summary>Reads an already normalised date; <c>null</c> when the text is in no 和暦 form.</summary>
    internal static DateParseResult<DateOnly>? TryParseDateCore(string s)
    {
        Match m;
        if ((m = LetterDateRegex().Match(s)).Success)
        {
            return JapaneseEra.FromLetter(m.Groups["e"].Value[0]) is { } era
                ? FromParts(era, Int(m.Groups["y"]), Int(m.Groups["m"]), Int(m.Groups["d"]), DateNotation.WarekiLetter)
                : UnknownEra<DateOnly>(m.Groups["e"].Value, DateNotation.WarekiLetter);
        }

        if ((m = KanjiDateRegex().Match(s)).Success)
        {
            return JapaneseEra.FromName(m.Groups["e"].Value) is { } era
                ? FromParts(era, KanjiYear(m.Groups["y"]), Int(m.Groups["m"]), Int(m.Groups["d"]), DateNotation.WarekiKanji)
                : UnknownEra<DateOnly>(m.Groups["e"].Value, DateNotation.WarekiKanji);
        }

        if ((m = CodeDateRegex().Match(s)).Success)
        {
            return JapaneseEra.FromCode(Int(m.Groups["e"])) is { } era
                ? FromParts(era, Int(m.Groups["y"]), Int(m.Groups["m"]), Int(m.Groups["d"]), DateNotation.WarekiCode)
                : UnknownEraCode<DateOnly>(m.Groups["e"].Value);
        }

        return null;
    }

    /// <summary>Reads an already normalised month; <c>null</c> when the text is in no 和暦 form.</summary>
    internal static DateParseResult<YearMonth>? TryParseMonthCore(string s)
    {
        Match m;
        if ((m = LetterMonthRegex().Match(s)).Success)
        {
            return JapaneseEra.FromLetter(m.Groups["e"].Value[0]) is { } era
                ? FromParts(era, Int(m.Groups["y"]), Int(m.Groups["m"]), DateNotation.WarekiLetter)
                : UnknownEra<YearMonth>(m.Groups["e"].Value, DateNotation.WarekiLetter);
        }

        if ((m = KanjiMonthRegex().Match(s)).Success)
        {
            return JapaneseEra.FromName(m.Groups["e"].Value) is { } era
                ? FromParts(era, KanjiYear(m.Groups["y"]), Int(m.Groups["m"]), DateNotation.WarekiKanji)
                : UnknownEra<YearMonth>(m.Groups["e"].Value, DateNotation.WarekiKanji);
        }

        if ((m = CodeMonthRegex().Match(s)).Success)
        {
            return JapaneseEra.FromCode(Int(m.Groups["e"])) is { } era
                ? FromParts(era, Int(m.Groups["y"]), Int(m.Groups["m"]), DateNotation.WarekiCode)
                : UnknownEraCode<YearMonth>(m.Groups["e"].Value);
        }

        return null;
    }

    /// <summary>"元" for year 1, else the number.</summary>
    internal static string FormatKanjiYear(int eraYear) =>
        eraYear == 1 ? "元" : eraYear.ToString(CultureInfo.InvariantCulture);

    internal static void EnsureTwoDigitYear(int eraYear)
    {
        if (eraYear > 99)
        {
            throw new InvalidOperationException("The era year has more than two digits and cannot be written in the UKE form.");
        }
    }

    private static DateParseResult<DateOnly> FromParts(JapaneseEra era, int eraYear, int month, int day, DateNotation notation)
    {
        if (eraYear == 0)
        {
            return DateParseResult<DateOnly>.Fail(DateParseError.EraYearZero, Messages.EraYearZero, notation);
        }

        int year = era.ToGregorianYear(eraYear);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return DateParseResult<DateOnly>.Fail(DateParseError.NoSuchDate, Messages.NoSuchDate, notation);
        }

        var date = new DateOnly(year, month, day);
        if (date < era.FirstDay)
        {
            return DateParseResult<DateOnly>.Fail(
                DateParseError.BeforeEraStart,
                string.Create(CultureInfo.InvariantCulture, $"{era.Name}が始まる前（{era.FirstDay:yyyy-MM-dd}より前）の日付です"),
                notation);
        }

        if (era.LastDay is { } last && date > last)
        {
            return DateParseResult<DateOnly>.OkWithWarning(
                date,
                notation,
                DateParseWarning.AfterEraEnd,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{era.Name}が終わった後（{last:yyyy-MM-dd}より後）の日付です。{date:yyyy-MM-dd}（{WarekiDate.From(date).ToLongString()}）として読みました"));
        }

        return DateParseResult<DateOnly>.Ok(date, notation);
    }

    private static DateParseResult<YearMonth> FromParts(JapaneseEra era, int eraYear, int month, DateNotation notation)
    {
        if (eraYear == 0)
        {
            return DateParseResult<YearMonth>.Fail(DateParseError.EraYearZero, Messages.EraYearZero, notation);
        }

        if (month is < 1 or > 12)
        {
            return DateParseResult<YearMonth>.Fail(DateParseError.NoSuchDate, Messages.NoSuchMonth, notation);
        }

        var ym = new YearMonth(era.ToGregorianYear(eraYear), month);
        if (ym.LastDay < era.FirstDay)
        {
            return DateParseResult<YearMonth>.Fail(
                DateParseError.BeforeEraStart,
                string.Create(CultureInfo.InvariantCulture, $"{era.Name}が始まる前（{era.FirstDay:yyyy-MM-dd}より前）の年月です"),
                notation);
        }

        if (era.LastDay is { } last && ym.FirstDay > last)
        {
            return DateParseResult<YearMonth>.OkWithWarning(
                ym,
                notation,
                DateParseWarning.AfterEraEnd,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{era.Name}が終わった後（{last:yyyy-MM-dd}より後）の年月です。{ym}（{WarekiYearMonth.From(ym).ToLongString()}）として読みました"));
        }

        return DateParseResult<YearMonth>.Ok(ym, notation);
    }

    private static DateParseResult<T> UnknownEra<T>(string era, DateNotation notation)
        where T : struct =>
        DateParseResult<T>.Fail(DateParseError.UnknownEra, "不明な元号です（" + era + "）", notation);

    private static DateParseResult<T> UnknownEraCode<T>(string code)
        where T : struct =>
        DateParseResult<T>.Fail(DateParseError.UnknownEra, "不明な元号コードです（" + code + "）", DateNotation.WarekiCode);

    private static int Int(Group g) => int.Parse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int KanjiYear(Group g) => string.Equals(g.Value, "元", StringComparison.Ordinal) ? 1 : Int(g);

    // Era names are matched as any two CJK ideographs so that an unknown name gets its own message.
    private const string KanjiEra = @"(?<e>\p{IsCJKUnifiedIdeographs}{2})";

    [GeneratedRegex(@"^(?<e>[A-Za-z])(?<y>[0-9]{1,2})\.(?<m>[0-9]{1,2})\.(?<d>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex LetterDateRegex();

    [GeneratedRegex("^" + KanjiEra + @"(?<y>[0-9]{1,2}|元)年(?<m>[0-9]{1,2})月(?<d>[0-9]{1,2})日$", RegexOptions.CultureInvariant)]
    private static partial Regex KanjiDateRegex();

    [GeneratedRegex(@"^(?<e>[0-9])(?<y>[0-9]{2})(?<m>[0-9]{2})(?<d>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeDateRegex();

    [GeneratedRegex(@"^(?<e>[A-Za-z])(?<y>[0-9]{1,2})\.(?<m>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex LetterMonthRegex();

    [GeneratedRegex("^" + KanjiEra + @"(?<y>[0-9]{1,2}|元)年(?<m>[0-9]{1,2})月$", RegexOptions.CultureInvariant)]
    private static partial Regex KanjiMonthRegex();

    [GeneratedRegex(@"^(?<e>[0-9])(?<y>[0-9]{2})(?<m>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeMonthRegex();

    /// <summary>The fixed Japanese messages of the import error report.</summary>
    internal static class Messages
    {
        public const string Empty = "値が空です";
        public const string UnreadableDate = "日付として読めません";
        public const string UnreadableMonth = "年月として読めません";
        public const string NoSuchDate = "存在しない日付です";
        public const string NoSuchMonth = "存在しない年月です";
        public const string EraYearZero = "和暦の年が0です";
    }
}
