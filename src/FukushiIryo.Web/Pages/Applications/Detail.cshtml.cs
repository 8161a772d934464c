using System.Security.Claims;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>申請の詳細: the application, its eligibility findings, its decision and the prints (permission <c>person.view</c>; printing needs <c>documents.print</c>).</summary>
public sealed class DetailModel(FukushiDbContext db, TimeProvider clock) : PageModel
{
    public Application Application { get; private set; } = default!;

    public Dictionary<long, PersonLabel> Persons { get; private set; } = [];

    public List<Recipient> Recipients { get; private set; } = [];

    public bool CanDecide { get; private set; }

    public bool CanPrint { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var application = await new ApplicationDecisions(db, clock).FindAsync(id).ConfigureAwait(false);
        if (application is null)
        {
            return NotFound();
        }

        Application = application;
        Persons = await ApplicationPages.LabelsAsync(db, application.Children.Select(c => c.PersonId).Append(application.ApplicantPersonId), clock).ConfigureAwait(false);
        var ids = application.Children.Select(c => c.PersonId).Append(application.ApplicantPersonId).ToList();
        if (application.Status == ApplicationStatus.Granted)
        {
            var granted = application.Children.Where(c => c.RecipientId is not null).Select(c => c.RecipientId!.Value).ToList();
            var children = await db.Recipients.AsNoTracking().Where(r => granted.Contains(r.Id)).ToListAsync().ConfigureAwait(false);
            var parents = children.Select(r => r.ParentRecipientId).OfType<long>().Distinct().ToList();
            Recipients = [.. (await db.Recipients.AsNoTracking().Where(r => parents.Contains(r.Id)).ToListAsync().ConfigureAwait(false)).Concat(children).OrderBy(r => r.Id)];
        }

        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        CanDecide = Permissions.Allows(Permissions.ApplicationDecide, roles);
        CanPrint = Permissions.Allows(Permissions.DocumentsPrint, roles);
        db.AddAudit(new AuditEntry(User.Identity!.Name!, AuditEventType.PersonViewed, "application", application.ReceptionNumber, new Dictionary<string, object?>
        {
            ["screen"] = "申請の詳細",
            ["persons"] = string.Join(",", ids.Select(i => Persons.GetValueOrDefault(i)?.AtenaNumber)),
        }, ClientAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));
        await db.SaveChangesAsync().ConfigureAwait(false);
        return Page();
    }
}
