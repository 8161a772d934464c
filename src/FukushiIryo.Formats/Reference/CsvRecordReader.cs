using System.Text;

namespace FukushiIryo.Formats.Reference;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated fields, optionally in double quotes with <c>""</c>
/// for a quote inside; a quoted field may span lines. CRLF and LF both end a record. Each record
/// knows the physical line on which it starts (1-based), for error reports.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader reader;
    private readonly List<string> fields = [];
    private readonly StringBuilder field = new();
    private long nextLine = 1;

    public CsvRecordReader(TextReader reader)
    {
        this.reader = reader;
    }

    /// <summary>The physical line on which the last record read starts.</summary>
    public long Line { get; private set; }

    /// <summary>Reads the next record; false at the end of the text. Blank lines are skipped.</summary>
    public bool TryRead(out IReadOnlyList<string> record)
    {
        fields.Clear();
        string? line;
        do
        {
            line = reader.ReadLine();
            if (line is null)
            {
                record = fields;
                return false;
            }

            Line = nextLine++;
            if (Line == 1 && line.StartsWith('\uFEFF'))
            {
                line = line[1..]; // a UTF-8 byte order mark
            }
        }
        while (line.Length == 0);

        field.Clear();
        var quoted = false;
        var index = 0;
        while (true)
        {
            if (index >= line.Length)
            {
                if (quoted)
                {
                    // A quoted field goes on over the line end.
                    var next = reader.ReadLine() ?? throw new CsvFormatException(Line, "引用符が閉じられていません");
                    nextLine++;
                    field.Append('\n');
                    line = next;
                    index = 0;
                    continue;
                }

                fields.Add(field.ToString());
                record = fields;
                return true;
            }

            var c = line[index++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (index < line.Length && line[index] == '"')
                    {
                        field.Append('"');
                        index++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else
            {
                field.Append(c);
            }
        }
    }
}

/// <summary>The text is not CSV as RFC 4180 writes it (an unclosed quote).</summary>
internal sealed class CsvFormatException(long line, string message) : Exception(message)
{
    public long Line { get; } = line;
}
