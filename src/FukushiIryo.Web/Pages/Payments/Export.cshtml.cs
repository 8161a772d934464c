using FukushiIryo.App.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 支払ファイルの出力 (permission <c>payments.prepare</c>): the same files as <c>fukushi payments export</c>
/// (全銀, accounting and detail CSVs, held-out report, notices, manifest) downloaded as one ZIP. The
/// data files are byte-identical on every export; each download is audited.
/// </summary>
public sealed class ExportModel(PaymentExport export) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public bool NoNewlines { get; set; }

    [BindProperty]
    public bool Cp932 { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => PaymentPages.ParseMonth(Month) is null ? Redirect("/Payments") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (PaymentPages.ParseMonth(Month) is not { } month)
        {
            return Redirect("/Payments");
        }

        try
        {
            // A temporary file deleted when the response has been sent (FileStreamResult disposes it).
            var archive = await export.ExportArchiveAsync(month, !NoNewlines, Cp932, User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
            return File(archive, "application/zip", $"payments-{month.Year:D4}{month.Month:D2}.zip");
        }
        catch (PaymentRunRefusedException refused)
        {
            Problem = refused.Message;
            return Page();
        }
    }
}
