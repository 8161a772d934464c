using FukushiIryo.App.Data;
using FukushiIryo.App.Exports;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>
/// 本人開示 (P19, <c>person.disclosure</c>): the purpose and the 再認証, then <see cref="PersonDisclosures"/>
/// builds the PDF of everything held on the person and audits it; the PDF is delivered, never stored.
/// </summary>
public sealed class DisclosureModel(PersonDisclosures disclosures, ReauthenticationGate gate, UserManager<StaffUser> users, FukushiDbContext db, TimeProvider clock)
    : PageModel
{
    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Problem { get; private set; }

    public bool RecentlyReauthenticated { get; private set; }

    public long PersonId { get; private set; }

    public string AtenaNumber { get; private set; } = string.Empty;

    public string? Name { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) =>
        await LoadAsync(id).ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (PersonalDataExports.CheckPurpose(Purpose) is { } purposeProblem)
        {
            Problem = purposeProblem;
            return Page();
        }

        if (await gate.CheckAsync(HttpContext, Password, Code, "person disclosure").ConfigureAwait(false) is { } authProblem)
        {
            Password = null;
            Code = null;
            Problem = authProblem;
            return Page();
        }

        var user = await users.GetUserAsync(User).ConfigureAwait(false);
        var document = await disclosures.CreateAsync(id, Purpose!, User.Identity!.Name!, user?.DisplayName ?? string.Empty,
            HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted).ConfigureAwait(false);
        if (document is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(document.Pdf, "application/pdf", $"disclosure-{AtenaNumber}.pdf");
    }

    private async Task<bool> LoadAsync(long id)
    {
        RecentlyReauthenticated = await gate.IsRecentAsync(HttpContext).ConfigureAwait(false);
        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted).ConfigureAwait(false);
        if (person is null)
        {
            return false;
        }

        PersonId = id;
        AtenaNumber = person.AtenaNumber;
        Name = await db.PersonRecords.AsNoTracking().Where(r => r.PersonId == id).AsOf(JstClock.Today(clock)).Select(r => r.Name)
            .FirstOrDefaultAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        return true;
    }
}
