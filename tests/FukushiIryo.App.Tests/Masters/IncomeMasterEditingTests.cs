using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Masters.Editing;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Income;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>
/// The income masters on the マスタ管理 rules: a new 所得制限限度額 from a date is what the 所得判定
/// uses from that date (and not the day before); a new 高額療養費 figure starts on a 診療月; the
/// 給与所得控除 table goes by income year; each master's own checks refuse what cannot be right.
/// "Today" is 2026-11-29 (JST), as in <see cref="MasterEditorTests"/>.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class IncomeMasterEditingTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9));

    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static Dictionary<string, string?> RecipientLimits(string zero, string one, string two, string three) => new()
    {
        ["column"] = nameof(LimitColumn.Recipient),
        ["zeroDependants"] = zero,
        ["oneDependant"] = one,
        ["twoDependants"] = two,
        ["threeDependants"] = three,
        ["eachAdditionalDependant"] = "380,000",
        ["elderlyAddOn"] = "100000",
        ["elderlySpouseCounts"] = "true",
        ["specifiedAddOn"] = "150000",
        ["oneElderlyLeftOutWhenAllElderly"] = null,
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_new_income_limit_from_a_date_is_used_by_the_determination_from_that_date(string provider)
    {
        await using var database = await SeededAsync(provider);
        var current = await OpenRecipientLimitAsync(database);
        Assert.Equal((new DateOnly(2024, 11, 1), 2_460_000L), (current.ValidFrom, current.OneDependant));

        var result = await EditAsync(database, MasterCatalog.IncomeLimits, new MasterChange(
            MasterAction.NewFigure, current.Id, current.Version, From: "R9.4.1", Note: "令和9年4月の改定",
            Values: RecipientLimits("2,120,000円", "２，５００，０００", "2880000", "3260000")));

        Assert.Equal(MasterEditOutcome.Saved, result.Outcome);
        await using (var db = database.Open())
        {
            var rows = await db.IncomeLimits.AsNoTracking().Where(l => l.Column == LimitColumn.Recipient).OrderBy(l => l.ValidFrom).ToListAsync();
            Assert.Equal(
                [(new DateOnly(2021, 8, 1), (DateOnly?)new DateOnly(2024, 11, 1), 2_300_000L), (new DateOnly(2024, 11, 1), new DateOnly(2027, 4, 1), 2_460_000L), (new DateOnly(2027, 4, 1), null, 2_500_000L)],
                rows.Select(r => (r.ValidFrom, r.ValidTo, r.OneDependant)).ToList());
            Assert.Equal(
                new IncomeLimitTable(2_120_000, 2_500_000, 2_880_000, 3_260_000, 380_000, 100_000, true, 150_000, false),
                rows[2].ToTable());
            var audit = await db.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.MasterFigureChanged);
            Assert.Equal(("admin", $"income-limits/{rows[2].Id}"), (audit.Actor, audit.SubjectId));
            Assert.Contains("\"oneDependant\":\"2500000\"", audit.Details, StringComparison.Ordinal);
            Assert.Contains("\"oneDependant\":\"2460000\"", audit.Details, StringComparison.Ordinal);
        }

        // 事業所得 2,560,000 − 80,000 = 所得額 2,480,000 with one child: at or over 2,460,000 until
        // 2027-03-31 (非該当, 市), under the new 2,500,000 from 2027-04-01 (該当, 県).
        await using (var db = database.Open())
        {
            await AddParentWithTaxAsync(db, "000501", 2026, aggregateIncome: 2_560_000, minorDependants: 1);
        }

        await using (var db = database.Open())
        {
            var service = new IncomeDeterminations(db, new FixedClock(Now));
            var before = (await service.DetermineAsync("000501", 2026, new DateOnly(2027, 3, 31), "madoguchi")).Report!;
            var after = (await service.DetermineAsync("000501", 2026, new DateOnly(2027, 4, 1), "madoguchi")).Report!;
            Assert.Equal((2_480_000L, 2_460_000L, IncomeCriterion.NotMet, FundingShare.City),
                (before.Stored.Income!.Value, before.Stored.Limit!.Value, before.Stored.Criterion, before.Stored.FundingShare));
            Assert.Equal((2_480_000L, 2_500_000L, IncomeCriterion.Met, FundingShare.Prefecture),
                (after.Stored.Income!.Value, after.Stored.Limit!.Value, after.Stored.Criterion, after.Stored.FundingShare));
            Assert.Contains(new IncomeStep("限度額（受給者、扶養親族等 1人）", 2_500_000), after.Steps);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_new_high_cost_limit_starts_on_a_treatment_month_and_keeps_the_months_before(string provider)
    {
        await using var database = await SeededAsync(provider);
        HighCostLimit a;
        await using (var db = database.Open())
        {
            a = await db.HighCostLimits.AsNoTracking().SingleAsync(l => l.Category == "ア" && l.Kind == HighCostLimitKind.Standard);
        }

        var values = new Dictionary<string, string?>
        {
            ["category"] = "ア", ["kind"] = nameof(HighCostLimitKind.Standard), ["monthlyLimit"] = "270,300", ["costThreshold"] = "901,000",
            ["overflowRatePercent"] = "1", ["annualCap"] = "1,680,000円", ["sortOrder"] = "1",
        };

        // Not on the first of a month: refused beside the start date, nothing saved.
        var mid = await EditAsync(database, MasterCatalog.HighCostLimits, new MasterChange(MasterAction.NewFigure, a.Id, a.Version, From: "2027-08-15", Values: values));
        Assert.Equal(MasterEditOutcome.Invalid, mid.Outcome);
        Assert.Equal("開始日は診療月の初日（1日）にしてください。", mid.Errors[MasterTable.FromKey]);

        var saved = await EditAsync(database, MasterCatalog.HighCostLimits, new MasterChange(MasterAction.NewFigure, a.Id, a.Version, From: "2027-08-01", Values: values));
        Assert.Equal(MasterEditOutcome.Saved, saved.Outcome);

        await using (var db = database.Open())
        {
            async Task<HighCostLimit> On(DateOnly month) => await db.HighCostLimits.AsNoTracking().ValidOn(month)
                .SingleAsync(l => l.Category == "ア" && l.Kind == HighCostLimitKind.Standard);
            var july = await On(new DateOnly(2027, 7, 1));
            var august = await On(new DateOnly(2027, 8, 1));
            Assert.Equal((252_600L, 842_000L, (long?)null), (july.MonthlyLimit, july.CostThreshold!.Value, july.AnnualCap));
            Assert.Equal((270_300L, 901_000L, (long?)1_680_000), (august.MonthlyLimit, august.CostThreshold!.Value, august.AnnualCap));
            Assert.Equal(new DateOnly(2027, 8, 1), july.ValidTo);

            // The other 区分 and kinds are untouched.
            Assert.Equal(13, await db.HighCostLimits.CountAsync(l => l.ValidTo == null));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.MasterFigureChanged && e.SubjectId == $"high-cost-limits/{saved.RowId}"));
        }
    }

    public static TheoryData<string, string, string, string> HighCostRefusals => new()
    {
        // field, value, key, message
        { "overflowRatePercent", "", "overflowRatePercent", "基準額と割合は両方入力するか、両方空欄にしてください。" },
        { "category", "", "category", "区分を入力してください（空欄は長期（特定疾病）だけです）。" },
        { "kind", "Monthly", "kind", "種類は選択肢から選んでください。" },
        { "monthlyLimit", "252,600.5", "monthlyLimit", "限度額（定額、円）は0から99,999,999までの金額（円）を数字で入力してください。" },
    };

    [Theory]
    [MemberData(nameof(HighCostRefusals))]
    public async Task A_high_cost_row_that_cannot_be_right_is_refused_beside_its_field(string field, string value, string key, string message)
    {
        await using var database = await SeededAsync("sqlite");
        var values = new Dictionary<string, string?>
        {
            ["category"] = "カ", ["kind"] = nameof(HighCostLimitKind.Standard), ["monthlyLimit"] = "300000", ["costThreshold"] = "1000000",
            ["overflowRatePercent"] = "1", ["annualCap"] = null, ["sortOrder"] = "14",
        };
        values[field] = value;

        var result = await EditAsync(database, MasterCatalog.HighCostLimits, new MasterChange(MasterAction.Add, From: "2027-08-01", Values: values));

        Assert.Equal(MasterEditOutcome.Invalid, result.Outcome);
        Assert.Equal(message, result.Errors[key]);
        await using var db = database.Open();
        Assert.False(await db.HighCostLimits.AnyAsync(l => l.Category == "カ"));
    }

    [Fact]
    public async Task An_income_limit_that_falls_with_more_dependants_is_refused()
    {
        await using var database = await SeededAsync("sqlite");
        var current = await OpenRecipientLimitAsync(database);
        var result = await EditAsync(database, MasterCatalog.IncomeLimits, new MasterChange(
            MasterAction.NewFigure, current.Id, current.Version, From: "2027-04-01",
            Values: RecipientLimits("2120000", "2500000", "2400000", "3260000")));
        Assert.Equal(MasterEditOutcome.Invalid, result.Outcome);
        Assert.Equal("扶養親族等 2人の限度額は 1人の限度額以上にしてください。", result.Errors["twoDependants"]);
        Assert.Equal(2_460_000L, (await OpenRecipientLimitAsync(database)).OneDependant);
    }

    [Fact]
    public async Task The_salary_table_changes_by_income_year_and_takes_negative_addends()
    {
        await using var database = await SeededAsync("sqlite");
        SalaryDeductionBand band;
        await using (var db = database.Open())
        {
            band = await db.SalaryDeductionBands.AsNoTracking().SingleAsync(b => b.ReceiptsFrom == 651_000 && b.ValidTo == null);
        }

        Dictionary<string, string?> Values(string addend) => new()
        {
            ["receiptsFrom"] = "651,000", ["receiptsTo"] = "1,900,000", ["roundingUnit"] = "1", ["ratePercent"] = "100", ["addend"] = addend,
        };

        var february = await EditAsync(database, MasterCatalog.SalaryDeductionBands, new MasterChange(MasterAction.NewFigure, band.Id, band.Version, From: "2027-02-01", Values: Values("-700000")));
        Assert.Equal("開始日は所得年の初日（1月1日）にしてください。", february.Errors[MasterTable.FromKey]);

        var saved = await EditAsync(database, MasterCatalog.SalaryDeductionBands, new MasterChange(MasterAction.NewFigure, band.Id, band.Version, From: "2027-01-01", Values: Values("△650,000円")));
        Assert.Equal(MasterEditOutcome.Saved, saved.Outcome);
        await using var check = database.Open();
        var added = await check.SalaryDeductionBands.AsNoTracking().SingleAsync(b => b.Id == saved.RowId);
        Assert.Equal((-650_000L, new DateOnly(2027, 1, 1)), (added.Addend, added.ValidFrom));
        Assert.Equal(new DateOnly(2027, 1, 1), (await check.SalaryDeductionBands.AsNoTracking().SingleAsync(b => b.Id == band.Id)).ValidTo);
    }

    [Fact]
    public async Task Every_income_master_is_listed_with_its_shipped_rows_in_force()
    {
        await using var database = await SeededAsync("sqlite");
        await using var db = database.Open();
        var editor = new MasterEditor(db, new FixedClock(Now));
        var expected = new Dictionary<string, int>
        {
            ["income-limits"] = 2, ["income-deductions"] = 1, ["salary-deduction-bands"] = 6, ["high-cost-limits"] = 13, ["high-cost-income-brackets"] = 5,
        };
        foreach (var (key, inForce) in expected)
        {
            var table = MasterCatalog.Find(key);
            Assert.NotNull(table);
            var rows = await editor.RowsAsync(table);
            Assert.Equal(inForce, rows.Count(r => r.State == MasterRowState.InForce));
            Assert.All(rows.Where(r => r.State == MasterRowState.InForce), r => Assert.Contains(MasterAction.NewFigure, r.Actions));
        }

        var limits = await editor.RowsAsync(MasterCatalog.IncomeLimits);
        Assert.Equal(["受給者（父母、父母のいる児童の養育者）", "受給者（父母、父母のいる児童の養育者）", "扶養義務者・配偶者・孤児等の養育者"], limits.Select(r => r.Shown["column"]).ToList());
        var obligor = limits[2];
        Assert.Equal(("2360000", "はい", "いいえ"), (obligor.Values["zeroDependants"], obligor.Shown["oneElderlyLeftOutWhenAllElderly"], obligor.Shown["elderlySpouseCounts"]));
        var longTerm = (await editor.RowsAsync(MasterCatalog.HighCostLimits)).Single(r => r.Values["kind"] == nameof(HighCostLimitKind.LongTerm));
        Assert.Equal(("", "長期（特定疾病）", "10000"), (longTerm.Values["category"], longTerm.Shown["kind"], longTerm.Values["monthlyLimit"]));
    }

    public static TheoryData<string, long?, string?> SignedYenCases => new()
    {
        { "-550,000", -550_000, null },
        { "△550,000円", -550_000, null },
        { "−１，９５０，０００", -1_950_000, null },
        { "100000", 100_000, null },
        { "-100,000,000", null, "加算額は-99,999,999から99,999,999までの金額（円）を数字で入力してください（マイナスは先頭に −）。" },
        { "-", null, "加算額は-99,999,999から99,999,999までの金額（円）を数字で入力してください（マイナスは先頭に −）。" },
    };

    [Theory]
    [MemberData(nameof(SignedYenCases))]
    public void A_signed_yen_field_reads_a_leading_minus_or_triangle(string text, long? expected, string? error)
    {
        long? stored = null;
        var field = MasterFields.Yen<SalaryDeductionBand>("addend", "加算額", _ => stored, (_, value) => stored = value, 99_999_999, min: -99_999_999);
        var info = new MasterFieldInfo("addend", "加算額", MasterFieldKind.WholeNumber, true, null, null, [], false);
        Assert.Equal(error, field.Accept(new SalaryDeductionBand(), text, info));
        Assert.Equal(expected, stored);
    }

    private async Task<TestDatabase> SeededAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Now.AddYears(-1));
        return database;
    }

    private static async Task<MasterEditResult> EditAsync(TestDatabase database, MasterTable table, MasterChange change)
    {
        await using var db = database.Open();
        return await new MasterEditor(db, new FixedClock(Now)).ApplyAsync(table, change, "admin", "127.0.0.1", "test");
    }

    private static async Task<IncomeLimit> OpenRecipientLimitAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.IncomeLimits.AsNoTracking().SingleAsync(l => l.Column == LimitColumn.Recipient && l.ValidTo == null);
    }

    /// <summary>A 受給者 父母 with a declared tax row of <paramref name="aggregateIncome"/> (no salary, no pension).</summary>
    private static async Task AddParentWithTaxAsync(FukushiDbContext db, string atena, int taxYear, long aggregateIncome, int minorDependants)
    {
        var person = new Person { AtenaNumber = atena, CreatedAt = Now.ToUniversalTime(), Version = 1 };
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        db.PersonRecords.Add(new PersonRecord
        {
            PersonId = person.Id, Name = "試験 " + atena, NameKana = "シケン", NameKanaKey = "シケン", BirthDate = new DateOnly(1990, 4, 2),
            Sex = Sex.Female, ResidencyStatus = ResidencyStatus.Registered, Address = "奈良市二条大路南一丁目1-1", HouseholdNumber = "0501",
            ValidFrom = new DateOnly(2020, 1, 1), RecordedAt = Now.ToUniversalTime(), RecordedBy = "test",
        });
        db.Recipients.Add(new Recipient { PersonId = person.Id, Kind = RecipientKind.Parent, RecipientNumber = FukushiIryo.Domain.Numbers.RecipientNumber.FromSerial(100050).ToString(), CreatedAt = Now.ToUniversalTime(), Version = 1 });
        await db.SaveChangesAsync();
        await db.RecordAsync(new TaxRecord
        {
            PersonId = person.Id, TaxYear = taxYear, AggregateIncome = aggregateIncome, AggregateIncomeWithSeparate = aggregateIncome, MinorDependants = minorDependants,
        }, Now.AddDays(-30), "import:tax.csv");
    }
}
