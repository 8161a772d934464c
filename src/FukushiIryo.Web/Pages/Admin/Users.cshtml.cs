using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Admin;

/// <summary>
/// 職員アカウント (P6–P8): the accounts with their roles and validity; an administrator changes
/// roles and the end of validity, or disables and enables an account. A change of permissions
/// needs a recent 再認証, is refused when the account changed since the form was shown, and is
/// audited by <see cref="StaffAccounts"/>. New accounts and passwords stay with the CLI (the
/// server's operator), as does the TOTP enrolment.
/// </summary>
[RequiresReauthentication]
public sealed class UsersModel(StaffAccounts accounts, UserManager<StaffUser> users) : PageModel
{
    public const string StaleMessage = "このアカウントは、画面を開いた後に他の操作で変更されています。最新の内容を確認してから、もう一度変更してください。";

    public IReadOnlyList<StaffAccountSummary> Accounts { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Stamps { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public string? Login { get; set; }

    [BindProperty]
    public string? Stamp { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    public string? ValidTo { get; set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostRolesAsync()
    {
        var user = await CurrentAsync().ConfigureAwait(false);
        if (user is null)
        {
            return await ShowAsync().ConfigureAwait(false);
        }

        DateOnly? validTo = null;
        if (!string.IsNullOrWhiteSpace(ValidTo))
        {
            var problems = new List<FieldProblem>();
            if (FormDates.Read(ValidTo, nameof(ValidTo), "有効期間の終了日", problems) is not { } parsed)
            {
                Error = problems[0].Message;
                return await ShowAsync().ConfigureAwait(false);
            }

            validTo = parsed;
        }

        var result = await accounts.UpdateAsync(new StaffAccountChange(user.UserName!, Roles.Distinct(StringComparer.Ordinal).ToList(), validTo, null),
            User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
        Report(result);
        return await ShowAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostEnableAsync() => await SetEnabledAsync(true).ConfigureAwait(false);

    public async Task<IActionResult> OnPostDisableAsync() => await SetEnabledAsync(false).ConfigureAwait(false);

    private async Task<IActionResult> SetEnabledAsync(bool enabled)
    {
        var user = await CurrentAsync().ConfigureAwait(false);
        if (user is not null)
        {
            Report(await accounts.SetEnabledAsync(user.UserName!, enabled, User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false));
        }

        return await ShowAsync().ConfigureAwait(false);
    }

    /// <summary>The account named by the form, when it is unchanged since the form was shown.</summary>
    private async Task<StaffUser?> CurrentAsync()
    {
        var user = string.IsNullOrEmpty(Login) ? null : await users.FindByNameAsync(Login).ConfigureAwait(false);
        if (user is null)
        {
            Error = "アカウントが見つかりません。";
            return null;
        }

        if (!string.Equals(user.ConcurrencyStamp, Stamp, StringComparison.Ordinal))
        {
            Error = StaleMessage;
            return null;
        }

        return user;
    }

    private void Report(AccountResult result)
    {
        if (result.Outcome == AccountOutcome.Ok)
        {
            Message = result.Message;
        }
        else
        {
            Error = result.Message;
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        Accounts = await accounts.ListAsync(User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
        Stamps = users.Users.Select(u => new { u.UserName, u.ConcurrencyStamp })
            .AsEnumerable()
            .ToDictionary(u => u.UserName ?? string.Empty, u => u.ConcurrencyStamp ?? string.Empty, StringComparer.Ordinal);
    }
}
