using Microsoft.Extensions.DependencyInjection;
using System.Net;
using FukushiIryo.App.Audit;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>The staff web app over HTTP: login, permissions, search, the person page, audit and headers.</summary>
[Collection(WebAppDefinition.Name)]
public sealed class WebAppTests(WebAppFixture app)
{
    [Fact]
    public async Task Every_page_but_login_and_health_needs_a_login()
    {
        using var anonymous = StaffSession.Anonymous(app);
        var home = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/Persons/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Account/Login")).StatusCode);
        var health = await anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_cookie_and_token_keys_are_kept_in_the_configured_folder_readable_by_the_owner_only()
    {
        // The login page issues an antiforgery token: the key ring exists by then.
        using var anonymous = StaffSession.Anonymous(app);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Account/Login")).StatusCode);
        Assert.NotEmpty(Directory.GetFiles(app.DataProtectionKeyDirectory, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.DataProtectionKeyDirectory));
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_audited_without_saying_which_part_was_wrong()
    {
        using var anonymous = StaffSession.Start(app);
        var response = await anonymous.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "madoguchi1", ["Input.Password"] = "not the password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ログインIDまたはパスワードが違います。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await anonymous.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "nobody", ["Input.Password"] = "whatever it is" });
        Assert.Contains("ログインIDまたはパスワードが違います。", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.LoginFailed && e.Actor == "madoguchi1"));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.LoginFailed && e.Actor == "nobody"));
    }

    [Fact]
    public async Task Kana_search_ignores_width_and_script_and_is_audited_with_its_criteria()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        foreach (var kana in new[] { "ﾅﾗ ﾊ", "なら　は", "ナラハナ" })
        {
            var response = await staff.PostFormAsync("/Persons", new() { ["Criteria.Kana"] = kana });
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("奈良 花子", html, StringComparison.Ordinal);
            Assert.DoesNotContain("奈良 一郎", html, StringComparison.Ordinal);
        }

        await using var db = app.OpenDb();
        var searches = await db.AuditEvents.Where(e => e.EventType == AuditEventType.PersonSearched && e.Actor == "madoguchi1").ToListAsync();
        Assert.Contains(searches, e => e.Details.Contains("\"kana\":\"ﾅﾗ ﾊ\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_birth_date_in_wareki_finds_the_person_and_a_bad_date_says_why()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var found = await (await staff.PostFormAsync("/Persons", new() { ["Criteria.BirthDate"] = "H21.4.2" })).Content.ReadAsStringAsync();
        Assert.Contains("奈良 一郎", found, StringComparison.Ordinal);
        var bad = await (await staff.PostFormAsync("/Persons", new() { ["Criteria.BirthDate"] = "R8.2.30" })).Content.ReadAsStringAsync();
        Assert.Contains("生年月日が読めません", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_page_shows_every_group_with_history_and_is_audited()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        long id;
        await using (var db = app.OpenDb())
        {
            id = (await db.Persons.SingleAsync(p => p.AtenaNumber == "000101")).Id;
        }

        var page = await staff.Client.GetAsync($"/Persons/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        foreach (var group in new[] { "資格管理", "福祉世帯", "医療保険", "支払口座", "連絡先", "メモ", "地方税関係情報", "宛名の履歴" })
        {
            Assert.Contains($"<h2>{group}</h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains("奈良県奈良市東向中町1番地", html, StringComparison.Ordinal);
        Assert.Contains("奈良県奈良市登大路町30番地", html, StringComparison.Ordinal); // the earlier period in the history
        Assert.Contains("0742-34-1111", html, StringComparison.Ordinal);
        Assert.Contains("昭和63年5月12日", html, StringComparison.Ordinal);

        var before = await (await staff.Client.GetAsync($"/Persons/{id}?asOf=R8.10.14")).Content.ReadAsStringAsync();
        Assert.Contains("令和8年10月14日（2026-10-14） 時点", before, StringComparison.Ordinal);

        await using var check = app.OpenDb();
        Assert.True(await check.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.PersonViewed && e.Actor == "madoguchi1" && e.SubjectId == "000101"));
    }

    [Fact]
    public async Task A_role_without_the_permission_is_refused_the_person_pages()
    {
        using var statistician = await StaffSession.LoginAsync(app, "toukei1");
        var response = await statistician.Client.GetAsync("/Persons/1");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var denied = await statistician.Client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        await using var db = app.OpenDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.AccessDenied && e.Actor == "toukei1" && e.SubjectId == "/Persons/1"));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var anonymous = StaffSession.Anonymous(app);
        var response = await anonymous.GetAsync("/Account/Login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=\"", html, StringComparison.Ordinal);
    }
}

/// <summary>The web app anchors the audit chain outside the database, so that its own events are covered.</summary>
[Collection(WebAppDefinition.Name)]
public sealed class AuditAnchorTests(WebAppFixture app)
{
    [Fact]
    public async Task Stopping_the_anchor_service_writes_the_latest_sequence_and_the_chain_verifies()
    {
        using (await StaffSession.LoginAsync(app, "madoguchi1"))
        {
        }

        var services = app.Factory.Services;
        var service = new AuditAnchorService(
            services,
            services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditAnchorService>.Instance);
        await service.StopAsync(CancellationToken.None);

        await using var db = app.OpenDb();
        var last = await db.AuditEvents.MaxAsync(e => e.Sequence);
        var anchors = await new AuditAnchors(app.AnchorFile).ReadAsync();
        Assert.Equal(last, anchors[^1].Sequence);
        var verified = await AuditVerifier.VerifyAsync(db, app.AnchorFile);
        Assert.True(verified.Ok, verified.Message);
    }
}

/// <summary>Free text from files and staff is encoded on output: a script in a name never runs.</summary>
[Collection(WebAppDefinition.Name)]
public sealed class OutputEncodingTests(WebAppFixture app)
{
    [Fact]
    public async Task A_script_in_a_memo_and_an_address_is_shown_as_text()
    {
        long id;
        await using (var db = app.OpenDb())
        {
            var person = await db.Persons.SingleAsync(p => p.AtenaNumber == "000101");
            id = person.Id;
            db.Memos.Add(new FukushiIryo.App.People.Memo { PersonId = id, Text = "<script>alert('x')</script>聞き取り", RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "madoguchi1" });
            await db.SaveChangesAsync();
        }

        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var html = await (await staff.Client.GetAsync($"/Persons/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert('x')</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;聞き取り", html, StringComparison.Ordinal);
    }
}

/// <summary>Every form carries an antiforgery token, and a post without it is refused.</summary>
[Collection(WebAppDefinition.Name)]
public sealed class AntiforgeryTests(WebAppFixture app)
{
    [Fact]
    public async Task A_post_without_the_token_is_refused()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var forged = await staff.Client.PostAsync("/Persons", new FormUrlEncodedContent(new Dictionary<string, string> { ["Criteria.Kana"] = "ナラ" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var anonymous = StaffSession.Anonymous(app);
        var login = await anonymous.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Login"] = "madoguchi1", ["Input.Password"] = WebAppFixture.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }
}
