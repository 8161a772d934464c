using FukushiIryo.App.Data;
using FukushiIryo.App.Income;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Income;

/// <summary>養育費の申告 recorded by staff, on both databases: history, precedence query, concurrency, audit.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ChildSupportTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset First = new(2026, 8, 3, 10, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset Second = new(2026, 8, 20, 14, 30, 0, TimeSpan.FromHours(9));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_declaration_is_found_for_its_year_only_and_nothing_declared_is_null(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await AddPersonAsync(database, "000101");
        await using (var db = database.Open())
        {
            Assert.Null(await ChildSupportDeclarations.FindDeclaredAsync(db, personId, 2026));
            var version = await VersionAsync(db, personId);
            Assert.Equal(ChildSupportOutcome.Recorded, await ChildSupportDeclarations.RecordAsync(db, new SettableClock(First), new ChildSupportEntry(personId, version, 2026, 360_000, 0), "madoguchi1", "192.0.2.10"));
        }

        await using var check = database.Open();
        var found = await ChildSupportDeclarations.FindDeclaredAsync(check, personId, 2026);
        Assert.Equal(new ChildSupportAmounts(360_000, 0, First.ToUniversalTime(), "madoguchi1"), found);
        Assert.Equal(360_000L, found!.Total);
        Assert.Null(await ChildSupportDeclarations.FindDeclaredAsync(check, personId, 2025));
        var audit = await check.AuditEvents.SingleAsync(e => e.EventType == "income.child_support_declared");
        Assert.Equal(("madoguchi1", "000101", "192.0.2.10"), (audit.Actor, audit.SubjectId, audit.ClientAddress));
        Assert.Contains("\"old\":null", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"receivedByChild\":360000", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_entry_supersedes_keeps_the_history_and_is_audited_with_old_and_new(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await AddPersonAsync(database, "000101");
        await using (var db = database.Open())
        {
            await ChildSupportDeclarations.RecordAsync(db, new SettableClock(First), new ChildSupportEntry(personId, await VersionAsync(db, personId), 2026, 360_000, 0), "madoguchi1");
        }

        await using (var db = database.Open())
        {
            // The applicant brings the 受給者 part of the 養育費 too.
            var outcome = await ChildSupportDeclarations.RecordAsync(db, new SettableClock(Second), new ChildSupportEntry(personId, await VersionAsync(db, personId), 2026, 360_000, 240_000), "madoguchi2");
            Assert.Equal(ChildSupportOutcome.Recorded, outcome);
        }

        await using var check = database.Open();
        var history = await ChildSupportDeclarations.HistoryAsync(check, personId);
        Assert.Equal(2, history.Count);
        Assert.Equal((240_000L, RecordKind.Correction, (DateTimeOffset?)null), (history[0].ReceivedByRecipient, history[0].Kind, history[0].SupersededAt));
        Assert.Equal((0L, RecordKind.Initial, (DateTimeOffset?)Second.ToUniversalTime()), (history[1].ReceivedByRecipient, history[1].Kind, history[1].SupersededAt));
        Assert.Equal(600_000L, (await ChildSupportDeclarations.FindDeclaredAsync(check, personId, 2026))!.Total);
        Assert.Equal(360_000L, (await ChildSupportDeclarations.FindDeclaredAsync(check, personId, 2026, Second.AddMinutes(-1)))!.Total);
        Assert.Null(await ChildSupportDeclarations.FindDeclaredAsync(check, personId, 2026, First.AddMinutes(-1)));
        var audit = await check.AuditEvents.Where(e => e.EventType == "income.child_support_declared").OrderBy(e => e.Sequence).LastAsync();
        Assert.Contains("\"old\":{\"receivedByChild\":360000,\"receivedByRecipient\":0}", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"new\":{\"receivedByChild\":360000,\"receivedByRecipient\":240000}", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_amounts_again_write_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await AddPersonAsync(database, "000101");
        await using (var db = database.Open())
        {
            await ChildSupportDeclarations.RecordAsync(db, new SettableClock(First), new ChildSupportEntry(personId, await VersionAsync(db, personId), 2026, 100_000, 50_000), "madoguchi1");
        }

        await using (var db = database.Open())
        {
            var outcome = await ChildSupportDeclarations.RecordAsync(db, new SettableClock(Second), new ChildSupportEntry(personId, await VersionAsync(db, personId), 2026, 100_000, 50_000), "madoguchi1");
            Assert.Equal(ChildSupportOutcome.Unchanged, outcome);
        }

        await using var check = database.Open();
        Assert.Single(await ChildSupportDeclarations.HistoryAsync(check, personId));
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.EventType == "income.child_support_declared"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_form_read_before_another_change_is_refused_and_saves_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await AddPersonAsync(database, "000101");
        long readVersion;
        await using (var db = database.Open())
        {
            readVersion = await VersionAsync(db, personId);
        }

        // Two members of staff opened the page; the first records.
        await using (var db = database.Open())
        {
            await ChildSupportDeclarations.RecordAsync(db, new SettableClock(First), new ChildSupportEntry(personId, readVersion, 2026, 100_000, 0), "madoguchi1");
        }

        await using (var db = database.Open())
        {
            var stale = new ChildSupportEntry(personId, readVersion, 2026, 200_000, 0);
            var refused = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ChildSupportDeclarations.RecordAsync(db, new SettableClock(Second), stale, "madoguchi2"));
            Assert.Contains("読み込み直して", refused.Message, StringComparison.Ordinal);
        }

        await using var check = database.Open();
        Assert.Equal(100_000L, (await ChildSupportDeclarations.FindDeclaredAsync(check, personId, 2026))!.ReceivedByChild);
        Assert.Single(await ChildSupportDeclarations.HistoryAsync(check, personId));
        Assert.Equal(readVersion + 1, await VersionAsync(check, personId));
    }

    [Fact]
    public async Task A_negative_amount_is_refused_by_the_service()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite", fixture);
        var personId = await AddPersonAsync(database, "000101");
        await using var db = database.Open();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ChildSupportDeclarations.RecordAsync(db, new SettableClock(First), new ChildSupportEntry(personId, 1, 2026, -1, 0), "madoguchi1"));
    }

    private static Task<long> VersionAsync(FukushiDbContext db, long personId) =>
        db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => p.Version).SingleAsync();

    private static async Task<long> AddPersonAsync(TestDatabase database, string atena)
    {
        await using var db = database.Open();
        var person = new Person { AtenaNumber = atena, CreatedAt = DateTimeOffset.UnixEpoch, Version = 1 };
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }
}
