namespace FukushiIryo.App.Data;

/// <summary>
/// Queries and edits of bitemporal history (architecture.md §3).
/// <list type="bullet">
/// <item>"As of date" asks valid time among what we know now.</item>
/// <item>"As known on" asks what we believed at an instant about a date.</item>
/// <item>A <em>change</em> (the world changed on D) gives the new values from D onward.</item>
/// <item>A <em>correction</em> (we had it wrong) replaces the values of the same periods.</item>
/// </list>
/// Both edits supersede the rows they touch and record new ones; nothing is updated in place
/// except a row's <see cref="HistoryRow.SupersededAt"/>, and nothing is deleted.
/// </summary>
public static class History
{
    /// <summary>Rows of our current knowledge.</summary>
    public static IQueryable<T> Current<T>(this IQueryable<T> rows)
        where T : HistoryRow => rows.Where(row => row.SupersededAt == null);

    /// <summary>Rows whose valid period contains <paramref name="date"/>.</summary>
    public static IQueryable<T> ValidOn<T>(this IQueryable<T> rows, DateOnly date)
        where T : HistoryRow => rows.Where(row => row.ValidFrom <= date && (row.ValidTo == null || row.ValidTo > date));

    /// <summary>Rows that were our knowledge at <paramref name="instant"/>.</summary>
    public static IQueryable<T> KnownAt<T>(this IQueryable<T> rows, DateTimeOffset instant)
        where T : HistoryRow => rows.Where(row => row.RecordedAt <= instant && (row.SupersededAt == null || row.SupersededAt > instant));

    /// <summary>"As of date": what we know now about <paramref name="date"/>.</summary>
    public static IQueryable<T> AsOf<T>(this IQueryable<T> rows, DateOnly date)
        where T : HistoryRow => rows.Current().ValidOn(date);

    /// <summary>"As we knew it on": what we believed at <paramref name="knownAt"/> about <paramref name="date"/>.</summary>
    public static IQueryable<T> AsKnownOn<T>(this IQueryable<T> rows, DateTimeOffset knownAt, DateOnly date)
        where T : HistoryRow => rows.KnownAt(knownAt).ValidOn(date);

    /// <summary>Starts the history of an item with its first row, open-ended from <paramref name="validFrom"/>.</summary>
    public static HistoryEdit<T> PlanStart<T>(T first, DateOnly validFrom, DateTimeOffset now, string recordedBy)
        where T : HistoryRow
    {
        ArgumentNullException.ThrowIfNull(first);
        Stamp(first, validFrom, null, now, recordedBy, RecordKind.Initial);
        return new HistoryEdit<T>([], [first]);
    }

    /// <summary>
    /// The world changed on <paramref name="effectiveFrom"/>: <paramref name="apply"/> sets the new
    /// values on every period from that day on (a row that straddles the day is split, its earlier
    /// part kept as it was). Later rows keep their own other values. A day before the first row
    /// extends the history backwards with the first row's values, changed.
    /// </summary>
    public static HistoryEdit<T> PlanChange<T>(
        IReadOnlyCollection<T> currentRows, DateOnly effectiveFrom, Action<T> apply, DateTimeOffset now, string recordedBy)
        where T : HistoryRow
    {
        ArgumentNullException.ThrowIfNull(currentRows);
        ArgumentNullException.ThrowIfNull(apply);
        RequireCurrent(currentRows);
        if (currentRows.Count == 0)
        {
            throw new InvalidOperationException("A change needs an existing history; start it first.");
        }

        var superseded = new List<T>();
        var added = new List<T>();
        var ordered = currentRows.OrderBy(row => row.ValidFrom).ToList();
        var first = ordered[0];
        if (effectiveFrom < first.ValidFrom)
        {
            var filler = Copy(first);
            apply(filler);
            Stamp(filler, effectiveFrom, first.ValidFrom, now, recordedBy, RecordKind.Change);
            added.Add(filler);
        }

        foreach (var row in ordered.Where(row => row.ValidTo is null || row.ValidTo > effectiveFrom))
        {
            superseded.Add(row);
            if (row.ValidFrom < effectiveFrom)
            {
                var before = Copy(row);
                Stamp(before, row.ValidFrom, effectiveFrom, now, recordedBy, row.Kind);
                added.Add(before);
            }

            var after = Copy(row);
            apply(after);
            Stamp(after, Max(row.ValidFrom, effectiveFrom), row.ValidTo, now, recordedBy, RecordKind.Change);
            added.Add(after);
        }

        return new HistoryEdit<T>(superseded, added);
    }

    /// <summary>
    /// We had it wrong: <paramref name="apply"/> corrects every current row that
    /// <paramref name="which"/> selects (all of them when null), keeping each row's period.
    /// </summary>
    public static HistoryEdit<T> PlanCorrection<T>(
        IReadOnlyCollection<T> currentRows, Action<T> apply, DateTimeOffset now, string recordedBy, Func<T, bool>? which = null)
        where T : HistoryRow
    {
        ArgumentNullException.ThrowIfNull(currentRows);
        ArgumentNullException.ThrowIfNull(apply);
        RequireCurrent(currentRows);
        var superseded = currentRows.Where(which ?? (_ => true)).ToList();
        var added = superseded.Select(row =>
        {
            var corrected = Copy(row);
            apply(corrected);
            Stamp(corrected, row.ValidFrom, row.ValidTo, now, recordedBy, RecordKind.Correction);
            return corrected;
        }).ToList();
        return new HistoryEdit<T>(superseded, added);
    }

    /// <summary>The item stops being true on <paramref name="endsOn"/> (exclusive): e.g. a member leaves a household.</summary>
    public static HistoryEdit<T> PlanEnd<T>(IReadOnlyCollection<T> currentRows, DateOnly endsOn, DateTimeOffset now, string recordedBy)
        where T : HistoryRow
    {
        ArgumentNullException.ThrowIfNull(currentRows);
        RequireCurrent(currentRows);
        var superseded = currentRows.Where(row => row.ValidTo is null || row.ValidTo > endsOn).ToList();
        var added = superseded
            .Where(row => row.ValidFrom < endsOn)
            .Select(row =>
            {
                var shortened = Copy(row);
                Stamp(shortened, row.ValidFrom, endsOn, now, recordedBy, RecordKind.Change);
                return shortened;
            })
            .ToList();
        return new HistoryEdit<T>(superseded, added);
    }

    private static void RequireCurrent<T>(IReadOnlyCollection<T> rows)
        where T : HistoryRow
    {
        if (rows.Any(row => row.SupersededAt is not null))
        {
            throw new InvalidOperationException("History edits take the current rows only.");
        }
    }

    private static T Copy<T>(T row)
        where T : HistoryRow => (T)row.CopyData();

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static void Stamp(HistoryRow row, DateOnly from, DateOnly? to, DateTimeOffset now, string recordedBy, RecordKind kind)
    {
        row.ValidFrom = from;
        row.ValidTo = to;
        row.RecordedAt = now;
        row.SupersededAt = null;
        row.RecordedBy = recordedBy;
        row.Kind = kind;
    }
}

/// <summary>The rows a history edit supersedes and the rows it records; applied in one SaveChanges.</summary>
public sealed record HistoryEdit<T>(IReadOnlyList<T> Superseded, IReadOnlyList<T> Added)
    where T : HistoryRow
{
    /// <summary>Marks the superseded rows at <paramref name="now"/> and adds the new rows to the context.</summary>
    public void ApplyTo(FukushiDbContext db, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var row in Superseded)
        {
            row.SupersededAt = now;
        }

        db.Set<T>().AddRange(Added);
    }
}
