using FukushiIryo.App.Data;
using FukushiIryo.App.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 不納欠損 (決裁; permission <c>payments.writeoff</c>; 再認証 before the page, as the CLI asks for the password
/// and a TOTP code): the open 返還請求 with what is outstanding; a user other than the one who made it writes
/// the outstanding amount off, with a reason.
/// </summary>
[RequiresReauthentication(IncludeGet = true)]
public sealed class WriteOffModel(Recoveries recoveries) : PageModel
{
    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<RecoveryBalance> Open { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public async Task OnGetAsync() => Open = await recoveries.ListAsync(openOnly: true).ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var balance = await recoveries.WriteOffAsync(Number ?? string.Empty, Reason ?? string.Empty, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
            Done = $"返還請求 {balance.Recovery.Number} の未収額 {PaymentPages.Yen(balance.Recovery.WrittenOffAmount)} を不納欠損にしました。";
        }
        catch (Exception exception) when (exception is RecoveryRefusedException or ConcurrencyConflictException)
        {
            Problem = exception.Message;
        }

        await OnGetAsync().ConfigureAwait(false);
        return Page();
    }
}
