using FukushiIryo.App.Applications;
using FukushiIryo.App.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>申請 (未決定一覧): the applications waiting for a decision. Permission <c>person.view</c>.</summary>
public sealed class IndexModel(FukushiDbContext db, TimeProvider clock) : PageModel
{
    public List<Application> Pending { get; private set; } = [];

    public Dictionary<long, PersonLabel> Persons { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Pending = await new ApplicationDecisions(db, clock).PendingAsync().ConfigureAwait(false);
        Persons = await ApplicationPages.LabelsAsync(db, Pending.Select(a => a.ApplicantPersonId), clock).ConfigureAwait(false);
    }
}
