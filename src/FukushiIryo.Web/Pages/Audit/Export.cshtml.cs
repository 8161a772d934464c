using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Exports;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Audit;

/// <summary>操作履歴のCSV出力 (監査, P9/P10): the events of a search, for a stated purpose, after a 再認証; itself audited.</summary>
public sealed class ExportModel(AuditLog log, PersonalDataExports exports, ReauthenticationGate gate, UserManager<StaffUser> users) : PageModel
{
    public static readonly string[] Columns = ["連番", "日時（日本時間）", "職員", "操作", "操作コード", "対象の種類", "対象", "端末", "相関ID", "詳細", "ハッシュ"];

    [BindProperty]
    public AuditFilter Filter { get; set; } = new();

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Problem { get; private set; }

    public bool RecentlyReauthenticated { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Audit/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        RecentlyReauthenticated = await gate.IsRecentAsync(HttpContext).ConfigureAwait(false);
        if (Filter.ToQuery(out var filterProblem) is not { } query)
        {
            Problem = filterProblem;
            return Page();
        }

        if (PersonalDataExports.CheckPurpose(Purpose) is { } purposeProblem)
        {
            Problem = purposeProblem;
            return Page();
        }

        if (await gate.CheckAsync(HttpContext, Password, Code, "export audit log").ConfigureAwait(false) is { } authProblem)
        {
            Problem = authProblem;
            return Page();
        }

        var user = await users.GetUserAsync(User).ConfigureAwait(false);
        var request = new ExportRequest("audit-log", "操作履歴", Purpose!, User.Identity!.Name!, user?.DisplayName ?? string.Empty, query.ToDetails());
        var result = await exports.WriteAsync(request, Columns, Rows(query), HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Status != ExportStatus.Written)
        {
            Problem = "操作履歴に個人番号らしき数字が含まれていたため、出力を中止しました（この中止も記録されています）。システム管理者に連絡してください。";
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        var stream = new FileStream(result.Path!, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return File(stream, "text/csv; charset=utf-8", result.FileName);
    }

    private async IAsyncEnumerable<IReadOnlyList<string?>> Rows(AuditQuery query)
    {
        await foreach (var e in log.AllMatchingAsync(query).WithCancellation(HttpContext.RequestAborted).ConfigureAwait(false))
        {
            yield return
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture),
                JstClock.ToJst(e.OccurredAt).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                e.Actor,
                AuditEventLabels.For(e.EventType),
                e.EventType,
                e.SubjectType,
                e.SubjectId,
                e.ClientAddress,
                e.CorrelationId,
                e.Details,
                e.Hash,
            ];
        }
    }
}
