using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Audit;

/// <summary>The audit writer: events saved with the change, in one transaction, as one chain (both providers).</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AuditWriterTests(PostgresFixture fixture)
{
    internal static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 29, 9, 30, 0, TimeSpan.FromHours(9)).AddTicks(1_234_567);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Queued_events_form_a_gapless_chain_from_genesis(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new FixedClock(Start);
        for (var save = 0; save < 3; save++)
        {
            await using var db = database.Open();
            db.Clock = clock;
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserListed, Details: new { Page = save }));
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserUpdated, "user", $"user{save}", new { Field = "displayName" }, "192.0.2.1", "req-1"));
            Assert.Equal(2, db.PendingAuditCount);

            // Nothing else changed: the events are still written; the count is of the other changes.
            Assert.Equal(0, await db.SaveChangesAsync());
            Assert.Equal(0, db.PendingAuditCount);
            clock.Advance(TimeSpan.FromTicks(15_003));
        }

        await using var check = database.Open();
        var events = await check.AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([1L, 2, 3, 4, 5, 6], events.Select(e => e.Sequence));
        Assert.Equal(AuditChain.GenesisHash, events[0].PreviousHash);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.True(AuditChain.IsHash(events[i].Hash));
            Assert.Equal(AuditChain.ComputeHash(events[i]), events[i].Hash);
            if (i > 0)
            {
                Assert.Equal(events[i - 1].Hash, events[i].PreviousHash);
            }
        }

        Assert.Equal(AuditChain.ToChainInstant(Start), events[0].OccurredAt);
        Assert.Equal(AuditChain.ToChainInstant(Start.AddTicks(15_003)), events[2].OccurredAt);
        Assert.Equal(TimeSpan.Zero, events[0].OccurredAt.Offset);
        Assert.Equal("""{"page":0}""", events[0].Details);
        Assert.Equal(("user", "user0", "192.0.2.1", "req-1"), (events[1].SubjectType, events[1].SubjectId, events[1].ClientAddress, events[1].CorrelationId));
        Assert.True((await AuditVerifier.VerifyAsync(check, null)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_change_and_its_event_are_saved_together(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            db.Persons.Add(new Person { AtenaNumber = "000123", CreatedAt = Start.ToUniversalTime() });
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserCreated, "person", "000123"));
            Assert.Equal(1, await db.SaveChangesAsync());
        }

        await using var check = database.Open();
        Assert.Equal("000123", (await check.Persons.SingleAsync()).AtenaNumber);
        var written = await check.AuditEvents.SingleAsync();
        Assert.Equal((1L, "person", "000123"), (written.Sequence, written.SubjectType, written.SubjectId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_save_with_many_events_bulk_writes_them_as_the_same_chain_with_its_change(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new FixedClock(Start);
        await using (var first = database.Open())
        {
            first.Clock = clock;
            first.AddAudit(new AuditEntry("system", AuditEventType.DbMigrated));
            await first.SaveChangesAsync();
        }

        var many = FukushiDbContext.BulkAuditEvents + 36;
        await using (var db = database.Open())
        {
            db.Clock = clock;
            db.Persons.Add(new Person { AtenaNumber = "000999", CreatedAt = Start.ToUniversalTime() });
            for (var i = 0; i < many; i++)
            {
                db.AddAudit(new AuditEntry("yamada", AuditEventType.UserUpdated, "user", $"u{i}", new { Index = i, Name = "𠮷田 ｶﾅ" }, "192.0.2.1", "req-bulk"));
            }

            Assert.Equal(1, await db.SaveChangesAsync());
            Assert.Equal(0, db.PendingAuditCount);
            Assert.Empty(db.ChangeTracker.Entries<AuditEvent>());

            // The context goes on with a small save after the bulk one.
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserListed));
            await db.SaveChangesAsync();
        }

        await using var check = database.Open();
        var events = await check.AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, many + 2).Select(n => (long)n), events.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, many).Select(i => $"u{i}"), events.Skip(1).Take(many).Select(e => e.SubjectId));
        Assert.All(events.Skip(1).Take(many), e => Assert.Equal((AuditChain.ToChainInstant(Start), "req-bulk", "192.0.2.1"), (e.OccurredAt, e.CorrelationId, e.ClientAddress)));
        Assert.Equal("""{"index":5,"name":"𠮷田 ｶﾅ"}""", events[6].Details);
        Assert.Equal(1, await check.Persons.CountAsync());
        var result = await AuditVerifier.VerifyAsync(check, null);
        Assert.True(result.Ok, result.Message);
        Assert.Equal(many + 2, result.EventsChecked);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bulk_save_rolled_back_by_its_caller_leaves_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < FukushiDbContext.BulkAuditEvents; i++)
            {
                db.AddAudit(new AuditEntry("yamada", AuditEventType.UserUpdated, "user", $"u{i}"));
            }

            await db.SaveChangesAsync();
            Assert.Equal(FukushiDbContext.BulkAuditEvents, await db.AuditEvents.CountAsync());
            await transaction.RollbackAsync();
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.AuditEvents.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_event_of_a_rolled_back_transaction_leaves_no_row(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Persons.Add(new Person { AtenaNumber = "000456", CreatedAt = Start.ToUniversalTime() });
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserCreated, "person", "000456"));
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.AuditEvents.CountAsync());
            await transaction.RollbackAsync();
        }

        await using (var check = database.Open())
        {
            Assert.Equal(0, await check.AuditEvents.CountAsync());
            Assert.Equal(0, await check.Persons.CountAsync());
        }

        // The same context goes on: the next event is the chain's first.
        db.AddAudit(new AuditEntry("yamada", AuditEventType.UserListed));
        await db.SaveChangesAsync();
        await using var after = database.Open();
        var only = await after.AuditEvents.SingleAsync();
        Assert.Equal((1L, AuditEventType.UserListed, AuditChain.GenesisHash), (only.Sequence, only.EventType, only.PreviousHash));
        Assert.True((await AuditVerifier.VerifyAsync(after, null)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failed_save_writes_no_event_and_keeps_the_queue_for_a_retry(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var first = database.Open())
        {
            first.AddAudit(new AuditEntry("system", AuditEventType.DbMigrated));
            await first.SaveChangesAsync();
        }

        await using var db = database.Open();
        db.Persons.Add(new Person { AtenaNumber = "000789", CreatedAt = Start.ToUniversalTime() });
        var duplicate = db.Persons.Add(new Person { AtenaNumber = "000789", CreatedAt = Start.ToUniversalTime() });
        db.AddAudit(new AuditEntry("yamada", AuditEventType.UserCreated, "person", "000789"));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(1, db.PendingAuditCount);
        Assert.Empty(db.ChangeTracker.Entries<AuditEvent>());
        await using (var check = database.Open())
        {
            Assert.Equal(1, await check.AuditEvents.CountAsync());
            Assert.Equal(0, await check.Persons.CountAsync());
        }

        duplicate.State = EntityState.Detached;
        Assert.Equal(1, await db.SaveChangesAsync());
        Assert.Equal(0, db.PendingAuditCount);
        await using var after = database.Open();
        Assert.Equal([1L, 2], await after.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(1, await after.Persons.CountAsync());
        Assert.True((await AuditVerifier.VerifyAsync(after, null)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_save_without_accepting_is_written_again_after_the_callers_rollback(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserEnabled, "user", "tanaka"));
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
            await transaction.RollbackAsync();
        }

        // Retrying the save writes the event that the rollback took away.
        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserDisabled, "user", "tanaka"));
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
            await transaction.CommitAsync();
            db.ChangeTracker.AcceptAllChanges();
        }

        // Accepted: a later save does not write it twice.
        db.AddAudit(new AuditEntry("yamada", AuditEventType.UserListed));
        await db.SaveChangesAsync();
        await using var check = database.Open();
        Assert.Equal(
            [AuditEventType.UserEnabled, AuditEventType.UserDisabled, AuditEventType.UserListed],
            await check.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.EventType).ToListAsync());
        Assert.True((await AuditVerifier.VerifyAsync(check, null)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_rows_are_written_only_by_the_writer_and_never_changed_or_deleted(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserListed));
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            db.AuditEvents.Add(new AuditEvent { Sequence = 2, Actor = "mallory", EventType = AuditEventType.UserListed });
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.Open())
        {
            var row = await db.AuditEvents.SingleAsync();
            db.Entry(row).Property(e => e.Actor).CurrentValue = "mallory";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.Open())
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync());
            await Assert.ThrowsAsync<HardDeleteRefusedException>(() => db.SaveChangesAsync());
        }

        await using var check = database.Open();
        Assert.Equal("yamada", (await check.AuditEvents.SingleAsync()).Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_writer_waits_for_the_transaction_that_holds_the_chain(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var holder = database.Open();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        holder.AddAudit(new AuditEntry("yamada", AuditEventType.UserCreated, "user", "first"));
        await holder.SaveChangesAsync();

        var second = Task.Run(async () =>
        {
            await using var db = database.Open();
            db.AddAudit(new AuditEntry("suzuki", AuditEventType.UserCreated, "user", "second"));
            await db.SaveChangesAsync();
        });
        await Task.Delay(500);
        Assert.False(second.IsCompleted, "The second writer did not wait for the chain's lock.");
        await transaction.CommitAsync();
        await second;

        await using var check = database.Open();
        Assert.Equal(
            ["first", "second"],
            await check.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.SubjectId!).ToListAsync());
        Assert.True((await AuditVerifier.VerifyAsync(check, null)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_writers_make_one_gapless_chain(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var writers = Enumerable.Range(0, 3).Select(writer => Task.Run(async () =>
        {
            for (var save = 0; save < 8; save++)
            {
                await using var db = database.Open();
                db.AddAudit(new AuditEntry($"writer{writer}", AuditEventType.UserListed, Details: new { Save = save }));
                db.AddAudit(new AuditEntry($"writer{writer}", AuditEventType.UserUpdated, "user", $"u{save}"));
                await db.SaveChangesAsync();
            }
        }));
        await Task.WhenAll(writers);

        await using var check = database.Open();
        Assert.Equal(Enumerable.Range(1, 48).Select(n => (long)n), await check.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        var result = await AuditVerifier.VerifyAsync(check, null);
        Assert.True(result.Ok, result.Message);
        Assert.Equal(48, result.EventsChecked);
    }

    [Fact]
    public async Task A_SQLite_transaction_holds_the_write_lock_from_its_beginning()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite", fixture);
        var otherConnection = new SqliteConnectionStringBuilder(FukushiDatabase.SqliteConnectionString(database.Settings.Target))
        {
            DefaultTimeout = 1,
        }.ToString();
        await using var db = database.Open();
        await using (await db.Database.BeginTransactionAsync())
        {
            // EF Core's BeginTransaction on SQLite is BEGIN IMMEDIATE: no other writer can begin,
            // even though this transaction has neither read nor written yet.
            await using var other = new SqliteConnection(otherConnection);
            await other.OpenAsync();
            await using var begin = other.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            var busy = await Assert.ThrowsAsync<SqliteException>(() => begin.ExecuteNonQueryAsync());
            Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY
        }

        await using var after = new SqliteConnection(otherConnection);
        await after.OpenAsync();
        await using var again = after.CreateCommand();
        again.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
        await again.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_same_events_give_the_same_bytes_and_hashes_on_SQLite_and_PostgreSQL()
    {
        var chains = new List<List<AuditEvent>>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            await using var database = await TestDatabase.CreateAsync(provider, fixture);
            var clock = new FixedClock(Start);
            foreach (var batch in SampleEntries().Chunk(3))
            {
                await using var db = database.Open();
                db.Clock = clock;
                foreach (var entry in batch)
                {
                    db.AddAudit(entry);
                }

                await db.SaveChangesAsync();
                clock.Advance(TimeSpan.FromTicks(987_654_321));
            }

            await using var check = database.Open();
            chains.Add(await check.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        }

        var (sqlite, postgres) = (chains[0], chains[1]);
        Assert.Equal(SampleEntries().Count, sqlite.Count);
        Assert.Equal(sqlite.Select(AuditChain.EventJson), postgres.Select(AuditChain.EventJson));
        Assert.Equal(sqlite.Select(e => e.Hash), postgres.Select(e => e.Hash));
        Assert.Equal(sqlite.Select(e => AuditChain.ComputeHash(e)), postgres.Select(e => e.Hash));
        Assert.Equal(sqlite.Select(e => e.OccurredAt.UtcTicks), postgres.Select(e => e.OccurredAt.UtcTicks));
    }

    internal static List<AuditEntry> SampleEntries() =>
    [
        new("yamada", AuditEventType.UserCreated, "user", "tanaka", new { DisplayName = "田中 𠮷子", Roles = new[] { "窓口", "審査" }, StaffNumber = "000123" }, "192.0.2.10", "req-0001"),
        new("yamada", AuditEventType.UserPasswordSet, "user", "tanaka", new { MustChange = true }),
        new("system", AuditEventType.DbMigrated, Details: new Dictionary<string, object?> { ["from"] = null, ["to"] = "20261129043002_AuditLog", ["ｶﾅ"] = "ﾊﾝｶｸ", ["\u00e9"] = "é" }),
        new("tanaka", AuditEventType.UserListed, Details: new { Filter = "tab\there, \"quoted\", back\\slash, ctrl\u0001, line\nbreak", Count = -42, Max = CanonicalJson.MaxSafeInteger }),
        new("suzuki", AuditEventType.UserDisabled, "user", "yamada", new { Reason = "退職", ValidTo = new DateOnly(2027, 3, 31) }, "2001:db8::1"),
        new("監査 太郎", AuditEventType.AuditVerified, Details: new { Ok = true, Events = 5 }),
        new("system", AuditEventType.UserEnabled, "user", "𠮷田", CorrelationId: "batch-2026-11-29"),
    ];
}
