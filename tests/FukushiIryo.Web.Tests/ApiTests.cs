using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The HTTP API /api/v1 (issue 9 item 8, ADR 0017) over real HTTP: per-system API keys with their
/// own permissions, staff cookies with the antiforgery header, 決裁 refused to machines, the
/// OpenAPI document, the audit with the system as actor.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class ApiTests(WebAppFixture app)
{
    private async Task<string> KeyAsync(string system, string[] permissions, DateOnly? from = null, DateOnly? to = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ApiKeys>().AddAsync(system, permissions, from, to, "admin");
        return issued.Secret;
    }

    private HttpClient KeyClient(string key)
    {
        var client = StaffSession.Anonymous(app);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private DateOnly Today => JstClock.Today(app.Clock);

    private async Task<long> PersonIdAsync(string atena)
    {
        await using var db = app.OpenDb();
        return await db.Persons.Where(p => p.AtenaNumber == atena).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task A_key_with_only_person_search_searches_but_is_refused_the_other_endpoints()
    {
        using var client = KeyClient(await KeyAsync("search-only", [Permissions.PersonSearch]));

        var found = await client.GetAsync("/api/v1/persons?kana=ﾅﾗ");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var body = await found.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("total").GetInt32() >= 3);
        var atenas = body.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("atenaNumber").GetString()).ToList();
        Assert.Contains("000101", atenas);
        Assert.Contains("000102", atenas);
        Assert.Contains("000103", atenas);

        var id = await PersonIdAsync("000101");
        foreach (var refused in new[] { "/api/v1/applications/pending", $"/api/v1/persons/{id}", $"/api/v1/persons/{id}/income/2026" })
        {
            var response = await client.GetAsync(refused);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("権限がありません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/applications", new { appliedOn = "2026-11-01" })).StatusCode);
    }

    [Fact]
    public async Task A_search_by_key_is_audited_with_the_system_as_actor()
    {
        using var client = KeyClient(await KeyAsync("audit-check", [Permissions.PersonSearch]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/persons?name=%E4%B8%80%E9%83%8E")).StatusCode);

        await using var db = app.OpenDb();
        var searched = await db.AuditEvents.AsNoTracking().Where(e => e.Actor == "api:audit-check").ToListAsync();
        var only = Assert.Single(searched);
        Assert.Equal(AuditEventType.PersonSearched, only.EventType);
        Assert.Contains("\"name\":\"一郎\"", only.Details, StringComparison.Ordinal);
        Assert.Matches("\"total\":[1-9]", only.Details);
    }

    [Fact]
    public async Task A_disabled_an_expired_a_future_or_an_unknown_key_gets_401()
    {
        var disabled = await KeyAsync("disabled-system", [Permissions.PersonSearch]);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FukushiIryo.App.Data.FukushiDbContext>();
            var id = await db.ApiKeys.Where(k => k.SystemName == "disabled-system").Select(k => k.Id).SingleAsync();
            using (var before = KeyClient(disabled))
            {
                Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/v1/persons?kana=ﾅﾗ")).StatusCode);
            }

            await scope.ServiceProvider.GetRequiredService<ApiKeys>().DisableAsync(id, "admin");
        }

        var expired = await KeyAsync("expired-system", [Permissions.PersonSearch], Today.AddDays(-30), Today);
        var future = await KeyAsync("future-system", [Permissions.PersonSearch], Today.AddDays(1));
        foreach (var key in new[] { disabled, expired, future, "not-a-key" })
        {
            using var client = KeyClient(key);
            var response = await client.GetAsync("/api/v1/persons?kana=ﾅﾗ");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("認証されていません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Neither a key nor a session: 401, not a redirect to the login page.
        using var anonymous = StaffSession.Anonymous(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/persons?kana=ﾅﾗ")).StatusCode);
    }

    [Fact]
    public async Task A_key_opens_no_page()
    {
        using var client = KeyClient(await KeyAsync("no-pages", [Permissions.PersonSearch]));
        var response = await client.GetAsync("/Persons?Kana=ﾅﾗ");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_never_holds_a_decision_or_audit_permission_and_a_decision_with_a_key_is_refused()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();
            foreach (var permission in new[] { Permissions.ApplicationDecide, Permissions.AuditView, Permissions.AuditExport, Permissions.AuditVerify, Permissions.PersonExport })
            {
                var refused = await Assert.ThrowsAsync<ApiKeyRefusedException>(() => keys.AddAsync("greedy", [Permissions.PersonSearch, permission], null, null, "admin"));
                Assert.Contains(permission, refused.Message, StringComparison.Ordinal);
            }
        }

        using var client = KeyClient(await KeyAsync("intake-system", [Permissions.PersonView, Permissions.ApplicationEnter]));
        var decision = await client.PostAsJsonAsync("/api/v1/applications/1/decision", new { version = 1, result = "Granted" });
        Assert.Equal(HttpStatusCode.Forbidden, decision.StatusCode);

        // The same key enters applications without an antiforgery header (no cookie to forge); bad input comes back per field.
        var entered = await client.PostAsJsonAsync("/api/v1/applications", new { appliedOn = "2026-02-30", applicantAtena = "000101" });
        Assert.Equal(HttpStatusCode.BadRequest, entered.StatusCode);
        var problem = await entered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("申請年月日が正しい日付ではありません", problem.GetProperty("errors").GetProperty("AppliedOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("すでに受給者です", problem.GetProperty("errors").GetProperty("ApplicantAtena")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_cookie_act_without_the_antiforgery_header_is_refused_and_with_it_reaches_the_checks()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var form = new { appliedOn = "2026-02-30", applicantAtena = "000101" };

        var without = await staff.Client.PostAsJsonAsync("/api/v1/applications", form);
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        var refusal = await without.Content.ReadAsStringAsync();
        Assert.Contains("要求を確認できません", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("AppliedOn", refusal, StringComparison.Ordinal);

        var token = await staff.Client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications") { Content = JsonContent.Create(form) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        var with = await staff.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, with.StatusCode);
        var problem = await with.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("AppliedOn", out _));
    }

    [Fact]
    public async Task A_staff_decision_needs_a_recent_reauthentication()
    {
        using var approver = await StaffSession.LoginAsync(app, $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}");
        var token = await approver.Client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications/1/decision") { Content = JsonContent.Create(new { version = 1, result = "Granted" }) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        var response = await approver.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("再認証が必要です", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // After the 再認証 the call reaches the decision rules (here: no such application).
        var login = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";
        var reauthenticated = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, login), ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, reauthenticated.StatusCode);
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications/999999/decision") { Content = JsonContent.Create(new { version = 1, result = "Granted" }) };
        again.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        var decided = await approver.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, decided.StatusCode);
        Assert.Contains("申請が見つかりません", await decided.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_by_key_masks_the_account_without_the_sensitive_permission_and_is_audited()
    {
        var id = await PersonIdAsync("000101");
        using var plain = KeyClient(await KeyAsync("viewer-plain", [Permissions.PersonView]));
        var masked = await plain.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{id}");
        Assert.False(masked.GetProperty("sensitiveShown").GetBoolean());
        Assert.Equal(SensitiveItems.Mask, masked.GetProperty("bankAccount").GetProperty("accountNumber").GetString());
        Assert.Equal("奈良 花子", masked.GetProperty("name").GetString());

        using var trusted = KeyClient(await KeyAsync("viewer-sensitive", [Permissions.PersonView, Permissions.SensitiveView]));
        var shown = await trusted.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{id}");
        Assert.True(shown.GetProperty("sensitiveShown").GetBoolean());
        Assert.Equal("0123456", shown.GetProperty("bankAccount").GetProperty("accountNumber").GetString());

        await using var db = app.OpenDb();
        var viewed = await db.AuditEvents.AsNoTracking().Where(e => e.Actor == "api:viewer-plain").SingleAsync();
        Assert.Equal(AuditEventType.PersonViewed, viewed.EventType);
        Assert.Equal("000101", viewed.SubjectId);
        Assert.Contains("\"sensitiveShown\":false", viewed.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_api_route_and_is_for_staff_only()
    {
        using var anonymous = StaffSession.Anonymous(app);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);

        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var document = await staff.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        var routes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => route.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Select(route => System.Text.RegularExpressions.Regex.Replace(route, "\\{([a-zA-Z]+):[a-z]+\\}", "{$1}"))
            .Distinct().ToList();
        Assert.Equal(20, routes.Count); // 19 of the ledger API and POST /api/v1/e-applications (ADR 0029)
        Assert.Contains("/api/v1/e-applications", routes);
        Assert.All(routes, route => Assert.Contains(route, paths));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ApplicationForm", out _));
    }
}
