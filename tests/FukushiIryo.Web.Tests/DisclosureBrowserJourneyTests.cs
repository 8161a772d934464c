using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 本人開示 in a real browser: a counter clerk goes from the person page to 本人開示, states the purpose,
/// re-authenticates and downloads the PDF. Screenshot 96 under artifacts/screenshots/manual.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class DisclosureBrowserJourneyTests(WebAppFixture app)
{
    [Fact]
    public async Task A_counter_clerk_downloads_the_disclosure_pdf_from_the_person_page()
    {
        long id;
        await using (var db = app.OpenDb())
        {
            id = (await db.Persons.SingleAsync(p => p.AtenaNumber == "000101")).Id;
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

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await page.GetByLabel("ログインID").FillAsync("madoguchi1");
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, "madoguchi1"));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム" })).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, $"/Persons/{id}").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "本人開示（PDF）" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "本人開示（保有個人情報の開示）" })).ToBeVisibleAsync();
        await page.GetByLabel("出力の目的").FillAsync("本人からの開示請求（窓口で受付）");
        if (await page.Locator("#password").CountAsync() > 0)
        {
            await page.Locator("#password").FillAsync(WebAppFixture.Password);
            await page.Locator("#code").FillAsync(StaffSession.CodeFor(app, "madoguchi1"));
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = WebAppFixture.ManualShot("96-disclosure-form"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "PDFで出力" }).ClickAsync());
        Assert.Equal("disclosure-000101.pdf", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        await download.SaveAsAsync(saved);
        var bytes = await File.ReadAllBytesAsync(saved);
        File.Delete(saved);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        Assert.Empty(consoleErrors);
    }
}
