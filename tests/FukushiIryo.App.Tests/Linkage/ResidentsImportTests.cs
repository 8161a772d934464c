using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Formats.Common;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Linkage;

/// <summary><c>import residents</c> (interfaces.md §0, §1) on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ResidentsImportTests(PostgresFixture fixture) : IDisposable
{
    private const string Header = "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日";
    private static readonly DateOnly ImportDay = new(2026, 11, 2);
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-residents-").FullName;

    // Household 0001: a mother and two children (one 17, one 5). Household 0002: two adults, no
    // child and no recipient (out of purpose). 0003: a 住登外 child living outside the city.
    private static readonly string[] FirstExtract =
    [
        "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,630-8501,奈良県奈良市登大路町30番地,1,,,",
        "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
        "000103,0001,奈良 𠮷乃,ナラ ヨシノ,2021-01-15,2,子,6308501,奈良県奈良市登大路町30番地,1,,,",
        "000201,0002,春日 太郎,カスガ タロウ,1960-03-03,1,世帯主,6308213,奈良県奈良市登大路町1番地,1,,,",
        "000202,0002,春日 良子,カスガ ヨシコ,1962-07-07,2,妻,6308213,奈良県奈良市登大路町1番地,1,,,",
        "000301,,遠方 陽菜,エンポウ ヒナ,2015-08-20,2,,1000001,東京都千代田区千代田1番,2,,,",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_first_extract_stores_the_persons_the_program_concerns_and_skips_the_others(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var result = await ImportAsync(database, Write("residents.csv", FirstExtract));

        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal(6, result.RowsRead);
        Assert.Equal(4, result.Inserted);
        Assert.Equal([5L, 6L], result.SkippedLines); // household 0002: adults only, no recipient
        await using var db = database.Open();
        Assert.Equal(["000101", "000102", "000103", "000301"], await db.Persons.OrderBy(p => p.AtenaNumber).Select(p => p.AtenaNumber).ToListAsync());
        Assert.False(await db.Persons.AnyAsync(p => p.AtenaNumber == "000201"), "an out-of-purpose person is never stored");
        var mother = await RecordAsync(db, "000101", ImportDay);
        Assert.Equal(("ナラ　ハナコ", "ナラハナコ", "6308501", Sex.Female), (mother.NameKana, mother.NameKanaKey, mother.PostalCode, mother.Sex));
        // 𠮷 (U+20BB7, outside CP932) is kept as it was written.
        Assert.Equal("奈良 𠮷乃", (await RecordAsync(db, "000103", ImportDay)).Name);
        var remote = await RecordAsync(db, "000301", ImportDay);
        Assert.Equal(ResidencyStatus.Unregistered, remote.ResidencyStatus);
        Assert.Null(remote.HouseholdNumber);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == "import.residents"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migration_takes_every_row(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var result = await ImportAsync(database, Write("residents.csv", FirstExtract), migration: true);
        Assert.Equal(6, result.Inserted);
        Assert.Empty(result.SkippedLines);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_extract_records_a_move_a_death_and_a_common_law_partner_with_history(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await ImportAsync(database, Write("residents-1.csv", FirstExtract), importDay: new DateOnly(2026, 4, 1));
        var motherRecipient = await EnrolAsync(database, "000101", RecipientKind.Parent, "1000009");
        var childRecipient = await EnrolAsync(database, "000103", RecipientKind.Child, "1000017");

        var changes = Write("residents-2.csv",
        [
            // A move on 2026-10-15 (転居), reported on 10-20.
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6300213,奈良県奈良市東向中町1番地,1,転居,2026-10-15,2026-10-20",
            // Unchanged.
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            // The younger child dies (a sad but real case for the 台帳).
            "000103,0001,奈良 𠮷乃,ナラ ヨシノ,2021-01-15,2,子,6300213,奈良県奈良市東向中町1番地,1,死亡,2026-10-25,2026-10-26",
            // A man joins the mother's household as 夫（未届）: the 住基 sign of 事実婚.
            "000104,0001,大和 健,ヤマト ケン,1985-11-30,1,夫（未届）,6300213,奈良県奈良市東向中町1番地,1,転入,2026-10-28,2026-10-28",
        ]);
        var result = await ImportAsync(database, changes);

        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal((1, 2, 1), (result.Inserted, result.Updated, result.Unchanged));
        await using var db = database.Open();
        Assert.Equal("奈良県奈良市登大路町30番地", (await RecordAsync(db, "000101", new DateOnly(2026, 10, 14))).Address);
        Assert.Equal("奈良県奈良市東向中町1番地", (await RecordAsync(db, "000101", new DateOnly(2026, 10, 15))).Address);
        Assert.Equal("夫（未届）", (await RecordAsync(db, "000104", new DateOnly(2026, 10, 28))).RegistryRelationship);

        var candidates = await db.LossCandidates.OrderBy(c => c.Cause).ToListAsync();
        Assert.Equal(2, candidates.Count);
        Assert.Contains(candidates, c => c.Cause == "死亡" && c.RecipientId == childRecipient && c.EventDate == new DateOnly(2026, 10, 25));
        Assert.Contains(candidates, c => c.Cause == "夫（未届）" && c.RecipientId == motherRecipient);
        Assert.All(candidates, c => Assert.Equal(LossCandidateStatus.Open, c.Status));

        // Nothing was lost automatically.
        Assert.Equal(0, await db.EligibilityRecords.CountAsync(e => e.Status == EligibilityStatus.Lost));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_newcomer_alone_in_the_file_is_concerned_when_the_ledger_knows_a_child_in_that_household(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await ImportAsync(database, Write("residents-1.csv", FirstExtract), importDay: new DateOnly(2026, 4, 1));
        await EnrolAsync(database, "000101", RecipientKind.Parent, "1000009");

        // Only the new partner is in this extract; the household's child and recipient are in the 台帳.
        var result = await ImportAsync(database, Write("residents-2.csv",
        [
            "000105,0001,生駒 翔,イコマ ショウ,1984-02-02,1,夫（未届）,6308501,奈良県奈良市登大路町30番地,1,転入,2026-10-28,2026-10-28",
            "000205,0002,春日 次郎,カスガ ジロウ,1990-06-06,1,子,6308213,奈良県奈良市登大路町1番地,1,転入,2026-10-28,2026-10-28",
        ]));

        Assert.Equal(1, result.Inserted);
        Assert.Equal([3L], result.SkippedLines); // household 0002 concerns nobody in the 台帳
        await using var db = database.Open();
        Assert.Equal(1, await db.LossCandidates.CountAsync(c => c.Cause == "夫（未届）"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_registry_correction_corrects_instead_of_starting_a_new_period(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await ImportAsync(database, Write("residents-1.csv", FirstExtract));
        await ImportAsync(database, Write("residents-2.csv",
        [
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-03,1,子,6308501,奈良県奈良市登大路町30番地,1,職権修正,2009-04-03,2026-11-01",
        ]));
        await using var db = database.Open();
        var person = await db.Persons.SingleAsync(p => p.AtenaNumber == "000102");
        var rows = await db.PersonRecords.Where(r => r.PersonId == person.Id).ToListAsync();
        var current = Assert.Single(rows, r => r.SupersededAt is null);
        Assert.Equal(new DateOnly(2009, 4, 3), current.BirthDate);
        Assert.Equal(RecordKind.Correction, current.Kind);
        Assert.Single(rows, r => r.SupersededAt is not null && r.BirthDate == new DateOnly(2009, 4, 2));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_with_bad_rows_writes_nothing_and_reports_each_problem(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var path = Write("bad.csv",
        [
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,630-8501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-02-30,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "00010X,0001,奈良 桜,ナラ サクラ,2021-01-15,3,娘,63085,奈良県奈良市登大路町30番地,1,引越,,",
            ",0001,,ナラ,2021-01-15,2,子,6308501,,1,,,",
        ]);
        var result = await ImportAsync(database, path);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var problems = result.Errors.Select(e => (e.Line, e.Column)).ToList();
        Assert.Contains((3L, "生年月日"), problems);
        Assert.Contains((4L, "宛名番号"), problems);
        Assert.Contains((4L, "性別"), problems);
        Assert.Contains((4L, "続柄"), problems);
        Assert.Contains((4L, "郵便番号"), problems);
        Assert.Contains((4L, "異動事由"), problems);
        Assert.Contains((5L, "宛名番号"), problems);
        Assert.Contains((5L, "氏名"), problems);
        Assert.Contains((5L, "住所"), problems);
        Assert.Equal("2009-02-30", result.Errors.Single(e => e.Line == 3).Value);
        await using var db = database.Open();
        Assert.Equal(0, await db.Persons.CountAsync());
        Assert.Equal(0, await db.ImportedFiles.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_column_is_a_file_error_at_line_0(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var path = Path.Combine(folder, "extra.csv");
        File.WriteAllText(path, Header + ",マイナンバー\n" + FirstExtract[0] + ",123456789018\n", new UTF8Encoding(true));
        var result = await ImportAsync(database, path);
        Assert.Equal(ImportStatus.Rejected, result.Status);
        var problem = Assert.Single(result.Errors);
        Assert.Equal((0L, "マイナンバー"), (problem.Line, problem.Column));
        await using var db = database.Open();
        Assert.Equal(0, await db.Persons.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cp932_file_with_wareki_and_full_width_dates_is_read(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var path = Path.Combine(folder, "sjis.csv");
        var lines = new[]
        {
            Header,
            "000101,0001,奈良 花子,ﾅﾗ ﾊﾅｺ,S63.05.12,2,世帯主,630-8501,奈良県奈良市登大路町30番地,1,転居,令和8年10月15日,Ｒ８．１０．２０",
            "000102,0001,奈良 一郎,ナラ イチロウ,２００９－０４－０２,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
        };
        await File.WriteAllTextAsync(path, string.Join("\r\n", lines) + "\r\n", InputEncoding.Cp932);
        var result = await ImportAsync(database, path);

        Assert.Equal(ImportStatus.Imported, result.Status);
        await using var db = database.Open();
        var mother = await RecordAsync(db, "000101", new DateOnly(2026, 10, 15));
        Assert.Equal(new DateOnly(1988, 5, 12), mother.BirthDate);
        Assert.Equal("ナラ　ハナコ", mother.NameKana);
        Assert.Equal("奈良 花子", mother.Name);
        Assert.Equal(new DateOnly(2026, 10, 15), mother.ValidFrom);
        Assert.Equal(new DateOnly(2009, 4, 2), (await RecordAsync(db, "000102", ImportDay)).BirthDate);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_file_cannot_be_imported_twice_and_a_dry_run_writes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var path = Write("residents.csv", FirstExtract);
        var dryRun = await ImportAsync(database, path, dryRun: true);
        Assert.Equal(ImportStatus.Validated, dryRun.Status);
        Assert.Equal([5L, 6L], dryRun.SkippedLines);
        await using (var db = database.Open())
        {
            Assert.Equal(0, await db.Persons.CountAsync());
        }

        Assert.Equal(ImportStatus.Imported, (await ImportAsync(database, path)).Status);
        var again = await ImportAsync(database, path);
        Assert.Equal(ImportStatus.AlreadyImported, again.Status);
        await using var check = database.Open();
        Assert.Equal(1, await check.ImportedFiles.CountAsync());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, IEnumerable<string> rows)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(true));
        return path;
    }

    private static async Task<ImportResult> ImportAsync(TestDatabase database, string path, bool migration = false, bool dryRun = false, DateOnly? importDay = null)
    {
        var day = importDay ?? ImportDay;
        await using var db = database.Open();
        var import = new ResidentsImport(db, new SettableClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero)));
        return await import.RunAsync(new ImportRequest(path, "shinsa1", day, DryRun: dryRun, Migration: migration));
    }

    private static async Task<PersonRecord> RecordAsync(FukushiDbContext db, string atena, DateOnly asOf)
    {
        var person = await db.Persons.SingleAsync(p => p.AtenaNumber == atena);
        return await db.PersonRecords.Where(r => r.PersonId == person.Id).AsOf(asOf).SingleAsync();
    }

    private static async Task<long> EnrolAsync(TestDatabase database, string atena, RecipientKind kind, string number)
    {
        await using var db = database.Open();
        var person = await db.Persons.SingleAsync(p => p.AtenaNumber == atena);
        var recipient = new Recipient { PersonId = person.Id, RecipientNumber = number, Kind = kind, CreatedAt = DateTimeOffset.UnixEpoch, Version = 1 };
        db.Recipients.Add(recipient);
        await db.SaveChangesAsync();
        return recipient.Id;
    }
}
