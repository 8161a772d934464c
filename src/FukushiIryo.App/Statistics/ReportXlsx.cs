using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace FukushiIryo.App.Statistics;

/// <summary>
/// A <see cref="StatisticsReport"/> as an XLSX workbook (Open XML SDK): one worksheet per table, with the
/// report's title and conditions on top, a bold shaded header row with Japanese headers, ruled cells,
/// numbers as numbers in <c>#,##0</c>, total rows in bold, notes below and columns sized to their text.
/// </summary>
public static class ReportXlsx
{
    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint NumberStyle = 3;
    private const uint TextStyle = 4;
    private const uint TotalTextStyle = 5;
    private const uint TotalNumberStyle = 6;
    private const uint NumberFormatId = 164;

    /// <summary>The row (1-based) of each table's header: title, conditions, a blank row, then the header.</summary>
    public static uint HeaderRow(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return (uint)(report.Conditions.Count + 3);
    }

    public static byte[] Write(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var table in report.Tables)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(report, table);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = SheetName(table.SheetName, id, names) });
                id++;
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Worksheet Worksheet(StatisticsReport report, ReportTable table)
    {
        var data = new SheetData();
        uint r = 1;
        data.Append(TextRow(r++, report.Title + "　" + table.Title, TitleStyle));
        foreach (var condition in report.Conditions)
        {
            data.Append(TextRow(r++, condition, 0));
        }

        r++;
        var header = new Row { RowIndex = r };
        for (var c = 0; c < table.Headers.Count; c++)
        {
            header.Append(Text(Reference(c, r), table.Headers[c], HeaderStyle));
        }

        data.Append(header);
        r++;
        foreach (var row in table.Rows)
        {
            var line = new Row { RowIndex = r };
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var cell = row.Cells[c];
                line.Append(cell.Number is { } n
                    ? new Cell { CellReference = Reference(c, r), DataType = CellValues.Number, CellValue = new CellValue(n.ToString(System.Globalization.CultureInfo.InvariantCulture)), StyleIndex = row.IsTotal ? TotalNumberStyle : NumberStyle }
                    : Text(Reference(c, r), cell.Text ?? string.Empty, row.IsTotal ? TotalTextStyle : TextStyle));
            }

            data.Append(line);
            r++;
        }

        r++;
        foreach (var note in table.Notes)
        {
            data.Append(TextRow(r++, "注: " + note, 0));
        }

        var columns = new Columns();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var widest = table.Rows.Select(row => c < row.Cells.Count ? Width(Display(row.Cells[c])) : 0).Append(Width(table.Headers[c])).Max();
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Math.Min(60, Math.Max(8, widest + 2)), CustomWidth = true });
        }

        return new Worksheet(columns, data);
    }

    private static string Display(ReportCell cell) => cell.Number is { } n ? n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : cell.Text ?? string.Empty;

    /// <summary>Display width in characters: a full-width character counts as two.</summary>
    private static double Width(string text) => text.Sum(ch => ch > 0xFF ? 2 : 1);

    private static Row TextRow(uint r, string text, uint style)
    {
        var row = new Row { RowIndex = r };
        row.Append(Text(Reference(0, r), text, style));
        return row;
    }

    private static Cell Text(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    /// <summary>The A1 reference of a zero-based column and a 1-based row.</summary>
    public static string Reference(int column, uint row)
    {
        var name = string.Empty;
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }

        return name + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string SheetName(string wanted, uint id, HashSet<string> taken)
    {
        var cleaned = new string([.. wanted.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        if (cleaned.Length > 31)
        {
            cleaned = cleaned[..31];
        }

        if (cleaned.Length == 0 || !taken.Add(cleaned))
        {
            cleaned = "表" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            taken.Add(cleaned);
        }

        return cleaned;
    }

    private static Stylesheet Stylesheet()
    {
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Yu Gothic" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Yu Gothic" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Yu Gothic" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(
            new Border(),
            new Border(
                new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new DiagonalBorder()));
        var formats = new NumberingFormats(new NumberingFormat { NumberFormatId = NumberFormatId, FormatCode = "#,##0" });
        var cells = new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
            { FontId = 2, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = NumberFormatId, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true },
            new CellFormat { BorderId = 1, ApplyBorder = true },
            new CellFormat { FontId = 2, BorderId = 1, ApplyFont = true, ApplyBorder = true },
            new CellFormat { NumberFormatId = NumberFormatId, FontId = 2, BorderId = 1, ApplyNumberFormat = true, ApplyFont = true, ApplyBorder = true });
        return new Stylesheet(formats, fonts, fills, borders, cells);
    }
}
