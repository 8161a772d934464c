using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Admin;

/// <summary>
/// 利用中のセッション (P7, P8): the open sessions of every account, with the accounts used from two
/// or more clients at once marked for the administrators, who can end an account's sessions.
/// </summary>
public sealed class SessionsModel(StaffSessions sessions, FukushiDbContext db) : PageModel
{
    public IReadOnlyList<AccountSessions> Accounts { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostEndAsync(long userId)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound();
        }

        var ended = await sessions.EndAllAsync(userId, "ended-by-admin").ConfigureAwait(false);
        db.AddAudit(new AuditEntry(User.Identity!.Name!, AuditEventType.SessionsEndedByAdmin, "user", user.UserName,
            new Dictionary<string, object?> { ["sessions"] = ended },
            HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.TraceIdentifier));
        await db.SaveChangesAsync().ConfigureAwait(false);
        Message = $"{user.DisplayName}（{user.UserName}）のセッション {ended} 件を終了しました。";
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        var open = await sessions.OpenSessionsAsync().ConfigureAwait(false);
        var ids = open.Select(s => s.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id).ConfigureAwait(false);
        Accounts = open.GroupBy(s => s.UserId)
            .Select(group => new AccountSessions(users[group.Key], group.ToList()))
            .OrderByDescending(a => a.IsConcurrent).ThenBy(a => a.User.UserName, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>An account's open sessions; concurrent when they come from two or more clients (address and browser).</summary>
public sealed record AccountSessions(StaffUser User, IReadOnlyList<StaffSession> Sessions)
{
    public bool IsConcurrent => Sessions.Select(s => (s.ClientAddress, s.UserAgent)).Distinct().Count() > 1;
}
