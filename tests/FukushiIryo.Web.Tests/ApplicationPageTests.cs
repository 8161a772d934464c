using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 新規申請 → 決定 over HTTP: bad input comes back beside its field with nothing saved; a counter
/// clerk enters, a 決裁 user decides after 再認証 and prints the 受給資格証; the clerk cannot decide.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class ApplicationPageTests(WebAppFixture app)
{
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";

    [Fact]
    public async Task An_impossible_date_and_an_unknown_person_get_messages_beside_their_fields_and_nothing_is_saved()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var fields = await ValidFormAsync();
        fields["Input.AppliedOn"] = "令和8年2月30日";
        fields["Input.Children[0].Atena"] = "999999";
        int before;
        await using (var db = app.OpenDb())
        {
            before = await db.Applications.CountAsync();
        }

        var response = await staff.PostFormAsync("/Applications/New", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("data-field=\"AppliedOn\">申請年月日が正しい日付ではありません", html);
        Assert.Contains("data-field=\"Children[0].Atena\">宛名番号 999999 の人は台帳にありません。", html, StringComparison.Ordinal);
        Assert.Contains("保存していません", html, StringComparison.Ordinal);
        await using var check = app.OpenDb();
        Assert.Equal(before, await check.Applications.CountAsync());
    }

    [Fact]
    public async Task A_clerk_enters_an_approver_decides_after_reauthentication_and_prints_the_certificate()
    {
        long id;
        using (var clerk = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            var response = await clerk.PostFormAsync("/Applications/New", await ValidFormAsync());
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            id = long.Parse(IdPattern().Match(location).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var page = await clerk.Client.GetStringAsync(location);
            Assert.Contains("で受け付けました。", page, StringComparison.Ordinal);
            Assert.DoesNotContain("決定（認定・却下）へ", page, StringComparison.Ordinal);

            // The clerk holds no 決裁: the decision page is refused.
            var refused = await clerk.Client.GetAsync($"/Applications/{id}/Decide");
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var approver = await StaffSession.LoginAsync(app, Approver);
        var decide = await approver.Client.GetStringAsync($"/Applications/{id}/Decide");
        var version = VersionPattern().Match(decide).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Version"] = version, ["Result"] = "Granted", ["Reason"] = "要件を満たす" };
        var first = await approver.PostFormWithTokenFromAsync($"/Applications/{id}/Decide", decide, new(fields));
        Assert.StartsWith("/Account/Reauthenticate", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(ApplicationStatus.Pending, (await db.Applications.SingleAsync(a => a.Id == id)).Status);
        }

        var passed = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, Approver), ["ReturnUrl"] = $"/Applications/{id}/Decide" });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        var decided = await approver.PostFormAsync($"/Applications/{id}/Decide", new(fields));
        Assert.Equal($"/Applications/{id}?decided=1", decided.Headers.Location!.OriginalString);

        var detail = await approver.Client.GetStringAsync(decided.Headers.Location);
        Assert.Contains("認定しました。", detail, StringComparison.Ordinal);
        await using var check = app.OpenDb();
        var application = await check.Applications.Include(a => a.Children).SingleAsync(a => a.Id == id);
        Assert.Equal((ApplicationStatus.Granted, Approver), (application.Status, application.DecidedBy));
        var childRecipient = application.Children.Single().RecipientId!.Value;
        Assert.True(await check.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.ApplicationGranted && e.Actor == Approver && e.SubjectId == application.ReceptionNumber));

        var print = await approver.PostFormWithTokenFromAsync("/Applications/Print?handler=Certificate", detail, new() { ["recipientId"] = childRecipient.ToString(System.Globalization.CultureInfo.InvariantCulture), ["applicationId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        Assert.Equal("application/pdf", print.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await print.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        await using var after = app.OpenDb();
        Assert.True(await after.CertificateIssues.AnyAsync(i => i.RecipientId == childRecipient && i.IssuedBy == Approver));

        // A second decision of the same page is refused: the application changed.
        var again = await approver.PostFormWithTokenFromAsync($"/Applications/{id}/Decide", decide, new(fields));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("他の職員が更新しました", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_lists_receptions_and_a_role_without_print_cannot_print_it()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var page = await staff.Client.GetStringAsync("/Applications/Register");
        Assert.Contains("<h1>受付簿</h1>", page, StringComparison.Ordinal);
        Assert.Contains("受付簿を印刷（PDF）", page, StringComparison.Ordinal);
        var pdf = await staff.PostFormWithTokenFromAsync("/Applications/Print?handler=Register", page, new() { ["from"] = "2026-01-01", ["to"] = "2026-12-31" });
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        var reviewer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Reviewer)}";
        using var other = await StaffSession.LoginAsync(app, reviewer);
        var view = await other.Client.GetStringAsync("/Applications/Register");
        Assert.DoesNotContain("受付簿を印刷（PDF）", view, StringComparison.Ordinal);
        var refused = await other.Client.PostAsync("/Applications/Print?handler=Register", new FormUrlEncodedContent(new Dictionary<string, string> { ["from"] = "2026-01-01" }));
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string>> ValidFormAsync()
    {
        await using var db = app.OpenDb();
        var branch = await db.BankBranches.Where(b => b.RemovedInEdition == null && b.BankCode != "9900").OrderBy(b => b.Id).FirstOrDefaultAsync();
        return new()
        {
            ["Input.AppliedOn"] = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(9).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ApplicantAtena"] = "000101",
            ["Input.ApplicantRole"] = "Parent",
            ["Input.SingleParentReason"] = "Divorce",
            ["Input.ReasonArisenOn"] = "2023-12-20",
            ["Input.InsuranceKind"] = "National",
            ["Input.InsurerNumber"] = "290015",
            ["Input.BankCode"] = branch?.BankCode ?? "0162",
            ["Input.BranchCode"] = branch?.BranchCode ?? "001",
            ["Input.AccountType"] = "Ordinary",
            ["Input.AccountNumber"] = "123456",
            ["Input.AccountHolderKana"] = "ﾅﾗ ﾊﾅｺ",
            ["Input.Children[0].Atena"] = "000103",
            ["Input.Children[0].Insured"] = "true",
        };
    }

    [GeneratedRegex("/Applications/(\\d+)")]
    private static partial Regex IdPattern();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
