using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Income;

/// <summary>
/// Queries and the one edit of <see cref="TaxRecord"/> history. A record is never updated in its
/// items and never deleted: a later import or a staff correction for the same person and 課税年度
/// records a new row and sets the earlier row's <see cref="TaxRecord.SupersededAt"/>.
/// </summary>
public static class TaxRecords
{
    /// <summary>Rows of our current knowledge (not superseded).</summary>
    public static IQueryable<TaxRecord> Current(this IQueryable<TaxRecord> rows) =>
        rows.Where(row => row.SupersededAt == null);

    /// <summary>Rows that were our knowledge at <paramref name="instant"/>.</summary>
    public static IQueryable<TaxRecord> KnownAt(this IQueryable<TaxRecord> rows, DateTimeOffset instant)
    {
        var at = instant.ToUniversalTime();
        return rows.Where(row => row.RecordedAt <= at && (row.SupersededAt == null || row.SupersededAt > at));
    }

    /// <summary>Rows of one person and 課税年度, current and superseded.</summary>
    public static IQueryable<TaxRecord> For(this IQueryable<TaxRecord> rows, long personId, int taxYear) =>
        rows.Where(row => row.PersonId == personId && row.TaxYear == taxYear);

    /// <summary>The current record of a person for a 課税年度; null when none was ever recorded.</summary>
    public static Task<TaxRecord?> FindCurrentAsync(
        this IQueryable<TaxRecord> rows, long personId, int taxYear, CancellationToken cancellationToken = default) =>
        rows.For(personId, taxYear).Current().SingleOrDefaultAsync(cancellationToken);

    /// <summary>The record of a person for a 課税年度 as it was known at <paramref name="instant"/>; null when none was known then.</summary>
    public static Task<TaxRecord?> FindKnownAtAsync(
        this IQueryable<TaxRecord> rows, long personId, int taxYear, DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        rows.For(personId, taxYear).KnownAt(instant).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Plans recording <paramref name="next"/>: it becomes the current row of its person and year
    /// (Initial when there was none, else Correction) and <paramref name="current"/>, when given, is
    /// superseded at the same instant. Instants are kept to the microsecond, as both providers store them.
    /// </summary>
    public static TaxRecordEdit PlanRecord(TaxRecord? current, TaxRecord next, DateTimeOffset now, string recordedBy)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        if (current is not null)
        {
            if (current.SupersededAt is not null)
            {
                throw new InvalidOperationException("Only the current record of a person and year can be superseded.");
            }

            if (current.PersonId != next.PersonId || current.TaxYear != next.TaxYear)
            {
                throw new InvalidOperationException("A tax record supersedes only a record of the same person and 課税年度.");
            }
        }

        var at = ToMicroseconds(now);
        next.Id = 0;
        next.RecordedAt = at;
        next.SupersededAt = null;
        next.RecordedBy = recordedBy;
        next.Kind = current is null ? RecordKind.Initial : RecordKind.Correction;
        return new TaxRecordEdit(current, next, at);
    }

    /// <summary>
    /// Records <paramref name="next"/> as the current row of its person and year, superseding the
    /// row current until now, and saves. Two concurrent writers for the same person and year cannot
    /// both succeed: the unique index on the current row refuses the second.
    /// </summary>
    public static async Task<TaxRecord> RecordAsync(
        this FukushiDbContext db, TaxRecord next, DateTimeOffset now, string recordedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(next);
        var current = await db.TaxRecords.FindCurrentAsync(next.PersonId, next.TaxYear, cancellationToken).ConfigureAwait(false);
        PlanRecord(current, next, now, recordedBy).ApplyTo(db);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    private static DateTimeOffset ToMicroseconds(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}

/// <summary>A planned tax-record edit: the row to supersede (if any) and the row to add, at one instant.</summary>
public sealed record TaxRecordEdit(TaxRecord? Superseded, TaxRecord Added, DateTimeOffset At)
{
    /// <summary>Marks the superseded row and adds the new row to the context; the caller saves.</summary>
    public void ApplyTo(FukushiDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Superseded is not null)
        {
            Superseded.SupersededAt = At;
        }

        db.TaxRecords.Add(Added);
    }
}
