using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FukushiIryo.App.Data;

/// <summary>
/// The welfare database (福祉情報システム): the 台帳, staff accounts, masters and the audit log. One
/// model for PostgreSQL and SQLite; each has its own migrations assembly (architecture.md §3).
/// It never holds a 個人番号 (that lives in the 宛名 module's own database).
/// </summary>
public sealed partial class FukushiDbContext(DbContextOptions<FukushiDbContext> options)
    : IdentityDbContext<StaffUser, StaffRole, long>(options)
{
    public DbSet<Person> Persons => Set<Person>();

    public DbSet<PersonRecord> PersonRecords => Set<PersonRecord>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Memo> Memos => Set<Memo>();

    public DbSet<WelfareHousehold> Households => Set<WelfareHousehold>();

    public DbSet<HouseholdMember> HouseholdMembers => Set<HouseholdMember>();

    public DbSet<Insurance> Insurances => Set<Insurance>();

    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();

    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<EligibilityRecord> EligibilityRecords => Set<EligibilityRecord>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseHardDeletes();
        BumpVersions();
        return await SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks an aggregate as changed so that its version is checked and incremented on save.</summary>
    public void Touch(IVersionedAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        Entry(aggregate).Property(nameof(IVersionedAggregate.Version)).IsModified = true;
    }

    internal Task<int> BaseSaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken) =>
        base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // Enums are stored by name: readable by a DBA and stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);

        if (IsSqlite)
        {
            // SQLite has no instant type: store UTC ticks so that comparisons and ORDER BY work.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FukushiDbContext).Assembly);

        builder.Entity<StaffUser>(user =>
        {
            user.HasIndex(u => u.StaffNumber).IsUnique();
            user.Property(u => u.StaffNumber).HasMaxLength(20);
            user.Property(u => u.DisplayName).HasMaxLength(100);
        });

        builder.Entity<Person>(person =>
        {
            person.HasIndex(p => p.AtenaNumber).IsUnique();
            person.Property(p => p.AtenaNumber).HasMaxLength(20);
            person.Property(p => p.Version).IsConcurrencyToken();
        });
        builder.Entity<WelfareHousehold>().Property(h => h.Version).IsConcurrencyToken();
        builder.Entity<Recipient>(recipient =>
        {
            recipient.HasIndex(r => r.RecipientNumber).IsUnique();
            recipient.Property(r => r.RecipientNumber).HasMaxLength(7);
            recipient.HasIndex(r => r.PersonId);
            recipient.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            recipient.HasOne<Recipient>().WithMany().HasForeignKey(r => r.ParentRecipientId).OnDelete(DeleteBehavior.Restrict);
            recipient.HasOne<WelfareHousehold>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            recipient.Property(r => r.Version).IsConcurrencyToken();
        });

        ConfigureHistory<PersonRecord>(builder, nameof(PersonRecord.PersonId), typeof(Person));
        builder.Entity<PersonRecord>(record =>
        {
            record.HasIndex(r => r.NameKanaKey);
            record.HasIndex(r => r.BirthDate);
            // 住記の世帯番号: the 所得判定 finds the other members of a household by it (one person at a time on a
            // page, a batch of households in the renewal decide step, which scanned the table for every batch).
            record.HasIndex(r => r.HouseholdNumber);
            record.Property(r => r.Name).HasMaxLength(100);
            record.Property(r => r.NameKana).HasMaxLength(100);
            record.Property(r => r.NameKanaKey).HasMaxLength(100);
            record.Property(r => r.PostalCode).HasMaxLength(7);
            record.Property(r => r.Address).HasMaxLength(200);
            record.Property(r => r.HouseholdNumber).HasMaxLength(20);
            record.Property(r => r.RegistryRelationship).HasMaxLength(20);
        });
        ConfigureHistory<Contact>(builder, nameof(Contact.PersonId), typeof(Person));
        ConfigureHistory<Insurance>(builder, nameof(Insurance.PersonId), typeof(Person));
        ConfigureHistory<BankAccount>(builder, nameof(BankAccount.PersonId), typeof(Person));
        ConfigureHistory<HouseholdMember>(builder, nameof(HouseholdMember.HouseholdId), typeof(WelfareHousehold));
        builder.Entity<HouseholdMember>(member =>
        {
            member.HasIndex(m => m.PersonId);
            member.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        ConfigureHistory<EligibilityRecord>(builder, nameof(EligibilityRecord.RecipientId), typeof(Recipient));

        builder.Entity<Memo>(memo =>
        {
            memo.HasIndex(m => m.PersonId);
            memo.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
            memo.HasOne<Memo>().WithMany().HasForeignKey(m => m.CorrectsMemoId).OnDelete(DeleteBehavior.Restrict);
            memo.Property(m => m.RecordedBy).HasMaxLength(100);
        });
    }

    private static void ConfigureHistory<T>(ModelBuilder builder, string ownerKey, Type ownerType)
        where T : HistoryRow
    {
        builder.Entity<T>(row =>
        {
            row.HasIndex(ownerKey);
            row.Property(r => r.RecordedBy).HasMaxLength(100);
            row.HasOne(ownerType).WithMany().HasForeignKey(ownerKey).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private void RefuseHardDeletes()
    {
        var deleted = ChangeTracker.Entries()
            .Where(entry => entry.State == EntityState.Deleted && !IsDeletable(entry.Entity))
            .Select(entry => entry.Metadata.ClrType.Name)
            .Distinct()
            .ToList();
        if (deleted.Count > 0)
        {
            throw new HardDeleteRefusedException(deleted);
        }
    }

    private static bool IsDeletable(object entity) =>
        entity is ITechnicalRow
        or IdentityUserRole<long>
        or IdentityUserClaim<long>
        or IdentityUserLogin<long>
        or IdentityUserToken<long>
        or IdentityRoleClaim<long>;

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersionedAggregate>().Where(entry => entry.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }
    }

    /// <summary>Stores an instant as its UTC ticks (SQLite).</summary>
    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        instant => instant.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}

/// <summary>A business record was about to be hard-deleted: refused (architecture.md §1.4).</summary>
public sealed class HardDeleteRefusedException(IReadOnlyList<string> entityNames)
    : InvalidOperationException($"Business records are never deleted: {string.Join(", ", entityNames)}.")
{
    public IReadOnlyList<string> EntityNames { get; } = entityNames;
}
