using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The 監査 journey in the browser (issue 7, issue 17 "audit search"): who saw a person, the log
/// searched by user, the CSV export with its purpose and 再認証. Screenshots under artifacts/screenshots/manual.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class AuditBrowserJourneyTests(WebAppFixture app)
{
    [Fact]
    public async Task An_auditor_sees_who_viewed_a_person_searches_the_log_and_exports_it()
    {
        using (var counter = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            await counter.Client.GetAsync("/Persons/1");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(app.BaseAddress, "/Account/Login").ToString());
        await page.GetByLabel("ログインID").FillAsync("role6");
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, "role6"));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム" })).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/Persons/1").ToString());
        var viewers = page.GetByRole(AriaRole.Region, new() { Name = "この方の記録を閲覧した職員（監査）" });
        await Expect(viewers).ToContainTextAsync("madoguchi1");
        await viewers.ScreenshotAsync(new LocatorScreenshotOptions { Path = Shot("30-audit-viewers.png") });

        await page.GetByRole(AriaRole.Link, new() { Name = "監査", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "操作履歴の検索" })).ToBeVisibleAsync();
        await page.GetByLabel("職員（ログインID）").FillAsync("madoguchi1");
        await page.GetByLabel("操作の種類").SelectOptionAsync(new SelectOptionValue { Label = "個人の閲覧" });
        await page.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();
        await Expect(page.Locator("table.audit")).ToContainTextAsync("個人の閲覧");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("31-audit-search.png"), FullPage = true });

        await page.GetByText("をCSVで出力する").ClickAsync();
        await page.Locator("#export-purpose").FillAsync("定期監査の資料作成");
        await page.Locator("#export-password").FillAsync(WebAppFixture.Password);
        await page.Locator("#export-code").FillAsync(StaffSession.CodeFor(app, "role6"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("32-audit-export-form.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "CSVで出力" }).ClickAsync());
        Assert.Matches("^audit-log_[0-9]{8}-[0-9]{6}_role6\\.csv$", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(saved);
        var text = await File.ReadAllTextAsync(saved);
        File.Delete(saved);
        Assert.StartsWith("出力者,role6,", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
    }

    private static string Shot(string name) => WebAppFixture.ManualShot(name);
}
