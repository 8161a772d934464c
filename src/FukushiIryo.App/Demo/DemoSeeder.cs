using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Demo;

/// <summary>What one seed wrote.</summary>
public sealed record DemoSeedResult(int Households, int Persons, int Recipients, int EligibilityRecords, int TaxRecords, int Rows);

/// <summary>How far a seed has got: households written out of the total.</summary>
public readonly record struct DemoSeedProgress(int HouseholdsWritten, int HouseholdsTotal);

/// <summary>The 台帳 already holds persons: a demo seed would duplicate 宛名番号, so it is refused.</summary>
public sealed class DemoSeedRefusedException(int persons)
    : InvalidOperationException(string.Create(
        CultureInfo.InvariantCulture,
        $"この台帳にはすでに宛名が {persons:N0} 件登録されています。demo seed は宛名のない台帳にだけ投入できます（宛名番号の重複を避けるため）。"))
{
    public int Persons { get; } = persons;
}

/// <summary>
/// Writes a <see cref="DemoPopulation"/> into the 台帳 in one transaction, a batch of households at
/// a time: change tracking is switched off and the tracker is cleared between batches, so that
/// memory stays flat for tens of thousands of households. A database that already holds a person
/// is refused (<see cref="DemoSeedRefusedException"/>); the audit event <c>demo.seeded</c> is
/// written in the same transaction. Creates no staff account.
/// </summary>
public sealed class DemoSeeder(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>Households per batch (one SaveChanges round per phase and batch).</summary>
    public const int BatchSize = 1_000;

    /// <summary>The <see cref="HistoryRow.RecordedBy"/> of the rows written (the acting user is in the audit event).</summary>
    public const string RecordedBy = "demo";

    /// <summary>PostgreSQL advisory lock key held while seeding ("FUKUDEMO" in ASCII), so that two seeds cannot interleave.</summary>
    private const long SeedLockKey = 0x46554B5544454D4F;

    public async Task<DemoSeedResult> SeedAsync(
        DemoPopulation population,
        string actor,
        IProgress<DemoSeedProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = AppClock.Now(clock);
        var source = string.Create(CultureInfo.InvariantCulture, $"demo seed {population.Options.Seed} ({population.Options.ReferenceDate:yyyy-MM-dd})");
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var counts = new Counts();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (!db.IsSqlite)
            {
                await db.Database.ExecuteSqlRawAsync(
                    string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({SeedLockKey})"), cancellationToken).ConfigureAwait(false);
            }

            var existing = await db.Persons.CountAsync(cancellationToken).ConfigureAwait(false);
            if (existing > 0)
            {
                throw new DemoSeedRefusedException(existing);
            }

            var households = population.Households;
            for (var start = 0; start < households.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = households.Skip(start).Take(BatchSize).ToList();
                await WriteBatchAsync(batch, now, source, counts, cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                progress?.Report(new DemoSeedProgress(start + batch.Count, households.Count));
            }

            db.AddAudit(new AuditEntry(actor, AuditEventType.DemoSeeded, Details: new Dictionary<string, object?>
            {
                ["seed"] = population.Options.Seed.ToString(CultureInfo.InvariantCulture),
                ["referenceDate"] = population.Options.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["households"] = counts.Households,
                ["persons"] = counts.Persons,
                ["recipients"] = counts.Recipients,
                ["taxRecords"] = counts.TaxRecords,
                ["rows"] = counts.Rows,
            }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return new DemoSeedResult(counts.Households, counts.Persons, counts.Recipients, counts.EligibilityRecords, counts.TaxRecords, counts.Rows);
    }

    /// <summary>
    /// One batch in four rounds, because the rows refer to each other by generated keys: persons and
    /// welfare households; then everything that hangs on a person, and the parents' and carers'
    /// recipients; then the children's recipients (they name their 親受給者) and the first recipients'
    /// 資格; then the children's 資格.
    /// </summary>
    private async Task WriteBatchAsync(List<DemoHousehold> batch, DateTimeOffset now, string source, Counts counts, CancellationToken cancellationToken)
    {
        var persons = new Dictionary<DemoPerson, Person>(ReferenceEqualityComparer.Instance);
        var welfare = new Dictionary<DemoHousehold, WelfareHousehold>(ReferenceEqualityComparer.Instance);
        var householdOf = new Dictionary<DemoPerson, DemoHousehold>(ReferenceEqualityComparer.Instance);
        foreach (var household in batch)
        {
            var row = new WelfareHousehold { CreatedAt = now, Version = 1 };
            welfare[household] = row;
            db.Households.Add(row);
            foreach (var person in household.Members)
            {
                var entity = new Person { AtenaNumber = person.AtenaNumber, CreatedAt = now, Version = 1 };
                persons[person] = entity;
                householdOf[person] = household;
                db.Persons.Add(entity);
            }
        }

        counts.Households += batch.Count;
        counts.Persons += persons.Count;
        counts.Rows += batch.Count + persons.Count;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var recipients = new Dictionary<DemoRecipient, Recipient>(ReferenceEqualityComparer.Instance);
        var second = new List<DemoRecipient>();
        foreach (var household in batch)
        {
            foreach (var person in household.Members)
            {
                var personId = persons[person].Id;
                AddHistory(db.PersonRecords, counts, new PersonRecord
                {
                    PersonId = personId,
                    Name = person.Name,
                    NameKana = person.NameKana,
                    NameKanaKey = KanaNormalizer.ToSearchKey(person.NameKana),
                    UsesHomeCountryName = person.UsesHomeCountryName,
                    BirthDate = person.BirthDate,
                    Sex = person.Sex,
                    ResidencyStatus = person.ResidencyStatus,
                    PostalCode = person.PostalCode,
                    Address = person.Address,
                    HouseholdNumber = person.HouseholdNumber,
                    RegistryRelationship = person.RegistryRelationship,
                }, person.RecordFrom, now);

                if (person.MemberFrom is { } memberFrom)
                {
                    AddHistory(db.HouseholdMembers, counts, new HouseholdMember
                    {
                        HouseholdId = welfare[household].Id,
                        PersonId = personId,
                        RegistryRelationship = person.RegistryRelationship,
                        RelationshipToChild = person.RelationshipToChild,
                        RelationshipToRecipient = person.RelationshipToRecipient,
                    }, memberFrom, now);
                }

                if (person.Insurance is { } insurance)
                {
                    AddHistory(db.Insurances, counts, new Insurance
                    {
                        PersonId = personId,
                        InsuranceKind = insurance.Kind,
                        InsurerNumber = insurance.InsurerNumber,
                        InsurerName = insurance.InsurerName,
                        InsuredRole = insurance.InsuredRole,
                        InsuredName = insurance.InsuredName,
                        CardSymbol = insurance.CardSymbol,
                        CardNumber = insurance.CardNumber,
                        CardSuffix = insurance.CardSuffix,
                        AcquiredOn = insurance.AcquiredOn,
                    }, insurance.AcquiredOn, now);
                }

                if (person.BankAccount is { } account)
                {
                    AddHistory(db.BankAccounts, counts, new BankAccount
                    {
                        PersonId = personId,
                        BankCode = account.BankCode,
                        BankName = account.BankName,
                        BranchCode = account.BranchCode,
                        BranchName = account.BranchName,
                        AccountType = account.AccountType,
                        AccountNumber = account.AccountNumber,
                        AccountHolderKana = account.AccountHolderKana,
                    }, account.ValidFrom, now);
                }

                foreach (var phone in person.PhoneNumbers)
                {
                    AddHistory(db.Contacts, counts, new Contact { PersonId = personId, PhoneNumber = phone }, person.MemberFrom ?? person.RecordFrom, now);
                }

                foreach (var memo in person.Memos)
                {
                    db.Memos.Add(new Memo { PersonId = personId, Text = memo, RecordedAt = now, RecordedBy = RecordedBy });
                    counts.Rows++;
                }

                foreach (var tax in person.TaxRecords)
                {
                    var row = tax.CopyForCorrection();
                    row.PersonId = personId;
                    row.Source = source;
                    row.RecordedAt = now;
                    row.RecordedBy = RecordedBy;
                    row.Kind = RecordKind.Initial;
                    db.TaxRecords.Add(row);
                    counts.TaxRecords++;
                    counts.Rows++;
                }

                if (person.Recipient is { } demo)
                {
                    if (demo.Parent is null)
                    {
                        recipients[demo] = AddRecipient(demo, personId, welfare[household].Id, null, now, counts);
                    }
                    else
                    {
                        second.Add(demo);
                    }
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var first = recipients.Keys.ToList();
        foreach (var demo in second)
        {
            var household = householdOf[demo.Person];
            recipients[demo] = AddRecipient(demo, persons[demo.Person].Id, welfare[household].Id, recipients[demo.Parent!].Id, now, counts);
        }

        AddEligibility(first, recipients, now, counts);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        AddEligibility(second, recipients, now, counts);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private Recipient AddRecipient(DemoRecipient demo, long personId, long householdId, long? parentId, DateTimeOffset now, Counts counts)
    {
        var recipient = new Recipient
        {
            PersonId = personId,
            RecipientNumber = demo.RecipientNumber,
            Kind = demo.Kind,
            ParentRecipientId = parentId,
            HouseholdId = householdId,
            CreatedAt = now,
            Version = 1,
        };
        db.Recipients.Add(recipient);
        counts.Recipients++;
        counts.Rows++;
        return recipient;
    }

    private void AddEligibility(IEnumerable<DemoRecipient> demos, Dictionary<DemoRecipient, Recipient> recipients, DateTimeOffset now, Counts counts)
    {
        foreach (var demo in demos)
        {
            foreach (var period in demo.Periods)
            {
                var row = (EligibilityRecord)period.CopyData();
                row.RecipientId = recipients[demo].Id;
                row.RecordedAt = now;
                row.RecordedBy = RecordedBy;
                db.EligibilityRecords.Add(row);
                counts.EligibilityRecords++;
                counts.Rows++;
            }
        }
    }

    private static void AddHistory<T>(DbSet<T> set, Counts counts, T row, DateOnly validFrom, DateTimeOffset now)
        where T : HistoryRow
    {
        History.PlanStart(row, validFrom, now, RecordedBy);
        set.Add(row);
        counts.Rows++;
    }

    private sealed class Counts
    {
        public int Households { get; set; }

        public int Persons { get; set; }

        public int Recipients { get; set; }

        public int EligibilityRecords { get; set; }

        public int TaxRecords { get; set; }

        public int Rows { get; set; }
    }
}
