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
public sealed class ExportModel(AuditLog log, PersonalDataExports exports, ReauthenticationGate gate, UserManager<StaffUser> users)
    : ExportPageModel(exports, gate, users)
{
    public static readonly string[] Columns = ["連番", "日時（日本時間）", "職員", "操作", "操作コード", "対象の種類", "対象", "端末", "相関ID", "詳細", "ハッシュ"];

    [BindProperty]
    public AuditFilter Filter { get; set; } = new();

    public IActionResult OnGet() => RedirectToPage("/Audit/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadReauthenticationAsync().ConfigureAwait(false);
        if (Filter.ToQuery(out var filterProblem) is not { } query)
        {
            Problem = filterProblem;
            return Page();
        }

        return await DeliverAsync("audit-log", "操作履歴", query.ToDetails(), Columns, Rows(query)).ConfigureAwait(false);
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
