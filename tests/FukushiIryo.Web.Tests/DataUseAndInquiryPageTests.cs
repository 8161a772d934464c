using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.DataUse;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 情報照会 (P15) and データ利用申請 (P14) on the web: a role-less 利用部署 account requests a view, a
/// 決裁 holder approves it after 再認証, the requester sees only the approved items, nobody else does,
/// and an expired grant is refused; an unlisted inquiry is refused on the page and audited. The
/// browser journey takes screenshots (90-…) under artifacts/screenshots.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class DataUseAndInquiryPageTests(WebAppFixture app)
{
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";
    private static readonly string Mother = RecipientNumber.FromSerial(101).ToString();

    [Fact]
    public async Task A_role_less_account_sees_its_approved_view_limited_to_its_items_and_nobody_else_does_and_expiry_refuses()
    {
        long id;
        using (var requester = await StaffSession.LoginAsync(app, "riyou1"))
        {
            // No role: the home page is refused, the data-use pages are not.
            var home = await requester.Client.GetAsync("/");
            Assert.Contains("/Account/AccessDenied", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Contains("/Account/AccessDenied", (await requester.Client.GetAsync("/Persons")).Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Contains("/Account/AccessDenied", (await requester.Client.GetAsync("/DataUse/Approve")).Headers.Location!.OriginalString, StringComparison.Ordinal);
            var posted = await requester.PostFormAsync("/DataUse", new()
            {
                ["Input.Section"] = "子ども政策課",
                ["Input.ViewKey"] = "recipients",
                ["Input.Items"] = "recipients.recipientNumber",
                ["Input.RecordsFrom"] = "2024-04-01",
                ["Input.RecordsTo"] = "2024-04-30",
                ["Input.LegalBasis"] = "個人情報の保護に関する法律 第69条第2項第2号",
                ["Input.Purpose"] = "ひとり親家庭の支援施策の対象者数の把握",
                ["Input.AccessUntil"] = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            });
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            id = long.Parse(DoneId().Match(posted.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var early = await requester.Client.GetAsync($"/DataUse/View/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
            Assert.Contains("まだ承認されていません", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var approver = await StaffSession.LoginAsync(app, Approver))
        {
            var list = await approver.Client.GetStringAsync("/DataUse/Approve");
            Assert.Contains("子ども政策課", list, StringComparison.Ordinal);
            var first = await approver.PostFormAsync("/DataUse/Approve", new() { ["requestId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "approve" });
            Assert.StartsWith("/Account/Reauthenticate", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var passed = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, Approver), ["ReturnUrl"] = "/DataUse/Approve" });
            Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
            var approved = await approver.PostFormAsync("/DataUse/Approve", new() { ["requestId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "approve", ["note"] = "根拠を確認" });
            Assert.Equal($"/DataUse/Approve?done=approved&id={id}", approved.Headers.Location!.OriginalString);

            // The approver does not see the view: only the requester does.
            var theirs = await approver.Client.GetAsync($"/DataUse/View/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
            Assert.DoesNotContain(Mother, await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var requester = await StaffSession.LoginAsync(app, "riyou1"))
        {
            var view = await requester.Client.GetAsync($"/DataUse/View/{id}");
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
            var html = await view.Content.ReadAsStringAsync();
            Assert.Contains($"<td>{Mother}</td>", html, StringComparison.Ordinal);
            Assert.Contains("<th>受給者番号</th>", html, StringComparison.Ordinal);
            // Only the item asked for: no name, no address, no other column.
            Assert.DoesNotContain("奈良 花子", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<th>氏名</th>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("東向中町", html, StringComparison.Ordinal);

            // Time passes beyond the 閲覧期限 (set back on the record): refused.
            await using (var db = app.OpenDb())
            {
                var request = await db.DataUseRequests.SingleAsync(r => r.Id == id);
                request.AccessUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(-1);
                await db.SaveChangesAsync();
            }

            var expired = await requester.Client.GetAsync($"/DataUse/View/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
            var expiredHtml = await expired.Content.ReadAsStringAsync();
            Assert.Contains("閲覧期限", expiredHtml, StringComparison.Ordinal);
            Assert.DoesNotContain(Mother, expiredHtml, StringComparison.Ordinal);
        }

        await using var check = app.OpenDb();
        var subject = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var events = await check.AuditEvents.AsNoTracking().Where(e => e.SubjectType == "datause" && e.SubjectId == subject).OrderBy(e => e.Sequence).Select(e => e.EventType + ":" + e.Actor).ToListAsync();
        Assert.Equal(
            ["datause.requested:riyou1", "datause.view_refused:riyou1", "datause.approved:" + Approver, "datause.view_refused:" + Approver, "datause.viewed:riyou1", "datause.view_refused:riyou1"],
            events);
    }

    [Fact]
    public async Task An_unlisted_inquiry_is_refused_on_the_page_and_audited_and_an_allowed_one_is_listed()
    {
        using var clerk = await StaffSession.LoginAsync(app, "madoguchi1");
        var refused = await clerk.PostFormAsync("/Linkage/Inquiries", new()
        {
            ["Input.AtenaNumber"] = "000102",
            ["Input.Procedure"] = "ひとり親家庭等医療費の助成に関する事務",
            ["Input.InformationItem"] = "年金関係情報",
            ["Input.Purpose"] = "年金の受給状況の確認",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("照会許可照合リストにないため、行えません", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var allowed = await clerk.PostFormAsync("/Linkage/Inquiries", new()
        {
            ["Input.AtenaNumber"] = "000102",
            ["Input.Procedure"] = "ひとり親家庭等医療費の助成に関する事務",
            ["Input.InformationItem"] = "医療保険関係情報",
            ["Input.Purpose"] = "加入保険の確認",
        });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        var page = await clerk.Client.GetStringAsync(allowed.Headers.Location!.OriginalString);
        Assert.Contains("加入保険の確認", page, StringComparison.Ordinal);
        Assert.Contains("照会中", page, StringComparison.Ordinal);

        await using var db = app.OpenDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == "linkage.inquiry_refused" && e.SubjectId == "000102" && e.Actor == "madoguchi1" && e.Details!.Contains("年金関係情報")));
    }

    [Fact]
    public async Task Journey_in_the_browser_with_screenshots()
    {
        Assert.True(File.Exists(BrowserJourneyTests.ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");
        static string Shot(string step) => Path.Combine(WebAppFixture.ArtifactsDirectory, $"{step}.png");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var consoleErrors = new List<string>();

        // 窓口: an unlisted 情報照会 is refused beside the form.
        var clerk = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", consoleErrors);
        await clerk.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "情報照会" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "情報照会", Exact = true })).ToBeVisibleAsync();
        await clerk.GetByLabel("宛名番号").FillAsync("000101");
        await clerk.GetByLabel("照会する特定個人情報").FillAsync("国税関係情報");
        await clerk.GetByLabel("照会の目的").FillAsync("所得の確認");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "照会を記録" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Alert).First).ToContainTextAsync("照会許可照合リストにないため、行えません");
        await clerk.ScreenshotAsync(new() { Path = Shot("90-inquiry-refused"), FullPage = true });
        await clerk.GetByLabel("照会する特定個人情報").FillAsync("地方税関係情報");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "照会を記録" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Status)).ToContainTextAsync("を記録しました");
        await clerk.ScreenshotAsync(new() { Path = Shot("91-inquiry-recorded"), FullPage = true });

        // 利用部署 (no role): from the 権限がありません page to the request form.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var user = await context.NewPageAsync();
        await user.GotoAsync(new Uri(app.BaseAddress, "/Account/Login").ToString());
        await user.GetByLabel("ログインID").FillAsync("riyou1");
        await user.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await user.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await user.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, "riyou1"));
        await user.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "権限がありません" })).ToBeVisibleAsync();
        await user.GetByRole(AriaRole.Link, new() { Name = "データ利用申請" }).ClickAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "データ利用申請", Exact = true })).ToBeVisibleAsync();
        await user.GetByLabel("利用部署").FillAsync("子ども政策課");
        await user.GetByLabel("受給者（資格取得日で選ぶ）").CheckAsync();
        await user.Locator("input[value='recipients.recipientNumber']").CheckAsync();
        await user.Locator("input[value='recipients.acquiredOn']").CheckAsync();
        await user.GetByLabel("対象期間（開始日）").FillAsync("2024-04-01");
        await user.GetByLabel("対象期間（終了日）").FillAsync("2024-04-30");
        await user.GetByLabel("法的根拠").FillAsync("個人情報の保護に関する法律 第69条第2項第2号");
        await user.GetByLabel("利用目的").FillAsync("支援施策の対象者数の把握");
        await user.ScreenshotAsync(new() { Path = Shot("92-datause-request-form"), FullPage = true });
        await user.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();
        await Expect(user.GetByRole(AriaRole.Status)).ToContainTextAsync("を受け付けました");
        long id;
        await using (var db = app.OpenDb())
        {
            id = (await db.DataUseRequests.AsNoTracking().Where(r => r.RequestedBy == "riyou1").OrderByDescending(r => r.Id).FirstAsync()).Id;
        }


        // 決裁: the list, then the approval after 再認証.
        var approver = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Approver, consoleErrors);
        await approver.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "データ利用" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "データ利用申請の決裁" })).ToBeVisibleAsync();
        await approver.ScreenshotAsync(new() { Path = Shot("93-datause-approve-list"), FullPage = true });
        var row = approver.Locator($"tr:has(td:first-child:text-is('{id}'))");
        await row.GetByRole(AriaRole.Button, new() { Name = "承認", Exact = true }).ClickAsync();
        await approver.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
        await approver.GetByLabel("確認コード").FillAsync(StaffSession.CodeFor(app, Approver));
        await approver.GetByRole(AriaRole.Button, new() { Name = "確認して続ける" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "データ利用申請の決裁" })).ToBeVisibleAsync();
        row = approver.Locator($"tr:has(td:first-child:text-is('{id}'))");
        await row.GetByRole(AriaRole.Button, new() { Name = "承認", Exact = true }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Status)).ToContainTextAsync($"データ利用申請 {id} を承認しました。");

        // The requester opens the view: two columns only.
        await user.GotoAsync(new Uri(app.BaseAddress, "/DataUse").ToString());
        await user.Locator($"a[href='/DataUse/View/{id}']").ClickAsync();
        await Expect(user.Locator("table.grid thead th")).ToHaveCountAsync(2);
        await Expect(user.Locator("table.grid tbody")).ToContainTextAsync(Mother);
        await user.ScreenshotAsync(new() { Path = Shot("94-datause-view"), FullPage = true });
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex("done=([0-9]+)")]
    private static partial Regex DoneId();
}
