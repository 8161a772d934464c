using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FukushiIryo.App.Documents;

/// <summary>A chunk that <see cref="PdfConcatenation"/> will not read: not the plain PDF that PDFsharp writes.</summary>
public sealed class PdfConcatenationException(string message) : InvalidOperationException(message);

/// <summary>
/// Joins complete PDFs (the chunks of a batch, each written by PDFsharp through <see cref="PdfBook"/>)
/// into one PDF written straight to a stream, so that a batch of any size holds one chunk in memory
/// (ADR 0041). Each chunk's objects are copied as they are with their numbers moved up (an
/// <c>n 0 R</c> rewritten only outside stream data; stream bytes and /Length kept), its Catalog, page
/// tree root and Info dropped and its pages put under one new page tree; <see cref="Finish"/> writes
/// that tree, the Catalog, the Info (title and creator only, as <see cref="PdfBook"/>: no personal
/// data), the cross-reference table and the trailer. Only what PDFsharp writes is read: one classic
/// cross-reference table and trailer, generation 0, a flat page tree; anything else (a
/// cross-reference stream, an incremental update, encryption, an offset that does not point at its
/// object, a stream whose /Length does not end at <c>endstream</c>) throws <see cref="PdfConcatenationException"/>.
/// </summary>
internal sealed class PdfConcatenation : IDisposable
{
    private const int PagesNumber = 1;
    private const int CatalogNumber = 2;
    private const int InfoNumber = 3;

    private readonly Stream output;
    private readonly string title;
    private readonly List<long> offsets = [0, 0, 0, 0]; // by object number; 0 is the head of the free list, 1–3 are written last
    private readonly List<int> pages = [];
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long position;
    private string? version;
    private bool finished;

    /// <param name="output">Where the PDF goes; written forward only (need not seek), left open.</param>
    /// <param name="title">The document title written into the Info.</param>
    public PdfConcatenation(Stream output, string title)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(title);
        this.output = output;
        this.title = title;
    }

    /// <summary>The pages appended so far.</summary>
    public int PageCount => pages.Count;

    /// <summary>The bytes written so far.</summary>
    public long Length => position;

    /// <summary>Appends the pages of <paramref name="pdf"/>, a complete PDF, after those appended before.</summary>
    /// <exception cref="PdfConcatenationException">The chunk is not a PDF this class reads.</exception>
    public void Append(ReadOnlySpan<byte> pdf)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        var chunk = Chunk.Read(pdf);
        if (version is null)
        {
            version = chunk.Version;
            Write(Ascii($"%PDF-{version}\n"));
            Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']); // a binary file, for transfer programs
        }
        else if (string.CompareOrdinal(chunk.Version, version) > 0)
        {
            throw new PdfConcatenationException($"A chunk of PDF {chunk.Version} follows one of PDF {version}.");
        }

        // New numbers: the kept objects in their order; the dropped root, Catalog and Info to the new ones.
        var numbers = new Dictionary<int, int>(chunk.Objects.Count);
        var next = offsets.Count;
        foreach (var item in chunk.Objects)
        {
            numbers[item.Number] = item.Number == chunk.Pages ? PagesNumber
                : item.Number == chunk.Root ? CatalogNumber
                : item.Number == chunk.Info ? InfoNumber
                : next++;
        }

        foreach (var item in chunk.Objects)
        {
            if (item.Number == chunk.Pages || item.Number == chunk.Root || item.Number == chunk.Info)
            {
                continue;
            }

            var number = numbers[item.Number];
            while (offsets.Count <= number)
            {
                offsets.Add(0);
            }

            offsets[number] = position;
            Write(Ascii(number.ToString(CultureInfo.InvariantCulture) + " 0 obj"));
            var from = item.HeadStart;
            foreach (var reference in item.References)
            {
                Write(pdf[from..reference.Start]);
                Write(Ascii(Renumber(numbers, reference.Number).ToString(CultureInfo.InvariantCulture)));
                from = reference.Start + reference.Length;
            }

            Write(pdf[from..item.End]); // the rest of the head, then the stream data verbatim, endstream, endobj
            Write("\n"u8);
        }

        foreach (var kid in chunk.Kids)
        {
            pages.Add(Renumber(numbers, kid));
        }
    }

    /// <summary>Writes the page tree, Catalog, Info, cross-reference table and trailer; the PDF is then complete.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(finished, this);
        if (pages.Count == 0)
        {
            throw new InvalidOperationException("A PDF needs at least one page.");
        }

        finished = true;
        offsets[PagesNumber] = position;
        var tree = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{PagesNumber} 0 obj\n<< /Type /Pages /Count {pages.Count} /Kids [");
        for (var i = 0; i < pages.Count; i++)
        {
            tree.Append(i % 16 == 0 ? '\n' : ' ').Append(CultureInfo.InvariantCulture, $"{pages[i]} 0 R");
        }

        Write(Ascii(tree.Append("\n] >>\nendobj\n").ToString()));
        offsets[CatalogNumber] = position;
        Write(Ascii($"{CatalogNumber} 0 obj\n<< /Type /Catalog /Pages {PagesNumber} 0 R /PageLayout /SinglePage >>\nendobj\n")); // as PdfBook sets it
        offsets[InfoNumber] = position;
        Write(Ascii($"{InfoNumber} 0 obj\n<< /Title {TextString(title)} /Creator {TextString(PdfBook.Creator)} >>\nendobj\n"));

        var xref = position;
        var table = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count}\n0000000000 65535 f\r\n");
        for (var number = 1; number < offsets.Count; number++)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offsets[number]:D10} 00000 n\r\n");
        }

        Write(Ascii(table.ToString()));
        var id = Convert.ToHexString(hash.GetCurrentHash(), 0, 16); // of everything before the trailer: the same pages give the same ID
        Write(Ascii($"trailer\n<< /Size {offsets.Count} /Root {CatalogNumber} 0 R /Info {InfoNumber} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n"));
    }

    public void Dispose() => hash.Dispose();

    /// <summary>A PDF text string: UTF-16BE with its byte order mark, in hex.</summary>
    private static string TextString(string text) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";

    private static int Renumber(Dictionary<int, int> numbers, int number) =>
        numbers.TryGetValue(number, out var renumbered) ? renumbered
            : throw new PdfConcatenationException($"A reference to object {number}, which the chunk's cross-reference table does not hold.");

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private void Write(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        hash.AppendData(bytes);
        position += bytes.Length;
    }

    /// <summary>An <c>n 0 R</c> in an object's head: where its number is.</summary>
    private readonly record struct Reference(int Start, int Length, int Number);

    /// <summary>
    /// One object of a chunk: its number, where its head starts (after <c>n 0 obj</c>), the references
    /// in the head (never in stream data), and where it ends (after <c>endobj</c>).
    /// </summary>
    private sealed record ChunkObject(int Number, int HeadStart, List<Reference> References, int End, bool IsPage);

    /// <summary>A chunk read: its version, objects in file order, the Catalog, page tree root, Info and the pages.</summary>
    private sealed record Chunk(string Version, List<ChunkObject> Objects, int Root, int Pages, int? Info, List<int> Kids)
    {
        public static Chunk Read(ReadOnlySpan<byte> pdf)
        {
            var version = ReadVersion(pdf);
            var xref = StartXref(pdf);
            var (entries, trailerStart) = XrefTable(pdf, xref);
            var trailer = Lexer.Dictionary(pdf, trailerStart);
            foreach (var refused in new[] { "/Prev", "/XRefStm", "/Encrypt" })
            {
                if (trailer.ContainsKey(refused))
                {
                    throw new PdfConcatenationException($"The chunk's trailer has {refused} (an incremental update, a cross-reference stream or encryption): not read.");
                }
            }

            var root = trailer.TryGetValue("/Root", out var rootValue) && rootValue.Reference is { } r
                ? r : throw new PdfConcatenationException("The chunk's trailer names no /Root.");
            int? info = trailer.TryGetValue("/Info", out var infoValue) ? infoValue.Reference : null;

            entries.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            var objects = new List<ChunkObject>(entries.Count);
            var heads = new Dictionary<int, Dictionary<string, Lexer.Value>>();
            for (var i = 0; i < entries.Count; i++)
            {
                var (number, offset) = entries[i];
                var end = i + 1 < entries.Count ? entries[i + 1].Offset : xref;
                var (item, head) = Lexer.Object(pdf, number, offset, end);
                objects.Add(item);
                if (number == root || head.ContainsKey("/Kids"))
                {
                    heads[number] = head;
                }
            }

            if (!heads.TryGetValue(root, out var catalog) || catalog.GetValueOrDefault("/Type").Name != "/Catalog")
            {
                throw new PdfConcatenationException("The chunk's /Root is not a /Catalog.");
            }

            var pages = catalog.GetValueOrDefault("/Pages").Reference ?? throw new PdfConcatenationException("The chunk's Catalog names no /Pages.");
            if (!heads.TryGetValue(pages, out var tree) || tree.GetValueOrDefault("/Type").Name != "/Pages" || tree.GetValueOrDefault("/Kids").References is not { } kids)
            {
                throw new PdfConcatenationException("The chunk's /Pages is not a page tree with /Kids.");
            }

            var inherited = tree.Keys.Except(["/Type", "/Kids", "/Count", "/Parent"]).ToList();
            if (inherited.Count > 0)
            {
                throw new PdfConcatenationException($"The chunk's page tree has {string.Join(" ", inherited)} (inherited by its pages): not read.");
            }

            var isPage = objects.ToDictionary(o => o.Number, o => o.IsPage);
            if (kids.Count == 0 || kids.Any(k => !isPage.GetValueOrDefault(k)))
            {
                throw new PdfConcatenationException("The chunk's page tree is not one flat list of /Page objects.");
            }

            return new Chunk(version, objects, root, pages, info, kids);
        }

        private static string ReadVersion(ReadOnlySpan<byte> pdf)
        {
            ReadOnlySpan<byte> magic = "%PDF-"u8;
            if (!pdf.StartsWith(magic) || pdf.Length < magic.Length + 3)
            {
                throw new PdfConcatenationException("The chunk does not start with %PDF-.");
            }

            var version = Encoding.ASCII.GetString(pdf.Slice(magic.Length, 3));
            return version is [>= '1' and <= '2', '.', >= '0' and <= '9'] ? version : throw new PdfConcatenationException($"The chunk's PDF version {version} is not read.");
        }

        private static int StartXref(ReadOnlySpan<byte> pdf)
        {
            var tail = pdf[Math.Max(0, pdf.Length - 1024)..];
            var at = tail.LastIndexOf("startxref"u8);
            if (at < 0 || tail[at..].IndexOf("%%EOF"u8) < 0)
            {
                throw new PdfConcatenationException("The chunk does not end with startxref and %%EOF.");
            }

            var position = pdf.Length - tail.Length + at + "startxref".Length;
            var token = Lexer.Next(pdf, ref position);
            if (token.Kind != Lexer.Kind.Integer || token.Integer >= pdf.Length)
            {
                throw new PdfConcatenationException("The chunk's startxref is not an offset in the file.");
            }

            return (int)token.Integer;
        }

        /// <summary>The in-use entries of the classic table at <paramref name="xref"/> and where its trailer's dictionary starts.</summary>
        private static (List<(int Number, int Offset)> Entries, int Trailer) XrefTable(ReadOnlySpan<byte> pdf, int xref)
        {
            var position = xref;
            var keyword = Lexer.Next(pdf, ref position);
            if (!keyword.Is(pdf, "xref"u8))
            {
                throw new PdfConcatenationException("The chunk's startxref does not point at a cross-reference table (a cross-reference stream is not read).");
            }

            var entries = new List<(int, int)>();
            while (true)
            {
                var start = position;
                var first = Lexer.Next(pdf, ref position);
                if (first.Is(pdf, "trailer"u8))
                {
                    return (entries, position);
                }

                var count = Lexer.Next(pdf, ref position);
                if (first.Kind != Lexer.Kind.Integer || count.Kind != Lexer.Kind.Integer)
                {
                    throw new PdfConcatenationException($"The chunk's cross-reference table is broken at byte {start}.");
                }

                while (position < pdf.Length && pdf[position] is (byte)' ' or (byte)'\r' or (byte)'\n')
                {
                    position++;
                }

                for (var i = 0; i < count.Integer; i++, position += 20)
                {
                    if (position + 20 > pdf.Length || pdf[position + 10] != ' ' || pdf[position + 16] != ' '
                        || !long.TryParse(pdf.Slice(position, 10), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                        || !int.TryParse(pdf.Slice(position + 11, 5), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
                    {
                        throw new PdfConcatenationException($"The chunk's cross-reference entry at byte {position} is broken.");
                    }

                    var number = (int)(first.Integer + i);
                    if (pdf[position + 17] == 'n')
                    {
                        if (generation != 0 || offset <= 0 || offset >= xref)
                        {
                            throw new PdfConcatenationException($"The chunk's object {number} has generation {generation} or an offset ({offset}) outside the file.");
                        }

                        entries.Add((number, (int)offset));
                    }
                    else if (pdf[position + 17] != 'f')
                    {
                        throw new PdfConcatenationException($"The chunk's cross-reference entry at byte {position} is neither n nor f.");
                    }
                }
            }
        }
    }

    /// <summary>The little of PDF's syntax needed: tokens, a dictionary's direct values, an object's references.</summary>
    private static class Lexer
    {
        public enum Kind
        {
            End,
            Integer,
            Real,
            Name,
            Keyword,
            String,
            DictionaryOpen,
            DictionaryClose,
            ArrayOpen,
            ArrayClose,
        }

        public readonly record struct Token(Kind Kind, int Start, int Length, long Integer)
        {
            public bool Is(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> keyword) => Kind == Kind.Keyword && pdf.Slice(Start, Length).SequenceEqual(keyword);
        }

        /// <summary>A direct value of a dictionary, as far as it is needed: a name, a reference, an array of references.</summary>
        public readonly record struct Value(string? Name, int? Reference, List<int>? References);

        public static Token Next(ReadOnlySpan<byte> pdf, ref int position)
        {
            while (position < pdf.Length)
            {
                var c = pdf[position];
                if (IsWhite(c))
                {
                    position++;
                }
                else if (c == '%')
                {
                    while (position < pdf.Length && pdf[position] is not ((byte)'\r' or (byte)'\n'))
                    {
                        position++;
                    }
                }
                else
                {
                    break;
                }
            }

            if (position >= pdf.Length)
            {
                return new Token(Kind.End, position, 0, 0);
            }

            var start = position;
            switch (pdf[position])
            {
                case (byte)'(':
                    var depth = 0;
                    for (; position < pdf.Length; position++)
                    {
                        var b = pdf[position];
                        if (b == '\\')
                        {
                            position++;
                        }
                        else if (b == '(')
                        {
                            depth++;
                        }
                        else if (b == ')' && --depth == 0)
                        {
                            position++;
                            return new Token(Kind.String, start, position - start, 0);
                        }
                    }

                    throw new PdfConcatenationException($"A string at byte {start} of the chunk does not end.");
                case (byte)'<' when position + 1 < pdf.Length && pdf[position + 1] == '<':
                    position += 2;
                    return new Token(Kind.DictionaryOpen, start, 2, 0);
                case (byte)'<':
                    var close = pdf[position..].IndexOf((byte)'>');
                    if (close < 0)
                    {
                        throw new PdfConcatenationException($"A hex string at byte {start} of the chunk does not end.");
                    }

                    position += close + 1;
                    return new Token(Kind.String, start, position - start, 0);
                case (byte)'>' when position + 1 < pdf.Length && pdf[position + 1] == '>':
                    position += 2;
                    return new Token(Kind.DictionaryClose, start, 2, 0);
                case (byte)'[':
                    position++;
                    return new Token(Kind.ArrayOpen, start, 1, 0);
                case (byte)']':
                    position++;
                    return new Token(Kind.ArrayClose, start, 1, 0);
                case (byte)'/':
                    position++;
                    while (position < pdf.Length && IsRegular(pdf[position]))
                    {
                        position++;
                    }

                    return new Token(Kind.Name, start, position - start, 0);
                default:
                    while (position < pdf.Length && IsRegular(pdf[position]))
                    {
                        position++;
                    }

                    if (position == start)
                    {
                        throw new PdfConcatenationException($"Unexpected byte 0x{pdf[position]:X2} at byte {start} of the chunk.");
                    }

                    var text = pdf[start..position];
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    {
                        return new Token(Kind.Integer, start, position - start, integer);
                    }

                    return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                        ? new Token(Kind.Real, start, position - start, 0)
                        : new Token(Kind.Keyword, start, position - start, 0);
            }
        }

        /// <summary>The top-level entries of the dictionary that starts at <paramref name="position"/> (names, references and arrays of references only).</summary>
        public static Dictionary<string, Value> Dictionary(ReadOnlySpan<byte> pdf, int position)
        {
            var tokens = new List<Token>();
            var depth = 0;
            do
            {
                var token = Next(pdf, ref position);
                depth += token.Kind switch { Kind.DictionaryOpen or Kind.ArrayOpen => 1, Kind.DictionaryClose or Kind.ArrayClose => -1, _ => 0 };
                if (token.Kind == Kind.End || depth < 0 || (tokens.Count == 0 && token.Kind != Kind.DictionaryOpen))
                {
                    throw new PdfConcatenationException($"A dictionary at byte {position} of the chunk is broken.");
                }

                tokens.Add(token);
            }
            while (depth > 0);

            return Entries(pdf, tokens);
        }

        /// <summary>
        /// The object <paramref name="number"/> at <paramref name="offset"/>, which must end (<c>endobj</c>,
        /// then only white space) before <paramref name="end"/>, and its head's top-level entries.
        /// </summary>
        public static (ChunkObject Item, Dictionary<string, Value> Head) Object(ReadOnlySpan<byte> pdf, int number, int offset, int end)
        {
            var span = pdf[..end];
            var position = offset;
            var n = Next(span, ref position);
            var g = Next(span, ref position);
            var obj = Next(span, ref position);
            if (n.Start != offset || n.Kind != Kind.Integer || n.Integer != number || g.Kind != Kind.Integer || g.Integer != 0 || !obj.Is(span, "obj"u8))
            {
                throw new PdfConcatenationException($"The chunk's cross-reference table puts object {number} at byte {offset}, where it is not.");
            }

            var headStart = position;
            var tokens = new List<Token>();
            var references = new List<Reference>();
            int streamData = -1;
            while (true)
            {
                var token = Next(span, ref position);
                if (token.Kind == Kind.End)
                {
                    throw new PdfConcatenationException($"The chunk's object {number} has no endobj before the next object.");
                }

                if (token.Is(span, "endobj"u8))
                {
                    break;
                }

                if (token.Is(span, "stream"u8))
                {
                    streamData = position + (position < span.Length && span[position] == '\r' ? 2 : 1);
                    break;
                }

                if (token.Is(span, "R"u8) && tokens.Count >= 2 && tokens[^1].Kind == Kind.Integer && tokens[^2].Kind == Kind.Integer)
                {
                    if (tokens[^1].Integer != 0)
                    {
                        throw new PdfConcatenationException($"The chunk's object {number} refers to generation {tokens[^1].Integer}.");
                    }

                    references.Add(new Reference(tokens[^2].Start, tokens[^2].Length, checked((int)tokens[^2].Integer)));
                }

                tokens.Add(token);
            }

            var head = tokens.Count > 0 && tokens[0].Kind == Kind.DictionaryOpen ? Entries(span, tokens) : [];
            if (streamData >= 0)
            {
                if (head.GetValueOrDefault("/Length") is not { Reference: null } || LengthOf(span, tokens) is not { } length
                    || streamData + length > span.Length)
                {
                    throw new PdfConcatenationException($"The chunk's stream object {number} has no direct /Length within the object.");
                }

                position = (int)(streamData + length);
                var token = Next(span, ref position);
                if (!token.Is(span, "endstream"u8) || !Next(span, ref position).Is(span, "endobj"u8))
                {
                    throw new PdfConcatenationException($"The /Length of the chunk's stream object {number} does not end at endstream.");
                }
            }

            var objectEnd = position;
            if (Next(span, ref position).Kind != Kind.End)
            {
                throw new PdfConcatenationException($"The chunk has bytes after object {number} that its cross-reference table does not account for.");
            }

            var isPage = head.GetValueOrDefault("/Type").Name == "/Page";
            return (new ChunkObject(number, headStart, references, objectEnd, isPage), head);
        }

        private static long? LengthOf(ReadOnlySpan<byte> pdf, List<Token> tokens)
        {
            var depth = 0;
            for (var i = 0; i < tokens.Count - 1; i++)
            {
                depth += tokens[i].Kind switch { Kind.DictionaryOpen or Kind.ArrayOpen => 1, Kind.DictionaryClose or Kind.ArrayClose => -1, _ => 0 };
                if (depth == 1 && tokens[i].Kind == Kind.Name && pdf.Slice(tokens[i].Start, tokens[i].Length).SequenceEqual("/Length"u8) && tokens[i + 1].Kind == Kind.Integer)
                {
                    return tokens[i + 1].Integer;
                }
            }

            return null;
        }

        /// <summary>The top-level keys of the dictionary <paramref name="tokens"/> (from its &lt;&lt;), each with its value as far as known.</summary>
        private static Dictionary<string, Value> Entries(ReadOnlySpan<byte> pdf, List<Token> tokens)
        {
            var entries = new Dictionary<string, Value>(StringComparer.Ordinal);
            var i = 1;
            while (i < tokens.Count && tokens[i].Kind != Kind.DictionaryClose)
            {
                if (tokens[i].Kind != Kind.Name)
                {
                    throw new PdfConcatenationException($"A dictionary key at byte {tokens[i].Start} of the chunk is not a name.");
                }

                var key = Encoding.ASCII.GetString(pdf.Slice(tokens[i].Start, tokens[i].Length));
                i++;
                var value = tokens[i];
                if (value.Kind == Kind.Integer && i + 2 < tokens.Count && tokens[i + 1].Kind == Kind.Integer && tokens[i + 2].Is(pdf, "R"u8))
                {
                    entries[key] = new Value(null, checked((int)value.Integer), null);
                    i += 3;
                }
                else if (value.Kind is Kind.DictionaryOpen or Kind.ArrayOpen)
                {
                    var references = new List<int>();
                    var depth = 0;
                    do
                    {
                        depth += tokens[i].Kind switch { Kind.DictionaryOpen or Kind.ArrayOpen => 1, Kind.DictionaryClose or Kind.ArrayClose => -1, _ => 0 };
                        if (tokens[i].Is(pdf, "R"u8))
                        {
                            references.Add(checked((int)tokens[i - 2].Integer));
                        }

                        i++;
                    }
                    while (depth > 0 && i < tokens.Count);

                    entries[key] = new Value(null, null, value.Kind == Kind.ArrayOpen ? references : null);
                }
                else
                {
                    entries[key] = new Value(value.Kind == Kind.Name ? Encoding.ASCII.GetString(pdf.Slice(value.Start, value.Length)) : null, null, null);
                    i++;
                }
            }

            return entries;
        }

        private static bool IsWhite(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

        private static bool IsRegular(byte c) => !IsWhite(c) && c is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');
    }
}
