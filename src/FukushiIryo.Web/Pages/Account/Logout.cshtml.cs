using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<StaffUser> signIn, StaffSessions sessions, FukushiDbContext db) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            if (User.FindFirst(SessionValidation.SessionClaim)?.Value is { } sessionId)
            {
                await sessions.EndAsync(sessionId, "logout").ConfigureAwait(false);
            }

            db.AddAudit(new AuditEntry(User.Identity.Name!, AuditEventType.Logout, "user", User.Identity.Name, null,
                HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.TraceIdentifier));
            await db.SaveChangesAsync().ConfigureAwait(false);
        }

        await signIn.SignOutAsync().ConfigureAwait(false);
        return RedirectToPage("/Account/Logout");
    }
}
