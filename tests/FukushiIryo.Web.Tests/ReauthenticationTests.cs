using System.Net;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 再認証 before a change of permissions (P5, issue 6 §3) on the accounts page: the change waits for
/// the password and a fresh TOTP code, is refused when the account changed meanwhile, and is audited.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class ReauthenticationTests(WebAppFixture app)
{
    [Fact]
    public async Task A_role_change_waits_for_reauthentication_and_is_then_saved_and_audited()
    {
        using var admin = await StaffSession.LoginAsync(app, "admin");
        var page = await admin.Client.GetStringAsync("/Admin/Users");
        Assert.Contains("kengen1", page, StringComparison.Ordinal);
        var stamp = await StampOfAsync("kengen1");

        // Without a recent 再認証 the act is sent to the 再認証 page and nothing changes.
        var refused = await admin.PostFormWithTokenFromAsync("/Admin/Users?handler=Roles", page, Roles("kengen1", stamp, RoleNames.Counter, RoleNames.Reviewer));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/Account/Reauthenticate?ReturnUrl=%2FAdmin%2FUsers", refused.Headers.Location!.OriginalString);
        Assert.Equal([RoleNames.Counter], await RolesOfAsync("kengen1"));

        // A wrong password is refused and audited with its purpose.
        var wrong = await admin.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = "not the password", ["Code"] = StaffSession.CodeFor(app, "admin"), ["ReturnUrl"] = "/Admin/Users" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("パスワードが違います", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var passed = await admin.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, "admin"), ["ReturnUrl"] = "/Admin/Users" });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        Assert.Equal("/Admin/Users", passed.Headers.Location!.OriginalString);

        page = await admin.Client.GetStringAsync("/Admin/Users");
        var saved = await admin.PostFormWithTokenFromAsync("/Admin/Users?handler=Roles", page, Roles("kengen1", stamp, RoleNames.Counter, RoleNames.Reviewer));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("kengen1 を更新しました", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new[] { RoleNames.Counter, RoleNames.Reviewer }.Order(StringComparer.Ordinal), await RolesOfAsync("kengen1"));

        await using var db = app.OpenDb();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Actor == "admin").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Contains(events, e => e.EventType == AuditEventType.LoginFailed && e.Details.Contains("\"purpose\":\"reauthenticate\"", StringComparison.Ordinal));
        Assert.Contains(events, e => e.EventType == AuditEventType.StepUpSucceeded && e.Details.Contains("reauthenticate", StringComparison.Ordinal));
        var update = events.Last(e => e.EventType == AuditEventType.UserUpdated && e.SubjectId == "kengen1");
        Assert.Contains("\"newRoles\":\"窓口,審査\"", update.Details, StringComparison.Ordinal);
        Assert.Contains("\"oldRoles\":\"窓口\"", update.Details, StringComparison.Ordinal);
        Assert.NotNull(update.ClientAddress);
        Assert.NotNull(update.CorrelationId);

        // A form shown before that change is stale now: refused, nothing overwritten.
        var stale = await admin.PostFormWithTokenFromAsync("/Admin/Users?handler=Roles", page, Roles("kengen1", stamp, RoleNames.Counter));
        Assert.Contains("他の操作で変更されています", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new[] { RoleNames.Counter, RoleNames.Reviewer }.Order(StringComparer.Ordinal), await RolesOfAsync("kengen1"));

        // The 再認証 covers a few minutes only.
        var before = app.Clock.Offset;
        try
        {
            app.Clock.Offset = before + TimeSpan.FromMinutes(6);
            page = await admin.Client.GetStringAsync("/Admin/Users");
            var later = await admin.PostFormWithTokenFromAsync("/Admin/Users?handler=Roles", page, Roles("kengen1", await StampOfAsync("kengen1"), RoleNames.Counter));
            Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
            Assert.StartsWith("/Account/Reauthenticate", later.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Offset = before;
        }
    }

    [Fact]
    public async Task A_replayed_code_does_not_reauthenticate()
    {
        using var admin = await StaffSession.LoginAsync(app, "admin");
        var code = StaffSession.CodeFor(app, "admin");
        var first = await admin.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = code, ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var again = await admin.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = code, ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("使用済み", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accounts_page_is_for_the_system_administrator_only()
    {
        using var counter = await StaffSession.LoginAsync(app, "madoguchi1");
        var response = await counter.Client.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await counter.Client.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task Reauthentication_needs_a_signed_in_user()
    {
        using var anonymous = StaffSession.Anonymous(app);
        var response = await anonymous.GetAsync("/Account/Reauthenticate");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Roles(string login, string stamp, params string[] roles)
    {
        // FormUrlEncodedContent takes pairs; a dictionary holds one value per key, so the roles go in as Roles[i].
        var fields = new Dictionary<string, string> { ["Login"] = login, ["Stamp"] = stamp };
        for (var i = 0; i < roles.Length; i++)
        {
            fields[$"Roles[{i}]"] = roles[i];
        }

        return fields;
    }

    private async Task<string> StampOfAsync(string login)
    {
        await using var db = app.OpenDb();
        return (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == login)).ConcurrencyStamp!;
    }

    private async Task<List<string>> RolesOfAsync(string login)
    {
        await using var db = app.OpenDb();
        return (await (from user in db.Users
                      join userRole in db.UserRoles on user.Id equals userRole.UserId
                      join role in db.Roles on userRole.RoleId equals role.Id
                      where user.UserName == login
                      select role.Name!).ToListAsync()).Order(StringComparer.Ordinal).ToList();
    }
}
