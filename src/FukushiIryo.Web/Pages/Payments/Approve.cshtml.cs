using FukushiIryo.App.Data;
using FukushiIryo.App.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 支払の承認 (支払決定, 決裁; permission <c>payments.approve</c>; 再認証 before the page, as the CLI asks for
/// the password and a TOTP code): the run as prepared, approved as shown (its version) by a user other
/// than the preparer. The claims become paid in the same transaction.
/// </summary>
[RequiresReauthentication(IncludeGet = true)]
public sealed class ApproveModel(PaymentRuns runs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public long Version { get; set; }

    public PaymentRun? Run { get; private set; }

    public IReadOnlyList<PaymentPayee> Payees { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync().ConfigureAwait(false))
        {
            return Redirect("/Payments");
        }

        Version = Run?.Version ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync().ConfigureAwait(false) || Run is null)
        {
            return Redirect("/Payments");
        }

        try
        {
            await runs.ApproveAsync(PaymentPages.ParseMonth(Month)!.Value, User.Identity!.Name!, Version, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is PaymentRunRefusedException or ConcurrencyConflictException)
        {
            Problem = exception.Message;
            await LoadAsync().ConfigureAwait(false);
            return Page();
        }

        return Redirect($"/Payments?month={Month}");
    }

    private async Task<bool> LoadAsync()
    {
        if (PaymentPages.ParseMonth(Month) is not { } month)
        {
            return false;
        }

        Run = await runs.FindAsync(month).ConfigureAwait(false);
        Payees = Run is null ? [] : await runs.PayeesAsync(Run).ConfigureAwait(false);
        return true;
    }
}
