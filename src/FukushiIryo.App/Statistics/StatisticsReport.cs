namespace FukushiIryo.App.Statistics;

/// <summary>One cell of a report table: a text (a label) or a number (a count or yen). Null both = an empty cell.</summary>
public readonly record struct ReportCell(string? Text, long? Number)
{
    public static implicit operator ReportCell(string text) => new(text, null);

    public static implicit operator ReportCell(long number) => new(null, number);

    public static ReportCell Empty => new(null, null);

    /// <summary>The cell as a CSV or PDF writes it: numbers without separators in CSV (see <see cref="ReportCsv"/>).</summary>
    public override string ToString() => Number is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : Text ?? string.Empty;
}

/// <summary>One row of a report table; a total row (合計・小計) is set in bold.</summary>
public sealed record ReportRow(IReadOnlyList<ReportCell> Cells, bool IsTotal = false);

/// <summary>
/// A table of a statistics report (統計): a title, Japanese column headers and rows of aggregates only
/// (counts and yen, never a person). Notes say what the table leaves out and why.
/// </summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<ReportRow> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>A short name for a worksheet (at most 31 characters, unique within a report).</summary>
    public string SheetName { get; init; } = Title;
}

/// <summary>
/// A statistics report (受給者数調査, 支払月報, 県補助金): a title, the conditions it was made for
/// (基準日, 処理年月, 年度) and its tables. The CSV, XLSX and PDF writers render the same model.
/// </summary>
public sealed record StatisticsReport(string Title, IReadOnlyList<string> Conditions, IReadOnlyList<ReportTable> Tables);
