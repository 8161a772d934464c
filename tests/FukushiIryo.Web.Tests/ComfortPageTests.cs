using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.Security;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// Daily comfort (issue 17 item 3, ADR 0038) over HTTP: 和暦 in every kind of date field (a DateOnly page
/// property through the shared binder, a text field read by FormDates, a GET filter), the message beside the
/// field, no <c>type="date"</c> left; 郵便番号 → 住所 and 金融機関・店舗コード → names from the reference masters;
/// the unsaved-changes script on the data-entry forms.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class ComfortPageTests(WebAppFixture app)
{
    private static readonly string Payer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Payer)}";
    private static readonly string Counter = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Counter)}";
    private static readonly string Statistician = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Statistician)}";

    [Fact]
    public async Task A_DateOnly_property_reads_wareki_and_says_beside_the_field_what_is_wrong()
    {
        using var payer = await StaffSession.LoginAsync(app, Payer);
        var page = await payer.Client.GetStringAsync("/Payments/Recoveries");
        Assert.DoesNotContain("type=\"date\"", page, StringComparison.Ordinal);
        Assert.Contains("data-date-field=\"true\"", page, StringComparison.Ordinal);

        // 令和8年8月1日 is 2026-08-01: the 出納 list is made for that day (its file name says so).
        foreach (var typed in new[] { "令和8年8月1日", "R8.8.1", "2026/8/1", "2026-08-01" })
        {
            var ledger = await payer.PostFormWithTokenFromAsync("/Payments/Recoveries?handler=Ledger", page, new() { ["AsOf"] = typed });
            Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
            Assert.Equal("recoveries-20260801.csv", ledger.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        }

        // 2月30日 does not exist: the page comes back with the message beside 基準日 and what was typed kept.
        var bad = await payer.PostFormWithTokenFromAsync("/Payments/Recoveries?handler=Ledger", page, new() { ["AsOf"] = "R8.2.30" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Matches("<span class=\"field-error\" id=\"AsOf-error\" role=\"alert\">基準日が正しくありません（[^<]+）。</span>", html);
        Assert.Contains("value=\"R8.2.30\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"AsOf-error\"", html, StringComparison.Ordinal);

        var corrections = await payer.Client.GetStringAsync("/Payments/Corrections");
        var wrong = await payer.PostFormWithTokenFromAsync("/Payments/Corrections?handler=Preview", corrections, new() { ["ClaimId"] = "1", ["DecidedOn"] = "令和8年13月1日" });
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("id=\"DecidedOn-error\" role=\"alert\">決定日が正しくありません", wrongHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("レセプトIDと決定日を入力してください。", wrongHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_date_field_and_a_get_filter_read_wareki_too()
    {
        using (var counter = await StaffSession.LoginAsync(app, Counter))
        {
            var page = await counter.Client.GetStringAsync("/Renewals/Returns");
            // The 受付日 is read (和暦), so the next check is the 受給者番号's.
            var accepted = await counter.PostFormWithTokenFromAsync("/Renewals/Returns", page, new() { ["ReturnedOn"] = "R8.8.3", ["RecipientNumber"] = "12" });
            var acceptedHtml = await accepted.Content.ReadAsStringAsync();
            Assert.Contains("受給者番号は7桁の数字です: 12", acceptedHtml, StringComparison.Ordinal);
            Assert.DoesNotContain("受付日が正しくありません", acceptedHtml, StringComparison.Ordinal);
            var refused = await counter.PostFormWithTokenFromAsync("/Renewals/Returns", page, new() { ["ReturnedOn"] = "8/3", ["RecipientNumber"] = "1000017" });
            Assert.Contains("受付日が正しくありません", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var statistician = await StaffSession.LoginAsync(app, Statistician);
        var statistics = await statistician.Client.GetStringAsync("/Statistics?asOf=" + Uri.EscapeDataString("令和8年10月1日"));
        Assert.Contains("id=\"asOf\" name=\"asOf\" value=\"2026-10-01\"", statistics, StringComparison.Ordinal);
        var unreadable = await statistician.Client.GetStringAsync("/Statistics?asOf=R8.10.32");
        Assert.Contains("受給者数の基準日が正しくありません", unreadable, StringComparison.Ordinal);
    }

    [Fact]
    public void No_page_asks_for_a_date_with_type_date_which_refuses_wareki()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "FukushiIryo.Web", "Pages");
        var offenders = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .Where(file => DateInputPattern().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(pages, file)).ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("630-8580", "奈良県奈良市二条大路南１丁目１－１")] // 大口事業所 (奈良市役所)
    [InlineData("6308114", "奈良県奈良市芝辻町")]
    [InlineData("６３０－０１０１", "奈良県生駒市高山町")]
    public async Task A_postal_code_brings_its_address_to_fill_in(string typed, string address)
    {
        using var counter = await StaffSession.LoginAsync(app, Counter);
        var html = await counter.Client.GetStringAsync("/Lookup?handler=Postal&field=PostalCode&fill=nr-address&PostalCode=" + Uri.EscapeDataString(typed));
        Assert.Contains($"data-fill-for=\"nr-address\" data-fill-value=\"{address}\" data-fill-auto", html, StringComparison.Ordinal);
        Assert.Contains("data-lookup=\"found\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("630-9999", "郵便番号 6309999 は郵便番号データ（KEN_ALL・大口事業所）にありません。住所を直接入力してください。")]
    [InlineData("63085", "郵便番号は7桁の数字で入力してください（ハイフンは省略できます）。")]
    public async Task An_unknown_postal_code_is_said_beside_the_field(string typed, string message)
    {
        using var counter = await StaffSession.LoginAsync(app, Counter);
        var html = await counter.Client.GetStringAsync("/Lookup?handler=Postal&field=Input.PostalCode&fill=f-Address&Input.PostalCode=" + Uri.EscapeDataString(typed));
        Assert.Contains($"<span class=\"field-error\" data-lookup=\"problem\">{message}</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-fill-for", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postal_code_of_several_towns_offers_each_to_choose()
    {
        using var counter = await StaffSession.LoginAsync(app, Counter);
        var html = await counter.Client.GetStringAsync("/Lookup?handler=Postal&field=PostalCode&fill=nr-address&PostalCode=6300000");
        Assert.Contains("この郵便番号の町域は 2 件あります。選んでください。", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"button\" class=\"link\" data-fill-for=\"nr-address\" data-fill-value=\"奈良県奈良市\">奈良県奈良市</button>", html, StringComparison.Ordinal);
        Assert.Contains("data-fill-value=\"奈良県山辺郡山添村\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-fill-auto", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0162", "010", "found\">南都 本店営業部</span>")]
    [InlineData("0162", "", "found\">南都</span>")]
    [InlineData("0162", "998", "problem\">店舗コード 998 は金融機関 0162（南都）の店舗として金融機関マスタにありません。</span>")]
    [InlineData("9998", "001", "problem\">金融機関コード 9998 は金融機関マスタにありません。</span>")]
    [InlineData("162", "001", "problem\">金融機関コードは4桁の数字で入力してください。</span>")]
    public async Task Bank_and_branch_codes_bring_their_names_or_a_message(string bank, string branch, string expected)
    {
        using var counter = await StaffSession.LoginAsync(app, Counter);
        var html = await counter.Client.GetStringAsync($"/Lookup?handler=Bank&bankField=Input.BankCode&branchField=Input.BranchCode&Input.BankCode={bank}&Input.BranchCode={branch}");
        Assert.Contains("data-lookup=\"" + expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_forms_where_an_address_or_an_account_is_typed_ask_for_the_lookups_and_warn_of_unsaved_changes()
    {
        using var counter = await StaffSession.LoginAsync(app, Counter);
        var nonResident = await counter.Client.GetStringAsync("/Persons/NonResident");
        Assert.Contains("hx-get=\"/Lookup?handler=Postal&amp;field=PostalCode&amp;fill=nr-address\"", nonResident, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" class=\"nonresident\" data-unsaved-warning>", nonResident, StringComparison.Ordinal);
        Assert.Contains("src=\"/js/unsaved-warning.js?v=", nonResident, StringComparison.Ordinal);
        Assert.Contains("src=\"/js/autofill.js?v=", nonResident, StringComparison.Ordinal);
        var application = await counter.Client.GetStringAsync("/Applications/New");
        Assert.Contains("hx-get=\"/Lookup?handler=Bank&amp;bankField=Input.BankCode&amp;branchField=Input.BranchCode\"", application, StringComparison.Ordinal);
        Assert.Contains("data-unsaved-warning", application, StringComparison.Ordinal);

        var script = await counter.Client.GetStringAsync("/js/unsaved-warning.js");
        Assert.Contains("beforeunload", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_cp932_cannot_hold_is_shown_in_the_page_and_in_a_pdf_as_stored()
    {
        long id;
        await using (var db = app.OpenDb())
        {
            id = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Persons.Where(p => p.AtenaNumber == "000103").Select(p => p.Id));
        }

        using var counter = await StaffSession.LoginAsync(app, "madoguchi1");
        // U+20BB7 as stored (HTML carries a character outside the BMP as &#x20BB7;, which the browser shows as 𠮷).
        Assert.Contains("𠮷乃", WebUtility.HtmlDecode(await counter.Client.GetStringAsync($"/Persons/{id}")), StringComparison.Ordinal);
        var page = await counter.Client.GetStringAsync($"/Persons/{id}/Disclosure");
        var pdf = await counter.PostFormWithTokenFromAsync($"/Persons/{id}/Disclosure", page, new()
        {
            ["Purpose"] = "本人からの開示請求（窓口）",
            ["Password"] = WebAppFixture.Password,
            ["Code"] = StaffSession.CodeFor(app, "madoguchi1"),
        });
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var file = Path.Combine(Path.GetTempPath(), $"fukushi-cp932-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(file, await pdf.Content.ReadAsByteArrayAsync());
            var text = EligibilityBrowserJourneyTests.PdfText(file);
            Assert.Contains("𠮷乃", text, StringComparison.Ordinal);
            Assert.DoesNotContain("〓", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FukushiIryo.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("the repository root is not found");
    }

    [GeneratedRegex("type=\"(date|datetime-local|month)\"")]
    private static partial Regex DateInputPattern();
}
