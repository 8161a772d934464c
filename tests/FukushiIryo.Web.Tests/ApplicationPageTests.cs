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

        // The 再認証 comes before the decision form, so the approver decides once.
        var first = await approver.Client.GetAsync($"/Applications/{id}/Decide");
        Assert.StartsWith("/Account/Reauthenticate", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var passed = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, Approver), ["ReturnUrl"] = $"/Applications/{id}/Decide" });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(ApplicationStatus.Pending, (await db.Applications.SingleAsync(a => a.Id == id)).Status);
        }

        var decide = await approver.Client.GetStringAsync($"/Applications/{id}/Decide");
        var version = VersionPattern().Match(decide).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Version"] = version, ["Result"] = "Granted", ["Reason"] = "要件を満たす" };
        var decided = await approver.PostFormWithTokenFromAsync($"/Applications/{id}/Decide", decide, new(fields));
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

    [Fact]
    public async Task A_person_who_is_already_an_active_recipient_is_refused_beside_the_field_and_nothing_is_saved()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var fields = await ValidFormAsync();
        fields["Input.ApplicantAtena"] = "000101"; // 奈良 花子: imported as an active 父母 recipient (受給者番号 of serial 101)
        fields["Input.Children[0].Atena"] = "000102"; // 奈良 一郎: an active 児童 recipient
        int before;
        await using (var db = app.OpenDb())
        {
            before = await db.Applications.CountAsync();
        }

        var response = await staff.PostFormAsync("/Applications/New", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var mother = FukushiIryo.Domain.Numbers.RecipientNumber.FromSerial(101).ToString();
        var son = FukushiIryo.Domain.Numbers.RecipientNumber.FromSerial(102).ToString();
        Assert.Matches($"data-field=\"ApplicantAtena\">宛名番号 000101 の人は令和[^<]*時点ですでに受給者です（受給者番号 {mother}）。新規申請は受け付けられません。", html);
        Assert.Matches($"data-field=\"Children\\[0\\].Atena\">宛名番号 000102 の人は令和[^<]*時点ですでに受給者です（受給者番号 {son}）。", html);
        Assert.Contains("保存していません", html, StringComparison.Ordinal);
        await using var check = app.OpenDb();
        Assert.Equal(before, await check.Applications.CountAsync());
    }

    /// <summary>
    /// A household of the 住基 with no recipient yet (平城 京子 and her child), imported once into the
    /// shared database: the seeded 奈良 household is already on the ledger.
    /// </summary>
    private async Task SeedApplicantsAsync()
    {
        await using var db = app.OpenDb();
        if (await db.Persons.AnyAsync(p => p.AtenaNumber == "000601"))
        {
            return;
        }

        var residents = Path.Combine(Path.GetTempPath(), $"fukushi-applicants-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000601,0006,平城 京子,ヘイジョウ キョウコ,1987-09-09,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,2020-04-01,",
            "000602,0006,平城 遥,ヘイジョウ ハルカ,2014-04-01,2,子,6308501,奈良県奈良市登大路町30番地,1,,2020-04-01,") + "\n", new System.Text.UTF8Encoding(true));
        try
        {
            var imported = await new FukushiIryo.App.Linkage.ResidentsImport(db, TimeProvider.System).RunAsync(new FukushiIryo.App.Importing.ImportRequest(residents, "admin", new DateOnly(2026, 11, 2), Migration: true));
            Assert.Equal(FukushiIryo.App.Importing.ImportStatus.Imported, imported.Status);
        }
        finally
        {
            File.Delete(residents);
        }
    }

    private async Task<Dictionary<string, string>> ValidFormAsync()
    {
        await SeedApplicantsAsync();
        await using var db = app.OpenDb();
        var branch = await db.BankBranches.Where(b => b.RemovedInEdition == null && b.BankCode != "9900").OrderBy(b => b.Id).FirstOrDefaultAsync();
        return new()
        {
            ["Input.AppliedOn"] = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(9).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ApplicantAtena"] = "000601",
            ["Input.ApplicantRole"] = "Parent",
            ["Input.SingleParentReason"] = "Divorce",
            ["Input.ReasonArisenOn"] = "2023-12-20",
            ["Input.InsuranceKind"] = "National",
            ["Input.InsurerNumber"] = "290015",
            ["Input.BankCode"] = branch?.BankCode ?? "0162",
            ["Input.BranchCode"] = branch?.BranchCode ?? "001",
            ["Input.AccountType"] = "Ordinary",
            ["Input.AccountNumber"] = "123456",
            ["Input.AccountHolderKana"] = "ﾍｲｼﾞｮｳ ｷｮｳｺ",
            ["Input.Children[0].Atena"] = "000602",
            ["Input.Children[0].Insured"] = "true",
        };
    }

    [GeneratedRegex("/Applications/(\\d+)")]
    private static partial Regex IdPattern();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
