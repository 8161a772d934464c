using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters;

/// <summary>The kind of a bank holiday row.</summary>
public enum BankHolidayKind
{
    /// <summary>国民の祝日 (祝日法 §2).</summary>
    NationalHoliday = 1,

    /// <summary>振替休日 (祝日法 §3②: the first non-holiday after a holiday on a Sunday).</summary>
    SubstituteHoliday = 2,

    /// <summary>国民の休日 (祝日法 §3③: a day between two holidays).</summary>
    CitizensHoliday = 3,

    /// <summary>Any other day the banks are closed, entered by staff (e.g. a one-off holiday by special law).</summary>
    Other = 9,
}

/// <summary>
/// A day on which banks do not transfer (decisions.md D15): 国民の祝日, 振替休日 and 国民の休日.
/// Weekends and 12/31–1/3 are calendar rules elsewhere and are not stored. The row is in force on
/// its own day only: <see cref="DatedMasterRow.ValidFrom"/> is the holiday and
/// <see cref="DatedMasterRow.ValidTo"/> the next day, so <see cref="DatedMasters.ValidOn{T}(IQueryable{T}, DateOnly)"/>
/// answers "is this day a holiday". Rows are never deleted: a holiday withdrawn before it happened
/// (the law moved it) is closed by setting <c>ValidTo = ValidFrom</c>, an empty period, with a note.
/// </summary>
public sealed class BankHoliday : DatedMasterRow
{
    /// <summary>The holiday's name (元日, 振替休日, …).</summary>
    public string Name { get; set; } = string.Empty;

    public BankHolidayKind Kind { get; set; }

    /// <summary>The day of the holiday (its <see cref="DatedMasterRow.ValidFrom"/>).</summary>
    public DateOnly Date => ValidFrom;

    /// <summary>A holiday row in force on <paramref name="date"/> alone.</summary>
    public static BankHoliday On(DateOnly date, string name, BankHolidayKind kind, DateTimeOffset now, string createdBy, string? note = null) =>
        new()
        {
            ValidFrom = date,
            ValidTo = date.AddDays(1),
            Name = name,
            Kind = kind,
            CreatedAt = now.ToUniversalTime(),
            CreatedBy = createdBy,
            Note = note,
        };
}

/// <summary>Queries of the bank-holiday master.</summary>
public static class BankHolidays
{
    /// <summary>Whether <paramref name="date"/> is a holiday of the master (weekends and 12/31–1/3 are not asked here).</summary>
    public static Task<bool> IsHolidayAsync(this FukushiDbContext db, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.BankHolidays.ValidOn(date).AnyAsync(cancellationToken);
    }

    /// <summary>The holidays in force from <paramref name="from"/> to <paramref name="to"/> (both inclusive), by date.</summary>
    public static async Task<IReadOnlyList<BankHoliday>> BetweenAsync(
        this FukushiDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.BankHolidays.AsNoTracking()
            .Where(holiday => holiday.ValidFrom >= from && holiday.ValidFrom <= to && (holiday.ValidTo == null || holiday.ValidTo > holiday.ValidFrom))
            .OrderBy(holiday => holiday.ValidFrom)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
