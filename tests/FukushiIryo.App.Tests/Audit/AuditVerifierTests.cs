using FukushiIryo.App.Audit;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Audit;

/// <summary>
/// The verifier against a chain tampered with by raw SQL, on both providers. Raw SQL bypasses the
/// context's refusal of deletes and updates on purpose: it plays the attacker with database access.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AuditVerifierTests(PostgresFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-anchors-").FullName;

    private string AnchorFile => Path.Combine(folder, "audit-anchors.log");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_untouched_chain_verifies_with_its_anchors(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        var result = await AuditVerifier.VerifyAsync(db, AnchorFile);
        Assert.True(result.Ok, result.Message);
        Assert.Equal((5L, 2, (long?)null, (AuditBreak?)null), (result.EventsChecked, result.AnchorsChecked, result.BrokenSequence, result.Reason));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_empty_chain_verifies(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        var result = await AuditVerifier.VerifyAsync(db, AnchorFile);
        Assert.True(result.Ok, result.Message);
        Assert.Equal(0, result.EventsChecked);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_edited_column_names_its_event(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Actor" = 'mallory' WHERE "Sequence" = 3"""));
        var result = await AuditVerifier.VerifyAsync(db, AnchorFile);
        AssertBroken(result, 3, AuditBreak.Edited, eventsChecked: 2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Details_rewritten_in_an_equivalent_but_not_canonical_form_are_an_edit(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        const string reordered = """{"save": 1, "kind": "a"}""";
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Details" = {reordered} WHERE "Sequence" = 2"""));
        Assert.Equal(CanonicalJson.Canonicalize(reordered), AuditEntry.CanonicalDetails(new { Kind = "a", Save = 1 }));
        var result = await AuditVerifier.VerifyAsync(db, AnchorFile);
        AssertBroken(result, 2, AuditBreak.Edited, eventsChecked: 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Details_that_are_no_longer_JSON_are_an_edit(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Details" = 'removed' WHERE "Sequence" = 4""");
        AssertBroken(await AuditVerifier.VerifyAsync(db, AnchorFile), 4, AuditBreak.Edited, eventsChecked: 3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_deleted_event_names_the_first_missing_sequence(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 3"""));
        AssertBroken(await AuditVerifier.VerifyAsync(db, AnchorFile), 3, AuditBreak.Deleted, eventsChecked: 2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_deleted_first_event_is_found(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" IN (1, 2)""");
        AssertBroken(await AuditVerifier.VerifyAsync(db, AnchorFile), 1, AuditBreak.Deleted, eventsChecked: 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Swapped_events_are_reported_as_reordered(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Sequence" = -4 WHERE "Sequence" = 4""");
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Sequence" = 4 WHERE "Sequence" = 2""");
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Sequence" = 2 WHERE "Sequence" = -4""");
        var result = await AuditVerifier.VerifyAsync(db, AnchorFile);
        AssertBroken(result, 2, AuditBreak.Reordered, eventsChecked: 1);
        Assert.Contains("written as 4", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Adjacent_swapped_events_are_reported_as_reordered(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Sequence" = -1 WHERE "Sequence" = 1""");
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Sequence" = 1 WHERE "Sequence" = 2""");
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Sequence" = 2 WHERE "Sequence" = -1""");
        AssertBroken(await AuditVerifier.VerifyAsync(db, AnchorFile), 1, AuditBreak.Reordered, eventsChecked: 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_truncated_tail_is_caught_by_the_anchors(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        Assert.Equal(2, await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" >= 4"""));

        // Without the anchors, what is left is a valid chain: the anchors are what catches this.
        Assert.True((await AuditVerifier.VerifyAsync(db, null)).Ok);
        var result = await AuditVerifier.VerifyAsync(db, AnchorFile);
        AssertBroken(result, 4, AuditBreak.TruncatedTail, eventsChecked: 3);
        Assert.Contains("names event 5", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_tail_removed_entirely_is_caught_by_the_anchors(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEvents" """);
        AssertBroken(await AuditVerifier.VerifyAsync(db, AnchorFile), 1, AuditBreak.TruncatedTail, eventsChecked: 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rewritten_and_rehashed_event_is_caught_by_an_anchor(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        var original = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == 5);
        var forged = Forge(original, "mallory");
        await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Actor" = {forged.Actor}, "Hash" = {AuditChain.ComputeHash(forged)} WHERE "Sequence" = 5""");

        // The last event re-hashed: the chain itself is consistent, the anchor is not.
        Assert.True((await AuditVerifier.VerifyAsync(db, null)).Ok);
        AssertBroken(await AuditVerifier.VerifyAsync(db, AnchorFile), 5, AuditBreak.AnchorMismatch, eventsChecked: 4);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_event_rehashed_alone_breaks_the_link_of_the_next(string provider)
    {
        await using var database = await WriteChainAsync(provider);
        await using var db = database.Open();
        var original = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == 3);
        var forged = Forge(original, "mallory");
        await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Actor" = {forged.Actor}, "Hash" = {AuditChain.ComputeHash(forged)} WHERE "Sequence" = 3""");
        var result = await AuditVerifier.VerifyAsync(db, null);
        AssertBroken(result, 4, AuditBreak.Edited, eventsChecked: 3);
        Assert.Contains("does not link", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_that_is_not_an_anchor_is_an_error()
    {
        await using var database = await WriteChainAsync("sqlite");
        await File.AppendAllTextAsync(AnchorFile, "5 not-a-hash 2026-11-29T00:00:00.000000Z\n");
        await using var db = database.Open();
        var error = await Assert.ThrowsAsync<FormatException>(() => AuditVerifier.VerifyAsync(db, AnchorFile));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_chain_is_read_page_by_page()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite", fixture);
        await using (var db = database.Open())
        {
            for (var i = 0; i < 2345; i++)
            {
                db.AddAudit(new AuditEntry("batch", AuditEventType.UserListed, Details: new { Row = i }));
            }

            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            await new AuditAnchors(AnchorFile).AppendAsync(db);
            var result = await AuditVerifier.VerifyAsync(db, AnchorFile);
            Assert.True(result.Ok, result.Message);
            Assert.Equal(2345, result.EventsChecked);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 2001""");
            AssertBroken(await AuditVerifier.VerifyAsync(db, AnchorFile), 2001, AuditBreak.Deleted, eventsChecked: 2000);
        }
    }

    private static AuditEvent Forge(AuditEvent original, string actor) => new()
    {
        Sequence = original.Sequence,
        OccurredAt = original.OccurredAt,
        Actor = actor,
        ClientAddress = original.ClientAddress,
        CorrelationId = original.CorrelationId,
        EventType = original.EventType,
        SubjectType = original.SubjectType,
        SubjectId = original.SubjectId,
        Details = original.Details,
        PreviousHash = original.PreviousHash,
    };

    private static void AssertBroken(AuditVerificationResult result, long sequence, AuditBreak reason, long eventsChecked)
    {
        Assert.False(result.Ok);
        Assert.Equal((sequence, reason, eventsChecked), (result.BrokenSequence!.Value, result.Reason!.Value, result.EventsChecked));
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    /// <summary>Five events in four saves, with an anchor after the third and after the fifth.</summary>
    private async Task<TestDatabase> WriteChainAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new FixedClock(AuditWriterTests.Start);
        var anchors = new AuditAnchors(AnchorFile, clock);
        var saves = new[]
        {
            new[] { new AuditEntry("system", AuditEventType.DbMigrated) },
            [new AuditEntry("yamada", AuditEventType.UserListed, Details: new { Kind = "a", Save = 1 }), new AuditEntry("yamada", AuditEventType.UserCreated, "user", "tanaka", new { DisplayName = "田中 𠮷子" })],
            [new AuditEntry("yamada", AuditEventType.UserPasswordSet, "user", "tanaka", ClientAddress: "192.0.2.7")],
            [new AuditEntry("suzuki", AuditEventType.UserDisabled, "user", "tanaka", new { Reason = "退職" }, CorrelationId: "req-9")],
        };
        for (var i = 0; i < saves.Length; i++)
        {
            await using var db = database.Open();
            db.Clock = clock;
            foreach (var entry in saves[i])
            {
                db.AddAudit(entry);
            }

            await db.SaveChangesAsync();
            clock.Advance(TimeSpan.FromMinutes(1));
            if (i is 1 or 3)
            {
                Assert.NotNull(await anchors.AppendAsync(db));
            }
        }

        return database;
    }
}
