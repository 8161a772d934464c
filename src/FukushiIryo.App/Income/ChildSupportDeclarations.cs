using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Income;

/// <summary>
/// The 養育費 a person declared for a 課税年度, as the income computation reads it: 児童養育費 and
/// 受給者養育費 in yen, and who recorded them when.
/// </summary>
public sealed record ChildSupportAmounts(long ReceivedByChild, long ReceivedByRecipient, DateTimeOffset RecordedAt, string RecordedBy)
{
    /// <summary>児童養育費 + 受給者養育費: the 養育費 of which 80 % counts as income (rules-research.md §2.3).</summary>
    public long Total => ReceivedByChild + ReceivedByRecipient;
}

/// <summary>What a staff entry of a 養育費 申告 did.</summary>
public enum ChildSupportOutcome
{
    /// <summary>A new row was recorded (the first for the person and year, or superseding the earlier).</summary>
    Recorded,

    /// <summary>The amounts equal the current declaration: nothing was written.</summary>
    Unchanged,
}

/// <summary>
/// 養育費の申告 (<see cref="ChildSupportDeclaration"/>): the one query the income computation calls,
/// the history for the person page, and the staff entry under optimistic concurrency, audited with
/// the old and new amounts.
/// </summary>
public static class ChildSupportDeclarations
{
    private const string ConflictMessage = "この宛名は他の職員が更新しました。画面を読み込み直してから入力してください。";

    /// <summary>
    /// The 養育費 declared for <paramref name="personId"/> and <paramref name="taxYear"/> (its income
    /// year is taxYear − 1): the current declaration, or with <paramref name="knownAt"/> the one that
    /// was current at that instant; <c>null</c> when nothing was declared (then the tax record's
    /// 児童養育費・受給者養育費 items, normally empty, are all there is). A declaration takes
    /// precedence over the tax record's items.
    /// </summary>
    public static async Task<ChildSupportAmounts?> FindDeclaredAsync(
        FukushiDbContext db, long personId, int taxYear, DateTimeOffset? knownAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = db.ChildSupportDeclarations.AsNoTracking().Where(d => d.PersonId == personId && d.TaxYear == taxYear);
        if (knownAt is { } instant)
        {
            var at = instant.ToUniversalTime();
            rows = rows.Where(d => d.RecordedAt <= at && (d.SupersededAt == null || d.SupersededAt > at));
        }
        else
        {
            rows = rows.Where(d => d.SupersededAt == null);
        }

        var row = await rows.SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : new ChildSupportAmounts(row.ReceivedByChild, row.ReceivedByRecipient, row.RecordedAt, row.RecordedBy);
    }

    /// <summary>Every declaration of the person, current and superseded: the latest 課税年度 first, then the latest entry.</summary>
    public static Task<List<ChildSupportDeclaration>> HistoryAsync(FukushiDbContext db, long personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ChildSupportDeclarations.AsNoTracking().Where(d => d.PersonId == personId)
            .OrderByDescending(d => d.TaxYear).ThenByDescending(d => d.RecordedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records what the applicant declared. <paramref name="expectedVersion"/> is the person's
    /// version the form was read with: if anyone changed the person since, nothing is saved and a
    /// <see cref="ConcurrencyConflictException"/> says to reload. Amounts equal to the current
    /// declaration write nothing. Audited (<see cref="AuditEventType.ChildSupportDeclared"/>) with
    /// the old and new amounts.
    /// </summary>
    public static async Task<ChildSupportOutcome> RecordAsync(
        FukushiDbContext db,
        TimeProvider clock,
        ChildSupportEntry entry,
        string actor,
        string? clientAddress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentOutOfRangeException.ThrowIfNegative(entry.ReceivedByChild);
        ArgumentOutOfRangeException.ThrowIfNegative(entry.ReceivedByRecipient);

        var person = await db.Persons.SingleAsync(p => p.Id == entry.PersonId, cancellationToken).ConfigureAwait(false);
        if (person.Version != entry.ExpectedVersion)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        var current = await db.ChildSupportDeclarations
            .SingleOrDefaultAsync(d => d.PersonId == entry.PersonId && d.TaxYear == entry.TaxYear && d.SupersededAt == null, cancellationToken).ConfigureAwait(false);
        if (current is not null && current.ReceivedByChild == entry.ReceivedByChild && current.ReceivedByRecipient == entry.ReceivedByRecipient)
        {
            return ChildSupportOutcome.Unchanged;
        }

        var now = AppClock.Now(clock);
        if (current is not null)
        {
            current.SupersededAt = now;
        }

        db.ChildSupportDeclarations.Add(new ChildSupportDeclaration
        {
            PersonId = entry.PersonId,
            TaxYear = entry.TaxYear,
            ReceivedByChild = entry.ReceivedByChild,
            ReceivedByRecipient = entry.ReceivedByRecipient,
            RecordedAt = now,
            RecordedBy = actor,
            Kind = current is null ? RecordKind.Initial : RecordKind.Correction,
        });

        // The version the user read is the one the UPDATE checks.
        db.Entry(person).Property(p => p.Version).OriginalValue = entry.ExpectedVersion;
        db.Touch(person);
        db.AddAudit(new AuditEntry(actor, AuditEventType.ChildSupportDeclared, "person", person.AtenaNumber, new Dictionary<string, object?>
        {
            ["taxYear"] = entry.TaxYear,
            ["old"] = current is null ? null : new Dictionary<string, object?>
            {
                ["receivedByChild"] = current.ReceivedByChild,
                ["receivedByRecipient"] = current.ReceivedByRecipient,
            },
            ["new"] = new Dictionary<string, object?>
            {
                ["receivedByChild"] = entry.ReceivedByChild,
                ["receivedByRecipient"] = entry.ReceivedByRecipient,
            },
        }, ClientAddress: clientAddress));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(ConflictMessage, exception);
        }
        catch (DbUpdateException exception)
        {
            // Two entries for the same person and year at once: the unique current row refuses the second.
            throw new ConcurrencyConflictException(ConflictMessage, exception);
        }

        return ChildSupportOutcome.Recorded;
    }
}

/// <summary>A staff entry of a 養育費 申告: the person (with the version the form was read with), the 課税年度 and the amounts in yen.</summary>
public sealed record ChildSupportEntry(long PersonId, long ExpectedVersion, int TaxYear, long ReceivedByChild, long ReceivedByRecipient);
