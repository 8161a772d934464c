using System.Globalization;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.Formats.Import;

/// <summary>
/// Reads the values of an <see cref="ImportRecord"/> by the rules of interfaces.md §0. Each helper
/// returns the value, or <c>null</c> and adds an <see cref="ImportProblem"/> (line, built-in column
/// name, the value as written, a Japanese reason) to <c>problems</c>. Values are NFKC-normalised
/// first, so full-width digits read as half-width.
/// </summary>
/// <remarks>
/// <para><c>required: true</c> (the default) means the value must not be empty: an empty value, or
/// a column absent from the file, is an error. With <c>required: false</c> an empty or absent value
/// gives <c>null</c> without a problem.</para>
/// <para>A helper adds at most one problem per call.</para>
/// </remarks>
public static class FieldParsers
{
    private const string EmptyReason = "値がありません（必須の項目です）";

    /// <summary>A text that must not be empty (NFKC-normalised, trimmed).</summary>
    public static string? RequiredText(ImportRecord record, string field, ICollection<ImportProblem> problems)
    {
        var value = Present(record, field, problems, required: true);
        return value is { Length: > 0 } ? value : null;
    }

    /// <summary>A text that may be empty or absent: <c>null</c> then (NFKC-normalised, trimmed).</summary>
    public static string? OptionalText(ImportRecord record, string field)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record[field] is { Length: > 0 } value ? value : null;
    }

    /// <summary>
    /// A date in the forms of interfaces.md §0, restricted to the layout's <c>dateStyle</c>
    /// (<see cref="ImportRecord.DateStyle"/>). A 和暦 date after its era ended (<c>H31.05.01</c>) is
    /// read as the same day and adds a <see cref="ImportSeverity.Warning"/>.
    /// </summary>
    public static DateOnly? Date(ImportRecord record, string field, ICollection<ImportProblem> problems, bool required = true)
    {
        var value = Present(record, field, problems, required);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var result = ImportDate.TryParseDate(value, record.DateStyle);
        return Outcome(record, field, problems, result);
    }

    /// <summary>A month (<c>YYYY-MM</c>, <c>YYYYMM</c>, 和暦 <c>R08.03</c>), restricted to the layout's <c>dateStyle</c>.</summary>
    public static YearMonth? Month(ImportRecord record, string field, ICollection<ImportProblem> problems, bool required = true)
    {
        var value = Present(record, field, problems, required);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var result = ImportDate.TryParseMonth(value, record.DateStyle);
        return Outcome(record, field, problems, result);
    }

    /// <summary>A whole number (a count, a year, a percentage): ASCII digits after NFKC, a leading <c>-</c> only when <paramref name="allowNegative"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The name agreed with the import services (FieldParsers.Integer/Amount).")]
    public static int? Integer(ImportRecord record, string field, ICollection<ImportProblem> problems, bool required = true, bool allowNegative = false)
    {
        var value = Whole(record, field, problems, required, allowNegative, maxDigits: 9);
        return value is { } number ? (int)number : null;
    }

    /// <summary>An amount in yen (interfaces.md §0: an integer; negative only when <paramref name="allowNegative"/>, e.g. an income).</summary>
    public static long? Amount(ImportRecord record, string field, ICollection<ImportProblem> problems, bool required = true, bool allowNegative = false) =>
        Whole(record, field, problems, required, allowNegative, maxDigits: 15);

    /// <summary>A flag: <c>0</c> (false) or <c>1</c> (true).</summary>
    public static bool? Flag(ImportRecord record, string field, ICollection<ImportProblem> problems, bool required = true)
    {
        var value = Present(record, field, problems, required);
        switch (value)
        {
            case null or "":
                return null;
            case "0":
                return false;
            case "1":
                return true;
            default:
                Add(record, field, problems, "0 か 1 で書いてください");
                return null;
        }
    }

    /// <summary>
    /// A value from a listed vocabulary (e.g. 性別 1/2/9, 続柄, 喪失事由). Both sides are compared
    /// after NFKC (so <c>妻(未届)</c> matches <c>妻（未届）</c>); the vocabulary's own spelling is returned.
    /// </summary>
    public static string? Choice(ImportRecord record, string field, IReadOnlyCollection<string> vocabulary, ICollection<ImportProblem> problems, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var value = Present(record, field, problems, required);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var word in vocabulary)
        {
            if (string.Equals(ImportRecord.Normalize(word), value, StringComparison.Ordinal))
            {
                return word;
            }
        }

        Add(record, field, problems, "次のどれかで書いてください: " + string.Join(" / ", vocabulary));
        return null;
    }

    /// <summary>An identifier of exactly <paramref name="length"/> digits, kept as a string (leading zeros are significant).</summary>
    public static string? Digits(ImportRecord record, string field, int length, ICollection<ImportProblem> problems, bool required = true) =>
        Digits(record, field, length, length, problems, required);

    /// <summary>An identifier of <paramref name="minLength"/> to <paramref name="maxLength"/> digits, kept as a string.</summary>
    public static string? Digits(ImportRecord record, string field, int minLength, int maxLength, ICollection<ImportProblem> problems, bool required = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, minLength);
        var value = Present(record, field, problems, required);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length >= minLength && value.Length <= maxLength && value.All(char.IsAsciiDigit))
        {
            return value;
        }

        Add(record, field, problems, minLength == maxLength
            ? string.Create(CultureInfo.InvariantCulture, $"{minLength} 桁の数字で書いてください")
            : string.Create(CultureInfo.InvariantCulture, $"{minLength}～{maxLength} 桁の数字で書いてください"));
        return null;
    }

    private static long? Whole(ImportRecord record, string field, ICollection<ImportProblem> problems, bool required, bool allowNegative, int maxDigits)
    {
        var value = Present(record, field, problems, required);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        bool negative = value[0] == '-';
        var digits = negative ? value.AsSpan(1) : value.AsSpan();
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            Add(record, field, problems, allowNegative ? "整数（半角数字、負なら先頭に -）で書いてください" : "0 以上の整数（数字だけ）で書いてください");
            return null;
        }

        if (negative && !allowNegative)
        {
            Add(record, field, problems, "負の値は書けません");
            return null;
        }

        if (digits.TrimStart('0').Length > maxDigits)
        {
            Add(record, field, problems, "値が大きすぎます");
            return null;
        }

        long number = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -number : number;
    }

    private static T? Outcome<T>(ImportRecord record, string field, ICollection<ImportProblem> problems, DateParseResult<T> result)
        where T : struct
    {
        if (!result.TryGetValue(out T value))
        {
            Add(record, field, problems, result.ErrorMessage ?? "読めません");
            return null;
        }

        if (result.HasWarning)
        {
            Add(record, field, problems, result.WarningMessage ?? "確認してください", ImportSeverity.Warning);
        }

        return value;
    }

    /// <summary>The normalised value, after the empty/absent check; <c>null</c> when absent.</summary>
    private static string? Present(ImportRecord record, string field, ICollection<ImportProblem> problems, bool required)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(problems);
        var value = record[field];
        if (required && string.IsNullOrEmpty(value))
        {
            Add(record, field, problems, value is null ? "列がありません（必須の項目です）" : EmptyReason);
        }

        return value;
    }

    private static void Add(ImportRecord record, string field, ICollection<ImportProblem> problems, string reason, ImportSeverity severity = ImportSeverity.Error) =>
        problems.Add(new ImportProblem(record.Line, field, record.Raw(field) ?? string.Empty, reason, severity));
}
