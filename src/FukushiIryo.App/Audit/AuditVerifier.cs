using System.Globalization;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Audit;

/// <summary>How the audit chain is broken.</summary>
public enum AuditBreak
{
    /// <summary>An event's columns no longer give its hash, or its link to the event before is broken.</summary>
    Edited,

    /// <summary>A sequence number is missing: an event was deleted (or the numbering has a gap).</summary>
    Deleted,

    /// <summary>An event is intact but sits at another sequence number than the one it was written with.</summary>
    Reordered,

    /// <summary>An anchor names a sequence number beyond the last event: the tail was cut off.</summary>
    TruncatedTail,

    /// <summary>An anchor's sequence number exists but with another hash: the chain was rewritten.</summary>
    AnchorMismatch,
}

/// <summary>
/// What <see cref="AuditVerifier.VerifyAsync"/> found. When not <see cref="Ok"/>,
/// <see cref="BrokenSequence"/> is the first sequence number found broken and <see cref="Reason"/>
/// says how. <see cref="EventsChecked"/> counts the events found intact (before the break, if any);
/// <see cref="AnchorsChecked"/> the anchor lines compared (0 = nothing guards the tail).
/// </summary>
public sealed record AuditVerificationResult(
    bool Ok,
    long EventsChecked,
    int AnchorsChecked,
    long? BrokenSequence,
    AuditBreak? Reason,
    string Message);

/// <summary>
/// Recomputes the audit hash chain (architecture.md §5; <c>fukushi audit verify</c>): reads the
/// events in sequence order page by page (never the whole log in memory), checks that the
/// sequence numbers run from 1 without a gap, that each event's columns give its hash and that each
/// links to the hash before, and that every anchor names an existing event with exactly that hash.
/// Stops at the first break.
/// <para>
/// An attacker who edits an event and re-hashes it and every later event leaves a consistent chain:
/// only an anchor written after that event catches it (<see cref="AuditBreak.AnchorMismatch"/>).
/// Re-hashing one event only shows at the next (its link breaks), which is then named.
/// </para>
/// </summary>
public static class AuditVerifier
{
    private const int PageSize = 1000;

    /// <summary>Verifies the chain against the anchors in <paramref name="anchorFile"/> (null or a missing file: no anchors).</summary>
    /// <exception cref="FormatException">A line of the anchor file is not an anchor.</exception>
    public static async Task<AuditVerificationResult> VerifyAsync(
        FukushiDbContext db, string? anchorFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var anchors = anchorFile is null
            ? []
            : (await new AuditAnchors(anchorFile).ReadAsync(cancellationToken).ConfigureAwait(false))
                .OrderBy(anchor => anchor.Sequence)
                .ToList();
        var nextAnchor = 0;
        long expected = 1;
        var previousHash = AuditChain.GenesisHash;
        while (true)
        {
            var after = expected - 1;
            var page = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            foreach (var row in page)
            {
                var broken = await CheckEventAsync(db, row, expected, previousHash, cancellationToken).ConfigureAwait(false);
                if (broken is not null)
                {
                    return Failed(expected - 1, nextAnchor, expected, broken.Value.Reason, broken.Value.Message);
                }

                for (; nextAnchor < anchors.Count && anchors[nextAnchor].Sequence == expected; nextAnchor++)
                {
                    if (anchors[nextAnchor].Hash != row.Hash)
                    {
                        return Failed(
                            expected - 1,
                            nextAnchor,
                            expected,
                            AuditBreak.AnchorMismatch,
                            $"The anchor written at {AuditChain.FormatInstant(anchors[nextAnchor].WrittenAt)} gives event {Number(expected)} the hash {anchors[nextAnchor].Hash}, but the chain has {row.Hash}: the chain was rewritten from there or before.");
                    }
                }

                previousHash = row.Hash;
                expected++;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        var checkedEvents = expected - 1;
        if (nextAnchor < anchors.Count)
        {
            var furthest = anchors[^1];
            return Failed(
                checkedEvents,
                nextAnchor,
                expected,
                AuditBreak.TruncatedTail,
                $"The chain ends at event {Number(checkedEvents)}, but the anchor written at {AuditChain.FormatInstant(furthest.WrittenAt)} names event {Number(furthest.Sequence)}: events from {Number(expected)} on are missing.");
        }

        return new AuditVerificationResult(
            true,
            checkedEvents,
            anchors.Count,
            null,
            null,
            $"{Number(checkedEvents)} audit events and {anchors.Count.ToString(CultureInfo.InvariantCulture)} anchors verified.");
    }

    private static async Task<(AuditBreak Reason, string Message)?> CheckEventAsync(
        FukushiDbContext db, AuditEvent row, long expected, string previousHash, CancellationToken cancellationToken)
    {
        if (row.Sequence != expected)
        {
            var missing = row.Sequence - expected;
            return (AuditBreak.Deleted, missing == 1
                ? $"Event {Number(expected)} is missing (the next is {Number(row.Sequence)})."
                : $"Events {Number(expected)} to {Number(row.Sequence - 1)} are missing.");
        }

        string hash;
        try
        {
            hash = AuditChain.ComputeHash(row);
        }
        catch (CanonicalJsonException e)
        {
            return (AuditBreak.Edited, $"Event {Number(expected)} cannot be put in canonical form: {e.Message}");
        }

        if (row.OccurredAt.UtcTicks % 10 != 0 || CanonicalJson.Canonicalize(row.Details) != row.Details)
        {
            // The writer stores both in canonical form; the hash cannot see a change below a
            // microsecond or in the details' whitespace and member order.
            return (AuditBreak.Edited, $"Event {Number(expected)} was edited: its time or details are not as the writer stores them.");
        }

        var linked = row.PreviousHash == previousHash;
        if (hash == row.Hash && linked)
        {
            return null;
        }

        if (hash != row.Hash)
        {
            var origin = await FindOriginalSequenceAsync(db, row, cancellationToken).ConfigureAwait(false);
            if (origin is not null)
            {
                return (AuditBreak.Reordered, $"Event {Number(expected)} holds the intact event written as {Number(origin.Value)}: events were reordered.");
            }

            return (AuditBreak.Edited, $"Event {Number(expected)} was edited: its columns no longer give its hash.");
        }

        return (AuditBreak.Edited, $"Event {Number(expected)} does not link to the hash of event {Number(expected - 1)}: one of the two was edited and re-hashed.");
    }

    /// <summary>
    /// The sequence number an intact event was written with, when it now sits elsewhere: tried are
    /// the one after its predecessor's (the event whose hash it names) and the one before its
    /// successor's (the event that names its hash).
    /// </summary>
    private static async Task<long?> FindOriginalSequenceAsync(FukushiDbContext db, AuditEvent row, CancellationToken cancellationToken)
    {
        var candidates = new List<long>();
        if (row.PreviousHash == AuditChain.GenesisHash)
        {
            candidates.Add(1);
        }

        var predecessors = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Hash == row.PreviousHash)
            .Select(e => e.Sequence)
            .Take(10)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        candidates.AddRange(predecessors.Select(sequence => sequence + 1));
        var successors = await db.AuditEvents.AsNoTracking()
            .Where(e => e.PreviousHash == row.Hash)
            .Select(e => e.Sequence)
            .Take(10)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        candidates.AddRange(successors.Select(sequence => sequence - 1));
        foreach (var candidate in candidates.Distinct().Where(candidate => candidate != row.Sequence && candidate >= 1))
        {
            if (AuditChain.ComputeHash(row, candidate) == row.Hash)
            {
                return candidate;
            }
        }

        return null;
    }

    private static AuditVerificationResult Failed(long eventsChecked, int anchorsChecked, long broken, AuditBreak reason, string message) =>
        new(false, eventsChecked, anchorsChecked, broken, reason, message);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
