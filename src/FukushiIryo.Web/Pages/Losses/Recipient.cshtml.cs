using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Eligibility;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Losses;

/// <summary>
/// 資格消滅 of a recipient (issue 9 item 6): staff choose the 喪失事由 and the event date; the page
/// shows the 喪失日 and every household consequence before confirming; confirming records them in
/// one transaction (refused when the household changed since). Permission: <c>eligibility.loss</c>.
/// </summary>
public sealed class RecipientModel(RecipientLosses losses, FukushiDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public LossReason? Cause { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EventDate { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Candidate { get; set; }

    /// <summary>The recipients' versions as shown: "id:version" pairs.</summary>
    [BindProperty]
    public List<string> Shown { get; set; } = [];

    public Recipient Recipient { get; private set; } = default!;

    public LossPlan? Plan { get; private set; }

    public List<FieldProblem> Problems { get; } = [];

    public bool Stale { get; private set; }

    public LossPlan? Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (Cause is not null && !string.IsNullOrWhiteSpace(EventDate))
        {
            await PreviewAsync(id).ConfigureAwait(false);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(long id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        await PreviewAsync(id).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var date = Read();
        if (date is null)
        {
            return Page();
        }

        var versions = new Dictionary<long, long>();
        foreach (var pair in Shown)
        {
            var parts = pair.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rid) && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions[rid] = version;
            }
        }

        try
        {
            Confirmed = await losses.ConfirmAsync(id, Cause!.Value, date.Value, versions, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString(), Candidate).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException exception)
        {
            Stale = true;
            Problems.Add(new("Shown", exception.Message));
            await PreviewAsync(id).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            Problems.Add(new("Cause", exception.Message));
        }

        return Page();
    }

    private async Task PreviewAsync(long id)
    {
        if (Read() is { } date)
        {
            Plan = await losses.PlanAsync(id, Cause!.Value, date).ConfigureAwait(false);
        }
    }

    private DateOnly? Read()
    {
        if (Cause is null || !Enum.IsDefined(Cause.Value))
        {
            Problems.Add(new("Cause", "喪失事由を選んでください。"));
        }

        var date = FormDates.Read(EventDate, "EventDate", "事由発生日", Problems);
        return Problems.Count == 0 ? date : null;
    }

    private async Task<bool> LoadAsync(long id)
    {
        var recipient = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id).ConfigureAwait(false);
        if (recipient is null)
        {
            return false;
        }

        Recipient = recipient;
        return true;
    }
}
