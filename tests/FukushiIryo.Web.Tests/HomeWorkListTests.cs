using System.Text.RegularExpressions;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Renewals;
using FukushiIryo.App.Review;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Review;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The home page's work lists (issue 17, ADR 0038): each count of its own seeded rows (and only those in the
/// waiting state), each shown only to the roles that may open the list. A web app of its own, so the numbers
/// are exact: the rows are written straight to its SQLite database with the foreign keys off (the counts read
/// no other table). In the web app collection so that its start does not race the shared app's.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class HomeWorkListTests
{
    private static readonly string Reviewer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Reviewer)}";
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";
    private static readonly string Payer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Payer)}";
    private static readonly string Auditor = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Auditor)}";

    [Fact]
    public async Task Each_role_sees_the_counts_of_the_lists_it_may_open()
    {
        var app = new WebAppFixture();
        await app.InitializeAsync();
        try
        {
            await SeedAsync(app);
            Assert.Equal(
                new Dictionary<string, int> { ["review"] = 2, ["loss-candidates"] = 3 },
                await WorkListsAsync(app, Reviewer));
            Assert.Equal(
                new Dictionary<string, int> { ["loss-candidates"] = 3, ["renewals-not-returned"] = 4 },
                await WorkListsAsync(app, "madoguchi1"));
            Assert.Equal(
                new Dictionary<string, int> { ["pending-applications"] = 1, ["pending-payment-runs"] = 1 },
                await WorkListsAsync(app, Approver));
            Assert.Equal(
                new Dictionary<string, int> { ["returned-transfers"] = 2, ["open-recoveries"] = 2 },
                await WorkListsAsync(app, Payer));
            Assert.Empty(await WorkListsAsync(app, Auditor));

            using var reviewer = await StaffSession.LoginAsync(app, Reviewer);
            var home = await reviewer.Client.GetStringAsync("/");
            Assert.Contains("<a href=\"/Review\">要確認（審査キュー）</a> <span class=\"figure\" data-count=\"2\">2 件</span>", home, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<Dictionary<string, int>> WorkListsAsync(WebAppFixture app, string login)
    {
        using var session = await StaffSession.LoginAsync(app, login);
        var home = await session.Client.GetStringAsync("/");
        return WorkListPattern().Matches(home).ToDictionary(m => m.Groups["key"].Value, m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// 要確認 2 (and one 可, one 承認済, one superseded: not counted); 喪失候補 3 open (one dismissed); 申請 1 pending
    /// (one granted); 支払 1 prepared (one approved); 振込不能 2 held (one released); 返還請求 2 open (one repaid);
    /// 更新 4 sent (one returned, one decided).
    /// </summary>
    private static async Task SeedAsync(WebAppFixture app)
    {
        await using var db = app.OpenDb();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
        var now = DateTimeOffset.UtcNow;
        db.ClaimReviews.AddRange(
            Review(1, ReviewOutcome.NeedsReview, ClaimReviewStatus.Open),
            Review(2, ReviewOutcome.Rejected, ClaimReviewStatus.Open),
            Review(3, ReviewOutcome.Accepted, ClaimReviewStatus.Open),
            Review(4, ReviewOutcome.NeedsReview, ClaimReviewStatus.Approved),
            Review(5, ReviewOutcome.NeedsReview, ClaimReviewStatus.Open, superseded: now));
        foreach (var (id, status) in new[] { (1L, LossCandidateStatus.Open), (2L, LossCandidateStatus.Open), (3L, LossCandidateStatus.Open), (4L, LossCandidateStatus.Dismissed) })
        {
            db.LossCandidates.Add(new LossCandidate { RecipientId = id, PersonId = id, Cause = "転出", ImportedFileId = 1, RaisedAt = now, Status = status });
        }

        db.Applications.AddRange(
            new Application { ReceptionNumber = "R08-900001", ReceptionYear = 2026, ReceptionSerial = 900001, AppliedOn = new DateOnly(2026, 8, 1), ApplicantPersonId = 1, Status = ApplicationStatus.Pending, EnteredBy = "t", EnteredAt = now },
            new Application { ReceptionNumber = "R08-900002", ReceptionYear = 2026, ReceptionSerial = 900002, AppliedOn = new DateOnly(2026, 8, 1), ApplicantPersonId = 1, Status = ApplicationStatus.Granted, EnteredBy = "t", EnteredAt = now });
        db.PaymentRuns.AddRange(
            new PaymentRun { ProcessingMonth = 209901, PayDate = new DateOnly(2099, 2, 16), Status = PaymentRunStatus.Prepared, Preparation = 1, PreparedBy = "t", PreparedAt = now },
            new PaymentRun { ProcessingMonth = 209902, PayDate = new DateOnly(2099, 3, 16), Status = PaymentRunStatus.Approved, Preparation = 1, PreparedBy = "t", PreparedAt = now });
        var adjustments = new[] { PaymentAdjustmentStatus.Held, PaymentAdjustmentStatus.Held, PaymentAdjustmentStatus.Pending }
            .Select(status => new PaymentAdjustment { PayeeRecipientId = 1, RecipientId = 1, Kind = PaymentAdjustmentKind.Retransfer, Amount = 3_000, Status = status, SourceType = ReturnedTransfer.AdjustmentSourceType, CreatedBy = "t", CreatedAt = now })
            .ToList();
        db.PaymentAdjustments.AddRange(adjustments);
        await db.SaveChangesAsync();
        db.ReturnedTransfers.AddRange(adjustments.Select((a, i) => new ReturnedTransfer
        {
            PaymentRunId = 1, ProcessingMonth = 209901, PayDate = new DateOnly(2099, 2, 16), PaymentPayeeId = i + 1, PayeeRecipientId = i + 1, RecipientNumber = "1000017",
            BankCode = "0162", BranchCode = "010", AccountNumber = "1234567", Amount = 3_000, Reason = FukushiIryo.Formats.Payments.ReturnedTransferReason.NoAccount, Source = ReturnedTransferSource.Manual,
            PaymentAdjustmentId = a.Id, RecordedBy = "t", RecordedAt = now,
        }));
        foreach (var (number, status) in new[] { ("H99-0001", RecoveryStatus.Open), ("H99-0002", RecoveryStatus.Open), ("H99-0003", RecoveryStatus.Repaid) })
        {
            db.Recoveries.Add(new Recovery { Number = number, PayeeRecipientId = 1, Amount = 5_000, DueDate = new DateOnly(2099, 1, 31), Status = status, IssuedOn = new DateOnly(2099, 1, 1), CreatedBy = "t", CreatedAt = now });
        }

        var run = new RenewalRun { Kind = RenewalKind.August, Year = 2099, CreatedAt = now, CreatedBy = "t" };
        db.RenewalRuns.Add(run);
        await db.SaveChangesAsync();
        var states = new[] { RenewalItemState.FormSent, RenewalItemState.FormSent, RenewalItemState.FormSent, RenewalItemState.FormSent, RenewalItemState.Returned, RenewalItemState.Decided };
        db.RenewalItems.AddRange(states.Select((state, i) => new RenewalItem { RunId = run.Id, HeadRecipientId = i + 1, HeadRecipientNumber = $"100{i:0000}", State = state }));
        await db.SaveChangesAsync();

        ClaimReview Review(long claim, ReviewOutcome outcome, ClaimReviewStatus status, DateTimeOffset? superseded = null) =>
            new() { MedicalClaimId = claim, ProcessingMonth = 209901, ProviderCode = "2910000001", Outcome = outcome, Status = status, ReviewedAt = now, ReviewedBy = "t", SupersededAt = superseded };
    }

    [GeneratedRegex("data-work-list=\"(?<key>[a-z-]+)\">.*?data-count=\"(?<count>[0-9]+)\"")]
    private static partial Regex WorkListPattern();
}
