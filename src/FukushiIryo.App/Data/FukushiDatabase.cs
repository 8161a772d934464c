using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>Builds the welfare <see cref="FukushiDbContext"/> for either provider, with its migrations assembly.</summary>
public static class FukushiDatabase
{
    public const string PostgresMigrationsAssembly = "FukushiIryo.Migrations.Postgres";
    public const string SqliteMigrationsAssembly = "FukushiIryo.Migrations.Sqlite";

    /// <summary>Configures <paramref name="builder"/> for the database <paramref name="settings"/> names.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(
                SqliteConnectionString(settings.Target),
                sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.Postgres => builder.UseNpgsql(
                settings.Target,
                npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(settings)),
        };
    }

    public static DbContextOptions<FukushiDbContext> CreateOptions(DatabaseSettings settings)
    {
        var builder = new DbContextOptionsBuilder<FukushiDbContext>();
        Configure(builder, settings);
        return builder.Options;
    }

    public static FukushiDbContext Open(DatabaseSettings settings) => new(CreateOptions(settings));

    /// <summary>The SQLite connection string for a file: foreign keys on, a busy timeout for concurrent writers.</summary>
    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        DefaultTimeout = 30,
        Pooling = false,
    }.ToString();
}
