using FukushiIryo.App.Data;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated welfare database on either provider: a temporary SQLite file, or a new
/// database in the assembly's throwaway PostgreSQL cluster. Data-access tests run on both.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseSettings settings, string? sqliteFile)
    {
        Settings = settings;
        SqliteFile = sqliteFile;
    }

    public DatabaseSettings Settings { get; }

    private string? SqliteFile { get; }

    /// <summary>The providers a data test is run on: the names used as theory data.</summary>
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public static async Task<TestDatabase> CreateAsync(string provider, PostgresFixture fixture, bool migrate = true)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        TestDatabase database;
        if (provider == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"fukushi-test-{Guid.NewGuid():N}.db");
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, file), file);
        }
        else
        {
            var connectionString = await fixture.Cluster.CreateDatabaseAsync("fukushi");
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, connectionString), null);
        }

        if (migrate)
        {
            await using var db = database.Open();
            await db.Database.MigrateAsync();
        }

        return database;
    }

    public FukushiDbContext Open() => FukushiDatabase.Open(Settings);

    public ValueTask DisposeAsync()
    {
        if (SqliteFile is not null)
        {
            foreach (var file in new[] { SqliteFile, SqliteFile + "-wal", SqliteFile + "-shm", SqliteFile + "-journal" })
            {
                File.Delete(file);
            }
        }

        return ValueTask.CompletedTask;
    }
}
