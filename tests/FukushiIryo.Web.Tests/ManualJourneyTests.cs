using System.IO.Compression;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The staff journeys of issue 17 that had no browser test yet, walked as the operator manual
/// (docs/manual/operator) tells them: the August renewal (申請書 → 返送 → 決定 by 決裁 after 再認証 → 受給資格証),
/// the payment run (準備 by 支払 → 承認 by another user, 決裁, after 再認証 → 出力), 振込不能 and 返還
/// (返還請求 → 戻入 → 返還請求書), and the 支払月報 from 統計. Each journey runs on an app over a database of its
/// own (its months and years cannot meet the shared fixture's other tests) and keeps numbered screenshots
/// under artifacts/screenshots/manual (ADR 0039).
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class ManualJourneyTests
{
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";
    private static readonly string Payer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Payer)}";
    private static readonly string Statistician = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Statistician)}";

    [Fact]
    public async Task The_august_renewal_forms_returns_and_decision_in_the_browser()
    {
        const int year = 2031;
        await WithAppAsync(async (app, browser, consoleErrors) =>
        {
            var (parentNumber, childNumber) = await RenewalPageTests.SeedHouseholdAsync(app);

            // 窓口: the renewal of the year, the forms of the households not yet sent.
            var clerk = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", consoleErrors);
            await Menu(clerk, "更新").ClickAsync();
            await clerk.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "年度切替更新（8月）" });
            await clerk.GetByLabel("年", new() { Exact = true }).FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await clerk.GetByRole(AriaRole.Button, new() { Name = "表示", Exact = true }).ClickAsync();
            await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = $"更新 — 年度切替更新 {year}" })).ToBeVisibleAsync();
            await Expect(clerk.Locator("#progress")).ToContainTextAsync("まだ始まっていません。");
            await clerk.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("50-renewal-start"), FullPage = true });

            var forms = await clerk.RunAndWaitForDownloadAsync(() => clerk.GetByRole(AriaRole.Button, new() { Name = "まだ送付していない世帯の更新申請書を作成する（PDF）" }).ClickAsync());
            Assert.Equal($"renewal-forms-{year}.pdf", forms.SuggestedFilename);
            await AssertPdfAsync(forms);
            await clerk.ReloadAsync();
            await Expect(clerk.Locator("#progress [data-state='FormSent']")).Not.ToHaveTextAsync("0");
            await clerk.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("51-renewal-forms-sent"), FullPage = true });

            // 窓口: a returned form recorded by the child's number; the field is empty for the next one.
            await clerk.GetByRole(AriaRole.Link, new() { Name = "返送された申請書を記録する" }).ClickAsync();
            await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = $"更新申請書の返送の記録 — 年度切替更新 {year}" })).ToBeVisibleAsync();
            await clerk.GetByLabel("受付日").FillAsync($"{year}-07-05");
            await clerk.GetByLabel("受給者番号").FillAsync(childNumber);
            await clerk.GetByLabel("受給者番号").PressAsync("Enter");
            await Expect(clerk.GetByRole(AriaRole.Status)).ToContainTextAsync($"（{parentNumber}）を返送済にしました");
            await Expect(clerk.GetByLabel("受給者番号")).ToHaveValueAsync(string.Empty);
            await Expect(clerk.Locator("#returned-count")).ToHaveTextAsync("1");
            await clerk.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("52-renewal-return-recorded"), FullPage = true });

            // 決裁: decides the renewal after 再認証 and prints the new 受給資格証 once.
            var approver = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Approver, consoleErrors);
            await approver.GotoAsync(new Uri(app.BaseAddress, $"/Renewals/Decide?kind=august&year={year}").ToString());
            await ReauthenticateAsync(app, approver, Approver, "53-renewal-reauthenticate");
            await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = $"更新の決定 — 年度切替更新 {year}" })).ToBeVisibleAsync();
            await approver.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("54-renewal-decide"), FullPage = true });
            await approver.GetByRole(AriaRole.Button, new() { Name = $"年度切替更新 {year} を決定する" }).ClickAsync();
            var result = approver.Locator("#decide-result").GetByRole(AriaRole.Status);
            await Expect(result).ToContainTextAsync("決定しました", new() { Timeout = 30_000 });
            await Expect(result.Locator("#decided-now")).ToHaveTextAsync("1");
            await Expect(result).ToContainTextAsync("更新: 1 世帯");
            await approver.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("55-renewal-decided"), FullPage = true });
            await approver.ReloadAsync();
            var print = approver.GetByRole(AriaRole.Button, new() { Name = "受給資格証をダウンロード（PDF）" });
            await Expect(print).ToBeVisibleAsync();
            await AssertPdfAsync(await approver.RunAndWaitForDownloadAsync(() => print.ClickAsync()));
            await approver.ReloadAsync();
            await Expect(approver.GetByRole(AriaRole.Button, new() { Name = "受給資格証をダウンロード（PDF）" })).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task The_april_update_ends_a_child_at_18_and_gives_a_new_certificate_to_a_child_starting_school()
    {
        const int year = 2031;
        await WithAppAsync(async (app, browser, consoleErrors) =>
        {
            // 春山 家: the parent, 秋男 (18 on 2031-03-15: his 18歳年度末 is 2031-03-31) and 冬美 (6 on 2030-06-02:
            // 未就学 until 2031-03-31, 小学生 from 2031-04-01).
            var (parentNumber, olderNumber, youngerNumber) = await SeedAprilHouseholdAsync(app);

            // 窓口: the April update has no forms; the page says so and shows what is left to decide.
            var clerk = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", consoleErrors);
            await Menu(clerk, "更新").ClickAsync();
            await clerk.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "年齢区分更新（4月）" });
            await clerk.GetByLabel("年", new() { Exact = true }).FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await clerk.GetByRole(AriaRole.Button, new() { Name = "表示", Exact = true }).ClickAsync();
            await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = $"更新 — 年齢区分更新 {year}" })).ToBeVisibleAsync();
            await Expect(clerk.GetByRole(AriaRole.Button, new() { Name = "まだ送付していない世帯の更新申請書を作成する（PDF）" })).ToHaveCountAsync(0);
            await Expect(clerk.GetByRole(AriaRole.Link, new() { Name = "決定する（決裁）" })).ToHaveCountAsync(0); // 窓口 cannot decide
            await clerk.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("56-april-start"), FullPage = true });

            // 決裁: the menu opens the decision (after 再認証), where the kind and year are chosen.
            var approver = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Approver, consoleErrors);
            await Menu(approver, "更新").ClickAsync();
            await ReauthenticateAsync(app, approver, Approver, "57-april-reauthenticate");
            await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "更新の決定 — 年度切替更新", Exact = false })).ToBeVisibleAsync();
            await approver.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "年齢区分更新（4月）" });
            await approver.GetByLabel("年", new() { Exact = true }).FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await approver.GetByRole(AriaRole.Button, new() { Name = "表示", Exact = true }).ClickAsync();
            await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = $"更新の決定 — 年齢区分更新 {year}" })).ToBeVisibleAsync();
            await Expect(approver.GetByText("18歳年度末を過ぎた児童は年齢到達で喪失し")).ToBeVisibleAsync();
            await approver.GetByRole(AriaRole.Button, new() { Name = $"年齢区分更新 {year} を決定する" }).ClickAsync();
            var result = approver.Locator("#decide-result").GetByRole(AriaRole.Status);
            await Expect(result).ToContainTextAsync("決定しました", new() { Timeout = 30_000 });
            await Expect(result.Locator("#decided-now")).Not.ToHaveTextAsync("0"); // the fixture's 奈良 household is decided too
            await approver.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("58-april-decided"), FullPage = true });

            // 窓口's result list: the household's row with one new card and one loss.
            await clerk.ReloadAsync();
            var row = clerk.Locator("#results tbody tr").Filter(new() { HasText = parentNumber });
            await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("1");
            await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("1");

            // The ledger: 秋男 lost from 4/1, 冬美 (now 小学生) with a card from 4/1 to the same end, the parent still eligible.
            await using (var db = app.OpenDb())
            {
                var older = await CurrentAsync(db, olderNumber, new DateOnly(year, 4, 1));
                Assert.Equal((EligibilityStatus.Lost, (DateOnly?)new DateOnly(year, 4, 1)), (older.Status, older.LostOn));
                var younger = await CurrentAsync(db, youngerNumber, new DateOnly(year, 4, 1));
                Assert.Equal((EligibilityStatus.Active, (DateOnly?)new DateOnly(year, 4, 1), (DateOnly?)new DateOnly(year, 7, 31)), (younger.Status, younger.CertificateValidFrom, younger.CertificateValidTo));
                Assert.Equal(EligibilityStatus.Active, (await CurrentAsync(db, parentNumber, new DateOnly(year, 4, 1))).Status);
            }

            // 一括印刷: the card and the 年齢到達 notice, each once.
            await approver.ReloadAsync();
            await Expect(approver.Locator("#progress [data-state='Undecided']")).ToHaveTextAsync("0");
            await Expect(approver.Locator("#progress [data-state='FormSent']")).ToHaveCountAsync(0); // no forms in April
            var print = approver.Locator("#renewal-print");
            await Expect(print.Locator("[data-kind='Certificates']")).Not.ToHaveTextAsync("0");
            await Expect(print.Locator("[data-kind='AgeLimitNotices']")).Not.ToHaveTextAsync("0");
            await AssertPdfAsync(await approver.RunAndWaitForDownloadAsync(() => print.GetByRole(AriaRole.Button, new() { Name = "受給資格証をダウンロード（PDF）" }).ClickAsync()));
            await AssertPdfAsync(await approver.RunAndWaitForDownloadAsync(() => print.GetByRole(AriaRole.Button, new() { Name = "喪失通知書（年齢到達）をダウンロード（PDF）" }).ClickAsync()));
            await approver.ReloadAsync();
            await Expect(print.Locator("[data-kind='Certificates']")).ToHaveTextAsync("0");
            await Expect(print.Locator("[data-kind='AgeLimitNotices']")).ToHaveTextAsync("0");
            await Expect(print.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            await approver.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("59-april-printed"), FullPage = true });
        });
    }

    [Fact]
    public async Task The_payment_run_with_approval_a_failed_transfer_a_recovery_and_the_monthly_report()
    {
        const string month = PaymentPageTests.Month;
        await WithAppAsync(async (app, browser, consoleErrors) =>
        {
            await PaymentPageTests.SeedAsync(app);
            var mother = PaymentPageTests.MotherNumber;

            // 支払: prepares the month's run; a Sunday is refused with its message.
            var payer = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Payer, consoleErrors);
            await Menu(payer, "支払").ClickAsync();
            await payer.GetByLabel("処理年月").FillAsync(month);
            await payer.GetByRole(AriaRole.Button, new() { Name = "表示する" }).ClickAsync();
            await Expect(payer.GetByText($"処理年月 {month} の支払はまだ準備されていません。")).ToBeVisibleAsync();
            await payer.GetByRole(AriaRole.Link, new() { Name = "支払を準備する" }).ClickAsync();
            await Expect(payer.GetByRole(AriaRole.Heading, new() { Name = $"処理年月 {month} の支払の準備" })).ToBeVisibleAsync();
            await payer.GetByLabel("振込指定日（金融機関の営業日）").FillAsync("2031-04-20");
            await payer.GetByRole(AriaRole.Button, new() { Name = "準備する" }).ClickAsync();
            await Expect(payer.GetByRole(AriaRole.Alert)).ToContainTextAsync("休業日");
            await payer.GetByLabel("振込指定日（金融機関の営業日）").FillAsync("2031-04-18");
            await payer.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("60-payment-prepare"), FullPage = true });
            await payer.GetByRole(AriaRole.Button, new() { Name = "準備する" }).ClickAsync();
            var summary = payer.Locator("#summary");
            await Expect(summary).ToContainTextAsync("準備済（未承認）");
            await Expect(summary).ToContainTextAsync("2,500 円");
            await Expect(payer.GetByRole(AriaRole.Row).Filter(new() { HasText = mother })).ToContainTextAsync("2,500 円");
            await Expect(payer.GetByRole(AriaRole.Link, new() { Name = "承認（支払決定）へ" })).ToHaveCountAsync(0); // 支払 cannot approve
            await payer.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("61-payment-prepared"), FullPage = true });

            // 決裁 (another user): approves after 再認証.
            var approver = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Approver, consoleErrors);
            await approver.GotoAsync(new Uri(app.BaseAddress, $"/Payments?month={month}").ToString());
            await approver.GetByRole(AriaRole.Link, new() { Name = "承認（支払決定）へ" }).ClickAsync();
            await ReauthenticateAsync(app, approver, Approver, "62-payment-reauthenticate");
            await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = $"処理年月 {month} の支払の承認（支払決定）" })).ToBeVisibleAsync();
            await Expect(approver.Locator("dl.facts")).ToContainTextAsync(Payer);
            await approver.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("63-payment-approve"), FullPage = true });
            await approver.GetByRole(AriaRole.Button, new() { Name = "この内容で承認する" }).ClickAsync();
            await Expect(approver.Locator("#summary")).ToContainTextAsync("承認済（支払決定）");
            await approver.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("64-payment-approved"), FullPage = true });

            // 支払: the files as one ZIP with the 全銀 file in it.
            await payer.ReloadAsync();
            await payer.GetByRole(AriaRole.Link, new() { Name = "支払ファイルを出力する" }).ClickAsync();
            await Expect(payer.GetByRole(AriaRole.Heading, new() { Name = $"処理年月 {month} の支払ファイルの出力" })).ToBeVisibleAsync();
            await payer.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("65-payment-export"), FullPage = true });
            var zip = await payer.RunAndWaitForDownloadAsync(() => payer.GetByRole(AriaRole.Button, new() { Name = "ダウンロード" }).ClickAsync());
            var saved = Path.Combine(Path.GetTempPath(), $"fukushi-manual-{Guid.NewGuid():N}.zip");
            await zip.SaveAsAsync(saved);
            try
            {
                using var archive = ZipFile.OpenRead(saved);
                Assert.Contains("zengin-203103.txt", archive.Entries.Select(e => e.FullName));
            }
            finally
            {
                File.Delete(saved);
            }

            await payer.GotoAsync(new Uri(app.BaseAddress, $"/Payments?month={month}").ToString());
            await Expect(payer.Locator("#summary")).ToContainTextAsync("出力済");

            // 振込不能: the bank returned the transfer (口座解約); recorded by hand, the notice printed.
            await payer.GetByRole(AriaRole.Link, new() { Name = "振込不能" }).ClickAsync();
            await Expect(payer.GetByRole(AriaRole.Heading, new() { Name = "振込不能", Exact = true })).ToBeVisibleAsync();
            await payer.GetByLabel("処理年月").FillAsync(month);
            await payer.GetByLabel("受給者番号").FillAsync(mother);
            await payer.GetByLabel("金額（円）").FillAsync("2500");
            await payer.GetByLabel("不能事由").SelectOptionAsync(new SelectOptionValue { Value = "3" });
            await payer.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
            await Expect(payer.GetByRole(AriaRole.Status)).ToContainTextAsync("を記録しました。再振込は口座の訂正まで保留です。");
            var returned = payer.Locator("#returns tbody tr").Filter(new() { HasText = mother });
            await Expect(returned).ToContainTextAsync("2,500 円");
            await Expect(returned).ToContainTextAsync("解約済");
            await Expect(returned).ToContainTextAsync(month); // 処理年月 as yyyy-MM, not the stored yyyyMM
            // The entry fields are emptied after a record, so 記録する again cannot record it twice.
            await Expect(payer.GetByLabel("受給者番号")).ToHaveValueAsync(string.Empty);
            await Expect(payer.GetByLabel("金額（円）")).ToHaveValueAsync(string.Empty);
            await Expect(payer.GetByLabel("不能事由")).ToHaveValueAsync("1");
            await payer.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("80-returned-transfer"), FullPage = true });
            var notice = await payer.RunAndWaitForDownloadAsync(() => returned.GetByRole(AriaRole.Button, new() { Name = "振込不能通知" }).ClickAsync());
            await AssertPdfAsync(notice);

            // 返還: a 減額 of 1,200円 that cannot be offset becomes a 返還請求; a part is repaid.
            await RecoveryPageTests.SeedAsync(app);
            var payee = RecoveryPageTests.PayeeNumber;
            await payer.GotoAsync(new Uri(app.BaseAddress, "/Payments").ToString());
            await payer.GetByRole(AriaRole.Link, new() { Name = "返還請求・支払調整" }).ClickAsync();
            await Expect(payer.GetByRole(AriaRole.Heading, new() { Name = "返還請求と支払調整" })).ToBeVisibleAsync();
            await payer.GetByLabel("支払先の受給者番号").FillAsync(payee);
            await payer.GetByLabel("理由", new() { Exact = true }).FillAsync("資格喪失のため相殺できない");
            await payer.GetByRole(AriaRole.Button, new() { Name = "未調整の減額を返還請求にする" }).ClickAsync();
            await Expect(payer.GetByRole(AriaRole.Status)).ToContainTextAsync("（1,200 円、納期限");
            var recovery = payer.Locator("#recoveries tbody tr").Filter(new() { HasText = payee });
            await Expect(recovery).ToContainTextAsync("返還 花子");
            await payer.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("81-recovery-created"), FullPage = true });
            await recovery.GetByLabel("戻入額").FillAsync("200");
            await recovery.GetByRole(AriaRole.Button, new() { Name = "戻入を記録" }).ClickAsync();
            await Expect(payer.GetByRole(AriaRole.Status)).ToContainTextAsync("の戻入 200 円 を記録しました（未収額 1,000 円）");
            await payer.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("82-recovery-repaid"), FullPage = true });
            await AssertPdfAsync(await payer.RunAndWaitForDownloadAsync(() => payer.Locator("#recoveries tbody tr").Filter(new() { HasText = payee }).GetByRole(AriaRole.Link, new() { Name = "PDF" }).ClickAsync()));

            // 統計: the month in the dashboard and the 支払月報 as XLSX.
            var statistician = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Statistician, consoleErrors);
            await Menu(statistician, "統計").ClickAsync();
            await statistician.GetByLabel("最終の処理年月").FillAsync(month);
            await statistician.GetByLabel("受給者数の基準日").FillAsync("2031-03-01");
            await statistician.GetByRole(AriaRole.Button, new() { Name = "表示する" }).ClickAsync();
            await Expect(statistician.Locator("#chart-subsidy")).ToBeVisibleAsync();
            await statistician.GetByText("月別の数値（表）").ClickAsync();
            var monthRow = statistician.GetByRole(AriaRole.Row).Filter(new() { HasText = month });
            await Expect(monthRow).ToContainTextAsync("1 件");
            await Expect(monthRow).ToContainTextAsync("2,500 円");
            await statistician.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot("86-statistics"), FullPage = true });
            var report = statistician.Locator("form.report-form").Filter(new() { HasText = "支払月報" });
            await report.GetByLabel("処理年月").FillAsync(month);
            await report.GetByLabel("形式").SelectOptionAsync(new SelectOptionValue { Label = "XLSX" });
            var xlsx = await statistician.RunAndWaitForDownloadAsync(() => report.GetByRole(AriaRole.Button, new() { Name = "出力する" }).ClickAsync());
            Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
            var sheet = Path.Combine(Path.GetTempPath(), $"fukushi-manual-{Guid.NewGuid():N}.xlsx");
            await xlsx.SaveAsAsync(sheet);
            try
            {
                using var package = ZipFile.OpenRead(sheet); // an XLSX is a ZIP package with its worksheets
                Assert.Contains(package.Entries, e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            }
            finally
            {
                File.Delete(sheet);
            }
        });
    }

    /// <summary>A fresh app and browser for one journey; the app is disposed (its audit chain verified) after it.</summary>
    private static async Task WithAppAsync(Func<WebAppFixture, IBrowser, List<string>, Task> journey)
    {
        Assert.True(File.Exists(BrowserJourneyTests.ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");
        var app = new WebAppFixture();
        await app.InitializeAsync();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserJourneyTests.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var consoleErrors = new List<string>();
            await journey(app, browser, consoleErrors);
            Assert.Empty(consoleErrors); // a CSP violation or a script error would show here
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>A parent and two children eligible from 2030-08-01 to 2031-07-31: 秋男 born 2013-03-15, 冬美 born 2024-06-02.</summary>
    private static async Task<(string Parent, string Older, string Younger)> SeedAprilHouseholdAsync(WebAppFixture app)
    {
        const string parentNumber = "7729010", olderNumber = "7729020", youngerNumber = "7729030";
        await using var db = app.OpenDb();
        // With the shipped demo 公費負担者 (public-payers.json), so that only the bracket decides a new card.
        await RenewalPageTests.SeedHouseholdAsync(db, [
            new("772901", parentNumber, "春山 花子", "ハルヤマ ハナコ", new DateOnly(1988, 5, 20), RecipientKind.Parent, "90290024", BenefitMethod.AutoReimbursement),
            new("772902", olderNumber, "春山 秋男", "ハルヤマ アキオ", new DateOnly(2013, 3, 15), RecipientKind.Child, "90290016", BenefitMethod.InKind),
            new("772903", youngerNumber, "春山 冬美", "ハルヤマ フユミ", new DateOnly(2024, 6, 2), RecipientKind.Child, "90290016", BenefitMethod.InKind),
        ]);
        return (parentNumber, olderNumber, youngerNumber);
    }

    /// <summary>The eligibility record of a recipient in force on <paramref name="on"/>.</summary>
    private static Task<EligibilityRecord> CurrentAsync(App.Data.FukushiDbContext db, string recipientNumber, DateOnly on) =>
        db.EligibilityRecords.AsNoTracking().Current().ValidOn(on)
            .Where(r => db.Recipients.Any(x => x.Id == r.RecipientId && x.RecipientNumber == recipientNumber))
            .SingleAsync();

    private static ILocator Menu(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>再認証 (password and a fresh code) on the page the act redirected to; a screenshot of the filled form.</summary>
    private static async Task ReauthenticateAsync(WebAppFixture app, IPage page, string login, string shot)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "再認証" })).ToBeVisibleAsync();
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, login));
        await page.ScreenshotAsync(new() { Path = WebAppFixture.ManualShot(shot), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "確認して続ける" }).ClickAsync();
    }

    private static async Task AssertPdfAsync(IDownload download)
    {
        var saved = Path.Combine(Path.GetTempPath(), $"fukushi-manual-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        try
        {
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await File.ReadAllBytesAsync(saved))[..4]), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(saved);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
