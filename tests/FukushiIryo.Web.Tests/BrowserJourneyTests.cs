using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The staff journey in a real browser (Debian's chromium, driven by Playwright): login → kana search
/// as you type → person page with history. Screenshots are kept under artifacts/screenshots/manual.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class BrowserJourneyTests(WebAppFixture app)
{
    public const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task A_counter_clerk_logs_in_finds_a_person_by_kana_and_sees_the_history()
    {
        Assert.True(File.Exists(ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("01-login.png"), FullPage = true });
        await page.GetByLabel("ログインID").FillAsync("madoguchi1");
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "確認コードの入力" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("01b-second-factor.png"), FullPage = true });
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, "madoguchi1"));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("02-home.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "資格管理" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "宛名検索" })).ToBeVisibleAsync();

        // Search as you type, in half-width kana: htmx swaps the results in without a submit.
        await page.GetByLabel("カナ氏名（前方一致）").PressSequentiallyAsync("ﾅﾗ", new() { Delay = 50 });
        var results = page.Locator("#results");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "奈良 花子" })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "奈良 𠮷乃" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("03-search.png"), FullPage = true });

        await results.GetByRole(AriaRole.Link, new() { Name = "奈良 花子" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "資格管理", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#history")).ToContainTextAsync("奈良県奈良市登大路町30番地");
        await Expect(page.Locator("#history")).ToContainTextAsync("奈良県奈良市東向中町1番地");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("04-person.png"), FullPage = true });

        // The as-of selector takes 和暦: before the move, the old address is in force.
        await page.GetByLabel("基準日").FillAsync("R8.10.14");
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        await Expect(page.Locator("dl.facts").First).ToContainTextAsync("奈良県奈良市登大路町30番地");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("05-person-as-of.png"), FullPage = true });

        Assert.Empty(consoleErrors); // a CSP violation or a script error would show here
    }

    [Fact]
    public async Task A_new_staff_member_enrols_the_authenticator_at_the_first_login()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 } })).NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/Account/Login").ToString());
        await page.GetByLabel("ログインID").FillAsync("mitouroku2");
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "二要素認証の登録" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("06-enrol-start.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "鍵を発行する" }).ClickAsync();
        var secret = await page.Locator("#totp-secret").InnerTextAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("07-enrol-key.png"), FullPage = true });
        await page.GetByLabel("認証アプリの確認コード（6桁）").FillAsync(StaffSession.CodeFor(secret, app.Clock.NextTotpStep()));
        await page.GetByRole(AriaRole.Button, new() { Name = "登録を完了してログイン" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム" })).ToBeVisibleAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static string Shot(string name) => WebAppFixture.ManualShot(name);
}
