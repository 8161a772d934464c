using System.Security.Claims;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Renewals;
using FukushiIryo.App.Review;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages;

/// <summary>One line of the home page's work lists: what waits, how many, and where to do it.</summary>
public sealed record WorkListEntry(string Key, string Label, int Count, string Href);

public sealed class IndexModel(FukushiDbContext db, ReviewQueueService reviewQueue, TimeProvider clock) : PageModel
{
    /// <summary>
    /// The work lists (要確認, 喪失候補, 未決裁, 振込不能, 返還未済, 更新未提出) the user's roles may open, each one
    /// COUNT query; a list the roles may not see is neither counted nor shown.
    /// </summary>
    public IReadOnlyList<WorkListEntry> WorkLists { get; private set; } = [];

    public string DisplayName { get; private set; } = string.Empty;

    public DateOnly Today { get; private set; }

    public bool CanSearch { get; private set; }

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
        WorkLists = await WorkListsAsync(roles).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<WorkListEntry>> WorkListsAsync(IReadOnlyCollection<string> roles)
    {
        var lists = new List<WorkListEntry>();
        if (Permissions.Allows(Permissions.ReviewResolve, roles))
        {
            var count = await reviewQueue.CountAsync(new ReviewQueueFilter()).ConfigureAwait(false);
            lists.Add(new("review", "要確認（審査キュー）", count, "/Review"));
        }

        if (Permissions.Allows(Permissions.EligibilityLoss, roles))
        {
            var count = await db.LossCandidates.CountAsync(c => c.Status == LossCandidateStatus.Open).ConfigureAwait(false);
            lists.Add(new("loss-candidates", "喪失候補（未確認）", count, "/Losses"));
        }

        if (Permissions.Allows(Permissions.ApplicationDecide, roles))
        {
            var count = await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Pending).ConfigureAwait(false);
            lists.Add(new("pending-applications", "未決裁（決定を待つ申請）", count, "/Applications"));
        }

        if (Permissions.Allows(Permissions.PaymentsApprove, roles))
        {
            var count = await db.PaymentRuns.CountAsync(r => r.Status == PaymentRunStatus.Prepared).ConfigureAwait(false);
            lists.Add(new("pending-payment-runs", "未決裁（承認を待つ支払）", count, "/Payments"));
        }

        if (Permissions.Allows(Permissions.PaymentsReturns, roles))
        {
            // 振込不能 whose 再振込 is still held (the account not yet corrected and released).
            var count = await db.ReturnedTransfers
                .Join(db.PaymentAdjustments, t => t.PaymentAdjustmentId, a => a.Id, (t, a) => a.Status)
                .CountAsync(status => status == PaymentAdjustmentStatus.Held).ConfigureAwait(false);
            lists.Add(new("returned-transfers", "振込不能（再振込の保留中）", count, "/Payments/Returns"));
        }

        if (Permissions.Allows(Permissions.PaymentsAdjust, roles))
        {
            var count = await db.Recoveries.CountAsync(r => r.Status == RecoveryStatus.Open).ConfigureAwait(false);
            lists.Add(new("open-recoveries", "返還未済（未収の返還請求）", count, "/Payments/Recoveries"));
        }

        if (Permissions.Allows(Permissions.RenewalForms, roles))
        {
            // Renewal forms sent and not returned (nor yet decided as 更新未提出).
            var count = await db.RenewalItems.CountAsync(i => i.State == RenewalItemState.FormSent).ConfigureAwait(false);
            lists.Add(new("renewals-not-returned", "更新未提出（返送のない更新申請書）", count, "/Renewals"));
        }

        return lists;
    }
}
