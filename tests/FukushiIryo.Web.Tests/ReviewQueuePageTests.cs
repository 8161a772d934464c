using System.Net;
using FukushiIryo.App.Audit;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The 審査キュー over HTTP: a role without <c>review.resolve</c> gets 403; the 審査 role sees the
/// filtered claims with their findings, rejects one with a reason (audited), and a stale form (an
/// old version) is refused with 409 and changes nothing.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class ReviewQueuePageTests(WebAppFixture app)
{
    private const string Provider = "9999991";
    private const string Query = "Month=2030-01&Provider=" + Provider;

    [Fact]
    public async Task The_reviewer_rejects_a_claim_and_a_stale_form_is_refused()
    {
        long reviewId, version;
        await using (var db = app.OpenDb())
        {
            var claim = new MedicalClaim
            {
                Source = MedicalClaimSource.Autopay,
                ProcessingMonth = 203001,
                ServiceMonth = 202912,
                ProviderCode = Provider,
                PrefectureCode = "29",
                Schedule = MedicalClaimSchedule.Medical,
                InsurerShareRate = 70,
                Points = 500,
                PatientShare = 1500,
                RecipientNumber = "0000125",
                MatchStatus = MedicalClaimMatchStatus.Unmatched,
                MatchReason = "一致する受給者がいない",
                ImportedAt = new DateTimeOffset(2030, 2, 1, 0, 0, 0, TimeSpan.Zero),
            };
            db.MedicalClaims.Add(claim);
            await db.SaveChangesAsync();
            await new ReviewRun(db, app.Clock).RunAsync(new YearMonth(2030, 1), "batch");
            var review = await db.ClaimReviews.SingleAsync(r => r.MedicalClaimId == claim.Id && r.SupersededAt == null);
            (reviewId, version) = (review.Id, review.Version);
        }

        using (var counter = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            var denied = await counter.Client.GetAsync("/Review?" + Query);
            Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await counter.Client.GetAsync(denied.Headers.Location)).StatusCode);
        }

        using var reviewer = await StaffSession.LoginAsync(app, "role" + RoleNames.All.ToList().IndexOf(RoleNames.Reviewer));
        var page = await reviewer.Client.GetStringAsync("/Review?" + Query);
        Assert.Contains("<p>1 件</p>", page, StringComparison.Ordinal);
        Assert.Contains("R00（要確認）受給者と照合されていません", page, StringComparison.Ordinal);

        var stale = await reviewer.PostFormWithTokenFromAsync("/Review?handler=Approve&" + Query, page, new() { ["reviewId"] = $"{reviewId}", ["version"] = $"{version + 1}" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("画面を読み込み直してください", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noReason = await reviewer.PostFormWithTokenFromAsync("/Review?handler=Reject&" + Query, page, new() { ["reviewId"] = $"{reviewId}", ["version"] = $"{version}", ["reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var rejected = await reviewer.PostFormWithTokenFromAsync("/Review?handler=Reject&" + Query, page, new() { ["reviewId"] = $"{reviewId}", ["version"] = $"{version}", ["reason"] = "対象者でない" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var after = await rejected.Content.ReadAsStringAsync();
        Assert.Contains("否認しました。", after, StringComparison.Ordinal);
        Assert.Contains("<p>0 件</p>", after, StringComparison.Ordinal);

        // The same form again: its version is stale now.
        var again = await reviewer.PostFormWithTokenFromAsync("/Review?handler=Approve&" + Query, page, new() { ["reviewId"] = $"{reviewId}", ["version"] = $"{version}" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var subject = reviewId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var check = app.OpenDb();
        var stored = await check.ClaimReviews.SingleAsync(r => r.Id == reviewId);
        Assert.Equal((ClaimReviewStatus.Rejected, "対象者でない"), (stored.Status, stored.ResolutionReason));
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.EventType == AuditEventType.ClaimReviewRejected && e.SubjectId == subject));
        Assert.Equal(0, await check.AuditEvents.CountAsync(e => e.EventType == AuditEventType.ClaimReviewApproved && e.SubjectId == subject));
    }
}
