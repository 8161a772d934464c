using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.Formats.Import;

/// <summary>
/// One record of an import file, by built-in column name. Values are trimmed at both ends;
/// the indexer gives them NFKC-normalised (full-width digits and letters read as half-width,
/// half-width kana as full-width), <see cref="Raw"/> gives the original characters (names keep
/// 𠮷, 髙, …).
/// </summary>
/// <remarks>
/// A record that could not be split into columns (a wrong number of columns, broken quoting,
/// bytes that are not characters of the file's encoding, a fixed-width record that is too short)
/// carries its file errors in <see cref="Problems"/> and no values: an import must add those
/// problems to its report and skip the record's values.
/// </remarks>
public sealed class ImportRecord
{
    private static readonly IReadOnlyList<ImportProblem> NoProblems = [];

    private readonly IReadOnlyDictionary<string, int> _fields;
    private readonly string?[] _raw;
    private readonly string?[] _normalized;

    internal ImportRecord(long line, IReadOnlyDictionary<string, int> fields, string?[] raw, ImportDateStyle dateStyle)
    {
        Line = line;
        _fields = fields;
        _raw = raw;
        _normalized = new string?[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            _normalized[i] = raw[i] is { } value ? Normalize(value) : null;
        }

        DateStyle = dateStyle;
        Problems = NoProblems;
    }

    internal ImportRecord(long line, IReadOnlyDictionary<string, int> fields, ImportDateStyle dateStyle, IReadOnlyList<ImportProblem> problems)
    {
        Line = line;
        _fields = fields;
        _raw = new string?[fields.Count];
        _normalized = _raw;
        DateStyle = dateStyle;
        Problems = problems;
    }

    /// <summary>The physical line number where the record starts (fixed width with <c>recordLength</c>: the record number).</summary>
    public long Line { get; }

    /// <summary>The date forms of the file's layout, used by <see cref="FieldParsers.Date"/> and <see cref="FieldParsers.Month"/>.</summary>
    public ImportDateStyle DateStyle { get; }

    /// <summary>File errors that kept this record from being read; empty for a readable record.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; }

    /// <summary>
    /// The value of a built-in column, NFKC-normalised and trimmed; <c>null</c> when the column is
    /// absent from the file (an optional column, or a column the layout does not map); the empty
    /// string when the column is present but empty.
    /// </summary>
    public string? this[string field] => _fields.TryGetValue(field, out int index) ? _normalized[index] : null;

    /// <summary>
    /// Creates a record from values, for tests of the import services. <paramref name="values"/>
    /// are written as in a file (original characters); a column not given is absent.
    /// </summary>
    public static ImportRecord FromValues(long line, IEnumerable<KeyValuePair<string, string>> values, ImportDateStyle dateStyle = ImportDateStyle.Auto)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var fields = new Dictionary<string, int>(StringComparer.Ordinal);
        var raw = new string?[list.Count];
        foreach (var (field, value) in list)
        {
            fields.Add(field, fields.Count);
            raw[fields.Count - 1] = value.Trim();
        }

        return new ImportRecord(line, fields, raw, dateStyle);
    }

    /// <summary>The value as written in the file (trimmed, not NFKC-normalised); <c>null</c> when the column is absent.</summary>
    public string? Raw(string field) => _fields.TryGetValue(field, out int index) ? _raw[index] : null;

    /// <summary>Whether the column is present in the file (its value may still be empty).</summary>
    public bool Has(string field) => _fields.TryGetValue(field, out int index) && _raw[index] is not null;

    /// <summary>NFKC then trim (interfaces.md §0). Text that cannot be normalised (an unpaired surrogate) is kept as it is.</summary>
    internal static string Normalize(string value)
    {
        // ASCII is already NFKC: skip the (ICU) normalisation for the digits and codes that make up most fields.
        if (System.Text.Ascii.IsValid(value))
        {
            return value.Trim();
        }

        try
        {
            return value.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        }
        catch (ArgumentException)
        {
            return value.Trim();
        }
    }
}
