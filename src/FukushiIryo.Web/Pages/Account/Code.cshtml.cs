using FukushiIryo.App.Audit;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Account;

/// <summary>The second factor at every login: a TOTP code (single use, ±1 step) or a recovery code.</summary>
public sealed class CodeModel(LoginFlow flow, StaffTotp totp) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public string Login { get; private set; } = string.Empty;

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

    public Task<IActionResult> OnPostAsync() => VerifyAsync((user, ct) => totp.VerifyCodeAsync(user, (Code ?? string.Empty).Trim(), ct));

    public Task<IActionResult> OnPostRecoveryAsync() => VerifyAsync((user, ct) => totp.RedeemRecoveryCodeAsync(user, (RecoveryCode ?? string.Empty).Trim(), ct));

    private async Task<IActionResult> VerifyAsync(Func<StaffUser, CancellationToken, Task<TotpOutcome>> verify)
    {
        var user = await flow.HeldAsync(HttpContext).ConfigureAwait(false);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Login = user.UserName ?? string.Empty;
        var outcome = await verify(user, HttpContext.RequestAborted).ConfigureAwait(false);
        switch (outcome)
        {
            case TotpOutcome.Accepted:
                await flow.CompleteAsync(HttpContext, user).ConfigureAwait(false);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case TotpOutcome.NotEnrolled:
                return RedirectToPage("/Account/Enroll", new { ReturnUrl });
            case TotpOutcome.LockedOut:
                Message = "失敗が続いたため、このアカウントは一時的にロックされています。しばらくしてからもう一度お試しください。";
                break;
            case TotpOutcome.Replayed:
                Message = "この確認コードは使用済みです。次のコードが表示されてから入力してください。";
                break;
            default:
                Message = "確認コードが違います。";
                break;
        }

        return Page();
    }
}
