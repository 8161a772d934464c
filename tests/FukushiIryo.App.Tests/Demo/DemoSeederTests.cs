using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Demo;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Text;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Demo;

/// <summary>The demo seed in the database, on both providers.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DemoSeederTests(PostgresFixture fixture)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9)));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_seed_writes_every_row_of_the_population_and_its_audit_event(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var population = await DemoTestData.GenerateAsync(50, 11);
        var progress = new List<DemoSeedProgress>();
        DemoSeedResult result;
        await using (var db = database.Open())
        {
            result = await new DemoSeeder(db, Clock).SeedAsync(population, "admin", new SyncProgress(progress.Add));
        }

        Assert.Equal(new DemoSeedProgress(50, 50), Assert.Single(progress));
        await using var check = database.Open();
        Assert.Equal(50, result.Households);
        Assert.Equal(population.Persons.Count, result.Persons);
        Assert.Equal(population.Persons.Count, await check.Persons.CountAsync());
        Assert.Equal(population.Persons.Count, await check.PersonRecords.CountAsync());
        Assert.Equal(50, await check.Households.CountAsync());
        Assert.Equal(population.Recipients.Count, await check.Recipients.CountAsync());
        Assert.Equal(population.Recipients.Sum(r => r.Periods.Count), await check.EligibilityRecords.CountAsync());
        Assert.Equal(population.TaxRecordCount, await check.TaxRecords.CountAsync());
        Assert.Equal(population.Persons.Count(p => p.Insurance is not null), await check.Insurances.CountAsync());
        Assert.Equal(population.Persons.Count(p => p.BankAccount is not null), await check.BankAccounts.CountAsync());
        Assert.Equal(population.Persons.Sum(p => p.PhoneNumbers.Count), await check.Contacts.CountAsync());
        Assert.Equal(population.Persons.Sum(p => p.Memos.Count), await check.Memos.CountAsync());
        Assert.Equal(population.Persons.Count(p => p.MemberFrom is not null), await check.HouseholdMembers.CountAsync());
        Assert.Equal(0, await check.Users.CountAsync());

        // What was stored reads back as generated: a person, a child's 親受給者, a tax record, a lost period.
        var mother = population.Households[0].Members[0];
        var stored = await check.Persons.SingleAsync(p => p.AtenaNumber == mother.AtenaNumber);
        var record = await check.PersonRecords.SingleAsync(r => r.PersonId == stored.Id);
        Assert.Equal((mother.Name, mother.NameKana, mother.BirthDate, mother.Address, mother.RecordFrom), (record.Name, record.NameKana, record.BirthDate, record.Address, record.ValidFrom));
        Assert.Equal(KanaNormalizer.ToSearchKey(mother.NameKana), record.NameKanaKey);
        Assert.Equal(Clock.GetUtcNow(), record.RecordedAt);

        var child = population.Recipients.First(r => r.Kind == RecipientKind.Child);
        var storedChild = await check.Recipients.SingleAsync(r => r.RecipientNumber == child.RecipientNumber);
        var storedParent = await check.Recipients.SingleAsync(r => r.Id == storedChild.ParentRecipientId);
        Assert.Equal(child.Parent!.RecipientNumber, storedParent.RecipientNumber);
        Assert.Equal(storedParent.HouseholdId, storedChild.HouseholdId);

        var tax = mother.TaxRecords[^1];
        var storedTax = await check.TaxRecords.Current().SingleAsync(t => t.PersonId == stored.Id && t.TaxYear == tax.TaxYear);
        Assert.All(TaxItems.All, item => Assert.Equal(item.GetValue(tax), item.GetValue(storedTax)));
        Assert.Equal("demo", storedTax.RecordedBy);

        var lost = population.Recipients.First(r => r.LostOn is not null);
        var storedLost = await check.Recipients.SingleAsync(r => r.RecipientNumber == lost.RecipientNumber);
        var periods = await check.EligibilityRecords.Where(e => e.RecipientId == storedLost.Id).OrderBy(e => e.ValidFrom).ToListAsync();
        Assert.Equal(new[] { EligibilityStatus.Active, EligibilityStatus.Lost }, periods.Select(p => p.Status).ToArray());
        Assert.Equal(lost.LossReason, periods[1].LossReason);
        Assert.Equal(lost.LostOn, (await check.EligibilityRecords.AsOf(lost.LostOn!.Value).SingleAsync(e => e.RecipientId == storedLost.Id)).LostOn);

        var audit = await check.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.DemoSeeded);
        Assert.Equal("admin", audit.Actor);
        Assert.Contains("\"households\":50", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_database_that_holds_persons_is_refused_and_ordinary_inserts_go_on_after_a_seed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var population = await DemoTestData.GenerateAsync(5, 2);
        await using (var db = database.Open())
        {
            await new DemoSeeder(db, Clock).SeedAsync(population, "admin");
        }

        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<DemoSeedRefusedException>(() => new DemoSeeder(db, Clock).SeedAsync(population, "admin"));
            Assert.Equal(population.Persons.Count, refused.Persons);
            Assert.Contains("宛名", refused.Message, StringComparison.Ordinal);
        }

        // The keys the seed gave are behind the sequences: the ordinary ways in still work.
        await using (var db = database.Open())
        {
            var ledger = new PersonLedger(db, Clock);
            var person = await ledger.RegisterAsync("9999999999", new PersonRecord
            {
                Name = "新規　太郎",
                NameKana = "シンキ　タロウ",
                NameKanaKey = "シンキタロウ",
                BirthDate = new DateOnly(1990, 1, 1),
                Sex = Sex.Male,
                ResidencyStatus = ResidencyStatus.Registered,
                Address = "奈良県奈良市二条大路南1丁目1番1号",
            }, new DateOnly(2026, 11, 1), "madoguchi1");
            Assert.True(person.Id > population.Persons.Count);
            db.Recipients.Add(new Recipient { PersonId = person.Id, RecipientNumber = "9000000", Kind = RecipientKind.Parent, CreatedAt = Clock.GetUtcNow(), Version = 1 });
            await db.SaveChangesAsync();
            await db.RecordAsync(new TaxRecord { PersonId = person.Id, TaxYear = 2026, IsUndeclared = true }, Clock.GetUtcNow(), "import:tax.csv");
        }

        await using var check = database.Open();
        Assert.Equal(population.Persons.Count + 1, await check.Persons.CountAsync());
        Assert.Single(await check.AuditEvents.Where(e => e.EventType == AuditEventType.DemoSeeded).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_payer_numbers_come_from_the_database_master(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Clock.GetUtcNow());
        var brackets = await db.AgeBrackets.AsNoTracking().ToListAsync();
        var payers = await db.PublicPayers.AsNoTracking().ToListAsync();
        var reference = await DemoReferenceData.LoadAsync(brackets, payers);
        var population = DemoGenerator.Generate(new DemoOptions(20, 4, DemoTestData.Today), reference);
        Assert.All(
            population.Recipients.Where(r => r.LostOn is null).SelectMany(r => r.Periods),
            period => Assert.Contains(period.PayerNumber, payers.Select(p => p.PayerNumber)));
    }

    /// <summary>Reports synchronously, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<DemoSeedProgress> report) : IProgress<DemoSeedProgress>
    {
        public void Report(DemoSeedProgress value) => report(value);
    }
}
