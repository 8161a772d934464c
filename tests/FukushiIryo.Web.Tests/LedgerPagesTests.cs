using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>記載事項変更, 資格消滅 and the 喪失通知書 over HTTP: validation beside the fields, stale forms, 403s, the household preview.</summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class LedgerPagesTests(WebAppFixture app)
{
    [Fact]
    public async Task An_impossible_date_is_refused_beside_its_field_a_change_is_saved_and_a_stale_form_is_refused()
    {
        var (mother, _, _) = await SeedHouseholdAsync("0009");
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var page = await staff.Client.GetStringAsync($"/Persons/{mother}/Change/Address");
        var version = VersionIn(page);
        var bad = await staff.PostFormWithTokenFromAsync($"/Persons/{mother}/Change/Address", page, new()
        {
            ["Input.Version"] = version, ["Input.Kind"] = "Change", ["Input.ReportedOn"] = "2026-02-30",
            ["Input.PostalCode"] = "63085", ["Input.Address"] = "奈良県奈良市二条大路南一丁目1番1号",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"e-ReportedOn\" role=\"alert\">届出日が正しくありません", html, StringComparison.Ordinal);

        var wrongPostal = await staff.PostFormWithTokenFromAsync($"/Persons/{mother}/Change/Address", page, new()
        {
            ["Input.Version"] = version, ["Input.Kind"] = "Change", ["Input.ReportedOn"] = "2026-06-10",
            ["Input.PostalCode"] = "63085", ["Input.Address"] = "奈良県奈良市二条大路南一丁目1番1号",
        });
        Assert.Contains("id=\"e-PostalCode\" role=\"alert\">郵便番号は7桁の数字で入力してください", await wrongPostal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.PersonRecords.CountAsync(r => r.PersonId == mother));
        }

        var saved = await staff.PostFormWithTokenFromAsync($"/Persons/{mother}/Change/Address", page, new()
        {
            ["Input.Version"] = version, ["Input.Kind"] = "Change", ["Input.ReportedOn"] = "2026-06-10", ["Input.EffectiveOn"] = "令和8年6月1日",
            ["Input.PostalCode"] = "630-8580", ["Input.Address"] = "奈良県奈良市二条大路南一丁目1番1号",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/Persons/{mother}?asOf=2026-06-01", saved.Headers.Location!.OriginalString);

        var stale = await staff.PostFormWithTokenFromAsync($"/Persons/{mother}/Change/Address", page, new()
        {
            ["Input.Version"] = version, ["Input.Kind"] = "Correction", ["Input.ReportedOn"] = "2026-06-10", ["Input.EffectiveOn"] = "2026-06-01",
            ["Input.PostalCode"] = "6308580", ["Input.Address"] = "奈良県奈良市二条大路南一丁目1番2号",
        });
        Assert.Contains("他の職員が更新しました", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = app.OpenDb();
        Assert.Equal("奈良県奈良市二条大路南一丁目1番1号", (await new PersonLedger(check, TimeProvider.System).AsOfAsync(mother, new DateOnly(2026, 6, 1)))!.Address);
    }

    [Theory]
    [InlineData("/Persons/{0}/Change/Address")]
    [InlineData("/Losses/Recipient/{1}")]
    [InlineData("/Losses")]
    [InlineData("/Persons/{0}/Memo")]
    public async Task A_statistician_is_refused_the_pages(string template)
    {
        var (mother, parent, _) = await SeedHouseholdAsync("0008");
        using var staff = await StaffSession.LoginAsync(app, "toukei1");
        var response = await staff.Client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, mother, parent));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mothers_marriage_is_previewed_for_the_household_confirmed_and_its_notice_printed()
    {
        var (_, parent, child) = await SeedHouseholdAsync("0007");
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        var page = await staff.Client.GetStringAsync($"/Losses/Recipient/{parent}");
        var preview = await staff.PostFormWithTokenFromAsync($"/Losses/Recipient/{parent}?handler=Preview", page, new() { ["Cause"] = "Marriage", ["EventDate"] = "2026-06-15" });
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("次の受給者の資格が喪失します", html, StringComparison.Ordinal);
        Assert.Equal(2, ShownPattern().Count(html));

        var fields = new Dictionary<string, string> { ["Cause"] = "Marriage", ["EventDate"] = "2026-06-15" };
        var shown = ShownPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var form = new List<KeyValuePair<string, string>>(fields) { new("Shown", shown[0]), new("Shown", shown[1]) };
        var token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        form.Add(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(form);
        var confirmed = await staff.Client.PostAsync($"/Losses/Recipient/{parent}?handler=Confirm", content);
        Assert.Contains("資格の喪失を記録しました", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            foreach (var id in new[] { parent, child })
            {
                var last = await db.EligibilityRecords.AsNoTracking().Where(e => e.RecipientId == id).Current().OrderByDescending(e => e.ValidFrom).FirstAsync();
                Assert.Equal((EligibilityStatus.Lost, (DateOnly?)new DateOnly(2026, 6, 15)), (last.Status, last.LostOn));
            }
        }

        var pdf = await staff.Client.GetAsync($"/Losses/Notice/{child}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        Assert.Equal("no-store", pdf.Headers.CacheControl!.ToString());
    }

    private async Task<(long Mother, long ParentRecipient, long ChildRecipient)> SeedHouseholdAsync(string prefix)
    {
        await using var db = app.OpenDb();
        var atena = prefix + "01";
        if (await db.Persons.AnyAsync(p => p.AtenaNumber == atena))
        {
            var m = await db.Persons.SingleAsync(p => p.AtenaNumber == atena);
            var start = "9" + prefix[2..];
            var rs = await db.Recipients.Where(r => r.RecipientNumber.StartsWith(start)).OrderBy(r => r.Kind).ToListAsync();
            return (m.Id, rs[0].Id, rs[1].Id);
        }

        var now = DateTimeOffset.UtcNow;
        var ledger = new PersonLedger(db, TimeProvider.System);
        var household = new WelfareHousehold { CreatedAt = now, Version = 1 };
        db.Households.Add(household);
        await db.SaveChangesAsync();
        long? parentId = null;
        var ids = new List<(long Person, long Recipient)>();
        foreach (var (suffix, name, birth, kind) in new[] { ("01", "生駒 春子", new DateOnly(1990, 5, 20), RecipientKind.Parent), ("02", "生駒 夏男", new DateOnly(2015, 4, 2), RecipientKind.Child) })
        {
            var person = await ledger.RegisterAsync(prefix + suffix, new PersonRecord
            {
                Name = name, NameKana = "イコマ", NameKanaKey = "イコマ", BirthDate = birth, Sex = Sex.Female, ResidencyStatus = ResidencyStatus.Registered,
                PostalCode = "6308501", Address = "奈良県奈良市登大路町30番地",
            }, birth, "admin");
            var recipient = new Recipient { PersonId = person.Id, RecipientNumber = "9" + prefix[2..] + suffix + "00", Kind = kind, ParentRecipientId = parentId, HouseholdId = household.Id, CreatedAt = now, Version = 1 };
            db.Recipients.Add(recipient);
            await db.SaveChangesAsync();
            parentId ??= recipient.Id;
            History.PlanStart(new EligibilityRecord { RecipientId = recipient.Id, Status = EligibilityStatus.Active, ApplicationKind = ApplicationKind.New, AcquiredOn = new DateOnly(2025, 8, 1) }, new DateOnly(2025, 8, 1), now, "admin").ApplyTo(db, now);
            History.PlanStart(new HouseholdMember { HouseholdId = household.Id, PersonId = person.Id, RelationshipToRecipient = kind == RecipientKind.Parent ? "本人" : "子" }, new DateOnly(2025, 8, 1), now, "admin").ApplyTo(db, now);
            await db.SaveChangesAsync();
            ids.Add((person.Id, recipient.Id));
        }

        return (ids[0].Person, ids[0].Recipient, ids[1].Recipient);
    }

    private static string VersionIn(string page) => VersionPattern().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("name=\"Shown\" value=\"(\\d+:\\d+)\"")]
    private static partial Regex ShownPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
