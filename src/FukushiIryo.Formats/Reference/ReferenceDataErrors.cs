using System.Globalization;

namespace FukushiIryo.Formats.Reference;

/// <summary>The kinds of reference data a file can hold (formats.md §4, §5).</summary>
public enum ReferenceDataKind
{
    /// <summary>金融機関: zengin-code <c>banks.csv</c>.</summary>
    Banks,

    /// <summary>金融機関の店舗: zengin-code <c>branches.csv</c>.</summary>
    Branches,

    /// <summary>郵便番号 (町域): 日本郵便 KEN_ALL.CSV / utf_ken_all.csv.</summary>
    PostalAddresses,

    /// <summary>大口事業所個別番号: 日本郵便 JIGYOSYO.CSV.</summary>
    LargeOffices,
}

/// <summary>A line of a reference file that cannot be read.</summary>
/// <param name="Source">The file (or zip entry) name.</param>
/// <param name="Line">The physical line number (1-based); 0 for a problem with the whole file.</param>
/// <param name="Column">The column's name, or null.</param>
/// <param name="Value">The value found (may be empty).</param>
/// <param name="Reason">Why it cannot be read (Japanese, for the operator).</param>
public sealed record ReferenceDataError(string Source, long Line, string? Column, string Value, string Reason)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Source} {Line}行目{(Column is null ? string.Empty : " " + Column)}: {Reason}{(Value.Length == 0 ? string.Empty : $"（{Value}）")}");
}

/// <summary>
/// The errors found while streaming a reference file: all are counted, the first
/// <see cref="MaxKept"/> are kept for the report (a wrong file could otherwise fill memory).
/// </summary>
public sealed class ReferenceErrorLog
{
    public const int MaxKept = 1000;

    private readonly List<ReferenceDataError> kept = [];

    public int Count { get; private set; }

    public IReadOnlyList<ReferenceDataError> Errors => kept;

    public void Add(ReferenceDataError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Count++;
        if (kept.Count < MaxKept)
        {
            kept.Add(error);
        }
    }
}

/// <summary>A reference file that cannot be loaded: nothing of it is imported.</summary>
public sealed class ReferenceDataException : Exception
{
    public ReferenceDataException(IReadOnlyList<ReferenceDataError> errors, int totalCount)
        : base(Describe(errors, totalCount))
    {
        Errors = errors;
        TotalCount = totalCount;
    }

    public ReferenceDataException(ReferenceDataError error)
        : this([error], 1)
    {
    }

    public ReferenceDataException()
        : this([], 0)
    {
    }

    public ReferenceDataException(string message)
        : this([new ReferenceDataError(string.Empty, 0, null, string.Empty, message)], 1)
    {
    }

    public ReferenceDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ReferenceDataError(string.Empty, 0, null, string.Empty, message)];
        TotalCount = 1;
    }

    /// <summary>The first errors (at most <see cref="ReferenceErrorLog.MaxKept"/>).</summary>
    public IReadOnlyList<ReferenceDataError> Errors { get; }

    /// <summary>How many errors were found in all.</summary>
    public int TotalCount { get; }

    private static string Describe(IReadOnlyList<ReferenceDataError> errors, int totalCount) => totalCount switch
    {
        0 => "参照データのファイルを読み込めません。",
        1 => errors[0].ToString(),
        _ => string.Create(CultureInfo.InvariantCulture, $"参照データのファイルに {totalCount} 件の誤りがあります。最初: {errors[0]}"),
    };
}
