using System.Text;
using System.Text.RegularExpressions;
using FukushiIryo.App.Documents;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Text;
using PdfSharp.Pdf.IO;
using UglyToad.PdfPig;

namespace FukushiIryo.App.Tests.Documents;

/// <summary>
/// A batch written in chunks (<see cref="PdfBatch"/>, <see cref="PdfConcatenation"/>, ADR 0041) is the
/// document rendered whole, page by page: the same text on each page (read back with PdfPig and
/// poppler), 𠮷 through ToUnicode in any chunk, the same pages in the same order, readable by PDFsharp,
/// and only the title and creator in the Info. What the concatenation does not read is refused.
/// </summary>
public sealed partial class PdfConcatenationTests
{
    private static readonly PaymentNoticeInput Notices = new(
        new YearMonth(2026, 11),
        new DateOnly(2026, 12, 1),
        new DateOnly(2026, 12, 10),
        [
            Payee("1000033", new Addressee("奈良　次郎", "6300001", "奈良県奈良市北魚屋東町1番地"), 1),
            Payee("1000041", new Addressee("奈良　三郎", "6300002", "奈良県奈良市東向中町2番地"), 30), // two pages
            Payee(DocumentBuilderTests.RecipientNumber, DocumentBuilderTests.To, 2),                  // 𠮷田　花子
            Payee("1000058", new Addressee("奈良　四郎", "6300003", "奈良県奈良市橋本町3番地"), 3),
            Payee("1000066", new Addressee("奈良　五郎", "6300004", "奈良県奈良市餅飯殿町4番地"), 30), // two pages
            Payee("1000074", new Addressee("奈良　六郎", "6300005", "奈良県奈良市小西町5番地"), 1),
        ]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(400)]
    public void Notices_written_in_chunks_are_the_document_rendered_whole_page_by_page(int pagesPerChunk)
    {
        var whole = DocumentRenderer.Render(Notices).Pdf;
        var chunked = Write(Notices, pagesPerChunk);

        var expected = PageTexts(whole);
        var actual = PageTexts(chunked);
        Assert.Equal(8, expected.Count); // 1 + 2 + 1 + 1 + 2 + 1: two payees span two pages each
        Assert.Equal(expected, actual);
        Assert.Contains("支給決定通知書（続き）受給者番号1000041奈良三郎様", actual[2], StringComparison.Ordinal); // the second page of a two-page notice
        Assert.Equal(
            ["1000033", "1000041", "1000041", "1000017", "1000058", "1000066", "1000066", "1000074"],
            actual.Select(p => RecipientNumber().Match(p).Groups[1].Value).ToArray());
    }

    [Fact]
    public void A_character_outside_the_bmp_survives_in_a_later_chunk_for_pdfpig_and_poppler()
    {
        var chunked = Write(Notices, pagesPerChunk: 1); // 𠮷田　花子 is the fourth page, in the third chunk

        Assert.Contains("𠮷田花子様", PageTexts(chunked)[3], StringComparison.Ordinal);
        Assert.Contains("𠮷田花子様", Poppler.Compact(Poppler.Text(chunked, 4, 4)), StringComparison.Ordinal);
        Assert.DoesNotContain("𠮷", Poppler.Compact(Poppler.Text(chunked, 1, 3)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_opens_in_pdfsharp_and_poppler_and_holds_only_the_title_and_creator()
    {
        var chunked = Write(Notices, pagesPerChunk: 2);
        File.WriteAllBytes(Path.Combine(Poppler.ArtifactsDirectory, "doc-13-payment-notices-chunked.pdf"), chunked);
        Poppler.Png(chunked, Path.Combine(Poppler.ArtifactsDirectory, "doc-13-payment-notices-chunked.png"));

        using (var stream = new MemoryStream(chunked))
        using (var opened = PdfReader.Open(stream, PdfDocumentOpenMode.Import))
        {
            Assert.Equal(8, opened.PageCount);
        }

        using var document = PdfDocument.Open(chunked);
        Assert.Equal(8, document.NumberOfPages);
        Assert.Equal(
            new[] { ("Creator", PdfBook.Creator), ("Title", PaymentNoticePdf.Title) },
            document.Information.DocumentInformationDictionary!.Data.Select(e => (e.Key, Text(e.Value))).OrderBy(e => e.Key, StringComparer.Ordinal).ToArray());
        var info = Poppler.Info(chunked);
        Assert.Contains("Pages:           8", info, StringComparison.Ordinal);
        Assert.Contains("Title:           支給決定通知書", info, StringComparison.Ordinal);
        Assert.DoesNotContain("Producer", info, StringComparison.Ordinal);
        Assert.DoesNotContain("Syntax Error", info, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdfsharp_writes_one_classic_cross_reference_table_and_trailer()
    {
        // What the concatenation relies on: if PDFsharp ever writes an xref stream or object streams, this fails first.
        var pdf = DocumentRenderer.Render(Notices).Pdf;
        var text = Encoding.Latin1.GetString(pdf);
        var startxref = int.Parse(Regex.Match(text, @"startxref\s+(\d+)\s+%%EOF\s*$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.StartsWith("xref", text[startxref..], StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(text, @"\bstartxref\b"));
        Assert.DoesNotContain("/XRef", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/ObjStm", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/Prev", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunks_appended_by_hand_keep_their_order_and_count()
    {
        var first = DocumentRenderer.Render(Notices with { Payees = [Notices.Payees[0]] }).Pdf;
        var second = DocumentRenderer.Render(Notices with { Payees = [Notices.Payees[1], Notices.Payees[3]] }).Pdf;
        using var output = new MemoryStream();
        using (var concatenation = new PdfConcatenation(output, "試験"))
        {
            concatenation.Append(second);
            concatenation.Append(first);
            concatenation.Append(second);
            Assert.Equal(7, concatenation.PageCount);
            concatenation.Finish();
            Assert.Equal(output.Length, concatenation.Length);
        }

        Assert.Equal(
            ["1000041", "1000041", "1000058", "1000033", "1000041", "1000041", "1000058"],
            PageTexts(output.ToArray()).Select(p => RecipientNumber().Match(p).Groups[1].Value).ToArray());
    }

    [Fact]
    public void What_the_concatenation_does_not_read_is_refused_with_a_clear_exception()
    {
        var pdf = DocumentRenderer.Render(Notices with { Payees = [Notices.Payees[0]] }).Pdf;
        var text = Encoding.Latin1.GetString(pdf);

        // An offset in the table that does not point at its object.
        var entry = Regex.Match(text, @"(\d{10}) 00000 n", RegexOptions.RightToLeft);
        var shifted = text.Remove(entry.Index, 10).Insert(entry.Index, (long.Parse(entry.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString("D10", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches("(where it is not|bytes after object)", Refused(shifted)); // the object before it would hold a stray byte

        // startxref pointing at an object (a cross-reference stream) rather than at "xref".
        var firstObject = Regex.Match(text, @"\n(\d+ 0 obj)").Index + 1;
        var xrefStream = Regex.Replace(text, @"startxref\s+\d+", "startxref\n" + firstObject);
        Assert.Contains("cross-reference stream", Refused(xrefStream), StringComparison.Ordinal);

        // An incremental update: the trailer names the previous table.
        Assert.Contains("/Prev", Refused(text.Replace("trailer\n<<", "trailer\n<< /Prev 9", StringComparison.Ordinal)), StringComparison.Ordinal);

        // A stream whose /Length does not end at endstream.
        var length = Regex.Match(text, @"/Length (\d+)");
        var longer = text.Remove(length.Groups[1].Index, length.Groups[1].Length).Insert(length.Groups[1].Index, (int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 3).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(length.Groups[1].Length, '0'));
        Assert.Matches("(/Length|where it is not|bytes after)", Refused(longer));

        // Not a PDF at all.
        Assert.Contains("%PDF-", Refused("<html></html>"), StringComparison.Ordinal);

        // And nothing to finish.
        using var empty = new PdfConcatenation(new MemoryStream(), "試験");
        Assert.Throws<InvalidOperationException>(empty.Finish);
    }

    [Fact]
    public void Batch_certificates_and_loss_notices_in_chunks_are_the_same_pages_as_in_one_chunk()
    {
        CertificateInput Card(string number, string name) => DocumentBuilderTests.Certificate() with { RecipientNumber = number, Name = name };
        var cards = new CertificateBatchInput([Card("1000033", "奈良　次郎"), Card(DocumentBuilderTests.RecipientNumber, DocumentBuilderTests.Child), Card("1000041", "奈良　三郎")]);
        var one = CertificatePdf.RenderMany(cards);
        var three = CertificatePdf.RenderMany(cards, pagesPerChunk: 1);
        Assert.Equal((3, "受給資格証"), (three.PageCount, three.Title));
        Assert.Equal(PageTexts(one.Pdf), PageTexts(three.Pdf));
        Assert.Contains("𠮷田さくら", PageTexts(three.Pdf)[1], StringComparison.Ordinal);

        LossNoticeInput Loss(string number, Addressee to) =>
            new(to, new DateOnly(2027, 4, 5), [new LostRecipient(to.Name, number, new DateOnly(2027, 3, 15), LossReason.Marriage)]);
        var losses = new LossNoticeBatchInput([Loss("1000033", Notices.Payees[0].To), Loss("1000017", DocumentBuilderTests.To), Loss("1000041", Notices.Payees[1].To)]);
        var whole = NoticePdf.LossMany(losses);
        var chunked = NoticePdf.LossMany(losses, pagesPerChunk: 1);
        Assert.Equal((3, "受給資格喪失通知書"), (chunked.PageCount, chunked.Title));
        Assert.Equal(PageTexts(whole.Pdf), PageTexts(chunked.Pdf));
        Assert.Contains("Title:           受給資格喪失通知書", Poppler.Info(chunked.Pdf), StringComparison.Ordinal);
    }

    private static string Refused(string latin1)
    {
        using var concatenation = new PdfConcatenation(new MemoryStream(), "試験");
        return Assert.Throws<PdfConcatenationException>(() => concatenation.Append(Encoding.Latin1.GetBytes(latin1))).Message;
    }

    private static byte[] Write(PaymentNoticeInput input, int pagesPerChunk)
    {
        using var output = new MemoryStream();
        var pages = PaymentNoticePdf.Write(input, output, pagesPerChunk);
        Assert.Equal(8, pages);
        return output.ToArray();
    }

    private static PaymentNoticePayee Payee(string number, Addressee to, int claims) => new(
        to,
        number,
        new PaymentNoticeAccount("南都銀行", "奈良市役所出張所", AccountType.Ordinary, "1234567", "ﾅﾗ ﾀﾛｳ"),
        [.. Enumerable.Range(1, claims).Select(i => new PaymentNoticeClaim(to.Name, new YearMonth(2026, 10), $"医療機関{i:D2}", 10_000, 500, 1_000 + i))]);

    /// <summary>Each page's text with all white space removed (PdfPig reads the glyphs back through ToUnicode).</summary>
    private static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => new string([.. p.Text.Where(c => !char.IsWhiteSpace(c))]))];
    }

    private static string Text(UglyToad.PdfPig.Tokens.IToken token) => token switch
    {
        UglyToad.PdfPig.Tokens.StringToken s => s.Data,
        UglyToad.PdfPig.Tokens.HexToken h => h.Data,
        _ => token.ToString() ?? string.Empty,
    };

    [GeneratedRegex("受給者番号(\\d{7})")]
    private static partial Regex RecipientNumber();
}
