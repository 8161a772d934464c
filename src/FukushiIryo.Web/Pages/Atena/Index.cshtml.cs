using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Numbers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Atena;

/// <summary>
/// 宛名管理 (permission <c>atena.lookup</c>; the reveal needs <c>atena.reveal</c>, a purpose and 再認証 inline, as
/// exports do): the 宛名番号 of a 個人番号 (照会), and the 個人番号 of a 宛名番号 (表示), shown once in the answer to
/// the POST and never again: no-store, never put back into a form, never logged; the vault audits both with the
/// 宛名番号 only (ADR 0027).
/// </summary>
public sealed class IndexModel(IAtenaVault vault, ReauthenticationGate gate) : PageModel
{
    /// <summary>The 個人番号 typed for a 照会: read once, never rendered back.</summary>
    [BindProperty]
    public string? MyNumberInput { get; set; }

    [BindProperty]
    public string? AtenaNumber { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? LookupProblem { get; private set; }

    /// <summary>After a 照会: the 宛名番号 found, or empty when none.</summary>
    public string? FoundAtenaNumber { get; private set; }

    public bool LookedUp { get; private set; }

    public string? RevealProblem { get; private set; }

    /// <summary>After a 表示: the digits, for this one response only.</summary>
    public string? RevealedDigits { get; private set; }

    public bool RecentlyReauthenticated { get; private set; }

    public bool MayReveal { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostLookupAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        var input = MyNumberInput?.Normalize(System.Text.NormalizationForm.FormKC).Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        MyNumberInput = null;
        if (!MyNumber.TryParse(input, out var number))
        {
            LookupProblem = "個人番号は12桁の数字で、検査用数字（チェックデジット）が正しいものを入力してください。";
            return Page();
        }

        FoundAtenaNumber = await vault.FindAtenaNumberAsync(number, User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false) ?? string.Empty;
        LookedUp = true;
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        if (!MayReveal)
        {
            return Forbid();
        }

        var atena = AtenaNumber?.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (string.IsNullOrEmpty(atena) || atena.Length > 20 || !atena.All(char.IsAsciiDigit))
        {
            RevealProblem = "宛名番号を数字で入力してください。";
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Purpose) || Purpose.Trim().Length < 4)
        {
            RevealProblem = "表示する目的を4文字以上で入力してください。";
            return Page();
        }

        if (await gate.CheckAsync(HttpContext, Password, Code, "atena reveal").ConfigureAwait(false) is { } authProblem)
        {
            Password = null;
            Code = null;
            RevealProblem = authProblem;
            return Page();
        }

        RecentlyReauthenticated = true;
        try
        {
            var revealed = await vault.RevealAsync([atena], User.Identity!.Name!, Purpose.Trim(), HttpContext.RequestAborted).ConfigureAwait(false);
            if (revealed.TryGetValue(atena, out var number))
            {
                RevealedDigits = number.RevealDigits();
            }
            else
            {
                RevealProblem = $"宛名番号 {atena} には個人番号が登録されていません（この照会も記録されています）。";
            }
        }
        catch (AtenaVaultRefusedException exception)
        {
            RevealProblem = exception.Message;
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        RecentlyReauthenticated = await gate.IsRecentAsync(HttpContext).ConfigureAwait(false);
        MayReveal = Permissions.Allows(Permissions.AtenaReveal, User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value));
    }
}
