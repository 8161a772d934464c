using System.Text;

namespace FukushiIryo.Formats.Import;

/// <summary>One CSV record as split by <see cref="CsvRecordReader"/>, or the reason it could not be split.</summary>
internal sealed class CsvRow(long line, List<string> fields)
{
    /// <summary>The physical line on which the record starts.</summary>
    public long Line { get; } = line;

    /// <summary>The fields, unquoted; incomplete when <see cref="Problem"/> is set.</summary>
    public List<string> Fields { get; } = fields;

    /// <summary>Why the record cannot be used (Japanese), or <c>null</c>.</summary>
    public string? Problem { get; set; }

    /// <summary>The 0-based field in which the problem was found; -1 for the record as a whole.</summary>
    public int ProblemField { get; set; } = -1;

    /// <summary>What was read of the field in which the problem was found.</summary>
    public string ProblemValue { get; set; } = string.Empty;

    /// <summary>The reader cannot go on after this record (the file is broken from here on).</summary>
    public bool Fatal { get; set; }
}

/// <summary>
/// A strict, streaming RFC 4180 reader: comma-separated fields, fields enclosed in double quotes
/// may contain commas, line breaks and doubled quotes; records end with CRLF or LF (the last line
/// end is optional). Blank lines are skipped. Line numbers are physical: a quoted line break
/// moves the count on, so a record is numbered by the line on which it starts.
/// </summary>
/// <remarks>
/// Malformed quoting (a quote inside an unquoted field, text after a closing quote) and a lone CR
/// make the record a file error; the reader resumes at the next line. A quote left open until the
/// end of the file, or a record longer than <see cref="MaxRecordChars"/>, ends the reading
/// (the rest of the file cannot be split reliably, and memory must not grow with the file).
/// Memory holds one record and a fixed buffer, whatever the size of the file.
/// </remarks>
internal sealed class CsvRecordReader
{
    /// <summary>The longest record accepted, in characters (1 Mi: far beyond any real record).</summary>
    internal const int MaxRecordChars = 1 << 20;

    private readonly TextReader _reader;
    private readonly MarkingDecoderFallback? _fallback;
    private readonly string _encodingName;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _pos;
    private int _len;
    private bool _eof;
    private bool _stopped;
    private long _line = 1;
    private int _recordChars;

    /// <param name="reader">The text, without a byte order mark.</param>
    /// <param name="fallback">The decoder fallback of the reader's encoding, to tell undecodable bytes from a real U+FFFD.</param>
    /// <param name="encodingName">The encoding's name for messages (UTF-8, CP932).</param>
    public CsvRecordReader(TextReader reader, MarkingDecoderFallback? fallback, string encodingName)
    {
        _reader = reader;
        _fallback = fallback;
        _encodingName = encodingName;
    }

    private enum FieldEnd
    {
        Separator,
        Record,
        Broken,
        Fatal,
    }

    /// <summary>Reads the next record; <c>null</c> at the end of the file (or after a fatal record).</summary>
    public CsvRow? Read()
    {
        if (_stopped || !SkipBlankLines())
        {
            return null;
        }

        var row = new CsvRow(_line, []);
        _recordChars = 0;
        while (true)
        {
            FieldEnd end = ReadField(row);
            if (end != FieldEnd.Broken && end != FieldEnd.Fatal)
            {
                row.Fields.Add(_field.ToString());
                if (row.ProblemField == row.Fields.Count - 1 && row.ProblemValue.Length == 0)
                {
                    row.ProblemValue = row.Fields[^1];
                }
            }

            switch (end)
            {
                case FieldEnd.Separator:
                    continue;
                case FieldEnd.Broken:
                    row.ProblemField = row.ProblemField < 0 ? row.Fields.Count : row.ProblemField;
                    row.ProblemValue = row.ProblemValue.Length == 0 ? Truncate(_field.ToString()) : row.ProblemValue;
                    SkipToLineEnd();
                    return row;
                case FieldEnd.Fatal:
                    row.Fatal = true;
                    row.ProblemField = row.Fields.Count;
                    row.ProblemValue = Truncate(_field.ToString());
                    _stopped = true;
                    return row;
                default:
                    return row;
            }
        }
    }

    private FieldEnd ReadField(CsvRow row)
    {
        _field.Clear();
        if (Peek(0) == '"')
        {
            return ReadQuotedField(row);
        }

        while (true)
        {
            int c = Peek(0);
            switch (c)
            {
                case < 0:
                    return FieldEnd.Record;
                case ',':
                    _pos++;
                    return FieldEnd.Separator;
                case '\n':
                    _pos++;
                    _line++;
                    return FieldEnd.Record;
                case '\r' when Peek(1) == '\n':
                    _pos += 2;
                    _line++;
                    return FieldEnd.Record;
                case '\r':
                    row.Problem ??= "行末が CR だけです（改行は CRLF か LF にしてください）";
                    return FieldEnd.Broken;
                case '"':
                    row.Problem ??= "引用符 \" で囲まれていない値の途中に引用符があります（値の中の \" は \"\" と書き、値全体を \" で囲んでください）";
                    return FieldEnd.Broken;
                default:
                    _pos++;
                    if (!Append((char)c, row))
                    {
                        return FieldEnd.Fatal;
                    }

                    break;
            }
        }
    }

    private FieldEnd ReadQuotedField(CsvRow row)
    {
        long openedOn = _line;
        _pos++;
        while (true)
        {
            int c = Next();
            if (c < 0)
            {
                row.Problem = $"{openedOn} 行目で開いた引用符 \" がファイルの終わりまで閉じられていません";
                return FieldEnd.Fatal;
            }

            if (c == '"')
            {
                if (Peek(0) == '"')
                {
                    _pos++;
                    c = '"';
                }
                else
                {
                    break;
                }
            }
            else if (c == '\n')
            {
                _line++;
            }

            if (!Append((char)c, row))
            {
                return FieldEnd.Fatal;
            }
        }

        switch (Peek(0))
        {
            case < 0:
                return FieldEnd.Record;
            case ',':
                _pos++;
                return FieldEnd.Separator;
            case '\n':
                _pos++;
                _line++;
                return FieldEnd.Record;
            case '\r' when Peek(1) == '\n':
                _pos += 2;
                _line++;
                return FieldEnd.Record;
            default:
                row.Problem ??= "閉じ引用符 \" の後に , や改行ではない文字があります";
                return FieldEnd.Broken;
        }
    }

    /// <summary>Adds a character of the current field; false when the record has grown too long.</summary>
    private bool Append(char c, CsvRow row)
    {
        if (++_recordChars > MaxRecordChars)
        {
            row.Problem = $"1 件のレコードが長すぎます（{MaxRecordChars} 文字を超えます）。引用符の閉じ忘れか、CSV ではないファイルです";
            return false;
        }

        if (c == '\uFFFD' && _fallback is { Count: > 0 } && row.Problem is null)
        {
            // The decoder wrote U+FFFD for bytes that are not a character of the encoding.
            row.Problem = $"文字コード {_encodingName} として読めないバイトがあります";
            row.ProblemField = row.Fields.Count;
        }

        _field.Append(c);
        return true;
    }

    /// <summary>Moves past blank lines; false at the end of the file.</summary>
    private bool SkipBlankLines()
    {
        while (true)
        {
            int c = Peek(0);
            if (c < 0)
            {
                return false;
            }

            if (c == '\n')
            {
                _pos++;
                _line++;
            }
            else if (c == '\r' && Peek(1) == '\n')
            {
                _pos += 2;
                _line++;
            }
            else
            {
                return true;
            }
        }
    }

    /// <summary>After a broken record: resumes at the next physical line (quotes are not honoured).</summary>
    private void SkipToLineEnd()
    {
        int c;
        while ((c = Next()) >= 0)
        {
            if (c == '\n')
            {
                _line++;
                return;
            }
        }
    }

    private int Next()
    {
        int c = Peek(0);
        if (c >= 0)
        {
            _pos++;
        }

        return c;
    }

    private int Peek(int ahead)
    {
        if (_pos + ahead >= _len && !Fill(ahead))
        {
            return -1;
        }

        return _buffer[_pos + ahead];
    }

    /// <summary>Keeps the unread characters and reads more; false when fewer than ahead + 1 remain.</summary>
    private bool Fill(int ahead)
    {
        while (!_eof && _pos + ahead >= _len)
        {
            if (_pos > 0)
            {
                Array.Copy(_buffer, _pos, _buffer, 0, _len - _pos);
                _len -= _pos;
                _pos = 0;
            }

            int read = _reader.Read(_buffer, _len, _buffer.Length - _len);
            if (read == 0)
            {
                _eof = true;
            }

            _len += read;
        }

        return _pos + ahead < _len;
    }

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
