using System.Text.Json;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.People;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>income determine --atena N --year YYYY [--json]</c> (interfaces.md §7) with its exit codes, on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class IncomeCommandsTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Recorded = new(2026, 6, 10, 9, 0, 0, TimeSpan.FromHours(9));

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Json_gives_the_figures_the_outcome_and_every_step_and_the_result_is_stored(string provider)
    {
        await using var cli = await WithDataAsync(provider);
        var run = await cli.RunAsync("income", "determine", "--atena", "000101", "--year", "2026", "--json", "--user", "madoguchi");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        // 給与収入 3,000,000 → 給与所得 2,020,000; + 養育費 600,000 × 80%; − 100,000 − 80,000.
        Assert.Equal(
            (2_320_000L, 1, 2_460_000L, "該当", "県", "ウ"),
            (root.GetProperty("所得額").GetInt64(), root.GetProperty("扶養親族等の数").GetInt32(), root.GetProperty("限度額").GetInt64(),
             root.GetProperty("所得基準").GetString(), root.GetProperty("県市区分").GetString(), root.GetProperty("高額療養費区分").GetString()));
        var steps = root.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("項目").GetString(), s.GetProperty("金額").ValueKind == JsonValueKind.Null ? (long?)null : s.GetProperty("金額").GetInt64())).ToList();
        Assert.Contains(("養育費 600,000円（受給者 600,000円・児童 0円）の 80%", 480_000L), steps);
        Assert.Contains(("社会保険料相当額（一律）", -80_000L), steps);
        Assert.Contains(("＝ 限度額", 2_460_000L), steps);
        Assert.Contains(("＝ 旧ただし書き所得の合計", 2_570_000L), steps);

        await using var db = Open(cli);
        var stored = await db.IncomeDeterminations.SingleAsync();
        Assert.Equal((FundingShare.Prefecture, "ウ", "madoguchi"), (stored.FundingShare, stored.HighCostCategory, stored.DeterminedBy));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == "income.determined" && e.Actor == "madoguchi"));
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Undeclared_income_exits_0_with_cannot_determine_city_and_category_a(string provider)
    {
        await using var cli = await WithDataAsync(provider);
        var run = await cli.RunAsync("income", "determine", "--atena", "000102", "--year", "2026", "--json", "--user", "shinsa");
        Assert.True(run.ExitCode == 0, run.Error);
        var root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(("判定不能", "市", "ア"), (root.GetProperty("所得基準").GetString(), root.GetProperty("県市区分").GetString(), root.GetProperty("高額療養費区分").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("所得額").ValueKind);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Text_output_shows_the_same_steps_for_staff(string provider)
    {
        await using var cli = await WithDataAsync(provider);
        var run = await cli.RunAsync("income", "determine", "--atena", "000101", "--year", "2026", "--user", "shinsa");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("所得判定: 宛名番号 000101  2026年度課税（2025年分の所得）", run.Output, StringComparison.Ordinal);
        Assert.Contains("  養育費 600,000円（受給者 600,000円・児童 0円）の 80%  480,000円\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("所得額: 2,320,000円  扶養親族等の数: 1人  限度額: 2,460,000円\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("所得基準: 該当  県市区分: 県  高額療養費区分: ウ\n", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Unknown_person_or_missing_year_exits_1_a_role_without_the_permission_3_and_bad_usage_2(string provider)
    {
        await using var cli = await WithDataAsync(provider);
        var unknown = await cli.RunAsync("income", "determine", "--atena", "999999", "--year", "2026", "--user", "madoguchi");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("登録されていません", unknown.Error, StringComparison.Ordinal);
        var noRow = await cli.RunAsync("income", "determine", "--atena", "000101", "--year", "2025", "--user", "madoguchi");
        Assert.Equal(1, noRow.ExitCode);
        Assert.Contains("2025年度課税の地方税関係情報がありません", noRow.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await cli.RunAsync("income", "determine", "--atena", "000101", "--year", "2026", "--user", "shiharai")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("income", "determine", "--atena", "000101", "--user", "madoguchi")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("income", "determine", "--atena", "000101", "--year", "26", "--user", "madoguchi")).ExitCode);

        await using var db = Open(cli);
        Assert.Equal(0, await db.IncomeDeterminations.CountAsync());
    }

    private static FukushiDbContext Open(CliHarness cli) => FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));

    private async Task<CliHarness> WithDataAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理")).ExitCode);
        foreach (var (login, role, number) in new[] { ("madoguchi", "窓口", "1001"), ("shinsa", "審査", "2001"), ("shiharai", "支払", "3001") })
        {
            Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", login, "--name", role + " 職員", "--staff-no", number, "--roles", role, "--user", "admin")).ExitCode);
        }

        await using var db = Open(cli);
        var mother = await AddPersonAsync(db, "000101");
        db.Recipients.Add(new Recipient { PersonId = mother, Kind = RecipientKind.Parent, RecipientNumber = "1000017", CreatedAt = Recorded.ToUniversalTime(), Version = 1 });
        await db.RecordAsync(new TaxRecord
        {
            PersonId = mother, TaxYear = 2026, SalaryReceipts = 3_000_000, AggregateIncome = 2_020_000, AggregateIncomeWithSeparate = 3_000_000,
            ChildSupportReceivedByRecipient = 600_000, MinorDependants = 1, PerCapitaMunicipalTax = 3_500,
        }, Recorded, "import:tax.csv");
        var undeclared = await AddPersonAsync(db, "000102");
        await db.RecordAsync(new TaxRecord { PersonId = undeclared, TaxYear = 2026, IsUndeclared = true }, Recorded, "import:tax.csv");
        return cli;
    }

    private static async Task<long> AddPersonAsync(FukushiDbContext db, string atena)
    {
        var person = new Person { AtenaNumber = atena, CreatedAt = Recorded.ToUniversalTime(), Version = 1 };
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        var from = new DateOnly(2020, 1, 1);
        db.PersonRecords.Add(new PersonRecord
        {
            PersonId = person.Id, Name = "試験 " + atena, NameKana = "シケン", NameKanaKey = "シケン", BirthDate = new DateOnly(1990, 4, 2), Sex = Sex.Female,
            ResidencyStatus = ResidencyStatus.Registered, Address = "奈良市二条大路南一丁目1-1", HouseholdNumber = "H" + atena,
            ValidFrom = from, RecordedAt = Recorded.ToUniversalTime(), RecordedBy = "test",
        });
        db.Insurances.Add(new Insurance
        {
            PersonId = person.Id, InsuranceKind = InsuranceKind.National, InsurerNumber = "290015", InsuredRole = InsuredRole.Insured,
            ValidFrom = from, RecordedAt = Recorded.ToUniversalTime(), RecordedBy = "test",
        });
        await db.SaveChangesAsync();
        return person.Id;
    }
}
