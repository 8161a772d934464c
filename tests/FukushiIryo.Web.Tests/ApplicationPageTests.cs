using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using FukushiIryo.Web.Pages.Applications;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 新規申請 → 決定 over HTTP: bad input comes back beside its field with nothing saved; a counter
/// clerk enters, a 決裁 user decides after 再認証 and prints the 受給資格証; the clerk cannot decide.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class ApplicationPageTests(WebAppFixture app)
{
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";

    [Fact]
    public async Task An_impossible_date_and_an_unknown_person_get_messages_beside_their_fields_and_nothing_is_saved()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var fields = await ValidFormAsync();
        fields["Input.AppliedOn"] = "令和8年2月30日";
        fields["Input.Children[0].Atena"] = "999999";
        int before;
        await using (var db = app.OpenDb())
        {
            before = await db.Applications.CountAsync();
        }

        var response = await staff.PostFormAsync("/Applications/New", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("data-field=\"AppliedOn\">申請年月日が正しい日付ではありません", html);
        Assert.Contains("data-field=\"Children[0].Atena\">宛名番号 999999 の人は台帳にありません。", html, StringComparison.Ordinal);
        Assert.Contains("保存していません", html, StringComparison.Ordinal);
        await using var check = app.OpenDb();
        Assert.Equal(before, await check.Applications.CountAsync());
    }

    [Fact]
    public async Task A_clerk_enters_an_approver_decides_after_reauthentication_and_prints_the_certificate()
    {
        long id;
        using (var clerk = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            var response = await clerk.PostFormAsync("/Applications/New", await ValidFormAsync());
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            id = long.Parse(IdPattern().Match(location).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var page = await clerk.Client.GetStringAsync(location);
            Assert.Contains("で受け付けました。", page, StringComparison.Ordinal);
            Assert.DoesNotContain("決定（認定・却下）へ", page, StringComparison.Ordinal);

            // The clerk holds no 決裁: the decision page is refused.
            var refused = await clerk.Client.GetAsync($"/Applications/{id}/Decide");
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var approver = await StaffSession.LoginAsync(app, Approver);

        // The 再認証 comes before the decision form, so the approver decides once.
        var first = await approver.Client.GetAsync($"/Applications/{id}/Decide");
        Assert.StartsWith("/Account/Reauthenticate", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var passed = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, Approver), ["ReturnUrl"] = $"/Applications/{id}/Decide" });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(ApplicationStatus.Pending, (await db.Applications.SingleAsync(a => a.Id == id)).Status);
        }

        var decide = await approver.Client.GetStringAsync($"/Applications/{id}/Decide");
        var version = VersionPattern().Match(decide).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Version"] = version, ["Result"] = "Granted", ["Reason"] = "要件を満たす" };
        var decided = await approver.PostFormWithTokenFromAsync($"/Applications/{id}/Decide", decide, new(fields));
        Assert.Equal($"/Applications/{id}?decided=1", decided.Headers.Location!.OriginalString);

        var detail = await approver.Client.GetStringAsync(decided.Headers.Location);
        Assert.Contains("認定しました。", detail, StringComparison.Ordinal);
        await using var check = app.OpenDb();
        var application = await check.Applications.Include(a => a.Children).SingleAsync(a => a.Id == id);
        Assert.Equal((ApplicationStatus.Granted, Approver), (application.Status, application.DecidedBy));
        var childRecipient = application.Children.Single().RecipientId!.Value;
        Assert.True(await check.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.ApplicationGranted && e.Actor == Approver && e.SubjectId == application.ReceptionNumber));

        var print = await approver.PostFormWithTokenFromAsync("/Applications/Print?handler=Certificate", detail, new() { ["recipientId"] = childRecipient.ToString(System.Globalization.CultureInfo.InvariantCulture), ["applicationId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        Assert.Equal("application/pdf", print.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await print.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        await using var after = app.OpenDb();
        Assert.True(await after.CertificateIssues.AnyAsync(i => i.RecipientId == childRecipient && i.IssuedBy == Approver));

        // A second decision of the same page is refused: the application changed.
        var again = await approver.PostFormWithTokenFromAsync($"/Applications/{id}/Decide", decide, new(fields));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("他の職員が更新しました", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_lists_receptions_and_a_role_without_print_cannot_print_it()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var page = await staff.Client.GetStringAsync("/Applications/Register");
        Assert.Contains("<h1>受付簿</h1>", page, StringComparison.Ordinal);
        Assert.Contains("受付簿を印刷（PDF）", page, StringComparison.Ordinal);
        var pdf = await staff.PostFormWithTokenFromAsync("/Applications/Print?handler=Register", page, new() { ["from"] = "2026-01-01", ["to"] = "2026-12-31" });
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        var reviewer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Reviewer)}";
        using var other = await StaffSession.LoginAsync(app, reviewer);
        var view = await other.Client.GetStringAsync("/Applications/Register");
        Assert.DoesNotContain("受付簿を印刷（PDF）", view, StringComparison.Ordinal);
        var refused = await other.Client.PostAsync("/Applications/Print?handler=Register", new FormUrlEncodedContent(new Dictionary<string, string> { ["from"] = "2026-01-01" }));
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_who_is_already_an_active_recipient_is_refused_beside_the_field_and_nothing_is_saved()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var fields = await ValidFormAsync();
        fields["Input.ApplicantAtena"] = "000101"; // 奈良 花子: imported as an active 父母 recipient (受給者番号 of serial 101)
        fields["Input.Children[0].Atena"] = "000102"; // 奈良 一郎: an active 児童 recipient
        int before;
        await using (var db = app.OpenDb())
        {
            before = await db.Applications.CountAsync();
        }

        var response = await staff.PostFormAsync("/Applications/New", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var mother = FukushiIryo.Domain.Numbers.RecipientNumber.FromSerial(101).ToString();
        var son = FukushiIryo.Domain.Numbers.RecipientNumber.FromSerial(102).ToString();
        Assert.Matches($"data-field=\"ApplicantAtena\">宛名番号 000101 の人は令和[^<]*時点ですでに受給者です（受給者番号 {mother}）。新規申請は受け付けられません。", html);
        Assert.Matches($"data-field=\"Children\\[0\\].Atena\">宛名番号 000102 の人は令和[^<]*時点ですでに受給者です（受給者番号 {son}）。", html);
        Assert.Contains("保存していません", html, StringComparison.Ordinal);
        await using var check = app.OpenDb();
        Assert.Equal(before, await check.Applications.CountAsync());
    }

    public static TheoryData<string, string, string> BadFields() => new()
    {
        // An invalid number: the 検証番号 of a 国保 保険者番号 does not match.
        { "Input.InsurerNumber", "290016", "data-field=\"InsurerNumber\">保険者番号が正しくありません（国保は6桁、それ以外は8桁で、検証番号が合う番号）。" },
        // An impossible date.
        { "Input.ReasonArisenOn", "2024-02-30", "data-field=\"ReasonArisenOn\">事由発生年月日が正しい日付ではありません" },
        // A child over the age limit: 平城 翔, born 2007-04-01, 18歳到達年度末 令和7年3月31日.
        { "Input.Children[1].Atena", "000603", "data-field=\"Children[1].Atena\">平城 翔は18歳到達年度末（令和7年3月31日）を過ぎているため、対象児童になりません。" },
        // A row with a tick but no number.
        { "Input.Children[2].SeparateCustody", "true", "data-field=\"Children[2].Atena\">児童の宛名番号を入力してください（宛名検索で選べます）。" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_gets_its_message_beside_the_field_and_nothing_is_saved(string field, string value, string expected)
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var fields = await ValidFormAsync();
        for (var i = 1; i < NewModel.ChildRows; i++)
        {
            fields[$"Input.Children[{i}].Atena"] = string.Empty; // as a browser posts the empty rows
        }

        fields[field] = value;
        await AssertRefusedAsync(staff, fields, expected);
    }

    [Fact]
    public async Task An_unknown_bank_branch_gets_its_message_beside_the_branch_field_and_nothing_is_saved()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var fields = await ValidFormAsync();
        string unknown;
        await using (var db = app.OpenDb())
        {
            var bank = fields["Input.BankCode"];
            var branches = (await db.BankBranches.Where(b => b.BankCode == bank).Select(b => b.BranchCode).ToListAsync()).ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(branches); // the shipped bank master is loaded, so the branch is checked
            unknown = Enumerable.Range(0, 1000).Select(n => (999 - n).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).First(code => !branches.Contains(code));
        }

        fields["Input.BranchCode"] = unknown;
        await AssertRefusedAsync(staff, fields, $"data-field=\"BranchCode\">店舗コード {unknown} は金融機関 {fields["Input.BankCode"]}");
    }

    [Fact]
    public async Task Empty_child_rows_are_not_ticked_and_are_ignored_and_a_typed_number_echoes_the_name()
    {
        var fields = await ValidFormAsync();
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var form = await staff.Client.GetStringAsync("/Applications/New");
        Assert.DoesNotMatch("name=\"Input\\.Children\\[\\d\\]\\.[A-Za-z]+\" value=\"true\" checked", form);
        Assert.Contains("hx-get=\"/Applications/New?handler=Person\"", form, StringComparison.Ordinal);
        Assert.Contains("hx-params=\"Input.Children[3].Atena\"", form, StringComparison.Ordinal);

        // The echo: name and birth date of a registered person, a message for an unknown number.
        var known = await staff.Client.GetStringAsync("/Applications/New?handler=Person&Input.Children%5B1%5D.Atena=000702");
        Assert.Contains("佐保 葵（生年月日 平成28年5月5日（2016-05-05））", known, StringComparison.Ordinal);
        var unknown = await staff.Client.GetStringAsync("/Applications/New?handler=Person&Input.ApplicantAtena=999998");
        Assert.Contains("宛名番号 999998 の人は台帳にありません。", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", unknown, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.PersonViewed && e.Actor == "madoguchi1" && e.SubjectId == "000702" && e.Details.Contains("宛名番号の確認")));
        }

        // The three empty rows a browser posts (unticked boxes send their hidden false) are not children.
        fields["Input.ApplicantAtena"] = "000701";
        fields["Input.Children[0].Atena"] = "000702";
        fields["Input.AccountHolderKana"] = "ｻﾎ ﾋｶﾘ";
        for (var i = 1; i < 4; i++)
        {
            foreach (var box in new[] { "Insured", "RemoteArea", "SeparateCustody", "InChildWelfareFacility" })
            {
                fields[$"Input.Children[{i}].{box}"] = "false";
            }

            fields[$"Input.Children[{i}].Atena"] = string.Empty;
        }

        var response = await staff.PostFormAsync("/Applications/New", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = long.Parse(IdPattern().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await using var check = app.OpenDb();
        Assert.Single((await check.Applications.Include(a => a.Children).SingleAsync(a => a.Id == id)).Children);
    }

    [Fact]
    public async Task Other_programs_are_picked_per_person_a_public_assistance_applicant_is_refused_and_a_child_medical_child_is_accepted()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var form = await staff.Client.GetStringAsync("/Applications/New");
        Assert.Contains("<select id=\"applicant-programs\" name=\"Input.OtherPrograms\" multiple", form, StringComparison.Ordinal);
        Assert.Contains("<select name=\"Input.Children[0].OtherPrograms\" multiple", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"生活保護\">生活保護</option>", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"子ども医療\">子ども医療</option>", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"災害共済給付\">", form, StringComparison.Ordinal); // judged per receipt, not per person

        var fields = await ValidFormAsync();
        fields["Input.ApplicantAtena"] = "000701";
        fields["Input.Children[0].Atena"] = "000702";
        fields["Input.AccountHolderKana"] = "ｻﾎ ﾋｶﾘ";
        fields["Input.OtherPrograms"] = "生活保護";
        var refused = await staff.PostFormAsync("/Applications/New", fields);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var refusedPage = await staff.Client.GetStringAsync(refused.Headers.Location);
        Assert.Contains("佐保 光: 生活保護を受けているため対象外です。", refusedPage, StringComparison.Ordinal);
        Assert.Contains("<dt>他制度</dt><dd>生活保護</dd>", refusedPage, StringComparison.Ordinal);

        fields.Remove("Input.OtherPrograms");
        fields["Input.Children[0].OtherPrograms"] = "子ども医療";
        var accepted = await staff.PostFormAsync("/Applications/New", fields);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var acceptedPage = await staff.Client.GetStringAsync(accepted.Headers.Location);
        Assert.Contains("佐保 葵: ひとり親家庭等医療費助成が子ども医療より優先します。子ども医療の資格の終了を担当課へ連絡してください。", acceptedPage, StringComparison.Ordinal);
        Assert.Contains("他制度: 子ども医療", acceptedPage, StringComparison.Ordinal);
        var id = long.Parse(IdPattern().Match(accepted.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await using var check = app.OpenDb();
        var application = await check.Applications.Include(a => a.Children).SingleAsync(a => a.Id == id);
        Assert.Equal(("子ども医療", false), (application.Children.Single().OtherPrograms, application.PublicAssistance));
        Assert.DoesNotContain(application.Findings.Split('\n'), line => !line.StartsWith("要確認: ", StringComparison.Ordinal)); // no failure: eligible
    }

    private async Task AssertRefusedAsync(StaffSession staff, Dictionary<string, string> fields, string expected)
    {
        int before;
        await using (var db = app.OpenDb())
        {
            before = await db.Applications.CountAsync();
        }

        var response = await staff.PostFormAsync("/Applications/New", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("保存していません", html, StringComparison.Ordinal);
        await using var check = app.OpenDb();
        Assert.Equal(before, await check.Applications.CountAsync());
    }

    /// <summary>
    /// A household of the 住基 with no recipient yet (平城 京子 and her child), imported once into the
    /// shared database: the seeded 奈良 household is already on the ledger.
    /// </summary>
    private async Task SeedApplicantsAsync()
    {
        await using var db = app.OpenDb();
        if (await db.Persons.AnyAsync(p => p.AtenaNumber == "000601"))
        {
            return;
        }

        var residents = Path.Combine(Path.GetTempPath(), $"fukushi-applicants-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000601,0006,平城 京子,ヘイジョウ キョウコ,1987-09-09,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,2020-04-01,",
            "000602,0006,平城 遥,ヘイジョウ ハルカ,2014-04-01,2,子,6308501,奈良県奈良市登大路町30番地,1,,2020-04-01,",
            "000603,0006,平城 翔,ヘイジョウ ショウ,2007-04-01,1,子,6308501,奈良県奈良市登大路町30番地,1,,2020-04-01,",
            "000701,0007,佐保 光,サホ ヒカリ,1990-01-10,2,世帯主,6308501,奈良県奈良市登大路町31番地,1,,2020-04-01,",
            "000702,0007,佐保 葵,サホ アオイ,2016-05-05,2,子,6308501,奈良県奈良市登大路町31番地,1,,2020-04-01,") + "\n", new System.Text.UTF8Encoding(true));
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

    private async Task<Dictionary<string, string>> ValidFormAsync()
    {
        await SeedApplicantsAsync();
        await using var db = app.OpenDb();
        var branch = await db.BankBranches.Where(b => b.RemovedInEdition == null && b.BankCode != "9900").OrderBy(b => b.Id).FirstOrDefaultAsync();
        return new()
        {
            ["Input.AppliedOn"] = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(9).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ApplicantAtena"] = "000601",
            ["Input.ApplicantRole"] = "Parent",
            ["Input.SingleParentReason"] = "Divorce",
            ["Input.ReasonArisenOn"] = "2023-12-20",
            ["Input.InsuranceKind"] = "National",
            ["Input.InsurerNumber"] = "290015",
            ["Input.BankCode"] = branch?.BankCode ?? "0162",
            ["Input.BranchCode"] = branch?.BranchCode ?? "001",
            ["Input.AccountType"] = "Ordinary",
            ["Input.AccountNumber"] = "123456",
            ["Input.AccountHolderKana"] = "ﾍｲｼﾞｮｳ ｷｮｳｺ",
            ["Input.Children[0].Atena"] = "000602",
            ["Input.Children[0].Insured"] = "true",
        };
    }

    [GeneratedRegex("/Applications/(\\d+)")]
    private static partial Regex IdPattern();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
