using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace FukushiIryo.App.Documents;

/// <summary>A font of a document: family (one of <see cref="DocumentFonts"/>), size in points, bold.</summary>
internal sealed class DocumentFont(string family, double size, bool bold = false)
{
    private XFont? font;
    private DocumentFont? fallback;

    public string Family { get; } = family;

    public double Size { get; } = size;

    public bool Bold { get; } = bold;

    public XFont XFont => font ??= new XFont(
        Family,
        Size,
        Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
        new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset));

    /// <summary>The same size in <see cref="DocumentFonts.Registry"/>, for the characters this font lacks.</summary>
    public DocumentFont Fallback => Family == DocumentFonts.Registry ? this : fallback ??= new DocumentFont(DocumentFonts.Registry, Size, Bold);
}

/// <summary>Horizontal alignment of a text at its x.</summary>
internal enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// A PDF being written: A4 pages, the document information (title and creator only: no personal
/// data in the metadata), and the bytes at the end.
/// </summary>
internal sealed class PdfBook : IPdfChunk
{
    /// <summary>The creator written into every document's information.</summary>
    public const string Creator = "福祉医療費助成システム (FukushiIryo)";

    private readonly PdfDocument document = new();
    private PdfCanvas? current;

    public PdfBook(string title)
    {
        DocumentFonts.EnsureRegistered();
        Title = title;
        document.Info.Title = title;
        document.Info.Creator = Creator;
        document.PageLayout = PdfPageLayout.SinglePage;
    }

    public string Title { get; }

    public int PageCount => document.PageCount;

    /// <summary>Whether any text drawn holds a character outside the BMP (𠮷): its ToUnicode entry needs <see cref="ToUnicodeRepair"/>.</summary>
    public bool HasSupplementaryCharacters { get; set; }

    /// <summary>Adds an A4 page (portrait unless <paramref name="landscape"/>) and returns its canvas.</summary>
    public PdfCanvas NewPage(bool landscape = false)
    {
        current?.Dispose();
        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = landscape ? PageOrientation.Landscape : PageOrientation.Portrait;
        current = new PdfCanvas(this, XGraphics.FromPdfPage(page), page.Width.Millimeter, page.Height.Millimeter);
        return current;
    }

    /// <summary>Saves the document (once) and returns it with its title and page count.</summary>
    public RenderedDocument Finish(DocumentKind kind)
    {
        var pages = document.PageCount;
        return new RenderedDocument(kind, Title, Save(), pages);
    }

    /// <summary>Saves the document (once) and returns its bytes, the ToUnicode CMaps repaired when needed.</summary>
    public byte[] Save()
    {
        current?.Dispose();
        current = null;
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        var bytes = stream.ToArray();
        return HasSupplementaryCharacters ? ToUnicodeRepair.Apply(bytes) : bytes;
    }

    public void Dispose()
    {
        current?.Dispose();
        document.Dispose();
    }
}

/// <summary>
/// A small layout helper over PDFsharp's <see cref="XGraphics"/>: positions in millimetres from the
/// top-left corner, text placed by its top edge, lines and boxes, and Japanese line wrapping that
/// never splits a character (surrogate pairs such as 𠮷 stay whole) and keeps 。、） off a line start.
/// </summary>
internal sealed class PdfCanvas : IDisposable
{
    private const double PointsPerMillimetre = 72 / 25.4;
    private const string NoLineStart = "。、，．）」』】〕・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ：；？！";

    private readonly PdfBook book;
    private readonly XGraphics graphics;

    public PdfCanvas(PdfBook book, XGraphics graphics, double widthMm, double heightMm)
    {
        this.book = book;
        this.graphics = graphics;
        Width = widthMm;
        Height = heightMm;
    }

    /// <summary>Page width in millimetres.</summary>
    public double Width { get; }

    /// <summary>Page height in millimetres.</summary>
    public double Height { get; }

    /// <summary>The width of <paramref name="text"/> in millimetres.</summary>
    public double Measure(string text, DocumentFont font) =>
        Runs(text, font).Sum(run => graphics.MeasureString(run.Text, run.Font.XFont).Width) / PointsPerMillimetre;

    /// <summary>The height of one line of <paramref name="font"/> in millimetres.</summary>
    public static double LineHeight(DocumentFont font) => font.Size * 1.45 / PointsPerMillimetre;

    /// <summary>Draws one line of text whose top is at <paramref name="y"/>.</summary>
    public void Text(double x, double y, string text, DocumentFont font, TextAlign align = TextAlign.Left)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (text.Any(char.IsSurrogate))
        {
            book.HasSupplementaryCharacters = true;
        }

        var left = align switch
        {
            TextAlign.Center => x - (Measure(text, font) / 2),
            TextAlign.Right => x - Measure(text, font),
            _ => x,
        };
        foreach (var run in Runs(text, font))
        {
            graphics.DrawString(run.Text, run.Font.XFont, XBrushes.Black, Pt(left), Pt(y), XStringFormats.TopLeft);
            left += graphics.MeasureString(run.Text, run.Font.XFont).Width / PointsPerMillimetre;
        }
    }

    /// <summary>
    /// <paramref name="text"/> cut into runs of one font: a character that <paramref name="font"/> has
    /// no glyph for (𠮷 in IPAex) falls back to <see cref="DocumentFonts.Registry"/> at the same size.
    /// </summary>
    private static List<(string Text, DocumentFont Font)> Runs(string text, DocumentFont font)
    {
        var runs = new List<(string Text, DocumentFont Font)>();
        if (string.IsNullOrEmpty(text))
        {
            return runs;
        }

        var fallback = font.Fallback;
        var builder = new System.Text.StringBuilder();
        DocumentFont? currentFont = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var chosen = ReferenceEquals(fallback, font) || rune.Value < 0x80 || GlyphHelper.GlyphIndexFromCodePoint(rune.Value, font.XFont) != 0 ? font : fallback;
            if (currentFont is not null && !ReferenceEquals(chosen, currentFont))
            {
                runs.Add((builder.ToString(), currentFont));
                builder.Clear();
            }

            currentFont = chosen;
            builder.Append(rune.ToString());
        }

        runs.Add((builder.ToString(), currentFont!));
        return runs;
    }

    /// <summary>Draws text wrapped to <paramref name="width"/>; returns the y below its last line.</summary>
    public double Paragraph(double x, double y, double width, string text, DocumentFont font, double? lineHeight = null)
    {
        var step = lineHeight ?? LineHeight(font);
        foreach (var line in Wrap(text, width, font))
        {
            Text(x, y, line, font);
            y += step;
        }

        return y;
    }

    /// <summary>The lines <paramref name="text"/> takes at <paramref name="width"/> (explicit newlines kept).</summary>
    public IReadOnlyList<string> Wrap(string text, double width, DocumentFont font)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var elements = TextElements(paragraph);
            var line = new System.Text.StringBuilder();
            for (var i = 0; i < elements.Count; i++)
            {
                var element = elements[i];
                var candidate = line + element;
                var hangs = NoLineStart.Contains(element, StringComparison.Ordinal);
                if (line.Length > 0 && !hangs && Measure(candidate, font) > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                line.Append(element);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    public void Line(double x1, double y1, double x2, double y2, double widthPt = 0.5, bool dashed = false)
    {
        var pen = new XPen(XColors.Black, widthPt);
        if (dashed)
        {
            pen.DashStyle = XDashStyle.Dash;
        }

        graphics.DrawLine(pen, Pt(x1), Pt(y1), Pt(x2), Pt(y2));
    }

    public void Box(double x, double y, double width, double height, double widthPt = 0.5) =>
        graphics.DrawRectangle(new XPen(XColors.Black, widthPt), Pt(x), Pt(y), Pt(width), Pt(height));

    /// <summary>Draws <paramref name="text"/> in a box with a border (a stamp such as 再交付).</summary>
    public void Stamp(double x, double y, string text, DocumentFont font)
    {
        var width = Measure(text, font) + 3;
        var height = LineHeight(font);
        Box(x, y, width, height, 1);
        Text(x + 1.5, y + ((height - (font.Size / PointsPerMillimetre)) / 2), text, font);
    }

    /// <summary>Corner marks (トンボ) around a card to be cut out.</summary>
    public void CutMarks(double x, double y, double width, double height, double length = 5)
    {
        foreach (var (cx, cy, dx, dy) in new[] { (x, y, -1, -1), (x + width, y, 1, -1), (x, y + height, -1, 1), (x + width, y + height, 1, 1) })
        {
            Line(cx, cy, cx + (dx * length), cy, 0.3);
            Line(cx, cy, cx, cy + (dy * length), 0.3);
        }
    }

    public void Dispose() => graphics.Dispose();

    private static double Pt(double millimetres) => millimetres * PointsPerMillimetre;

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }
}
