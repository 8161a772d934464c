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
        ArgumentNullException.ThrowIfNull(items);
        using var writer = new PdfBatchWriter<TChunk, TItem>(output, title, open, add, pagesPerChunk);
        foreach (var item in items)
        {
            writer.Add(item);
        }

        return writer.Finish();
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

/// <summary>
/// The writer behind <see cref="PdfBatch.Write"/>, for a caller that produces its items between awaits (the
/// payment export reads its payees page by page from the database): <see cref="Add"/> renders an item
/// into the current chunk and appends the chunk once it reaches the chunk size; <see cref="Finish"/>
/// appends the last chunk and closes the PDF. Disposed unfinished, it lets its chunk go and the output
/// holds a partial PDF (the caller's all-or-nothing file throws it away).
/// </summary>
internal sealed class PdfBatchWriter<TChunk, TItem> : IDisposable
    where TChunk : IPdfChunk
{
    private readonly PdfConcatenation concatenation;
    private readonly Func<TChunk> open;
    private readonly Action<TChunk, TItem, bool> add;
    private readonly int pagesPerChunk;
    private readonly PdfBatchCollector collector = new();
    private TChunk? chunk;
    private bool finished;

    public PdfBatchWriter(Stream output, string title, Func<TChunk> open, Action<TChunk, TItem, bool> add, int pagesPerChunk = PdfBatch.PagesPerChunk)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(add);
        ArgumentOutOfRangeException.ThrowIfLessThan(pagesPerChunk, 1);
        concatenation = new PdfConcatenation(output, title);
        this.open = open;
        this.add = add;
        this.pagesPerChunk = pagesPerChunk;
    }

    /// <summary>Renders <paramref name="item"/> after the ones before it.</summary>
    public void Add(TItem item)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        var first = chunk is null;
        chunk ??= open();
        add(chunk, item, first);
        if (chunk.PageCount >= pagesPerChunk)
        {
            var bytes = chunk.Save();
            chunk.Dispose();
            chunk = default;
            concatenation.Append(bytes);
            collector.ChunkDone();
        }
    }

    /// <summary>Appends the last chunk and writes the PDF's end; returns its pages.</summary>
    public int Finish()
    {
        ObjectDisposedException.ThrowIf(finished, this);
        finished = true;
        if (chunk is not null)
        {
            var bytes = chunk.Save();
            chunk.Dispose();
            chunk = default;
            concatenation.Append(bytes);
        }

        concatenation.Finish();
        return concatenation.PageCount;
    }

    public void Dispose()
    {
        finished = true;
        chunk?.Dispose();
        chunk = default;
        concatenation.Dispose();
    }
}

/// <summary>
/// When a batch collects its garbage (ADR 0041, amended in session 8). A finished chunk (PDFsharp's pages,
/// the saved and repaired copies) is tens of MB of garbage that has lived long enough to be promoted, so
/// the GC would let it pile up to its budget; a full collection at the end of a chunk keeps the peak one
/// chunk above the live heap. Each full collection marks the whole live heap: with the run's content
/// live (before session 8) that cost +25 % CPU at 40,000 payees; with the export streamed the live heap
/// is small and a collection per chunk costs nothing measurable (10,077 payees, side by side: 133.3 s CPU
/// collecting after every chunk, 133.0 s after 64 MB of growth, 132.2 s for session 7's export; peak
/// 249, 294 and 285 MB). So <see cref="GrowthBeforeCollection"/> is 0: every chunk collects, as before.
/// </summary>
internal sealed class PdfBatchCollector
{
    /// <summary>Growth of the managed heap (live and garbage) since the last collection after which a chunk's end collects; 0 = every chunk.</summary>
    public const long GrowthBeforeCollection = 0;

    private readonly Func<long> heap;
    private readonly Action collect;
    private readonly long growth;
    private long after;

    /// <param name="heap">The managed heap's size (a test's stand-in; default <see cref="GC.GetTotalMemory"/> without collecting).</param>
    /// <param name="collect">A full collection (a test's stand-in; default <see cref="GC.Collect()"/>).</param>
    /// <param name="growth">Bytes of growth before a collection (default <see cref="GrowthBeforeCollection"/>).</param>
    public PdfBatchCollector(Func<long>? heap = null, Action? collect = null, long growth = GrowthBeforeCollection)
    {
        this.growth = growth;
        this.heap = heap ?? (() => GC.GetTotalMemory(forceFullCollection: false));
        this.collect = collect ?? GC.Collect;
        after = this.heap();
    }

    /// <summary>Collections made.</summary>
    public int Collections { get; private set; }

    /// <summary>Called at the end of each chunk: collects when the heap has grown enough since the last collection.</summary>
    public void ChunkDone()
    {
        if (growth > 0 && heap() - after < growth)
        {
            return;
        }

        collect();
        Collections++;
        after = heap();
    }
}
