using System.Text.Json;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Income;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Income;

/// <summary>The stored 所得判定 and the shipped income masters, on both providers.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class IncomeDeterminationTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateOnly BaseDate = new(2026, 9, 1);
    private static readonly DateOnly Since = new(2020, 1, 1);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_determination_is_stored_with_its_steps_kept_and_audited_and_a_later_one_adds_a_row(string provider)
    {
        await using var database = await SeededAsync(provider);
        long motherId;
        await using (var db = database.Open())
        {
            // 給与収入 3,000,000 (給与所得 2,020,000), 養育費 600,000, one child: 2,320,000 < 2,460,000.
            motherId = await AddPersonAsync(db, "000101", "0001", InsuranceKind.Employee);
            await AddRecipientAsync(db, motherId, RecipientKind.Parent, "1000017");
            await AddTaxAsync(db, motherId, 2026, t =>
            {
                t.SalaryReceipts = 3_000_000;
                t.AggregateIncome = 2_020_000;
                t.AggregateIncomeWithSeparate = 2_020_000;
                t.ChildSupportReceivedByRecipient = 600_000;
                t.MinorDependants = 1;
            });
        }

        await using (var db = database.Open())
        {
            var outcome = await new IncomeDeterminations(db, new FixedClock(Now)).DetermineAsync("000101", 2026, BaseDate, "madoguchi");
            var report = Assert.IsType<IncomeDeterminationReport>(outcome.Report);
            Assert.Equal((2_320_000L, 1, 2_460_000L), (report.Stored.Income!.Value, report.Stored.Dependants!.Value, report.Stored.Limit!.Value));
            Assert.Null(report.HighCost);
        }

        await using (var db = database.Open())
        {
            var stored = await db.IncomeDeterminations.SingleAsync();
            Assert.Equal(
                (motherId, 2026, 2025, BaseDate, IncomeTestRole.Parent, IncomeCriterion.Met, FundingShare.Prefecture, (string?)null, "madoguchi"),
                (stored.PersonId, stored.TaxYear, stored.IncomeYear, stored.BaseDate, stored.Role, stored.Criterion, stored.FundingShare, stored.HighCostCategory, stored.DeterminedBy));
            Assert.Equal(Now.ToUniversalTime(), stored.DeterminedAt);
            var steps = IncomeDeterminations.StepsFromJson(stored.Steps);
            Assert.Contains(new IncomeStep("養育費 600,000円（受給者 600,000円・児童 0円）の 80%", 480_000), steps);
            Assert.Contains(new IncomeStep("＝ 所得額（所得の合計 − 控除の合計）", 2_320_000), steps);
            using var json = JsonDocument.Parse(stored.Steps);
            Assert.Equal(2_320_000, json.RootElement.EnumerateArray().Single(e => e.GetProperty("項目").GetString() == "＝ 所得額（所得の合計 − 控除の合計）").GetProperty("金額").GetInt64());
            var audit = await db.AuditEvents.SingleAsync(e => e.EventType == "income.determined");
            Assert.Equal(("madoguchi", "person", "000101"), (audit.Actor, audit.SubjectType, audit.SubjectId));
        }

        // The tax row is corrected (養育費 1,000,000): a new determination is a new row; the first stays.
        await using (var db = database.Open())
        {
            var current = await db.TaxRecords.FindCurrentAsync(motherId, 2026);
            var corrected = current!.CopyForCorrection();
            corrected.ChildSupportReceivedByRecipient = 1_000_000;
            await db.RecordAsync(corrected, Now.AddDays(1), "staff");
            var outcome = await new IncomeDeterminations(db, new FixedClock(Now.AddDays(1))).DetermineAsync("000101", 2026, BaseDate, "shinsa");
            Assert.Equal(IncomeCriterion.NotMet, outcome.Report!.Stored.Criterion);
        }

        await using (var db = database.Open())
        {
            var rows = await db.IncomeDeterminations.OrderBy(d => d.Id).ToListAsync();
            Assert.Equal(
                [(IncomeCriterion.Met, FundingShare.Prefecture, 2_320_000L, "madoguchi"), (IncomeCriterion.NotMet, FundingShare.City, 2_640_000L, "shinsa")],
                rows.Select(r => (r.Criterion, r.FundingShare, r.Income!.Value, r.DeterminedBy)).ToList());
            Assert.NotEqual(rows[0].TaxRecordId, rows[1].TaxRecordId);
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.EventType == "income.determined"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_kokuho_household_gets_its_high_cost_category_and_an_undeclared_member_makes_it_a(string provider)
    {
        await using var database = await SeededAsync(provider);
        await using (var db = database.Open())
        {
            // Mother 総所得金額等 3,000,000 and grandmother 1,500,000, same 世帯 and 国保: 2,570,000 + 1,070,000 → ウ.
            var mother = await AddPersonAsync(db, "000201", "0002", InsuranceKind.National);
            await AddRecipientAsync(db, mother, RecipientKind.Parent, "1000025");
            var grandmother = await AddPersonAsync(db, "000202", "0002", InsuranceKind.National);
            await AddObligorAsync(db, mother, grandmother);
            // A lodger in the same 世帯 with 社保 is not a 国保 member.
            var lodger = await AddPersonAsync(db, "000203", "0002", InsuranceKind.Employee);
            await AddTaxAsync(db, mother, 2026, t => { t.AggregateIncome = 3_000_000; t.AggregateIncomeWithSeparate = 3_000_000; t.MinorDependants = 1; t.PerCapitaMunicipalTax = 3_500; });
            await AddTaxAsync(db, grandmother, 2026, t => { t.AggregateIncome = 1_500_000; t.AggregateIncomeWithSeparate = 1_500_000; t.PerCapitaMunicipalTax = 3_500; });
            await AddTaxAsync(db, lodger, 2026, t => t.IsUndeclared = true);
        }

        await using (var db = database.Open())
        {
            var service = new IncomeDeterminations(db, new FixedClock(Now));
            var mother = (await service.DetermineAsync("000201", 2026, BaseDate, "madoguchi")).Report!;
            Assert.Equal(("ウ", 3_640_000L), (mother.Stored.HighCostCategory, mother.HighCost!.IncomeTotal!.Value));
            Assert.Contains(mother.Steps, s => s.Item == "宛名番号 000202: 旧ただし書き所得 ＝ 総所得金額等 1,500,000円 − 基礎控除 430,000円（0円未満は0円）" && s.Amount == 1_070_000);

            // The grandmother is a 扶養義務者: 扶養義務者 column, 2,360,000 for 0 dependants.
            var grandmother = (await service.DetermineAsync("000202", 2026, BaseDate, "madoguchi")).Report!;
            Assert.Equal((IncomeTestRole.SupportObligor, LimitColumn.SupportObligor, 2_360_000L, "ウ"),
                (grandmother.Stored.Role, grandmother.Stored.Column, grandmother.Stored.Limit!.Value, grandmother.Stored.HighCostCategory));
        }

        // The grandmother's row becomes 未申告: the household is ア, and her own test 判定不能 (市).
        await using (var db = database.Open())
        {
            var grandmotherId = await db.Persons.Where(p => p.AtenaNumber == "000202").Select(p => p.Id).SingleAsync();
            await db.RecordAsync(new TaxRecord { PersonId = grandmotherId, TaxYear = 2026, IsUndeclared = true }, Now, "staff");
            var service = new IncomeDeterminations(db, new FixedClock(Now));
            var mother = (await service.DetermineAsync("000201", 2026, BaseDate, "madoguchi")).Report!;
            Assert.Equal(("ア", IncomeCriterion.NotMet), (mother.Stored.HighCostCategory, mother.Stored.Criterion));
            var grandmother = (await service.DetermineAsync("000202", 2026, BaseDate, "madoguchi")).Report!;
            Assert.Equal((IncomeCriterion.Undetermined, FundingShare.City, "ア", (long?)null), (grandmother.Stored.Criterion, grandmother.Stored.FundingShare, grandmother.Stored.HighCostCategory, grandmother.Stored.Income));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_person_or_a_missing_tax_row_stores_nothing(string provider)
    {
        await using var database = await SeededAsync(provider);
        await using var db = database.Open();
        await AddPersonAsync(db, "000301", "0003", InsuranceKind.Employee);
        var service = new IncomeDeterminations(db, new FixedClock(Now));
        Assert.Equal(IncomeDeterminationRefusal.UnknownPerson, (await service.DetermineAsync("999999", 2026, BaseDate, "madoguchi")).Refusal);
        Assert.Equal(IncomeDeterminationRefusal.NoTaxRecord, (await service.DetermineAsync("000301", 2026, BaseDate, "madoguchi")).Refusal);
        Assert.Equal(0, await db.IncomeDeterminations.CountAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.EventType == "income.determined"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_shipped_masters_give_the_figures_of_the_rules_by_date(string provider)
    {
        await using var database = await SeededAsync(provider);
        await using var db = database.Open();
        async Task<long> RecipientZero(DateOnly date) => (await db.IncomeLimits.ValidOn(date).SingleAsync(l => l.Column == LimitColumn.Recipient)).ZeroDependants;
        Assert.Equal(1_920_000, await RecipientZero(new DateOnly(2024, 10, 31)));
        Assert.Equal(2_080_000, await RecipientZero(new DateOnly(2024, 11, 1)));
        var obligor = await db.IncomeLimits.ValidOn(BaseDate).SingleAsync(l => l.Column == LimitColumn.SupportObligor);
        Assert.Equal(new IncomeLimitTable(2_360_000, 2_740_000, 3_120_000, 3_500_000, 380_000, 60_000, false, 0, true), obligor.ToTable());
        Assert.Equal(
            new IncomeDeductionFigures(80_000, 80, 100_000, 270_000, 400_000, 270_000, 270_000, 350_000),
            (await db.IncomeDeductions.ValidOn(BaseDate).SingleAsync()).ToFigures());
        async Task<long> Salary(int incomeYear, long receipts) =>
            SalaryIncome.Compute(receipts, (await db.SalaryDeductionBands.ValidOn(new DateOnly(incomeYear, 1, 1)).ToListAsync()).Select(b => b.ToBand()).ToList());
        Assert.Equal(1_180_000, await Salary(2020, 1_800_000));
        Assert.Equal(1_180_000, await Salary(2024, 1_800_000));
        Assert.Equal(1_150_000, await Salary(2025, 1_800_000));
        Assert.Equal(1_150_000, await Salary(2026, 1_800_000));
        Assert.Equal(4_836_800, await Salary(2026, 6_599_999));
        var a = await db.HighCostLimits.ValidOn(new DateOnly(2026, 7, 1)).SingleAsync(l => l.Category == "ア" && l.Kind == HighCostLimitKind.Standard);
        Assert.Equal((252_600L, 842_000L, 1), (a.MonthlyLimit, a.CostThreshold!.Value, a.OverflowRatePercent!.Value));
        Assert.Equal(24_600, (await db.HighCostLimits.SingleAsync(l => l.Category == "オ" && l.Kind == HighCostLimitKind.ManyTimes)).MonthlyLimit);
        Assert.Equal(10_000, (await db.HighCostLimits.SingleAsync(l => l.Category == null && l.Kind == HighCostLimitKind.LongTerm)).MonthlyLimit);
        Assert.Equal(["ア", "イ"], await db.HighCostLimits.Where(l => l.Kind == HighCostLimitKind.LongTermDialysis).OrderBy(l => l.SortOrder).Select(l => l.Category!).ToListAsync());
        Assert.Equal(430_000, (await db.IncomeDeductions.SingleAsync()).HighCostBasicDeduction);
        Assert.All(await db.IncomeLimits.Select(l => l.Note).ToListAsync(), note => Assert.Equal("初期値 — 市の規則で確認のこと", note));
    }

    [Theory]
    [InlineData(2026, "2026-09-01", "2026-09-01")]
    [InlineData(2026, "2026-07-31", "2026-08-01")]
    [InlineData(2025, "2026-07-31", "2026-07-31")]
    [InlineData(2024, "2026-09-01", "2025-07-31")]
    public void The_default_base_date_lies_in_the_year_that_uses_the_tax_data(int taxYear, string today, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            IncomeDeterminations.DefaultBaseDate(taxYear, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    private async Task<TestDatabase> SeededAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Now);
        return database;
    }

    private static async Task<long> AddPersonAsync(FukushiDbContext db, string atena, string household, InsuranceKind insurance)
    {
        var person = new Person { AtenaNumber = atena, CreatedAt = Now.ToUniversalTime(), Version = 1 };
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        db.PersonRecords.Add(Stamp(new PersonRecord
        {
            PersonId = person.Id, Name = "試験 " + atena, NameKana = "シケン", NameKanaKey = "シケン", BirthDate = new DateOnly(1990, 4, 2),
            Sex = Sex.Female, ResidencyStatus = ResidencyStatus.Registered, Address = "奈良市二条大路南一丁目1-1", HouseholdNumber = household,
        }));
        db.Insurances.Add(Stamp(new Insurance
        {
            PersonId = person.Id, InsuranceKind = insurance, InsurerNumber = insurance == InsuranceKind.National ? "290015" : "01290017", InsuredRole = InsuredRole.Insured,
        }));
        await db.SaveChangesAsync();
        return person.Id;
    }

    private static async Task AddRecipientAsync(FukushiDbContext db, long personId, RecipientKind kind, string number)
    {
        db.Recipients.Add(new Recipient { PersonId = personId, Kind = kind, RecipientNumber = number, CreatedAt = Now.ToUniversalTime(), Version = 1 });
        await db.SaveChangesAsync();
    }

    private static async Task AddObligorAsync(FukushiDbContext db, long recipientPersonId, long obligorId)
    {
        var household = new WelfareHousehold { CreatedAt = Now.ToUniversalTime(), Version = 1 };
        db.Households.Add(household);
        await db.SaveChangesAsync();
        db.HouseholdMembers.Add(Stamp(new HouseholdMember { HouseholdId = household.Id, PersonId = recipientPersonId, RelationshipToRecipient = "本人" }));
        db.HouseholdMembers.Add(Stamp(new HouseholdMember { HouseholdId = household.Id, PersonId = obligorId, RelationshipToRecipient = IncomeDeterminations.SupportObligorRelationship }));
        await db.SaveChangesAsync();
    }

    private static async Task AddTaxAsync(FukushiDbContext db, long personId, int taxYear, Action<TaxRecord> fill)
    {
        var record = new TaxRecord { PersonId = personId, TaxYear = taxYear };
        fill(record);
        await db.RecordAsync(record, Now.AddDays(-30), "import:tax.csv");
    }

    private static T Stamp<T>(T row)
        where T : HistoryRow
    {
        row.ValidFrom = Since;
        row.RecordedAt = Now.ToUniversalTime();
        row.RecordedBy = "test";
        return row;
    }
}
