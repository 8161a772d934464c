using System.Security.Claims;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Account;

/// <summary>再認証: the password and a TOTP code again, before an export or a change of permissions.</summary>
public sealed class ReauthenticateModel(UserManager<StaffUser> users, StaffStepUp stepUp, StaffSessions sessions) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User).ConfigureAwait(false);
        var sessionId = User.FindFirstValue(SessionValidation.SessionClaim);
        if (user is null || sessionId is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var outcome = await stepUp.VerifyAsync(user, Password ?? string.Empty, Code ?? string.Empty, "reauthenticate",
            HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.TraceIdentifier, HttpContext.RequestAborted).ConfigureAwait(false);
        Password = null;
        Code = null;
        if (outcome != StepUpOutcome.Accepted)
        {
            Message = StaffStepUp.Describe(outcome);
            return Page();
        }

        await sessions.MarkReauthenticatedAsync(sessionId, HttpContext.RequestAborted).ConfigureAwait(false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
