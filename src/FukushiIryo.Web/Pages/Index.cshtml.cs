using System.Security.Claims;
using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages;

public sealed class IndexModel(FukushiDbContext db, TimeProvider clock) : PageModel
{
    public string DisplayName { get; private set; } = string.Empty;

    public DateOnly Today { get; private set; }

    public bool CanSearch { get; private set; }

    public int OpenLossCandidates { get; private set; }

    public bool CanReview { get; private set; }

    public bool CanEnterManualClaims { get; private set; }

    public bool CanViewResidentChanges { get; private set; }

    public async Task OnGetAsync()
    {
        DisplayName = User.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? User.Identity?.Name ?? string.Empty;
        Today = JstClock.Today(clock);
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        CanSearch = Permissions.Allows(Permissions.PersonSearch, roles);
        CanReview = Permissions.Allows(Permissions.ReviewResolve, roles);
        CanEnterManualClaims = Permissions.Allows(Permissions.ManualClaimsEnter, roles);
        CanViewResidentChanges = Permissions.Allows(Permissions.ResidentChangesView, roles);
        if (CanSearch)
        {
            OpenLossCandidates = await db.LossCandidates.CountAsync(c => c.Status == LossCandidateStatus.Open).ConfigureAwait(false);
        }
    }
}
