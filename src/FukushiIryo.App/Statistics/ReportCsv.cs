using System.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.App.Statistics;

/// <summary>
/// A <see cref="StatisticsReport"/> as CSV (UTF-8 with BOM, CRLF): the title and conditions, then each
/// table as its title line, its header and its rows, a blank line between tables, the notes as
/// 「注: …」 lines. Numbers without separators so that a spreadsheet reads them as numbers.
/// </summary>
public static class ReportCsv
{
    public static byte[] Write(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CsvText.Line([report.Title])).Append("\r\n");
        foreach (var condition in report.Conditions)
        {
            text.Append(CsvText.Line([condition])).Append("\r\n");
        }

        foreach (var table in report.Tables)
        {
            text.Append("\r\n");
            text.Append(CsvText.Line([table.Title])).Append("\r\n");
            text.Append(CsvText.Line(table.Headers)).Append("\r\n");
            foreach (var row in table.Rows)
            {
                text.Append(CsvText.Line(row.Cells.Select(c => c.ToString()))).Append("\r\n");
            }

            foreach (var note in table.Notes)
            {
                text.Append(CsvText.Line(["注: " + note])).Append("\r\n");
            }
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = new UTF8Encoding(false).GetBytes(text.ToString());
        return [.. preamble, .. body];
    }
}
