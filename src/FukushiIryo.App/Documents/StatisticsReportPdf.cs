using System.Globalization;
using FukushiIryo.App.Statistics;

namespace FukushiIryo.App.Documents;

/// <summary>
/// A statistics report (統計) as a landscape A4 PDF: each table under its title with the header repeated on
/// every page, numbers right-aligned with separators, total rows in bold, the notes after the table, and
/// who printed it when with "n / N ページ" on every page. Aggregates only: no person appears.
/// </summary>
public static class StatisticsReportPdf
{
    private const double Left = 10;
    private const double Right = 287;
    private const double Top = 12;
    private const double Bottom = 196;
    private const double RowHeight = 5.2;
    private const double Padding = 1.2;

    private static readonly DocumentFont TitleFont = new(DocumentFonts.Gothic, 14, bold: true);
    private static readonly DocumentFont TableTitleFont = new(DocumentFonts.Gothic, 10.5, bold: true);
    private static readonly DocumentFont InfoFont = new(DocumentFonts.Gothic, 8.5);
    private static readonly DocumentFont HeaderFont = new(DocumentFonts.Gothic, 7, bold: true);
    private static readonly DocumentFont CellFont = new(DocumentFonts.Gothic, 7.5);
    private static readonly DocumentFont TotalFont = new(DocumentFonts.Gothic, 7.5, bold: true);
    private static readonly DocumentFont NoteFont = new(DocumentFonts.Gothic, 7);
    private static readonly DocumentFont FooterFont = new(DocumentFonts.Gothic, 7.5);

    public static RenderedDocument Render(StatisticsReport report, string printedBy, DateTimeOffset printedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var book = new PdfBook(report.Title);
        var pages = new List<PdfCanvas>();
        PdfCanvas page = null!;
        double y = 0;

        void NewPage()
        {
            page = book.NewPage(landscape: true);
            pages.Add(page);
            page.Text(Left, Top, report.Title, TitleFont);
            page.Text(Right, Top + 2, string.Join("　", report.Conditions), InfoFont, TextAlign.Right);
            y = Top + 10;
        }

        NewPage();
        var footers = new List<(PdfCanvas Page, int Number)>();
        foreach (var table in report.Tables)
        {
            var widths = Widths(page, table);
            if (y + (RowHeight * 3) + 6 > Bottom)
            {
                NewPage();
            }

            page.Text(Left, y, table.Title, TableTitleFont);
            y += 6;
            Header(page, table, widths, ref y);
            foreach (var row in table.Rows)
            {
                if (y + RowHeight > Bottom)
                {
                    NewPage();
                    page.Text(Left, y, table.Title + "（続き）", TableTitleFont);
                    y += 6;
                    Header(page, table, widths, ref y);
                }

                var x = Left;
                var font = row.IsTotal ? TotalFont : CellFont;
                for (var c = 0; c < widths.Length; c++)
                {
                    page.Box(x, y, widths[c], RowHeight, row.IsTotal ? 0.6 : 0.3);
                    var cell = c < row.Cells.Count ? row.Cells[c] : ReportCell.Empty;
                    var top = y + ((RowHeight - (font.Size * 25.4 / 72 * 1.2)) / 2);
                    if (cell.Number is { } n)
                    {
                        page.Text(x + widths[c] - Padding, top, n.ToString("N0", CultureInfo.InvariantCulture), font, TextAlign.Right);
                    }
                    else
                    {
                        page.Text(x + Padding, top, cell.Text ?? string.Empty, font);
                    }

                    x += widths[c];
                }

                y += RowHeight;
            }

            y += 1.5;
            foreach (var note in table.Notes)
            {
                if (y + 4 > Bottom)
                {
                    NewPage();
                }

                y = page.Paragraph(Left, y, Right - Left, "注: " + note, NoteFont);
            }

            y += 4;
        }

        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].Line(Left, 200, Right, 200, 0.3);
            pages[i].Text(Left, 201.5, $"出力者：{printedBy}　出力日時：{DocumentText.Instant(printedAt)}", FooterFont);
            pages[i].Text(Right, 201.5, string.Create(CultureInfo.InvariantCulture, $"{i + 1} / {pages.Count} ページ"), FooterFont, TextAlign.Right);
        }

        return book.Finish(DocumentKind.StatisticsReport);
    }

    private static void Header(PdfCanvas page, ReportTable table, double[] widths, ref double y)
    {
        var x = Left;
        for (var c = 0; c < widths.Length; c++)
        {
            page.Box(x, y, widths[c], RowHeight + 1, 0.5);
            page.Text(x + (widths[c] / 2), y + 1.2, table.Headers[c], HeaderFont, TextAlign.Center);
            x += widths[c];
        }

        y += RowHeight + 1;
    }

    /// <summary>Each column as wide as its widest text, scaled down together when the table is wider than the page.</summary>
    private static double[] Widths(PdfCanvas page, ReportTable table)
    {
        var widths = new double[table.Headers.Count];
        for (var c = 0; c < widths.Length; c++)
        {
            var widest = page.Measure(table.Headers[c], HeaderFont);
            foreach (var row in table.Rows.Where(r => c < r.Cells.Count))
            {
                var cell = row.Cells[c];
                var text = cell.Number is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : cell.Text ?? string.Empty;
                widest = Math.Max(widest, page.Measure(text, row.IsTotal ? TotalFont : CellFont));
            }

            widths[c] = widest + (2 * Padding) + 1;
        }

        var total = widths.Sum();
        if (total > Right - Left)
        {
            var scale = (Right - Left) / total;
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] *= scale;
            }
        }

        return widths;
    }
}
