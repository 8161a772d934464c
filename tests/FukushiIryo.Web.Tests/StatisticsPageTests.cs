using System.Net;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Payments;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 統計 (issue 14): the 統計 role sees the monthly 助成額 and 件数 of approved runs over 24 months and the
/// recipients by 受給者区分 as server-drawn SVG charts (no script, nothing the CSP refuses), downloads the
/// 支払月報 as XLSX; another role is refused. The screenshot is kept under artifacts/screenshots (90-…).
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class StatisticsPageTests(WebAppFixture app)
{
    private static readonly string Statistician = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Statistician)}";
    private static readonly string Payer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Payer)}";

    [Fact]
    public async Task The_dashboard_charts_the_paid_months_and_the_reports_download()
    {
        await SeedAsync();
        using (var statistician = await StaffSession.LoginAsync(app, Statistician))
        {
            var page = await statistician.Client.GetStringAsync("/Statistics?month=2020-12&asOf=2020-12-01");
            Assert.Equal(3, CountOf(page, "<svg id=\"chart-"));
            Assert.Equal(24 + 24 + 4, CountOf(page, "<rect class=\"bar\""));
            // 2020-06: two claims, 3,000 + 600 = 3,600 円; 2019-12 (no run of this test) shows 0.
            Assert.Contains("data-label=\"20/06\" data-value=\"3600\"", page, StringComparison.Ordinal);
            Assert.Contains("<td>2020-06</td><td class=\"amount\">2 件</td><td class=\"amount\">3,600 円</td>", page, StringComparison.Ordinal);
            Assert.Contains("<td>2020-12</td><td class=\"amount\">2 件</td><td class=\"amount\">7,200 円</td>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("style=", page, StringComparison.Ordinal);
            // The report forms start from the shown 基準日, month and its 年度, not fixed dates.
            Assert.Contains("id=\"condition-recipients\" name=\"condition\" placeholder=\"2026-10-01\" value=\"2020-12-01\"", page, StringComparison.Ordinal);
            Assert.Contains("id=\"condition-payments\" name=\"condition\" placeholder=\"2026-10\" value=\"2020-12\"", page, StringComparison.Ordinal);
            Assert.Contains("id=\"condition-prefecture\" name=\"condition\" placeholder=\"2026\" value=\"2020\"", page, StringComparison.Ordinal);

            var download = await statistician.PostFormWithTokenFromAsync("/Statistics?handler=Download", page, new() { ["kind"] = "payments", ["condition"] = "2020-06", ["format"] = "xlsx" });
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
            var bytes = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal((byte)'P', bytes[0]); // a ZIP package
            var bad = await statistician.PostFormWithTokenFromAsync("/Statistics?handler=Download", page, new() { ["kind"] = "payments", ["condition"] = "2020/06", ["format"] = "xlsx" });
            Assert.Contains("帳票の条件", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var payer = await StaffSession.LoginAsync(app, Payer))
        {
            var denied = await payer.Client.GetAsync("/Statistics");
            Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(BrowserJourneyTests.ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var consoleErrors = new List<string>();
        var browserPage = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, Statistician, consoleErrors);
        await browserPage.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "統計" }).ClickAsync();
        await Assertions.Expect(browserPage.GetByRole(AriaRole.Heading, new() { Name = "統計", Exact = true })).ToBeVisibleAsync();
        await browserPage.GotoAsync(new Uri(app.BaseAddress, "/Statistics?month=2020-12&asOf=2020-12-01").ToString());
        await Assertions.Expect(browserPage.Locator("#chart-subsidy rect.bar")).ToHaveCountAsync(24);
        await browserPage.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ArtifactsDirectory, "90-statistics-dashboard.png"), FullPage = true });
        Assert.Empty(consoleErrors);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Approved runs of 2020-01 … 2020-12 with two paid claims each: 500 × month and 100 × month 円. The months lie before
    /// every other test's payment month: the web app's database is shared, and an approved later month refuses a preparation.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var db = app.OpenDb();
        if (db.PaymentRuns.Any(r => r.ProcessingMonth == 202001))
        {
            return;
        }

        for (var month = 1; month <= 12; month++)
        {
            var key = 202000 + month;
            var run = new PaymentRun
            {
                ProcessingMonth = key,
                PayDate = new DateOnly(2020, month, 20),
                Status = PaymentRunStatus.Approved,
                Preparation = 1,
                PreparedBy = "shiharai1",
                PreparedAt = DateTimeOffset.UnixEpoch,
                ApprovedBy = "kessai1",
                ApprovedAt = DateTimeOffset.UnixEpoch,
            };
            db.PaymentRuns.Add(run);
            await db.SaveChangesAsync();
            foreach (var amount in new long[] { 500L * month, 100L * month })
            {
                var claim = new MedicalClaim
                {
                    Source = MedicalClaimSource.Autopay,
                    ProcessingMonth = key,
                    ServiceMonth = key - 1 == 202000 ? 201912 : key - 1,
                    ProviderCode = "0100102",
                    PrefectureCode = "29",
                    Schedule = MedicalClaimSchedule.Medical,
                    MatchStatus = MedicalClaimMatchStatus.Matched,
                    ImportedAt = DateTimeOffset.UnixEpoch,
                };
                db.MedicalClaims.Add(claim);
                await db.SaveChangesAsync();
                var line = new PaymentLine
                {
                    PaymentRunId = run.Id,
                    Preparation = 1,
                    MedicalClaimId = claim.Id,
                    ClaimProcessingMonth = key,
                    ServiceMonth = claim.ServiceMonth,
                    ProviderCode = claim.ProviderCode,
                    Kind = ClaimKind.MedicalOutpatient,
                    Subsidy = amount,
                };
                db.PaymentLines.Add(line);
                await db.SaveChangesAsync();
                db.PaidClaims.Add(new PaidClaim { MedicalClaimId = claim.Id, PaymentRunId = run.Id, PaymentLineId = line.Id });
                await db.SaveChangesAsync();
            }
        }
    }
}
