using FukushiIryo.App.Masters;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 現物給付の精算 of a 処理年月 (permission <c>payments.view</c>; recording needs <c>payments.returns</c>, ADR 0032):
/// the 請求書 of each 審査支払機関 reconciled against our 審査 results, the differences with the receipts behind
/// them, the fee; a link to the approval (決裁) and the accounting CSV once approved.
/// </summary>
public sealed class InKindModel(InKindSettlements settlements, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public string? Clearinghouse { get; set; }

    [BindProperty]
    public int? Count { get; set; }

    [BindProperty]
    public long? Amount { get; set; }

    public IReadOnlyList<InKindInvoice> Invoices { get; private set; } = [];

    public bool CanRecord { get; private set; }

    public bool CanApprove { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        if (!CanRecord)
        {
            return Forbid();
        }

        if (PaymentPages.ParseMonth(Month) is not { } month || InKindSettlements.ParseClearinghouse(Clearinghouse) is not { } code || Count is not { } count || Amount is not { } amount)
        {
            Problem = "処理年月（YYYY-MM）、審査支払機関、件数、金額を入力してください。";
            return Page();
        }

        try
        {
            await settlements.RecordAsync(month, code, count, amount, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InKindSettlementRefusedException or MasterDataMissingException)
        {
            Problem = exception.Message;
            return Page();
        }

        return Redirect($"/Payments/InKind?month={Month}");
    }

    /// <summary>The accounting CSV of the approved month (same bytes as <c>payments in-kind export</c>; not audited as a file write).</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        if (!CanRecord || PaymentPages.ParseMonth(Month) is not { } month)
        {
            return Forbid();
        }

        try
        {
            var folder = Directory.CreateTempSubdirectory("fukushi-inkind-").FullName;
            try
            {
                var result = await settlements.ExportAsync(month, folder, cp932: false, User.Identity!.Name!).ConfigureAwait(false);
                return File(await System.IO.File.ReadAllBytesAsync(result.Path).ConfigureAwait(false), "text/csv", InKindSettlements.AccountingName(month));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (InKindSettlementRefusedException refused)
        {
            Problem = refused.Message;
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var roles = User.Claims.Where(c => c.Type == System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList();
        CanRecord = Permissions.Allows(Permissions.PaymentsReturns, roles);
        CanApprove = Permissions.Allows(Permissions.PaymentsApprove, roles);
        var today = Domain.Calendar.JstClock.Today(clock);
        var month = PaymentPages.ParseMonth(Month) ?? new Domain.Calendar.YearMonth(today.Year, today.Month).AddMonths(-1);
        Month = month.ToString();
        Invoices = await settlements.InvoicesAsync(month).ConfigureAwait(false);
    }
}
