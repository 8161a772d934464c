using System.Globalization;
using System.Text;

namespace FukushiIryo.Formats.Import;

/// <summary>
/// The error report of an import (interfaces.md §0): <c>&lt;input file name&gt;.errors.csv</c>,
/// UTF-8 with BOM, header <c>行,列,値,理由</c>, RFC 4180 quoting, CRLF line ends, one row per
/// problem. A warning's reason starts with <c>警告: </c>.
/// </summary>
/// <remarks>
/// The report holds personal values: the caller writes it only for the operator who ran the
/// import and audits the writing (interfaces.md §0). Values are written as they were in the file.
/// </remarks>
public static class ImportErrorReport
{
    /// <summary>The header line, exactly.</summary>
    public const string Header = "行,列,値,理由";

    /// <summary>The prefix of a warning's reason.</summary>
    public const string WarningPrefix = "警告: ";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>
    /// Writes the report, replacing any file at <paramref name="path"/>. The report is written to a
    /// temporary file beside it first, so a report is either complete or absent.
    /// </summary>
    public static void Write(string path, IEnumerable<ImportProblem> problems)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(problems);
        string temporary = path + ".tmp";
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, Utf8WithBom))
            {
                Write(writer, problems);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes the report's lines (header included, no BOM) to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, IEnumerable<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(problems);
        writer.Write(Header);
        writer.Write("\r\n");
        foreach (var problem in problems)
        {
            writer.Write(problem.Line.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(Quote(problem.Column));
            writer.Write(',');
            writer.Write(Quote(Defuse(problem.Value)));
            writer.Write(',');
            writer.Write(Quote(problem.Severity == ImportSeverity.Warning ? WarningPrefix + problem.Reason : problem.Reason));
            writer.Write("\r\n");
        }
    }

    /// <summary>
    /// <c>&lt;input file name&gt;.errors.csv</c> in <paramref name="reportDir"/>, or in the current
    /// directory when it is <c>null</c> (e.g. <c>residents.csv</c> → <c>residents.csv.errors.csv</c>).
    /// </summary>
    public static string DefaultPath(string inputFile, string? reportDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputFile);
        string name = Path.GetFileName(inputFile) + ".errors.csv";
        return Path.Combine(reportDir ?? Directory.GetCurrentDirectory(), name);
    }

    /// <summary>See <see cref="Common.CsvText.Defuse"/>.</summary>
    internal static string Defuse(string value) => Common.CsvText.Defuse(value);

    /// <summary>See <see cref="Common.CsvText.Quote"/>.</summary>
    internal static string Quote(string? value) => Common.CsvText.Quote(value);
}
