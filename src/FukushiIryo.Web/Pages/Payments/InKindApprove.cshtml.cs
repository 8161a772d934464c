using FukushiIryo.App.Data;
using FukushiIryo.App.Payments;
using FukushiIryo.App.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 現物給付の精算の承認 (決裁; permission <c>payments.approve</c>; 再認証 before the page, ADR 0032): every 請求書 of
/// the month as reconciled, approved with a 支払日 by a user other than the one who recorded them.
/// </summary>
[RequiresReauthentication(IncludeGet = true)]
public sealed class InKindApproveModel(InKindSettlements settlements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public string? PayDate { get; set; }

    public IReadOnlyList<InKindInvoice> Invoices { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>The message beside the 支払日 field.</summary>
    public string? PayDateError { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (PaymentPages.ParseMonth(Month) is not { } month)
        {
            return Redirect("/Payments/InKind");
        }

        Invoices = await settlements.InvoicesAsync(month).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (PaymentPages.ParseMonth(Month) is not { } month)
        {
            return Redirect("/Payments/InKind");
        }

        var problems = new List<FieldProblem>();
        if (FormDates.Read(PayDate, nameof(PayDate), "支払日", problems) is not { } payDate)
        {
            PayDateError = problems[0].Message;
            Invoices = await settlements.InvoicesAsync(month).ConfigureAwait(false);
            return Page();
        }

        try
        {
            await settlements.ApproveAsync(month, payDate, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InKindSettlementRefusedException or PaymentRunRefusedException or ConcurrencyConflictException)
        {
            Problem = exception.Message;
            Invoices = await settlements.InvoicesAsync(month).ConfigureAwait(false);
            return Page();
        }

        return Redirect($"/Payments/InKind?month={Month}");
    }
}
