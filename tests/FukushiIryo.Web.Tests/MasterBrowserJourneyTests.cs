using System.Globalization;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// マスタ管理 in a real browser: an administrator replaces a 公費負担者番号 from next April
/// (a wrong check digit is refused first, beside the field), looks at the values valid on that
/// date, and completes a 移行 row. Screenshots 10–15 under artifacts/screenshots.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class MasterBrowserJourneyTests(WebAppFixture app)
{
    [Fact]
    public async Task An_administrator_replaces_a_payer_number_from_next_april_and_completes_a_migrated_row()
    {
        var nextApril = new DateOnly(JstClock.Today(app.Clock).Year + 1, 4, 1);
        var iso = nextApril.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using (var db = app.OpenDb())
        {
            db.PublicPayers.Add(new PublicPayer
            {
                Program = PublicPayer.SingleParentProgram,
                PayerNumber = "88290028",
                BenefitMethod = BenefitMethod.ClaimReimbursement,
                IsMigrated = true,
                ValidFrom = new DateOnly(1973, 4, 1),
                CreatedAt = DateTimeOffset.UtcNow,
                CreatedBy = "admin",
                Note = "移行: 旧システムの受給者台帳から追加。対象年齢区分と有効期間を補完すること",
                Version = 1,
            });
            await db.SaveChangesAsync();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            // The refused form comes back as 422, which Chromium logs; anything else is an error.
            if (message.Type == "error" && !message.Text.Contains("status of 422", StringComparison.Ordinal))
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await page.GetByLabel("ログインID").FillAsync("admin");
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, "admin"));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "マスタ管理", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "マスタ管理" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("10-masters.png"), FullPage = true });
        await Expect(page.Locator(".card", new() { HasText = "公費負担者" })).ToContainTextAsync("移行・要補完");

        await page.GetByRole(AriaRole.Link, new() { Name = "公費負担者", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "公費負担者" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("11-public-payers.png"), FullPage = true });

        // The fixture imported its recipients before the shipped defaults, so its 90290016 is a 移行
        // row in force. 新しい値 on it: a wrong check digit is refused beside the field.
        await page.Locator("tr", new() { HasText = "90290016" }).GetByRole(AriaRole.Link, new() { Name = "新しい値" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "公費負担者: 新しい値" })).ToBeVisibleAsync();
        await page.GetByLabel("公費負担者番号").FillAsync("88290011");
        await page.GetByLabel("新しい値の開始日").FillAsync(iso);
        await page.GetByLabel("備考（根拠・確認事項）").FillAsync("市の実番号（通知による）");
        await page.GetByRole(AriaRole.Button, new() { Name = "新しい値を登録する" }).ClickAsync();
        await Expect(page.Locator("#f-payerNumber-error")).ToHaveTextAsync("公費負担者番号の検証番号（8桁目）が正しくありません。番号を確認してください。");
        await Expect(page.GetByLabel("公費負担者番号")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("12-new-figure-refused.png"), FullPage = true });

        await page.GetByLabel("公費負担者番号").FillAsync("88290010");
        await page.GetByRole(AriaRole.Button, new() { Name = "新しい値を登録する" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("新しい値を登録しました。");
        var added = page.Locator("tr.future", new() { HasText = "88290010" });
        await Expect(added).ToContainTextAsync("適用予定");
        await Expect(page.Locator("tr.in-force", new() { HasText = "90290016" })).ToContainTextAsync(Display.Wareki(nextApril.AddDays(-1)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("13-new-figure-saved.png"), FullPage = true });

        // この日に有効な値: on next April 1 the city's number applies, the demo number no longer.
        await page.GetByLabel("この日に有効な値").FillAsync(iso);
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        await Expect(page.Locator("#rows")).ToContainTextAsync("88290010");
        await Expect(page.Locator("#rows")).Not.ToContainTextAsync("90290016");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("14-valid-on.png"), FullPage = true });

        // The 移行 row gets its age range and its start.
        await page.GetByRole(AriaRole.Link, new() { Name = "すべての行" }).ClickAsync();
        await page.Locator("tr", new() { HasText = "88290028" }).GetByRole(AriaRole.Link, new() { Name = "移行データの補完" }).ClickAsync();
        await Expect(page.GetByLabel("公費負担者番号")).ToHaveAttributeAsync("readonly", "readonly");
        await page.GetByLabel("対象年齢区分（から）").SelectOptionAsync("Preschool");
        await page.GetByLabel("対象年齢区分（まで）").SelectOptionAsync("ParentOrCarer");
        await page.GetByLabel("開始日").FillAsync("H25.4.1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("15-complete-form.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "補完する" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("移行データを補完しました。");
        await Expect(page.Locator("tr", new() { HasText = "88290028" }).Locator(".tag")).ToHaveCountAsync(0); // no longer 移行
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("16-completed.png"), FullPage = true });

        await using (var db = app.OpenDb())
        {
            var completed = await db.PublicPayers.SingleAsync(p => p.PayerNumber == "88290028");
            Assert.Equal(("Preschool", "ParentOrCarer", new DateOnly(2013, 4, 1), false), (completed.FirstAgeBracket, completed.LastAgeBracket, completed.ValidFrom, completed.IsMigrated));
        }

        Assert.Empty(consoleErrors); // a CSP violation or a script error would show here
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static string Shot(string name) => Path.Combine(WebAppFixture.ArtifactsDirectory, name);
}
