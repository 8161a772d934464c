using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using FukushiIryo.App.Audit;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>
/// Group commit of audit-only saves (ADR 0003, amendment of session 6): a save whose only changes are
/// queued audit events (a search, a view, a listing), outside any transaction of its caller, hands its
/// events here instead of taking the chain's lock on its own. One caller at a time per database and
/// process is the <em>leader</em>: it takes every request waiting at that moment (its own and those of
/// the callers that queued while the previous leader wrote), links them as one stretch of the chain and
/// writes them in one transaction (lock, last link, insert, commit); then the next waiting caller leads.
/// <para>
/// The guarantee of ADR 0003 is unchanged: a caller's SaveChanges returns only once its events are
/// committed, in the chain, under the chain's lock (so they interleave correctly with audited changes
/// and other processes). What changes is that twenty staff searching at once share one commit and one
/// turn of the lock instead of queuing for twenty; the events of one batch share one
/// <see cref="AuditEvent.OccurredAt"/> (the leader's clock at the write), as the events of one save
/// always did.
/// </para>
/// <para>
/// Failure: if the batch's write fails, every caller in it gets that exception and keeps its events
/// queued on its own context (a retry writes them). Cancellation: a caller cancelled while it waits
/// for its turn withdraws its request if no leader has taken it yet; once taken, the request's outcome
/// is the batch's (the leader writes with no cancellation, bounded by the command timeout, so that one
/// caller's cancelled web request cannot fail the others).
/// </para>
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "One per database, kept for the life of the process: the semaphore is never disposed.")]
internal sealed class AuditGroupCommit
{
    /// <summary>One per database (keyed by the connection string) in this process.</summary>
    private static readonly ConcurrentDictionary<string, AuditGroupCommit> Databases = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim leaderTurn = new(1, 1);
    private readonly Lock pendingLock = new();
    private List<Request> pending = [];
    private int inFlight;

    /// <summary>Requests queued and not yet written or withdrawn (tests wait on it to line callers up).</summary>
    internal int InFlight => Volatile.Read(ref inFlight);

    /// <summary>The group of the database <paramref name="db"/> is connected to; null when it has no connection string.</summary>
    internal static AuditGroupCommit? For(FukushiDbContext db)
    {
        var key = db.Database.GetConnectionString();
        return string.IsNullOrEmpty(key) ? null : Databases.GetOrAdd(key, static _ => new AuditGroupCommit());
    }

    /// <summary>Writes <paramref name="events"/> as part of the next batch, through <paramref name="db"/> if this caller leads it.</summary>
    internal async Task AppendAsync(FukushiDbContext db, IReadOnlyList<PendingAuditEvent> events, CancellationToken cancellationToken)
    {
        var request = new Request(events);
        lock (pendingLock)
        {
            pending.Add(request);
        }

        Interlocked.Increment(ref inFlight);
        try
        {
            try
            {
                await leaderTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (pendingLock)
                {
                    if (pending.Remove(request))
                    {
                        throw;
                    }
                }

                // A leader took it already: its outcome is this caller's.
                await request.Written.Task.ConfigureAwait(false);
                return;
            }

            try
            {
                if (!request.Written.Task.IsCompleted)
                {
                    List<Request> batch;
                    lock (pendingLock)
                    {
                        batch = pending;
                        pending = [];
                    }

                    await WriteAsync(db, batch).ConfigureAwait(false);
                }
            }
            finally
            {
                leaderTurn.Release();
            }

            await request.Written.Task.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private static async Task WriteAsync(FukushiDbContext db, List<Request> batch)
    {
        try
        {
            await db.WriteAuditBatchAsync(batch.SelectMany(r => r.Events).ToList(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            foreach (var request in batch)
            {
                request.Written.TrySetException(error);
            }

            return;
        }

        foreach (var request in batch)
        {
            request.Written.TrySetResult();
        }
    }

    private sealed class Request(IReadOnlyList<PendingAuditEvent> events)
    {
        public IReadOnlyList<PendingAuditEvent> Events { get; } = events;

        /// <summary>Completed by the leader that wrote it; continuations run on their own, not inside the leader's turn.</summary>
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
