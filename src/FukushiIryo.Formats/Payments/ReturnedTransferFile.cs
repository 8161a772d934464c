using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Payments;

/// <summary>不能事由 (why the bank returned a transfer, 振込不能): our code list (docs/formats/returned-transfers.md).</summary>
public enum ReturnedTransferReason
{
    /// <summary>1 口座なし: no such account (取引なし).</summary>
    NoAccount = 1,

    /// <summary>2 名義相違: the 受取人名 does not match the account holder.</summary>
    NameMismatch = 2,

    /// <summary>3 解約済: the account was closed.</summary>
    Closed = 3,

    /// <summary>9 その他: any other reason (staff write a note).</summary>
    Other = 9,
}

/// <summary>The codes and Japanese names of <see cref="ReturnedTransferReason"/>.</summary>
public static class ReturnedTransferReasons
{
    /// <summary>Every reason, in code order.</summary>
    public static IReadOnlyList<ReturnedTransferReason> All { get; } =
        [ReturnedTransferReason.NoAccount, ReturnedTransferReason.NameMismatch, ReturnedTransferReason.Closed, ReturnedTransferReason.Other];

    /// <summary>The code written in files and on the command line ("1", "2", "3", "9").</summary>
    public static string Code(ReturnedTransferReason reason) => ((int)reason).ToString(CultureInfo.InvariantCulture);

    /// <summary>口座なし, 名義相違, 解約済, その他.</summary>
    public static string Label(ReturnedTransferReason reason) => reason switch
    {
        ReturnedTransferReason.NoAccount => "口座なし",
        ReturnedTransferReason.NameMismatch => "名義相違",
        ReturnedTransferReason.Closed => "解約済",
        ReturnedTransferReason.Other => "その他",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>Reads our code ("1", "2", "3", "9") or the Japanese name.</summary>
    public static bool TryParse(string? text, out ReturnedTransferReason reason)
    {
        var value = text?.Trim() ?? string.Empty;
        foreach (var candidate in All)
        {
            if (value == Code(candidate) || value == Label(candidate))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }
}

/// <summary>One readable row of a 振込不能 result file (interfaces: docs/formats/returned-transfers.md).</summary>
/// <param name="Line">The row's line (or record) number, for the per-row report.</param>
/// <param name="ProcessingMonth">処理年月 of the payment run, when the file gives it.</param>
/// <param name="PayDate">振込指定日 of the payment run, when the file gives it (one of the two is required).</param>
/// <param name="RecipientNumber">受給者番号 of the payee (顧客コード1 without its leading zeros to 7 digits).</param>
/// <param name="BankCode">金融機関コード (4 digits).</param>
/// <param name="BranchCode">支店コード (3 digits).</param>
/// <param name="AccountNumber">口座番号, zero-filled to 7 digits.</param>
/// <param name="Amount">金額 returned, yen.</param>
/// <param name="Reason">不能事由 after the layout's code map.</param>
public sealed record ReturnedTransferRow(
    long Line,
    YearMonth? ProcessingMonth,
    DateOnly? PayDate,
    string RecipientNumber,
    string BankCode,
    string BranchCode,
    string AccountNumber,
    long Amount,
    ReturnedTransferReason Reason);

/// <summary>What reading a 振込不能 file gave: the rows read and every problem (a file with an error imports nothing).</summary>
public sealed record ReturnedTransferReadResult(IReadOnlyList<ReturnedTransferRow> Rows, IReadOnlyList<ImportProblem> Problems, string Sha256, string LayoutName)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ImportSeverity.Error);
}

/// <summary>
/// The layout of a bank's 振込不能 result file: an import layout (docs/formats/layout-files.md: CSV or fixed
/// width, encoding, column names or byte positions) whose fields are the columns of the built-in
/// <c>returned-transfers</c> layout, plus <c>reasonCodes</c>, the bank's 不能事由コード mapped to ours.
/// </summary>
public sealed class ReturnedTransferLayout
{
    private const string ReasonCodesProperty = "reasonCodes";

    private ReturnedTransferLayout(ImportLayout layout, IReadOnlyDictionary<string, ReturnedTransferReason> reasonCodes)
    {
        Layout = layout;
        ReasonCodes = reasonCodes;
    }

    /// <summary>The columns a layout may map: the built-in ones (処理年月 and 振込指定日 optional, one of them needed).</summary>
    public static IReadOnlyList<string> Fields { get; } = ["処理年月", "振込指定日", "受給者番号", "金融機関コード", "支店コード", "口座番号", "金額", "不能事由コード"];

    /// <summary>The import layout the file is read with.</summary>
    public ImportLayout Layout { get; }

    /// <summary>The file's 不能事由コード → ours. The built-in layout maps our own codes.</summary>
    public IReadOnlyDictionary<string, ReturnedTransferReason> ReasonCodes { get; }

    public string Name => Layout.Name;

    /// <summary>The built-in CSV layout (UTF-8 or CP932, with a header; our reason codes).</summary>
    public static ReturnedTransferLayout BuiltIn()
    {
        using var stream = typeof(ReturnedTransferLayout).Assembly.GetManifestResourceStream("FukushiIryo.Formats.Payments.Layouts.returned-transfers.json")
            ?? throw new InvalidOperationException("The built-in returned-transfers layout resource is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "returned-transfers");
    }

    /// <summary>Loads a bank's layout file.</summary>
    /// <exception cref="ImportLayoutException">Not a valid layout for 振込不能 files (Japanese message).</exception>
    public static ReturnedTransferLayout Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Reads a layout from its JSON text.</summary>
    /// <exception cref="ImportLayoutException">Not a valid layout for 振込不能 files (Japanese message).</exception>
    public static ReturnedTransferLayout Parse(string json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new ImportLayoutException($"配置ファイル {name} は JSON のオブジェクトではありません。");
        }
        catch (JsonException exception)
        {
            throw new ImportLayoutException($"配置ファイル {name} は JSON として読めません: {exception.Message}", exception);
        }

        var codes = ReturnedTransferReasons.All.ToDictionary(ReturnedTransferReasons.Code, r => r, StringComparer.Ordinal);
        if (root[ReasonCodesProperty] is { } map)
        {
            codes = ReadReasonCodes(map, name);
            root.Remove(ReasonCodesProperty);
        }

        var layout = ImportLayout.Parse(root.ToJsonString(), name);
        var errors = layout.Columns.Where(c => !Fields.Contains(c.Field, StringComparer.Ordinal)).Select(c => $"「{c.Field}」は振込不能ファイルの列ではありません").ToList();
        var mapped = layout.Columns.Select(c => c.Field).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(Fields.Skip(2).Where(f => !mapped.Contains(f)).Select(f => $"必須の列「{f}」が columns にありません"));
        if (!mapped.Contains("処理年月") && !mapped.Contains("振込指定日"))
        {
            errors.Add("「処理年月」か「振込指定日」のどちらかが必要です");
        }

        if (errors.Count > 0)
        {
            throw new ImportLayoutException($"配置ファイル {name} は振込不能ファイルの取込に使えません: " + string.Join("。", errors) + "。");
        }

        return new ReturnedTransferLayout(layout, codes);
    }

    private static Dictionary<string, ReturnedTransferReason> ReadReasonCodes(JsonNode map, string name)
    {
        if (map is not JsonObject entries || entries.Count == 0)
        {
            throw new ImportLayoutException($"配置ファイル {name} の reasonCodes は {{ \"銀行のコード\": \"1\" }} の形で 1 件以上書いてください。");
        }

        var codes = new Dictionary<string, ReturnedTransferReason>(StringComparer.Ordinal);
        foreach (var (bankCode, ours) in entries)
        {
            string? value = ours is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (!ReturnedTransferReasons.TryParse(value, out var reason))
            {
                throw new ImportLayoutException($"配置ファイル {name} の reasonCodes「{bankCode}」の値「{ours}」は不能事由コードではありません（1 口座なし, 2 名義相違, 3 解約済, 9 その他）。");
            }

            codes[bankCode.Trim()] = reason;
        }

        return codes;
    }
}

/// <summary>
/// Reads a 振込不能 result file (docs/formats/returned-transfers.md) with a <see cref="ReturnedTransferLayout"/>:
/// every row checked, every problem reported by line and column. Matching the rows to the payment runs is
/// the App's work.
/// </summary>
public static class ReturnedTransferFile
{
    /// <summary>Reads the whole file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ReturnedTransferReadResult Read(string path, ReturnedTransferLayout layout, EncodingChoice? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var file = ImportFile.Open(path, layout.Layout, encoding);
        var problems = new List<ImportProblem>(file.FileProblems);
        var rows = new List<ReturnedTransferRow>();
        foreach (var record in file.Records())
        {
            problems.AddRange(record.Problems);
            if (record.Problems.Any(p => p.Severity == ImportSeverity.Error))
            {
                continue;
            }

            if (Row(record, layout, problems) is { } row)
            {
                rows.Add(row);
            }
        }

        if (rows.Count == 0 && !problems.Any(p => p.Severity == ImportSeverity.Error))
        {
            problems.Add(new ImportProblem(0, string.Empty, string.Empty, "振込不能の行がありません。"));
        }

        return new ReturnedTransferReadResult(rows, problems, file.Sha256, layout.Name);
    }

    private static ReturnedTransferRow? Row(ImportRecord record, ReturnedTransferLayout layout, List<ImportProblem> problems)
    {
        int before = problems.Count;
        var month = FieldParsers.Month(record, "処理年月", problems, required: false);
        var payDate = FieldParsers.Date(record, "振込指定日", problems, required: false);
        if (month is null && payDate is null && problems.Count == before)
        {
            problems.Add(new ImportProblem(record.Line, "処理年月", string.Empty, "処理年月か振込指定日のどちらかを書いてください"));
        }

        var recipient = RecipientNumber(record, problems);
        var bank = FieldParsers.Digits(record, "金融機関コード", 4, problems);
        var branch = FieldParsers.Digits(record, "支店コード", 3, problems);
        var account = FieldParsers.Digits(record, "口座番号", 1, 7, problems);
        var amount = FieldParsers.Amount(record, "金額", problems);
        if (amount == 0)
        {
            problems.Add(new ImportProblem(record.Line, "金額", record.Raw("金額") ?? string.Empty, "金額が 0 円です"));
        }

        var code = FieldParsers.RequiredText(record, "不能事由コード", problems);
        ReturnedTransferReason reason = default;
        if (code is not null && !layout.ReasonCodes.TryGetValue(code, out reason))
        {
            problems.Add(new ImportProblem(record.Line, "不能事由コード", record.Raw("不能事由コード") ?? code,
                $"不明な不能事由コードです（使えるコード: {string.Join(", ", layout.ReasonCodes.Keys)}）"));
            code = null;
        }

        if (problems.Skip(before).Any(p => p.Severity == ImportSeverity.Error) || recipient is null || bank is null || branch is null || account is null || amount is null || code is null)
        {
            return null;
        }

        return new ReturnedTransferRow(record.Line, month, payDate, recipient, bank, branch, account.PadLeft(7, '0'), amount.Value, reason);
    }

    /// <summary>受給者番号, or a 顧客コード1 zero-filled to 10 digits: 7 digits once the extra leading zeros are cut.</summary>
    private static string? RecipientNumber(ImportRecord record, List<ImportProblem> problems)
    {
        var digits = FieldParsers.Digits(record, "受給者番号", 1, 10, problems);
        if (digits is null)
        {
            return null;
        }

        if (digits.Length > 7 && digits[..^7].All(c => c == '0'))
        {
            digits = digits[^7..];
        }

        if (digits.Length != 7)
        {
            problems.Add(new ImportProblem(record.Line, "受給者番号", record.Raw("受給者番号") ?? digits, "受給者番号（7 桁）として読めません"));
            return null;
        }

        return digits;
    }
}
