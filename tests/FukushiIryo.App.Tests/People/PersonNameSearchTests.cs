using System.Data.Common;
using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace FukushiIryo.App.Tests.People;

/// <summary>
/// 宛名検索 by a 漢字 name part (ADR 0040) on both databases: PostgreSQL finds the candidates through the GIN
/// index of the names' unigrams and bigrams, SQLite scans; both must find the same persons, in the same
/// order, with the same totals: parts of 1, 2 and 3+ characters, half-width and 全角 spaces in the stored
/// name and in the part (spaces are ignored on both sides), a character outside the BMP (𠮷), records not
/// in force today (ended, not yet begun, corrected away) and paging.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PersonNameSearchTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    /// <summary>A part, and the 宛名番号 it finds in the search's order (kana, then 宛名番号); each on both databases.</summary>
    private static readonly (string Part, string[] Expected)[] Cases =
    [
        ("山田", ["000008", "000006", "000001", "000002", "000003"]),     // 田山田 一, 西山 田鶴 too: spaces ignored
        ("山 田", ["000008", "000006", "000001", "000002", "000003"]),
        ("山　田", ["000008", "000006", "000001", "000002", "000003"]),
        ("田", ["000005", "000007", "000008", "000006", "000001", "000002", "000003", "000004"]),
        ("山田花子", ["000002", "000003"]),
        ("田 花　子", ["000002", "000003"]),
        ("田太", ["000001"]),
        ("𠮷", ["000005", "000004"]),
        ("𠮷田", ["000004"]),
        ("中𠮷男", ["000005"]),
        ("田山田", ["000008"]),
        ("山田山", []),                                                // its grams are all in 田山田 一's: the exact check refuses
        ("田𠮷男", []),
        ("佐藤", ["000010", "000009"]),
        ("鈴木", []),
    ];

    public static TheoryData<string, string, string[]> Parts
    {
        get
        {
            var data = new TheoryData<string, string, string[]>();
            foreach (var provider in new[] { "sqlite", "postgres" })
            {
                foreach (var (part, expected) in Cases)
                {
                    data.Add(provider, part, expected);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public async Task A_name_part_finds_the_persons_whose_name_in_force_contains_it_spaces_ignored(string provider, string part, string[] expected)
    {
        await using var database = await SeedAsync(provider);
        await using var db = database.Open();
        var found = await new PersonSearch(db, new SettableClock(Now)).SearchAsync(new PersonSearchCriteria(Name: part), "madoguchi1", null);

        Assert.Equal(expected, found.Hits.Select(h => h.AtenaNumber));
        Assert.Equal(expected.Length, found.Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_and_totals_of_a_name_part_are_those_of_the_whole_result(string provider)
    {
        await using var database = await SeedAsync(provider);
        await using (var db = database.Open())
        {
            var ledger = new PersonLedger(db, new SettableClock(Now));
            for (int i = 0; i < 23; i++)
            {
                await ledger.RegisterAsync((100 + i).ToString("D6", CultureInfo.InvariantCulture), Record($"山本 {i:D2}", $"ヤマモト {i:D2}"), new DateOnly(2020, 1, 1), "madoguchi1");
            }
        }

        await using var check = database.Open();
        var search = new PersonSearch(check, new SettableClock(Now));
        async Task<(string Atena, int Total)> Search(string part, int page)
        {
            var result = await search.SearchAsync(new PersonSearchCriteria(Name: part, Page: page), "madoguchi1", null);
            return (string.Join(',', result.Hits.Select(h => h.AtenaNumber)), result.Total);
        }

        var numbers = Enumerable.Range(100, 23).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();
        string All(Range range) => string.Join(',', numbers[range]);
        Assert.Equal((All(..20), 23), await Search("山本", 1));      // full page: counted
        Assert.Equal((All(20..), 23), await Search("山本", 2));      // short last page
        Assert.Equal((string.Empty, 23), await Search("山本", 3));
        Assert.Equal((All(..20), 23), await Search("本", 1));        // one character
        Assert.Equal((All(..10), 10), await Search("山　本 0", 1)); // 山本00–山本09, spaces ignored
        Assert.Equal((All(20..), 3), await Search("本2", 1));

        // Kana and name together: both must hold (the name index and the kana index on PostgreSQL).
        var both = await search.SearchAsync(new PersonSearchCriteria(Kana: "ヤマモト 1", Name: "山本"), "madoguchi1", null);
        Assert.Equal(numbers[10..20], both.Hits.Select(h => h.AtenaNumber));
        Assert.Equal(10, both.Total);

        // With a 宛名番号 prefix too (the count joins the persons then).
        var numbered = await search.SearchAsync(new PersonSearchCriteria(AtenaNumber: "00011", Name: "本"), "madoguchi1", null);
        Assert.Equal(numbers[10..20], numbered.Hits.Select(h => h.AtenaNumber));
        Assert.Equal(10, numbered.Total);
    }

    [Fact]
    public async Task On_PostgreSQL_the_name_part_query_uses_the_name_grams_index()
    {
        await using var database = await SeedAsync("postgres");
        var capture = new CommandCapture();
        var options = new DbContextOptionsBuilder<FukushiDbContext>();
        FukushiDatabase.Configure(options, database.Settings);
        options.AddInterceptors(capture);
        await using var db = new FukushiDbContext(options.Options);

        await new PersonSearch(db, new SettableClock(Now)).SearchAsync(new PersonSearchCriteria(Name: "山田"), "madoguchi1", null);

        var page = Assert.Single(capture.Commands, c => c.Text.Contains(PersonNameGrams.SqlFunction, StringComparison.Ordinal) && c.Text.Contains("LIMIT", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(database.Settings.Target);
        await connection.OpenAsync();

        // A register of a realistic shape (5,000 other persons, none of them a 山田) and its statistics, so that
        // the planner chooses as it would in production; if the query's expression stopped matching the
        // index's, it would scan the table instead.
        foreach (var statement in new[]
        {
            """
            INSERT INTO "Persons" ("AtenaNumber", "CreatedAt", "Version")
            SELECT lpad(i::text, 10, '0'), now(), 1 FROM generate_series(1, 5000) AS i
            """,
            """
            INSERT INTO "PersonRecords" ("PersonId", "Name", "NameKana", "NameKanaKey", "UsesHomeCountryName", "BirthDate", "Sex",
                "ResidencyStatus", "Address", "ValidFrom", "RecordedAt", "RecordedBy", "Kind")
            SELECT p."Id", '佐藤 ' || chr(19968 + p."Id"::int % 2000), 'サトウ', 'サトウ', false, DATE '1990-01-01', 'Female',
                'Registered', '奈良市', DATE '2020-01-01', now(), 'test', 'Initial'
            FROM "Persons" p WHERE length(p."AtenaNumber") = 10
            """,
            "ANALYZE",
        })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + page.Text, connection);
        explain.Parameters.AddRange(page.Parameters.Select(p => p.Clone()).ToArray());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.True(plan.Exists(line => line.Contains(PersonNameGrams.IndexName, StringComparison.Ordinal)), string.Join('\n', plan));
    }

    /// <summary>
    /// 000001–000008 in force today with 田 in their names; 000009 whose 山田 ended (a change of name in
    /// 2025), 000010 whose 山田 was corrected to 佐藤, 000011 whose 山田 begins next year.
    /// </summary>
    private async Task<TestDatabase> SeedAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        var ledger = new PersonLedger(db, new SettableClock(Now));
        var from = new DateOnly(2020, 1, 1);
        await ledger.RegisterAsync("000001", Record("山田 太郎", "ヤマダ タロウ"), from, "madoguchi1");
        await ledger.RegisterAsync("000002", Record("山田　花子", "ヤマダ ハナコ"), from, "madoguchi1");
        await ledger.RegisterAsync("000003", Record("山田花子", "ヤマダ ハナコ"), from, "madoguchi1");
        await ledger.RegisterAsync("000004", Record("𠮷田 一郎", "ヨシダ イチロウ"), from, "madoguchi1");
        await ledger.RegisterAsync("000005", Record("田中　𠮷男", "タナカ ヨシオ"), from, "madoguchi1");
        await ledger.RegisterAsync("000006", Record("西山 田鶴", "ニシヤマ タヅ"), from, "madoguchi1");
        await ledger.RegisterAsync("000007", Record("田山 次郎", "タヤマ ジロウ"), from, "madoguchi1");
        await ledger.RegisterAsync("000008", Record("田山田 一", "タヤマダ ハジメ"), from, "madoguchi1");
        var renamed = await ledger.RegisterAsync("000009", Record("山田 四郎", "ヤマダ シロウ"), from, "madoguchi1");
        await ledger.ChangeAsync(renamed.Id, renamed.Version, new DateOnly(2025, 4, 1), r => r.Name = "佐藤 四郎", "madoguchi1");
        var corrected = await ledger.RegisterAsync("000010", Record("山田 五郎", "ヤマダ ゴロウ"), from, "madoguchi1");
        await ledger.CorrectAsync(corrected.Id, corrected.Version, r => r.Name = "佐藤 五郎", "madoguchi1");
        await ledger.RegisterAsync("000011", Record("山田 六郎", "ヤマダ ロクロウ"), new DateOnly(2027, 1, 1), "madoguchi1");
        return database;
    }

    private static PersonRecord Record(string name, string kana) => SamplePersonRecord.Create(name, kana);

    /// <summary>Keeps the text and parameters of every query the context runs.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<(string Text, List<NpgsqlParameter> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
