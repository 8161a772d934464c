using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Settings;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Common;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>A 返還請求 act refused: <see cref="NotPermitted"/> for a write-off by its maker (exit 3), else rejected (exit 1).</summary>
public sealed class RecoveryRefusedException(string message, bool notPermitted = false) : InvalidOperationException(message)
{
    public bool NotPermitted { get; } = notPermitted;
}

/// <summary>A 返還請求 with its balance: 調定額, 収入済額 (戻入), 不納欠損額, 未収額.</summary>
public sealed record RecoveryBalance(Recovery Recovery, string RecipientNumber, string PayeeName, long Repaid, DateOnly? LastReceivedOn, int Reminders)
{
    public long Outstanding => Recovery.Amount - Repaid - Recovery.WrittenOffAmount;
}

/// <summary>
/// 返還 (ADR 0033): outstanding 過誤調整 decreases become a 返還請求 (<see cref="CreateAsync"/> by staff,
/// or <see cref="SweepAsync"/> by the rules: the payee has no eligibility left, or a decrease stayed
/// unoffset for <see cref="SystemSettings.RecoveryAfterMonths"/> months); 戻入 are recorded, partly or in
/// full; overdue ones get a 督促; what cannot be collected is written off (不納欠損) by 決裁. Every act is
/// audited; nothing is deleted.
/// </summary>
public sealed class Recoveries(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Moves the outstanding part of every pending 減額 of <paramref name="payeeRecipientNumber"/> into one new
    /// 返還請求, issued today with the 納期限 of <see cref="SystemSettings.RecoveryDueDays"/> (or
    /// <paramref name="dueDate"/>). The adjustments become <see cref="PaymentAdjustmentStatus.MovedToRecovery"/>.
    /// </summary>
    /// <exception cref="RecoveryRefusedException">No pending decrease with something outstanding.</exception>
    public async Task<Recovery> CreateAsync(string payeeRecipientNumber, string reason, string actor, DateOnly? dueDate = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(payeeRecipientNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RecoveryRefusedException("返還請求の理由を入力してください。");
        }

        db.ChangeTracker.Clear();
        var payee = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.RecipientNumber == payeeRecipientNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new RecoveryRefusedException($"受給者番号 {payeeRecipientNumber} の受給者はいません。");
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var recovery = await CreateCoreAsync(payee.Id, reason.Trim(), actor, dueDate, cancellationToken).ConfigureAwait(false)
                    ?? throw new RecoveryRefusedException($"受給者番号 {payeeRecipientNumber} には、返還請求にできる未調整の減額（過誤調整）がありません。");
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return recovery;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// 返還請求 by the rules, as of <paramref name="asOf"/>: for each payee with a pending 減額 outstanding,
    /// when the payee has no eligibility on that day (no later payment to offset it against), or when its
    /// oldest such decrease was made <see cref="SystemSettings.RecoveryAfterMonths"/> months or more before.
    /// </summary>
    public async Task<IReadOnlyList<Recovery>> SweepAsync(DateOnly asOf, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        db.ChangeTracker.Clear();
        int months = int.Parse(await new SystemSettings(db, clock).GetAsync(SystemSettings.RecoveryAfterMonths, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var pending = await OutstandingDecreasesAsync(null, cancellationToken).ConfigureAwait(false);
                var payeeIds = pending.Select(p => p.PayeeRecipientId).Distinct().ToList();
                var eligible = (await db.EligibilityRecords.AsNoTracking().AsOf(asOf)
                        .Where(e => payeeIds.Contains(e.RecipientId) && e.Status == EligibilityStatus.Active)
                        .Select(e => e.RecipientId).ToListAsync(cancellationToken).ConfigureAwait(false))
                    .ToHashSet();
                var limit = asOf.AddMonths(-months);
                var made = new List<Recovery>();
                foreach (var group in pending.GroupBy(p => p.PayeeRecipientId).OrderBy(g => g.Key))
                {
                    string? reason = !eligible.Contains(group.Key)
                        ? string.Create(CultureInfo.InvariantCulture, $"受給資格がなく（{asOf:yyyy-MM-dd} 現在）、今後の助成金と相殺できないため")
                        : months > 0 && DateOnly.FromDateTime(group.Min(p => p.CreatedAt).UtcDateTime) <= limit
                            ? string.Create(CultureInfo.InvariantCulture, $"減額が {months} か月以上相殺されないため")
                            : null;
                    if (reason is not null && await CreateCoreAsync(group.Key, reason, actor, null, cancellationToken).ConfigureAwait(false) is { } recovery)
                    {
                        made.Add(recovery);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return made;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Records a 戻入 (repayment) of <paramref name="amount"/> received on <paramref name="receivedOn"/>; returns the balance after.</summary>
    /// <exception cref="RecoveryRefusedException">Not open, the amount is not positive or exceeds what is outstanding.</exception>
    public async Task<RecoveryBalance> RepayAsync(string number, DateOnly receivedOn, long amount, string actor, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        db.ChangeTracker.Clear();
        var recovery = await FindTrackedAsync(number, cancellationToken).ConfigureAwait(false);
        var balance = await BalanceAsync(recovery, cancellationToken).ConfigureAwait(false);
        if (recovery.Status != RecoveryStatus.Open)
        {
            throw new RecoveryRefusedException($"返還請求 {number} は{(recovery.Status == RecoveryStatus.Repaid ? "完納" : "不納欠損")}済みです。");
        }

        if (amount <= 0 || amount > balance.Outstanding)
        {
            throw new RecoveryRefusedException(string.Create(CultureInfo.InvariantCulture, $"戻入額は 1 円以上、未収額 {balance.Outstanding:N0} 円以下で入力してください。"));
        }

        var now = AppClock.Now(clock);
        db.RecoveryRepayments.Add(new RecoveryRepayment { RecoveryId = recovery.Id, ReceivedOn = receivedOn, Amount = amount, Note = note?.Trim(), RecordedBy = actor, RecordedAt = now });
        long outstanding = balance.Outstanding - amount;
        if (outstanding == 0)
        {
            recovery.Status = RecoveryStatus.Repaid;
        }

        db.Touch(recovery);
        db.AddAudit(new AuditEntry(actor, AuditEventType.RecoveryRepaid, "recovery", recovery.Number, new Dictionary<string, object?>
        {
            ["receivedOn"] = receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["amount"] = amount,
            ["outstanding"] = outstanding,
        }));
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return await BalanceOfAsync(number, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// 不納欠損 (決裁): <paramref name="approver"/>, never the one who made the 返還請求, writes off what is
    /// outstanding. The caller proves the approver's presence (reauthentication; password and TOTP in the CLI).
    /// </summary>
    public async Task<RecoveryBalance> WriteOffAsync(string number, string reason, string approver, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        db.ChangeTracker.Clear();
        var recovery = await FindTrackedAsync(number, cancellationToken).ConfigureAwait(false);
        if (string.Equals(recovery.CreatedBy, approver, StringComparison.Ordinal))
        {
            throw new RecoveryRefusedException("返還請求を作成した職員は、同じ返還請求の不納欠損を決裁できません。", notPermitted: true);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RecoveryRefusedException("不納欠損の理由（時効・所在不明など）を入力してください。");
        }

        var balance = await BalanceAsync(recovery, cancellationToken).ConfigureAwait(false);
        if (recovery.Status != RecoveryStatus.Open || balance.Outstanding <= 0)
        {
            throw new RecoveryRefusedException($"返還請求 {number} に未収額はありません。");
        }

        recovery.WrittenOffAmount = balance.Outstanding;
        recovery.WriteOffReason = reason.Trim();
        recovery.WrittenOffBy = approver;
        recovery.WrittenOffAt = AppClock.Now(clock);
        recovery.Status = RecoveryStatus.WrittenOff;
        db.AddAudit(new AuditEntry(approver, AuditEventType.RecoveryWrittenOff, "recovery", recovery.Number, new Dictionary<string, object?>
        {
            ["amount"] = balance.Outstanding,
            ["reason"] = recovery.WriteOffReason,
            ["createdBy"] = recovery.CreatedBy,
        }, clientAddress));
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return await BalanceOfAsync(number, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The 返還請求書 of <paramref name="number"/> (audited as printed).</summary>
    public async Task<RenderedDocument> DemandAsync(string number, DateOnly noticeDate, string actor, CancellationToken cancellationToken = default)
    {
        var balance = await BalanceOfAsync(number, cancellationToken).ConfigureAwait(false);
        var notice = await NoticeAsync(balance, balance.Recovery.DueDate, cancellationToken).ConfigureAwait(false);
        var document = DocumentRenderer.Render(new RecoveryNoticeInput(false, noticeDate, [notice]));
        db.AddAudit(new AuditEntry(actor, AuditEventType.RecoveryDemandPrinted, "recovery", number, new Dictionary<string, object?>
        {
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(document.Pdf)),
            ["pages"] = document.PageCount,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return document;
    }

    /// <summary>
    /// 督促: every open 返還請求 past its 納期限 (or its last reminder's 指定期限) on <paramref name="asOf"/> gets a
    /// reminder with a new 指定期限; returns them and the 督促状 PDF (null when none is overdue).
    /// </summary>
    public async Task<(IReadOnlyList<RecoveryBalance> Overdue, RenderedDocument? Pdf)> RemindAsync(DateOnly asOf, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var overdue = await OverdueAsync(asOf, cancellationToken).ConfigureAwait(false);
        if (overdue.Count == 0)
        {
            return (overdue, null);
        }

        int days = int.Parse(await new SystemSettings(db, clock).GetAsync(SystemSettings.RecoveryDueDays, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var newDue = asOf.AddDays(days);
        var now = AppClock.Now(clock);
        var notices = new List<RecoveryNotice>();
        foreach (var balance in overdue)
        {
            notices.Add(await NoticeAsync(balance, newDue, cancellationToken).ConfigureAwait(false));
            db.RecoveryReminders.Add(new RecoveryReminder { RecoveryId = balance.Recovery.Id, SentOn = asOf, NewDueDate = newDue, Outstanding = balance.Outstanding, SentBy = actor, SentAt = now });
        }

        var document = DocumentRenderer.Render(new RecoveryNoticeInput(true, asOf, notices));
        db.AddAudit(new AuditEntry(actor, AuditEventType.RecoveryReminded, "recovery", null, new Dictionary<string, object?>
        {
            ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["numbers"] = overdue.Select(o => o.Recovery.Number).ToList(),
            ["newDueDate"] = newDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(document.Pdf)),
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return (overdue, document);
    }

    /// <summary>Open 返還請求 past their 納期限 (or the last reminder's 指定期限) on <paramref name="asOf"/>, by 納期限.</summary>
    public async Task<IReadOnlyList<RecoveryBalance>> OverdueAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var all = await ListAsync(openOnly: true, cancellationToken).ConfigureAwait(false);
        var reminders = (await db.RecoveryReminders.AsNoTracking().Select(r => new { r.RecoveryId, r.NewDueDate }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r.RecoveryId).ToDictionary(g => g.Key, g => g.Max(r => r.NewDueDate));
        return [.. all.Where(b => b.Outstanding > 0 && (reminders.TryGetValue(b.Recovery.Id, out var due) ? due : b.Recovery.DueDate) < asOf)
            .OrderBy(b => b.Recovery.DueDate).ThenBy(b => b.Recovery.Id)];
    }

    /// <summary>Every 返還請求 (or the open ones) with its balance, newest first.</summary>
    public async Task<IReadOnlyList<RecoveryBalance>> ListAsync(bool openOnly = false, CancellationToken cancellationToken = default)
    {
        var recoveries = await db.Recoveries.AsNoTracking().Where(r => !openOnly || r.Status == RecoveryStatus.Open)
            .OrderByDescending(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return await BalancesAsync(recoveries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One 返還請求 with its balance.</summary>
    public async Task<RecoveryBalance> BalanceOfAsync(string number, CancellationToken cancellationToken = default)
    {
        var recovery = await db.Recoveries.AsNoTracking().SingleOrDefaultAsync(r => r.Number == number, cancellationToken).ConfigureAwait(false)
            ?? throw new RecoveryRefusedException($"返還請求番号 {number} の返還請求はありません。");
        return (await BalancesAsync([recovery], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>The adjustments behind a 返還請求 with the part moved into it.</summary>
    public async Task<IReadOnlyList<(PaymentAdjustment Adjustment, long Amount)>> ItemsAsync(long recoveryId, CancellationToken cancellationToken = default)
    {
        var items = await db.RecoveryItems.AsNoTracking().Where(i => i.RecoveryId == recoveryId).OrderBy(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = items.Select(i => i.PaymentAdjustmentId).ToList();
        var adjustments = await db.PaymentAdjustments.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken).ConfigureAwait(false);
        return [.. items.Select(i => (adjustments[i.PaymentAdjustmentId], i.Amount))];
    }

    /// <summary>The 戻入 of a 返還請求, oldest first.</summary>
    public async Task<IReadOnlyList<RecoveryRepayment>> RepaymentsAsync(long recoveryId, CancellationToken cancellationToken = default) =>
        await db.RecoveryRepayments.AsNoTracking().Where(r => r.RecoveryId == recoveryId).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// 出納 list (CSV, UTF-8 with BOM): every 返還請求 with 調定額, 収入済額, 不納欠損額 and 未収額 as of
    /// <paramref name="asOf"/> (戻入 received after it are not counted), and a total line. Audited.
    /// </summary>
    public async Task<byte[]> LedgerCsvAsync(DateOnly asOf, string actor, CancellationToken cancellationToken = default)
    {
        var recoveries = await db.Recoveries.AsNoTracking().Where(r => r.IssuedOn <= asOf).OrderBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var balances = await BalancesAsync(recoveries, cancellationToken, asOf).ConfigureAwait(false);
        var text = new StringBuilder();
        text.Append(CsvText.Line(["返還請求番号", "受給者番号", "氏名", "発行日", "納期限", "調定額", "収入済額", "不納欠損額", "未収額", "状態", "最終収納日", "督促回数"])).Append("\r\n");
        foreach (var b in balances)
        {
            var r = b.Recovery;
            long writtenOff = r.WrittenOffAt is { } at && DateOnly.FromDateTime(at.UtcDateTime) <= asOf ? r.WrittenOffAmount : 0;
            text.Append(CsvText.Line([
                r.Number, b.RecipientNumber, b.PayeeName, Date(r.IssuedOn), Date(r.DueDate), Yen(r.Amount), Yen(b.Repaid), Yen(writtenOff),
                Yen(r.Amount - b.Repaid - writtenOff), StatusText(r.Amount - b.Repaid - writtenOff == 0 ? r.Status : RecoveryStatus.Open),
                b.LastReceivedOn is { } last ? Date(last) : string.Empty, b.Reminders.ToString(CultureInfo.InvariantCulture)])).Append("\r\n");
        }

        long amount = balances.Sum(b => b.Recovery.Amount), repaid = balances.Sum(b => b.Repaid);
        long written = balances.Sum(b => b.Recovery.WrittenOffAt is { } at && DateOnly.FromDateTime(at.UtcDateTime) <= asOf ? b.Recovery.WrittenOffAmount : 0);
        text.Append(CsvText.Line(["合計", string.Empty, string.Empty, string.Empty, string.Empty, Yen(amount), Yen(repaid), Yen(written), Yen(amount - repaid - written), string.Empty, string.Empty, string.Empty])).Append("\r\n");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        db.AddAudit(new AuditEntry(actor, AuditEventType.RecoveryLedgerExported, "recovery", null, new Dictionary<string, object?>
        {
            ["asOf"] = Date(asOf),
            ["rows"] = balances.Count,
            ["amount"] = amount,
            ["repaid"] = repaid,
            ["writtenOff"] = written,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return bytes;
    }

    /// <summary>The Japanese name of a status.</summary>
    public static string StatusText(RecoveryStatus status) => status switch
    {
        RecoveryStatus.Open => "未納",
        RecoveryStatus.Repaid => "完納",
        RecoveryStatus.WrittenOff => "不納欠損",
        _ => status.ToString(),
    };

    /// <summary>Pending 減額 with something outstanding (amount − settled &lt; 0), of one payee or all, oldest first.</summary>
    private async Task<List<OutstandingDecrease>> OutstandingDecreasesAsync(long? payeeRecipientId, CancellationToken cancellationToken)
    {
        var adjustments = await db.PaymentAdjustments.AsNoTracking()
            .Where(a => a.Status == PaymentAdjustmentStatus.Pending && a.Amount < 0 && (payeeRecipientId == null || a.PayeeRecipientId == payeeRecipientId))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.PayeeRecipientId, a.Amount, a.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = adjustments.Select(a => a.Id).ToList();
        var settled = (await db.SettledAdjustments.AsNoTracking().Where(s => ids.Contains(s.PaymentAdjustmentId))
                .Select(s => new { s.PaymentAdjustmentId, s.Applied }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(s => s.PaymentAdjustmentId).ToDictionary(g => g.Key, g => g.Sum(s => s.Applied));
        return [.. adjustments
            .Select(a => new OutstandingDecrease(a.Id, a.PayeeRecipientId, a.Amount - settled.GetValueOrDefault(a.Id), a.CreatedAt))
            .Where(a => a.Outstanding < 0)];
    }

    private async Task<Recovery?> CreateCoreAsync(long payeeRecipientId, string reason, string actor, DateOnly? dueDate, CancellationToken cancellationToken)
    {
        var decreases = await OutstandingDecreasesAsync(payeeRecipientId, cancellationToken).ConfigureAwait(false);
        if (decreases.Count == 0)
        {
            return null;
        }

        var now = AppClock.Now(clock);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        int days = int.Parse(await new SystemSettings(db, clock).GetAsync(SystemSettings.RecoveryDueDays, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        string prefix = today.Year.ToString(CultureInfo.InvariantCulture) + "-";
        int serial = await db.Recoveries.CountAsync(r => r.Number.StartsWith(prefix), cancellationToken).ConfigureAwait(false) + 1;
        var recovery = new Recovery
        {
            Number = prefix + serial.ToString("D5", CultureInfo.InvariantCulture),
            PayeeRecipientId = payeeRecipientId,
            Amount = -decreases.Sum(d => d.Outstanding),
            DueDate = dueDate ?? today.AddDays(days),
            Status = RecoveryStatus.Open,
            Reason = reason,
            IssuedOn = today,
            CreatedBy = actor,
            CreatedAt = now,
        };
        db.Recoveries.Add(recovery);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var ids = decreases.Select(d => d.Id).ToList();
        var tracked = await db.PaymentAdjustments.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var adjustment in tracked)
        {
            adjustment.Status = PaymentAdjustmentStatus.MovedToRecovery;
            adjustment.StatusChangedBy = actor;
            adjustment.StatusChangedAt = now;
            db.RecoveryItems.Add(new RecoveryItem { RecoveryId = recovery.Id, PaymentAdjustmentId = adjustment.Id, Amount = -decreases.Single(d => d.Id == adjustment.Id).Outstanding });
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.RecoveryCreated, "recovery", recovery.Number, new Dictionary<string, object?>
        {
            ["payee"] = payeeRecipientId,
            ["amount"] = recovery.Amount,
            ["adjustments"] = ids,
            ["dueDate"] = Date(recovery.DueDate),
            ["reason"] = reason,
        }));
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return recovery;
    }

    private async Task<Recovery> FindTrackedAsync(string number, CancellationToken cancellationToken) =>
        await db.Recoveries.SingleOrDefaultAsync(r => r.Number == number, cancellationToken).ConfigureAwait(false)
            ?? throw new RecoveryRefusedException($"返還請求番号 {number} の返還請求はありません。");

    private async Task<RecoveryBalance> BalanceAsync(Recovery recovery, CancellationToken cancellationToken) =>
        (await BalancesAsync([recovery], cancellationToken).ConfigureAwait(false))[0];

    private async Task<List<RecoveryBalance>> BalancesAsync(List<Recovery> recoveries, CancellationToken cancellationToken, DateOnly? asOf = null)
    {
        var ids = recoveries.Select(r => r.Id).ToList();
        var repayments = (await db.RecoveryRepayments.AsNoTracking().Where(p => ids.Contains(p.RecoveryId) && (asOf == null || p.ReceivedOn <= asOf))
                .Select(p => new { p.RecoveryId, p.Amount, p.ReceivedOn }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(p => p.RecoveryId);
        var reminders = (await db.RecoveryReminders.AsNoTracking().Where(r => ids.Contains(r.RecoveryId)).Select(r => r.RecoveryId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var payeeIds = recoveries.Select(r => r.PayeeRecipientId).Distinct().ToList();
        var payees = await db.Recipients.AsNoTracking().Where(r => payeeIds.Contains(r.Id))
            .Select(r => new { r.Id, r.RecipientNumber, r.PersonId }).ToDictionaryAsync(r => r.Id, cancellationToken).ConfigureAwait(false);
        var personIds = payees.Values.Select(p => p.PersonId).ToList();
        var names = (await db.PersonRecords.AsNoTracking().Current().Where(p => personIds.Contains(p.PersonId))
                .Select(p => new { p.PersonId, p.Name, p.ValidFrom }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ValidFrom).First().Name);
        return [.. recoveries.Select(r =>
        {
            var paid = repayments[r.Id].ToList();
            var payee = payees[r.PayeeRecipientId];
            return new RecoveryBalance(r, payee.RecipientNumber, names.GetValueOrDefault(payee.PersonId, string.Empty), paid.Sum(p => p.Amount),
                paid.Count == 0 ? null : paid.Max(p => p.ReceivedOn), reminders.GetValueOrDefault(r.Id));
        })];
    }

    private async Task<RecoveryNotice> NoticeAsync(RecoveryBalance balance, DateOnly dueDate, CancellationToken cancellationToken)
    {
        var recovery = balance.Recovery;
        var payee = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == recovery.PayeeRecipientId, cancellationToken).ConfigureAwait(false);
        var person = await db.PersonRecords.AsNoTracking().Current().Where(p => p.PersonId == payee.PersonId)
            .OrderByDescending(p => p.ValidFrom).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var items = await ItemsAsync(recovery.Id, cancellationToken).ConfigureAwait(false);
        var claimIds = items.Where(i => i.Adjustment.MedicalClaimId is not null).Select(i => i.Adjustment.MedicalClaimId!.Value).ToList();
        var claims = await db.MedicalClaims.AsNoTracking().Where(c => claimIds.Contains(c.Id))
            .Select(c => new { c.Id, c.ServiceMonth, c.ProviderName, c.ProviderCode }).ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        var recipientIds = items.Select(i => i.Adjustment.RecipientId).Distinct().ToList();
        var patients = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id))
            .Join(db.PersonRecords.AsNoTracking().Where(p => p.SupersededAt == null), r => r.PersonId, p => p.PersonId, (r, p) => new { r.Id, p.Name, p.ValidFrom })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var patientNames = patients.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ValidFrom).First().Name);
        var lines = items.Select(i =>
        {
            var claim = i.Adjustment.MedicalClaimId is { } id ? claims.GetValueOrDefault(id) : null;
            return new RecoveryNoticeLine(
                patientNames.GetValueOrDefault(i.Adjustment.RecipientId, string.Empty),
                claim is null ? null : YearMonth.FromNumber(claim.ServiceMonth),
                claim?.ProviderName ?? claim?.ProviderCode ?? string.Empty,
                i.Amount,
                i.Adjustment.SourceType == EligibilityAdjustments.SourceType ? "受給資格の期間外の受診" : i.Adjustment.SourceType == ClaimCorrections.SourceType ? "審査支払機関の再審査による減額" : i.Adjustment.Reason);
        }).ToList();
        return new RecoveryNotice(new Addressee(person?.Name ?? string.Empty, person?.PostalCode, person?.Address), recovery.Number, balance.RecipientNumber,
            recovery.Amount, balance.Repaid, dueDate, recovery.DueDate, lines);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException("返還請求は他の職員が更新しました。読み込み直してください。", exception);
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Yen(long amount) => amount.ToString(CultureInfo.InvariantCulture);

    private sealed record OutstandingDecrease(long Id, long PayeeRecipientId, long Outstanding, DateTimeOffset CreatedAt);
}
