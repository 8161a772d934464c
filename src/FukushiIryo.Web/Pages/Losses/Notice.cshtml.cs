using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Losses;

/// <summary>喪失通知書 (PDF) of a recipient's household's latest loss; every print is audited. Permissions: <c>eligibility.loss</c> and <c>documents.print</c>.</summary>
public sealed class NoticeModel(RecipientLosses losses, DocumentPrints prints, TimeProvider clock) : PageModel
{
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            var (notice, number) = await losses.LossNoticeAsync(id, JstClock.Today(clock)).ConfigureAwait(false);
            var document = await prints.PrintAsync(notice, DocumentSubject.Recipient(number), User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
            return File(document.Pdf, "application/pdf", document.FileName);
        }
        catch (DocumentRefusedException exception)
        {
            Problem = exception.Message;
            return Page();
        }
        catch (InvalidOperationException)
        {
            return NotFound();
        }
    }
}
