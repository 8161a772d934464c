using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FukushiIryo.Atena.Data;

/// <summary>
/// The 宛名 module's own database (<c>FUKUSHI_ATENA_DB</c>): the 個人番号 links and the 宛名番号 issued to 住登外 persons. It never holds a
/// key (the key ring is a directory of its own) and never a 個人番号 in clear. Each provider has its own subclass
/// (<see cref="SqliteAtenaDbContext"/>, <see cref="PostgresAtenaDbContext"/>) so that both sets of migrations
/// live in this assembly (ADR 0027); code uses this base type.
/// </summary>
public abstract class AtenaDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<MyNumberLink> MyNumberLinks => Set<MyNumberLink>();

    /// <summary>宛名番号 issued to 住登外 persons (<see cref="Vault.AtenaNumberIssuer"/>).</summary>
    public DbSet<IssuedAtenaNumber> IssuedAtenaNumbers => Set<IssuedAtenaNumber>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        if (IsSqlite)
        {
            // SQLite has no instant type: UTC ticks, as in the welfare database.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<MyNumberLink>(link =>
        {
            link.ToTable("MyNumberLinks");
            link.Property(l => l.AtenaNumber).HasMaxLength(20);
            link.Property(l => l.Sealed).HasMaxLength(64);
            link.Property(l => l.LookupHash).HasMaxLength(32);
            link.Property(l => l.LinkedBy).HasMaxLength(100);
            link.Property(l => l.Source).HasMaxLength(40);
            link.Property(l => l.SupersededBy).HasMaxLength(100);
            // One current link per 宛名番号 and per 個人番号; superseded rows stay as history.
            link.HasIndex(l => l.AtenaNumber).IsUnique().HasFilter("\"SupersededAt\" IS NULL").HasDatabaseName("IX_MyNumberLinks_Current_AtenaNumber");
            link.HasIndex(l => l.LookupHash).IsUnique().HasFilter("\"SupersededAt\" IS NULL").HasDatabaseName("IX_MyNumberLinks_Current_LookupHash");
            link.HasIndex(l => l.AtenaNumber).HasDatabaseName("IX_MyNumberLinks_AtenaNumber");
            link.HasIndex(l => l.KeyVersion);
        });
        modelBuilder.Entity<IssuedAtenaNumber>(issued =>
        {
            issued.ToTable("IssuedAtenaNumbers");
            issued.Property(i => i.AtenaNumber).HasMaxLength(20);
            issued.Property(i => i.IssuedBy).HasMaxLength(100);
            issued.HasIndex(i => i.Sequence).IsUnique();
            issued.HasIndex(i => i.AtenaNumber).IsUnique();
        });
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}

/// <summary>The 宛名 database on SQLite (its migrations: Migrations/Sqlite).</summary>
public sealed class SqliteAtenaDbContext(DbContextOptions<SqliteAtenaDbContext> options) : AtenaDbContext(options);

/// <summary>The 宛名 database on PostgreSQL (its migrations: Migrations/Postgres).</summary>
public sealed class PostgresAtenaDbContext(DbContextOptions<PostgresAtenaDbContext> options) : AtenaDbContext(options);
