using System.Globalization;
using System.IO.Compression;
using System.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.Formats.Reference;

/// <summary>
/// A reference data file as an operator hands it over: a plain CSV file, or a zip holding one or
/// more (only its <c>.csv</c> entries are read). Each CSV is a <see cref="ReferenceTable"/> whose
/// kind and encoding are recognised from its first bytes:
/// <list type="bullet">
/// <item>a header with a <c>bank_code</c> column → zengin-code <c>banks.csv</c>, or
/// <c>branches.csv</c> when the header also has <c>branch_code</c>;</item>
/// <item>15 columns with a 7-digit third column → KEN_ALL.CSV / utf_ken_all.csv;</item>
/// <item>13 columns with a 7-digit eighth column → JIGYOSYO.CSV.</item>
/// </list>
/// The encoding is UTF-8 (a BOM allowed) when the first megabyte decodes as UTF-8, else CP932.
/// </summary>
public sealed class ReferenceSource : IDisposable
{
    private const int SniffBytes = 1 << 20;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly ZipArchive? zip;

    private ReferenceSource(string name, Stream stream, bool leaveOpen)
    {
        Name = name;
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        var tables = new List<ReferenceTable>();
        if (IsZip(stream))
        {
            try
            {
                zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException exception)
            {
                throw new ReferenceDataException(new ReferenceDataError(name, 0, null, string.Empty, "zip ファイルが壊れています: " + exception.Message));
            }

            foreach (var entry in zip.Entries
                .Where(entry => entry.Name.Length > 0
                    && entry.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                    && !entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                .OrderBy(entry => entry.FullName, StringComparer.Ordinal))
            {
                tables.Add(Recognise(entry.FullName, entry.Open, entry.LastWriteTime));
            }

            if (tables.Count == 0)
            {
                throw new ReferenceDataException(new ReferenceDataError(name, 0, null, string.Empty, "zip ファイルに CSV ファイルがありません"));
            }
        }
        else
        {
            tables.Add(Recognise(name, () => new NonClosingStream(Rewind(stream)), null));
        }

        Tables = tables;
    }

    /// <summary>The file's name (without folders).</summary>
    public string Name { get; }

    /// <summary>The CSV tables found, zip entries in name order.</summary>
    public IReadOnlyList<ReferenceTable> Tables { get; }

    /// <summary>Opens the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ReferenceDataException">The file is not a recognised reference file.</exception>
    public static ReferenceSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return new ReferenceSource(Path.GetFileName(path), file, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads a seekable stream (an embedded resource, a test's memory stream) named <paramref name="name"/>.</summary>
    public static ReferenceSource Open(Stream stream, string name, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("A reference file is read from a seekable stream.", nameof(stream));
        }

        return new ReferenceSource(name, stream, leaveOpen);
    }

    public void Dispose()
    {
        zip?.Dispose();
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private static bool IsZip(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        Rewind(stream);
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        Rewind(stream);
        return read == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] is 3 or 5 && magic[3] is 4 or 6;
    }

    private static Stream Rewind(Stream stream)
    {
        stream.Position = 0;
        return stream;
    }

    private static ReferenceTable Recognise(string name, Func<Stream> open, DateTimeOffset? lastWriteTime)
    {
        byte[] head;
        int length;
        using (var content = open())
        {
            head = new byte[SniffBytes];
            length = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var encoding = LooksLikeUtf8(head.AsSpan(0, length)) ? InputEncoding.StrictUtf8 : InputEncoding.StrictCp932;
        string firstLine;
        try
        {
            using var reader = new StreamReader(new MemoryStream(head, 0, length), encoding, detectEncodingFromByteOrderMarks: false);
            firstLine = (reader.ReadLine() ?? string.Empty).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ReferenceDataException(new ReferenceDataError(name, 1, null, string.Empty, "文字コードが UTF-8 でも CP932 でもありません"));
        }

        var fields = new CsvRecordReader(new StringReader(firstLine)).TryRead(out var record) ? record.ToList() : [];
        ReferenceDataKind? kind = fields switch
        {
            _ when fields.Any(field => field.Trim() == "bank_code") => fields.Any(field => field.Trim() == "branch_code")
                ? ReferenceDataKind.Branches
                : ReferenceDataKind.Banks,
            { Count: 15 } when IsDigits(fields[2], 7) => ReferenceDataKind.PostalAddresses,
            { Count: 13 } when IsDigits(fields[7], 7) => ReferenceDataKind.LargeOffices,
            _ => null,
        };
        if (kind is null)
        {
            throw new ReferenceDataException(new ReferenceDataError(name, 1, null, Shorten(firstLine),
                "ファイルの種類を判別できません（zengin-code の banks.csv / branches.csv、日本郵便の KEN_ALL.CSV / utf_ken_all.csv / JIGYOSYO.CSV のいずれでもありません）"));
        }

        return new ReferenceTable(name, kind.Value, encoding, open, lastWriteTime);
    }

    /// <summary>Whether the bytes are valid UTF-8, allowing a sequence cut at the end.</summary>
    private static bool LooksLikeUtf8(ReadOnlySpan<byte> bytes)
    {
        var decoder = InputEncoding.StrictUtf8.GetDecoder();
        var chars = new char[InputEncoding.StrictUtf8.GetMaxCharCount(bytes.Length)];
        try
        {
            decoder.GetChars(bytes, chars, flush: false);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    internal static bool IsDigits(string value, int length) =>
        value.Length == length && value.All(char.IsAsciiDigit);

    private static string Shorten(string text) =>
        text.Length <= 60 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..60]}…");

    /// <summary>A view of the plain file's stream that leaves it open when a reader is disposed.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>One CSV of a <see cref="ReferenceSource"/>: its kind, its encoding, and its text.</summary>
public sealed class ReferenceTable
{
    private readonly Func<Stream> open;

    internal ReferenceTable(string name, ReferenceDataKind kind, Encoding encoding, Func<Stream> open, DateTimeOffset? lastWriteTime)
    {
        Name = name;
        Kind = kind;
        Encoding = encoding;
        this.open = open;
        LastWriteTime = lastWriteTime;
    }

    /// <summary>The file name, or the entry's path inside the zip.</summary>
    public string Name { get; }

    public ReferenceDataKind Kind { get; }

    /// <summary>UTF-8 or CP932, both strict (a byte sequence that does not decode throws <see cref="DecoderFallbackException"/>); a UTF-8 BOM is skipped by the readers.</summary>
    public Encoding Encoding { get; }

    /// <summary>The zip entry's time stamp (the data's date as Japan Post writes it), or null for a plain file.</summary>
    public DateTimeOffset? LastWriteTime { get; }

    /// <summary>Opens the text from its start. Read one table at a time; dispose the reader before the next.</summary>
    public TextReader OpenText() =>
        new StreamReader(open(), Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
}
