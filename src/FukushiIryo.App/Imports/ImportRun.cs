using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.App.Imports;

/// <summary>What an import is asked to do (interfaces.md §0).</summary>
public sealed record ImportRequest(
    string FilePath,
    string Actor,
    DateOnly ImportDate,
    EncodingChoice Encoding = EncodingChoice.Auto,
    string? LayoutPath = null,
    bool DryRun = false,
    bool Migration = false);

/// <summary>How an import ended.</summary>
public enum ImportStatus
{
    /// <summary>Written.</summary>
    Imported,

    /// <summary>--dry-run: valid, nothing written.</summary>
    Validated,

    /// <summary>The file has file errors: nothing written (exit 1).</summary>
    Rejected,

    /// <summary>The same bytes were imported before (exit 1).</summary>
    AlreadyImported,
}

/// <summary>The summary every import prints (interfaces.md §0) and the problems it found.</summary>
public sealed class ImportResult
{
    /// <summary>At most this many problems are kept; the report says when more were found.</summary>
    public const int MaxProblemsKept = 100_000;

    private readonly List<ImportProblem> errors = [];
    private readonly List<ImportProblem> warnings = [];
    private readonly List<long> skippedLines = [];

    public ImportStatus Status { get; set; }

    public string FileName { get; init; } = string.Empty;

    public string Sha256 { get; set; } = string.Empty;

    public int RowsRead { get; set; }

    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Problems that make the file fail (file errors).</summary>
    public IReadOnlyList<ImportProblem> Errors => errors;

    public int ErrorCount { get; private set; }

    public IReadOnlyList<ImportProblem> Warnings => warnings;

    public int WarningCount { get; private set; }

    /// <summary>Rows skipped by the purpose rule (P1), by physical line number.</summary>
    public IReadOnlyList<long> SkippedLines => skippedLines;

    /// <summary>Other outcomes worth a line in the summary (e.g. 資格喪失候補 raised).</summary>
    public List<string> Notes { get; } = [];

    public bool HasErrors => ErrorCount > 0;

    public void Add(ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Severity == ImportSeverity.Warning)
        {
            WarningCount++;
            if (warnings.Count < MaxProblemsKept)
            {
                warnings.Add(problem);
            }
        }
        else
        {
            ErrorCount++;
            if (errors.Count < MaxProblemsKept)
            {
                errors.Add(problem);
            }
        }
    }

    public void AddRange(IEnumerable<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            Add(problem);
        }
    }

    public void Skip(long line) => skippedLines.Add(line);

    /// <summary>The summary lines for stdout, in Japanese.</summary>
    public IEnumerable<string> SummaryLines()
    {
        yield return $"ファイル: {FileName}";
        yield return $"読込 {RowsRead} 行 / 新規 {Inserted} 件 / 更新 {Updated} 件 / 変更なし {Unchanged} 件 / 対象外 {SkippedLines.Count} 件 / 警告 {WarningCount} 件 / エラー {ErrorCount} 件";
        if (SkippedLines.Count > 0)
        {
            yield return "対象外（目的外のため取り込まず保存もしない）行: " + string.Join(",", SkippedLines.Take(200)) + (SkippedLines.Count > 200 ? " ほか" : string.Empty);
        }

        foreach (var warning in Warnings.Take(50))
        {
            yield return $"警告 {warning.Line}行 {warning.Column}: {warning.Reason}";
        }

        foreach (var note in Notes)
        {
            yield return note;
        }

        yield return Status switch
        {
            ImportStatus.Imported => "取込を完了しました。",
            ImportStatus.Validated => "検証のみ（--dry-run）: エラーはありません。何も書き込んでいません。",
            ImportStatus.AlreadyImported => "このファイルは取込済みです（同じ内容のファイル）。何も書き込んでいません。",
            _ => "エラーがあるため、このファイルは1行も取り込んでいません。",
        };
    }
}

/// <summary>Small parsers shared by the imports: each returns null and records a file error when the value is unusable.</summary>
public static class ImportValues
{
    public static string? Required(ImportRecord record, string column, ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        var value = record[column];
        if (string.IsNullOrEmpty(value))
        {
            result.Add(new ImportProblem(record.Line, column, value ?? string.Empty, "必須の値がありません"));
            return null;
        }

        return value;
    }

    /// <summary>An identifier: ASCII digits, leading zeros significant.</summary>
    public static string? Identifier(ImportRecord record, string column, ImportResult result, bool required = true, int maxLength = 20)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        var value = record[column];
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                result.Add(new ImportProblem(record.Line, column, string.Empty, "必須の値がありません"));
            }

            return null;
        }

        if (value.Length > maxLength || !value.All(char.IsAsciiDigit))
        {
            result.Add(new ImportProblem(record.Line, column, value, $"数字{maxLength}桁以内で指定してください"));
            return null;
        }

        return value;
    }

    public static DateOnly? Date(ImportRecord record, string column, ImportResult result, ImportDateStyle style, bool required)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        var value = record[column];
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                result.Add(new ImportProblem(record.Line, column, string.Empty, "必須の値がありません"));
            }

            return null;
        }

        var parsed = ImportDate.TryParseDate(value, style);
        if (!parsed.TryGetValue(out var date))
        {
            result.Add(new ImportProblem(record.Line, column, value, parsed.ErrorMessage ?? "日付として読めません"));
            return null;
        }

        if (parsed.HasWarning)
        {
            result.Add(new ImportProblem(record.Line, column, value, parsed.WarningMessage ?? "日付の表記に注意が必要です", ImportSeverity.Warning));
        }

        return date;
    }

    /// <summary>A value from a closed vocabulary; empty is allowed only when <paramref name="required"/> is false.</summary>
    public static string? Choice(ImportRecord record, string column, ImportResult result, IReadOnlyCollection<string> allowed, bool required)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(allowed);
        var value = record[column];
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                result.Add(new ImportProblem(record.Line, column, string.Empty, "必須の値がありません"));
            }

            return null;
        }

        // Values are read after NFKC (interfaces.md §0), so 妻（未届） arrives as 妻(未届): compare in
        // that form and return the vocabulary's own spelling.
        var canonical = allowed.FirstOrDefault(option =>
            string.Equals(option.Normalize(System.Text.NormalizationForm.FormKC), value, StringComparison.Ordinal));
        if (canonical is null)
        {
            result.Add(new ImportProblem(record.Line, column, value, "使える値は " + string.Join("、", allowed) + " です"));
        }

        return canonical;
    }
}
