using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters.Editing;

/// <summary>Where a row stands against today.</summary>
public enum MasterRowState
{
    /// <summary>終了: ended before today.</summary>
    Past,

    /// <summary>適用中: in force today.</summary>
    InForce,

    /// <summary>適用予定: starts after today.</summary>
    Future,

    /// <summary>取下げ: withdrawn before it started (an empty period, <c>ValidTo = ValidFrom</c>).</summary>
    Withdrawn,
}

/// <summary>What staff can do with a master.</summary>
public enum MasterAction
{
    /// <summary>行の追加: a row of its own, from a date after today.</summary>
    Add,

    /// <summary>新しい値: the row in force ends and a new row starts on a date after today.</summary>
    NewFigure,

    /// <summary>訂正: a row not yet in force is corrected (values and period).</summary>
    Correct,

    /// <summary>終了: a row in force or not yet in force gets a last day (today or later).</summary>
    End,

    /// <summary>取下げ: a row not yet in force is withdrawn (an empty period, with a note).</summary>
    Withdraw,

    /// <summary>補完: a row added by the migration (移行) gets what the previous system did not know.</summary>
    Complete,
}

/// <summary>A row of any master as the screens and the CLI show it.</summary>
/// <param name="Values">Each field's form text, by key.</param>
/// <param name="Shown">Each field's text as staff read it (labels of choices), by key.</param>
/// <param name="Tags">Marks such as 移行 and デモ.</param>
/// <param name="Actions">What may be done with the row today.</param>
public sealed record MasterRowView(
    long Id,
    long Version,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? Note,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    MasterRowState State,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Shown,
    IReadOnlyList<string> Tags,
    IReadOnlyList<MasterAction> Actions)
{
    /// <summary>Whether the row is in force on <paramref name="date"/>.</summary>
    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || ValidTo > date);
}

/// <summary>
/// A change asked for on a form (or by a command). Dates are the text staff typed (西暦 or 和暦),
/// so that a date that cannot be read is reported beside its field like any other value.
/// </summary>
/// <param name="From">開始日: the first day (Add, NewFigure, Correct, Complete).</param>
/// <param name="Last">最終日: the last day in force, inclusive (End; optional for Add, Correct, Complete; empty = open).</param>
/// <param name="Values">Field form text by <see cref="MasterFieldInfo.Key"/>.</param>
public sealed record MasterChange(
    MasterAction Action,
    long? RowId = null,
    long? ExpectedVersion = null,
    string? From = null,
    string? Last = null,
    string? Note = null,
    IReadOnlyDictionary<string, string?>? Values = null);

/// <summary>How a change ended.</summary>
public enum MasterEditOutcome
{
    Saved,

    /// <summary>A value was refused: <see cref="MasterEditResult.Errors"/> says which and why. Nothing saved.</summary>
    Invalid,

    /// <summary>The row changed since the form was read (or the action no longer applies to it). Nothing saved.</summary>
    Conflict,

    /// <summary>No such row.</summary>
    NotFound,
}

/// <summary>The result of <see cref="MasterEditor.ApplyAsync"/>.</summary>
/// <param name="Errors">Japanese messages by field key (<c>validFrom</c>, <c>validTo</c>, <c>note</c> or a field's key).</param>
/// <param name="RowId">The row added or changed.</param>
public sealed record MasterEditResult(MasterEditOutcome Outcome, IReadOnlyDictionary<string, string> Errors, string Message, long? RowId = null)
{
    internal static MasterEditResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(MasterEditOutcome.Invalid, errors, "入力内容を確認してください。");

    internal static MasterEditResult Conflict(string message) =>
        new(MasterEditOutcome.Conflict, new Dictionary<string, string>(), message);
}

/// <summary>
/// A master table as the editing screens see it, without its row type. The one implementation is
/// <see cref="MasterTable{T}"/>; the list of masters is <see cref="MasterCatalog"/>.
/// </summary>
public abstract class MasterTable
{
    /// <summary>The form key of the 開始日.</summary>
    public const string FromKey = "validFrom";

    /// <summary>The form key of the 最終日.</summary>
    public const string LastKey = "validTo";

    /// <summary>The form key of the 備考.</summary>
    public const string NoteKey = "note";

    /// <summary>The URL and audit key (<c>public-payers</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The Japanese name (公費負担者).</summary>
    public required string Title { get; init; }

    /// <summary>What the master holds and how it changes, in Japanese, for the screen.</summary>
    public required string Description { get; init; }

    /// <summary>A row is in force on its own day only (金融機関休業日): only a date is entered, and there is no new figure or end.</summary>
    public bool SingleDay { get; init; }

    /// <summary>The fields with their choices resolved.</summary>
    public abstract Task<IReadOnlyList<MasterFieldInfo>> FieldsAsync(FukushiDbContext db, CancellationToken cancellationToken = default);

    /// <summary>Every row, in the master's order, with its state and actions as of <paramref name="today"/>.</summary>
    public abstract Task<IReadOnlyList<MasterRowView>> RowsAsync(FukushiDbContext db, DateOnly today, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the change and applies it to the tracked rows of <paramref name="db"/> without saving.
    /// When accepted, <see cref="MasterPlan.AfterSave"/> gives the row's id and the audit details
    /// once the rows are saved (a new row's id is known only then).
    /// </summary>
    internal abstract Task<MasterPlan> PlanAsync(
        FukushiDbContext db, MasterChange change, DateOnly today, DateTimeOffset now, string actor, CancellationToken cancellationToken);

    /// <summary>The state of a row against <paramref name="today"/>.</summary>
    public static MasterRowState StateOf(IDatedMasterRow row, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.ValidTo is { } end && end <= row.ValidFrom)
        {
            return MasterRowState.Withdrawn;
        }

        if (row.ValidFrom > today)
        {
            return MasterRowState.Future;
        }

        return row.ValidTo is { } to && to <= today ? MasterRowState.Past : MasterRowState.InForce;
    }
}

/// <summary>A checked change applied to the context, or the reason it was refused.</summary>
internal sealed record MasterPlan(MasterEditResult? Refusal, Func<(long RowId, object Details)>? AfterSave);
