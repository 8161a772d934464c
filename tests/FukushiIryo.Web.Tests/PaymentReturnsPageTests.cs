using System.Net;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Review;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 支払 B pages (ADR 0032): /Payments/Returns for the 支払 role only (a return of a month without an exported run is
/// refused with its message); /Payments/InKind where 支払 records a 請求書 and sees the difference with the receipt
/// behind it, and 決裁 sees the way to the approval but cannot record.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class PaymentReturnsPageTests(WebAppFixture app)
{
    private static readonly string Payer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Payer)}";
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";

    [Fact]
    public async Task The_returns_page_is_the_payers_and_refuses_a_return_without_an_exported_run()
    {
        using (var approver = await StaffSession.LoginAsync(app, Approver))
        {
            var denied = await approver.Client.GetAsync("/Payments/Returns");
            Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var payer = await StaffSession.LoginAsync(app, Payer);
        var form = await payer.Client.GetStringAsync("/Payments/Returns");
        Assert.Contains("手入力で記録する", form, StringComparison.Ordinal);
        Assert.Contains("3 解約済", form, StringComparison.Ordinal);
        var refused = await payer.PostFormWithTokenFromAsync("/Payments/Returns?handler=Record", form,
            new() { ["Month"] = "2031-09", ["RecipientNumber"] = "0000017", ["Amount"] = "1500", ["Reason"] = "3" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await refused.Content.ReadAsStringAsync();
        Assert.Contains("2031-09 の承認済みの支払がありません", shown, StringComparison.Ordinal);
        Assert.Contains("<option value=\"3\" selected=\"selected\">", shown, StringComparison.Ordinal); // the chosen 不能事由 is kept
    }

    [Fact]
    public async Task The_payer_records_a_kokuhoren_invoice_and_sees_the_difference_with_the_receipt_behind_it()
    {
        long claimId;
        await using (var db = app.OpenDb())
        {
            var claim = new MedicalClaim
            {
                Source = MedicalClaimSource.Uke, Clearinghouse = "kokuhoren", ProcessingMonth = 203106, ServiceMonth = 203105, ProviderCode = "0100102",
                PrefectureCode = "29", ProviderName = "奈良診療所", Schedule = MedicalClaimSchedule.Medical, InsurerShareRate = 70, Points = 1000,
                PatientShare = 2500, HighCostRefund = 0, ExtraBenefit = 0, OtherPublicAmount = 0, PayerNumber = "90290016", RecipientNumber = "0999999",
                InsurerNumber = "133066", MatchStatus = MedicalClaimMatchStatus.NeedsReview, ImportedAt = new DateTimeOffset(2031, 7, 2, 1, 0, 0, TimeSpan.Zero),
            };
            db.MedicalClaims.Add(claim);
            await db.SaveChangesAsync();
            db.ClaimReviews.Add(new ClaimReview
            {
                MedicalClaimId = claim.Id, ProcessingMonth = 203106, ProviderCode = "0100102", Outcome = ReviewOutcome.NeedsReview,
                Status = ClaimReviewStatus.Open, ReviewedAt = new DateTimeOffset(2031, 7, 2, 2, 0, 0, TimeSpan.Zero), ReviewedBy = "shinsa1",
            });
            await db.SaveChangesAsync();
            claimId = claim.Id;
        }

        using (var payer = await StaffSession.LoginAsync(app, Payer))
        {
            var form = await payer.Client.GetStringAsync("/Payments/InKind?month=2031-06");
            Assert.Contains("この月の請求書は記録されていません", form, StringComparison.Ordinal);
            var recorded = await payer.PostFormWithTokenFromAsync("/Payments/InKind?month=2031-06", form,
                new() { ["Month"] = "2031-06", ["Clearinghouse"] = "kokuhoren", ["Count"] = "1", ["Amount"] = "2000" });
            Assert.Equal("/Payments/InKind?month=2031-06", recorded.Headers.Location!.OriginalString);
            var page = WebUtility.HtmlDecode(await payer.Client.GetStringAsync("/Payments/InKind?month=2031-06"));
            Assert.Contains("+1 件 +2,000 円", page, StringComparison.Ordinal);
            Assert.Contains($"<td>{claimId}</td>", page, StringComparison.Ordinal);
            Assert.Contains("受給者と照合できていません", page, StringComparison.Ordinal);
            Assert.DoesNotContain("承認（決裁）へ", page, StringComparison.Ordinal);
        }

        using var approver = await StaffSession.LoginAsync(app, Approver);
        var shown = await approver.Client.GetStringAsync("/Payments/InKind?month=2031-06");
        Assert.Contains("承認（決裁）へ", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("記録して照合する", shown, StringComparison.Ordinal);
        var first = await approver.Client.GetAsync("/Payments/InKindApprove?month=2031-06");
        Assert.StartsWith("/Account/Reauthenticate", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
