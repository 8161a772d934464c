using System.Globalization;

namespace FukushiIryo.App.Documents;

/// <summary>
/// 受付簿 (評価書 P4: 日付順に「受付簿」を作成): the receptions of a period in date order, a ruled
/// table across A4 pages with the header repeated, "n / N ページ" and who printed it when on every page.
/// </summary>
internal static class ReceptionRegisterPdf
{
    /// <summary>Rows of the table on one page.</summary>
    public const int RowsPerPage = 30;

    private const double Left = 15;
    private const double Right = 195;
    private const double TableTop = 42;
    private const double RowHeight = 7.5;
    private static readonly double[] Widths = [40, 42, 28, 70];
    private static readonly string[] Header = ["受付番号", "受付日", "申請種別", "申請者"];

    private static readonly DocumentFont TitleFont = new(DocumentFonts.Gothic, 16, bold: true);
    private static readonly DocumentFont InfoFont = new(DocumentFonts.Gothic, 9.5);
    private static readonly DocumentFont HeaderFont = new(DocumentFonts.Gothic, 9.5, bold: true);
    private static readonly DocumentFont CellFont = new(DocumentFonts.Gothic, 10);
    private static readonly DocumentFont NameFont = new(DocumentFonts.Registry, 11);
    private static readonly DocumentFont FooterFont = new(DocumentFonts.Gothic, 8.5);

    public static RenderedDocument Render(ReceptionRegisterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.To < input.From)
        {
            throw new ArgumentException("受付簿の期間の終了が開始より前です。", nameof(input));
        }

        var entries = input.Entries
            .OrderBy(entry => entry.ReceivedOn)
            .ThenBy(entry => entry.ReceptionNumber, StringComparer.Ordinal)
            .ToList();
        var pages = Math.Max(1, (entries.Count + RowsPerPage - 1) / RowsPerPage);
        const string title = "受付簿";
        using var book = new PdfBook(title);
        for (var p = 0; p < pages; p++)
        {
            var page = book.NewPage();
            page.Text(Left, 15, title, TitleFont);
            page.Text(Right, 17, $"{input.Issuer.City}　{input.Issuer.Section}", InfoFont, TextAlign.Right);
            page.Text(Left, 27, $"期間：{DocumentText.Date(input.From)}〜{DocumentText.Date(input.To)}", InfoFont);
            page.Text(Right, 27, string.Create(CultureInfo.InvariantCulture, $"件数：{entries.Count}件"), InfoFont, TextAlign.Right);

            var y = TableTop;
            Row(page, y, Header, HeaderFont, HeaderFont);
            y += RowHeight;
            var rows = entries.Skip(p * RowsPerPage).Take(RowsPerPage).ToList();
            foreach (var entry in rows)
            {
                Row(page, y, [entry.ReceptionNumber, DocumentText.Date(entry.ReceivedOn), DocumentText.Of(entry.ApplicationKind), entry.ApplicantName], CellFont, NameFont);
                y += RowHeight;
            }

            if (entries.Count == 0)
            {
                page.Text(Left + 2, y + 3, "この期間の受付はありません。", CellFont);
            }

            page.Line(Left, 282, Right, 282, 0.3);
            page.Text(Left, 284, $"出力者：{input.PrintedBy}　出力日時：{DocumentText.Instant(input.PrintedAt)}", FooterFont);
            page.Text(Right, 284, string.Create(CultureInfo.InvariantCulture, $"{p + 1} / {pages} ページ"), FooterFont, TextAlign.Right);
        }

        return book.Finish(input.Kind);
    }

    private static void Row(PdfCanvas page, double y, string[] cells, DocumentFont font, DocumentFont lastFont)
    {
        var x = Left;
        for (var c = 0; c < Widths.Length; c++)
        {
            page.Box(x, y, Widths[c], RowHeight, 0.4);
            var cellFont = c == Widths.Length - 1 ? lastFont : font;
            page.Text(x + 2, y + ((RowHeight - (cellFont.Size * 25.4 / 72 * 1.2)) / 2), cells[c], cellFont);
            x += Widths[c];
        }
    }
}
