using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.People;

/// <summary>
/// The person part of the 台帳: registers a person and records changes (異動) and corrections
/// (訂正) of what the 宛名 says, with history, under optimistic concurrency.
/// </summary>
public sealed class PersonLedger(FukushiDbContext db, TimeProvider clock)
{
    private const string ConflictMessage = "この宛名は他の職員が更新しました。画面を読み込み直してから入力してください。";

    /// <summary>Registers a new person whose record is true from <paramref name="validFrom"/>.</summary>
    public async Task<Person> RegisterAsync(string atenaNumber, PersonRecord record, DateOnly validFrom, string recordedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = AppClock.Now(clock);
        var person = new Person { AtenaNumber = atenaNumber, CreatedAt = now, Version = 1 };
        db.Persons.Add(person);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        record.PersonId = person.Id;
        History.PlanStart(record, validFrom, now, recordedBy).ApplyTo(db, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return person;
    }

    /// <summary>
    /// The world changed on <paramref name="effectiveFrom"/> (a move, a new name): the new values
    /// hold from that day. <paramref name="expectedVersion"/> is the version the user read.
    /// </summary>
    public Task ChangeAsync(long personId, long expectedVersion, DateOnly effectiveFrom, Action<PersonRecord> apply, string recordedBy, CancellationToken cancellationToken = default) =>
        EditAsync(personId, expectedVersion, (rows, now) => History.PlanChange(rows, effectiveFrom, apply, now, recordedBy), cancellationToken);

    /// <summary>What we recorded was wrong (e.g. a birth date): every current period is corrected.</summary>
    public Task CorrectAsync(long personId, long expectedVersion, Action<PersonRecord> apply, string recordedBy, CancellationToken cancellationToken = default) =>
        EditAsync(personId, expectedVersion, (rows, now) => History.PlanCorrection(rows, apply, now, recordedBy), cancellationToken);

    /// <summary>The person's record as of a date, as we know it now.</summary>
    public Task<PersonRecord?> AsOfAsync(long personId, DateOnly date, CancellationToken cancellationToken = default) =>
        db.PersonRecords.AsNoTracking().Where(r => r.PersonId == personId).AsOf(date).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The person's record for a date, as we knew it at an instant.</summary>
    public Task<PersonRecord?> AsKnownOnAsync(long personId, DateTimeOffset knownAt, DateOnly date, CancellationToken cancellationToken = default) =>
        db.PersonRecords.AsNoTracking().Where(r => r.PersonId == personId).AsKnownOn(knownAt, date).SingleOrDefaultAsync(cancellationToken);

    private async Task EditAsync(
        long personId,
        long expectedVersion,
        Func<IReadOnlyCollection<PersonRecord>, DateTimeOffset, HistoryEdit<PersonRecord>> plan,
        CancellationToken cancellationToken)
    {
        var person = await db.Persons.SingleAsync(p => p.Id == personId, cancellationToken).ConfigureAwait(false);
        if (person.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        // The version the user read is the one the UPDATE checks.
        db.Entry(person).Property(p => p.Version).OriginalValue = expectedVersion;
        var rows = await db.PersonRecords.Where(r => r.PersonId == personId).Current().ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = AppClock.Now(clock);
        plan(rows, now).ApplyTo(db, now);
        db.Touch(person);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(ConflictMessage, exception);
        }
    }
}
