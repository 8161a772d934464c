using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.People;

/// <summary>
/// The history promise of architecture.md §3 on both databases: a person is written, moves
/// (a change), has a wrong birth date corrected (a correction), and both "as of" and "as known on"
/// questions get the right answers.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PersonHistoryTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Registered = new(2026, 4, 1, 0, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Moved = new(2026, 6, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Corrected = new(2026, 9, 1, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_move_and_a_corrected_birth_date_answer_as_of_and_as_known_on(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new SettableClock(Registered);
        long personId;
        await using (var db = database.Open())
        {
            var ledger = new PersonLedger(db, clock);
            var person = await ledger.RegisterAsync("000123", NewRecord(), new DateOnly(2020, 1, 1), "madoguchi1");
            personId = person.Id;
        }

        clock.Now = Moved;
        await using (var db = database.Open())
        {
            var ledger = new PersonLedger(db, clock);
            await ledger.ChangeAsync(personId, expectedVersion: 1, new DateOnly(2026, 6, 1), r =>
            {
                r.PostalCode = "6308580";
                r.Address = "奈良県奈良市二条大路南一丁目1番1号";
            }, "madoguchi1");
        }

        clock.Now = Corrected;
        await using (var db = database.Open())
        {
            var ledger = new PersonLedger(db, clock);
            await ledger.CorrectAsync(personId, expectedVersion: 2, r => r.BirthDate = new DateOnly(1990, 5, 21), "shinsa1");
        }

        await using (var db = database.Open())
        {
            var ledger = new PersonLedger(db, clock);

            // As of dates, as we know it now: the move shows from 2026-06-01, the corrected birth date everywhere.
            var beforeMove = await ledger.AsOfAsync(personId, new DateOnly(2026, 5, 31));
            var afterMove = await ledger.AsOfAsync(personId, new DateOnly(2026, 6, 1));
            Assert.NotNull(beforeMove);
            Assert.NotNull(afterMove);
            Assert.Equal("奈良県奈良市登大路町30番地", beforeMove.Address);
            Assert.Equal("奈良県奈良市二条大路南一丁目1番1号", afterMove.Address);
            Assert.Equal(new DateOnly(1990, 5, 21), beforeMove.BirthDate);
            Assert.Equal(new DateOnly(1990, 5, 21), afterMove.BirthDate);
            Assert.Equal(RecordKind.Correction, afterMove.Kind);

            // As we knew it before the correction: the old birth date, the move already known.
            var knownInJuly = await ledger.AsKnownOnAsync(personId, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), new DateOnly(2026, 6, 15));
            Assert.NotNull(knownInJuly);
            Assert.Equal(new DateOnly(1990, 5, 12), knownInJuly.BirthDate);
            Assert.Equal("奈良県奈良市二条大路南一丁目1番1号", knownInJuly.Address);

            // As we knew it before the move was reported: the old address even for a date after the move.
            var knownInMay = await ledger.AsKnownOnAsync(personId, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateOnly(2026, 6, 15));
            Assert.NotNull(knownInMay);
            Assert.Equal("奈良県奈良市登大路町30番地", knownInMay.Address);

            // Before anything was recorded we knew nothing.
            Assert.Null(await ledger.AsKnownOnAsync(personId, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateOnly(2026, 1, 1)));

            // Nothing was lost: 1 initial + (2 for the split move) + (2 corrections) rows, 3 of them superseded.
            var all = await db.PersonRecords.Where(r => r.PersonId == personId).ToListAsync();
            Assert.Equal(5, all.Count);
            Assert.Equal(3, all.Count(r => r.SupersededAt is not null));
            Assert.Equal(3, (await db.Persons.SingleAsync(p => p.Id == personId)).Version);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_staff_editing_the_same_person_do_not_overwrite_each_other(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new SettableClock(Registered);
        long personId;
        await using (var db = database.Open())
        {
            personId = (await new PersonLedger(db, clock).RegisterAsync("000124", NewRecord(), new DateOnly(2020, 1, 1), "madoguchi1")).Id;
        }

        // Both read version 1; the first saves, the second is refused and changes nothing.
        await using var first = database.Open();
        await using var second = database.Open();
        var secondLedger = new PersonLedger(second, clock);
        _ = await second.Persons.SingleAsync(p => p.Id == personId); // loaded by the second user at version 1
        await new PersonLedger(first, clock).ChangeAsync(personId, 1, new DateOnly(2026, 6, 1), r => r.Address = "一人目の住所", "madoguchi1");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            secondLedger.ChangeAsync(personId, 1, new DateOnly(2026, 6, 1), r => r.Address = "二人目の住所", "madoguchi2"));

        await using var check = database.Open();
        var now = await new PersonLedger(check, clock).AsOfAsync(personId, new DateOnly(2026, 7, 1));
        Assert.Equal("一人目の住所", now!.Address);
        Assert.Equal(0, await check.PersonRecords.CountAsync(r => r.Address == "二人目の住所"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_business_record_cannot_be_hard_deleted(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new SettableClock(Registered);
        await using var db = database.Open();
        var person = await new PersonLedger(db, clock).RegisterAsync("000125", NewRecord(), new DateOnly(2020, 1, 1), "madoguchi1");

        db.ChangeTracker.Clear();
        db.Persons.Remove(await db.Persons.SingleAsync(p => p.Id == person.Id));
        var refused = await Assert.ThrowsAsync<HardDeleteRefusedException>(() => db.SaveChangesAsync());
        Assert.Contains(nameof(Person), refused.EntityNames);

        db.ChangeTracker.Clear();
        var record = await db.PersonRecords.FirstAsync(r => r.PersonId == person.Id);
        db.PersonRecords.Remove(record);
        await Assert.ThrowsAsync<HardDeleteRefusedException>(() => db.SaveChangesAsync());

        await using var check = database.Open();
        Assert.Equal(1, await check.Persons.CountAsync(p => p.Id == person.Id));
        Assert.Equal(1, await check.PersonRecords.CountAsync(r => r.PersonId == person.Id));
    }

    private static PersonRecord NewRecord() => SamplePersonRecord.Create();
}
