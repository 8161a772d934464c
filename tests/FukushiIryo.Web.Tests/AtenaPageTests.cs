using System.Globalization;
using System.Net;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 宛名管理 (/Atena): the lookup of a 宛名番号 by 個人番号 and the reveal of a 個人番号 with a purpose and 再認証, shown
/// once, no-store, audited with the 宛名番号 only; other roles do not reach the page. Screenshot 40 under artifacts.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class AtenaPageTests(WebAppFixture app)
{
    private static readonly string AtenaAdmin = "role" + RoleNames.All.ToList().IndexOf(RoleNames.AtenaAdmin).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Lookup_and_reveal_show_the_answer_once_are_no_store_and_audited_without_the_number()
    {
        var digits = Number("59100000001");
        await LinkAsync("9900000001", digits);
        using var staff = await StaffSession.LoginAsync(app, AtenaAdmin);
        var get = await staff.Client.GetAsync("/Atena");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
        var page = await get.Content.ReadAsStringAsync();
        Assert.Contains("個人番号から宛名番号を調べる", page, StringComparison.Ordinal);

        var lookup = await staff.PostFormWithTokenFromAsync("/Atena?handler=Lookup", page, new() { ["MyNumberInput"] = digits[..4] + " " + digits[4..8] + " " + digits[8..] });
        var lookupPage = await lookup.Content.ReadAsStringAsync();
        Assert.Contains("宛名番号: <strong>9900000001</strong>", lookupPage, StringComparison.Ordinal);
        Assert.DoesNotContain(digits, lookupPage, StringComparison.Ordinal);
        Assert.DoesNotContain(digits[8..], lookupPage, StringComparison.Ordinal);

        var bad = await staff.PostFormWithTokenFromAsync("/Atena?handler=Lookup", page, new() { ["MyNumberInput"] = digits[..11] + (char)('0' + ((digits[11] - '0' + 1) % 10)) });
        Assert.Contains("検査用数字", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noReauth = await staff.PostFormWithTokenFromAsync("/Atena?handler=Reveal", page, new() { ["AtenaNumber"] = "9900000001", ["Purpose"] = "PMH 登録内容の確認" });
        var noReauthPage = await noReauth.Content.ReadAsStringAsync();
        Assert.Contains("再認証", noReauthPage, StringComparison.Ordinal);
        Assert.DoesNotContain(digits, noReauthPage, StringComparison.Ordinal);

        var reveal = await staff.PostFormWithTokenFromAsync("/Atena?handler=Reveal", page, new()
        {
            ["AtenaNumber"] = "9900000001",
            ["Purpose"] = "PMH 登録内容の確認",
            ["Password"] = WebAppFixture.Password,
            ["Code"] = StaffSession.CodeFor(app, AtenaAdmin),
        });
        Assert.Equal("no-store", reveal.Headers.CacheControl?.ToString());
        var revealPage = await reveal.Content.ReadAsStringAsync();
        Assert.Contains($"<strong class=\"mynumber\">{digits}</strong>", revealPage, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(revealPage, digits));
        // Shown once: the page read again holds it no more.
        Assert.DoesNotContain(digits, await staff.Client.GetStringAsync("/Atena"), StringComparison.Ordinal);

        await using var db = app.OpenDb();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Actor == AtenaAdmin).ToListAsync();
        Assert.Contains(events, e => e.EventType == AuditEventType.AtenaLookedUp && e.SubjectId == "9900000001");
        var revealed = Assert.Single(events, e => e.EventType == AuditEventType.AtenaRevealed && e.SubjectId == "9900000001");
        Assert.Equal("9900000001", revealed.SubjectId);
        Assert.Contains("PMH 登録内容の確認", revealed.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(await db.AuditEvents.AsNoTracking().ToListAsync(), e => (e.Details + e.SubjectId).Contains(digits, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_roles_do_not_reach_the_page_nor_see_it_in_the_menu()
    {
        using var counter = await StaffSession.LoginAsync(app, "madoguchi1");
        var response = await counter.Client.GetAsync("/Atena");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("href=\"/Atena\"", await counter.Client.GetStringAsync("/"), StringComparison.Ordinal);
        using var admin = await StaffSession.LoginAsync(app, AtenaAdmin);
        Assert.Contains("href=\"/Atena\"", await admin.Client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_in_a_browser()
    {
        var digits = Number("59100000002");
        await LinkAsync("9900000002", digits);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await page.GetByLabel("ログインID").FillAsync(AtenaAdmin);
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, AtenaAdmin));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "宛名管理", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "宛名管理（個人番号）" })).ToBeVisibleAsync();
        await page.GetByLabel("個人番号（12桁）").FillAsync(digits);
        await page.GetByRole(AriaRole.Button, new() { Name = "照会する" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.result").First).ToContainTextAsync("9900000002");
        await Assertions.Expect(page.GetByLabel("個人番号（12桁）")).ToHaveValueAsync(string.Empty);
        await page.GetByLabel("宛名番号", new() { Exact = true }).FillAsync("9900000002");
        await page.GetByLabel("表示の目的").FillAsync("画面の確認のため");
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, AtenaAdmin));
        await page.GetByRole(AriaRole.Button, new() { Name = "表示する" }).ClickAsync();
        await Assertions.Expect(page.Locator("strong.mynumber")).ToHaveTextAsync(digits);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebAppFixture.ArtifactsDirectory, "40-atena.png"), FullPage = true });
    }

    private async Task LinkAsync(string atena, string digits)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAtenaVault>().LinkAsync(atena, MyNumber.Parse(digits), "admin");
    }

    private static string Number(string eleven)
    {
        int[] weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        var remainder = eleven.Select((c, i) => (c - '0') * weights[i]).Sum() % 11;
        return eleven + (remainder <= 1 ? 0 : 11 - remainder).ToString(CultureInfo.InvariantCulture);
    }
}
