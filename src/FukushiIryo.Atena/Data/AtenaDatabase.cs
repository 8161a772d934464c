using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FukushiIryo.Atena.Data;

/// <summary>Opens the 宛名 database named by <see cref="DatabaseSettings.ResolveAtena"/> for either provider.</summary>
public static class AtenaDatabase
{
    public static AtenaDbContext Open(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteAtenaDbContext(new DbContextOptionsBuilder<SqliteAtenaDbContext>()
                .UseSqlite(FukushiDatabase.SqliteConnectionString(settings.Target)).Options),
            DatabaseProvider.Postgres => new PostgresAtenaDbContext(new DbContextOptionsBuilder<PostgresAtenaDbContext>()
                .UseNpgsql(settings.Target).Options),
            _ => throw new ArgumentOutOfRangeException(nameof(settings)),
        };
    }

    /// <summary>Creates the folder of a SQLite file (a PostgreSQL database is the DBA's to create).</summary>
    public static void EnsureFolder(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Sqlite && Path.GetDirectoryName(settings.Target) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model (scripts/add-atena-migration.sh).</summary>
public sealed class SqliteAtenaDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAtenaDbContext>
{
    public SqliteAtenaDbContext CreateDbContext(string[] args) =>
        (SqliteAtenaDbContext)AtenaDatabase.Open(new DatabaseSettings(DatabaseProvider.Sqlite, Path.Combine(Path.GetTempPath(), "atena-design.db")));
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresAtenaDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAtenaDbContext>
{
    public PostgresAtenaDbContext CreateDbContext(string[] args) =>
        (PostgresAtenaDbContext)AtenaDatabase.Open(new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=atena_design"));
}
