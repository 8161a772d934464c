using FukushiIryo.App.Security;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// Daily comfort in the browser (issue 17 item 3, ADR 0038): the scripts the HTTP tests only see loaded.
/// Typing a 郵便番号 fills the 住所 through the lookup (autofill.js); a typed-in form asks before the page
/// is left and a fresh one does not (unsaved-warning.js).
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class ComfortBrowserTests(WebAppFixture app)
{
    private static readonly string Counter = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Counter)}";

    [Fact]
    public async Task A_postal_code_fills_the_address_and_leaving_a_changed_form_asks_first()
    {
        Assert.True(File.Exists(BrowserJourneyTests.ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var consoleErrors = new List<string>();
        var page = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Counter, consoleErrors);
        var dialogs = new List<string>();
        var asked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.DismissAsync(); // 「このページに留まる」
            asked.TrySetResult(dialog.Type);
        };

        // A fresh form: leaving it asks nothing.
        await page.GotoAsync(new Uri(app.BaseAddress, "/Persons/NonResident").ToString());
        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        Assert.Empty(dialogs);

        // 郵便番号 630-8114 → 奈良県奈良市芝辻町 in the empty 住所 field.
        await page.GotoAsync(new Uri(app.BaseAddress, "/Persons/NonResident").ToString());
        await page.Locator("#nr-postal").PressSequentiallyAsync("6308114");
        await Assertions.Expect(page.Locator("#nr-address")).ToHaveValueAsync("奈良県奈良市芝辻町");
        await Assertions.Expect(page.Locator("#nr-postal-lookup")).ToContainTextAsync("芝辻町");
        Assert.Empty(await AccessibilityData.SeriousViolationsAsync(page, "/Persons/NonResident（郵便番号の補完の後）"));

        // The form has changed: following a menu link asks first, and staying keeps what was typed.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(dialogs);
        Assert.EndsWith("/Persons/NonResident", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#nr-postal")).ToHaveValueAsync("6308114");
        Assert.Empty(consoleErrors);
    }
}
