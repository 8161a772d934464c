namespace FukushiIryo.App.Documents;

/// <summary>受給資格証: a card (120 × 80 mm) with cut marks at the top of an A4 page, notes below it.</summary>
internal static class CertificatePdf
{
    private const double CardX = 20;
    private const double CardY = 20;
    private const double CardWidth = 120;
    private const double CardHeight = 80;
    private const double LabelWidth = 24;

    private static readonly DocumentFont TitleFont = new(DocumentFonts.Gothic, 12, bold: true);
    private static readonly DocumentFont LabelFont = new(DocumentFonts.Gothic, 7.5);
    private static readonly DocumentFont ValueFont = new(DocumentFonts.Gothic, 10);
    private static readonly DocumentFont NameFont = new(DocumentFonts.Registry, 13);
    private static readonly DocumentFont StampFont = new(DocumentFonts.Gothic, 9, bold: true);
    private static readonly DocumentFont IssuerFont = new(DocumentFonts.Gothic, 9);
    private static readonly DocumentFont NoteFont = new(DocumentFonts.Mincho, 9);

    public static RenderedDocument Render(CertificateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var title = input.ReissuedOn is null ? "受給資格証" : "受給資格証（再交付）";
        using var book = new PdfBook(title);
        Card(book.NewPage(), input);
        return book.Finish(input.Kind);
    }

    /// <summary>Several 受給資格証 in one PDF, one page each, in the given order (a batch print, e.g. after the renewal).</summary>
    public static RenderedDocument RenderMany(CertificateBatchInput input, int pagesPerChunk = PdfBatch.PagesPerChunk)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Certificates.Count == 0)
        {
            throw new ArgumentException("受給資格証が1枚もありません。", nameof(input));
        }

        // In chunks (PdfBatch): 86,000 cards after the August renewal never sit in PDFsharp at once (ADR 0041).
        return PdfBatch.Render(input.Kind, BatchTitle, input.Certificates, () => new PdfBook(BatchTitle), (book, certificate, _) => Card(book.NewPage(), certificate), pagesPerChunk);
    }

    /// <summary>The title of a batch of 受給資格証.</summary>
    public const string BatchTitle = "受給資格証";

    /// <summary>
    /// The same batch as <see cref="RenderMany"/> written into <paramref name="output"/> as the cards come
    /// (the renewal's batch print: neither the PDF nor the cards are held whole); returns the pages.
    /// </summary>
    public static int WriteMany(Stream output, IEnumerable<CertificateInput> certificates, int pagesPerChunk = PdfBatch.PagesPerChunk) =>
        PdfBatch.Write(output, BatchTitle, certificates, () => new PdfBook(BatchTitle), (book, certificate, _) => Card(book.NewPage(), certificate), pagesPerChunk);

    private static void Card(PdfCanvas page, CertificateInput input)
    {
        if (input.ValidTo < input.ValidFrom)
        {
            throw new ArgumentException("有効期間の終了が開始より前です。", nameof(input));
        }

        page.Box(CardX, CardY, CardWidth, CardHeight, 1);
        page.CutMarks(CardX - 3, CardY - 3, CardWidth + 6, CardHeight + 6);
        page.Text(CardX + (CardWidth / 2), CardY + 4, $"{input.Issuer.Program}受給資格証", TitleFont, TextAlign.Center);

        var top = CardY + 12;
        const double row = 9;
        var left = CardX + 4;
        var right = CardX + CardWidth - 4;
        var half = CardX + (CardWidth / 2) + 2;

        // 受給者番号 and 公費負担者番号 share the first row.
        Rule(page, top, left, right);
        Field(page, left, top, "受給者番号", input.RecipientNumber, ValueFont);
        page.Text(half, top + 2.8, "公費負担者番号", LabelFont);
        page.Text(half + LabelWidth, top + 1.8, input.PayerNumber, ValueFont);
        top += row;

        Rule(page, top, left, right);
        Field(page, left, top, "氏名", input.Name, NameFont, valueTop: 1.2);
        top += row + 1;

        Rule(page, top, left, right);
        Field(page, left, top, "生年月日", DocumentText.Date(input.BirthDate), ValueFont);
        top += row;

        Rule(page, top, left, right);
        Field(page, left, top, "有効期間", DocumentText.Period(input.ValidFrom, input.ValidTo), ValueFont);
        top += row;

        Rule(page, top, left, right);
        Field(page, left, top, "給付区分", DocumentText.Of(input.BenefitMethod), ValueFont);
        top += row;

        Rule(page, top, left, right);
        Field(page, left, top, "交付年月日", DocumentText.Date(input.IssuedOn), ValueFont);
        if (input.ReissuedOn is { } reissued)
        {
            var x = left + LabelWidth + page.Measure(DocumentText.Date(input.IssuedOn), ValueFont) + 4;
            page.Stamp(x, top + 1.2, "再交付", StampFont);
            page.Text(x + page.Measure("再交付", StampFont) + 5, top + 1.8, DocumentText.Date(reissued), ValueFont);
        }

        top += row;
        Rule(page, top, left, right);
        page.Text(right, CardY + CardHeight - 7, $"{input.Issuer.City}　{input.Issuer.Section}", IssuerFont, TextAlign.Right);

        var notes = CardY + CardHeight + 10;
        page.Text(CardX - 3, notes, "切り取り線（四隅の印）に沿って切り取ってお使いください。", NoteFont);
        notes += 8;
        notes = page.Paragraph(CardX - 3, notes, 170, "・医療機関等で受診するときは、健康保険の資格確認書（またはマイナ保険証）と一緒に、この受給資格証を窓口に提示してください。", NoteFont);
        notes = page.Paragraph(CardX - 3, notes, 170, $"・住所、氏名、健康保険、振込口座などに変更があったとき、または受給資格がなくなったときは、{input.Issuer.City}{input.Issuer.Section}に届け出てください。", NoteFont);
        page.Paragraph(CardX - 3, notes, 170, "・受給資格がなくなった後は、この受給資格証を使うことはできません。返還してください。", NoteFont);
    }

    private static void Field(PdfCanvas page, double left, double top, string label, string value, DocumentFont font, double valueTop = 1.8)
    {
        page.Text(left, top + 2.8, label, LabelFont);
        page.Text(left + LabelWidth, top + valueTop, value, font);
    }

    private static void Rule(PdfCanvas page, double y, double left, double right) => page.Line(left, y, right, y, 0.3);
}
