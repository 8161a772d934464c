using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.Formats.Import;

/// <summary>The physical form of an import file.</summary>
public enum LayoutFormat
{
    /// <summary>RFC 4180 CSV: comma-separated, double quotes, CRLF or LF line ends.</summary>
    Csv,

    /// <summary>Fixed width: every field at fixed byte positions in the file's own encoding.</summary>
    Fixed,
}

/// <summary>One column of a built-in layout kind: its name and whether it may be absent from a file.</summary>
public sealed class ColumnSpec
{
    public ColumnSpec(string name, bool optional)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Optional = optional;
    }

    /// <summary>The built-in column name (Japanese, e.g. <c>宛名番号</c>).</summary>
    public string Name { get; }

    /// <summary>Whether a file may leave the column out (interfaces.md: "optional").</summary>
    public bool Optional { get; }

    public override string ToString() => Optional ? Name + " (optional)" : Name;
}

/// <summary>
/// Where one built-in field is found in a file: a CSV header name, a CSV column number, or a
/// fixed-width byte range.
/// </summary>
public sealed class LayoutColumn
{
    internal LayoutColumn(string field, string? sourceName, int? sourceNumber, int? start, int? length, bool optional)
    {
        Field = field;
        SourceName = sourceName;
        SourceNumber = sourceNumber;
        Start = start;
        Length = length;
        Optional = optional;
    }

    /// <summary>The built-in column name this column supplies (e.g. <c>氏名</c>).</summary>
    public string Field { get; }

    /// <summary>CSV: the header name in the file; <c>null</c> when the column is given by number or the format is fixed.</summary>
    public string? SourceName { get; }

    /// <summary>CSV: the 1-based column number in the file; <c>null</c> when given by name.</summary>
    public int? SourceNumber { get; }

    /// <summary>Fixed width: the 1-based position of the first byte.</summary>
    public int? Start { get; }

    /// <summary>Fixed width: the number of bytes.</summary>
    public int? Length { get; }

    /// <summary>Whether the column may be absent from a CSV file.</summary>
    public bool Optional { get; }

    internal LayoutColumn WithOptional(bool optional) => new(Field, SourceName, SourceNumber, Start, Length, optional);

    public override string ToString() =>
        Start is { } start
            ? string.Create(CultureInfo.InvariantCulture, $"{Field} ← bytes {start}+{Length}")
            : SourceNumber is { } number
                ? string.Create(CultureInfo.InvariantCulture, $"{Field} ← column {number}")
                : $"{Field} ← {SourceName}";
}

/// <summary>
/// A layout: how the records of an import file map onto the built-in columns (interfaces.md §0).
/// The built-in layouts (<see cref="BuiltIn"/>) are JSON files of the same format as a city's
/// layout file (<see cref="Load(string)"/>); the format is documented in docs/formats/layout-files.md.
/// A layout is immutable.
/// </summary>
public sealed class ImportLayout
{
    private static readonly string[] Kinds = ["residents", "recipients", "tax", "autopay", "paid-receipts", "atena"];

    private static readonly ConcurrentDictionary<string, ImportLayout> BuiltIns = new(StringComparer.Ordinal);

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly HashSet<string> TopLevelProperties =
        new(["name", "format", "encoding", "header", "dateStyle", "columns", "ignore", "recordLength"], StringComparer.Ordinal);

    private static readonly HashSet<string> ColumnProperties =
        new(["field", "source", "start", "length", "optional"], StringComparer.Ordinal);

    private ImportLayout(
        string name,
        LayoutFormat format,
        string? encoding,
        bool header,
        ImportDateStyle dateStyle,
        IReadOnlyList<LayoutColumn> columns,
        IReadOnlyList<string> ignore,
        IReadOnlyList<int> ignoreNumbers,
        int? recordLength)
    {
        Name = name;
        Format = format;
        Encoding = encoding;
        Header = header;
        DateStyle = dateStyle;
        Columns = columns;
        Ignore = ignore;
        IgnoreNumbers = ignoreNumbers;
        RecordLength = recordLength;
    }

    /// <summary>The names of the built-in layouts, which are also the layout kinds.</summary>
    public static IReadOnlyList<string> BuiltInNames => Kinds;

    /// <summary>The built-in layout's name (<c>residents</c>, …), or the layout file's <c>name</c> or file name.</summary>
    public string Name { get; }

    public LayoutFormat Format { get; }

    /// <summary><c>auto</c>, <c>utf-8</c>, <c>cp932</c>, or <c>null</c> when the layout does not say (= auto).</summary>
    public string? Encoding { get; }

    /// <summary>Whether the first line (fixed width: the first record) is a header.</summary>
    public bool Header { get; }

    /// <summary>The date forms that the values of this layout use.</summary>
    public ImportDateStyle DateStyle { get; }

    /// <summary>The columns, in the layout's order.</summary>
    public IReadOnlyList<LayoutColumn> Columns { get; }

    /// <summary>CSV header names to skip (not an unknown-column error).</summary>
    public IReadOnlyList<string> Ignore { get; }

    /// <summary>CSV column numbers (1-based) to skip; given as numbers in the layout file's <c>ignore</c>.</summary>
    public IReadOnlyList<int> IgnoreNumbers { get; }

    /// <summary>Fixed width: the record length in bytes when records are not ended by line ends.</summary>
    public int? RecordLength { get; }

    /// <summary>The <c>--encoding</c> choice that this layout's <see cref="Encoding"/> names.</summary>
    public EncodingChoice EncodingChoice => InputEncoding.ParseOption(Encoding);

    /// <summary>
    /// A built-in layout: <c>residents</c>, <c>recipients</c>, <c>tax</c>, <c>autopay</c> or <c>paid-receipts</c>.
    /// </summary>
    /// <exception cref="ArgumentException">no built-in layout has that name.</exception>
    public static ImportLayout BuiltIn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Kinds.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Unknown built-in layout '{name}': use one of {string.Join(", ", Kinds)}.", nameof(name));
        }

        return BuiltIns.GetOrAdd(name, static kind =>
        {
            var resource = $"FukushiIryo.Formats.Import.Layouts.{kind}.json";
            using var stream = typeof(ImportLayout).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The built-in layout resource {resource} is missing.");
            return Parse(stream, kind, kind + ".json");
        });
    }

    /// <summary>The built-in column set of a layout kind, in order: which columns are required and which optional.</summary>
    public static IReadOnlyList<ColumnSpec> ColumnSpecs(string kind) =>
        BuiltIn(kind).Columns.Select(column => new ColumnSpec(column.Field, column.Optional)).ToList();

    /// <summary>Loads a layout file as written (the <c>optional</c> marks are the file's own).</summary>
    /// <exception cref="ImportLayoutException">the file is not a valid layout (Japanese message).</exception>
    /// <exception cref="FileNotFoundException">the file does not exist.</exception>
    public static ImportLayout Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Parse(stream, Path.GetFileNameWithoutExtension(path), Path.GetFileName(path));
    }

    /// <summary>
    /// Loads a layout file for an import of <paramref name="kind"/> (<c>residents</c>, …): every field
    /// must be a column of that kind, every required column of the kind must be mapped, and which
    /// columns are optional is taken from the kind (a layout cannot make a required column optional).
    /// </summary>
    /// <exception cref="ImportLayoutException">the file is not a valid layout for that kind.</exception>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a built-in layout.</exception>
    public static ImportLayout Load(string path, string kind) => Load(path).ConformTo(kind);

    /// <summary>
    /// Checks this layout against the built-in column set of <paramref name="kind"/> and returns it
    /// with the kind's optional marks (see <see cref="Load(string, string)"/>).
    /// </summary>
    /// <exception cref="ImportLayoutException">a field is not a column of the kind, or a required column is not mapped.</exception>
    public ImportLayout ConformTo(string kind)
    {
        var specs = ColumnSpecs(kind).ToDictionary(spec => spec.Name, StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var column in Columns.Where(column => !specs.ContainsKey(column.Field)))
        {
            errors.Add($"「{column.Field}」は {kind} の列ではありません");
        }

        var mapped = Columns.Select(column => column.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var spec in specs.Values.Where(spec => !spec.Optional && !mapped.Contains(spec.Name)))
        {
            errors.Add($"必須の列「{spec.Name}」が columns にありません");
        }

        if (errors.Count > 0)
        {
            throw new ImportLayoutException($"配置ファイル {Name} は {kind} の取込に使えません: " + string.Join("。", errors) + "。");
        }

        var columns = Columns.Select(column => column.WithOptional(specs[column.Field].Optional)).ToList();
        return new ImportLayout(Name, Format, Encoding, Header, DateStyle, columns, Ignore, IgnoreNumbers, RecordLength);
    }

    /// <summary>Reads a layout from JSON text (used by tests and by callers that hold the layout in memory).</summary>
    /// <exception cref="ImportLayoutException">the text is not a valid layout.</exception>
    public static ImportLayout Parse(string json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Parse(stream, name, name);
    }

    private static ImportLayout Parse(Stream stream, string defaultName, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ImportLayoutException($"配置ファイル {fileName} は JSON として読めません: {ex.Message}", ex);
        }

        using (document)
        {
            return new LayoutParser(fileName).Read(document.RootElement, defaultName);
        }
    }

    /// <summary>Reads one layout document; every complaint names the file.</summary>
    private sealed class LayoutParser(string fileName)
    {
        public ImportLayout Read(JsonElement root, string defaultName)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Fail("全体が JSON のオブジェクト { … } ではありません");
            }

            foreach (var property in root.EnumerateObject().Where(property => !TopLevelProperties.Contains(property.Name)))
            {
                throw Fail($"不明な項目「{property.Name}」があります（使える項目: {string.Join(", ", TopLevelProperties)}）");
            }

            string name = OptionalString(root, "name") ?? defaultName;
            LayoutFormat format = (OptionalString(root, "format") ?? "csv") switch
            {
                "csv" => LayoutFormat.Csv,
                "fixed" => LayoutFormat.Fixed,
                var other => throw Fail($"format「{other}」は使えません（csv か fixed）"),
            };

            string? encoding = OptionalString(root, "encoding");
            if (encoding is not null)
            {
                try
                {
                    encoding = InputEncoding.ParseOption(encoding) switch
                    {
                        EncodingChoice.Utf8 => "utf-8",
                        EncodingChoice.Cp932 => "cp932",
                        _ => "auto",
                    };
                }
                catch (ArgumentException)
                {
                    throw Fail($"encoding「{encoding}」は使えません（auto, utf-8, cp932）");
                }
            }

            // A fixed-width extract rarely has a header record: defaulting to true would drop the first record silently.
            bool header = OptionalBool(root, "header") ?? format == LayoutFormat.Csv;
            ImportDateStyle dateStyle = (OptionalString(root, "dateStyle") ?? "auto") switch
            {
                "auto" => ImportDateStyle.Auto,
                "iso" => ImportDateStyle.Iso,
                "yyyymmdd" => ImportDateStyle.Yyyymmdd,
                "wareki" => ImportDateStyle.Wareki,
                var other => throw Fail($"dateStyle「{other}」は使えません（auto, iso, yyyymmdd, wareki）"),
            };

            int? recordLength = OptionalPositiveInt(root, "recordLength", "recordLength");
            if (recordLength is not null && format != LayoutFormat.Fixed)
            {
                throw Fail("recordLength は format が fixed のときだけ書けます");
            }

            var columns = ReadColumns(root, format, header);
            if (recordLength is { } length && columns.Max(column => column.Start!.Value + column.Length!.Value - 1) is var end && end > length)
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"列が {end} バイト目まで続き、recordLength {length} を超えています"));
            }

            var (ignore, ignoreNumbers) = ReadIgnore(root, format, header);
            return new ImportLayout(name, format, encoding, header, dateStyle, columns, ignore, ignoreNumbers, recordLength);
        }

        private List<LayoutColumn> ReadColumns(JsonElement root, LayoutFormat format, bool header)
        {
            if (!root.TryGetProperty("columns", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                throw Fail("columns（列の一覧）がないか空です");
            }

            var columns = new List<LayoutColumn>();
            var fields = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var item in array.EnumerateArray())
            {
                index++;
                string where = string.Create(CultureInfo.InvariantCulture, $"columns の {index} 番目");
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Fail($"{where}がオブジェクトではありません");
                }

                foreach (var property in item.EnumerateObject().Where(property => !ColumnProperties.Contains(property.Name)))
                {
                    throw Fail($"{where}に不明な項目「{property.Name}」があります（使える項目: {string.Join(", ", ColumnProperties)}）");
                }

                string field = OptionalString(item, "field")?.Trim() ?? string.Empty;
                if (field.Length == 0)
                {
                    throw Fail($"{where}に field（組み込みの列名）がありません");
                }

                if (!fields.Add(field))
                {
                    throw Fail($"field「{field}」が columns に二度あります");
                }

                where = $"{where}（{field}）";
                bool optional = OptionalBool(item, "optional") ?? false;
                columns.Add(format == LayoutFormat.Csv
                    ? ReadCsvColumn(item, field, optional, header, where)
                    : ReadFixedColumn(item, field, optional, where));
            }

            return columns;
        }

        private LayoutColumn ReadCsvColumn(JsonElement item, string field, bool optional, bool header, string where)
        {
            if (item.TryGetProperty("start", out _) || item.TryGetProperty("length", out _))
            {
                throw Fail($"{where}: start / length は format が fixed のときだけ書けます");
            }

            if (!item.TryGetProperty("source", out var source) || source.ValueKind == JsonValueKind.Null)
            {
                return header
                    ? new LayoutColumn(field, field, null, null, null, optional)
                    : throw Fail($"{where}: header が false なので source に列番号（1 から）を書いてください");
            }

            switch (source.ValueKind)
            {
                case JsonValueKind.Number:
                    return new LayoutColumn(field, null, PositiveInt(source, $"{where} の source"), null, null, optional);
                case JsonValueKind.String when !string.IsNullOrWhiteSpace(source.GetString()):
                    return header
                        ? new LayoutColumn(field, source.GetString()!.Trim(), null, null, null, optional)
                        : throw Fail($"{where}: header が false なので source は列名ではなく列番号（1 から）で書いてください");
                default:
                    throw Fail($"{where}: source は見出しの列名（文字列）か列番号（1 からの整数）で書いてください");
            }
        }

        private LayoutColumn ReadFixedColumn(JsonElement item, string field, bool optional, string where)
        {
            if (item.TryGetProperty("source", out _))
            {
                throw Fail($"{where}: format が fixed のときは source ではなく start と length を書いてください");
            }

            int start = OptionalPositiveInt(item, "start", $"{where} の start") ?? throw Fail($"{where}に start（1 から数えたバイト位置）がありません");
            int length = OptionalPositiveInt(item, "length", $"{where} の length") ?? throw Fail($"{where}に length（バイト数）がありません");
            return new LayoutColumn(field, null, null, start, length, optional);
        }

        private (List<string> Names, List<int> Numbers) ReadIgnore(JsonElement root, LayoutFormat format, bool header)
        {
            var names = new List<string>();
            var numbers = new List<int>();
            if (!root.TryGetProperty("ignore", out var array) || array.ValueKind == JsonValueKind.Null)
            {
                return (names, numbers);
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw Fail("ignore は列名か列番号の配列 [ … ] で書いてください");
            }

            if (format == LayoutFormat.Fixed && array.GetArrayLength() > 0)
            {
                throw Fail("format が fixed のときは ignore を書けません（columns に書かないバイトは読まれません）");
            }

            foreach (var item in array.EnumerateArray())
            {
                switch (item.ValueKind)
                {
                    case JsonValueKind.Number:
                        numbers.Add(PositiveInt(item, "ignore の列番号"));
                        break;
                    case JsonValueKind.String when header && !string.IsNullOrWhiteSpace(item.GetString()):
                        names.Add(item.GetString()!.Trim());
                        break;
                    case JsonValueKind.String when !header:
                        throw Fail("header が false なので ignore には列番号（1 から）を書いてください");
                    default:
                        throw Fail("ignore には列名（文字列）か列番号（1 からの整数）を書いてください");
                }
            }

            return (names, numbers);
        }

        private string? OptionalString(JsonElement element, string property)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw Fail($"{property} は文字列で書いてください");
        }

        private bool? OptionalBool(JsonElement element, string property)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Fail($"{property} は true か false で書いてください"),
            };
        }

        private int? OptionalPositiveInt(JsonElement element, string property, string what)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return PositiveInt(value, what);
        }

        private int PositiveInt(JsonElement value, string what) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) && number >= 1
                ? number
                : throw Fail($"{what} は 1 以上の整数で書いてください");

        private ImportLayoutException Fail(string reason) => new($"配置ファイル {fileName}: {reason}。");
    }
}
