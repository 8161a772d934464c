using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// Issue 9's journey in the browser, on SQLite and on PostgreSQL: a 窓口 clerk enters a 新規申請 for a
/// parent and a child found through 宛名検索 → a second user with 決裁 decides 認定 after 再認証 → the
/// 受給資格証 PDF → the clerk records a change of address → the parent's 婚姻 ends the parent's and the
/// child's eligibility the same day → the 喪失通知書 PDF. Each provider gets an app of its own over a
/// fresh database (the SQLite one beside the shared fixture, the PostgreSQL one in the shared cluster).
/// Screenshots under artifacts/screenshots (40-…).
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed partial class EligibilityBrowserJourneyTests(PostgresFixture postgres)
{
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Application_decision_certificate_address_change_and_loss_by_marriage(string provider)
    {
        var app = provider == "postgres" ? WebAppFixture.OnPostgres(await postgres.Cluster.CreateDatabaseAsync("web")) : new WebAppFixture();
        await app.InitializeAsync();
        try
        {
            await SeedHouseholdAsync(app);
            await using (var db = app.OpenDb())
            {
                // The bank master the fixture's database carries (ゆうちょ aside); none loaded means any code passes.
                var known = await db.BankBranches.Where(b => b.RemovedInEdition == null && b.BankCode != "9900").OrderBy(b => b.Id).FirstOrDefaultAsync();
                await WalkAsync(app, provider, known?.BankCode ?? "0162", known?.BranchCode ?? "001");
            }
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task WalkAsync(WebAppFixture app, string provider, string bank, string branch)
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);
        var appliedOn = today.AddDays(-14);
        var movedOn = today.AddDays(-7);
        var marriedOn = today.AddDays(-2);
        // The SQLite walk keeps the operator manual's screenshots (artifacts/screenshots/manual, ADR 0039).
        string Shot(string step) => provider == "sqlite" ? WebAppFixture.ManualShot(step) : Path.Combine(WebAppFixture.ArtifactsDirectory, $"{step}-{provider}.png");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var consoleErrors = new List<string>();

        // 窓口: finds the parent and the child through 宛名検索 and enters the application.
        var clerk = await LoginAsync(app, browser, "madoguchi1", consoleErrors);
        var parentAtena = await FindAtenaAsync(clerk, "ｶｽｶﾞ", "春日 桜");
        var parentPage = clerk.Url;
        var childAtena = await FindAtenaAsync(clerk, "ｶｽｶﾞ", "春日 蓮");
        await clerk.ScreenshotAsync(new() { Path = Shot("40-child-found"), FullPage = true });

        await clerk.GetByRole(AriaRole.Link, new() { Name = "福祉医療費助成システム" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = "申請へ" }).ClickAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = "新規申請の入力" }).First.ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "新規申請の入力" })).ToBeVisibleAsync();
        await clerk.GetByLabel("申請年月日").FillAsync(WarekiDate.From(appliedOn).ToLongString());
        await clerk.GetByLabel("申請理由").FillAsync("離婚による");
        await clerk.GetByLabel("宛名番号", new() { Exact = true }).FillAsync(parentAtena);
        await Expect(clerk.Locator("#applicant-echo")).ToContainTextAsync("春日 桜（生年月日"); // the htmx echo of the typed number
        await clerk.GetByLabel("ひとり親理由").SelectOptionAsync(new SelectOptionValue { Label = "離婚" });
        await clerk.GetByLabel("事由発生年月日").FillAsync("令和5年12月20日");
        await clerk.GetByLabel("児童1の宛名番号").FillAsync(childAtena);
        await Expect(clerk.Locator("#child-0-echo")).ToContainTextAsync("春日 蓮（生年月日");
        await clerk.GetByLabel("児童1の他制度").SelectOptionAsync(new SelectOptionValue { Label = "子ども医療" });
        await clerk.Locator("input[name='Input.Children[0].Insured'][type=checkbox]").CheckAsync();
        await clerk.GetByLabel("保険種別").SelectOptionAsync(new SelectOptionValue { Label = "国保" });
        await clerk.GetByLabel("保険者番号").FillAsync("290015");
        await clerk.GetByLabel("金融機関コード").FillAsync(bank);
        await clerk.GetByLabel("支店コード").FillAsync(branch);
        await clerk.GetByLabel("口座番号").FillAsync("7654321");
        await clerk.GetByLabel("口座名義人（カナ）").FillAsync("ｶｽｶﾞ ｻｸﾗ");
        await clerk.GetByLabel("電話番号").FillAsync("0742-34-5678");
        await clerk.ScreenshotAsync(new() { Path = Shot("41-application-form"), FullPage = true });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "受付（受付番号を付番）" }).ClickAsync();
        var received = clerk.GetByRole(AriaRole.Status);
        await Expect(received).ToContainTextAsync("で受け付けました。");
        var receptionNumber = ReceptionPattern().Match(await received.InnerTextAsync()).Groups[1].Value;
        await Expect(clerk.GetByText("ひとり親家庭等医療費助成が子ども医療より優先します。", new() { Exact = false })).ToBeVisibleAsync();
        Assert.NotEmpty(receptionNumber);
        await Expect(clerk.GetByRole(AriaRole.Link, new() { Name = "決定（認定・却下）へ" })).ToHaveCountAsync(0);
        await clerk.ScreenshotAsync(new() { Path = Shot("42-application-received"), FullPage = true });

        // 決裁: a second user opens the pending list and decides 認定 after 再認証.
        var approver = await LoginAsync(app, browser, Approver, consoleErrors);
        await approver.GetByRole(AriaRole.Link, new() { Name = "申請へ" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "申請（未決定）" })).ToBeVisibleAsync();
        await approver.ScreenshotAsync(new() { Path = Shot("43-pending"), FullPage = true });
        await approver.GetByRole(AriaRole.Link, new() { Name = receptionNumber }).ClickAsync();
        await approver.GetByRole(AriaRole.Link, new() { Name = "決定（認定・却下）へ" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "再認証" })).ToBeVisibleAsync();
        await approver.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await approver.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, Approver));
        await approver.ScreenshotAsync(new() { Path = Shot("44-reauthenticate"), FullPage = true });
        await approver.GetByRole(AriaRole.Button, new() { Name = "確認して続ける" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = $"申請 {receptionNumber} の決定" })).ToBeVisibleAsync();
        await approver.GetByLabel("認定").CheckAsync();
        await approver.GetByLabel("決定理由（却下は理由を1行に1つ）").FillAsync("要件を満たす");
        await approver.ScreenshotAsync(new() { Path = Shot("44b-decide"), FullPage = true });
        await approver.GetByRole(AriaRole.Button, new() { Name = "決定する" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Status)).ToContainTextAsync("認定しました。");
        await approver.ScreenshotAsync(new() { Path = Shot("45-granted"), FullPage = true });
        var parentRow = approver.Locator("table.grid tbody tr").Filter(new() { HasText = "春日 桜" });
        var childRow = approver.Locator("table.grid tbody tr").Filter(new() { HasText = "春日 蓮" });
        var parentNumber = (await parentRow.Locator("td").First.InnerTextAsync()).Trim();
        var childNumber = (await childRow.Locator("td").First.InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{7,8}$", parentNumber);
        Assert.NotEqual(parentNumber, childNumber);

        var certificate = Compact(await DownloadTextAsync(approver, parentRow.GetByRole(AriaRole.Button, new() { Name = "受給資格証を印刷" })));
        Assert.Contains(parentNumber, certificate, StringComparison.Ordinal);
        Assert.Contains("春日桜", certificate, StringComparison.Ordinal);
        Assert.Contains("平成3年7月3日", certificate, StringComparison.Ordinal);
        Assert.Contains(WarekiDate.From(appliedOn).ToLongString(), certificate, StringComparison.Ordinal);

        // 窓口: the parent moved (変更 from a date).
        await clerk.GotoAsync(parentPage);
        await clerk.GetByRole(AriaRole.Navigation, new() { Name = "資格管理の操作" }).GetByRole(AriaRole.Link, new() { Name = "住所" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "記載事項変更（住所）" })).ToBeVisibleAsync();
        await clerk.GetByLabel("変更（事実が変わった").CheckAsync();
        await clerk.GetByLabel("届出日").FillAsync(WarekiDate.From(today).ToLongString());
        await clerk.GetByLabel("変更日（訂正のときは訂正する期間の日）").FillAsync(WarekiDate.From(movedOn).ToLongString());
        await clerk.GetByLabel("郵便番号").FillAsync("630-8580");
        await clerk.GetByLabel("住所", new() { Exact = true }).FillAsync("奈良県奈良市二条大路南一丁目1番1号");
        await clerk.ScreenshotAsync(new() { Path = Shot("46-address-change"), FullPage = true });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "保存" }).First.ClickAsync();
        await Expect(clerk.Locator("dl.facts").First).ToContainTextAsync("奈良県奈良市二条大路南一丁目1番1号");
        await Expect(clerk.Locator("#history")).ToContainTextAsync("奈良県奈良市登大路町30番地");
        await clerk.ScreenshotAsync(new() { Path = Shot("47-address-changed"), FullPage = true });

        // 窓口: the parent married; the parent and the child lose eligibility the same day.
        await clerk.GetByRole(AriaRole.Link, new() { Name = $"資格消滅（受給者番号 {parentNumber}）" }).ClickAsync();
        await clerk.GetByLabel("喪失事由").SelectOptionAsync(new SelectOptionValue { Label = "婚姻" });
        await clerk.GetByLabel("事由発生日（婚姻日・異動日・有期終了日など）").FillAsync(WarekiDate.From(marriedOn).ToLongString());
        await clerk.GetByRole(AriaRole.Button, new() { Name = "喪失日と世帯への影響を表示" }).ClickAsync();
        var plan = clerk.Locator("#plan tbody tr");
        await Expect(plan).ToHaveCountAsync(2);
        await Expect(plan.Filter(new() { HasText = "春日 桜" })).ToContainTextAsync(WarekiDate.From(marriedOn).ToLongString());
        await Expect(plan.Filter(new() { HasText = "春日 蓮" })).ToContainTextAsync(WarekiDate.From(marriedOn).ToLongString());
        await clerk.ScreenshotAsync(new() { Path = Shot("48-loss-preview"), FullPage = true });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "喪失を確定する" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Status)).ToContainTextAsync("資格の喪失を記録しました。");
        await clerk.ScreenshotAsync(new() { Path = Shot("49-loss-recorded"), FullPage = true });

        var notice = Compact(await DownloadTextAsync(clerk, clerk.GetByRole(AriaRole.Link, new() { Name = "喪失通知書を印刷（PDF）" })));
        Assert.Contains("喪失通知書", notice, StringComparison.Ordinal);
        Assert.Contains("春日桜", notice, StringComparison.Ordinal);
        Assert.Contains(parentNumber, notice, StringComparison.Ordinal);
        Assert.Contains(WarekiDate.From(marriedOn).ToLongString(), notice, StringComparison.Ordinal);

        Assert.Empty(consoleErrors); // a CSP violation or a script error would show here
    }

    internal static async Task<IPage> LoginAsync(WebAppFixture app, IBrowser browser, string login, List<string> consoleErrors)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{login}: {message.Text}");
            }
        };
        await page.GotoAsync(new Uri(app.BaseAddress, "/Account/Login").ToString());
        await page.GetByLabel("ログインID").FillAsync(login);
        await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, login));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>宛名検索 by kana as a clerk does, opens the person and reads the 宛名番号 off the page.</summary>
    private static async Task<string> FindAtenaAsync(IPage page, string kana, string name)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "資格管理", Exact = true }).First.ClickAsync();
        await page.GetByLabel("カナ氏名（前方一致）").PressSequentiallyAsync(kana, new() { Delay = 50 });
        var link = page.Locator("#results").GetByRole(AriaRole.Link, new() { Name = name });
        await Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        return (await page.Locator(".person-head p strong").First.InnerTextAsync()).Trim();
    }

    private static async Task<string> DownloadTextAsync(IPage page, ILocator trigger)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => trigger.ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"fukushi-journey-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        try
        {
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await File.ReadAllBytesAsync(saved))[..4]), StringComparison.Ordinal);
            return PdfText(saved);
        }
        finally
        {
            File.Delete(saved);
        }
    }

    /// <summary>The text of a PDF as poppler's pdftotext reads it (test.sh installs poppler-utils).</summary>
    internal static string PdfText(string pdf)
    {
        const string tool = "/usr/bin/pdftotext";
        Assert.True(File.Exists(tool), "pdftotext is installed by ./test.sh (apt-get install poppler-utils)");
        var start = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in new[] { "-layout", "-enc", "UTF-8", pdf, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    private static string Compact(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    /// <summary>A household of a parent and a child, in the 住基 but not yet recipients.</summary>
    private static async Task SeedHouseholdAsync(WebAppFixture app)
    {
        var residents = Path.Combine(Path.GetTempPath(), $"fukushi-journey-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000501,0005,春日 桜,カスガ サクラ,1991-07-03,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,2020-04-01,",
            "000502,0005,春日 蓮,カスガ レン,2016-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,2020-04-01,") + "\n", new UTF8Encoding(true));
        try
        {
            await using var db = app.OpenDb();
            var imported = await new ResidentsImport(db, TimeProvider.System).RunAsync(new ImportRequest(residents, "admin", new DateOnly(2026, 11, 2), Migration: true));
            Assert.Equal(ImportStatus.Imported, imported.Status);
        }
        finally
        {
            File.Delete(residents);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex("受付番号 (\\S+) で受け付けました")]
    private static partial Regex ReceptionPattern();
}
