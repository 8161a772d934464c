using System.Globalization;
using FukushiIryo.App.Income;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 所得判定 in a real browser: a counter clerk goes from the person page to the 所得判定 screen, runs
/// it for the 課税年度 in use and reads the computation. Screenshot 20 under artifacts/screenshots.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class IncomeBrowserJourneyTests(WebAppFixture app)
{
    [Fact]
    public async Task A_counter_clerk_runs_the_income_test_from_the_person_page_and_reads_each_step()
    {
        var taxYear = IncomeYear.ForDate(JstClock.Today(app.Clock)).TaxYear;
        long id;
        await using (var db = app.OpenDb())
        {
            id = (await db.Persons.SingleAsync(p => p.AtenaNumber == "000101")).Id;
            if (await db.TaxRecords.FindCurrentAsync(id, taxYear) is null)
            {
                await db.RecordAsync(new TaxRecord
                {
                    PersonId = id, TaxYear = taxYear, SalaryReceipts = 3_000_000, AggregateIncome = 2_020_000, AggregateIncomeWithSeparate = 2_020_000,
                    MinorDependants = 2, PerCapitaMunicipalTax = 3_000, PerCapitaPrefecturalTax = 1_500,
                }, DateTimeOffset.UtcNow, "import:tax.csv");
            }
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
        await page.GetByRole(AriaRole.Link, new() { Name = "所得判定（計算の過程と判定の履歴）" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "判定の実行" })).ToBeVisibleAsync();
        await page.GetByLabel("課税年度").SelectOptionAsync(taxYear.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "判定する" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("所得判定を行い、記録しました。");
        var steps = page.GetByRole(AriaRole.Table, new() { Name = "計算の過程" });
        await Assertions.Expect(steps.GetByRole(AriaRole.Row, new() { Name = "社会保険料相当額（一律） −80,000円" })).ToBeVisibleAsync();
        await Assertions.Expect(steps.GetByRole(AriaRole.Columnheader, new() { Name = "金額" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#result dl")).ToContainTextAsync("該当");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebAppFixture.ArtifactsDirectory, "20-income.png"), FullPage = true });

        Assert.Empty(consoleErrors); // a CSP violation or a script error would show here
    }
}
