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
/// a time, with bulk inserts that bypass the change tracker (<see cref="BulkInsert"/> with explicit keys: binary
/// COPY on PostgreSQL, a prepared INSERT on SQLite) and keys assigned here, so that memory stays flat
/// and 20,000 households take seconds rather than minutes. A database that already holds a person is
/// refused (<see cref="DemoSeedRefusedException"/>); the audit event <c>demo.seeded</c> is written
/// through the context in the same transaction. Creates no staff account.
/// </summary>
public sealed class DemoSeeder(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>Households per batch (one bulk insert per table and batch).</summary>
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
        var counts = new Counts();
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

        var keys = await Keys.ReadAsync(db, cancellationToken).ConfigureAwait(false);
        var households = population.Households;
        for (var start = 0; start < households.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = households.Skip(start).Take(BatchSize).ToList();
            await WriteBatchAsync(batch, keys, now, source, counts, cancellationToken).ConfigureAwait(false);
            progress?.Report(new DemoSeedProgress(start + batch.Count, households.Count));
        }

        await Keys.AdvanceAsync(db, cancellationToken).ConfigureAwait(false);

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
        return new DemoSeedResult(counts.Households, counts.Persons, counts.Recipients, counts.EligibilityRecords, counts.TaxRecords, counts.Rows);
    }

    /// <summary>
    /// One batch: the rows of the batch's households with their keys assigned here (continuing each
    /// table's largest key), so that rows can name each other without reading keys back; then one
    /// bulk insert per table, in the order of the foreign keys (a 親受給者 before its children).
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<DemoHousehold> batch, Keys keys, DateTimeOffset now, string source, Counts counts, CancellationToken cancellationToken)
    {
        var rows = new BatchRows();
        foreach (var household in batch)
        {
            var welfare = new WelfareHousehold { Id = keys.Households++, CreatedAt = now, Version = 1 };
            rows.Households.Add(welfare);
            var personIds = new Dictionary<DemoPerson, long>(ReferenceEqualityComparer.Instance);
            var recipientIds = new Dictionary<DemoRecipient, long>(ReferenceEqualityComparer.Instance);
            foreach (var person in household.Members)
            {
                var personId = keys.Persons++;
                personIds[person] = personId;
                rows.Persons.Add(new Person { Id = personId, AtenaNumber = person.AtenaNumber, CreatedAt = now, Version = 1 });
                rows.PersonRecords.Add(Start(new PersonRecord
                {
                    Id = keys.PersonRecords++,
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
                }, person.RecordFrom, now));

                if (person.MemberFrom is { } memberFrom)
                {
                    rows.HouseholdMembers.Add(Start(new HouseholdMember
                    {
                        Id = keys.HouseholdMembers++,
                        HouseholdId = welfare.Id,
                        PersonId = personId,
                        RegistryRelationship = person.RegistryRelationship,
                        RelationshipToChild = person.RelationshipToChild,
                        RelationshipToRecipient = person.RelationshipToRecipient,
                    }, memberFrom, now));
                }

                if (person.Insurance is { } insurance)
                {
                    rows.Insurances.Add(Start(new Insurance
                    {
                        Id = keys.Insurances++,
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
                    }, insurance.AcquiredOn, now));
                }

                if (person.BankAccount is { } account)
                {
                    rows.BankAccounts.Add(Start(new BankAccount
                    {
                        Id = keys.BankAccounts++,
                        PersonId = personId,
                        BankCode = account.BankCode,
                        BankName = account.BankName,
                        BranchCode = account.BranchCode,
                        BranchName = account.BranchName,
                        AccountType = account.AccountType,
                        AccountNumber = account.AccountNumber,
                        AccountHolderKana = account.AccountHolderKana,
                    }, account.ValidFrom, now));
                }

                foreach (var phone in person.PhoneNumbers)
                {
                    rows.Contacts.Add(Start(new Contact { Id = keys.Contacts++, PersonId = personId, PhoneNumber = phone }, person.MemberFrom ?? person.RecordFrom, now));
                }

                foreach (var memo in person.Memos)
                {
                    rows.Memos.Add(new Memo { Id = keys.Memos++, PersonId = personId, Text = memo, RecordedAt = now, RecordedBy = RecordedBy });
                }

                foreach (var tax in person.TaxRecords)
                {
                    var row = tax.CopyForCorrection();
                    row.Id = keys.TaxRecords++;
                    row.PersonId = personId;
                    row.Source = source;
                    row.RecordedAt = now;
                    row.RecordedBy = RecordedBy;
                    row.Kind = RecordKind.Initial;
                    rows.TaxRecords.Add(row);
                }
            }

            // Parents and carers first: a child's row names its 親受給者.
            var recipients = household.Members.Where(p => p.Recipient is not null).Select(p => p.Recipient!)
                .OrderBy(r => r.Parent is null ? 0 : 1)
                .ToList();
            foreach (var demo in recipients)
            {
                var recipientId = keys.Recipients++;
                recipientIds[demo] = recipientId;
                rows.Recipients.Add(new Recipient
                {
                    Id = recipientId,
                    PersonId = personIds[demo.Person],
                    RecipientNumber = demo.RecipientNumber,
                    Kind = demo.Kind,
                    ParentRecipientId = demo.Parent is { } parent ? recipientIds[parent] : null,
                    HouseholdId = welfare.Id,
                    CreatedAt = now,
                    Version = 1,
                });
                foreach (var period in demo.Periods)
                {
                    var row = (EligibilityRecord)period.CopyData();
                    row.Id = keys.EligibilityRecords++;
                    row.RecipientId = recipientId;
                    row.RecordedAt = now;
                    row.RecordedBy = RecordedBy;
                    rows.EligibilityRecords.Add(row);
                }
            }
        }

        await db.BulkInsertAsync(rows.Persons, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.Households, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.PersonRecords, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.HouseholdMembers, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.Insurances, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.BankAccounts, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.Contacts, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.Memos, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.TaxRecords, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.Recipients, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(rows.EligibilityRecords, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);

        counts.Households += rows.Households.Count;
        counts.Persons += rows.Persons.Count;
        counts.Recipients += rows.Recipients.Count;
        counts.EligibilityRecords += rows.EligibilityRecords.Count;
        counts.TaxRecords += rows.TaxRecords.Count;
        counts.Rows += rows.Count;
    }

    private static T Start<T>(T row, DateOnly validFrom, DateTimeOffset now)
        where T : HistoryRow
    {
        History.PlanStart(row, validFrom, now, RecordedBy);
        return row;
    }

    /// <summary>The next key of each table written.</summary>
    private sealed class Keys
    {
        public long Persons { get; set; }

        public long Households { get; set; }

        public long PersonRecords { get; set; }

        public long HouseholdMembers { get; set; }

        public long Insurances { get; set; }

        public long BankAccounts { get; set; }

        public long Contacts { get; set; }

        public long Memos { get; set; }

        public long TaxRecords { get; set; }

        public long Recipients { get; set; }

        public long EligibilityRecords { get; set; }

        public static async Task<Keys> ReadAsync(FukushiDbContext db, CancellationToken cancellationToken) => new()
        {
            Persons = await BulkKeyRange.NextAsync<Person>(db, cancellationToken).ConfigureAwait(false),
            Households = await BulkKeyRange.NextAsync<WelfareHousehold>(db, cancellationToken).ConfigureAwait(false),
            PersonRecords = await BulkKeyRange.NextAsync<PersonRecord>(db, cancellationToken).ConfigureAwait(false),
            HouseholdMembers = await BulkKeyRange.NextAsync<HouseholdMember>(db, cancellationToken).ConfigureAwait(false),
            Insurances = await BulkKeyRange.NextAsync<Insurance>(db, cancellationToken).ConfigureAwait(false),
            BankAccounts = await BulkKeyRange.NextAsync<BankAccount>(db, cancellationToken).ConfigureAwait(false),
            Contacts = await BulkKeyRange.NextAsync<Contact>(db, cancellationToken).ConfigureAwait(false),
            Memos = await BulkKeyRange.NextAsync<Memo>(db, cancellationToken).ConfigureAwait(false),
            TaxRecords = await BulkKeyRange.NextAsync<TaxRecord>(db, cancellationToken).ConfigureAwait(false),
            Recipients = await BulkKeyRange.NextAsync<Recipient>(db, cancellationToken).ConfigureAwait(false),
            EligibilityRecords = await BulkKeyRange.NextAsync<EligibilityRecord>(db, cancellationToken).ConfigureAwait(false),
        };

        /// <summary>Moves the PostgreSQL identity sequences past the keys written.</summary>
        public static async Task AdvanceAsync(FukushiDbContext db, CancellationToken cancellationToken)
        {
            await BulkKeyRange.AdvanceAsync<Person>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<WelfareHousehold>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<PersonRecord>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<HouseholdMember>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<Insurance>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<BankAccount>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<Contact>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<Memo>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<TaxRecord>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<Recipient>(db, cancellationToken).ConfigureAwait(false);
            await BulkKeyRange.AdvanceAsync<EligibilityRecord>(db, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class BatchRows
    {
        public List<Person> Persons { get; } = [];

        public List<WelfareHousehold> Households { get; } = [];

        public List<PersonRecord> PersonRecords { get; } = [];

        public List<HouseholdMember> HouseholdMembers { get; } = [];

        public List<Insurance> Insurances { get; } = [];

        public List<BankAccount> BankAccounts { get; } = [];

        public List<Contact> Contacts { get; } = [];

        public List<Memo> Memos { get; } = [];

        public List<TaxRecord> TaxRecords { get; } = [];

        public List<Recipient> Recipients { get; } = [];

        public List<EligibilityRecord> EligibilityRecords { get; } = [];

        public int Count => Persons.Count + Households.Count + PersonRecords.Count + HouseholdMembers.Count + Insurances.Count
            + BankAccounts.Count + Contacts.Count + Memos.Count + TaxRecords.Count + Recipients.Count + EligibilityRecords.Count;
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
