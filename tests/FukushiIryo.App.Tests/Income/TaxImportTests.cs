using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Demo;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Income;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Income;

/// <summary><c>import tax</c> (interfaces.md §0, §3) on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class TaxImportTests(PostgresFixture fixture) : IDisposable
{
    private static readonly DateOnly ImportDay = new(2026, 7, 1);
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-tax-").FullName;

    // 0001: a mother and her son of 11 (concerned: a child under the 18歳年度末).
    // 0002: a couple in their sixties, no child, no recipient (in the 台帳 through a --migration load only).
    // 0004: a recipient living alone (a carer whose grandchild lives elsewhere).
    private static readonly string[] Residents =
    [
        "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
        "000102,0001,奈良 一郎,ナラ イチロウ,2015-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
        "000201,0002,春日 太郎,カスガ タロウ,1960-03-03,1,世帯主,6308213,奈良県奈良市登大路町1番地,1,,,",
        "000202,0002,春日 良子,カスガ ヨシコ,1962-07-07,2,妻,6308213,奈良県奈良市登大路町1番地,1,,,",
        "000401,0004,生駒 トメ,イコマ トメ,1955-01-20,2,世帯主,6308213,奈良県奈良市登大路町2番地,1,,,",
    ];

    /// <summary>The mother's declared 2026 record: 給与 2,400,000 円, a loss in その他雑所得, ひとり親, one 年少扶養.</summary>
    private static readonly Dictionary<string, string> MotherItems = new()
    {
        ["給与収入"] = "2400000",
        ["その他雑所得"] = "-50000",
        ["総所得"] = "1590000",
        ["総所得金額等"] = "1590000",
        ["合計所得"] = "1590000",
        ["住民税法社会保険料控除額"] = "348000",
        ["控除対象配偶者区分"] = "0",
        ["年少扶養人数"] = "1",
        ["生計維持児童数"] = "1",
        ["均等割額 市区町村民税"] = "3000",
        ["均等割額 都道府県民税"] = "1500",
        ["寡婦区分"] = "2",
        ["その他障害者該当"] = "1",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Items_are_typed_by_kind_and_an_undeclared_row_keeps_every_item_unknown(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var result = await ImportAsync(database, Write("tax.csv",
        [
            Declared("000101", 2026, MotherItems),
            Undeclared("000102", 2026),
            Declared("000101", 2025, new() { ["給与収入"] = "2300000", ["扶養 特定"] = "2", ["控除対象配偶者区分"] = "2", ["寡婦区分"] = "1" }),
        ]));

        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal((3, 3, 0, 0), (result.RowsRead, result.Inserted, result.Updated, result.Unchanged));
        await using var db = database.Open();
        var mother = await PersonIdAsync(db, "000101");
        var record = await db.TaxRecords.FindCurrentAsync(mother, 2026);
        Assert.NotNull(record);
        Assert.False(record.IsUndeclared);
        Assert.Equal(2_400_000L, record.SalaryReceipts);
        Assert.Equal(-50_000L, record.OtherMiscellaneousIncome);
        Assert.Equal(1_590_000L, record.AggregateIncomeWithSeparate);
        Assert.Equal(348_000L, record.ResidentTaxSocialInsuranceDeduction);
        Assert.Equal(1, record.MinorDependants);
        Assert.Equal(0, record.DependantsOther);
        Assert.Equal(SpouseDeductionKind.None, record.SpouseDeductionKind);
        Assert.Equal(WidowKind.SingleParent, record.WidowKind);
        Assert.True(record.IsDisabled);
        Assert.False(record.IsWorkingStudent);
        Assert.Equal(0L, record.PensionReceipts);
        Assert.Null(record.ChildSupportReceivedByChild); // 養育費 comes from the 申告, empty in the extract
        Assert.Null(record.ChildSupportReceivedByRecipient);
        Assert.Equal("shinsa1", record.RecordedBy);
        Assert.Equal(RecordKind.Initial, record.Kind);
        Assert.StartsWith("import tax tax.csv sha256:", record.Source, StringComparison.Ordinal);

        var earlier = await db.TaxRecords.FindCurrentAsync(mother, 2025);
        Assert.Equal((2_300_000L, 2, SpouseDeductionKind.Elderly, WidowKind.Widow), (earlier!.SalaryReceipts, earlier.DependantsSpecified, earlier.SpouseDeductionKind, earlier.WidowKind));

        var undeclared = await db.TaxRecords.FindCurrentAsync(await PersonIdAsync(db, "000102"), 2026);
        Assert.NotNull(undeclared);
        Assert.True(undeclared.IsUndeclared);
        Assert.All(TaxItems.All, item => Assert.Null(item.GetValue(undeclared)));

        var audit = await db.AuditEvents.SingleAsync(e => e.EventType == "import.tax");
        Assert.Contains("\"inserted\":3", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("2400000", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_with_one_bad_row_writes_nothing_and_reports_line_column_and_reason(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var path = Write("bad.csv",
        [
            Declared("000101", 2026, MotherItems), // line 2: good
            Declared("000102", 2026, new() { ["給与収入"] = "-1", ["扶養 その他"] = "1.5", ["勤労学生該当"] = "2", ["寡婦区分"] = "3", ["総所得"] = "-120000" }), // line 3
            Undeclared("000401", 2026, new() { ["給与収入"] = "1000000" }), // line 4: a value on a 未申告 row
            Declared("000401", 26, []), // line 5: not a 西暦 year
            Declared("000101", 2026, []), // line 6: the same person and year again
            Declared("000401", 2025, new() { ["年金収入"] = string.Empty }), // line 7: a required amount left empty
        ]);
        var result = await ImportAsync(database, path);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var problems = result.Errors.Select(e => $"{e.Line}:{e.Column}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[] { "3:給与収入", "3:扶養 その他", "3:勤労学生該当", "3:寡婦区分", "4:給与収入", "5:課税年度", "6:宛名番号", "7:年金収入" }.Order(StringComparer.Ordinal),
            problems);
        Assert.Equal("負の値は書けません", result.Errors.Single(e => e.Line == 3 && e.Column == "給与収入").Reason);
        Assert.Contains("0（なし）・1（寡婦）・2（ひとり親）", result.Errors.Single(e => e.Column == "寡婦区分").Reason, StringComparison.Ordinal);
        Assert.Contains("未申告", result.Errors.Single(e => e.Line == 4).Reason, StringComparison.Ordinal);
        Assert.Contains("2 行目", result.Errors.Single(e => e.Line == 6).Reason, StringComparison.Ordinal);
        Assert.Equal("000101", result.Errors.Single(e => e.Line == 6).Value); // the key, never an amount
        await using var db = database.Open();
        Assert.Equal(0, await db.TaxRecords.CountAsync());
        Assert.Equal(0, await db.ImportedFiles.CountAsync(f => f.Kind == "tax"));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.EventType == "import.tax"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Persons_the_program_does_not_concern_are_skipped_and_never_stored(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var path = Write("tax.csv",
        [
            Declared("000101", 2026, MotherItems), // 2: the mother of a child under 18
            Declared("000201", 2026, []), // 3: in the 台帳 (migration) but concerns nobody
            Undeclared("000202", 2026), // 4: the same
            Declared("000401", 2026, new() { ["年金収入"] = "1500000" }), // 5: a recipient
            Declared("999999", 2026, []), // 6: unknown to the 台帳
        ]);
        var dryRun = await ImportAsync(database, path, dryRun: true);
        Assert.Equal(ImportStatus.Validated, dryRun.Status);
        Assert.Equal([3L, 4L, 6L], dryRun.SkippedLines);

        var result = await ImportAsync(database, path);
        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal(2, result.Inserted);
        Assert.Equal([3L, 4L, 6L], result.SkippedLines);
        await using var db = database.Open();
        var stored = await (from t in db.TaxRecords join p in db.Persons on t.PersonId equals p.Id select p.AtenaNumber).OrderBy(a => a).ToListAsync();
        Assert.Equal(["000101", "000401"], stored);
        Assert.False(await db.Persons.AnyAsync(p => p.AtenaNumber == "999999"), "a skipped row creates no person");
        var file = await db.ImportedFiles.SingleAsync(f => f.Kind == "tax");
        Assert.Equal((5, 2, 3), (file.RowsRead, file.RowsImported, file.RowsSkipped));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_row_supersedes_and_the_same_content_again_changes_nothing(string provider)
    {
        await using var database = await ReadyAsync(provider);
        await ImportAsync(database, Write("tax-1.csv", [Declared("000101", 2026, MotherItems), Undeclared("000401", 2026)]));

        // The tax office corrects the mother's salary; the carer has declared meanwhile.
        var corrected = new Dictionary<string, string>(MotherItems) { ["給与収入"] = "2450000" };
        var second = await ImportAsync(database, Write("tax-2.csv", [Declared("000101", 2026, corrected), Declared("000401", 2026, new() { ["年金収入"] = "1500000" })]), clockOffsetDays: 30);
        Assert.Equal((0, 2, 0), (second.Inserted, second.Updated, second.Unchanged));

        // The same content in other bytes (another order, CRLF): nothing is recorded.
        var again = Path.Combine(folder, "tax-3.csv");
        File.WriteAllText(again, Header + "\r\n" + Declared("000401", 2026, new() { ["年金収入"] = "1500000" }) + "\r\n" + Declared("000101", 2026, corrected) + "\r\n", new UTF8Encoding(true));
        var third = await ImportAsync(database, again, clockOffsetDays: 60);
        Assert.Equal(ImportStatus.Imported, third.Status);
        Assert.Equal((0, 0, 2), (third.Inserted, third.Updated, third.Unchanged));

        await using var db = database.Open();
        var mother = await PersonIdAsync(db, "000101");
        var rows = await db.TaxRecords.For(mother, 2026).OrderBy(r => r.RecordedAt).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal((2_400_000L, 2_450_000L), (rows[0].SalaryReceipts, rows[1].SalaryReceipts));
        Assert.NotNull(rows[0].SupersededAt);
        Assert.Null(rows[1].SupersededAt);
        Assert.Equal(RecordKind.Correction, rows[1].Kind);

        // What was known before the correction can still be read.
        var before = await db.TaxRecords.FindKnownAtAsync(mother, 2026, rows[1].RecordedAt.AddSeconds(-1));
        Assert.Equal(2_400_000L, before!.SalaryReceipts);
        var carer = await db.TaxRecords.FindCurrentAsync(await PersonIdAsync(db, "000401"), 2026);
        Assert.False(carer!.IsUndeclared);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_file_is_refused_the_second_time(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var path = Write("tax.csv", [Declared("000101", 2026, MotherItems)]);
        Assert.Equal(ImportStatus.Imported, (await ImportAsync(database, path)).Status);
        Assert.Equal(ImportStatus.AlreadyImported, (await ImportAsync(database, path)).Status);
        await using var db = database.Open();
        Assert.Equal(1, await db.TaxRecords.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reimport_never_touches_the_staff_entered_child_support(string provider)
    {
        await using var database = await ReadyAsync(provider);
        await ImportAsync(database, Write("tax-1.csv", [Declared("000101", 2026, MotherItems)]));
        await using (var db = database.Open())
        {
            var mother = await db.Persons.SingleAsync(p => p.AtenaNumber == "000101");
            await ChildSupportDeclarations.RecordAsync(db, new SettableClock(new DateTimeOffset(2026, 7, 2, 1, 0, 0, TimeSpan.Zero)),
                new ChildSupportEntry(mother.Id, mother.Version, 2026, 360_000, 120_000), "madoguchi1");
        }

        // A later extract that carries 養育費 items of its own, and another salary.
        var later = new Dictionary<string, string>(MotherItems) { ["給与収入"] = "2500000", ["児童養育費"] = "0", ["受給者養育費"] = "0" };
        var result = await ImportAsync(database, Write("tax-2.csv", [Declared("000101", 2026, later)]), clockOffsetDays: 10);
        Assert.Equal(1, result.Updated);

        await using var check = database.Open();
        var id = await PersonIdAsync(check, "000101");
        var declared = await ChildSupportDeclarations.FindDeclaredAsync(check, id, 2026);
        Assert.NotNull(declared);
        Assert.Equal((360_000L, 120_000L, 480_000L), (declared.ReceivedByChild, declared.ReceivedByRecipient, declared.Total));
        Assert.Equal(0L, (await check.TaxRecords.FindCurrentAsync(id, 2026))!.ChildSupportReceivedByChild);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_demo_tax_file_imports_cleanly_onto_the_seeded_ledger_and_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var population = DemoGenerator.Generate(new DemoOptions(40, 7, new DateOnly(2026, 11, 29)), await DemoReferenceData.LoadAsync());
        await using (var db = database.Open())
        {
            await new DemoSeeder(db, new SettableClock(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero))).SeedAsync(population, "admin");
        }

        var files = DemoFiles.Write(population, folder);
        var tax = files.Single(f => f.EndsWith(DemoFiles.TaxFileName, StringComparison.Ordinal));
        var result = await ImportAsync(database, tax, importDay: new DateOnly(2026, 11, 30));

        Assert.True(result.Status == ImportStatus.Imported, string.Join("\n", result.Errors.Take(5).Select(e => $"{e.Line} {e.Column} {e.Reason}")));
        var rows = population.Persons.Sum(p => p.TaxRecords.Count);
        Assert.True(rows > 40, "the demo writes tax rows for every adult of the program");
        Assert.Equal(rows, result.RowsRead);
        Assert.Equal((0, 0, rows), (result.Inserted, result.Updated, result.Unchanged));
        Assert.Empty(result.SkippedLines);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Header => string.Join(",", DemoFiles.TaxHeader);

    /// <summary>A declared row: every item 0 (codes and flags 0), 養育費 empty, then <paramref name="items"/>.</summary>
    private static string Declared(string atena, int taxYear, Dictionary<string, string> items) =>
        Line(atena, taxYear, "0", item => items.TryGetValue(item.Name, out var value) ? value : item.Name is "児童養育費" or "受給者養育費" ? string.Empty : "0");

    /// <summary>A 未申告 row: every item empty, then <paramref name="items"/> (to test a contradiction).</summary>
    private static string Undeclared(string atena, int taxYear, Dictionary<string, string>? items = null) =>
        Line(atena, taxYear, "1", item => items?.GetValueOrDefault(item.Name) ?? string.Empty);

    private static string Line(string atena, int taxYear, string undeclared, Func<TaxItem, string> value) =>
        string.Join(",", new[] { atena, taxYear.ToString(System.Globalization.CultureInfo.InvariantCulture), undeclared }.Concat(TaxItems.All.Select(value)));

    private string Write(string name, IEnumerable<string> rows)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(true));
        return path;
    }

    private async Task<TestDatabase> ReadyAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        var residents = Path.Combine(folder, "residents.csv");
        File.WriteAllText(residents, "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日\n" + string.Join("\n", Residents) + "\n", new UTF8Encoding(true));
        await using var db = database.Open();
        var clock = new SettableClock(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var loaded = await new ResidentsImport(db, clock).RunAsync(new ImportRequest(residents, "admin", new DateOnly(2026, 4, 1), Migration: true));
        Assert.Equal(ImportStatus.Imported, loaded.Status);
        var carer = await db.Persons.SingleAsync(p => p.AtenaNumber == "000401");
        db.Recipients.Add(new Recipient { PersonId = carer.Id, RecipientNumber = "1000009", Kind = RecipientKind.Carer, CreatedAt = DateTimeOffset.UnixEpoch, Version = 1 });
        await db.SaveChangesAsync();
        return database;
    }

    private static async Task<ImportResult> ImportAsync(TestDatabase database, string path, bool dryRun = false, DateOnly? importDay = null, int clockOffsetDays = 0)
    {
        var day = importDay ?? ImportDay;
        await using var db = database.Open();
        var clock = new SettableClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero).AddDays(clockOffsetDays));
        return await new TaxImport(db, clock).RunAsync(new ImportRequest(path, "shinsa1", day, DryRun: dryRun));
    }

    private static Task<long> PersonIdAsync(FukushiDbContext db, string atena) =>
        db.Persons.Where(p => p.AtenaNumber == atena).Select(p => p.Id).SingleAsync();
}
