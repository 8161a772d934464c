namespace FukushiIryo.Formats.Common;

/// <summary>CSV fields for the files staff open in a spreadsheet: import error reports and exports.</summary>
public static class CsvText
{
    /// <summary>
    /// A value that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
    /// return, CWE-1236) gets a leading apostrophe. A plain number such as <c>-1200</c> stays as it is.
    /// </summary>
    public static string Defuse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
        {
            return value ?? string.Empty;
        }

        var isPlainNumber = value.Length > 1 && (value[0] is '-' or '+') && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
        return isPlainNumber ? value : "'" + value;
    }

    /// <summary>RFC 4180: a field with a comma, a quote or a line break is enclosed in quotes, its quotes doubled.</summary>
    public static string Quote(string? value)
    {
        value ??= string.Empty;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One line: every field defused and quoted, joined by commas (no line end).</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(f => Quote(Defuse(f))));
}
