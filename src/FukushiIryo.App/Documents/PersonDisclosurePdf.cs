using System.Globalization;

namespace FukushiIryo.App.Documents;

/// <summary>One part of a 本人開示 report: a heading and its lines (each line one fact, already worded).</summary>
public sealed record DisclosureSection(string Heading, IReadOnlyList<string> Lines);

/// <summary>
/// 本人開示 (評価書 P19) of one person: what the 台帳 holds, the receipts and payments, the notes and
/// inquiries and who accessed the record, as sections of worded lines; printed with who produced it,
/// when and for what purpose. Never holds a 個人番号 (the vault is not read).
/// </summary>
public sealed record PersonDisclosureInput(
    string AtenaNumber,
    string Name,
    string Purpose,
    IReadOnlyList<DisclosureSection> Sections,
    string PrintedBy,
    DateTimeOffset PrintedAt) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.PersonDisclosure;
}

/// <summary>
/// The 本人開示 PDF: A4 portrait, a title block with the person and the purpose, then each section with
/// its heading and lines wrapped to the page, flowing over as many pages as needed; every page carries
/// who produced it, when, and its page number.
/// </summary>
internal static class PersonDisclosurePdf
{
    private const double Left = 15;
    private const double Right = 195;
    private const double Bottom = 276;

    private static readonly DocumentFont TitleFont = new(DocumentFonts.Gothic, 15, bold: true);
    private static readonly DocumentFont InfoFont = new(DocumentFonts.Gothic, 9.5);
    private static readonly DocumentFont HeadingFont = new(DocumentFonts.Gothic, 11, bold: true);
    private static readonly DocumentFont LineFont = new(DocumentFonts.Gothic, 9);
    private static readonly DocumentFont NameFont = new(DocumentFonts.Registry, 11);
    private static readonly DocumentFont FooterFont = new(DocumentFonts.Gothic, 8);

    public static RenderedDocument Render(PersonDisclosureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string title = "保有個人情報開示（本人開示）";
        using var book = new PdfBook(title);
        var pageNumber = 0;
        PdfCanvas NewPage()
        {
            var canvas = book.NewPage();
            pageNumber++;
            canvas.Line(Left, 280, Right, 280, 0.3);
            canvas.Text(Left, 282, $"出力者：{input.PrintedBy}　出力日時：{DocumentText.Instant(input.PrintedAt)}", FooterFont);
            canvas.Text(Right, 282, string.Create(CultureInfo.InvariantCulture, $"{pageNumber} ページ"), FooterFont, TextAlign.Right);
            return canvas;
        }

        var page = NewPage();
        page.Text(Left, 15, title, TitleFont);
        page.Text(Right, 17, $"{input.Issuer.City}　{input.Issuer.Section}", InfoFont, TextAlign.Right);
        page.Text(Left, 27, "宛名番号：" + input.AtenaNumber, InfoFont);
        page.Text(Left + 50, 26.5, input.Name, NameFont);
        var y = page.Paragraph(Left, 34, Right - Left, "開示の目的：" + input.Purpose, InfoFont);
        y = page.Paragraph(Left, y + 1, Right - Left,
            "この書面は、市が保有するあなたの情報（台帳・支払・メモ・問合せ・閲覧の記録）をすべて記載したものです。個人番号は記載していません。", InfoFont);
        y += 3;
        var lineStep = PdfCanvas.LineHeight(LineFont);
        foreach (var section in input.Sections)
        {
            if (y + (PdfCanvas.LineHeight(HeadingFont) * 2) > Bottom)
            {
                page = NewPage();
                y = 15;
            }

            page.Text(Left, y, "■ " + section.Heading, HeadingFont);
            y += PdfCanvas.LineHeight(HeadingFont) + 0.5;
            var lines = section.Lines.Count == 0 ? ["（記録はありません）"] : section.Lines;
            foreach (var text in lines)
            {
                foreach (var line in page.Wrap(text, Right - Left - 4, LineFont))
                {
                    if (y + lineStep > Bottom)
                    {
                        page = NewPage();
                        y = 15;
                    }

                    page.Text(Left + 4, y, line, LineFont);
                    y += lineStep;
                }
            }

            y += 2.5;
        }

        return book.Finish(input.Kind);
    }
}
