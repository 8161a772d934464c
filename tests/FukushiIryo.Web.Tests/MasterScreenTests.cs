using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Masters;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// マスタ管理 over HTTP: only システム管理 changes a master, a change is saved and audited, a stale
/// form is refused without overwriting, a refused value is shown beside its field. The rows these
/// tests add lie in 2099, far from the shipped holidays and from the browser journey's rows.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class MasterScreenTests(WebAppFixture app)
{
    [Fact]
    public async Task A_role_that_may_only_read_gets_403_for_a_change_and_nothing_is_saved()
    {
        using var reviewer = await StaffSession.LoginAsync(app, "role1"); // 審査: masters.view only
        var list = await reviewer.Client.GetAsync("/Masters/bank-holidays");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain("休業日を追加", html, StringComparison.Ordinal);

        var response = await reviewer.PostFormWithTokenFromAsync("/Masters/bank-holidays/add", html, new()
        {
            ["f.name"] = "権限なしの休日", ["f.kind"] = nameof(BankHolidayKind.Other), ["ValidFrom"] = "2099-03-03",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.False(await db.BankHolidays.AnyAsync(h => h.Name == "権限なしの休日"));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.AccessDenied && e.Actor == "role1"));
    }

    [Theory]
    [InlineData("copayment-rules", "一部負担金", "医科 入院")]
    [InlineData("insurer-extra-benefits", "附加給付（健保組合・共済）", "保険者番号")]
    [InlineData("clearinghouse-fees", "審査支払手数料", "国保連（国民健康保険団体連合会）")]
    public async Task The_payment_masters_are_listed_and_their_add_forms_shown(string key, string title, string text)
    {
        using var admin = await StaffSession.LoginAsync(app, "admin");
        var list = await admin.Client.GetAsync("/Masters/" + key);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(title, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var form = await admin.Client.GetAsync($"/Masters/{key}/add");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains(text, await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_adds_a_holiday_which_is_saved_audited_and_shown()
    {
        using var admin = await StaffSession.LoginAsync(app, "admin");
        var form = await admin.Client.GetAsync("/Masters/bank-holidays/add");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("no-store", form.Headers.CacheControl?.ToString());

        var response = await admin.PostFormWithTokenFromAsync("/Masters/bank-holidays/add", await form.Content.ReadAsStringAsync(), new()
        {
            ["f.name"] = "即位礼正殿の儀の行われる日", ["f.kind"] = nameof(BankHolidayKind.Other), ["ValidFrom"] = "2099-10-22", ["Note"] = "特別法",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.OpenDb();
        var row = await db.BankHolidays.SingleAsync(h => h.Name == "即位礼正殿の儀の行われる日");
        Assert.Equal((new DateOnly(2099, 10, 22), (DateOnly?)new DateOnly(2099, 10, 23), "admin", "特別法"), (row.ValidFrom, row.ValidTo, row.CreatedBy, row.Note));
        Assert.Equal($"/Masters/bank-holidays?saved={row.Id}&done=add#row-{row.Id}", response.Headers.Location!.OriginalString);
        var audit = await db.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.MasterRowAdded && e.SubjectId == $"bank-holidays/{row.Id}");
        Assert.Equal(("admin", "127.0.0.1"), (audit.Actor, audit.ClientAddress));
        Assert.Contains("\"name\":\"即位礼正殿の儀の行われる日\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"before\":null", audit.Details, StringComparison.Ordinal);

        var list = await admin.Client.GetAsync(response.Headers.Location);
        var html = await list.Content.ReadAsStringAsync();
        Assert.Equal("no-store", list.Headers.CacheControl?.ToString());
        Assert.Contains("行を追加しました。", html, StringComparison.Ordinal);
        Assert.Matches(RowPattern(row.Id, "future saved"), html);
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_a_message_and_the_other_change_is_kept()
    {
        var id = await AddHolidayAsync(new DateOnly(2099, 11, 4), "古いフォームの休日");
        using var admin = await StaffSession.LoginAsync(app, "admin");
        var correctForm = await (await admin.Client.GetAsync($"/Masters/bank-holidays/correct/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("name=\"Version\" value=\"1\"", correctForm, StringComparison.Ordinal);

        // Another administrator withdraws the holiday meanwhile.
        using var other = await StaffSession.LoginAsync(app, "admin");
        var withdrawn = await other.PostFormAsync($"/Masters/bank-holidays/withdraw/{id}", new() { ["Version"] = "1", ["Note"] = "取りやめ" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        var stale = await admin.PostFormWithTokenFromAsync($"/Masters/bank-holidays/correct/{id}", correctForm, new()
        {
            ["Version"] = "1", ["f.name"] = "訂正した名前", ["f.kind"] = nameof(BankHolidayKind.Other), ["ValidFrom"] = "2099-11-05",
        });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("この行は他の職員が変更しました。変更は保存していません。画面を読み込み直してから入力してください。", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenDb();
        var row = await db.BankHolidays.SingleAsync(h => h.Id == id);
        Assert.Equal(("古いフォームの休日", new DateOnly(2099, 11, 4), (DateOnly?)new DateOnly(2099, 11, 4), "取りやめ"), (row.Name, row.ValidFrom, row.ValidTo, row.Note));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.MasterRowCorrected && e.SubjectId == $"bank-holidays/{id}"));
    }

    [Fact]
    public async Task A_refused_value_is_shown_beside_its_field_and_nothing_is_saved()
    {
        using var admin = await StaffSession.LoginAsync(app, "admin");
        var response = await admin.PostFormAsync("/Masters/public-payers/add", new()
        {
            ["f.program"] = "ひとり親", ["f.payerNumber"] = "88290011", ["f.benefitMethod"] = "ClaimReimbursement", ["ValidFrom"] = "2099-02-30",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"field-error\" id=\"f-payerNumber-error\">公費負担者番号の検証番号（8桁目）が正しくありません。番号を確認してください。</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"field-error\" id=\"f-validFrom-error\">開始日が読めません（存在しない日付です）。", html, StringComparison.Ordinal);
        Assert.Contains("value=\"88290011\"", html, StringComparison.Ordinal); // what was typed stays in the form
        await using var db = app.OpenDb();
        Assert.False(await db.PublicPayers.AnyAsync(p => p.PayerNumber == "88290011"));
    }

    [Fact]
    public async Task The_rows_valid_on_a_date_are_listed_for_a_date_in_wareki()
    {
        using var reviewer = await StaffSession.LoginAsync(app, "role1");
        var html = await reviewer.Client.GetStringAsync("/Masters/bank-holidays?on=R9.1.1");
        Assert.Contains("に有効な行: 1 行", html, StringComparison.Ordinal);
        Assert.Contains("元日", html, StringComparison.Ordinal);
        Assert.DoesNotContain("成人の日", html, StringComparison.Ordinal);
        var bad = await reviewer.Client.GetStringAsync("/Masters/bank-holidays?on=R9.2.30");
        Assert.Contains("日付が読めません（存在しない日付です）", bad, StringComparison.Ordinal);
    }

    private async Task<long> AddHolidayAsync(DateOnly date, string name)
    {
        await using var db = app.OpenDb();
        var row = BankHoliday.On(date, name, BankHolidayKind.Other, DateTimeOffset.UtcNow, "test");
        row.Version = 1;
        db.BankHolidays.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private static Regex RowPattern(long id, string classes) => new($"<tr class=\"{classes}\" id=\"row-{id}\">");
}
