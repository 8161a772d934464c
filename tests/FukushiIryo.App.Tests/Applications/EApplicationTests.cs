using System.Text.Json.Nodes;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.App.Tests.Linkage;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Applications;

/// <summary>
/// 電子申請 (ADR 0029, P21) on both databases: a JSON e-application goes to a decided recipient (received →
/// registered by 窓口 → granted by another user) with its payload purged and no 個人番号 anywhere in the
/// welfare database; bad input comes back per field with nothing stored and nothing sent to the vault.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class EApplicationTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Today = new(2026, 10, 1, 1, 0, 0, TimeSpan.Zero);

    /// <summary>The mother's 個人番号 (already linked in the vault to 000101) and the child's (not linked yet).</summary>
    internal static readonly string MotherNumber = FakeAtenaVault.NumberFor("12345678901");

    internal static readonly string ChildNumber = FakeAtenaVault.NumberFor("98765432109");

    /// <summary>A complete e-application: 奈良 花子 (000101) and her child さくら (000102), as the e-application system sends it.</summary>
    internal static JsonObject Sample() => JsonNode.Parse($$"""
        {
          "schemaVersion": "1",
          "externalId": "NARA-E-000123",
          "submittedAt": "2026-09-20T10:15:00+09:00",
          "appliedOn": "2026-09-20",
          "applicationReason": "離婚による",
          "applicant": { "myNumber": "{{MotherNumber}}", "name": "奈良　花子", "nameKana": "ナラ　ハナコ", "birthDate": "1990-06-01", "role": "Parent",
                         "phoneNumber": "0742-34-1111", "postalCode": "630-8580", "address": "奈良県奈良市二条大路南一丁目1番1号" },
          "singleParentReason": "Divorce",
          "reasonArisenOn": "2025-05-10",
          "publicAssistance": false,
          "otherPrograms": [],
          "insurance": { "kind": "National", "insurerNumber": "290015" },
          "account": { "bankCode": "0162", "branchCode": "001", "accountType": "Ordinary", "accountNumber": "1234567", "holderKana": "ナラ ハナコ" },
          "children": [ { "myNumber": "{{ChildNumber}}", "name": "奈良　さくら", "nameKana": "ナラ　サクラ", "birthDate": "2015-04-02", "insured": true } ],
          "consent": { "informationInquiry": true, "declarationTrue": true }
        }
        """)!.AsObject();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_e_application_goes_to_a_decided_recipient_with_its_payload_purged_and_no_my_number_in_the_welfare_database(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await ApplicationTests.SeedAsync(database);
        var vault = new FakeAtenaVault();
        await vault.LinkAsync("000101", MyNumber.Parse(MotherNumber), "atena-setup");

        EApplicationReceipt receipt;
        await using (var db = database.Open())
        {
            receipt = await new EApplications(db, vault, new SettableClock(Today)).ReceiveAsync(Sample().ToJsonString(), "api:e-shinsei", "192.0.2.7");
        }

        Assert.True(receipt.IsSaved, string.Join(" / ", receipt.Problems.Select(p => $"{p.Key}: {p.Value}")));
        // The mother was found through the vault; the child by カナ氏名 and 生年月日 in the 台帳, and linked.
        Assert.Equal(("000101", "vault"), (receipt.Payload!.Applicant.AtenaNumber, receipt.Payload.Applicant.Match));
        Assert.Equal(("000102", "ledger"), (receipt.Payload.Children[0].Person.AtenaNumber, receipt.Payload.Children[0].Person.Match));
        Assert.Equal(MyNumber.Parse(ChildNumber), vault.Links["000102"]);
        Assert.DoesNotContain(MotherNumber, receipt.Saved!.Payload!, StringComparison.Ordinal);
        Assert.DoesNotContain(ChildNumber, receipt.Saved.Payload!, StringComparison.Ordinal);

        // 窓口 opens the pending e-application: the form comes prefilled, and registering it purges the payload.
        ApplicationIntakeResult registered;
        await using (var db = database.Open())
        {
            var service = new EApplications(db, vault, new SettableClock(Today));
            var pending = Assert.Single(await service.PendingAsync("madoguchi1"));
            var form = EApplications.FormOf(pending.Payload);
            Assert.Equal(("000101", "2026-09-20", "290015", "000102", true), (form.ApplicantAtena, form.AppliedOn, form.InsurerNumber, form.Children[0].Atena, form.Children[0].Insured));
            registered = await service.RegisterAsync(pending.Row.Id, form, "madoguchi1");
        }

        Assert.True(registered.IsSaved, string.Join(" / ", registered.Problems.Select(p => $"{p.Key}: {p.Value}")));
        await using (var db = database.Open())
        {
            await new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(registered.Saved!.Id, registered.Saved.Version, DecisionResult.Granted, "要件を満たす", "kessai1");
        }

        await using var check = database.Open();
        var row = await check.EApplications.SingleAsync();
        Assert.Equal((EApplicationStatus.Registered, (string?)null, registered.Saved!.Id, "madoguchi1"), (row.Status, row.Payload, row.ApplicationId!.Value, row.PurgedBy));
        Assert.Equal(ApplicationStatus.Granted, (await check.Applications.SingleAsync()).Status);
        Assert.Equal(2, await check.Recipients.CountAsync());
        var purge = await check.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.EApplicationPurged);
        Assert.Equal(("madoguchi1", "NARA-E-000123"), (purge.Actor, purge.SubjectId));
        Assert.Contains(registered.Saved.ReceptionNumber, purge.Details, StringComparison.Ordinal);
        Assert.Single(await check.AuditEvents.Where(e => e.EventType == AuditEventType.EApplicationReceived && e.Actor == "api:e-shinsei").ToListAsync());

        // No 個人番号 anywhere: the pattern scan of every text column, and a direct search for the two numbers.
        var scan = await new MyNumberScan(check).RunAsync([]);
        Assert.Empty(scan.Findings);
        Assert.Equal(0, await CountContainingAsync(check, MotherNumber));
        Assert.Equal(0, await CountContainingAsync(check, ChildNumber));
    }

    public static TheoryData<string, string, string, string> BadInputs()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            data.Add(provider, "check digit", "children[0].myNumber", "個人番号が正しくありません（検査用数字が合いません）。");
            data.Add(provider, "no consent", "consent.informationInquiry", "consent.informationInquiry: 同意がなければ受け付けられません。");
            data.Add(provider, "no birth date", "applicant.birthDate", "applicant.birthDate: 必須の項目がありません。");
            data.Add(provider, "not a date", "appliedOn", "appliedOn: 形式が違います。");
            data.Add(provider, "both accounts", "account", "account: 口座は金融機関コード・支店コード・口座番号か、ゆうちょの記号・番号のどちらか一方で入力してください。");
            data.Add(provider, "number in free text", "applicationReason", "個人番号は個人番号の欄にだけ入力してください（この欄には保存できません）。");
            data.Add(provider, "unknown item", "children[0].note", "children[0].note: 決められていない項目です。");
            data.Add(provider, "same number twice", "children[0].myNumber", "同じ個人番号が申請に2回入っています。");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_message_for_its_field_and_nothing_is_stored_or_sent_to_the_vault(string provider, string change, string field, string message)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await ApplicationTests.SeedAsync(database);
        var json = Sample();
        switch (change)
        {
            case "check digit": json["children"]![0]!["myNumber"] = ChildNumber[..11] + (char)('0' + ((ChildNumber[11] - '0' + 1) % 10)); break;
            case "no consent": json["consent"]!["informationInquiry"] = false; break;
            case "no birth date": json["applicant"]!.AsObject().Remove("birthDate"); break;
            case "not a date": json["appliedOn"] = "2026-02-30"; break;
            case "both accounts": json["account"]!["yuchoSymbol"] = "14010"; json["account"]!["yuchoNumber"] = "12345671"; break;
            case "number in free text": json["applicationReason"] = "子の番号 " + ChildNumber; break;
            case "unknown item": json["children"]![0]!["note"] = "x"; break;
            default: json["children"]![0]!["myNumber"] = MotherNumber; break;
        }

        var vault = new FakeAtenaVault();
        await using var db = database.Open();
        var receipt = await new EApplications(db, vault, new SettableClock(Today)).ReceiveAsync(json.ToJsonString(), "api:e-shinsei");
        Assert.False(receipt.IsSaved);
        Assert.True(receipt.Problems.ContainsKey(field), string.Join(" / ", receipt.Problems.Select(p => $"{p.Key}: {p.Value}")));
        Assert.Equal(message, receipt.Problems[field]);
        Assert.Empty(vault.Calls);
        await using var check = database.Open();
        Assert.Empty(await check.EApplications.ToListAsync());
        Assert.Empty(await check.AuditEvents.Where(e => e.EventType == AuditEventType.EApplicationReceived).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_person_neither_linked_nor_in_the_ledger_is_left_for_staff_and_a_second_copy_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await ApplicationTests.SeedAsync(database);
        var vault = new FakeAtenaVault();
        var json = Sample();
        json["children"]![0]!["nameKana"] = "ナラ　モモ";
        await using var db = database.Open();
        var service = new EApplications(db, vault, new SettableClock(Today));
        var receipt = await service.ReceiveAsync(json.ToJsonString(), "api:e-shinsei");
        Assert.True(receipt.IsSaved);
        Assert.Equal((null, "none"), (receipt.Payload!.Children[0].Person.AtenaNumber, receipt.Payload.Children[0].Person.Match));
        Assert.Equal(["000101"], vault.Links.Keys);
        Assert.Equal("", EApplications.FormOf(receipt.Payload).Children[0].Atena ?? "");

        var again = await service.ReceiveAsync(json.ToJsonString(), "api:e-shinsei");
        Assert.Equal("受付番号 NARA-E-000123 の電子申請はすでに受け付けています。", again.Problems["externalId"]);
        Assert.Equal(1, await db.EApplications.CountAsync());
    }

    /// <summary>The number of text values in the welfare database that contain <paramref name="digits"/>.</summary>
    private static async Task<int> CountContainingAsync(FukushiDbContext db, string digits)
    {
        var total = 0;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var (table, _, columns) in new MyNumberScan(db).TextColumns())
        {
            foreach (var column in columns)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" LIKE '%{digits}%'";
                total += Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await connection.CloseAsync();
        return total;
    }
}
