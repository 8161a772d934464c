using FukushiIryo.App.Audit;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>
/// The audit writer (architecture.md §1.6 and §5): services queue events with
/// <see cref="AddAudit"/>; SaveChanges writes them in the same transaction as the change.
/// <para>
/// How a save with queued events runs: if no transaction is open, one is begun; the chain's
/// single-writer lock is taken (PostgreSQL: a transaction-scoped advisory lock; SQLite: the
/// transaction itself, which Microsoft.Data.Sqlite begins as <c>BEGIN IMMEDIATE</c>, so it holds
/// the database's write lock from the start); the last (sequence, hash) is read; the queued events
/// get the next sequence numbers, the save's instant from <see cref="Clock"/> and their hashes; the
/// changes and the events are saved together; the transaction is committed if this save began it.
/// SaveChanges returns the number of other entries written: audit rows are not counted. A save with
/// nothing queued runs as before, without the lock. A save with only queued events (no other change,
/// no transaction of the caller's) is group-committed with the other such saves waiting at that
/// moment (<see cref="AuditGroupCommit"/>): same guarantee, one transaction for many searches.
/// </para>
/// <para>
/// Failure and retry: if anything fails before the commit (a concurrency conflict, a constraint, a
/// lost connection, the commit itself), the transaction this save began is rolled back, the event
/// rows are taken out of the change tracker and the queue is kept as it was; the other changes stay
/// pending as EF Core leaves them, so a retry of SaveChanges on the same context (after resolving a
/// conflict) writes the change and its events again, with fresh sequence numbers. If the save fails
/// inside a transaction the caller owns, the queue is kept likewise; the caller rolls back (PostgreSQL
/// has aborted the transaction anyway) and may retry in a new one. Once a save has succeeded, the
/// queue is empty. Inside a transaction the caller owns, the events are written by
/// the save and vanish with the caller's rollback, like the change; EF Core then considers the
/// change saved, so retry with a new context. With <c>SaveChanges(acceptAllChangesOnSuccess: false)</c>,
/// the event rows stay tracked as added until <c>ChangeTracker.AcceptAllChanges()</c>; a later save
/// that still finds them added (the caller rolled back and retries) queues their entries again.
/// </para>
/// <para>
/// In a caller's REPEATABLE READ or SERIALIZABLE PostgreSQL transaction whose snapshot predates the
/// lock, the last event read may be stale: the insert then fails on the sequence's primary key (no
/// fork of the chain is possible), and the caller retries.
/// </para>
/// </summary>
public sealed partial class FukushiDbContext
{
    /// <summary>Takes the audit chain's PostgreSQL advisory lock, key 0x46554B5553484941 ("FUKUSHIA" in ASCII), until the transaction ends.</summary>
    /// <summary>From this many events in one save (accepting its changes), the rows are bulk-inserted rather than tracked.</summary>
    internal const int BulkAuditEvents = 64;

    internal const string AuditLockSql = "SELECT pg_advisory_xact_lock(5068039785516910913)";

    private readonly List<PendingAuditEvent> auditQueue = [];

    /// <summary>Event rows saved with acceptAllChangesOnSuccess: false, with the entries they came from.</summary>
    private readonly List<(AuditEvent Row, PendingAuditEvent Entry)> unacceptedAudit = [];

    /// <summary>The audit log: read it here; write it only through <see cref="AddAudit"/>.</summary>
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>The clock that stamps audit events (tests set a fixed one).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>How many audit events are queued for the next SaveChanges.</summary>
    public int PendingAuditCount => auditQueue.Count;

    /// <summary>
    /// Drops the events queued since the last save: the caller rolled back (or never saved) the
    /// changes they describe and clears its change tracker, e.g. a batch that falls back to one by one.
    /// </summary>
    public void DiscardPendingAudit() => auditQueue.Clear();

    /// <summary>
    /// Queues an audit event; the next SaveChanges writes it in the same transaction as the other
    /// changes (even when there are none). The entry is checked now: an unknown event type, a
    /// too-long or invalid text, or details that are not a JSON object of integers, strings,
    /// booleans and nulls throw here, not at the save.
    /// </summary>
    public void AddAudit(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry = entry with
        {
            ClientAddress = entry.ClientAddress ?? AuditClientAddress,
            CorrelationId = entry.CorrelationId ?? AuditCorrelationId,
        };
        auditQueue.Add(entry.Prepare());
    }

    /// <summary>
    /// The client address stamped on events queued without one: the web request's remote address
    /// (set per request by the web app), null for the CLI and batches (they run on the server).
    /// </summary>
    public string? AuditClientAddress { get; set; }

    /// <summary>
    /// The correlation id stamped on events queued without one: the web request's trace identifier,
    /// or one id per CLI command run, so that every event of one act can be found together.
    /// </summary>
    public string? AuditCorrelationId { get; set; }

    private async Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        ReclaimUnacceptedAudit();
        RefuseDirectAuditWrites();
        if (auditQueue.Count == 0)
        {
            return await BaseSaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        // Only events, no transaction of the caller's: one commit shared with the other such saves waiting now.
        if (acceptAllChangesOnSuccess && Database.CurrentTransaction is null && !ChangeTracker.HasChanges()
            && AuditGroupCommit.For(this) is { } group)
        {
            await group.AppendAsync(this, auditQueue.ToArray(), cancellationToken).ConfigureAwait(false);
            auditQueue.Clear();
            return 0;
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var rows = new List<AuditEvent>(auditQueue.Count);

        // Many events (a batch's households): written by one bulk insert after the other changes, in the same
        // transaction, instead of one INSERT each through the change tracker.
        var bulk = acceptAllChangesOnSuccess && auditQueue.Count >= BulkAuditEvents;
        try
        {
            await LinkAsync(auditQueue, rows, cancellationToken, track: !bulk).ConfigureAwait(false);

            // In our own transaction, accept the changes only once committed, so that a failed
            // commit leaves everything pending for a retry.
            var written = await BaseSaveChangesAsync(acceptAllChangesOnSuccess && ownTransaction is null, cancellationToken)
                .ConfigureAwait(false);
            if (bulk)
            {
                await BulkInsert.WriteAuditRowsAsync(this, rows, cancellationToken).ConfigureAwait(false);
                written += rows.Count;
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (acceptAllChangesOnSuccess)
                {
                    ChangeTracker.AcceptAllChanges();
                }
            }

            FinishAudit(bulk ? [] : rows, acceptAllChangesOnSuccess);
            return written - rows.Count;
        }
        catch
        {
            foreach (var row in bulk ? [] : rows)
            {
                Entry(row).State = EntityState.Detached;
            }

            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes the events of one group-commit batch (<see cref="AuditGroupCommit"/>) in a transaction of
    /// their own: lock, last link, insert, commit. This context has no other changes.
    /// </summary>
    internal async Task WriteAuditBatchAsync(IReadOnlyList<PendingAuditEvent> events, CancellationToken cancellationToken)
    {
        var rows = new List<AuditEvent>(events.Count);
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LinkAsync(events, rows, cancellationToken).ConfigureAwait(false);
            await BaseSaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var row in rows)
            {
                Entry(row).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// Takes the chain's lock, reads the last link and adds <paramref name="events"/> after it as tracked
    /// rows (also into <paramref name="rows"/>), stamped with this save's instant.
    /// </summary>
    private async Task LinkAsync(IReadOnlyList<PendingAuditEvent> events, List<AuditEvent> rows, CancellationToken cancellationToken, bool track = true)
    {
        await LockAuditChainAsync(cancellationToken).ConfigureAwait(false);
        var last = await AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        var sequence = last?.Sequence ?? 0;
        var previousHash = last?.Hash ?? AuditChain.GenesisHash;
        var now = AuditChain.ToChainInstant(Clock.GetUtcNow());
        foreach (var entry in events)
        {
            var row = entry.Link(++sequence, now, previousHash);
            previousHash = row.Hash;
            rows.Add(row);
        }

        if (track)
        {
            AuditEvents.AddRange(rows);
        }
    }

    private Task LockAuditChainAsync(CancellationToken cancellationToken) =>
        IsSqlite
            ? Task.CompletedTask // BEGIN IMMEDIATE already holds SQLite's single write lock.
            : Database.ExecuteSqlRawAsync(AuditLockSql, cancellationToken);

    private void FinishAudit(List<AuditEvent> rows, bool accepted)
    {
        if (accepted)
        {
            // Saved and accepted: the rows need no tracking (and a later save after a caller's
            // rollback must not meet them under the same keys).
            foreach (var row in rows)
            {
                Entry(row).State = EntityState.Detached;
            }
        }
        else
        {
            unacceptedAudit.AddRange(rows.Zip(auditQueue));
        }

        auditQueue.Clear();
    }

    /// <summary>
    /// Rows of an earlier save without acceptance: accepted since (unchanged) → forget them; still
    /// added (the caller rolled back and saves again) → their entries go back to the queue's front.
    /// </summary>
    private void ReclaimUnacceptedAudit()
    {
        if (unacceptedAudit.Count == 0)
        {
            return;
        }

        var requeued = new List<PendingAuditEvent>();
        foreach (var (row, entry) in unacceptedAudit)
        {
            var tracked = Entry(row);
            if (tracked.State == EntityState.Added)
            {
                requeued.Add(entry);
            }

            tracked.State = EntityState.Detached;
        }

        unacceptedAudit.Clear();
        auditQueue.InsertRange(0, requeued);
    }

    private void RefuseDirectAuditWrites()
    {
        if (ChangeTracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Added or EntityState.Modified))
        {
            throw new InvalidOperationException(
                "Audit events are written only through AddAudit and never changed.");
        }
    }
}
