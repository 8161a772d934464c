using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FukushiIryo.App.Statistics;

namespace FukushiIryo.App.Tests.Statistics;

/// <summary>The CSV and XLSX writers: what is written is read back cell by cell.</summary>
public sealed class ReportFilesTests
{
    private static readonly StatisticsReport Report = new("支払月報", ["処理年月: 2026-09"],
    [
        new ReportTable("区分別集計（当月）", ["区分", "項目", "件数", "助成額"],
        [
            new(["保険", "国保", 2, 3_100]),
            new(["保険", "社保", 1, -700]),
            new(["合計", ReportCell.Empty, 3, 2_400], IsTotal: true),
        ], ["注記です、カンマ入り"]) { SheetName = "区分別集計（当月）" },
        new ReportTable("調整", ["項目", "金額"], [new(["返還（戻入）", "未対応"])], []),
    ]);

    [Fact]
    public void Csv_has_a_bom_the_tables_and_plain_numbers()
    {
        var bytes = ReportCsv.Write(Report);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("支払月報", lines[0]);
        Assert.Equal("区分,項目,件数,助成額", lines[4]);
        Assert.Equal("保険,社保,1,-700", lines[6]);
        Assert.Equal("合計,,3,2400", lines[7]);
        Assert.Equal("注: 注記です、カンマ入り", lines[8]);
    }

    [Fact]
    public void Xlsx_is_read_back_with_the_expected_cells_and_styles()
    {
        var bytes = ReportXlsx.Write(Report);
        var header = ReportXlsx.HeaderRow(Report);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheets = XlsxReader.Sheets(document);
        Assert.Equal(["区分別集計（当月）", "調整"], sheets.Keys);

        var first = sheets["区分別集計（当月）"];
        Assert.Equal("支払月報　区分別集計（当月）", first["A1"].Text);
        Assert.Equal("処理年月: 2026-09", first["A2"].Text);
        Assert.Equal("区分", first[$"A{header}"].Text);
        Assert.Equal("助成額", first[$"D{header}"].Text);
        Assert.Equal(3_100m, first[$"D{header + 1}"].Number);
        Assert.Equal(-700m, first[$"D{header + 2}"].Number);
        Assert.Equal("合計", first[$"A{header + 3}"].Text);
        Assert.Equal(2_400m, first[$"D{header + 3}"].Number);
        Assert.Equal("注: 注記です、カンマ入り", first[$"A{header + 5}"].Text);

        // The total's number is bold with a thousands separator; the header is bold and shaded.
        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet!;
        var total = (CellFormat)styles.CellFormats!.ElementAt((int)first[$"D{header + 3}"].Style);
        Assert.Equal("#,##0", styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == total.NumberFormatId!.Value).FormatCode!.Value);
        Assert.NotNull(((Font)styles.Fonts!.ElementAt((int)total.FontId!.Value)).Bold);
        var head = (CellFormat)styles.CellFormats!.ElementAt((int)first[$"A{header}"].Style);
        Assert.NotEqual(0u, head.FillId!.Value);

        Assert.Equal("未対応", sheets["調整"][$"B{header + 1}"].Text);
    }
}

/// <summary>Reads an XLSX's cells (inline or shared strings, numbers) by sheet name and A1 reference.</summary>
internal static class XlsxReader
{
    public sealed record XlsxCell(string? Text, decimal? Number, uint Style);

    public static Dictionary<string, Dictionary<string, XlsxCell>> Sheets(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var result = new Dictionary<string, Dictionary<string, XlsxCell>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var cells = new Dictionary<string, XlsxCell>();
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                var style = cell.StyleIndex?.Value ?? 0;
                XlsxCell value = cell.DataType?.Value == CellValues.InlineString ? new(cell.InlineString!.InnerText, null, style)
                    : cell.DataType?.Value == CellValues.SharedString ? new(shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)], null, style)
                    : new(null, decimal.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), style);
                cells[cell.CellReference!.Value!] = value;
            }

            result[sheet.Name!.Value!] = cells;
        }

        return result;
    }
}
