using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Account;

/// <summary>ログイン: a named account with its password (the second factor arrives with Security A).</summary>
public sealed class LoginModel(SignInManager<StaffUser> signIn, LoginFlow flow, StaffTotp totp, FukushiDbContext db, TimeProvider clock) : PageModel
{
    public const string Failed = "ログインIDまたはパスワードが違います。";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public bool NoAccountYet { get; private set; }

    public async Task OnGetAsync() => NoAccountYet = !await db.Users.AnyAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync()
    {
        var login = Input.Login?.Trim() ?? string.Empty;
        var user = login.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(login).ConfigureAwait(false);
        if (user is null || !user.IsActiveOn(JstClock.Today(clock)) || user.PasswordHash is null)
        {
            await flow.AuditAsync(HttpContext, login, AuditEventType.LoginFailed, user is null ? "unknown" : "inactive").ConfigureAwait(false);
            Message = Failed;
            NoAccountYet = !await db.Users.AnyAsync().ConfigureAwait(false);
            return Page();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password ?? string.Empty, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            // The password is right: the account is held for the next steps (a new password if an
            // administrator set it, then the second factor); nothing is open yet.
            await flow.HoldAsync(HttpContext, user).ConfigureAwait(false);
            var next = await flow.NextStepAsync(user, totp).ConfigureAwait(false);
            return LocalRedirect(next + (Url.IsLocalUrl(ReturnUrl) ? "?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl!) : string.Empty));
        }

        await flow.AuditAsync(HttpContext, user.UserName!, AuditEventType.LoginFailed, result.IsLockedOut ? "locked" : "password").ConfigureAwait(false);
        Message = result.IsLockedOut
            ? "失敗が続いたため、このアカウントは一時的にロックされています。しばらくしてからもう一度お試しください。"
            : Failed;
        return Page();
    }
}

public sealed class LoginInput
{
    public string? Login { get; set; }

    public string? Password { get; set; }
}
