using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters.Editing;

/// <summary>
/// The descriptor of one dated master (マスタ): its fields, which rows form one succession that
/// must not overlap, and the few rules of its own. Registering a master for the editing screens is
/// one of these in <see cref="MasterCatalog"/>. The rules common to every master live here:
/// <list type="bullet">
/// <item>the past is never rewritten: a row in force can only be ended (on today or later) or
/// replaced from a date after today (<see cref="DatedMasters.PlanNewFigure"/>); only a row not yet
/// in force can be corrected or withdrawn;</item>
/// <item>rows of one <see cref="Series"/> never overlap;</item>
/// <item>nothing is deleted: a withdrawn row keeps an empty period and its note.</item>
/// </list>
/// </summary>
/// <typeparam name="T">The master row type.</typeparam>
public sealed class MasterTable<T> : MasterTable
    where T : DatedMasterRow, new()
{
    /// <summary>The editable fields, in form order.</summary>
    public required IReadOnlyList<MasterField<T>> Fields { get; init; }

    /// <summary>Rows with the same series key follow each other in time and must not overlap (e.g. an age bracket's code).</summary>
    public required Func<T, string> Series { get; init; }

    /// <summary>The list order (default: series, then start).</summary>
    public Func<IEnumerable<T>, IEnumerable<T>>? Order { get; init; }

    /// <summary>Marks shown beside a row (移行, デモ).</summary>
    public Func<T, IEnumerable<string>>? Tags { get; init; }

    /// <summary>A row to complete (移行): it may be completed whatever its dates, and is left out of the overlap check until then.</summary>
    public Func<T, bool>? Incomplete { get; init; }

    /// <summary>Marks a completed row as such (clears 移行).</summary>
    public Action<T>? MarkComplete { get; init; }

    /// <summary>Checks across fields of a row once each field is accepted: (field key, Japanese message) pairs.</summary>
    public Func<T, IEnumerable<(string Key, string Message)>>? Check { get; init; }

    /// <summary>
    /// A master's own rule on the dates entered: given the 開始日 and the 最終日 (inclusive; null when
    /// not entered or open), (field key, Japanese message) pairs. E.g. the 給与所得控除 table runs by
    /// income year: it starts on 1 January and ends on 31 December.
    /// </summary>
    public Func<DateOnly?, DateOnly?, IEnumerable<(string Key, string Message)>>? CheckPeriod { get; init; }

    public override async Task<IReadOnlyList<MasterFieldInfo>> FieldsAsync(FukushiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var infos = new List<MasterFieldInfo>(Fields.Count);
        foreach (var field in Fields)
        {
            infos.Add(await field.DescribeAsync(db, cancellationToken).ConfigureAwait(false));
        }

        return infos;
    }

    public override async Task<IReadOnlyList<MasterRowView>> RowsAsync(FukushiDbContext db, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var infos = await FieldsAsync(db, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<T>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. Sorted(rows).Select(row => View(row, infos, today))];
    }

    /// <summary>What may be done with <paramref name="row"/> on <paramref name="today"/>.</summary>
    public IReadOnlyList<MasterAction> ActionsFor(T row, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(row);
        var actions = new List<MasterAction>();
        var state = StateOf(row, today);
        if (state == MasterRowState.InForce && !SingleDay && (row.ValidTo is null || row.ValidTo > today.AddDays(1)))
        {
            actions.Add(MasterAction.NewFigure);
        }

        if (state == MasterRowState.Future)
        {
            actions.Add(MasterAction.Correct);
        }

        if (state is MasterRowState.InForce or MasterRowState.Future && !SingleDay)
        {
            actions.Add(MasterAction.End);
        }

        if (state == MasterRowState.Future)
        {
            actions.Add(MasterAction.Withdraw);
        }

        if (state != MasterRowState.Withdrawn && Incomplete?.Invoke(row) == true)
        {
            actions.Add(MasterAction.Complete);
        }

        return actions;
    }

    internal override async Task<MasterPlan> PlanAsync(
        FukushiDbContext db, MasterChange change, DateOnly today, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var infos = (await FieldsAsync(db, cancellationToken).ConfigureAwait(false)).ToDictionary(info => info.Key, StringComparer.Ordinal);

        // Masters are small: every row is loaded, tracked, so that the overlap check sees the
        // rows as they will be saved.
        var rows = await db.Set<T>().ToListAsync(cancellationToken).ConfigureAwait(false);
        var before = rows.ToDictionary(row => row, Snapshot); // rows compare by reference
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        T? target = null;
        if (change.Action != MasterAction.Add)
        {
            target = rows.SingleOrDefault(row => row.Id == change.RowId);
            if (target is null)
            {
                return new MasterPlan(new MasterEditResult(MasterEditOutcome.NotFound, errors, "指定された行がありません。"), null);
            }

            if (target.Version != change.ExpectedVersion)
            {
                return new MasterPlan(MasterEditResult.Conflict(Conflict), null);
            }

            if (!ActionsFor(target, today).Contains(change.Action))
            {
                return new MasterPlan(MasterEditResult.Conflict(NotApplicable(target, today)), null);
            }
        }

        var from = change.Action is MasterAction.Add or MasterAction.NewFigure or MasterAction.Correct or MasterAction.Complete
            ? ReadDate(change.From, "開始日", required: true, FromKey, errors)
            : null;
        var last = change.Action is MasterAction.Add or MasterAction.Correct or MasterAction.Complete or MasterAction.End && !SingleDay
            ? ReadDate(change.Last, "最終日", required: change.Action == MasterAction.End, LastKey, errors)
            : null;
        var note = string.IsNullOrWhiteSpace(change.Note) ? null : change.Note.Trim();
        if (note is { Length: > 500 })
        {
            errors[NoteKey] = "備考は500文字以内で入力してください。";
        }

        if (CheckPeriod is not null && (from is not null || last is not null))
        {
            foreach (var (key, message) in CheckPeriod(from, last))
            {
                errors.TryAdd(key, message);
            }
        }

        var changed = new List<T>();
        switch (change.Action)
        {
            case MasterAction.Add:
            {
                var row = new T();
                WriteFields(row, change, infos, errors, completion: false);
                if (from is { } start)
                {
                    RequireAfterToday(start, today, errors);
                    row.ValidFrom = start;
                    row.ValidTo = SingleDay ? start.AddDays(1) : EndAfter(last, start, errors);
                }

                row.CreatedAt = now;
                row.CreatedBy = actor;
                row.Note = note;
                row.Version = 1;
                if (errors.Count == 0)
                {
                    db.Set<T>().Add(row);
                    rows.Add(row);
                }

                target = row;
                changed.Add(row);
                break;
            }

            case MasterAction.NewFigure:
            {
                var next = new T();
                WriteFields(next, change, infos, errors, completion: false);
                if (from is { } start)
                {
                    RequireAfterToday(start, today, errors);
                    if (!errors.ContainsKey(FromKey) && target!.ValidTo is { } end && start >= end)
                    {
                        errors[FromKey] = $"開始日は現在の行の最終日（{Iso(end.AddDays(-1))}）までの日にしてください。";
                    }
                }

                if (errors.Count == 0)
                {
                    DatedMasters.PlanNewFigure(target!, next, from!.Value, now, actor);
                    next.Note = note;
                    next.Version = 1;
                    db.Set<T>().Add(next);
                    rows.Add(next);
                    changed.Add(target!);
                    changed.Add(next);
                    target = next;
                }

                break;
            }

            case MasterAction.Correct:
            {
                var oldFrom = target!.ValidFrom;
                WriteFields(target, change, infos, errors, completion: false);
                if (from is { } start)
                {
                    RequireAfterToday(start, today, errors);
                    var previous = Predecessor(rows, target, oldFrom);
                    if (previous is not null && start <= previous.ValidFrom && !errors.ContainsKey(FromKey))
                    {
                        errors[FromKey] = $"開始日は直前の行の開始日（{Iso(previous.ValidFrom)}）より後にしてください。";
                    }

                    if (previous is not null && errors.Count == 0)
                    {
                        // The row before ended where this one started: it still does.
                        previous.ValidTo = start;
                        changed.Add(previous);
                    }

                    target.ValidFrom = start;
                    target.ValidTo = SingleDay ? start.AddDays(1) : EndAfter(last, start, errors);
                }

                target.Note = note;
                changed.Add(target);
                break;
            }

            case MasterAction.End:
            {
                if (last is { } end)
                {
                    if (end < today)
                    {
                        errors[LastKey] = "最終日は今日以降の日にしてください（過去の期間は変更できません）。";
                    }
                    else
                    {
                        target!.ValidTo = EndAfter(end, target.ValidFrom, errors);
                    }
                }

                if (note is not null)
                {
                    target!.Note = note;
                }

                changed.Add(target!);
                break;
            }

            case MasterAction.Withdraw:
            {
                if (note is null)
                {
                    errors[NoteKey] = "取下げの理由を備考に入力してください。";
                    break;
                }

                var previous = Predecessor(rows, target!, target!.ValidFrom);
                if (previous is not null)
                {
                    // The row before had been ended for this one: it goes on as before.
                    previous.ValidTo = target.ValidTo;
                    changed.Add(previous);
                }

                target.ValidTo = target.ValidFrom;
                target.Note = note;
                changed.Add(target);
                break;
            }

            case MasterAction.Complete:
            {
                WriteFields(target!, change, infos, errors, completion: true);
                if (from is { } start)
                {
                    // Completing is entering what the migration could not know, its dates included.
                    target!.ValidFrom = start;
                    target.ValidTo = SingleDay ? start.AddDays(1) : EndAfter(last, start, errors);
                }

                target!.Note = note;
                MarkComplete?.Invoke(target);
                changed.Add(target);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Action, "unknown action");
        }

        if (errors.Count == 0)
        {
            CheckOverlaps(rows, changed, errors);
        }

        if (errors.Count > 0)
        {
            return new MasterPlan(MasterEditResult.Invalid(errors), null);
        }

        var subject = target!;
        var touched = changed.Distinct().ToList();
        return new MasterPlan(null, () => (subject.Id, new
        {
            table = Key,
            action = change.Action.ToString(),
            rows = touched.Select(row => new
            {
                id = row.Id,
                before = before.GetValueOrDefault(row),
                after = Snapshot(row),
            }).ToList(),
        }));
    }

    /// <summary>The row's values for the audit log: period, note and every field's form text.</summary>
    public Dictionary<string, string?> Snapshot(T row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [FromKey] = Iso(row.ValidFrom),
            ["validToExclusive"] = row.ValidTo is { } end ? Iso(end) : null,
            [NoteKey] = row.Note,
        };
        foreach (var field in Fields)
        {
            values[field.Key] = field.Read(row);
        }

        foreach (var tag in Tags?.Invoke(row) ?? [])
        {
            values["tag:" + tag] = "true";
        }

        return values;
    }

    private const string Conflict = "この行は他の職員が変更しました。変更は保存していません。画面を読み込み直してから入力してください。";

    private static string NotApplicable(T row, DateOnly today) => StateOf(row, today) switch
    {
        MasterRowState.Past => "この行の期間は終わっています。過去の値は変更できません。",
        MasterRowState.Withdrawn => "この行は取り下げられています。",
        MasterRowState.InForce => "この行は適用中です。適用中の行は変更できません（終了するか、新しい値を登録してください）。",
        _ => "この行にはこの操作はできません。画面を読み込み直してください。",
    };

    private IEnumerable<T> Sorted(IEnumerable<T> rows) =>
        Order?.Invoke(rows) ?? rows.OrderBy(Series, StringComparer.Ordinal).ThenBy(row => row.ValidFrom).ThenBy(row => row.Id);

    private MasterRowView View(T row, Dictionary<string, MasterFieldInfo> infos, DateOnly today) => new(
        row.Id,
        row.Version,
        row.ValidFrom,
        row.ValidTo,
        row.Note,
        row.CreatedBy,
        row.CreatedAt,
        StateOf(row, today),
        Fields.ToDictionary(field => field.Key, field => field.Read(row) ?? string.Empty, StringComparer.Ordinal),
        Fields.ToDictionary(field => field.Key, field => field.Show(row, infos[field.Key]), StringComparer.Ordinal),
        [.. Tags?.Invoke(row) ?? []],
        ActionsFor(row, today));

    private MasterRowView View(T row, IReadOnlyList<MasterFieldInfo> infos, DateOnly today) =>
        View(row, infos.ToDictionary(info => info.Key, StringComparer.Ordinal), today);

    private void WriteFields(T row, MasterChange change, Dictionary<string, MasterFieldInfo> infos, Dictionary<string, string> errors, bool completion)
    {
        foreach (var field in Fields)
        {
            if (completion && field.KeptOnCompletion)
            {
                continue;
            }

            string? text = null;
            change.Values?.TryGetValue(field.Key, out text);
            if (field.Accept(row, text, infos[field.Key]) is { } error)
            {
                errors[field.Key] = error;
            }
        }

        if (Fields.All(field => !errors.ContainsKey(field.Key)) && Check is not null)
        {
            foreach (var (key, message) in Check(row))
            {
                errors.TryAdd(key, message);
            }
        }
    }

    private void CheckOverlaps(List<T> rows, List<T> changed, Dictionary<string, string> errors)
    {
        foreach (var row in changed.Where(Counted))
        {
            var clash = rows.FirstOrDefault(other => !ReferenceEquals(other, row) && Counted(other)
                && string.Equals(Series(other), Series(row), StringComparison.Ordinal)
                && other.ValidFrom < (row.ValidTo ?? DateOnly.MaxValue)
                && row.ValidFrom < (other.ValidTo ?? DateOnly.MaxValue));
            if (clash is not null)
            {
                errors.TryAdd(FromKey, $"期間が別の行（{Period(clash)}）と重なります。先にその行を終了するか、「新しい値」で登録してください。");
                return;
            }
        }
    }

    /// <summary>A row that takes part in the overlap check: not withdrawn, not a 移行 row still to complete.</summary>
    private bool Counted(T row) => !(row.ValidTo is { } end && end <= row.ValidFrom) && Incomplete?.Invoke(row) != true;

    private T? Predecessor(List<T> rows, T row, DateOnly start) => rows.FirstOrDefault(other =>
        !ReferenceEquals(other, row) && other.ValidTo == start && other.ValidFrom < start
        && string.Equals(Series(other), Series(row), StringComparison.Ordinal));

    private static DateOnly? ReadDate(string? text, string label, bool required, string key, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[key] = $"{label}を入力してください。";
            }

            return null;
        }

        var parsed = ImportDate.TryParseDate(text);
        if (parsed.TryGetValue(out var date))
        {
            return date;
        }

        errors[key] = $"{label}が読めません（{parsed.ErrorMessage}）。例: 2027-04-01、R9.4.1、令和9年4月1日";
        return null;
    }

    private static void RequireAfterToday(DateOnly start, DateOnly today, Dictionary<string, string> errors)
    {
        if (start <= today)
        {
            errors.TryAdd(FromKey, $"開始日は明日（{Iso(today.AddDays(1))}）以降の日にしてください。今日までの値は変更できません。");
        }
    }

    /// <summary>The exclusive end after an inclusive last day; null = open. A last day before the start is refused.</summary>
    private static DateOnly? EndAfter(DateOnly? last, DateOnly start, Dictionary<string, string> errors)
    {
        if (last is not { } day)
        {
            return null;
        }

        if (day < start)
        {
            errors.TryAdd(LastKey, $"最終日は開始日（{Iso(start)}）以降の日にしてください。");
            return null;
        }

        return day.AddDays(1);
    }

    private static string Period(T row) =>
        $"{Iso(row.ValidFrom)} 〜 {(row.ValidTo is { } end ? Iso(end.AddDays(-1)) : "継続中")}";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
