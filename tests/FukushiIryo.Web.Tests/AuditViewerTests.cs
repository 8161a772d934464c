using System.Net;
using System.Text;
using FukushiIryo.App.Audit;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// Security B (issue 7): the audit viewer for 監査, "who saw this person", the CSV export of the log and
/// of search results (purpose, 再認証, the file names its user and time, audited), and the walk over
/// the main pages checking that each wrote its typed event with client address and correlation id.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class AuditViewerTests(WebAppFixture app)
{
    private const string Auditor = "role6"; // 監査
    private const string Approver = "role3"; // 決裁: the 管理権限者 of P10

    [Fact]
    public async Task The_auditor_finds_who_saw_a_person_and_the_search_itself_is_audited()
    {
        var id = await PersonIdAsync("000101");
        using (var counter = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            Assert.Equal(HttpStatusCode.OK, (await counter.Client.GetAsync($"/Persons/{id}")).StatusCode);
            var page = await counter.Client.GetStringAsync($"/Persons/{id}");
            Assert.DoesNotContain("閲覧した職員", page, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await counter.Client.GetAsync("/Audit")).StatusCode);
        }

        using var auditor = await StaffSession.LoginAsync(app, Auditor);
        var detail = await auditor.Client.GetStringAsync($"/Persons/{id}");
        Assert.Contains("この方の記録を閲覧した職員（監査）", detail, StringComparison.Ordinal);
        Assert.Contains("<td>madoguchi1</td>", detail, StringComparison.Ordinal);
        Assert.Contains("<td>宛名詳細</td>", detail, StringComparison.Ordinal);

        var search = await auditor.Client.GetStringAsync("/Audit?Filter.Atena=000101&Filter.Actor=madoguchi1&Filter.Type=person.viewed");
        Assert.Contains("個人の閲覧", search, StringComparison.Ordinal);
        Assert.Contains("<td>madoguchi1</td>", search, StringComparison.Ordinal);
        Assert.DoesNotContain($"<td>{Auditor}</td>", search, StringComparison.Ordinal);
        Assert.Contains("日付が読めません", await auditor.Client.GetStringAsync("/Audit?Filter.From=2026-02-30"), StringComparison.Ordinal);

        await using var db = app.OpenDb();
        var searched = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.AuditSearched && e.Actor == Auditor).OrderBy(e => e.Sequence).LastAsync();
        Assert.Contains("\"atenaNumber\":\"000101\"", searched.Details, StringComparison.Ordinal);
        Assert.Contains("\"eventType\":\"person.viewed\"", searched.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_export_needs_a_purpose_and_reauthentication_and_carries_its_user_and_time()
    {
        using var auditor = await StaffSession.LoginAsync(app, Auditor);
        var fields = new Dictionary<string, string> { ["Filter.Actor"] = "madoguchi1", ["Purpose"] = "定期監査の資料" };

        // Without the password and the code: refused, no file.
        var page = await auditor.Client.GetStringAsync("/Audit?Filter.Actor=madoguchi1");
        var refused = await auditor.PostFormWithTokenFromAsync("/Audit/Export", page, new(fields));
        Assert.Equal("text/html", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("再認証", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noPurpose = await auditor.PostFormWithTokenFromAsync("/Audit/Export", page, new() { ["Filter.Actor"] = "madoguchi1", ["Purpose"] = "" });
        Assert.Contains("出力の目的", await noPurpose.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var withProof = new Dictionary<string, string>(fields) { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, Auditor) };
        var exported = await auditor.PostFormWithTokenFromAsync("/Audit/Export", page, withProof);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("text/csv", exported.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", exported.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var fileName = exported.Content.Headers.ContentDisposition!.FileNameStar ?? exported.Content.Headers.ContentDisposition.FileName!;
        Assert.Matches($"^audit-log_[0-9]{{8}}-[0-9]{{6}}_{Auditor}\\.csv$", fileName.Trim('"'));
        var bytes = await exported.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"出力者,{Auditor},役割 監査,出力日時,", lines[0], StringComparison.Ordinal);
        Assert.Contains(",目的,定期監査の資料,操作履歴", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("連番,日時（日本時間）,職員,操作", lines[1], StringComparison.Ordinal);
        Assert.True(lines.Length > 2);
        Assert.All(lines.Skip(2), line => Assert.Contains(",madoguchi1,", line, StringComparison.Ordinal));

        // Within the 再認証 window a second export needs no password again.
        var again = await auditor.PostFormWithTokenFromAsync("/Audit/Export", page, new(fields));
        Assert.Equal("text/csv", again.Content.Headers.ContentType!.MediaType);

        await using var db = app.OpenDb();
        var export = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.ExportCreated && e.Actor == Auditor).OrderBy(e => e.Sequence).LastAsync();
        Assert.Contains("\"purpose\":\"定期監査の資料\"", export.Details, StringComparison.Ordinal);
        Assert.Contains("\"criteria.actor\":\"madoguchi1\"", export.Details, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"audit-log\"", export.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_results_are_exported_by_roles_with_the_export_permission_only()
    {
        using (var counter = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            var denied = await counter.PostFormWithTokenFromAsync("/Persons/Export", await counter.Client.GetStringAsync("/Persons"),
                new() { ["Criteria.Kana"] = "ナラ", ["Purpose"] = "確認のため", ["Password"] = WebAppFixture.Password, ["Code"] = "000000" });
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var reviewer = await StaffSession.LoginAsync(app, Approver);
        var results = await reviewer.PostFormAsync("/Persons", new() { ["Criteria.Kana"] = "ナラ" });
        var page = await results.Content.ReadAsStringAsync();
        Assert.Contains("をCSVで出力する", page, StringComparison.Ordinal);
        var exported = await reviewer.PostFormWithTokenFromAsync("/Persons/Export", page, new()
        {
            ["Criteria.Kana"] = "ナラ",
            ["Purpose"] = "県への報告資料の作成",
            ["Password"] = WebAppFixture.Password,
            ["Code"] = StaffSession.CodeFor(app, Approver),
        });
        Assert.Equal("text/csv", exported.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString((await exported.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"出力者,{Approver},", lines[0], StringComparison.Ordinal);
        Assert.Equal("宛名番号,氏名,氏名カナ,生年月日,性別,住所,住民区分,受給者番号", lines[1]);
        Assert.Contains(lines, line => line.StartsWith("000103,奈良 𠮷乃,", StringComparison.Ordinal));
        Assert.Equal(3, lines.Length - 2);
    }

    [Fact]
    public async Task Walking_the_main_pages_writes_each_typed_event_with_address_and_correlation()
    {
        var before = await LastSequenceAsync();
        var id = await PersonIdAsync("000102");
        using (var failed = StaffSession.Start(app))
        {
            await failed.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "madoguchi1", ["Input.Password"] = "not the password at all" });
        }

        using (var counter = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            await counter.PostFormAsync("/Persons", new() { ["Criteria.Name"] = "一郎" });
            await counter.Client.GetAsync($"/Persons/{id}");
            await counter.Client.GetAsync("/Admin/Users");
            await counter.PostFormAsync("/Account/Logout", []);
        }

        using (var admin = await StaffSession.LoginAsync(app, "admin"))
        {
            await admin.Client.GetAsync("/Admin/Users");
        }

        using (var auditor = await StaffSession.LoginAsync(app, Auditor))
        {
            await auditor.Client.GetAsync("/Audit?Filter.Actor=madoguchi1");
        }

        await using var db = app.OpenDb();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > before).OrderBy(e => e.Sequence).ToListAsync();
        void Wrote(string type, string actor, string? contains = null) =>
            Assert.Contains(events, e => e.EventType == type && e.Actor == actor && (contains is null || e.Details.Contains(contains, StringComparison.Ordinal)));
        Wrote(AuditEventType.LoginFailed, "madoguchi1");
        Wrote(AuditEventType.LoginSucceeded, "madoguchi1");
        Wrote(AuditEventType.PersonSearched, "madoguchi1", "\"name\":\"一郎\"");
        Wrote(AuditEventType.PersonViewed, "madoguchi1", "\"screen\":\"宛名詳細\"");
        Wrote(AuditEventType.AccessDenied, "madoguchi1");
        Wrote(AuditEventType.Logout, "madoguchi1");
        Wrote(AuditEventType.UserListed, "admin");
        Wrote(AuditEventType.AuditSearched, Auditor);
        Assert.All(events, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.ClientAddress), $"{e.Sequence} {e.EventType} has no client address");
            Assert.False(string.IsNullOrEmpty(e.CorrelationId), $"{e.Sequence} {e.EventType} has no correlation id");
        });
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = app.OpenDb();
        return await db.AuditEvents.MaxAsync(e => e.Sequence);
    }

    private async Task<long> PersonIdAsync(string atena)
    {
        await using var db = app.OpenDb();
        return await db.Persons.Where(p => p.AtenaNumber == atena).Select(p => p.Id).SingleAsync();
    }
}
