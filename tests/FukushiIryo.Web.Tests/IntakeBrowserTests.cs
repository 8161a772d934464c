using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 電子申請 and 住基異動 (ADR 0029) on a web app of their own (they import residents and change the 台帳):
/// the e-application endpoint by the e-application system's key (400 per field, 201, 403 without the
/// permission), the pending list and the prefilled 新規申請 form in a browser, the purge on registration;
/// the 住基異動 page of an import that moved and renamed recipients. Screenshots 90-… in artifacts/screenshots.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class IntakeBrowserTests : IAsyncLifetime
{
    private readonly WebAppFixture app = new();

    private static readonly string MotherNumber = NumberFor("23456789012");
    private static readonly string ChildNumber = NumberFor("34567890123");

    /// <summary>The 12-digit 個人番号 that starts with the 11 digits given (the one check digit that fits).</summary>
    private static string NumberFor(string elevenDigits) =>
        Enumerable.Range(0, 10).Select(d => elevenDigits + d.ToString(System.Globalization.CultureInfo.InvariantCulture)).Single(MyNumber.IsValid);

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private static string Shot(string step) => Path.Combine(WebAppFixture.ArtifactsDirectory, $"{step}.png");

    /// <summary>A new household in the 台帳 (not recipients): 大和 恵 (000201) and her son 大和 蒼 (000202).</summary>
    private async Task ImportResidentsAsync(string name, params string[] rows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"fukushi-intake-{Guid.NewGuid():N}-{name}");
        await File.WriteAllTextAsync(file, string.Join("\n", ["宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日", .. rows]) + "\n", new UTF8Encoding(true));
        try
        {
            await using var db = app.OpenDb();
            var result = await new ResidentsImport(db, TimeProvider.System).RunAsync(new ImportRequest(file, "admin", new DateOnly(2026, 11, 2), Migration: true));
            Assert.Equal(ImportStatus.Imported, result.Status);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string EApplicationJson(string externalId, string childNumber) => $$"""
        {
          "schemaVersion": "1", "externalId": "{{externalId}}", "appliedOn": "2026-11-01", "applicationReason": "離婚による",
          "applicant": { "myNumber": "{{MotherNumber}}", "name": "大和　恵", "nameKana": "ヤマト　メグミ", "birthDate": "1991-02-03", "role": "Parent",
                         "phoneNumber": "0742-11-2222", "address": "奈良県奈良市三条本町1番1号" },
          "singleParentReason": "Divorce", "reasonArisenOn": "2026-06-30",
          "insurance": { "kind": "National", "insurerNumber": "290015" },
          "account": { "bankCode": "0162", "branchCode": "010", "accountType": "Ordinary", "accountNumber": "7654321", "holderKana": "ヤマト メグミ" },
          "children": [ { "myNumber": "{{childNumber}}", "name": "大和　蒼", "nameKana": "ヤマト　アオイ", "birthDate": "2016-07-07", "insured": true } ],
          "consent": { "informationInquiry": true, "declarationTrue": true }
        }
        """;

    [Fact]
    public async Task An_e_application_is_received_by_key_registered_from_the_prefilled_form_and_its_payload_purged()
    {
        Assert.True(File.Exists(BrowserJourneyTests.ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");
        await ImportResidentsAsync("household.csv",
            "000201,0201,大和 恵,ヤマト メグミ,1991-02-03,2,世帯主,6308115,奈良県奈良市三条本町1番1号,1,,2020-04-01,",
            "000202,0201,大和 蒼,ヤマト アオイ,2016-07-07,1,子,6308115,奈良県奈良市三条本町1番1号,1,出生,2016-07-07,");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            // The mother's number is already in the 宛名 vault (the real one, its own SQLite database).
            await scope.ServiceProvider.GetRequiredService<IAtenaVault>().LinkAsync("000201", MyNumber.Parse(MotherNumber), "admin");
        }

        string key;
        string other;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();
            key = (await keys.AddAsync("e-shinsei", [Permissions.EApplicationReceive], null, null, "admin")).Secret;
            other = (await keys.AddAsync("search-only", [Permissions.PersonSearch], null, null, "admin")).Secret;
        }

        using var client = StaffSession.Anonymous(app);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        // A wrong check digit comes back for its field; nothing is kept and the vault is not asked.
        var wrong = ChildNumber[..11] + (char)('0' + ((ChildNumber[11] - '0' + 1) % 10));
        var refused = await client.PostAsync("/api/v1/e-applications", new StringContent(EApplicationJson("E-2026-0001", wrong), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("個人番号が正しくありません（検査用数字が合いません）。", problem.GetProperty("errors").GetProperty("children[0].myNumber")[0].GetString());
        Assert.DoesNotContain(wrong, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using (var search = StaffSession.Anonymous(app))
        {
            search.DefaultRequestHeaders.Add("X-Api-Key", other);
            Assert.Equal(HttpStatusCode.Forbidden, (await search.PostAsync("/api/v1/e-applications", new StringContent(EApplicationJson("E-2026-0001", ChildNumber), Encoding.UTF8, "application/json"))).StatusCode);
        }

        var accepted = await client.PostAsync("/api/v1/e-applications", new StringContent(EApplicationJson("E-2026-0001", ChildNumber), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((true, 1), (body.GetProperty("applicantMatched").GetBoolean(), body.GetProperty("childrenMatched").GetInt32()));
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            // The child was matched by カナ氏名 and 生年月日 and linked in the vault.
            Assert.True(await scope.ServiceProvider.GetRequiredService<IAtenaVault>().HasMyNumberAsync("000202"));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var consoleErrors = new List<string>();
        var clerk = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", consoleErrors);
        await clerk.GotoAsync(new Uri(app.BaseAddress, "/Applications").ToString());
        await clerk.GetByRole(AriaRole.Link, new() { Name = "電子申請（登録待ち）" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "電子申請（登録待ち）" })).ToBeVisibleAsync();
        await Expect(clerk.GetByRole(AriaRole.Cell, new() { Name = "E-2026-0001" })).ToBeVisibleAsync();
        await clerk.ScreenshotAsync(new() { Path = Shot("90-e-applications-pending"), FullPage = true });

        await clerk.GetByRole(AriaRole.Link, new() { Name = "登録" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "電子申請 E-2026-0001 の登録" })).ToBeVisibleAsync();
        await Expect(clerk.Locator("#applicant")).ToHaveValueAsync("000201");
        await Expect(clerk.Locator("#applied-on")).ToHaveValueAsync("2026-11-01");
        await clerk.ScreenshotAsync(new() { Path = Shot("91-e-application-prefilled"), FullPage = true });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "受付（受付番号を付番）" }).ClickAsync();
        await clerk.WaitForLoadStateAsync();
        var fieldErrors = await clerk.Locator(".field-error, .error").AllInnerTextsAsync();
        Assert.True(fieldErrors.Count == 0, string.Join(" / ", fieldErrors));
        await Expect(clerk.GetByText("で受け付けました。")).ToBeVisibleAsync();
        await clerk.ScreenshotAsync(new() { Path = Shot("92-e-application-registered"), FullPage = true });
        Assert.Empty(consoleErrors);

        await using var db = app.OpenDb();
        var row = await db.EApplications.SingleAsync(e => e.ExternalId == "E-2026-0001");
        Assert.Equal((EApplicationStatus.Registered, (string?)null), (row.Status, row.Payload));
        var application = await db.Applications.SingleAsync(a => a.Id == row.ApplicationId);
        Assert.Equal((ApplicationStatus.Pending, "madoguchi1"), (application.Status, application.EnteredBy));
        Assert.Single(await db.AuditEvents.Where(e => e.EventType == AuditEventType.EApplicationPurged && e.SubjectId == "E-2026-0001").ToListAsync());
        Assert.Empty((await new MyNumberScan(db).RunAsync([])).Findings);
    }

    [Fact]
    public async Task The_residents_changes_page_shows_old_and_new_name_address_and_household_of_recipients()
    {
        Assert.True(File.Exists(BrowserJourneyTests.ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");

        // 花子 (recipient) marries: new name, new household; 一郎 (recipient) moves with her; 𠮷乃 (not a recipient) too.
        await ImportResidentsAsync("marriage.csv",
            "000101,0009,春日 花子,カスガ ハナコ,1988-05-12,2,世帯主,6308114,奈良県奈良市芝辻町四丁目1番1号,1,婚姻,2026-11-01,2026-11-01",
            "000102,0009,春日 一郎,カスガ イチロウ,2009-04-02,1,子,6308114,奈良県奈良市芝辻町四丁目1番1号,1,転居,2026-11-01,2026-11-01",
            "000103,0009,春日 𠮷乃,カスガ ヨシノ,2021-01-15,2,子,6308114,奈良県奈良市芝辻町四丁目1番1号,1,転居,2026-11-01,2026-11-01");
        long importId;
        await using (var db = app.OpenDb())
        {
            importId = await db.ImportedFiles.Where(f => f.Kind == ResidentsImport.Kind).MaxAsync(f => f.Id);
            var changes = await db.ResidentChanges.Where(c => c.ImportedFileId == importId).ToListAsync();
            Assert.Equal(2, changes.Count);
            Assert.Equal(["婚姻", "転居"], changes.Select(c => c.EventReason!).Order(StringComparer.Ordinal).ToArray());
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var consoleErrors = new List<string>();
        var clerk = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", consoleErrors);
        await clerk.GetByRole(AriaRole.Link, new() { Name = "住基異動へ" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "住基異動" })).ToBeVisibleAsync();
        await clerk.ScreenshotAsync(new() { Path = Shot("93-resident-imports"), FullPage = true });
        await clerk.Locator($"a[href='/Residents/Changes/{importId}']").ClickAsync();
        var table = clerk.Locator("table.resident-changes");
        await Expect(table).ToBeVisibleAsync();
        var mother = table.Locator("tr", new() { HasText = "000101" });
        await Expect(mother).ToContainTextAsync("奈良 花子 → 春日 花子");
        await Expect(mother).ToContainTextAsync("〒630-0213 奈良県奈良市東向中町1番地 → 〒630-8114 奈良県奈良市芝辻町四丁目1番1号");
        await Expect(mother).ToContainTextAsync("0001 世帯主 → 0009 世帯主");
        await Expect(mother).ToContainTextAsync("婚姻");
        await Expect(mother.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^候補 ") })).ToHaveCountAsync(1);
        await Expect(table.Locator("tr", new() { HasText = "000103" })).ToHaveCountAsync(0);
        await clerk.ScreenshotAsync(new() { Path = Shot("94-resident-changes"), FullPage = true });

        await mother.GetByRole(AriaRole.Link, new() { Name = "000101" }).ClickAsync();
        await Expect(clerk.GetByText("春日 花子").First).ToBeVisibleAsync();
        Assert.Empty(consoleErrors);

        await using var check = app.OpenDb();
        Assert.Single(await check.AuditEvents.Where(e => e.EventType == AuditEventType.ResidentChangesViewed && e.Actor == "madoguchi1").ToListAsync());
    }
}
