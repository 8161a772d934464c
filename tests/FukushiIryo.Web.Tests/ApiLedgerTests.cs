using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// /api/v1 for 記載事項変更, 資格消滅 (and 資格喪失候補) and 帳票 (ADR 0024) over real HTTP: the page's
/// checks (messages per field, nothing saved; stale versions 409), the key's permission scopes, the
/// audit with the system as actor, PDFs recorded as prints; and the メモ hidden from a key without
/// <c>person.sensitive.view</c>.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class ApiLedgerTests(WebAppFixture app)
{
    private DateOnly Today => JstClock.Today(app.Clock);

    private async Task<HttpClient> KeyClientAsync(string system, params string[] permissions)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ApiKeys>().AddAsync(system, permissions, null, null, "admin");
        var client = StaffSession.Anonymous(app);
        client.DefaultRequestHeaders.Add("X-Api-Key", issued.Secret);
        return client;
    }

    private async Task<long> PersonIdAsync(string atena)
    {
        await using var db = app.OpenDb();
        return await db.Persons.Where(p => p.AtenaNumber == atena).Select(p => p.Id).SingleAsync();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_memo_is_hidden_from_a_key_that_may_view_persons_but_not_sensitive_items()
    {
        // No role holds person.view without person.sensitive.view (the role table); the API key
        // permission set is the one place that combination exists.
        Assert.All(Permissions.RolesFor(Permissions.PersonView), role => Assert.Contains(role, Permissions.RolesFor(Permissions.SensitiveView)));

        var id = await PersonIdAsync("000103");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<PersonNotes>().AddMemoAsync(id, "民生委員の証明書を確認（APIの試験）", null, "madoguchi1"));
        }

        using var plain = await KeyClientAsync("memo-plain", Permissions.PersonView);
        var masked = await plain.GetAsync($"/api/v1/persons/{id}");
        var maskedBody = await masked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, masked.StatusCode);
        Assert.DoesNotContain("民生委員", maskedBody, StringComparison.Ordinal);
        var maskedJson = JsonDocument.Parse(maskedBody).RootElement;
        Assert.Equal(JsonValueKind.Null, maskedJson.GetProperty("memos").ValueKind);
        Assert.False(maskedJson.GetProperty("sensitiveShown").GetBoolean());

        using var trusted = await KeyClientAsync("memo-sensitive", Permissions.PersonView, Permissions.SensitiveView);
        var shown = await trusted.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{id}");
        Assert.Contains(shown.GetProperty("memos").EnumerateArray(), memo => memo.GetProperty("text").GetString() == "民生委員の証明書を確認（APIの試験）");
    }

    [Fact]
    public async Task A_change_by_key_is_checked_like_the_page_saved_with_a_new_version_audited_and_a_stale_version_is_409()
    {
        var id = await PersonIdAsync("000103");
        using var viewer = await KeyClientAsync("change-viewer", Permissions.PersonView);
        var refused = await viewer.PostAsJsonAsync($"/api/v1/persons/{id}/changes/contact", new { version = 1, reportedOn = Iso(Today), phoneNumber = "0742-34-0000" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var client = await KeyClientAsync("change-system", Permissions.PersonView, Permissions.PersonChange);
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{id}")).GetProperty("version").GetInt64();

        // Bad input: every field's message, nothing saved.
        var bad = await client.PostAsJsonAsync($"/api/v1/persons/{id}/changes/contact", new { version, reportedOn = "2026-02-30", phoneNumber = "12" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("届出日が正しくありません", errors.GetProperty("ReportedOn")[0].GetString(), StringComparison.Ordinal);
        var phone = await client.PostAsJsonAsync($"/api/v1/persons/{id}/changes/contact", new { version, reportedOn = Iso(Today), phoneNumber = "12" });
        Assert.Equal("電話番号は0で始まる10桁または11桁の数字で入力してください（ハイフン可）。",
            (await phone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("PhoneNumber")[0].GetString());
        var name = await client.PostAsJsonAsync($"/api/v1/persons/{id}/changes/name", new { version, kind = "Rename", reportedOn = Iso(Today) });
        Assert.True((await name.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Kind", out _));
        var insurance = await client.PostAsJsonAsync($"/api/v1/persons/{id}/changes/insurance", new { version, kind = "Change", reportedOn = Iso(Today), insurerNumber = "290016", insuredRole = "Dependant", cardNumber = "1234" });
        var insuranceErrors = (await insurance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("保険種別を選んでください。", insuranceErrors.GetProperty("InsuranceKind")[0].GetString());
        Assert.True(insuranceErrors.TryGetProperty("InsurerNumber", out _));
        Assert.False(insuranceErrors.TryGetProperty("Kind", out _));
        var account = await client.PostAsJsonAsync($"/api/v1/persons/{id}/changes/bank-account", new { version, reportedOn = Iso(Today), bankCode = "01", branchCode = "1", accountType = "Ordinary", accountNumber = "12345678", holderKana = "ﾅﾗ ﾖｼﾉ" });
        var accountErrors = (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ("金融機関コードは4桁の数字で入力してください。", "店舗コードは3桁の数字で入力してください。", "口座番号は7桁以内の数字で入力してください。"),
            (accountErrors.GetProperty("BankCode")[0].GetString(), accountErrors.GetProperty("BranchCode")[0].GetString(), accountErrors.GetProperty("AccountNumber")[0].GetString()));
        await using (var db = app.OpenDb())
        {
            Assert.Equal(version, await db.Persons.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
        }

        var saved = await client.PostAsJsonAsync($"/api/v1/persons/{id}/changes/contact", new { version, reportedOn = Iso(Today), phoneNumber = "0742-34-5678" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Contact", "Change"), (body.GetProperty("item").GetString(), body.GetProperty("kind").GetString()));
        Assert.True(body.GetProperty("version").GetInt64() > version);

        // The same version again: someone (here: the first call) changed the person since.
        var stale = await client.PostAsJsonAsync($"/api/v1/persons/{id}/changes/address", new { version, reportedOn = Iso(Today), postalCode = "6308501", address = "奈良県奈良市登大路町30番地" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        await using var check = app.OpenDb();
        var contact = await check.Contacts.Current().SingleAsync(c => c.PersonId == id && c.ValidFrom <= Today && (c.ValidTo == null || c.ValidTo > Today));
        Assert.Equal("0742345678", contact.PhoneNumber.Replace("-", string.Empty, StringComparison.Ordinal));
        var audit = await check.AuditEvents.AsNoTracking().Where(e => e.Actor == "api:change-system" && e.SubjectId == "000103").ToListAsync();
        Assert.Contains(audit, e => e.EventType == AuditEventType.PersonChanged);
    }

    [Fact]
    public async Task A_loss_by_key_is_previewed_confirmed_with_the_versions_shown_and_printed_and_a_candidate_is_confirmed()
    {
        var (parent, child, other) = await SeedRecipientsAsync();
        using var client = await KeyClientAsync("loss-system", Permissions.EligibilityLoss, Permissions.DocumentsPrint);

        var bad = await client.GetAsync($"/api/v1/recipients/{child}/loss?cause=Nope&eventDate=2026-02-30");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Cause", out _));
        Assert.StartsWith("事由発生日が正しくありません", errors.GetProperty("EventDate")[0].GetString(), StringComparison.Ordinal);

        // 転出 of one child on the 10th: lost from the 11th; the household keeps its other child, so the parent stays.
        var eventDate = Today.AddDays(-10);
        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/recipients/{child}/loss?cause=MovedOut&eventDate={Iso(eventDate)}");
        var losses = plan.GetProperty("losses").EnumerateArray().ToList();
        var only = Assert.Single(losses);
        Assert.Equal((child, "MovedOut", "転出", Iso(eventDate.AddDays(1))), (only.GetProperty("recipientId").GetInt64(), only.GetProperty("cause").GetString(), only.GetProperty("causeName").GetString(), only.GetProperty("lostOn").GetString()));
        Assert.False(plan.GetProperty("confirmed").GetBoolean());

        var missing = await client.PostAsJsonAsync($"/api/v1/recipients/{child}/loss", new { cause = "MovedOut", eventDate = Iso(eventDate) });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var wrong = await client.PostAsJsonAsync($"/api/v1/recipients/{child}/loss", new { cause = "MovedOut", eventDate = Iso(eventDate), versions = new[] { new { recipientId = child, version = only.GetProperty("version").GetInt64() + 1 } } });
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(EligibilityStatus.Active, (await db.EligibilityRecords.Current().Where(e => e.RecipientId == child).OrderByDescending(e => e.ValidFrom).FirstAsync()).Status);
        }

        var confirmed = await client.PostAsJsonAsync($"/api/v1/recipients/{child}/loss", new { cause = "MovedOut", eventDate = Iso(eventDate), versions = new[] { new { recipientId = child, version = only.GetProperty("version").GetInt64() } } });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True((await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmed").GetBoolean());

        var notice = await client.PostAsync($"/api/v1/recipients/{child}/loss-notice", null);
        Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
        Assert.Equal("application/pdf", notice.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await notice.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        var notLost = await client.PostAsync($"/api/v1/recipients/{parent}/loss-notice", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notLost.StatusCode);
        Assert.Contains("資格を喪失していないため", await notLost.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A 資格喪失候補 (死亡 of the other child, raised by the 住基 import) confirmed with its own cause and date:
        // the last child's loss ends the parent too (対象児童なし).
        long candidate;
        await using (var db = app.OpenDb())
        {
            var person = await db.Recipients.Where(r => r.Id == other).Select(r => r.PersonId).SingleAsync();
            var row = new LossCandidate { RecipientId = other, PersonId = person, Cause = "死亡", EventDate = Today.AddDays(-3), ImportedFileId = await db.ImportedFiles.Select(f => f.Id).FirstAsync(), RaisedAt = app.Clock.GetUtcNow(), Status = LossCandidateStatus.Open };
            db.LossCandidates.Add(row);
            await db.SaveChangesAsync();
            candidate = row.Id;
        }

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/loss-candidates");
        var listed = list.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == candidate);
        Assert.Equal(("Death", "Open"), (listed.GetProperty("suggestedCause").GetString(), listed.GetProperty("status").GetString()));
        var candidatePlan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/recipients/{other}/loss?cause=Death&eventDate={Iso(Today.AddDays(-3))}");
        var versions = candidatePlan.GetProperty("losses").EnumerateArray().Select(l => new { recipientId = l.GetProperty("recipientId").GetInt64(), version = l.GetProperty("version").GetInt64() }).ToArray();
        Assert.Equal(2, versions.Length);
        var byCandidate = await client.PostAsJsonAsync($"/api/v1/loss-candidates/{candidate}/confirm", new { versions });
        Assert.Equal(HttpStatusCode.OK, byCandidate.StatusCode);
        var recorded = (await byCandidate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("losses").EnumerateArray()
            .Select(l => (l.GetProperty("recipientId").GetInt64(), l.GetProperty("cause").GetString())).OrderBy(l => l.Item1).ToList();
        Assert.Equal([(parent, "NoEligibleChild"), (other, "Death")], recorded);
        var again = await client.PostAsJsonAsync($"/api/v1/loss-candidates/{candidate}/confirm", new { versions });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var dismiss = await client.PostAsJsonAsync($"/api/v1/loss-candidates/{candidate}/dismiss", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, dismiss.StatusCode);

        await using var check = app.OpenDb();
        Assert.Equal(LossCandidateStatus.Resolved, (await check.LossCandidates.SingleAsync(c => c.Id == candidate)).Status);
        var statuses = await check.EligibilityRecords.Current().Where(e => e.RecipientId == parent || e.RecipientId == child || e.RecipientId == other)
            .GroupBy(e => e.RecipientId).Select(g => g.OrderByDescending(e => e.ValidFrom).First().Status).ToListAsync();
        Assert.All(statuses, status => Assert.Equal(EligibilityStatus.Lost, status));
        var printed = await check.AuditEvents.AsNoTracking().Where(e => e.Actor == "api:loss-system" && e.EventType == AuditEventType.DocumentPrinted).ToListAsync();
        Assert.Single(printed);
    }

    [Fact]
    public async Task A_certificate_and_a_notice_by_key_are_pdfs_recorded_as_prints_and_a_key_without_print_is_refused()
    {
        long recipient;
        await using (var db = app.OpenDb())
        {
            recipient = await db.Recipients.Where(r => r.RecipientNumber == RecipientNumber.FromSerial(101).ToString()).Select(r => r.Id).SingleAsync();
        }

        using var viewer = await KeyClientAsync("print-refused", Permissions.PersonView, Permissions.EligibilityLoss);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/v1/recipients/{recipient}/certificate", new { kind = "Reissue" })).StatusCode);

        using var client = await KeyClientAsync("print-system", Permissions.DocumentsPrint);
        var bad = await client.PostAsJsonAsync($"/api/v1/recipients/{recipient}/certificate", new { kind = "Copy" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var pdf = await client.PostAsJsonAsync($"/api/v1/recipients/{recipient}/certificate", new { kind = "Reissue" });
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/v1/applications/999999/notice", null)).StatusCode);

        await using var check = app.OpenDb();
        Assert.True(await check.CertificateIssues.AnyAsync(i => i.RecipientId == recipient && i.IssuedBy == "api:print-system" && i.Kind == FukushiIryo.App.Documents.CertificateIssueKind.Reissue));
        Assert.True(await check.AuditEvents.AnyAsync(e => e.Actor == "api:print-system" && e.EventType == AuditEventType.DocumentPrinted));
    }

    /// <summary>A household of its own on the ledger (a parent and two children, active), so that its losses touch no other test's data.</summary>
    private async Task<(long Parent, long Child, long Other)> SeedRecipientsAsync()
    {
        await using var db = app.OpenDb();
        var folder = Directory.CreateTempSubdirectory("fukushi-api-loss-").FullName;
        try
        {
            var residents = Path.Combine(folder, "residents.csv");
            await File.WriteAllTextAsync(residents, string.Join("\n",
                "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
                "000801,0008,春日 恵,カスガ メグミ,1985-03-03,2,世帯主,6308501,奈良県奈良市登大路町32番地,1,,2020-04-01,",
                "000802,0008,春日 陸,カスガ リク,2012-06-06,1,子,6308501,奈良県奈良市登大路町32番地,1,,2020-04-01,",
                "000803,0008,春日 海,カスガ ウミ,2015-07-07,1,子,6308501,奈良県奈良市登大路町32番地,1,,2020-04-01,") + "\n", new UTF8Encoding(true));
            Assert.Equal(ImportStatus.Imported, (await new ResidentsImport(db, TimeProvider.System).RunAsync(new ImportRequest(residents, "admin", new DateOnly(2026, 11, 2), Migration: true))).Status);
            var mother = RecipientNumber.FromSerial(801).ToString();
            var ledger = Path.Combine(folder, "recipients.csv");
            await File.WriteAllTextAsync(ledger, string.Join("\n",
                "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
                $"{mother},000801,父母,,新規,2024-04-01,2024-04-01,2026-08-01,2027-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,123456,ｶｽｶﾞ ﾒｸﾞﾐ,0742-34-1111",
                $"{RecipientNumber.FromSerial(802)},000802,児童,{mother},新規,2024-04-01,2024-04-01,2026-08-01,2027-07-31,有効,,,,,,0,0,,現物給付,90290016,県,国保,133066,奈良,1234,01,家族,,,,,,",
                $"{RecipientNumber.FromSerial(803)},000803,児童,{mother},新規,2024-04-01,2024-04-01,2026-08-01,2027-07-31,有効,,,,,,0,0,,現物給付,90290016,県,国保,133066,奈良,1234,02,家族,,,,,,") + "\n", new UTF8Encoding(true));
            Assert.Equal(ImportStatus.Imported, (await new RecipientsImport(db, TimeProvider.System).RunAsync(new ImportRequest(ledger, "admin", new DateOnly(2026, 11, 2)))).Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var ids = await db.Recipients.Where(r => r.RecipientNumber == RecipientNumber.FromSerial(801).ToString() || r.RecipientNumber == RecipientNumber.FromSerial(802).ToString() || r.RecipientNumber == RecipientNumber.FromSerial(803).ToString())
            .OrderBy(r => r.RecipientNumber).Select(r => r.Id).ToListAsync();
        return (ids[0], ids[1], ids[2]);
    }
}
