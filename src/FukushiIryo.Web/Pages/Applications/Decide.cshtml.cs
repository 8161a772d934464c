using FukushiIryo.App.Applications;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>
/// 決定 (決裁, permission <c>application.decide</c>, 再認証 before the act): 認定 or 却下 with the 決定理由.
/// The user who entered the application is refused (P2); a page read before the application
/// changed is refused (its version). The 再認証 comes before the form (IncludeGet): asked only at the
/// POST, it sent the approver back to an empty form to decide a second time.
/// </summary>
[RequiresReauthentication(IncludeGet = true)]
public sealed class DecideModel(FukushiDbContext db, TimeProvider clock) : PageModel
{
    public Application Application { get; private set; } = default!;

    public Dictionary<long, PersonLabel> Persons { get; private set; } = [];

    [BindProperty]
    public long Version { get; set; }

    [BindProperty]
    public string? Result { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? Problem { get; private set; }

    public bool Stale { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        Version = Application.Version;
        if (Application.Status == ApplicationStatus.Pending && string.IsNullOrEmpty(Reason) && Application.Findings.Length > 0)
        {
            // A 却下 usually gives the failed checks as its reasons: offer them.
            Reason = string.Join("\n", Application.Findings.Split('\n').Where(line => !line.StartsWith("要確認", StringComparison.Ordinal)));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        DecisionResult? result = Result switch
        {
            "Granted" => DecisionResult.Granted,
            "Rejected" => DecisionResult.Rejected,
            _ => null,
        };
        if (result is null)
        {
            Problem = "認定か却下かを選んでください。";
            return Page();
        }

        try
        {
            await new ApplicationDecisions(db, clock).DecideAsync(id, Version, result.Value, Reason?.Replace("\r\n", "\n", StringComparison.Ordinal), User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException exception)
        {
            Stale = true;
            Problem = exception.Message;
            return Page();
        }
        catch (DecisionRefusedException exception)
        {
            Problem = exception.Message;
            return Page();
        }

        return Redirect($"/Applications/{id}?decided=1");
    }

    private async Task<bool> LoadAsync(long id)
    {
        var application = await new ApplicationDecisions(db, clock).FindAsync(id).ConfigureAwait(false);
        if (application is null)
        {
            return false;
        }

        Application = application;
        Persons = await ApplicationPages.LabelsAsync(db, application.Children.Select(c => c.PersonId).Append(application.ApplicantPersonId), clock).ConfigureAwait(false);
        return true;
    }
}
