using System.Security.Cryptography;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Exports;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.App.Statistics;

/// <summary>Which statistics report.</summary>
public enum StatisticsReportKind
{
    /// <summary>受給者数調査 (<c>report recipients --as-of DATE</c>).</summary>
    Recipients = 1,

    /// <summary>支払月報 (<c>report payments --month YYYY-MM</c>).</summary>
    Payments = 2,

    /// <summary>県補助金 (<c>report prefecture --year YYYY</c>).</summary>
    Prefecture = 3,
}

/// <summary>The file format of a report, chosen by the file's extension.</summary>
public enum ReportFormat
{
    Csv = 1,
    Xlsx = 2,
    Pdf = 3,
}

/// <summary>A report written: where, how large, its SHA-256.</summary>
public sealed record ReportFileResult(string Path, ReportFormat Format, long Bytes, string Sha256, StatisticsReport Report);

/// <summary>
/// Builds a statistics report (<see cref="StatisticsQueries"/>) and renders it as CSV, XLSX or PDF
/// (interfaces.md §6); writing a file goes through a temporary file in the same folder so that nothing
/// half-written is left, and is audited (<see cref="AuditEventType.StatisticsReportWritten"/>).
/// </summary>
public sealed class StatisticsReports(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>The format for <paramref name="path"/>'s extension (.csv, .xlsx, .pdf); null for another.</summary>
    public static ReportFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ReportFormat.Csv,
        ".xlsx" => ReportFormat.Xlsx,
        ".pdf" => ReportFormat.Pdf,
        _ => null,
    };

    /// <summary>Builds the report; <paramref name="date"/> is the 基準日 (受給者数調査), the 処理年月's 1st (支払月報) or any day of the 年度 (県補助金).</summary>
    public Task<StatisticsReport> BuildAsync(StatisticsReportKind kind, DateOnly date, CancellationToken cancellationToken = default)
    {
        var queries = new StatisticsQueries(db);
        return kind switch
        {
            StatisticsReportKind.Recipients => queries.RecipientSurveyAsync(date, cancellationToken),
            StatisticsReportKind.Payments => queries.MonthlyReportAsync(new YearMonth(date.Year, date.Month), cancellationToken),
            StatisticsReportKind.Prefecture => queries.PrefectureClaimAsync(FiscalYear.Of(date), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The bytes of <paramref name="report"/> in <paramref name="format"/>.</summary>
    public static byte[] Render(StatisticsReport report, ReportFormat format, string actor, DateTimeOffset at) => format switch
    {
        ReportFormat.Csv => ReportCsv.Write(report),
        ReportFormat.Xlsx => ReportXlsx.Write(report),
        ReportFormat.Pdf => StatisticsReportPdf.Render(report, actor, at).Pdf,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Builds, renders and writes the report to <paramref name="path"/> (replacing a file there), audited.</summary>
    public async Task<ReportFileResult> WriteAsync(StatisticsReportKind kind, DateOnly date, string path, string actor, CancellationToken cancellationToken = default)
    {
        var format = FormatOf(path) ?? throw new ArgumentException("出力ファイルの拡張子は .csv、.xlsx、.pdf のいずれかにしてください。", nameof(path));
        var report = await BuildAsync(kind, date, cancellationToken).ConfigureAwait(false);
        var now = AppClock.Now(clock);
        var bytes = Render(report, format, actor, now);
        var full = Path.GetFullPath(path);
        await AtomicFile.WriteAllBytesAsync(full, bytes, cancellationToken).ConfigureAwait(false);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await AuditAsync(kind, report, format, sha, actor, cancellationToken).ConfigureAwait(false);
        return new ReportFileResult(full, format, bytes.LongLength, sha, report);
    }

    /// <summary>Records that <paramref name="report"/> was written or shown (aggregates only: no subject person).</summary>
    public async Task AuditAsync(StatisticsReportKind kind, StatisticsReport report, ReportFormat? format, string sha256, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        db.AddAudit(new AuditEntry(actor, AuditEventType.StatisticsReportWritten, "statistics", kind.ToString(), new Dictionary<string, object?>
        {
            ["report"] = report.Title,
            ["conditions"] = string.Join(" / ", report.Conditions),
            ["format"] = format?.ToString(),
            ["sha256"] = sha256,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
