using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Keys;
using FukushiIryo.Atena.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Atena;

/// <summary>Where the 宛名 module keeps its data: its database and its key ring's folder.</summary>
public sealed record AtenaSettings(DatabaseSettings Database, string KeyDirectory)
{
    /// <summary>The option, else <c>FUKUSHI_ATENA_DB</c> / <c>FUKUSHI_ATENA_KEYS</c>, else the defaults under data/.</summary>
    /// <exception cref="FormatException">The database setting is malformed.</exception>
    public static AtenaSettings Resolve(string? databaseOption, string? keysOption, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var database = !string.IsNullOrWhiteSpace(databaseOption) ? databaseOption : variable(DatabaseSettings.AtenaVariable);
        var keys = !string.IsNullOrWhiteSpace(keysOption) ? keysOption : variable(AtenaKeyRing.Variable);
        return new AtenaSettings(
            DatabaseSettings.Parse(string.IsNullOrWhiteSpace(database) ? DatabaseSettings.DefaultAtena : database),
            Path.GetFullPath(string.IsNullOrWhiteSpace(keys) ? AtenaKeyRing.DefaultDirectory : keys));
    }
}

/// <summary>
/// How hosts compose the 宛名 module (ADR 0027): after <c>AddFukushiApp</c>, <c>AddAtenaVault</c> registers the
/// 宛名 database (scoped <see cref="AtenaDbContext"/>, opened when first needed), the key ring (singleton) and
/// <see cref="IAtenaVault"/> (scoped, auditing through the scope's welfare context).
/// </summary>
public static class AtenaServices
{
    public static IServiceCollection AddAtenaVault(this IServiceCollection services, Func<IServiceProvider, AtenaSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(provider => new AtenaKeyRing(provider.GetRequiredService<AtenaSettings>().KeyDirectory));
        services.AddScoped(provider => AtenaDatabase.Open(provider.GetRequiredService<AtenaSettings>().Database));
        services.AddScoped<AtenaVault>();
        services.AddScoped<IAtenaVault>(provider => provider.GetRequiredService<AtenaVault>());
        services.AddScoped<Importing.AtenaImport>();
        services.AddScoped<Keys.AtenaKeyRotation>();
        return services;
    }

    public static IServiceCollection AddAtenaVault(this IServiceCollection services, AtenaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return services.AddAtenaVault(_ => settings);
    }
}

/// <summary>Creates, upgrades and checks the 宛名 database.</summary>
public static class AtenaMigrations
{
    /// <summary>Applies pending migrations (a SQLite file and its folder are created) and creates the key ring of an empty vault; returns the migrations applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(AtenaDbContext db, AtenaKeyRing keys, AtenaSettings settings, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(settings);
        AtenaDatabase.EnsureFolder(settings.Database);
        var applied = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (!keys.Exists && !await db.MyNumberLinks.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.EnsureCreated(clock);
        }

        return applied;
    }

    /// <summary>Pending migrations of an existing 宛名 database (empty = current).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(AtenaDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)];
    }
}
