using System.Globalization;
using FukushiIryo.App.Data;

namespace FukushiIryo.App.Masters;

/// <summary>
/// A row of master data with a validity period (decisions.md: every uncertain rule is master data
/// with a validity period, never a literal in code). Valid time is <c>[ValidFrom, ValidTo)</c>, the
/// same convention as <see cref="HistoryRow"/>. Masters are business records: a row is never
/// deleted; a new figure is a new row with its own start date, and the old row keeps serving the
/// decisions and payments of its period.
/// </summary>
public interface IDatedMasterRow
{
    /// <summary>First day the row is in force (inclusive).</summary>
    DateOnly ValidFrom { get; }

    /// <summary>First day the row is no longer in force (exclusive); null = open.</summary>
    DateOnly? ValidTo { get; }

    /// <summary>When the row was entered (UTC).</summary>
    DateTimeOffset CreatedAt { get; }

    /// <summary>The login of the staff member, or the batch, that entered the row.</summary>
    string CreatedBy { get; }

    /// <summary>A free note: where the figure comes from, or what remains to be confirmed.</summary>
    string? Note { get; }
}

/// <summary>The common columns of every dated master row (see <see cref="IDatedMasterRow"/>).</summary>
public abstract class DatedMasterRow : IDatedMasterRow, IVersionedAggregate
{
    public long Id { get; set; }

    /// <inheritdoc />
    public DateOnly ValidFrom { get; set; }

    /// <inheritdoc />
    public DateOnly? ValidTo { get; set; }

    /// <inheritdoc />
    public DateTimeOffset CreatedAt { get; set; }

    /// <inheritdoc />
    public string CreatedBy { get; set; } = string.Empty;

    /// <inheritdoc />
    public string? Note { get; set; }

    /// <summary>Optimistic concurrency token, incremented by the application on every change.</summary>
    public long Version { get; set; }
}

/// <summary>Queries and edits common to every dated master.</summary>
public static class DatedMasters
{
    /// <summary>Rows in force on <paramref name="date"/>.</summary>
    public static IQueryable<T> ValidOn<T>(this IQueryable<T> rows, DateOnly date)
        where T : class, IDatedMasterRow =>
        rows.Where(row => row.ValidFrom <= date && (row.ValidTo == null || row.ValidTo > date));

    /// <summary>Rows in force on <paramref name="date"/> (in memory).</summary>
    public static IEnumerable<T> ValidOn<T>(this IEnumerable<T> rows, DateOnly date)
        where T : IDatedMasterRow =>
        rows.Where(row => row.IsValidOn(date));

    /// <summary>Whether <paramref name="row"/> is in force on <paramref name="date"/>.</summary>
    public static bool IsValidOn(this IDatedMasterRow row, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.ValidFrom <= date && (row.ValidTo is null || row.ValidTo > date);
    }

    /// <summary>
    /// A new figure replaces <paramref name="current"/> from <paramref name="from"/>: the current row
    /// ends the day before (its <see cref="DatedMasterRow.ValidTo"/> becomes <paramref name="from"/>)
    /// and <paramref name="next"/> starts on that day, open-ended or until the current row's own end.
    /// Nothing is deleted; the caller adds <paramref name="next"/> and saves.
    /// </summary>
    public static T PlanNewFigure<T>(T current, T next, DateOnly from, DateTimeOffset now, string createdBy)
        where T : DatedMasterRow
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (!current.IsValidOn(from) || from == current.ValidFrom)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"A new figure from {from:yyyy-MM-dd} must start inside the current row's period, after its first day ({current.ValidFrom:yyyy-MM-dd} to {(current.ValidTo is { } end ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open")})."));
        }

        next.Id = 0;
        next.ValidFrom = from;
        next.ValidTo = current.ValidTo;
        next.CreatedAt = now.ToUniversalTime();
        next.CreatedBy = createdBy;
        current.ValidTo = from;
        return next;
    }
}
