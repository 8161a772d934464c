using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Losses;

/// <summary>One 資格喪失候補: confirm (→ the 資格消滅 page, prefilled) or dismiss with a reason. Permission: <c>eligibility.loss</c>.</summary>
public sealed class CandidateModel(LossCandidates candidates) : PageModel
{
    public LossCandidateItem Item { get; private set; } = default!;

    [BindProperty]
    public string? Reason { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var item = await candidates.FindAsync(id).ConfigureAwait(false);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        return Page();
    }

    public async Task<IActionResult> OnPostDismissAsync(long id)
    {
        var item = await candidates.FindAsync(id).ConfigureAwait(false);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        try
        {
            await candidates.DismissAsync(id, Reason ?? string.Empty, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            Problem = exception.Message.Split(" (Parameter", 2)[0];
            return Page();
        }
        catch (ConcurrencyConflictException exception)
        {
            Problem = exception.Message;
            return Page();
        }

        return Redirect("/Losses");
    }
}
