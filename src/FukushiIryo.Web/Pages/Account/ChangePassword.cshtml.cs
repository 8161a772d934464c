using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Account;

/// <summary>
/// A password set by an administrator must be changed at the next web login, before the second
/// factor (which it never replaces).
/// </summary>
public sealed class ChangePasswordModel(LoginFlow flow, StaffAccounts accounts, StaffTotp totp) : PageModel
{
    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Login { get; private set; } = string.Empty;

    public List<string> Messages { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await flow.HeldAsync(HttpContext).ConfigureAwait(false);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Login = user.UserName ?? string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await flow.HeldAsync(HttpContext).ConfigureAwait(false);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Login = user.UserName ?? string.Empty;
        if (!string.Equals(NewPassword, Confirmation, StringComparison.Ordinal))
        {
            Messages.Add("確認のために入力したパスワードが一致しません。");
            return Page();
        }

        var result = await accounts.ChangeOwnPasswordAsync(user, NewPassword ?? string.Empty, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        if (result.Outcome != AccountOutcome.Ok)
        {
            Messages.Add(result.Message);
            return Page();
        }

        // The security stamp changed with the password: hold the account again for the second factor.
        await flow.HoldAsync(HttpContext, user).ConfigureAwait(false);
        var next = await flow.NextStepAsync(user, totp).ConfigureAwait(false);
        return LocalRedirect(next + (Url.IsLocalUrl(ReturnUrl) ? "?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl!) : string.Empty));
    }
}
