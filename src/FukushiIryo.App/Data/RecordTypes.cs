namespace FukushiIryo.App.Data;

/// <summary>
/// An aggregate that staff edit: it carries a version number that the application increments on
/// every change, used as the optimistic concurrency token (architecture.md §3), so that two staff
/// editing the same record never silently overwrite each other.
/// </summary>
public interface IVersionedAggregate
{
    long Version { get; set; }
}

/// <summary>
/// A technical row (sessions, tokens, caches) that may be deleted. Every other entity is a
/// business record and is never hard-deleted (architecture.md §1.4; 評価書: 消去は行わない).
/// </summary>
public interface ITechnicalRow;

/// <summary>How a history row came to be recorded.</summary>
public enum RecordKind
{
    /// <summary>The first thing we knew.</summary>
    Initial = 0,

    /// <summary>The world changed from <see cref="HistoryRow.ValidFrom"/> (異動, 変更届).</summary>
    Change = 1,

    /// <summary>What was recorded for the period was wrong (訂正); the old row is kept as superseded.</summary>
    Correction = 2,
}

/// <summary>
/// A bitemporal history row (architecture.md §3): valid time <c>[ValidFrom, ValidTo)</c> says when
/// it was true in the world; recorded time <c>[RecordedAt, SupersededAt)</c> says when we believed it.
/// Rows are never updated in their data and never deleted: a change or a correction supersedes the
/// affected rows and records new ones (see <see cref="History"/>).
/// </summary>
public abstract class HistoryRow
{
    public long Id { get; set; }

    /// <summary>First day this row is true (inclusive).</summary>
    public DateOnly ValidFrom { get; set; }

    /// <summary>First day this row is no longer true (exclusive); null = open.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>When this row was recorded (UTC, microseconds).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When a later change or correction replaced this row in our knowledge; null = current.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>The login of the staff member (or the batch) that recorded the row.</summary>
    public string RecordedBy { get; set; } = string.Empty;

    public RecordKind Kind { get; set; }

    /// <summary>A copy with the same data columns, ready to be recorded as a new row.</summary>
    internal HistoryRow CopyData()
    {
        var copy = (HistoryRow)MemberwiseClone();
        copy.Id = 0;
        copy.SupersededAt = null;
        return copy;
    }
}
