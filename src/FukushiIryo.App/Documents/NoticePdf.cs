using System.Globalization;

namespace FukushiIryo.App.Documents;

/// <summary>
/// The notices (認定通知書, 却下通知書, 喪失通知書) on A4 portrait: date and 文書番号 top right, the
/// addressee top left, the 処分庁 on the right, the title, the body, a table, and for an adverse
/// decision the 教示. A notice that runs past the page continues on the next. Several notices can
/// share one PDF, each starting on its own page (<see cref="NextNotice"/>; the 支給決定通知書 of a
/// payment run, <see cref="PaymentNoticePdf"/>).
/// </summary>
internal sealed class NoticePdf : IPdfChunk
{
    private const double Left = 25;
    private const double Right = 185;
    private const double Bottom = 277;
    private const double Top = 20;

    private static readonly DocumentFont TitleFont = new(DocumentFonts.Gothic, 15, bold: true);
    private static readonly DocumentFont HeadingFont = new(DocumentFonts.Gothic, 10.5, bold: true);
    private static readonly DocumentFont BodyFont = new(DocumentFonts.Mincho, 10.5);
    private static readonly DocumentFont SmallFont = new(DocumentFonts.Mincho, 9);
    private static readonly DocumentFont CellLabelFont = new(DocumentFonts.Gothic, 9);
    private static readonly DocumentFont CellFont = new(DocumentFonts.Gothic, 9.5);
    private static readonly DocumentFont CellNameFont = new(DocumentFonts.Registry, 10.5);
    private static readonly DocumentFont AddressFont = new(DocumentFonts.Registry, 10.5);
    private static readonly DocumentFont AddresseeFont = new(DocumentFonts.Registry, 13);
    private static readonly DocumentFont IssuerFont = new(DocumentFonts.Mincho, 11);

    private readonly PdfBook book;
    private PdfCanvas page;

    internal NoticePdf(string title)
    {
        Title = title;
        book = new PdfBook(title);
        page = book.NewPage();
    }

    public string Title { get; }

    /// <summary>Printed after "（続き）" on a continuation page, e.g. whose notice it is when one PDF holds many.</summary>
    internal string? ContinuationLabel { get; set; }

    /// <summary>The y where the next element goes.</summary>
    public double Y { get; private set; }

    public static RenderedDocument Grant(GrantNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Require(input.Recipients.Count > 0, "認定通知書には認定した受給者が1人以上必要です。");
        using var notice = new NoticePdf("受給資格認定通知書");
        notice.Header(input.Issuer, input.To, input.NoticeDate, input.NoticeNumber, $"{input.Issuer.Program}受給資格認定通知書");
        notice.Body($"{DocumentText.Date(input.AppliedOn)}付けで申請のあった{input.Issuer.Program}について、次のとおり受給資格を認定したので通知します。");
        notice.Table(
            [42, 22, 30, 44, 22],
            ["氏名", "受給者番号", "資格取得日", "有効期間", "給付区分"],
            [.. input.Recipients.Select(r => new[] { r.Name, r.RecipientNumber, DocumentText.Date(r.AcquiredOn), $"{DocumentText.Date(r.ValidFrom)}から\n{DocumentText.Date(r.ValidTo)}まで", DocumentText.Of(r.BenefitMethod) })]);
        notice.Body("受給資格証を同封します。医療機関等で受診するときは、健康保険の資格確認書（またはマイナ保険証）と一緒に窓口に提示してください。", SmallFont);
        return notice.Finish(input.Kind);
    }

    public static RenderedDocument Rejection(RejectionNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Require(input.Reasons.Count > 0 && input.Reasons.All(r => !string.IsNullOrWhiteSpace(r)), "却下通知書には却下の理由が1つ以上必要です。");
        using var notice = new NoticePdf("受給資格申請却下通知書");
        notice.Header(input.Issuer, input.To, input.NoticeDate, input.NoticeNumber, $"{input.Issuer.Program}受給資格申請却下通知書");
        notice.Body($"{DocumentText.Date(input.AppliedOn)}付けで申請のあった{input.Issuer.Program}の受給資格（申請種別：{DocumentText.Of(input.ApplicationKind)}）について、次の理由により申請を却下したので通知します。");
        if (input.PersonNames.Count > 0)
        {
            notice.Heading("対象者");
            notice.Lines(input.PersonNames, CellNameFont, indent: 4);
        }

        notice.Heading("却下の理由");
        notice.Numbered(input.Reasons);
        notice.Appeal(input.Issuer);
        return notice.Finish(input.Kind);
    }

    public static RenderedDocument Loss(LossNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var notice = new NoticePdf("受給資格喪失通知書");
        notice.LossNotice(input);
        return notice.Finish(input.Kind);
    }

    /// <summary>Several 喪失通知書 in one PDF, each starting on its own page (a batch print, e.g. after the renewal).</summary>
    public static RenderedDocument LossMany(LossNoticeBatchInput input, int pagesPerChunk = PdfBatch.PagesPerChunk)
    {
        ArgumentNullException.ThrowIfNull(input);
        Require(input.Notices.Count > 0, "喪失通知書が1通もありません。");
        // In chunks (PdfBatch, ADR 0041): a batch after the renewal can hold thousands of notices.
        return PdfBatch.Render(input.Kind, LossBatchTitle, input.Notices, () => new NoticePdf(LossBatchTitle), AddLossNotice, pagesPerChunk);
    }

    /// <summary>The title of a batch of 喪失通知書.</summary>
    public const string LossBatchTitle = "受給資格喪失通知書";

    /// <summary>
    /// The same batch as <see cref="LossMany"/> written into <paramref name="output"/> as the notices come
    /// (the renewal's batch print); returns the pages.
    /// </summary>
    public static int WriteLossMany(Stream output, IEnumerable<LossNoticeInput> notices, int pagesPerChunk = PdfBatch.PagesPerChunk) =>
        PdfBatch.Write(output, LossBatchTitle, notices, () => new NoticePdf(LossBatchTitle), AddLossNotice, pagesPerChunk);

    private static void AddLossNotice(NoticePdf notice, LossNoticeInput item, bool first)
    {
        if (!first)
        {
            notice.NextNotice();
        }

        notice.ContinuationLabel = item.To.Name;
        notice.LossNotice(item);
    }

    private void LossNotice(LossNoticeInput input)
    {
        Require(input.Recipients.Count > 0, "喪失通知書には喪失した受給者が1人以上必要です。");
        var notice = this;
        notice.Header(input.Issuer, input.To, input.NoticeDate, input.NoticeNumber, $"{input.Issuer.Program}受給資格喪失通知書");
        notice.Body($"次の方の{input.Issuer.Program}の受給資格は、喪失日をもって消滅したので通知します。喪失日以降は受給資格証を使用できません。お手元の受給資格証は{input.Issuer.City}{input.Issuer.Section}へ返還してください。");
        notice.Table(
            [44, 24, 34, 58],
            ["氏名", "受給者番号", "喪失日", "喪失事由"],
            [.. input.Recipients.Select(r => new[] { r.Name, r.RecipientNumber, DocumentText.Date(r.LostOn), r.Detail is { Length: > 0 } detail ? $"{DocumentText.Of(r.Reason)}（{detail}）" : DocumentText.Of(r.Reason) })]);
        notice.Appeal(input.Issuer);
    }

    /// <summary>
    /// 更新申請書: one form per household, each starting on a new page, with the members, the
    /// insurance and the account the city holds, boxes to correct them, and the signature lines.
    /// </summary>
    public static RenderedDocument RenewalForms(RenewalFormsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Require(input.Forms.Count > 0, "更新申請書には世帯が1つ以上必要です。");
        // In chunks (PdfBatch, ADR 0041): one form per household, 40,000 of them in August.
        return PdfBatch.Render(input.Kind, "受給資格更新申請書", input.Forms, () => new NoticePdf("受給資格更新申請書"), (notice, form, first) =>
        {
            if (!first)
            {
                notice.page = notice.book.NewPage();
            }

            notice.Header(input.Issuer, form.To, input.NoticeDate, $"受給者番号 {form.HeadRecipientNumber}", $"{input.Issuer.Program}受給資格更新申請書");
            notice.Body($"{input.Year}年8月1日からの受給資格の更新を申請します。市が登録している内容は次のとおりです。違っているところは二重線で消して正しい内容を書き、{DocumentText.Date(input.DueDate)}までに{input.Issuer.City}{input.Issuer.Section}へ返送してください。返送がない場合は、受給資格がなくなることがあります。");
            notice.Table(
                [44, 24, 34, 22, 36],
                ["氏名", "受給者番号", "生年月日", "続柄", "現在の有効期限"],
                [.. form.Members.Select(m => new[] { m.Name, m.RecipientNumber, DocumentText.Date(m.BirthDate), m.Relationship, m.ValidTo is { } to ? DocumentText.Date(to) : "—" })]);
            notice.Heading("健康保険");
            notice.Lines([form.Insurance ?? "（登録なし）", "変更あり → 新しい保険者名・記号・番号："], BodyFont, 4);
            notice.Heading("振込口座");
            notice.Lines([form.Account ?? "（登録なし）", "変更あり → 新しい金融機関・支店・口座番号："], BodyFont, 4);
            notice.Heading("申請者の署名");
            notice.Lines(["上記のとおり申請します。　　　　年　　月　　日", "氏名（自署）："], BodyFont, 4);
        });
    }

    public void Dispose() => book.Dispose();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    private static string Postal(string code) =>
        code.Length == 7 ? string.Create(CultureInfo.InvariantCulture, $"〒{code[..3]}-{code[3..]}") : $"〒{code}";

    internal void Header(DocumentIssuer issuer, Addressee to, DateOnly noticeDate, string? noticeNumber, string title)
    {
        var y = Top;
        if (noticeNumber is { Length: > 0 })
        {
            page.Text(Right, y, noticeNumber, BodyFont, TextAlign.Right);
            y += 6;
        }

        page.Text(Right, y, DocumentText.Date(noticeDate), BodyFont, TextAlign.Right);

        y = Top + 14;
        if (to.PostalCode is { Length: > 0 } postal)
        {
            page.Text(Left, y, Postal(postal), AddressFont);
            y += 6;
        }

        if (to.Address is { Length: > 0 } address)
        {
            y = page.Paragraph(Left, y, 115, address, AddressFont);
        }

        y += 3;
        page.Text(Left, y, $"{to.Name}　様", AddresseeFont);
        y += 14;
        page.Text(Right, y, issuer.Head, IssuerFont, TextAlign.Right);
        y += 6;
        page.Text(Right, y, $"（担当：{issuer.City}{issuer.Section}）", SmallFont, TextAlign.Right);
        y += 14;
        page.Text((Left + Right) / 2, y, title, TitleFont, TextAlign.Center);
        Y = y + 16;
    }

    internal void Body(string text, DocumentFont? font = null)
    {
        font ??= BodyFont;
        foreach (var line in page.Wrap(text, Right - Left - 4, font))
        {
            Space(PdfCanvas.LineHeight(font));
            page.Text(Left + 4, Y, line, font);
            Y += PdfCanvas.LineHeight(font);
        }

        Y += 4;
    }

    internal void Heading(string text)
    {
        Space(PdfCanvas.LineHeight(HeadingFont) * 2);
        page.Text(Left, Y, $"■ {text}", HeadingFont);
        Y += PdfCanvas.LineHeight(HeadingFont) + 1;
    }

    private void Lines(IEnumerable<string> lines, DocumentFont font, double indent)
    {
        foreach (var line in lines)
        {
            Space(PdfCanvas.LineHeight(font));
            page.Text(Left + indent, Y, line, font);
            Y += PdfCanvas.LineHeight(font);
        }

        Y += 3;
    }

    private void Numbered(IReadOnlyList<string> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"{i + 1}．");
            var indent = 4 + page.Measure("00．", BodyFont);
            var lines = page.Wrap(items[i], Right - Left - indent, BodyFont);
            for (var j = 0; j < lines.Count; j++)
            {
                Space(PdfCanvas.LineHeight(BodyFont));
                if (j == 0)
                {
                    page.Text(Left + 4, Y, number, BodyFont);
                }

                page.Text(Left + indent, Y, lines[j], BodyFont);
                Y += PdfCanvas.LineHeight(BodyFont);
            }
        }

        Y += 4;
    }

    /// <summary>
    /// A ruled table; a cell's text wraps (and "\n" breaks) inside its column; the header repeats after
    /// a page break. <paramref name="align"/> aligns each column's cells (left when null).
    /// </summary>
    internal void Table(double[] widths, string[] header, IReadOnlyList<string[]> rows, TextAlign[]? align = null)
    {
        const double padding = 1.5;
        var headerHeight = PdfCanvas.LineHeight(CellLabelFont) + (2 * padding);
        void DrawHeader()
        {
            var x = Left;
            for (var c = 0; c < widths.Length; c++)
            {
                page.Box(x, Y, widths[c], headerHeight);
                page.Text(x + (widths[c] / 2), Y + padding, header[c], CellLabelFont, TextAlign.Center);
                x += widths[c];
            }

            Y += headerHeight;
        }

        Space(headerHeight * 2);
        DrawHeader();
        foreach (var row in rows)
        {
            var cells = row.Select((text, c) => page.Wrap(text, widths[c] - (2 * padding), c == 0 ? CellNameFont : CellFont)).ToArray();
            var height = cells.Max((lines) => lines.Count) * PdfCanvas.LineHeight(CellNameFont) + (2 * padding);
            if (Y + height > Bottom)
            {
                NextPage();
                DrawHeader();
            }

            var x = Left;
            for (var c = 0; c < widths.Length; c++)
            {
                page.Box(x, Y, widths[c], height);
                var font = c == 0 ? CellNameFont : CellFont;
                var lineY = Y + padding;
                var alignment = align?[c] ?? TextAlign.Left;
                var lineX = alignment switch
                {
                    TextAlign.Right => x + widths[c] - padding,
                    TextAlign.Center => x + (widths[c] / 2),
                    _ => x + padding,
                };
                foreach (var line in cells[c])
                {
                    page.Text(lineX, lineY, line, font, alignment);
                    lineY += PdfCanvas.LineHeight(CellNameFont);
                }

                x += widths[c];
            }

            Y += height;
        }

        Y += 6;
    }

    /// <summary>A ruled two-column list of label and value (a value wraps inside its column).</summary>
    internal void Fields(IReadOnlyList<(string Label, string Value)> fields, double labelWidth)
    {
        const double padding = 1.5;
        var valueWidth = Right - Left - labelWidth;
        foreach (var (label, value) in fields)
        {
            var lines = page.Wrap(value, valueWidth - (2 * padding), CellNameFont);
            var height = (lines.Count * PdfCanvas.LineHeight(CellNameFont)) + (2 * padding);
            Space(height);
            page.Box(Left, Y, labelWidth, height);
            page.Box(Left + labelWidth, Y, valueWidth, height);
            page.Text(Left + padding, Y + padding + 0.5, label, CellLabelFont);
            var lineY = Y + padding;
            foreach (var line in lines)
            {
                page.Text(Left + labelWidth + padding, lineY, line, CellNameFont);
                lineY += PdfCanvas.LineHeight(CellNameFont);
            }

            Y += height;
        }

        Y += 6;
    }

    internal void Appeal(DocumentIssuer issuer)
    {
        var lines = page.Wrap(DocumentText.Appeal(issuer), Right - Left - 8, SmallFont);
        var height = (lines.Count * PdfCanvas.LineHeight(SmallFont)) + PdfCanvas.LineHeight(HeadingFont) + 6;
        Y = Math.Max(Y + 4, Bottom - height);
        Space(height);
        page.Box(Left, Y, Right - Left, height);
        page.Text(Left + 3, Y + 2, "教示", HeadingFont);
        var y = Y + 2 + PdfCanvas.LineHeight(HeadingFont);
        foreach (var line in lines)
        {
            page.Text(Left + 4, y, line, SmallFont);
            y += PdfCanvas.LineHeight(SmallFont);
        }

        Y += height;
    }

    /// <summary>Starts a new page when <paramref name="needed"/> millimetres do not fit any more.</summary>
    private void Space(double needed)
    {
        if (Y + needed > Bottom)
        {
            NextPage();
        }
    }

    /// <summary>Starts the next notice of the same PDF on a new page.</summary>
    internal void NextNotice()
    {
        page = book.NewPage();
        Y = Top;
    }

    private void NextPage()
    {
        page = book.NewPage();
        page.Text(Right, Top - 8, ContinuationLabel is { Length: > 0 } label ? $"{Title}（続き）　{label}" : $"{Title}（続き）", SmallFont, TextAlign.Right);
        Y = Top;
    }

    internal RenderedDocument Finish(DocumentKind kind) => book.Finish(kind);

    public int PageCount => book.PageCount;

    public byte[] Save() => book.Save();
}
