using System.Net;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// Issue 17 item 2 (the intent of JIS X 8341-3 AA): axe-core (WCAG 2.0/2.1 A and AA rules) on every
/// Razor page of the app's route table, visited in a real browser by a user who may see it, with no
/// serious or critical violation; and on the error states of 新規申請 and 償還払い入力, whose messages
/// must be tied to their fields. Runs on its own web app (collection <see cref="AccessibilityDefinition"/>)
/// so that the records it seeds do not disturb the counts of the other web tests.
/// </summary>
[Collection(AccessibilityDefinition.Name)]
public sealed class AccessibilityTests(WebAppFixture app, ITestOutputHelper output)
{
    /// <summary>
    /// The address of each page whose route needs a value, by route pattern; {name} is replaced by a
    /// seeded record's id (<see cref="AccessibilityData.SeedAsync"/>). A page with neither a plain
    /// route nor an entry here fails the sweep, so a new page cannot be forgotten.
    /// </summary>
    private static readonly Dictionary<string, string> RouteValues = new(StringComparer.Ordinal)
    {
        ["Persons/{id:long}"] = "/Persons/{person}",
        ["Persons/{id:long}/ChildSupport"] = "/Persons/{person}/ChildSupport",
        ["Persons/{id:long}/Income"] = "/Persons/{person}/Income",
        ["Persons/{id:long}/Change/{item}"] = "/Persons/{person}/Change/Address",
        ["Persons/{id:long}/Household"] = "/Persons/{person}/Household",
        ["Persons/{id:long}/Memo"] = "/Persons/{person}/Memo",
        ["Persons/{id:long}/Inquiry"] = "/Persons/{person}/Inquiry",
        ["Persons/{id:long}/Disclosure"] = "/Persons/{person}/Disclosure",
        ["Applications/{id:long}"] = "/Applications/{application}",
        ["Applications/{id:long}/Decide"] = "/Applications/{application}/Decide",
        ["Losses/Candidate/{id:long}"] = "/Losses/Candidate/{candidate}",
        ["Losses/Recipient/{id:long}"] = "/Losses/Recipient/{recipient}",
        ["Losses/Notice/{id:long}"] = "/Losses/Notice/{recipient}",
        ["Masters/{table}"] = "/Masters/public-payers",
        ["Masters/{table}/{op}/{id:long?}"] = "/Masters/bank-holidays/add",
        ["DataUse/View/{id:long}"] = "/DataUse/View/999999", // the refusal (no such request) is the page's only state without an approved request
        ["Residents/Changes/{id:long}"] = "/Residents/Changes/{import}",
    };

    /// <summary>Pages that answer with a file (PDF) rather than HTML when visited: axe has nothing to check.</summary>
    private static readonly HashSet<string> FileDownloads = new(StringComparer.Ordinal) { "/Losses/Notice" };

    /// <summary>
    /// Endpoints that answer only htmx fragments (a plain visit is 404): axe checks them where they are
    /// swapped into a page (the 郵便番号 lookup: ComfortBrowserTests).
    /// </summary>
    private static readonly HashSet<string> FragmentsOnly = new(StringComparer.Ordinal) { "/Lookup" };

    /// <summary>A plain visit that would show less than the page's usual state: the address to use instead.</summary>
    private static readonly Dictionary<string, string> BetterVisits = new(StringComparer.Ordinal)
    {
        ["/Payments/Prepare"] = "/Payments/Prepare?month=2026-10",
        ["/Payments/Export"] = "/Payments/Export?month=2026-10",
        ["/Payments/Approve"] = "/Payments/Approve?month=2026-10",
        ["/Payments/InKind"] = "/Payments/InKind?month=2026-10",
        ["/Payments/InKindApprove"] = "/Payments/InKindApprove?month=2026-10",
    };

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_axe_violation()
    {
        var ids = await AccessibilityData.SeedAsync(app);
        var pages = PageVisits(app, ids);
        Assert.True(pages.Count >= 60, $"the route table lists {pages.Count} pages");

        await using var browser = await AccessibilityData.LaunchAsync();
        var sessions = new Dictionary<string, IPage>(StringComparer.Ordinal);
        var consoleErrors = new List<string>();
        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var visit in pages)
        {
            if (visit.Problem is not null)
            {
                failures.Add($"{visit.Page}: {visit.Problem}");
                continue;
            }

            if (FileDownloads.Contains(visit.Page) || FragmentsOnly.Contains(visit.Page))
            {
                continue;
            }

            if (!sessions.TryGetValue(visit.Login ?? "", out var page))
            {
                page = visit.Login is null
                    ? await (await browser.NewContextAsync(AccessibilityData.ContextOptions)).NewPageAsync()
                    : await EligibilityBrowserJourneyTests.LoginAsync(app, browser, visit.Login, consoleErrors);
                sessions[visit.Login ?? ""] = page;
            }

            var response = await page.GotoAsync(new Uri(app.BaseAddress, visit.Path!).ToString());
            if (page.Url.Contains("/Account/Reauthenticate", StringComparison.Ordinal) && !visit.Path!.StartsWith("/Account/Reauthenticate", StringComparison.Ordinal))
            {
                // 再認証 comes first on some pages: check that form too, pass it, and visit again.
                failures.AddRange(await AccessibilityData.SeriousViolationsAsync(page, $"{visit.Page} (再認証)"));
                await page.GetByLabel("パスワード").FillAsync(WebAppFixture.Password);
                await page.GetByLabel("確認コード（6桁）").FillAsync(StaffSession.CodeFor(app, visit.Login!));
                await page.GetByRole(AriaRole.Button, new() { Name = "確認して続ける" }).ClickAsync();
                response = await page.GotoAsync(new Uri(app.BaseAddress, visit.Path!).ToString());
            }

            var expected = visit.Path switch
            {
                "/DataUse/View/999999" => (int)HttpStatusCode.NotFound,
                "/Account/AccessDenied" => (int)HttpStatusCode.Forbidden,
                _ => (int)HttpStatusCode.OK,
            };
            var status = response?.Status ?? 0;
            if (expected != (int)HttpStatusCode.OK)
            {
                // The browser logs the expected 403/404 of the page itself as a console error.
                consoleErrors.RemoveAll(e => e.Contains($"Failed to load resource: the server responded with a status of {expected}", StringComparison.Ordinal));
            }

            if (status != expected)
            {
                failures.Add($"{visit.Page}: {visit.Path} answered {status} to {visit.Login ?? "an anonymous visitor"} (expected {expected}) at {page.Url}");
                continue;
            }

            failures.AddRange(await AccessibilityData.SeriousViolationsAsync(page, $"{visit.Page} ({visit.Path}, {visit.Login ?? "ログイン前"})", output));
            checkedPages++;
        }

        output.WriteLine($"axe: {checkedPages} pages checked");
        Assert.True(failures.Count == 0, "accessibility problems:\n" + string.Join("\n", failures));
        Assert.Empty(consoleErrors);
    }

    /// <summary>The check itself: what the pages had before issue 17 (an unlabelled checkbox, the grey of the disabled menu items) is reported.</summary>
    [Fact]
    public async Task The_check_reports_an_unlabelled_input_and_low_contrast_text()
    {
        await using var browser = await AccessibilityData.LaunchAsync();
        var page = await (await browser.NewContextAsync(AccessibilityData.ContextOptions)).NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/Account/Login").ToString());
        Assert.Empty(await AccessibilityData.SeriousViolationsAsync(page, "ログイン"));
        await page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              main.insertAdjacentHTML('beforeend', '<p><input type="checkbox" name="x"></p><p id="grey">資格管理</p>');
              const grey = document.getElementById('grey'); // styled through the CSSOM: the CSP refuses style attributes
              grey.style.color = '#9aa5b1';
              grey.style.background = '#ffffff';
            }
            """);
        var found = await AccessibilityData.SeriousViolationsAsync(page, "ログイン（壊したもの）", output);
        Assert.Contains(found, line => line.Contains("] label —", StringComparison.Ordinal) && line.Contains("name=\"x\"", StringComparison.Ordinal));
        Assert.Contains(found, line => line.Contains("] color-contrast —", StringComparison.Ordinal) && line.Contains("資格管理", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_new_application_form_posted_with_errors_ties_each_message_to_its_field()
    {
        await AccessibilityData.SeedAsync(app);
        await using var browser = await AccessibilityData.LaunchAsync();
        var page = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", []);
        await page.GotoAsync(new Uri(app.BaseAddress, "/Applications/New").ToString());
        await page.GetByLabel("申請年月日").FillAsync("令和8年13月40日");
        await page.GetByLabel("宛名番号", new() { Exact = true }).FillAsync("999998");
        await page.GetByLabel("児童1の宛名番号").FillAsync("999999");
        await page.GetByRole(AriaRole.Button, new() { Name = "受付（受付番号を付番）" }).ClickAsync();
        await Assertions.Expect(page.GetByText("保存していません")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ArtifactsDirectory, "a11y-new-application-errors.png"), FullPage = true });

        await AssertTiedAsync(page.GetByLabel("申請年月日"), "申請年月日が正しい日付ではありません");
        await AssertTiedAsync(page.GetByLabel("児童1の宛名番号"), "宛名番号 999999 の人は台帳にありません。");
        await Assertions.Expect(page.GetByLabel("申請理由")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(await AccessibilityData.SeriousViolationsAsync(page, "新規申請（エラー表示）", output));
    }

    [Fact]
    public async Task The_manual_claims_form_posted_with_errors_ties_each_message_to_its_field()
    {
        await using var browser = await AccessibilityData.LaunchAsync();
        var page = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", []);
        await page.GotoAsync(new Uri(app.BaseAddress, "/Claims/Manual").ToString());
        await page.GetByLabel("受給者番号").FillAsync(FukushiIryo.Domain.Numbers.RecipientNumber.FromSerial(101).ToString());
        await page.GetByLabel("医療機関コード（1行目）").FillAsync("0100102");
        await page.GetByLabel("診療年月（1行目）").FillAsync("R8.13");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して審査" }).ClickAsync();
        await Assertions.Expect(page.GetByText("保存していません")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ArtifactsDirectory, "a11y-manual-claims-errors.png"), FullPage = true });

        await AssertTiedAsync(page.GetByLabel("診療年月（1行目）"), "診療年月を読めません");
        await Assertions.Expect(page.GetByLabel("医療機関コード（1行目）")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(await AccessibilityData.SeriousViolationsAsync(page, "償還払い入力（エラー表示）", output));
    }

    /// <summary>Content that htmx swaps in is checked too: the 宛名検索 results as they appear while typing.</summary>
    [Fact]
    public async Task The_search_results_swapped_in_while_typing_have_no_serious_violation()
    {
        await using var browser = await AccessibilityData.LaunchAsync();
        var page = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", []);
        await page.GotoAsync(new Uri(app.BaseAddress, "/Persons").ToString());
        await page.GetByLabel("カナ氏名（前方一致）").PressSequentiallyAsync("ﾅﾗ", new() { Delay = 50 });
        await Assertions.Expect(page.Locator("#results").GetByRole(AriaRole.Link, new() { Name = "奈良 花子" })).ToBeVisibleAsync();
        Assert.Empty(await AccessibilityData.SeriousViolationsAsync(page, "宛名検索（結果）", output));
    }

    /// <summary>The field is marked invalid and its accessible description carries the message beside it.</summary>
    private static async Task AssertTiedAsync(ILocator field, string message)
    {
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(field).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(message)));
    }

    private sealed record Visit(string Page, string? Path, string? Login, string? Problem);

    /// <summary>Every Razor page of the route table once (by its view path), with the address to visit and who visits it.</summary>
    private static List<Visit> PageVisits(WebAppFixture app, IReadOnlyDictionary<string, long> ids)
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Descriptor: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(e => e.Descriptor is not null)
            .ToList();
        var visits = new List<Visit>();
        foreach (var group in endpoints.GroupBy(e => e.Descriptor!.ViewEnginePath, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var pageName = group.Key.EndsWith("/Index", StringComparison.Ordinal) && group.Key != "/Index" ? group.Key[..^"/Index".Length] : group.Key;
            var patterns = group.Select(e => e.Endpoint.RoutePattern).ToList();
            var plain = patterns.Where(p => p.Parameters.Count == 0).Select(p => "/" + p.RawText!.TrimStart('/')).OrderBy(p => p.Length).FirstOrDefault();
            var withValue = patterns.Select(p => p.RawText!.TrimStart('/')).FirstOrDefault(RouteValues.ContainsKey);
            var path = plain is not null ? BetterVisits.GetValueOrDefault(plain, plain) : withValue is not null ? Fill(RouteValues[withValue], ids) : null;
            var anonymous = group.Any(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null);
            var policies = group.SelectMany(e => e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()).Select(d => d.Policy).OfType<string>().Distinct().ToList();
            var login = anonymous ? null : LoginFor(policies);
            var problem = path is null ? $"needs a route value: add its pattern ({string.Join(", ", patterns.Select(p => p.RawText))}) to AccessibilityTests.RouteValues"
                : !anonymous && login is null ? $"no test account holds {string.Join(" + ", policies)}"
                : null;
            visits.Add(new Visit(pageName, path, login, problem));
        }

        return visits;
    }

    private static string Fill(string template, IReadOnlyDictionary<string, long> ids)
    {
        foreach (var (name, id) in ids)
        {
            template = template.Replace("{" + name + "}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }

    /// <summary>A 課長 (決裁) or the system administrator when they may see the page, else the first role that may, else the account without a role.</summary>
    private static string? LoginFor(IReadOnlyList<string> policies)
    {
        var roles = RoleNames.All.ToList();
        foreach (var role in new[] { RoleNames.Approver, RoleNames.SystemAdmin }.Concat(roles))
        {
            if (policies.All(p => Permissions.Allows(p, [role])))
            {
                return $"role{roles.IndexOf(role)}";
            }
        }

        return policies.All(Permissions.HeldByEveryAccount) ? "riyou1" : null;
    }
}

/// <summary>A web app of its own for the accessibility tests (they seed records the other web tests count).</summary>
[CollectionDefinition(Name)]
public sealed class AccessibilityDefinition : ICollectionFixture<WebAppFixture>
{
    public const string Name = "accessibility";
}

/// <summary>The records the accessibility tests visit, the browser, and axe with its readable report.</summary>
internal static class AccessibilityData
{
    /// <summary>WCAG 2.0 and 2.1, levels A and AA (the success criteria JIS X 8341-3:2016 AA takes over).</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static BrowserNewContextOptions ContextOptions => new() { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, AcceptDownloads = true };

    public static async Task<IBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(BrowserJourneyTests.ChromiumPath), "chromium is installed by ./test.sh (apt-get install chromium)");
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserJourneyTests.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>axe on the page as it is now; each serious or critical violation as one readable line per element.</summary>
    public static async Task<List<string>> SeriousViolationsAsync(IPage page, string where, ITestOutputHelper? output = null)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
            ResultTypes = [ResultType.Violations, ResultType.Incomplete],
        });
        var lines = new List<string>();
        foreach (var incomplete in result.Incomplete)
        {
            foreach (var node in incomplete.Nodes)
            {
                output?.WriteLine($"(incomplete) {where}: {incomplete.Id} — {node.Target} — {string.Join("; ", node.Any.Select(c => c.Message))}");
            }
        }

        foreach (var violation in result.Violations)
        {
            var serious = violation.Impact is "serious" or "critical";
            foreach (var node in violation.Nodes)
            {
                var line = $"{where}: [{violation.Impact}] {violation.Id} — {violation.Help} — {node.Target} — {node.Html}";
                if (serious)
                {
                    lines.Add(line);
                }
                else
                {
                    output?.WriteLine("(not failing) " + line);
                }
            }
        }

        return lines;
    }

    /// <summary>
    /// Once per web app: two households (000801–000802 for the sweep's application, 000901–000902
    /// for the keyboard journey), one pending application, one open 喪失候補. Returns the ids the
    /// route table needs by name.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> SeedAsync(WebAppFixture app)
    {
        await Gate.WaitAsync();
        try
        {
            await using (var db = app.OpenDb())
            {
                if (!await db.Persons.AnyAsync(p => p.AtenaNumber == "000801"))
                {
                    var residents = Path.Combine(Path.GetTempPath(), $"fukushi-a11y-{Guid.NewGuid():N}.csv");
                    await File.WriteAllTextAsync(residents, string.Join("\n",
                        "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
                        "000801,0008,飛鳥 明子,アスカ アキコ,1986-06-06,2,世帯主,6308501,奈良県奈良市登大路町32番地,1,,2020-04-01,",
                        "000802,0008,飛鳥 陽,アスカ ヨウ,2015-07-07,1,子,6308501,奈良県奈良市登大路町32番地,1,,2020-04-01,",
                        "000901,0009,斑鳩 真理,イカルガ マリ,1985-03-03,2,世帯主,6308501,奈良県奈良市登大路町33番地,1,,2020-04-01,",
                        "000902,0009,斑鳩 蒼,イカルガ アオ,2016-08-08,1,子,6308501,奈良県奈良市登大路町33番地,1,,2020-04-01,") + "\n", new UTF8Encoding(true));
                    try
                    {
                        var imported = await new FukushiIryo.App.Linkage.ResidentsImport(db, TimeProvider.System).RunAsync(new FukushiIryo.App.Importing.ImportRequest(residents, "admin", new DateOnly(2026, 11, 2), Migration: true));
                        Assert.Equal(FukushiIryo.App.Importing.ImportStatus.Imported, imported.Status);
                    }
                    finally
                    {
                        File.Delete(residents);
                    }
                }

                if (!await db.Applications.AnyAsync())
                {
                    var branch = await db.BankBranches.Where(b => b.RemovedInEdition == null && b.BankCode != "9900").OrderBy(b => b.Id).FirstAsync();
                    using var clerk = await StaffSession.LoginAsync(app, "madoguchi1");
                    var response = await clerk.PostFormAsync("/Applications/New", new()
                    {
                        ["Input.AppliedOn"] = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(9).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        ["Input.ApplicantAtena"] = "000801",
                        ["Input.ApplicantRole"] = "Parent",
                        ["Input.SingleParentReason"] = "Divorce",
                        ["Input.ReasonArisenOn"] = "2023-12-20",
                        ["Input.InsuranceKind"] = "National",
                        ["Input.InsurerNumber"] = "290015",
                        ["Input.BankCode"] = branch.BankCode,
                        ["Input.BranchCode"] = branch.BranchCode,
                        ["Input.AccountType"] = "Ordinary",
                        ["Input.AccountNumber"] = "123456",
                        ["Input.AccountHolderKana"] = "ｱｽｶ ｱｷｺ",
                        ["Input.Children[0].Atena"] = "000802",
                        ["Input.Children[0].Insured"] = "true",
                    });
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                }

                if (!await db.LossCandidates.AnyAsync())
                {
                    var son = await db.Recipients.OrderByDescending(r => r.Id).FirstAsync();
                    db.LossCandidates.Add(new LossCandidate
                    {
                        RecipientId = son.Id,
                        PersonId = son.PersonId,
                        Cause = "転出",
                        EventDate = new DateOnly(2026, 10, 31),
                        ImportedFileId = await db.ImportedFiles.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync(),
                        RaisedAt = app.Clock.GetUtcNow(),
                        Status = LossCandidateStatus.Open,
                    });
                    await db.SaveChangesAsync();
                }
            }

            await using var read = app.OpenDb();
            return new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["person"] = await read.Persons.Where(p => p.AtenaNumber == "000101").Select(p => p.Id).SingleAsync(),
                ["application"] = await read.Applications.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
                ["candidate"] = await read.LossCandidates.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
                ["recipient"] = await read.Recipients.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(),
                ["import"] = await read.ImportedFiles.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync(),
            };
        }
        finally
        {
            Gate.Release();
        }
    }
}
