using System.Globalization;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Statistics;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Statistics;

/// <summary>
/// 統計 (permission <c>statistics.report</c>, ADR 0034): the 助成額 and 件数 paid by approved runs in each of
/// the last 24 処理年月 and the recipients by 受給者区分 on a 基準日, as server-drawn SVG charts with the
/// same figures in tables; and the three reports (受給者数調査, 支払月報, 県補助金) to download as CSV,
/// XLSX or PDF (audited). Aggregates only.
/// </summary>
public sealed class IndexModel(StatisticsQueries queries, StatisticsReports reports, TimeProvider clock) : PageModel
{
    /// <summary>Months on the monthly charts.</summary>
    public const int Months = 24;

    public IReadOnlyList<MonthlyPaid> Series { get; private set; } = [];

    public IReadOnlyList<(string Label, long Count)> ByKind { get; private set; } = [];

    public DateOnly AsOf { get; private set; }

    public string LastMonth { get; private set; } = string.Empty;

    /// <summary>The 年度 of <see cref="LastMonth"/>: the 県補助金 report's default condition.</summary>
    public int LastMonthFiscalYear { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(string? month, string? asOf, CancellationToken cancellationToken)
    {
        var today = JstClock.Today(clock);
        var last = ParseMonth(month) ?? new YearMonth(today.Year, today.Month);
        if (month is not null && ParseMonth(month) is null)
        {
            Problem = "処理年月は 2026-10 または R8.10 の形で指定してください。";
        }

        if (!string.IsNullOrWhiteSpace(asOf) && ParseDate(asOf) is null)
        {
            Problem = FormDates.Invalid("受給者数の基準日", ImportDate.TryParseDate(asOf).ErrorMessage);
        }

        AsOf = ParseDate(asOf) ?? today;
        LastMonth = last.ToString();
        LastMonthFiscalYear = FiscalYear.Of(last).Year;
        Series = await queries.MonthlySeriesAsync(last, Months, cancellationToken).ConfigureAwait(false);
        var (facts, _, _) = await queries.RecipientFactsAsync(AsOf, cancellationToken).ConfigureAwait(false);
        ByKind = [.. new[] { RecipientKind.Parent, RecipientKind.Child, RecipientKind.Carer, RecipientKind.Orphan }
            .Select(kind => (RecipientStatistics.Label(kind), facts.LongCount(f => f.Kind == kind)))];
    }

    /// <summary>Downloads a report: <paramref name="kind"/> with its condition (基準日, 処理年月 or 年度) in <paramref name="format"/> (csv, xlsx, pdf).</summary>
    public async Task<IActionResult> OnPostDownloadAsync(string kind, string? condition, string format, CancellationToken cancellationToken)
    {
        (StatisticsReportKind Kind, DateOnly Date, string Name)? chosen = kind switch
        {
            "recipients" when ParseDate(condition) is { } d => (StatisticsReportKind.Recipients, d, $"recipients-{d:yyyyMMdd}"),
            "payments" when ParseMonth(condition) is { } m => (StatisticsReportKind.Payments, m.FirstDay, $"payments-{m.ToNumber()}"),
            "prefecture" when int.TryParse(condition, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2999
                => (StatisticsReportKind.Prefecture, new FiscalYear(y).Start, $"prefecture-{y}"),
            _ => null,
        };
        var reportFormat = StatisticsReports.FormatOf("x." + (format ?? string.Empty));
        if (chosen is null || reportFormat is null)
        {
            await OnGetAsync(null, null, cancellationToken).ConfigureAwait(false);
            Problem = "帳票の条件（基準日 2026-10-01 または R8.10.1、処理年月 2026-10 または R8.10、年度 2026）と形式を確かめてください。";
            return Page();
        }

        var actor = User.Identity?.Name ?? "unknown";
        var report = await reports.BuildAsync(chosen.Value.Kind, chosen.Value.Date, cancellationToken).ConfigureAwait(false);
        var bytes = StatisticsReports.Render(report, reportFormat.Value, actor, clock.GetUtcNow());
        await reports.AuditAsync(chosen.Value.Kind, report, reportFormat, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), actor, cancellationToken).ConfigureAwait(false);
        var (type, extension) = reportFormat.Value switch
        {
            ReportFormat.Csv => ("text/csv", "csv"),
            ReportFormat.Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            _ => ("application/pdf", "pdf"),
        };
        return File(bytes, type, $"{chosen.Value.Name}.{extension}");
    }

    // 西暦 (2026-10) or 和暦 (R8.10, 令和8年10月), as every date field reads them.
    private static YearMonth? ParseMonth(string? text) =>
        ImportDate.TryParseMonth(text).TryGetValue(out var month) && month.Year >= 1900 ? month : null;

    private static DateOnly? ParseDate(string? text) =>
        ImportDate.TryParseDate(text).TryGetValue(out var date) ? date : null;
}
