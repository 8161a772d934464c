using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.Audit;
using FukushiIryo.App.People;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>住登外者の登録 (/Persons/NonResident) over HTTP: the 宛名 module issues the 宛名番号, the person is on the 台帳 as 住登外 and found by 宛名検索.</summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class NonResidentPageTests(WebAppFixture app)
{
    [Fact]
    public async Task A_nonresident_is_registered_with_an_issued_atena_number_and_found_by_the_search()
    {
        using var staff = await StaffSession.LoginAsync(app, "madoguchi1");
        Assert.Contains("href=\"/Persons/NonResident\"", await staff.Client.GetStringAsync("/Persons"), StringComparison.Ordinal);
        var page = await staff.Client.GetStringAsync("/Persons/NonResident");
        Assert.Contains("住登外者の登録", page, StringComparison.Ordinal);
        var issuedBefore = await CountAsync(AuditEventType.AtenaNumberIssued);

        var bad = await staff.PostFormWithTokenFromAsync("/Persons/NonResident", page, new()
        {
            ["Name"] = "生駒 冬子", ["NameKana"] = "生駒", ["BirthDate"] = "2026-02-30", ["Sex"] = "", ["PostalCode"] = "63085", ["Address"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("カナ氏名はカタカナで入力してください。", badHtml, StringComparison.Ordinal);
        Assert.Contains("生年月日が正しくありません", badHtml, StringComparison.Ordinal);
        Assert.Contains("性別を選んでください。", badHtml, StringComparison.Ordinal);
        Assert.Contains("郵便番号は7桁の数字で入力してください", badHtml, StringComparison.Ordinal);
        Assert.Contains("住所を入力してください。", badHtml, StringComparison.Ordinal);
        Assert.Equal(issuedBefore, await CountAsync(AuditEventType.AtenaNumberIssued));

        var saved = await staff.PostFormWithTokenFromAsync("/Persons/NonResident", page, new()
        {
            ["Name"] = "生駒 冬子", ["NameKana"] = "ｲｺﾏ ﾌﾕｺ", ["BirthDate"] = "H20.4.1", ["Sex"] = "2", ["PostalCode"] = "630-0101", ["Address"] = "奈良県生駒市高山町1番地",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var match = RedirectPattern().Match(saved.Headers.Location!.OriginalString);
        Assert.True(match.Success, saved.Headers.Location.OriginalString);
        var atena = match.Groups["atena"].Value;
        var personId = long.Parse(match.Groups["person"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var done = await staff.Client.GetStringAsync(saved.Headers.Location);
        Assert.Contains($"宛名番号: <strong class=\"atena-number\">{atena}</strong>（住登外）", done, StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == personId);
            Assert.Equal(atena, person.AtenaNumber);
            var record = await db.PersonRecords.AsNoTracking().Where(r => r.PersonId == personId).SingleAsync();
            Assert.Equal(("生駒 冬子", "イコマ\u3000フユコ", new DateOnly(2008, 4, 1), Sex.Female, ResidencyStatus.Unregistered, "6300101", "奈良県生駒市高山町1番地"),
                (record.Name, record.NameKana, record.BirthDate, record.Sex, record.ResidencyStatus, record.PostalCode, record.Address));
            Assert.Null(record.HouseholdNumber);
            var registered = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.EventType == AuditEventType.NonResidentRegistered && e.SubjectId == personId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("madoguchi1", registered.Actor);
            Assert.Contains(atena, registered.Details, StringComparison.Ordinal);
            var issued = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.EventType == AuditEventType.AtenaNumberIssued && e.SubjectId == atena);
            Assert.Equal("madoguchi1", issued.Actor);
        }

        Assert.Equal(issuedBefore + 1, await CountAsync(AuditEventType.AtenaNumberIssued));
        var search = await staff.PostFormAsync("/Persons", new() { ["Criteria.AtenaNumber"] = atena });
        var results = await search.Content.ReadAsStringAsync();
        Assert.Contains("生駒 冬子", results, StringComparison.Ordinal);
        Assert.Contains($"/Persons/{personId}", results, StringComparison.Ordinal);
        Assert.Contains("住登外", await staff.Client.GetStringAsync($"/Persons/{personId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statistician_is_refused_the_page()
    {
        using var staff = await StaffSession.LoginAsync(app, "toukei1");
        var response = await staff.Client.GetAsync("/Persons/NonResident");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex("^/Persons/NonResident\\?issued=(?<atena>9[0-9]{9})&person=(?<person>[0-9]+)$")]
    private static partial Regex RedirectPattern();

    private async Task<int> CountAsync(string eventType)
    {
        await using var db = app.OpenDb();
        return await db.AuditEvents.CountAsync(e => e.EventType == eventType);
    }
}
