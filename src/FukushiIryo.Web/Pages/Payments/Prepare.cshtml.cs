using System.ComponentModel.DataAnnotations;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 支払の準備 (permission <c>payments.prepare</c>): the 振込指定日 (a bank business day, D15) and the run,
/// the same as <c>fukushi payments prepare</c>. Preparing again replaces a prepared run; an approved
/// month is refused.
/// </summary>
public sealed class PrepareModel(PaymentRuns runs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    [Display(Name = "振込指定日")]
    public DateOnly? PayDate { get; set; }

    public string? Problem { get; private set; }

    public PaymentRun? Run { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (PaymentPages.ParseMonth(Month) is not { } month)
        {
            return Redirect("/Payments");
        }

        Run = await runs.FindAsync(month).ConfigureAwait(false);
        PayDate ??= Run?.PayDate;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (PaymentPages.ParseMonth(Month) is not { } month)
        {
            return Redirect("/Payments");
        }

        if (PayDate is not { } payDate)
        {
            // A date that could not be read has its message beside the field.
            Problem = FormDates.Error(ModelState, nameof(PayDate)) is null ? "振込指定日を入力してください。" : null;
            return Page();
        }

        try
        {
            await runs.PrepareAsync(month, payDate, User.Identity!.Name!).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is PaymentRunRefusedException or MasterDataMissingException)
        {
            Problem = exception.Message;
            Run = await runs.FindAsync(month).ConfigureAwait(false);
            return Page();
        }

        return Redirect($"/Payments?month={month}");
    }
}
