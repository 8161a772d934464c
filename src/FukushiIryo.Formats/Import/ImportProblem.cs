namespace FukushiIryo.Formats.Import;

/// <summary>How serious an <see cref="ImportProblem"/> is (interfaces.md §0).</summary>
public enum ImportSeverity
{
    /// <summary>A file error: a file with any error imports nothing.</summary>
    Error,

    /// <summary>A doubtful value that is nevertheless read (e.g. a 和暦 date after its era ended).</summary>
    Warning,
}

/// <summary>
/// One problem found while reading an import file: one row of the <c>.errors.csv</c> report
/// (interfaces.md §0, header <c>行,列,値,理由</c>).
/// </summary>
/// <param name="Line">
/// The physical line number in the file (1 = the header line of a file with a header; a record
/// that spans lines because of a quoted line break is numbered by its first line); 0 for a problem
/// with the whole file, such as an unknown column. For a fixed-width file cut every
/// <c>recordLength</c> bytes, the record number.
/// </param>
/// <param name="Column">The built-in column name (Japanese); for an unknown column, its name as written in the file; empty when the problem concerns no column.</param>
/// <param name="Value">The value as written in the file (original characters), or empty.</param>
/// <param name="Reason">Why, in Japanese.</param>
/// <param name="Severity">An error (the default) or a warning.</param>
public sealed record ImportProblem(long Line, string Column, string Value, string Reason, ImportSeverity Severity = ImportSeverity.Error);
