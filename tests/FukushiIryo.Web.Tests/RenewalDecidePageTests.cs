using System.Net;
using System.Security.Cryptography;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The 更新の決定 page (session 8): the decide response carries the progress box with the counts just
/// decided and the form swaps it in at once (hx-select-oob), not at the next 3-second poll; once every
/// household is decided the 決定する button gives way to a note; the batch print streams from a
/// temporary file that is gone once the response is read, and the 交付履歴 and the audit event carry the
/// SHA-256 of the bytes downloaded.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class RenewalDecidePageTests(WebAppFixture app)
{
    private const int Year = 2033;
    private const int AprilYear = 2034;

    [Fact]
    public async Task The_decision_shows_its_progress_at_once_hides_the_button_and_the_print_streams_the_file_it_records()
    {
        var (parentNumber, _) = await RenewalPageTests.SeedHouseholdAsync(app);
        using (var counter = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            var index = await counter.Client.GetStringAsync($"/Renewals?kind=august&year={Year}");
            Assert.Equal(HttpStatusCode.OK, (await counter.PostFormWithTokenFromAsync($"/Renewals?handler=Forms&Kind=august&Year={Year}", index, [])).StatusCode);
            var entry = await counter.Client.GetStringAsync($"/Renewals/Returns?year={Year}");
            var recorded = await counter.PostFormWithTokenFromAsync($"/Renewals/Returns?Year={Year}", entry, new() { ["ReturnedOn"] = "2033-07-05", ["RecipientNumber"] = parentNumber });
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        var approverLogin = "role" + RoleNames.All.ToList().IndexOf(RoleNames.Approver);
        using var approver = await StaffSession.LoginAsync(app, approverLogin);
        var decideUrl = $"/Renewals/Decide?kind=august&year={Year}";
        var passed = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, approverLogin), ["ReturnUrl"] = decideUrl });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);

        // The April update of 2034 has no run before its decision: the box says so until the decision.
        var aprilUrl = $"/Renewals/Decide?kind=april&year={AprilYear}";
        var page = await approver.Client.GetStringAsync(aprilUrl);
        Assert.Contains("hx-select-oob=\"#progress\"", page, StringComparison.Ordinal);
        Assert.Contains("まだ始まっていません", page, StringComparison.Ordinal);
        Assert.Contains("を決定する</button>", page, StringComparison.Ordinal);

        // The response's progress box (what hx-select-oob swaps in at once) already counts the households decided.
        var decided = await approver.PostFormWithTokenFromAsync($"/Renewals/Decide?Kind=april&Year={AprilYear}", page, []);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var result = await decided.Content.ReadAsStringAsync();
        Assert.Contains("決定しました", result, StringComparison.Ordinal);
        var progress = result[result.IndexOf("<section id=\"progress\"", StringComparison.Ordinal)..];
        progress = progress[..(progress.IndexOf("</section>", StringComparison.Ordinal) + 10)];
        Assert.DoesNotContain("まだ始まっていません", progress, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Decided\">", progress, StringComparison.Ordinal);
        Assert.DoesNotContain("data-state=\"Decided\">0<", progress, StringComparison.Ordinal);

        // Everything decided: no button, a note.
        var after = await approver.Client.GetStringAsync(aprilUrl);
        Assert.DoesNotContain("を決定する</button>", after, StringComparison.Ordinal);
        Assert.Contains("id=\"all-decided\"", after, StringComparison.Ordinal);

        // August 2033: the returned household is decided, then its new card printed.
        page = await approver.Client.GetStringAsync(decideUrl);
        var august = await approver.PostFormWithTokenFromAsync($"/Renewals/Decide?Kind=august&Year={Year}", page, []);
        Assert.Contains("決定しました", await august.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        after = await approver.Client.GetStringAsync(decideUrl);

        var print = await approver.PostFormWithTokenFromAsync($"/Renewals/Decide?handler=Print&Kind=august&Year={Year}&what=Certificates", after, []);
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        Assert.Equal("application/pdf", print.Content.Headers.ContentType!.MediaType);
        var bytes = await print.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(bytes[..4]), StringComparison.Ordinal);
        print.Dispose();

        // The temporary file goes when the server has closed the response's stream (just after the client has the bytes).
        for (var wait = 0; wait < 50 && Directory.GetFiles(Path.GetTempPath(), "fukushi-renewal-*.pdf").Length > 0; wait++)
        {
            await Task.Delay(100);
        }

        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "fukushi-renewal-*.pdf"));

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using var db = app.OpenDb();
        var parent = await db.Recipients.AsNoTracking().SingleAsync(r => r.RecipientNumber == parentNumber);
        var issue = await db.CertificateIssues.AsNoTracking().SingleAsync(i => i.RecipientId == parent.Id && i.ValidFrom == new DateOnly(Year, 8, 1));
        Assert.Equal(sha256, issue.Sha256);
        var audits = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EventType == AuditEventType.DocumentPrinted && e.SubjectId == parentNumber && e.Details.Contains($"\"validFrom\":\"{Year}-08-01\"")).ToListAsync();
        Assert.Contains($"\"sha256\":\"{sha256}\"", Assert.Single(audits).Details, StringComparison.Ordinal);
    }
}
