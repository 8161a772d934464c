using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Audit;

/// <summary>
/// Group commit of audit-only saves (ADR 0003, session 6 amendment): callers that queue while another
/// writes share one transaction, each returns only once its events are in the chain, and a caller that
/// gives up before its turn leaves nothing behind. The callers are lined up deterministically: a holder
/// keeps the chain's lock until every caller has queued.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AuditGroupCommitTests(PostgresFixture fixture)
{
    private const int Callers = 30;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_only_saves_waiting_together_share_one_commit_and_each_returns_after_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var holder = database.Open();
        var group = AuditGroupCommit.For(holder)!;
        var callers = new List<Task>();
        await using (var transaction = await holder.Database.BeginTransactionAsync())
        {
            holder.AddAudit(new AuditEntry("holder", AuditEventType.UserCreated, "user", "holder"));
            await holder.SaveChangesAsync();

            for (var caller = 0; caller < Callers; caller++)
            {
                var number = caller;
                callers.Add(Task.Run(async () =>
                {
                    await using var db = database.Open();
                    db.AddAudit(new AuditEntry($"staff{number}", AuditEventType.UserListed, Details: new { Caller = number }));
                    Assert.Equal(0, await db.SaveChangesAsync());
                    Assert.Equal(0, db.PendingAuditCount);

                    // Returned: the event is committed and visible to anyone.
                    await using var check = database.Open();
                    Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Actor == $"staff{number}"));
                }));
            }

            await WaitUntilAsync(() => group.InFlight == Callers);
            Assert.All(callers, task => Assert.False(task.IsCompleted));
            await transaction.CommitAsync();
        }

        await Task.WhenAll(callers);
        await using var after = database.Open();
        var events = await after.AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, Callers + 1).Select(n => (long)n), events.Select(e => e.Sequence));
        Assert.Equal(
            Enumerable.Range(0, Callers).Select(n => $"staff{n}").Order(StringComparer.Ordinal),
            events.Skip(1).Select(e => e.Actor).Order(StringComparer.Ordinal));

        // The first caller led alone (it took its turn before the others queued); everyone else was
        // written by the next leader in one transaction: one instant for the batch. Without group commit
        // every save has its own instant.
        Assert.InRange(events.Skip(1).Select(e => e.OccurredAt).Distinct().Count(), 1, 2);
        var result = await AuditVerifier.VerifyAsync(after, null);
        Assert.True(result.Ok, result.Message);
        Assert.Equal(0, group.InFlight);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_caller_cancelled_before_its_turn_writes_nothing_and_keeps_its_event_for_a_retry(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var holder = database.Open();
        var group = AuditGroupCommit.For(holder)!;
        await using var patient = database.Open();
        await using var impatient = database.Open();
        using var giveUp = new CancellationTokenSource();
        Task leader, cancelled;
        await using (var transaction = await holder.Database.BeginTransactionAsync())
        {
            holder.AddAudit(new AuditEntry("holder", AuditEventType.UserCreated, "user", "holder"));
            await holder.SaveChangesAsync();

            patient.AddAudit(new AuditEntry("patient", AuditEventType.UserListed));
            leader = Task.Run(() => patient.SaveChangesAsync());
            await WaitUntilAsync(() => group.InFlight == 1);

            impatient.AddAudit(new AuditEntry("impatient", AuditEventType.UserListed));
            cancelled = Task.Run(() => impatient.SaveChangesAsync(giveUp.Token));
            await WaitUntilAsync(() => group.InFlight == 2);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            Assert.Equal(1, group.InFlight);
            await transaction.CommitAsync();
        }

        await leader;
        await using (var check = database.Open())
        {
            Assert.Equal(["holder", "patient"], await check.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Actor).ToListAsync());
        }

        // The cancelled caller still has its event queued: saving again writes it.
        Assert.Equal(1, impatient.PendingAuditCount);
        await impatient.SaveChangesAsync();
        await using var after = database.Open();
        Assert.Equal(["holder", "patient", "impatient"], await after.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Actor).ToListAsync());
        Assert.True((await AuditVerifier.VerifyAsync(after, null)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_save_with_other_changes_or_in_the_callers_transaction_is_not_grouped(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        var group = AuditGroupCommit.For(db)!;
        await using var holder = database.Open();
        Task<int> saving;
        await using (var transaction = await holder.Database.BeginTransactionAsync())
        {
            holder.AddAudit(new AuditEntry("holder", AuditEventType.UserCreated, "user", "holder"));
            await holder.SaveChangesAsync();

            // A change with its event takes the lock itself (it must be in the same transaction as the change).
            db.Persons.Add(new FukushiIryo.App.People.Person { AtenaNumber = "000321", CreatedAt = DateTimeOffset.UtcNow });
            db.AddAudit(new AuditEntry("yamada", AuditEventType.UserCreated, "person", "000321"));
            saving = Task.Run(() => db.SaveChangesAsync());
            await Task.Delay(300);
            Assert.False(saving.IsCompleted);
            Assert.Equal(0, group.InFlight);
            await transaction.CommitAsync();
        }

        Assert.Equal(1, await saving);
        await using var after = database.Open();
        Assert.Equal(["holder", "yamada"], await after.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Actor).ToListAsync());
        Assert.Equal(1, await after.Persons.CountAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(25);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The callers did not line up in time.");
            await Task.Delay(10);
        }
    }
}
