namespace FukushiIryo.App.Documents;

/// <summary>A PDF rendered whole in memory and saved once: a chunk of a <see cref="PdfBatch"/>.</summary>
internal interface IPdfChunk : IDisposable
{
    int PageCount { get; }

    /// <summary>Saves the document (once) and returns its bytes.</summary>
    byte[] Save();
}

/// <summary>
/// A batch of documents (a notice per payee, a card per recipient) written into one PDF on a stream
/// whatever its size (ADR 0041): the items are rendered into chunks of about
/// <see cref="PagesPerChunk"/> pages, each a complete PDF that <see cref="PdfConcatenation"/> appends
/// to the output and then lets go. An item is never split between chunks (a notice of two pages
/// stays in one chunk), so the pages and their order are those of one document rendered whole.
/// </summary>
internal static class PdfBatch
{
    /// <summary>Pages after which a chunk is closed (at the end of an item): about 15 MB of PDFsharp's pages in memory.</summary>
    public const int PagesPerChunk = 400;

    /// <summary>
    /// Renders <paramref name="items"/> into <paramref name="output"/>: <paramref name="open"/> starts a
    /// chunk, <paramref name="add"/> renders one item into it (told whether it is the chunk's first).
    /// Returns the PDF's pages.
    /// </summary>
    public static int Write<TChunk, TItem>(
        Stream output, string title, IEnumerable<TItem> items, Func<TChunk> open, Action<TChunk, TItem, bool> add, int pagesPerChunk = PagesPerChunk)
        where TChunk : IPdfChunk
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(pagesPerChunk, 1);
        using var concatenation = new PdfConcatenation(output, title);
        var chunk = default(TChunk);
        try
        {
            foreach (var item in items)
            {
                var first = chunk is null;
                chunk ??= open();
                add(chunk, item, first);
                if (chunk.PageCount >= pagesPerChunk)
                {
                    var bytes = chunk.Save();
                    chunk.Dispose();
                    chunk = default;
                    concatenation.Append(bytes);

                    // The chunk (PDFsharp's pages, its saved and repaired copies: tens of MB) is garbage now.
                    // Collected here, before the next chunk allocates, the peak stays one chunk above what
                    // the caller holds, instead of as much garbage as the GC's budget lets pile up (ADR 0041).
                    GC.Collect();
                }
            }

            if (chunk is not null)
            {
                concatenation.Append(chunk.Save());
            }
        }
        finally
        {
            chunk?.Dispose();
        }

        concatenation.Finish();
        return concatenation.PageCount;
    }

    /// <summary>
    /// The same batch as <see cref="Write"/> as one <see cref="RenderedDocument"/> in memory, for a caller
    /// that hands over bytes: it holds the finished PDF (a few KB a page) but never PDFsharp's pages
    /// of the whole batch (tens of KB a page).
    /// </summary>
    public static RenderedDocument Render<TChunk, TItem>(
        DocumentKind kind, string title, IEnumerable<TItem> items, Func<TChunk> open, Action<TChunk, TItem, bool> add, int pagesPerChunk = PagesPerChunk)
        where TChunk : IPdfChunk
    {
        using var output = new MemoryStream();
        var pages = Write(output, title, items, open, add, pagesPerChunk);
        return new RenderedDocument(kind, title, output.ToArray(), pages);
    }
}
