using FukushiIryo.App.Data;
using FukushiIryo.App.Income;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Income;

/// <summary>地方税関係情報 in the database, on both providers.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class TaxRecordDatabaseTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset FirstImport = new(2026, 6, 10, 9, 0, 0, TimeSpan.FromHours(9));

    private static readonly DateTimeOffset SecondImport = new(2026, 7, 15, 9, 0, 0, TimeSpan.FromHours(9));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_record_with_all_59_items_round_trips_with_negative_incomes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await AddPersonAsync(database, "000123");
        await using (var db = database.Open())
        {
            await db.RecordAsync(Full(personId, 2026), FirstImport, "import:tax.csv");
        }

        await using (var db = database.Open())
        {
            var stored = await db.TaxRecords.FindCurrentAsync(personId, 2026);
            Assert.NotNull(stored);
            var expected = Full(personId, 2026);
            Assert.All(TaxItems.All, item => Assert.Equal(item.GetValue(expected), item.GetValue(stored)));
            Assert.Equal(-3_000_000_123L, stored.AggregateIncome);
            Assert.Equal(SpouseDeductionKind.Elderly, stored.SpouseDeductionKind);
            Assert.Equal(WidowKind.SingleParent, stored.WidowKind);
            Assert.False(stored.IsUndeclared);
            Assert.Equal(FirstImport.ToUniversalTime(), stored.RecordedAt);
            Assert.Equal("import:tax.csv", stored.RecordedBy);
            Assert.Equal(RecordKind.Initial, stored.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_undeclared_record_keeps_its_items_unknown_not_zero(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await AddPersonAsync(database, "000124");
        await using (var db = database.Open())
        {
            await db.RecordAsync(new TaxRecord { PersonId = personId, TaxYear = 2026, IsUndeclared = true }, FirstImport, "import");
        }

        await using (var db = database.Open())
        {
            var stored = await db.TaxRecords.FindCurrentAsync(personId, 2026);
            Assert.NotNull(stored);
            Assert.True(stored.IsUndeclared);
            Assert.All(TaxItems.All, item => Assert.Null(item.GetValue(stored)));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_correction_keeps_the_superseded_record_and_as_known_at_returns_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await AddPersonAsync(database, "000125");
        var otherId = await AddPersonAsync(database, "000126");
        await using (var db = database.Open())
        {
            await db.RecordAsync(new TaxRecord { PersonId = personId, TaxYear = 2026, TotalIncome = 2_000_000 }, FirstImport, "import:1");
            await db.RecordAsync(new TaxRecord { PersonId = personId, TaxYear = 2025, TotalIncome = 1_500_000 }, FirstImport, "import:1");
            await db.RecordAsync(new TaxRecord { PersonId = otherId, TaxYear = 2026, TotalIncome = 9_000_000 }, FirstImport, "import:1");
        }

        await using (var db = database.Open())
        {
            // A later import (a 更正 of the tax) replaces the 2026 record of the first person.
            var current = await db.TaxRecords.FindCurrentAsync(personId, 2026);
            var corrected = current!.CopyForCorrection();
            corrected.TotalIncome = 2_400_000;
            corrected.ChildSupportReceivedByRecipient = 120_000;
            await db.RecordAsync(corrected, SecondImport, "import:2");
        }

        await using (var db = database.Open())
        {
            var rows = await db.TaxRecords.For(personId, 2026).OrderBy(r => r.RecordedAt).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.Equal(SecondImport.ToUniversalTime(), rows[0].SupersededAt);
            Assert.Null(rows[1].SupersededAt);
            Assert.Equal([RecordKind.Initial, RecordKind.Correction], rows.Select(r => r.Kind));
            Assert.Equal([2_000_000L, 2_400_000L], rows.Select(r => r.TotalIncome!.Value));

            Assert.Equal(2_400_000, (await db.TaxRecords.FindCurrentAsync(personId, 2026))?.TotalIncome);
            Assert.Equal(2_000_000, (await db.TaxRecords.FindKnownAtAsync(personId, 2026, SecondImport.AddTicks(-10)))?.TotalIncome);
            Assert.Equal(2_000_000, (await db.TaxRecords.FindKnownAtAsync(personId, 2026, FirstImport))?.TotalIncome);
            Assert.Equal(2_400_000, (await db.TaxRecords.FindKnownAtAsync(personId, 2026, SecondImport))?.TotalIncome);
            Assert.Null(await db.TaxRecords.FindKnownAtAsync(personId, 2026, FirstImport.AddTicks(-10)));
            Assert.Null((await db.TaxRecords.FindKnownAtAsync(personId, 2026, FirstImport))?.ChildSupportReceivedByRecipient);

            // The other year and the other person are untouched.
            Assert.Equal(1_500_000, (await db.TaxRecords.FindCurrentAsync(personId, 2025))?.TotalIncome);
            Assert.Equal(9_000_000, (await db.TaxRecords.FindCurrentAsync(otherId, 2026))?.TotalIncome);
            Assert.Equal(3, await db.TaxRecords.Current().CountAsync());
            Assert.Equal(3, await db.TaxRecords.KnownAt(FirstImport).CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_current_records_for_one_person_and_year_are_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await AddPersonAsync(database, "000127");
        await using (var db = database.Open())
        {
            await db.RecordAsync(new TaxRecord { PersonId = personId, TaxYear = 2026 }, FirstImport, "import:1");
        }

        // A second writer that did not see the first one's row (as in a concurrent import).
        await using (var db = database.Open())
        {
            TaxRecords.PlanRecord(null, new TaxRecord { PersonId = personId, TaxYear = 2026 }, SecondImport, "import:2").ApplyTo(db);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.Open())
        {
            Assert.Equal(1, await db.TaxRecords.CountAsync());
        }
    }

    [Fact]
    public void A_record_supersedes_only_the_current_record_of_its_person_and_year()
    {
        var current = new TaxRecord { PersonId = 1, TaxYear = 2026 };
        Assert.Throws<InvalidOperationException>(() =>
            TaxRecords.PlanRecord(current, new TaxRecord { PersonId = 1, TaxYear = 2025 }, SecondImport, "import"));
        current.SupersededAt = FirstImport;
        Assert.Throws<InvalidOperationException>(() =>
            TaxRecords.PlanRecord(current, new TaxRecord { PersonId = 1, TaxYear = 2026 }, SecondImport, "import"));
    }

    [Fact]
    public void Recorded_instants_are_kept_to_the_microsecond_in_UTC()
    {
        var edit = TaxRecords.PlanRecord(null, new TaxRecord(), FirstImport.AddTicks(7), "import");
        Assert.Equal(FirstImport.ToUniversalTime(), edit.Added.RecordedAt);
        Assert.Equal(TimeSpan.Zero, edit.Added.RecordedAt.Offset);
    }

    /// <summary>A record with every item set: distinct values, incomes negative (one beyond the int range).</summary>
    private static TaxRecord Full(long personId, int taxYear)
    {
        var record = new TaxRecord { PersonId = personId, TaxYear = taxYear, Source = "tax.csv" };
        foreach (var item in TaxItems.All)
        {
            object value = item.Kind switch
            {
                TaxItemKind.Income => -(100_000L * item.Number) - 1,
                TaxItemKind.Amount => (10_000L * item.Number) + 7,
                TaxItemKind.Count => item.Number % 7,
                TaxItemKind.Flag => item.Number % 2 == 0,
                _ => Enum.ToObject(item.ValueType, 2),
            };
            item.SetValue(record, value);
        }

        record.AggregateIncome = -3_000_000_123L;
        return record;
    }

    private static async Task<long> AddPersonAsync(TestDatabase database, string atenaNumber)
    {
        await using var db = database.Open();
        var person = new Person { AtenaNumber = atenaNumber, CreatedAt = FirstImport.ToUniversalTime() };
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }
}
