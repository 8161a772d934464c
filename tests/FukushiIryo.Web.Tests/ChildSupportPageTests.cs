using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Income;
using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>養育費の申告 on the person page: saved and audited, refused without the permission, a stale form refused.</summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class ChildSupportPageTests(WebAppFixture app)
{
    [Fact]
    public async Task A_counter_clerk_records_a_declaration_from_the_person_page_and_it_is_audited()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var id = await MotherIdAsync();
        var page = await staff.Client.GetStringAsync($"/Persons/{id}");
        Assert.Contains("<h2>養育費の申告</h2>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.ReceivedByChild\"", page, StringComparison.Ordinal);

        var response = await staff.PostFormWithTokenFromAsync($"/Persons/{id}/ChildSupport", page, new()
        {
            ["Input.TaxYear"] = "２０２６",
            ["Input.ReceivedByChild"] = "３６０，０００",
            ["Input.ReceivedByRecipient"] = "0円",
            ["Input.Version"] = VersionIn(page),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Persons/{id}?childSupport=recorded&year=2026#child-support", response.Headers.Location!.OriginalString);

        var after = await staff.Client.GetStringAsync($"/Persons/{id}?childSupport=recorded&year=2026");
        Assert.Contains("課税年度 2026 の養育費の申告を記録しました", after, StringComparison.Ordinal);
        Assert.Contains("360,000円", after, StringComparison.Ordinal);

        await using var db = app.OpenDb();
        var declared = await ChildSupportDeclarations.FindDeclaredAsync(db, id, 2026);
        Assert.Equal((360_000L, 0L, "madoguchi1"), (declared!.ReceivedByChild, declared.ReceivedByRecipient, declared.RecordedBy));
        var audit = await db.AuditEvents.Where(e => e.EventType == AuditEventType.ChildSupportDeclared && e.Actor == "madoguchi1").OrderBy(e => e.Sequence).LastAsync();
        Assert.Equal("000101", audit.SubjectId);
        Assert.Contains("\"receivedByChild\":360000", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_amount_is_refused_with_a_japanese_message_and_nothing_is_saved()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var id = await MotherIdAsync();
        var page = await staff.Client.GetStringAsync($"/Persons/{id}");
        var response = await staff.PostFormWithTokenFromAsync($"/Persons/{id}/ChildSupport", page, new()
        {
            ["Input.TaxYear"] = "2023",
            ["Input.ReceivedByChild"] = "-5",
            ["Input.ReceivedByRecipient"] = string.Empty,
            ["Input.Version"] = VersionIn(page),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("児童養育費は0以上の整数（円）で入力してください。", html, StringComparison.Ordinal);
        Assert.Contains("受給者養育費を入力してください（受け取っていなければ 0）。", html, StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.Null(await ChildSupportDeclarations.FindDeclaredAsync(db, id, 2023));
    }

    [Fact]
    public async Task A_form_read_before_someone_else_changed_the_person_is_refused()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var id = await MotherIdAsync();
        var page = await staff.Client.GetStringAsync($"/Persons/{id}");

        // Meanwhile another clerk records the 2024 declaration.
        await using (var db = app.OpenDb())
        {
            var version = await db.Persons.Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
            await ChildSupportDeclarations.RecordAsync(db, TimeProvider.System, new ChildSupportEntry(id, version, 2024, 100_000, 0), "admin");
        }

        var response = await staff.PostFormWithTokenFromAsync($"/Persons/{id}/ChildSupport", page, new()
        {
            ["Input.TaxYear"] = "2024",
            ["Input.ReceivedByChild"] = "200000",
            ["Input.ReceivedByRecipient"] = "0",
            ["Input.Version"] = VersionIn(page),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("他の職員が更新しました", html, StringComparison.Ordinal);
        await using var check = app.OpenDb();
        Assert.Equal(100_000L, (await ChildSupportDeclarations.FindDeclaredAsync(check, id, 2024))!.ReceivedByChild);
    }

    [Fact]
    public async Task A_role_without_the_permission_sees_no_form_and_its_post_is_refused()
    {
        var reviewer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Reviewer)}";
        Assert.False(Permissions.Allows(Permissions.ChildSupportRecord, [RoleNames.Reviewer]));
        Assert.True(Permissions.Allows(Permissions.SensitiveView, [RoleNames.Reviewer]));
        using var staff = await StaffSession.LoginAsync(app, reviewer);
        var id = await MotherIdAsync();
        var page = await staff.Client.GetStringAsync($"/Persons/{id}");
        Assert.Contains("<h2>養育費の申告</h2>", page, StringComparison.Ordinal); // may see 地方税関係情報
        Assert.DoesNotContain("name=\"Input.ReceivedByChild\"", page, StringComparison.Ordinal);

        var response = await staff.PostFormWithTokenFromAsync($"/Persons/{id}/ChildSupport", page, new()
        {
            ["Input.TaxYear"] = "2022",
            ["Input.ReceivedByChild"] = "1",
            ["Input.ReceivedByRecipient"] = "1",
            ["Input.Version"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.Null(await ChildSupportDeclarations.FindDeclaredAsync(db, id, 2022));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.AccessDenied && e.Actor == reviewer && e.SubjectId == $"/Persons/{id}/ChildSupport"));
    }

    private async Task<long> MotherIdAsync()
    {
        await using FukushiDbContext db = app.OpenDb();
        return (await db.Persons.SingleAsync(p => p.AtenaNumber == "000101")).Id;
    }

    private static string VersionIn(string page)
    {
        var match = VersionPattern().Match(page);
        Assert.True(match.Success, "the form carries the person's version");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
