using System.Globalization;
using System.Text;
using FukushiIryo.App;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Keys;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Atena.Tests;

/// <summary>All PostgreSQL tests of this assembly share one throwaway cluster.</summary>
[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresClusterDefinition : ICollectionFixture<PostgresFixture>;

/// <summary>
/// A welfare database and a 宛名 database (both SQLite files, or both PostgreSQL databases) with a key ring in a
/// folder of the test's own, composed as the hosts do (AddFukushiApp + AddAtenaVault), and three accounts:
/// <c>atena1</c> (宛名管理), <c>madoguchi1</c> (窓口), <c>admin</c> (システム管理).
/// </summary>
public sealed class AtenaTestBed : IAsyncDisposable
{
    private ServiceProvider provider;

    private AtenaTestBed(string folder, DatabaseSettings welfare, AtenaSettings atena)
    {
        Folder = folder;
        Welfare = welfare;
        Atena = atena;
        provider = Build();
    }

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public string Folder { get; }

    public DatabaseSettings Welfare { get; }

    public AtenaSettings Atena { get; }

    public static async Task<AtenaTestBed> CreateAsync(string providerName, PostgresFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var folder = Directory.CreateTempSubdirectory("fukushi-atena-").FullName;
        var (welfare, atena) = providerName == "sqlite"
            ? (new DatabaseSettings(DatabaseProvider.Sqlite, Path.Combine(folder, "fukushi.db")), new DatabaseSettings(DatabaseProvider.Sqlite, Path.Combine(folder, "atena.db")))
            : (new DatabaseSettings(DatabaseProvider.Postgres, await fixture.Cluster.CreateDatabaseAsync("welfare")), new DatabaseSettings(DatabaseProvider.Postgres, await fixture.Cluster.CreateDatabaseAsync("atena")));
        var bed = new AtenaTestBed(folder, welfare, new AtenaSettings(atena, Path.Combine(folder, "atena-keys")));
        await using (var scope = bed.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FukushiDbContext>();
            await db.Database.MigrateAsync();
            await AtenaMigrations.MigrateAsync(scope.ServiceProvider.GetRequiredService<AtenaDbContext>(), scope.ServiceProvider.GetRequiredService<AtenaKeyRing>(), bed.Atena, TimeProvider.System);
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            foreach (var (login, role, staffNumber) in new[] { ("atena1", RoleNames.AtenaAdmin, "9001"), ("madoguchi1", RoleNames.Counter, "9002"), ("admin", RoleNames.SystemAdmin, "9003") })
            {
                var added = await accounts.AddAsync(new NewStaffAccount(login, "職員 " + login, staffNumber, [role], null, null, null), "system");
                Assert.Equal(AccountOutcome.Ok, added.Outcome);
            }
        }

        return bed;
    }

    public AsyncServiceScope Scope() => provider.CreateAsyncScope();

    /// <summary>Starts over with a fresh service provider (a new key ring object that reads the folder again), as a new process would.</summary>
    public async Task RestartAsync()
    {
        await provider.DisposeAsync();
        provider = Build();
    }

    /// <summary>Registers a person in the welfare 台帳 (氏名カナ and 生年月日 for the import's cross-check).</summary>
    public async Task AddPersonAsync(string atenaNumber, string kana, DateOnly birth)
    {
        await using var scope = Scope();
        var ledger = scope.ServiceProvider.GetRequiredService<PersonLedger>();
        await ledger.RegisterAsync(atenaNumber, new PersonRecord
        {
            Name = "奈良 " + kana,
            NameKana = kana,
            NameKanaKey = FukushiIryo.Domain.Text.KanaNormalizer.ToSearchKey(kana),
            BirthDate = birth,
            Sex = Sex.Female,
            ResidencyStatus = ResidencyStatus.Registered,
            Address = "奈良県奈良市二条大路南一丁目1番1号",
        }, new DateOnly(2020, 1, 1), "test");
    }

    public async Task<List<AuditEvent>> AuditAsync(string eventType)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FukushiDbContext>();
        return await db.AuditEvents.AsNoTracking().Where(e => e.EventType == eventType).OrderBy(e => e.Sequence).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection().AddFukushiApp(Welfare);
        services.AddAtenaVault(Atena);
        return services.BuildServiceProvider();
    }
}

/// <summary>個人番号 made for tests: 11 digits and their check digit (formats.md §6.3).</summary>
public static class TestNumbers
{
    public static string WithCheckDigit(string eleven)
    {
        ReadOnlySpan<int> weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (eleven[i] - '0') * weights[i];
        }

        var remainder = sum % 11;
        return eleven + (remainder <= 1 ? 0 : 11 - remainder).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The <paramref name="index"/>-th test number (distinct for distinct indexes).</summary>
    public static string Digits(int index) => WithCheckDigit("3141592" + index.ToString("D4", CultureInfo.InvariantCulture));

    public static MyNumber Number(int index) => MyNumber.Parse(Digits(index));

    /// <summary>Whether <paramref name="digits"/> occur in <paramref name="bytes"/> as ASCII/UTF-8 or UTF-16LE.</summary>
    public static bool Contains(byte[] bytes, string digits) =>
        bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(digits)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(digits)) >= 0;
}
