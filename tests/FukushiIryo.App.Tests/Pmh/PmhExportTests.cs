using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Pmh;
using FukushiIryo.App.Settings;
using FukushiIryo.App.Tests.Eligibility;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Income;
using FukushiIryo.TestSupport;
using Json.Schema;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Pmh;

/// <summary>
/// PMH export on both databases (ADR 0028): the full export and the difference since a date, each
/// validated against docs/formats/pmh/medical-subsidy-recipients.schema.json; values from the ledger
/// and the vault; persons without a 個人番号 reported and left out; the audit entry.
/// The household is <see cref="LossHousehold"/>: 花子 (1000017) and her children 一郎 (1000025) and
/// 二郎 (1000033), their 受給資格証 valid 2025-08-01 to 2026-07-31, 花子's 所得判定 高額療養費区分 エ.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed partial class PmhExportTests(PostgresFixture fixture)
{
    private const string TypeId = "NARA29201HITORI";
    private static readonly DateTimeOffset June20 = new(2026, 6, 20, 1, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "pmh", "medical-subsidy-recipients.schema.json"))));

    private readonly InMemoryAtenaVault vault = new() { Revealers = { "atena1" } };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_full_export_sends_every_version_with_its_number_and_reports_persons_without_one(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await SeedAsync(database);
        var clock = new SettableClock(June20);

        var (result, json) = await ExportAsync(database, clock, since: null);

        AssertValid(json);
        Assert.Equal((2L, 0L), (result.Written, result.Deleted));
        Assert.Equal(["000103"], result.WithoutMyNumber);
        Assert.Empty(result.WithoutPeriod);
        var records = Records(json);
        var mother = records["1000017"];
        var son = records["1000025"];
        Assert.False(records.ContainsKey("1000033"));
        Assert.Equal(TypeId, son.GetProperty("orgSpecificCertificateTypeId").GetString());
        Assert.Equal(InMemoryAtenaVault.Number("12345678901").RevealDigits(), mother.GetProperty("myNumber").GetString());
        Assert.Equal(InMemoryAtenaVault.Number("23456789012").RevealDigits(), son.GetProperty("myNumber").GetString());
        var basic = son.GetProperty("basicFiveInfo");
        Assert.Equal(
            ("奈良 一郎", "ナラ イチロウ", "奈良県奈良市二条大路南一丁目1番1号", "2008-04-01", "2"),
            (basic.GetProperty("name").GetString(), basic.GetProperty("nameKana").GetString(), basic.GetProperty("address").GetString(),
             basic.GetProperty("dateOfBirth").GetString(), basic.GetProperty("sex").GetString()));
        Assert.False(son.GetProperty("isNotDisclosed").GetBoolean());
        Assert.Equal("86290016", son.GetProperty("medicalSubsidyInsurerNumber").GetString());
        Assert.Equal(PmhExport.CertificationName, son.GetProperty("certificationName").GetString());
        Assert.Equal(("2025-08-01", "2026-07-31"), (son.GetProperty("validFrom").GetString(), son.GetProperty("validTo").GetString()));
        Assert.Equal("0", son.GetProperty("isAlwaysReimbursement").GetString());
        // The child's 所得区分 is its parent's 所得判定 (the income test is the parent's).
        Assert.Equal(("エ", "エ"), (mother.GetProperty("incomeSegment").GetString(), son.GetProperty("incomeSegment").GetString()));
        Assert.Equal(PmhExport.HistoryKey("1000025", await CurrentRowIdAsync(database, home.ChildA)), son.GetProperty("historyKey").GetString());
        Assert.False(son.GetProperty("isDeleted").GetBoolean());

        var reveal = Assert.Single(vault.Reveals);
        Assert.Equal(("atena1", PmhExport.RevealPurpose), (reveal.Actor, reveal.Purpose));
        Assert.Equal(["000101", "000102", "000103"], reveal.AtenaNumbers.Order(StringComparer.Ordinal));

        await using var db = database.Open();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.EventType == AuditEventType.PmhExported);
        Assert.Equal("atena1", audit.Actor);
        using var details = JsonDocument.Parse(audit.Details);
        Assert.Equal((2, 0, 1, JsonValueKind.Null),
            (details.RootElement.GetProperty("written").GetInt32(), details.RootElement.GetProperty("deleted").GetInt32(),
             details.RootElement.GetProperty("withoutMyNumber").GetInt32(), details.RootElement.GetProperty("since").ValueKind));
        Assert.DoesNotMatch(TwelveDigits(), audit.Details);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_difference_sends_the_new_versions_and_deletes_the_replaced_one_only(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await SeedAsync(database);
        var replaced = await CurrentRowIdAsync(database, home.ChildA);
        var clock = new SettableClock(June20);
        await ExportAsync(database, clock, since: null);

        // 2026-07-01 10:00 JST: 一郎 becomes 償還払い from 2026-07-01 (a change splits his row in two).
        var changedAt = new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero);
        await using (var db = database.Open())
        {
            var rows = await db.EligibilityRecords.Where(e => e.RecipientId == home.ChildA).Current().ToListAsync();
            History.PlanChange(rows, new DateOnly(2026, 7, 1), row => row.BenefitMethod = BenefitMethod.ClaimReimbursement, changedAt, "madoguchi1")
                .ApplyTo(db, changedAt);
            await db.SaveChangesAsync();
        }

        clock.Now = changedAt.AddHours(2);
        var (result, json) = await ExportAsync(database, clock, since: new DateOnly(2026, 7, 1));

        AssertValid(json);
        Assert.Equal((2L, 1L), (result.Written, result.Deleted));
        var lines = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(r => $"{r.GetProperty("medicalSubsidyRecipientNumber").GetString()} {r.GetProperty("validFrom").GetString()}..{r.GetProperty("validTo").GetString()} 償還{r.GetProperty("isAlwaysReimbursement").GetString()} 削除{r.GetProperty("isDeleted").GetBoolean()}")
            .ToList();
        Assert.Equal(
            [
                "1000025 2025-08-01..2026-06-30 償還0 削除False",
                "1000025 2026-07-01..2026-07-31 償還1 削除False",
                "1000025 2025-08-01..2026-07-31 償還0 削除True",
            ],
            lines);
        var deleted = JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("isDeleted").GetBoolean());
        Assert.Equal(PmhExport.HistoryKey("1000025", replaced), deleted.GetProperty("historyKey").GetString());

        // The day after, nothing changed: an empty array.
        clock.Now = changedAt.AddDays(1);
        var (next, empty) = await ExportAsync(database, clock, since: new DateOnly(2026, 7, 2));
        Assert.Equal((0L, 0L, "[]"), (next.Written, next.Deleted, empty));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_name_change_since_the_date_resends_that_persons_versions(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await SeedAsync(database);
        var changedAt = new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero);
        await using (var db = database.Open())
        {
            var rows = await db.PersonRecords.Where(r => r.PersonId == home.ChildBPerson).Current().ToListAsync();
            History.PlanChange(rows, new DateOnly(2026, 7, 1), row => row.Address = "奈良県奈良市登大路町30番地", changedAt, "madoguchi1").ApplyTo(db, changedAt);
            await db.SaveChangesAsync();
        }

        await vault.LinkAsync("000103", InMemoryAtenaVault.Number("34567890123"), "atena1");

        var clock = new SettableClock(changedAt.AddHours(1));
        var (result, json) = await ExportAsync(database, clock, since: new DateOnly(2026, 7, 1));

        AssertValid(json);
        var only = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal(("1000033", "奈良県奈良市登大路町30番地", false),
            (only.GetProperty("medicalSubsidyRecipientNumber").GetString(), only.GetProperty("basicFiveInfo").GetProperty("address").GetString(), only.GetProperty("isDeleted").GetBoolean()));
        Assert.Equal((1L, 0L), (result.Written, result.Deleted));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Without_the_certificate_type_id_the_export_refuses_and_reveals_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database, typeId: null);
        await using var db = database.Open();
        var clock = new SettableClock(June20);
        var export = new PmhExport(db, vault, new SystemSettings(db, clock), clock);

        var refused = await Assert.ThrowsAsync<PmhExportRefusedException>(() => export.WriteAsync(new MemoryStream(), null, "atena1"));
        Assert.Contains(SystemSettings.PmhCertificateTypeId, refused.Message, StringComparison.Ordinal);
        Assert.Empty(vault.Reveals);
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.PmhExported));
    }

    [Fact]
    public void The_schema_refuses_a_record_that_breaks_the_published_rules()
    {
        const string good = """[{"orgSpecificCertificateTypeId":"A1","myNumber":"123456789012","basicFiveInfo":{"name":"奈良 花子","nameKana":"ナラ ハナコ","address":"奈良市","dateOfBirth":"1990-05-20","sex":"2"},"isNotDisclosed":false,"certificationName":"受給資格証","isAlwaysReimbursement":"0","validFrom":"2025-08-01","validTo":"2026-07-31","historyKey":"1000017-1","isDeleted":false,"certificationDetail":[]}]""";
        AssertValid(good);
        foreach (var (from, to) in new[]
        {
            ("\"123456789012\"", "\"12345678901\""), // 個人番号 12 digits
            ("\"isAlwaysReimbursement\":\"0\"", "\"isAlwaysReimbursement\":\"2\""), // "0" or "1"
            ("\"validTo\":\"2026-07-31\"", "\"validTo\":\"2026-02-30\""), // a date
            ("\"A1\"", "\"A-1\""), // 半角英数
            (",\"isDeleted\":false", string.Empty), // required in the 差分履歴 variant
            ("\"isNotDisclosed\":false", "\"isNotDisclosed\":false,\"dvFlag\":true"), // no field of our own
        })
        {
            var bad = good.Replace(from, to, StringComparison.Ordinal);
            Assert.NotEqual(good, bad);
            Assert.False(Evaluate(bad).IsValid, $"{from} → {to} should be refused");
        }
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List });
    }

    private static void AssertValid(string json)
    {
        var results = Evaluate(json);
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))));
    }

    private static Dictionary<string, JsonElement> Records(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("medicalSubsidyRecipientNumber").GetString()!);

    private async Task<(PmhExportResult Result, string Json)> ExportAsync(TestDatabase database, SettableClock clock, DateOnly? since)
    {
        await using var db = database.Open();
        using var output = new MemoryStream();
        var result = await new PmhExport(db, vault, new SystemSettings(db, clock), clock).WriteAsync(output, since, "atena1");
        return (result, Encoding.UTF8.GetString(output.ToArray()));
    }

    private static async Task<long> CurrentRowIdAsync(TestDatabase database, long recipientId)
    {
        await using var db = database.Open();
        return await db.EligibilityRecords.Where(e => e.RecipientId == recipientId).Current().Select(e => e.Id).SingleAsync();
    }

    private async Task<LossHousehold> SeedAsync(TestDatabase database, string? typeId = TypeId)
    {
        var home = await LossHousehold.SeedAsync(database);
        await using var db = database.Open();
        await db.EligibilityRecords.ExecuteUpdateAsync(set => set
            .SetProperty(e => e.CertificateValidFrom, new DateOnly(2025, 8, 1))
            .SetProperty(e => e.CertificateValidTo, new DateOnly(2026, 7, 31))
            .SetProperty(e => e.BenefitMethod, BenefitMethod.InKind));
        var tax = new TaxRecord { PersonId = home.ParentPerson, TaxYear = 2025, RecordedAt = LossHousehold.Seeded };
        db.TaxRecords.Add(tax);
        await db.SaveChangesAsync();
        db.IncomeDeterminations.Add(new IncomeDetermination
        {
            PersonId = home.ParentPerson, TaxYear = 2025, IncomeYear = 2024, BaseDate = new DateOnly(2025, 8, 1), Role = IncomeTestRole.Parent,
            Criterion = IncomeCriterion.Met, FundingShare = FundingShare.Prefecture, HighCostCategory = "エ", Income = 1_200_000, Limit = 2_360_000, Dependants = 2,
            TaxRecordId = tax.Id, DeterminedAt = LossHousehold.Seeded, DeterminedBy = "madoguchi1",
        });
        await db.SaveChangesAsync();
        if (typeId is not null)
        {
            await new SystemSettings(db, new SettableClock(LossHousehold.Seeded)).SetAsync(SystemSettings.PmhCertificateTypeId, typeId, "admin1");
        }

        await vault.LinkAsync("000101", InMemoryAtenaVault.Number("12345678901"), "atena1");
        await vault.LinkAsync("000102", InMemoryAtenaVault.Number("23456789012"), "atena1");
        return home;
    }

    [GeneratedRegex("[0-9]{12}")]
    private static partial Regex TwelveDigits();
}
