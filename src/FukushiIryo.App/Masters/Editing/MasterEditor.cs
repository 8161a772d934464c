using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters.Editing;

/// <summary>
/// Edits the dated masters (マスタ管理) for the web screens and, later, the CLI: checks a change
/// against the rules of <see cref="MasterTable{T}"/>, saves it with its audit entry (the values
/// before and after of every row it touched) in one transaction, and refuses a change made on a
/// stale form (optimistic concurrency on the row's version). Changes of one master are serialised
/// (a PostgreSQL advisory lock per master; SQLite's write lock), so that two overlapping rows
/// cannot be added at the same time.
/// </summary>
public sealed class MasterEditor(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>Today in Japan: the day before which nothing may change.</summary>
    public DateOnly Today => JstClock.Today(clock);

    /// <summary>The rows of <paramref name="table"/> with their states as of today.</summary>
    public Task<IReadOnlyList<MasterRowView>> RowsAsync(MasterTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.RowsAsync(db, Today, cancellationToken);
    }

    /// <summary>The fields of <paramref name="table"/> with their choices.</summary>
    public Task<IReadOnlyList<MasterFieldInfo>> FieldsAsync(MasterTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.FieldsAsync(db, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to <paramref name="table"/> as <paramref name="actor"/>:
    /// saved and audited, or refused with the reasons (nothing saved).
    /// </summary>
    public async Task<MasterEditResult> ApplyAsync(
        MasterTable table,
        MasterChange change,
        string actor,
        string? clientAddress = null,
        string? correlationId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = AppClock.Now(clock);
        var today = Today;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!db.IsSqlite)
        {
            var lockName = "fukushi.masters." + table.Key;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({lockName}))", cancellationToken).ConfigureAwait(false);
        }

        var plan = await table.PlanAsync(db, change, today, now, actor, cancellationToken).ConfigureAwait(false);
        if (plan.Refusal is not null || plan.AfterSave is null)
        {
            db.ChangeTracker.Clear();
            return plan.Refusal ?? throw new InvalidOperationException("A master plan has neither a refusal nor a save.");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var (rowId, details) = plan.AfterSave();
            db.AddAudit(new AuditEntry(actor, EventFor(change.Action), "master", $"{table.Key}/{rowId}", details, clientAddress, correlationId));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new MasterEditResult(MasterEditOutcome.Saved, new Dictionary<string, string>(), SavedMessage(change.Action), rowId);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return MasterEditResult.Conflict("この行は他の職員が変更しました。変更は保存していません。画面を読み込み直してから入力してください。");
        }
    }

    /// <summary>The audit event of each action.</summary>
    public static string EventFor(MasterAction action) => action switch
    {
        MasterAction.Add => AuditEventType.MasterRowAdded,
        MasterAction.NewFigure => AuditEventType.MasterFigureChanged,
        MasterAction.Correct => AuditEventType.MasterRowCorrected,
        MasterAction.End => AuditEventType.MasterRowEnded,
        MasterAction.Withdraw => AuditEventType.MasterRowWithdrawn,
        MasterAction.Complete => AuditEventType.MasterRowCompleted,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown action"),
    };

    /// <summary>The Japanese message shown after a saved change.</summary>
    public static string SavedMessage(MasterAction action) => action switch
    {
        MasterAction.Add => "行を追加しました。",
        MasterAction.NewFigure => "新しい値を登録しました。それまでの行は前日で終了しています。",
        MasterAction.Correct => "適用前の行を訂正しました。",
        MasterAction.End => "行の最終日を登録しました。",
        MasterAction.Withdraw => "行を取り下げました。",
        _ => "移行データを補完しました。",
    };
}
