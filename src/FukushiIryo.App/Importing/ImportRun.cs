using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.App.Importing;

/// <summary>What an import is asked to do (interfaces.md §0).</summary>
public sealed record ImportRequest(
    string FilePath,
    string Actor,
    DateOnly ImportDate,
    EncodingChoice? Encoding = null,
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
