using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// Issue 11's journey in the browser: the 審査 role uploads an autopay file on レセプト取込 (background
/// import, progress bar, per-row report), runs the 審査 of the 処理年月 from the queue, approves the
/// 要確認 left, and sees the same file refused as already imported; then a 窓口 clerk enters a
/// recipient's receipts on 償還払い入力 with the keyboard (Enter adds a row), gets an error beside the
/// field with nothing saved, and after the fix sees the manual claim that repeats the imported one
/// rejected by R02. Screenshots under artifacts/screenshots/manual (70-…).
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class ClaimsBrowserJourneyTests(WebAppFixture app)
{
    /// <summary>A 処理年月 no other web test uses, so that the queue shows this journey's claims only.</summary>
    private const string Month = "2030-03";
    private const string Provider = "0100102";
    private static readonly string Reviewer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Reviewer)}";
    private static readonly string Mother = RecipientNumber.FromSerial(101).ToString();

    [Fact]
    public async Task Upload_review_resolve_and_manual_entry()
    {
        Assert.True(File.Exists(BrowserJourneyTests.ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");
        var folder = Directory.CreateTempSubdirectory("fukushi-claims-journey-").FullName;
        try
        {
            // 花子's receipt, and a second one from the same 医療機関 and month with other amounts (R02 要確認).
            var file = Path.Combine(folder, "autopay-203003.csv");
            await File.WriteAllTextAsync(file, string.Join("\n",
                "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期",
                $"90290024,{Mother},133066,ナラ ハナコ,1988-05-12,2026-10,{Provider},奈良テスト医院,医科,外来,70,2,1000,,3000,0,0,0,0",
                $"90290024,{Mother},133066,ナラ ハナコ,1988-05-12,2026-10,{Provider},奈良テスト医院,医科,外来,70,3,1200,,3600,0,0,0,0") + "\n", new UTF8Encoding(true));
            await WalkAsync(file);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task WalkAsync(string file)
    {
        static string Shot(string step) => WebAppFixture.ManualShot(step);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var consoleErrors = new List<string>();

        // 審査: レセプト取込 from the queue page.
        var reviewer = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Reviewer, consoleErrors);
        await reviewer.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "審査" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "審査キュー" })).ToBeVisibleAsync();
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "レセプト取込" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "レセプト取込" })).ToBeVisibleAsync();
        await UploadAsync(reviewer, file);
        await reviewer.ScreenshotAsync(new() { Path = Shot("70-claims-upload-form"), FullPage = true });
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "取り込む" }).ClickAsync();

        // The page polls until the background import is done, then shows the per-row report.
        var job = reviewer.Locator("#import-job");
        await Expect(job.GetByRole(AriaRole.Status)).ToContainTextAsync("取り込みました: 2 件を読み、2 件を登録しました。", new() { Timeout = 30_000 });
        await Expect(job.Locator("progress")).ToHaveAttributeAsync("value", "100");
        var rows = job.Locator("#import-rows tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("照合済");
        await Expect(rows.Nth(1)).ToContainTextAsync(Mother);
        await Expect(job).ToContainTextAsync("照合済 2 件 / 要確認 0 件 / 照合不能 0 件");
        await reviewer.ScreenshotAsync(new() { Path = Shot("71-claims-imported"), FullPage = true });

        // The 審査 of the month, run from the queue.
        await job.GetByRole(AriaRole.Link, new() { Name = $"審査キューへ（処理年月 {Month}）" }).ClickAsync();
        await Expect(reviewer.GetByLabel("審査する処理年月")).ToHaveValueAsync(Month);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "審査を実行" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync($"処理年月 {Month} の審査を実行しました: 2 件（可 1 件・要確認 1 件・否 0 件）");
        await Expect(reviewer.GetByText("1 件", new() { Exact = true })).ToBeVisibleAsync();
        var claim = reviewer.Locator("section.claim");
        await Expect(claim).ToHaveCountAsync(1);
        await Expect(claim).ToContainTextAsync("R02（要確認）");
        await reviewer.ScreenshotAsync(new() { Path = Shot("72-review-run"), FullPage = true });

        // 要確認 resolved: approved (a corrected 再請求).
        await claim.GetByRole(AriaRole.Button, new() { Name = "承認" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("承認しました。");
        await Expect(reviewer.GetByText("0 件", new() { Exact = true })).ToBeVisibleAsync();
        await reviewer.ScreenshotAsync(new() { Path = Shot("73-review-approved"), FullPage = true });

        // The same file again: refused as already imported.
        await reviewer.GotoAsync(new Uri(app.BaseAddress, "/Review/Import").ToString());
        await UploadAsync(reviewer, file);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "取り込む" }).ClickAsync();
        await Expect(reviewer.Locator("#import-job").GetByRole(AriaRole.Alert)).ToContainTextAsync("このファイルは取込済みです", new() { Timeout = 30_000 });
        await reviewer.ScreenshotAsync(new() { Path = Shot("74-claims-already-imported"), FullPage = true });

        // 窓口: 償還払い入力 with the keyboard.
        var clerk = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", consoleErrors);
        await clerk.GetByRole(AriaRole.Link, new() { Name = "償還払い入力へ" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "償還払い入力" })).ToBeVisibleAsync();
        await clerk.GetByLabel("受給者番号").FocusAsync();
        await clerk.Keyboard.TypeAsync(Mother);
        await clerk.Keyboard.PressAsync("Tab");
        await Expect(clerk.Locator("#recipient-name")).ToContainTextAsync("奈良 花子");
        await Expect(clerk.GetByLabel("医療機関コード（1行目）")).ToBeFocusedAsync();
        await TypeRowAsync(clerk, Provider, "奈良テスト医院", "R8.10", inpatient: false, days: "2", points: "1000", share: "3000");
        await clerk.Keyboard.PressAsync("Enter");
        await Expect(clerk.GetByLabel("医療機関コード（2行目）")).ToBeFocusedAsync();
        await TypeRowAsync(clerk, Provider, "奈良テスト医院", "R8.13", inpatient: true, days: "1", points: "300", share: "900");
        await clerk.ScreenshotAsync(new() { Path = Shot("75-manual-typed"), FullPage = true });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存して審査" }).ClickAsync();
        var row2 = clerk.Locator("tr.claim-row").Nth(1);
        await Expect(row2.GetByRole(AriaRole.Alert)).ToContainTextAsync("診療年月を読めません");
        await Expect(clerk.GetByLabel("医療機関コード（1行目）")).ToHaveValueAsync(Provider);
        await clerk.ScreenshotAsync(new() { Path = Shot("76-manual-error"), FullPage = true });
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.MedicalClaims.CountAsync(c => c.Source == MedicalClaimSource.Manual));
        }

        await clerk.GetByLabel("診療年月（2行目）").FillAsync("令和8年10月");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存して審査" }).ClickAsync();
        var saved = clerk.GetByRole(AriaRole.Status);
        await Expect(saved).ToContainTextAsync("2 件を登録し、審査しました");
        var results = clerk.Locator("#saved tbody tr");
        await Expect(results.Nth(0)).ToContainTextAsync("否");
        await Expect(results.Nth(0)).ToContainTextAsync("R02（否）同じ請求が既にあります");
        await Expect(results.Nth(1).Locator("td.state")).ToHaveTextAsync("可");
        await clerk.ScreenshotAsync(new() { Path = Shot("77-manual-saved"), FullPage = true });

        await using (var check = app.OpenDb())
        {
            var manual = await check.MedicalClaims.Where(c => c.Source == MedicalClaimSource.Manual).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal([(202610, false, "madoguchi1"), (202610, true, "madoguchi1")], manual.Select(c => (c.ServiceMonth, c.Inpatient, c.EnteredBy!)).ToList());
            var ids = manual.Select(c => c.Id).ToList();
            Assert.Equal(2, await check.ClaimReviews.CountAsync(r => ids.Contains(r.MedicalClaimId) && r.SupersededAt == null));
            Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.ManualClaimsEntered && a.Actor == "madoguchi1"));
            Assert.Contains(await check.AuditEvents.Where(a => a.EventType == AuditEventType.PersonSearched && a.Actor == "madoguchi1").Select(a => a.Details).ToListAsync(),
                details => details.Contains("claims.manual", StringComparison.Ordinal) && details.Contains(Mother, StringComparison.Ordinal));
            Assert.Equal(2, await check.ClaimReviews.CountAsync(r => r.ProcessingMonth == 203003 && r.SupersededAt == null && (r.Status == ClaimReviewStatus.Approved || r.Outcome == Domain.Review.ReviewOutcome.Accepted)));
        }

        Assert.Empty(consoleErrors); // a CSP violation or a script error would show here
    }

    private static async Task UploadAsync(IPage page, string file)
    {
        await page.GetByLabel("ファイル").SetInputFilesAsync(file);
        await page.GetByLabel("処理年月").FillAsync(Month);
        await page.GetByLabel("形式").SelectOptionAsync(new SelectOptionValue { Label = "自動償還 CSV" });
    }

    /// <summary>Types one receipt row from its first field with Tab between fields (selects are changed by typing, as staff do).</summary>
    internal static async Task TypeRowAsync(IPage page, string provider, string name, string month, bool inpatient, string days, string points, string share)
    {
        async Task Field(string? text)
        {
            if (text is not null)
            {
                await page.Keyboard.TypeAsync(text);
            }

            await page.Keyboard.PressAsync("Tab");
        }

        await Field(provider);
        await Field(name);
        await Field(month);
        await Field(null); // 点数表: 医科
        if (inpatient)
        {
            // The 入外 select is focused: chosen by keyboard (入院 is the option after 外来).
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Field(null); // 入外
        await Field(days);
        await Field(points);
        await Field(null); // 医療費
        await page.Keyboard.TypeAsync(share); // 窓口負担額: Enter is pressed by the caller, or the form is saved
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
