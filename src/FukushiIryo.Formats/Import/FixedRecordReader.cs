namespace FukushiIryo.Formats.Import;

/// <summary>One fixed-width record as cut by <see cref="FixedRecordReader"/>.</summary>
internal sealed class FixedRow(long line, ArraySegment<byte> bytes)
{
    /// <summary>The physical line (or, when records are cut every recordLength bytes, the record number).</summary>
    public long Line { get; } = line;

    /// <summary>The record's bytes without its line end; valid until the next read.</summary>
    public ArraySegment<byte> Bytes { get; } = bytes;

    /// <summary>Why the record cannot be used (Japanese), or <c>null</c>.</summary>
    public string? Problem { get; init; }

    /// <summary>The reader cannot go on after this record.</summary>
    public bool Fatal { get; init; }
}

/// <summary>
/// Cuts a fixed-width file into records of bytes, streaming: at each line end (LF or CRLF; blank
/// lines are skipped), or every <c>recordLength</c> bytes when the layout gives one (line ends
/// between such records are allowed and skipped). A single EOF byte (0x1A) at the very end of the
/// file, as some host extracts write, is not a record.
/// </summary>
/// <remarks>
/// Cutting on the bytes 0x0A/0x0D is safe in UTF-8 and CP932: neither encoding uses them inside a
/// multi-byte character (CP932 trail bytes are 0x40–0xFC).
/// </remarks>
internal sealed class FixedRecordReader
{
    /// <summary>The longest line accepted when records end at line ends (1 MiB).</summary>
    internal const int MaxRecordBytes = 1 << 20;

    private const byte Lf = 0x0A;
    private const byte Cr = 0x0D;
    private const byte DosEof = 0x1A;

    private readonly Stream _stream;
    private readonly int? _recordLength;
    private readonly byte[] _buffer = new byte[1 << 16];
    private byte[] _record;
    private int _pos;
    private int _len;
    private bool _eof;
    private bool _stopped;
    private long _line = 1;

    public FixedRecordReader(Stream stream, int? recordLength)
    {
        _stream = stream;
        _recordLength = recordLength;
        _record = new byte[recordLength ?? 512];
    }

    /// <summary>Reads the next record; <c>null</c> at the end of the file.</summary>
    public FixedRow? Read() => _stopped ? null : _recordLength is { } length ? ReadCounted(length) : ReadLine();

    private FixedRow? ReadLine()
    {
        while (true)
        {
            int b = Peek(0);
            if (b < 0 || (b == DosEof && Peek(1) < 0))
            {
                return null;
            }

            if (b == Lf)
            {
                _pos++;
                _line++;
            }
            else if (b == Cr && Peek(1) == Lf)
            {
                _pos += 2;
                _line++;
            }
            else
            {
                break;
            }
        }

        long line = _line;
        int count = 0;
        int c;
        while ((c = Next()) >= 0)
        {
            if (c == Lf)
            {
                _line++;
                break;
            }

            if (count == MaxRecordBytes)
            {
                _stopped = true;
                return new FixedRow(line, new ArraySegment<byte>(_record, 0, 0))
                {
                    Problem = $"1 件のレコードが長すぎます（{MaxRecordBytes} バイトを超えても改行がありません）。recordLength を指定してください",
                    Fatal = true,
                };
            }

            if (count == _record.Length)
            {
                Array.Resize(ref _record, Math.Min(_record.Length * 2, MaxRecordBytes));
            }

            _record[count++] = (byte)c;
        }

        if (count > 0 && _record[count - 1] == Cr)
        {
            count--;
        }

        return new FixedRow(line, new ArraySegment<byte>(_record, 0, count));
    }

    private FixedRow? ReadCounted(int length)
    {
        int b;
        while ((b = Peek(0)) is Lf or Cr)
        {
            _pos++;
        }

        if (b < 0 || (b == DosEof && Peek(1) < 0))
        {
            return null;
        }

        long number = _line++;
        int count = 0;
        bool lineEndInside = false;
        int c;
        while (count < length && (c = Next()) >= 0)
        {
            lineEndInside |= c is Lf or Cr;
            _record[count++] = (byte)c;
        }

        var bytes = new ArraySegment<byte>(_record, 0, count);
        if (count < length)
        {
            return new FixedRow(number, bytes)
            {
                Problem = $"最後のレコードが {count} バイトしかありません（recordLength は {length} バイト）",
            };
        }

        return lineEndInside
            ? new FixedRow(number, bytes)
            {
                Problem = $"レコードの途中に改行があります（recordLength {length} がファイルのレコード長と合っているか確かめてください）",
            }
            : new FixedRow(number, bytes);
    }

    private int Next()
    {
        int b = Peek(0);
        if (b >= 0)
        {
            _pos++;
        }

        return b;
    }

    private int Peek(int ahead)
    {
        while (!_eof && _pos + ahead >= _len)
        {
            if (_pos > 0)
            {
                Array.Copy(_buffer, _pos, _buffer, 0, _len - _pos);
                _len -= _pos;
                _pos = 0;
            }

            int read = _stream.Read(_buffer, _len, _buffer.Length - _len);
            if (read == 0)
            {
                _eof = true;
            }

            _len += read;
        }

        return _pos + ahead < _len ? _buffer[_pos + ahead] : -1;
    }
}
