extern alias cli;

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Income;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using CliEnvironment = cli::FukushiIryo.Cli.CliEnvironment;
using FukushiCli = cli::FukushiIryo.Cli.FukushiCli;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The 所得判定 screen (issue 8 §2): a counter clerk runs the determination for a 課税年度 and sees
/// the computation line by line — exactly the lines <c>fukushi income determine --json</c> gives for
/// the same person and year —, the result and the history; a role without <c>income.determine</c>
/// is refused (403) and audited; every view is audited.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class IncomePageTests(WebAppFixture app)
{
    [Fact]
    public async Task The_screen_shows_exactly_the_steps_of_the_cli_for_the_same_person_and_year()
    {
        var (id, taxYear) = await MotherWithTaxAsync();
        long declared;
        await using (var before = app.OpenDb())
        {
            // Another test may have recorded a 養育費 申告 for this year: 80% of it is income.
            declared = (await ChildSupportDeclarations.FindDeclaredAsync(before, id, taxYear)) is { } d ? d.ReceivedByChild + d.ReceivedByRecipient : 0;
        }

        var expected = 1_840_000 + (declared * 80 / 100);
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var form = await staff.Client.GetAsync($"/Persons/{id}/Income");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("no-store", form.Headers.CacheControl?.ToString());
        var formHtml = await form.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"tax-year\">課税年度</label>", formHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", formHtml, StringComparison.Ordinal); // CSP: no inline script

        var posted = await staff.PostFormWithTokenFromAsync($"/Persons/{id}/Income", formHtml, new() { ["TaxYear"] = taxYear.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.Matches(@"^/Persons/\d+/Income\?determination=\d+&done=true#result$", location);

        var page = await staff.Client.GetStringAsync(location);
        Assert.Contains($"{taxYear} 年度課税の所得判定を行い、記録しました。", page, StringComparison.Ordinal);
        var screen = StepsOnScreen(page);

        // The same person and year through the CLI, with the same clock (so the same 基準日).
        var json = await RunCliAsync("income", "determine", "--atena", "000101", "--year", taxYear.ToString(CultureInfo.InvariantCulture), "--json", "--user", "madoguchi1");
        using var document = JsonDocument.Parse(json);
        var cliSteps = document.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("項目").GetString()!, s.GetProperty("金額").ValueKind == JsonValueKind.Null ? (long?)null : s.GetProperty("金額").GetInt64()))
            .ToList();
        Assert.True(cliSteps.Count > 10, "the CLI gives the whole computation");
        Assert.Equal(cliSteps, screen);

        // The figures the steps lead to: 給与所得 2,020,000 (+ 養育費 × 80%) − 所得金額調整 100,000 − 80,000.
        Assert.Contains(("社会保険料相当額（一律）", (long?)-80_000), screen);
        Assert.Contains(("＝ 所得額（所得の合計 − 控除の合計）", (long?)expected), screen);
        Assert.Contains($"<dt>所得額</dt><dd>{expected:#,0}円</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>所得基準</dt><dd><strong>該当</strong></dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>県市区分</dt><dd><strong>県</strong></dd>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"amount\">−80,000円</td>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">項目</th><th scope=\"col\" class=\"amount\">金額</th>", page, StringComparison.Ordinal);

        await using var db = app.OpenDb();
        var determinationId = long.Parse(DeterminationPattern().Match(location).Groups[1].Value, CultureInfo.InvariantCulture);
        var stored = await db.IncomeDeterminations.SingleAsync(d => d.Id == determinationId);
        Assert.Equal(("madoguchi1", taxYear, expected), (stored.DeterminedBy, stored.TaxYear, stored.Income!.Value));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.IncomeDetermined && e.Actor == "madoguchi1" && e.SubjectId == "000101"));
        var views = await db.AuditEvents.Where(e => e.EventType == AuditEventType.PersonViewed && e.Actor == "madoguchi1" && e.SubjectId == "000101").Select(e => e.Details).ToListAsync();
        Assert.Contains(views, details => details.Contains("\"screen\":\"所得判定\"", StringComparison.Ordinal)
            && details.Contains($"\"determination\":{determinationId}", StringComparison.Ordinal));

        // The history lists both determinations (the screen's and the CLI's), the latest first.
        var history = await staff.Client.GetStringAsync($"/Persons/{id}/Income");
        Assert.Equal(2, HistoryRowPattern().Matches(history).Count(m => m.Groups[1].Value == "madoguchi1"));
    }

    [Fact]
    public async Task A_year_without_tax_data_is_refused_and_nothing_is_stored()
    {
        var (id, _) = await MotherWithTaxAsync();
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var form = await staff.Client.GetStringAsync($"/Persons/{id}/Income");
        await using var before = app.OpenDb();
        var count = await before.IncomeDeterminations.CountAsync();

        var response = await staff.PostFormWithTokenFromAsync($"/Persons/{id}/Income", form, new() { ["TaxYear"] = "2019" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("2019年度課税の地方税関係情報がないため判定できません。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.Equal(count, await db.IncomeDeterminations.CountAsync());
    }

    [Fact]
    public async Task A_role_without_the_permission_gets_403_and_its_post_determines_nothing()
    {
        var (id, taxYear) = await MotherWithTaxAsync();
        var payer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Payer)}";
        Assert.False(Permissions.Allows(Permissions.IncomeDetermine, [RoleNames.Payer]));
        Assert.True(Permissions.Allows(Permissions.PersonView, [RoleNames.Payer]));
        using var staff = await StaffSession.LoginAsync(app, payer);
        int deniedBefore;
        await using (var before = app.OpenDb())
        {
            deniedBefore = await before.AuditEvents.CountAsync(e => e.EventType == AuditEventType.AccessDenied && e.Actor == payer && e.SubjectId == $"/Persons/{id}/Income");
        }

        var person = await staff.Client.GetStringAsync($"/Persons/{id}");
        Assert.DoesNotContain($"/Persons/{id}/Income", person, StringComparison.Ordinal); // no link for this role

        var get = await staff.Client.GetAsync($"/Persons/{id}/Income");
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync(get.Headers.Location)).StatusCode);

        var post = await staff.PostFormWithTokenFromAsync($"/Persons/{id}/Income", person, new() { ["TaxYear"] = taxYear.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        await using var db = app.OpenDb();
        Assert.False(await db.IncomeDeterminations.AnyAsync(d => d.DeterminedBy == payer));
        Assert.Equal(deniedBefore + 2, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.AccessDenied && e.Actor == payer && e.SubjectId == $"/Persons/{id}/Income"));
    }

    /// <summary>The mother of the fixture (000101) with a declared tax row for the 課税年度 in use today, added once.</summary>
    private async Task<(long Id, int TaxYear)> MotherWithTaxAsync()
    {
        var taxYear = IncomeYear.ForDate(JstClock.Today(app.Clock)).TaxYear;
        await using var db = app.OpenDb();
        var id = (await db.Persons.SingleAsync(p => p.AtenaNumber == "000101")).Id;
        if (await db.TaxRecords.FindCurrentAsync(id, taxYear) is null)
        {
            // 給与収入 3,000,000 (給与所得 2,020,000), two children under 16.
            await db.RecordAsync(new TaxRecord
            {
                PersonId = id, TaxYear = taxYear, SalaryReceipts = 3_000_000, AggregateIncome = 2_020_000, AggregateIncomeWithSeparate = 2_020_000,
                MinorDependants = 2, PerCapitaMunicipalTax = 3_000, PerCapitaPrefecturalTax = 1_500,
            }, DateTimeOffset.UtcNow, "import:tax.csv");
        }

        return (id, taxYear);
    }

    /// <summary>Runs fukushi in-process on the fixture's database with the app's clock; returns standard output.</summary>
    private async Task<string> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var anchors = Path.Combine(Path.GetTempPath(), "fukushi-web-cli-" + Guid.NewGuid().ToString("N")[..12] + ".log");
        var environment = new CliEnvironment
        {
            In = new StringReader(string.Empty),
            Out = output,
            Error = error,
            Clock = app.Clock,
            Variable = name => name == "FUKUSHI_AUDIT_ANCHORS" ? anchors : null,
        };
        var exitCode = await FukushiCli.RunAsync([.. args, "--db", "sqlite:" + app.DatabasePath], environment);
        File.Delete(anchors);
        Assert.True(exitCode == 0, error.ToString());
        return output.ToString();
    }

    /// <summary>The rows of the steps table as (項目, 金額): "−80,000円" is −80,000, an empty cell null.</summary>
    private static List<(string, long?)> StepsOnScreen(string page)
    {
        var table = StepsTablePattern().Match(page);
        Assert.True(table.Success, "the page has the table of steps");
        return [.. StepRowPattern().Matches(table.Groups[1].Value).Select(m =>
        {
            var item = WebUtility.HtmlDecode(m.Groups[1].Value);
            var amount = WebUtility.HtmlDecode(m.Groups[2].Value);
            long? value = amount.Length == 0 ? null
                : long.Parse(amount.Replace("−", "-", StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).TrimEnd('円'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return (item, value);
        })];
    }

    [GeneratedRegex("<table class=\"grid income-steps\"[^>]*>.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex StepsTablePattern();

    [GeneratedRegex("<tr class=\"[a-z]+\">\\s*<td>(.*?)</td>\\s*<td class=\"amount\">(.*?)</td>\\s*</tr>", RegexOptions.Singleline)]
    private static partial Regex StepRowPattern();

    [GeneratedRegex("determination=(\\d+)")]
    private static partial Regex DeterminationPattern();

    [GeneratedRegex("<tr class=\"(?:in-force)?\">\\s*<td>[^<]*</td>\\s*<td>([^<]*)</td>", RegexOptions.Singleline)]
    private static partial Regex HistoryRowPattern();
}
