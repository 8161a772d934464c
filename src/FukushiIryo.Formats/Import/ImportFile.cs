using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.Formats.Import;

/// <summary>
/// An import file opened with a layout (interfaces.md §0): its SHA-256, its encoding, the
/// problems of its header, and its records as a stream.
/// </summary>
/// <remarks>
/// <para>The file is held open until disposed (on Windows others may read it, not write it). Each
/// full reading of <see cref="Records"/> hashes the bytes again as it streams them and ends with a
/// file error (line 0) if they are not the bytes of <see cref="Sha256"/>. Opening reads the file once for the hash and, with
/// <c>auto</c>, once more to decide the encoding; neither pass keeps the content.</para>
/// <para><see cref="Records"/> streams: one record is in memory at a time, whatever the size of
/// the file. It may be enumerated again (e.g. a validation pass, then an import pass), but not
/// twice at once.</para>
/// </remarks>
public sealed class ImportFile : IDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly FileStream _stream;
    private readonly ImportLayout _layout;
    private readonly long _dataStart;
    private readonly Dictionary<string, int> _fieldIndex;
    private readonly List<ImportProblem> _fileProblems = [];
    private readonly string _encodingName;

    /// <summary>CSV: for each layout column, the 0-based position of its field in a record; -1 when absent.</summary>
    private readonly int[] _positions;

    /// <summary>CSV: how many fields every record must have (the header's or the first record's count).</summary>
    private int _fieldCount;

    private bool _reading;
    private bool _disposed;

    private ImportFile(FileStream stream, ImportLayout layout, Encoding encoding, string sha256, long dataStart)
    {
        _stream = stream;
        _layout = layout;
        Encoding = encoding;
        Sha256 = sha256;
        _dataStart = dataStart;
        _encodingName = encoding.CodePage == 932 ? "CP932" : "UTF-8";
        _fieldIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < layout.Columns.Count; i++)
        {
            _fieldIndex.Add(layout.Columns[i].Field, i);
        }

        _positions = new int[layout.Columns.Count];
        Array.Fill(_positions, -1);
    }

    /// <summary>The layout the file is read with.</summary>
    public ImportLayout Layout => _layout;

    /// <summary>
    /// Problems with the file as a whole, all on line 0 (interfaces.md §0): an empty file, an
    /// unknown column, a missing required column, a duplicated column name, a header that cannot
    /// be read. When any of them is an error, <see cref="Records"/> yields nothing.
    /// </summary>
    public IReadOnlyList<ImportProblem> FileProblems => _fileProblems;

    /// <summary>Whether <see cref="FileProblems"/> holds an error.</summary>
    public bool HasFileErrors => _fileProblems.Exists(problem => problem.Severity == ImportSeverity.Error);

    /// <summary>The encoding the file is read with (strict UTF-8 or strict CP932).</summary>
    public Encoding Encoding { get; }

    /// <summary>The SHA-256 of the file's bytes (all of them, a BOM included), lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>
    /// Opens an import file. <paramref name="encoding"/> is the <c>--encoding</c> option when it
    /// was given, and overrides the layout's; <c>null</c> takes the layout's (<c>auto</c> when the
    /// layout does not say).
    /// </summary>
    /// <exception cref="FileNotFoundException">the file does not exist.</exception>
    public static ImportFile Open(string path, ImportLayout layout, EncodingChoice? encoding = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(layout);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            string sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            stream.Position = 0;
            var resolved = InputEncoding.Resolve(encoding ?? layout.EncodingChoice, stream);
            long dataStart = resolved.CodePage == Encoding.UTF8.CodePage && StartsWithBom(stream) ? Utf8Bom.Length : 0;
            var file = new ImportFile(stream, layout, resolved, sha256, dataStart);
            file.ReadHeader();
            return file;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The records after the header, in file order, read lazily from the file. Each record's
    /// <see cref="ImportRecord.Problems"/> holds the file errors that kept it from being read.
    /// Yields nothing when <see cref="FileProblems"/> holds an error.
    /// </summary>
    /// <exception cref="InvalidOperationException">another enumeration of the same file is in progress.</exception>
    public IEnumerable<ImportRecord> Records()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (HasFileErrors)
        {
            return [];
        }

        return _layout.Format == LayoutFormat.Csv ? CsvRecords() : FixedRecords();
    }

    public void Dispose()
    {
        _disposed = true;
        _stream.Dispose();
    }

    private static bool StartsWithBom(Stream stream)
    {
        Span<byte> start = stackalloc byte[3];
        int read = stream.ReadAtLeast(start, 3, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 3 && start.SequenceEqual(Utf8Bom);
    }

    private IEnumerable<ImportRecord> CsvRecords()
    {
        BeginReading();
        try
        {
            using var hashing = OpenHashing();
            using var text = new StreamReader(hashing, Marking(out var fallback), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
            var reader = new CsvRecordReader(text, fallback, _encodingName);
            if (_layout.Header)
            {
                reader.Read();
            }

            while (reader.Read() is { } row)
            {
                yield return ToRecord(row);
                if (row.Fatal)
                {
                    yield break;
                }
            }

            if (ChangedWhileReading(hashing) is { } changed)
            {
                yield return changed;
            }
        }
        finally
        {
            _reading = false;
        }
    }

    private IEnumerable<ImportRecord> FixedRecords()
    {
        BeginReading();
        try
        {
            using var hashing = OpenHashing();
            var reader = new FixedRecordReader(hashing, _layout.RecordLength);
            if (_layout.Header)
            {
                reader.Read();
            }

            while (reader.Read() is { } row)
            {
                yield return ToRecord(row);
                if (row.Fatal)
                {
                    yield break;
                }
            }

            if (ChangedWhileReading(hashing) is { } changed)
            {
                yield return changed;
            }
        }
        finally
        {
            _reading = false;
        }
    }

    /// <summary>The data after the BOM, hashed as it is read (the BOM counted), to prove the bytes read are those of <see cref="Sha256"/>.</summary>
    private HashingReadStream OpenHashing()
    {
        _stream.Position = _dataStart;
        return new HashingReadStream(_stream, Utf8Bom.AsSpan(0, (int)_dataStart));
    }

    /// <summary>
    /// A file error when the bytes read differ from those hashed at <see cref="Open"/>: on Linux the
    /// sharing mode does not stop another process from writing the file.
    /// </summary>
    private ImportRecord? ChangedWhileReading(HashingReadStream hashing) =>
        hashing.FinalHash() is { } hash && !string.Equals(hash, Sha256, StringComparison.Ordinal)
            ? Broken(0, new ImportProblem(0, string.Empty, string.Empty, "読込中にファイルが変更されました（開いたときと SHA-256 が違います）。もう一度取り込んでください"))
            : null;

    private void BeginReading()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_reading)
        {
            throw new InvalidOperationException("The records of this file are already being read.");
        }

        _reading = true;
    }

    private Encoding Marking(out MarkingDecoderFallback fallback)
    {
        (var marking, fallback) = MarkingDecoderFallback.For(Encoding);
        return marking;
    }

    private void ReadHeader()
    {
        if (_layout.Format == LayoutFormat.Fixed)
        {
            _stream.Position = _dataStart;
            if (new FixedRecordReader(_stream, _layout.RecordLength).Read() is null)
            {
                _fileProblems.Add(new ImportProblem(0, string.Empty, string.Empty, "ファイルが空です"));
            }

            return;
        }

        _stream.Position = _dataStart;
        using (var text = new StreamReader(_stream, Marking(out var fallback), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true))
        {
            var reader = new CsvRecordReader(text, fallback, _encodingName);
            var first = reader.Read();
            if (first is null)
            {
                _fileProblems.Add(new ImportProblem(0, string.Empty, string.Empty, "ファイルが空です"));
                return;
            }

            if (first.Problem is not null && _layout.Header)
            {
                _fileProblems.Add(new ImportProblem(0, string.Empty, first.ProblemValue, "見出し行が読めません: " + first.Problem));
                return;
            }

            if (_layout.Header)
            {
                MatchHeader(first.Fields);
            }
            else
            {
                MatchPositions(first.Problem is null ? first.Fields.Count : null);
            }
        }
    }

    /// <summary>Maps the header's names (and the layout's column numbers) to the layout's columns (interfaces.md §0).</summary>
    private void MatchHeader(List<string> header)
    {
        _fieldCount = header.Count;
        var names = header.Select(ImportRecord.Normalize).ToList();
        var claimed = new bool[header.Count];
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicated = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            if (!firstIndex.TryAdd(names[i], i))
            {
                duplicated.Add(names[i]);
            }
        }

        for (int c = 0; c < _layout.Columns.Count; c++)
        {
            var column = _layout.Columns[c];
            int position = -1;
            if (column.SourceNumber is { } number)
            {
                position = number <= header.Count ? number - 1 : -1;
            }
            else if (firstIndex.TryGetValue(ImportRecord.Normalize(column.SourceName!), out int found))
            {
                position = found;
                if (duplicated.Contains(names[found]))
                {
                    _fileProblems.Add(new ImportProblem(0, column.Field, header[found].Trim(), "同じ名前の列が二つ以上あります"));
                    for (int i = found + 1; i < names.Count; i++)
                    {
                        claimed[i] |= names[i] == names[found];
                    }
                }
            }

            if (position >= 0)
            {
                _positions[c] = position;
                claimed[position] = true;
            }
            else if (!column.Optional)
            {
                _fileProblems.Add(new ImportProblem(0, column.Field, SourceText(column), MissingReason(column)));
            }
        }

        var ignored = _layout.Ignore.Select(ImportRecord.Normalize).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            if (claimed[i] || _layout.IgnoreNumbers.Contains(i + 1) || ignored.Contains(names[i]))
            {
                continue;
            }

            _fileProblems.Add(names[i].Length == 0
                ? new ImportProblem(0, ColumnNumber(i + 1), string.Empty, "列名が空です（読み飛ばす列なら配置ファイルの ignore に列番号を書いてください）")
                : new ImportProblem(0, header[i].Trim(), string.Empty, "不明な列です（読み飛ばす列なら配置ファイルの ignore に書いてください）"));
        }
    }

    /// <summary>A file without a header: columns by number; <paramref name="count"/> = the first record's field count when it could be read.</summary>
    private void MatchPositions(int? count)
    {
        _fieldCount = count ?? _layout.Columns.Max(column => column.SourceNumber!.Value);
        var claimed = new bool[_fieldCount];
        for (int c = 0; c < _layout.Columns.Count; c++)
        {
            var column = _layout.Columns[c];
            int number = column.SourceNumber!.Value;
            if (number <= _fieldCount)
            {
                _positions[c] = number - 1;
                claimed[number - 1] = true;
            }
            else if (!column.Optional)
            {
                _fileProblems.Add(new ImportProblem(0, column.Field, SourceText(column), MissingReason(column)));
            }
        }

        for (int i = 0; i < _fieldCount; i++)
        {
            if (!claimed[i] && !_layout.IgnoreNumbers.Contains(i + 1))
            {
                _fileProblems.Add(new ImportProblem(0, ColumnNumber(i + 1), string.Empty, "どの列にも割り当てられていない列です（読み飛ばす列なら配置ファイルの ignore に列番号を書いてください）"));
            }
        }
    }

    private ImportRecord ToRecord(CsvRow row)
    {
        if (row.Problem is not null)
        {
            string column = FieldAt(row.ProblemField);
            return Broken(row.Line, new ImportProblem(row.Line, column, row.ProblemValue, row.Problem));
        }

        if (row.Fields.Count != _fieldCount)
        {
            string what = _layout.Header ? "見出し" : "1 件目のレコード";
            return Broken(row.Line, new ImportProblem(
                row.Line,
                string.Empty,
                string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"列の数が{what}と違います（{what}は {_fieldCount} 列、この行は {row.Fields.Count} 列）")));
        }

        var raw = new string?[_positions.Length];
        for (int c = 0; c < _positions.Length; c++)
        {
            raw[c] = _positions[c] >= 0 ? row.Fields[_positions[c]].Trim() : null;
        }

        return new ImportRecord(row.Line, _fieldIndex, raw, _layout.DateStyle);
    }

    private ImportRecord ToRecord(FixedRow row)
    {
        if (row.Problem is not null)
        {
            return Broken(row.Line, new ImportProblem(row.Line, string.Empty, string.Empty, row.Problem));
        }

        var bytes = row.Bytes;
        int needed = _layout.Columns.Max(column => column.Start!.Value + column.Length!.Value - 1);
        if (bytes.Count < needed)
        {
            return Broken(row.Line, new ImportProblem(
                row.Line,
                string.Empty,
                string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"レコードが短すぎます（{bytes.Count} バイト。この配置では {needed} バイト必要です）")));
        }

        var raw = new string?[_layout.Columns.Count];
        List<ImportProblem>? problems = null;
        for (int c = 0; c < raw.Length; c++)
        {
            var column = _layout.Columns[c];
            var slice = bytes.AsSpan(column.Start!.Value - 1, column.Length!.Value);
            try
            {
                raw[c] = Encoding.GetString(slice).Trim();
            }
            catch (DecoderFallbackException)
            {
                problems ??= [];
                problems.Add(new ImportProblem(
                    row.Line,
                    column.Field,
                    LossyEncoding().GetString(slice).Trim(),
                    $"文字コード {_encodingName} として読めないバイトがあるか、文字の途中で区切られています（start と length を確かめてください）"));
            }
        }

        return problems is null
            ? new ImportRecord(row.Line, _fieldIndex, raw, _layout.DateStyle)
            : new ImportRecord(row.Line, _fieldIndex, _layout.DateStyle, problems);
    }

    private ImportRecord Broken(long line, ImportProblem problem) => new(line, _fieldIndex, _layout.DateStyle, [problem]);

    /// <summary>The built-in column whose field is at CSV position <paramref name="position"/>, or "".</summary>
    private string FieldAt(int position)
    {
        int c = Array.IndexOf(_positions, position);
        return position < 0 || c < 0 ? string.Empty : _layout.Columns[c].Field;
    }

    private Encoding LossyEncoding() => Encoding.CodePage == 932 ? InputEncoding.Cp932 : Encoding.UTF8;

    private static string SourceText(LayoutColumn column) =>
        column.SourceNumber is { } number ? ColumnNumber(number) : column.SourceName == column.Field ? string.Empty : column.SourceName ?? string.Empty;

    private static string MissingReason(LayoutColumn column) =>
        column.SourceNumber is { } number
            ? string.Create(CultureInfo.InvariantCulture, $"必須の列がありません（{number} 列目がありません）")
            : column.SourceName == column.Field
                ? "必須の列がありません"
                : $"必須の列がありません（見出し「{column.SourceName}」がありません）";

    private static string ColumnNumber(int number) => string.Create(CultureInfo.InvariantCulture, $"{number}列目");
}
