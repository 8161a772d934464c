using System.Net;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Web.Tests;

/// <summary>Server-side sessions (P8, P12): idle timeout, absolute lifetime, logout, a disabled account.</summary>
[Collection(WebAppDefinition.Name)]
public sealed class SessionTests(WebAppFixture app)
{
    [Fact]
    public async Task An_idle_session_needs_a_new_login()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/Persons")).StatusCode);
        var before = app.Clock.Offset;
        try
        {
            app.Clock.Offset = before + TimeSpan.FromMinutes(16);
            var idle = await staff.Client.GetAsync("/Persons");
            Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
            Assert.StartsWith("/Account/Login", idle.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Offset = before;
        }

        // Even with the clock back, the ended session stays ended.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.Client.GetAsync("/Persons")).StatusCode);
        await using var db = app.OpenDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.SessionEnded && e.Actor == "madoguchi1" && e.Details.Contains("idle")));
    }

    [Fact]
    public async Task Activity_keeps_a_session_alive_until_its_absolute_lifetime()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var before = app.Clock.Offset;
        try
        {
            for (var minutes = 10; minutes <= 470; minutes += 10)
            {
                app.Clock.Offset = before + TimeSpan.FromMinutes(minutes);
                Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/Persons")).StatusCode);
            }

            app.Clock.Offset = before + TimeSpan.FromMinutes(481);
            Assert.Equal(HttpStatusCode.Redirect, (await staff.Client.GetAsync("/Persons")).StatusCode);
        }
        finally
        {
            app.Clock.Offset = before;
        }
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_live_session_at_the_next_request()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/Persons")).StatusCode);
        await SetEnabledAsync("madoguchi1", enabled: false);
        try
        {
            var after = await staff.Client.GetAsync("/Persons");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            using var again = StaffSession.Start(app);
            var refused = await again.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "madoguchi1", ["Input.Password"] = WebAppFixture.Password });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the login page again, with its message
        }
        finally
        {
            await SetEnabledAsync("madoguchi1", enabled: true);
        }
    }

    [Fact]
    public async Task A_logged_out_session_cannot_be_replayed_with_its_old_cookie()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var cookie = staff.CookieHeader();
        var logout = await staff.PostFormAsync("/Persons", new() { ["Criteria.Kana"] = "ナラ" });
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync("/Account/Logout", new())).StatusCode);

        using var replay = StaffSession.Anonymous(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Persons");
        request.Headers.Add("Cookie", cookie);
        var replayed = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
    }

    private async Task SetEnabledAsync(string login, bool enabled)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetEnabledAsync(login, enabled, "admin");
        Assert.Equal(AccountOutcome.Ok, result.Outcome);
    }
}

/// <summary>The administrators' view of sessions: concurrent use of one account is shown, and sessions can be ended.</summary>
[Collection(WebAppDefinition.Name)]
public sealed class AdminSessionsTests(WebAppFixture app)
{
    [Fact]
    public async Task An_account_used_from_two_clients_is_marked_and_its_sessions_can_be_ended()
    {
        long userId;
        await using (var db = app.OpenDb())
        {
            userId = (await db.Users.SingleAsync(u => u.UserName == "role0")).Id;
        }

        // Other tests of the shared app leave role0 sessions open (a test client never logs out): end
        // them first, so that exactly this test's two clients are open, whatever ran before.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffSessions>().EndAllAsync(userId, "ended-by-admin");
        }

        using var desk = await StaffSession.LoginAsync(app, "role0", userAgent: "CounterDesk/1.0");
        using var laptop = await StaffSession.LoginAsync(app, "role0", userAgent: "Laptop/2.0");
        using var admin = await StaffSession.LoginAsync(app, "admin");

        var page = await (await admin.Client.GetAsync("/Admin/Sessions")).Content.ReadAsStringAsync();
        Assert.Contains("同時利用", page, StringComparison.Ordinal);
        Assert.Contains("CounterDesk/1.0", page, StringComparison.Ordinal);

        var ended = await admin.PostFormAsync("/Admin/Sessions?handler=End", new() { ["userId"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("セッション 2 件を終了しました", await ended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/")).StatusCode);

        await using var check = app.OpenDb();
        Assert.True(await check.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.SessionsEndedByAdmin && e.SubjectId == "role0"));
    }

    [Fact]
    public async Task Only_administrators_see_the_sessions()
    {
        using var counter = await StaffSession.LoginAsync(app, "madoguchi1");
        var response = await counter.Client.GetAsync("/Admin/Sessions");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
