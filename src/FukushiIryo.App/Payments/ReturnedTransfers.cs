using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Review;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Payments;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>A returned transfer as staff enter it from the bank's notice.</summary>
/// <param name="Month">処理年月 of the run the transfer belonged to.</param>
/// <param name="RecipientNumber">受給者番号 of the payee.</param>
/// <param name="Amount">The amount returned (the payee's whole transfer).</param>
public sealed record ReturnedTransferInput(YearMonth Month, string RecipientNumber, long Amount, ReturnedTransferReason Reason, string? Note = null);

/// <summary>One row of an import as reported back: what it matched, or why it was refused.</summary>
public sealed record ReturnedTransferImportRow(long Line, string RecipientNumber, long Amount, ReturnedTransferReason Reason, YearMonth? Month, string? Problem);

/// <summary>What an import did: everything recorded, or nothing (<see cref="Problems"/> say why, by line).</summary>
public sealed record ReturnedTransferImportResult(
    bool Imported, IReadOnlyList<ReturnedTransferImportRow> Rows, IReadOnlyList<ImportProblem> Problems, string Sha256, string LayoutName, long Total);

/// <summary>A returned transfer with where its 再振込 stands, for the list.</summary>
public sealed record ReturnedTransferView(ReturnedTransfer Transfer, PaymentAdjustmentStatus AdjustmentStatus, long Outstanding, bool AccountCorrected);

/// <summary>A 振込不能 record or release refused (exit 1; the message is for staff).</summary>
public sealed class ReturnedTransferRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// 振込不能 (ADR 0032): records a transfer the bank returned — by hand or from the bank's result file (all
/// or nothing) — as a <see cref="ReturnedTransfer"/> and a held 再振込 (<see cref="PaymentAdjustment"/>,
/// Kind Retransfer, +amount, Held); prints the 振込不能通知 asking the payee for a new account; releases
/// the 再振込 to the next run (Pending) once a new account has been recorded after the return. The paid
/// claims stay paid; every step is audited.
/// </summary>
public sealed class ReturnedTransfers(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>Every returned transfer, newest first, with its 再振込's status and what is still outstanding.</summary>
    public async Task<IReadOnlyList<ReturnedTransferView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var transfers = await db.ReturnedTransfers.AsNoTracking().OrderByDescending(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = transfers.Select(t => t.PaymentAdjustmentId).ToList();
        var adjustments = await db.PaymentAdjustments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, cancellationToken).ConfigureAwait(false);
        var settled = await db.SettledAdjustments.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.PaymentAdjustmentId))
            .GroupBy(s => s.PaymentAdjustmentId).Select(g => new { g.Key, Sum = g.Sum(s => s.Applied) })
            .ToDictionaryAsync(g => g.Key, g => g.Sum, cancellationToken).ConfigureAwait(false);
        var views = new List<ReturnedTransferView>(transfers.Count);
        foreach (var transfer in transfers)
        {
            var adjustment = adjustments[transfer.PaymentAdjustmentId];
            bool corrected = adjustment.Status == PaymentAdjustmentStatus.Held && await AccountCorrectedAsync(transfer, cancellationToken).ConfigureAwait(false);
            views.Add(new ReturnedTransferView(transfer, adjustment.Status, adjustment.Amount - settled.GetValueOrDefault(adjustment.Id), corrected));
        }

        return views;
    }

    /// <summary>Records one returned transfer entered by hand.</summary>
    /// <exception cref="ReturnedTransferRefusedException">No exported run, unknown payee, amount not the transfer's, already recorded.</exception>
    public async Task<ReturnedTransfer> RecordAsync(ReturnedTransferInput input, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!Enum.IsDefined(input.Reason))
        {
            throw new ReturnedTransferRefusedException("不能事由を選んでください。");
        }

        db.ChangeTracker.Clear();
        var (run, payee, problem) = await MatchAsync(input.Month, null, input.RecipientNumber.Trim(), input.Amount, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            throw new ReturnedTransferRefusedException(problem);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var now = AppClock.Now(clock);
                var transfer = await AddAsync(run!, payee!, input.Reason, input.Note, ReturnedTransferSource.Manual, null, actor, now, clientAddress, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return transfer;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Imports a 振込不能 result file read with <paramref name="layout"/> (the built-in CSV when null): every
    /// row must read, match an exported run's payee (受給者番号, amount and account as transferred) and not be
    /// recorded yet; otherwise nothing is recorded and each refused row is reported.
    /// </summary>
    public async Task<ReturnedTransferImportResult> ImportAsync(
        string path, ReturnedTransferLayout? layout, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        layout ??= ReturnedTransferLayout.BuiltIn();
        var read = ReturnedTransferFile.Read(path, layout);
        var problems = read.Problems.ToList();
        var rows = new List<ReturnedTransferImportRow>();
        var matched = new List<(ReturnedTransferRow Row, PaymentRun Run, PaymentPayee Payee)>();
        db.ChangeTracker.Clear();
        var seen = new HashSet<(long, long)>();
        foreach (var row in read.Rows)
        {
            var (run, payee, problem) = await MatchAsync(row.ProcessingMonth, row.PayDate, row.RecipientNumber, row.Amount, row, cancellationToken).ConfigureAwait(false);
            if (problem is null && !seen.Add((run!.Id, payee!.PayeeRecipientId)))
            {
                problem = "同じ支払先の振込不能がファイルに2回あります。";
            }

            if (problem is not null)
            {
                problems.Add(new ImportProblem(row.Line, "受給者番号", row.RecipientNumber, problem));
            }
            else
            {
                matched.Add((row, run!, payee!));
            }

            rows.Add(new ReturnedTransferImportRow(row.Line, row.RecipientNumber, row.Amount, row.Reason,
                run is null ? row.ProcessingMonth : ReviewRun.MonthOf(run.ProcessingMonth), problem));
        }

        bool refused = problems.Any(p => p.Severity == ImportSeverity.Error);
        if (refused)
        {
            return new ReturnedTransferImportResult(false, rows, problems, read.Sha256, read.LayoutName, 0);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var now = AppClock.Now(clock);
                var file = new FileFacts(Path.GetFileName(path), read.Sha256);
                foreach (var (row, run, payee) in matched)
                {
                    await AddAsync(run, payee, row.Reason, null, ReturnedTransferSource.File, file with { Line = row.Line }, actor, now, clientAddress, cancellationToken).ConfigureAwait(false);
                }

                db.AddAudit(new AuditEntry(actor, AuditEventType.PaymentReturnsImported, "returned-transfer-file", read.Sha256, new Dictionary<string, object?>
                {
                    ["file"] = file.Name,
                    ["sha256"] = read.Sha256,
                    ["layout"] = read.LayoutName,
                    ["rows"] = matched.Count,
                    ["total"] = matched.Sum(m => m.Row.Amount),
                }, clientAddress));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
            }
        }).ConfigureAwait(false);
        return new ReturnedTransferImportResult(true, rows, problems, read.Sha256, read.LayoutName, matched.Sum(m => m.Row.Amount));
    }

    /// <summary>
    /// Releases the held 再振込 of a returned transfer to the next run (Pending) once the payee's account
    /// has been corrected: a 支払口座 recorded (person change) after the return.
    /// </summary>
    /// <exception cref="ReturnedTransferRefusedException">Not held any more; no account recorded since the return.</exception>
    public async Task<ReturnedTransfer> ReleaseAsync(long id, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        db.ChangeTracker.Clear();
        var transfer = await db.ReturnedTransfers.SingleOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new ReturnedTransferRefusedException($"振込不能 {id} は記録されていません。");
        var adjustment = await db.PaymentAdjustments.SingleAsync(a => a.Id == transfer.PaymentAdjustmentId, cancellationToken).ConfigureAwait(false);
        if (adjustment.Status != PaymentAdjustmentStatus.Held)
        {
            throw new ReturnedTransferRefusedException($"振込不能 {id} の再振込は保留中ではありません（{StatusLabel(adjustment.Status)}）。");
        }

        if (!await AccountCorrectedAsync(transfer, cancellationToken).ConfigureAwait(false))
        {
            throw new ReturnedTransferRefusedException(
                $"受給者番号 {transfer.RecipientNumber} の支払口座は振込不能の記録の後に変更されていません。記載事項変更で新しい口座を登録してから解除してください。");
        }

        var now = AppClock.Now(clock);
        adjustment.Status = PaymentAdjustmentStatus.Pending;
        adjustment.StatusChangedBy = actor;
        adjustment.StatusChangedAt = now;
        transfer.ReleasedBy = actor;
        transfer.ReleasedAt = now;
        db.AddAudit(new AuditEntry(actor, AuditEventType.PaymentReturnReleased, "recipient", transfer.RecipientNumber, new Dictionary<string, object?>
        {
            ["returnedTransfer"] = transfer.Id,
            ["adjustment"] = adjustment.Id,
            ["amount"] = adjustment.Amount,
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return transfer;
    }

    /// <summary>The 振込不能通知 of a returned transfer (not printed: <see cref="DocumentPrints.PrintAsync"/> prints and audits it).</summary>
    public async Task<ReturnedTransferNoticeInput> NoticeInputAsync(long id, CancellationToken cancellationToken = default)
    {
        var transfer = await db.ReturnedTransfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new ReturnedTransferRefusedException($"振込不能 {id} は記録されていません。");
        var personId = await db.Recipients.AsNoTracking().Where(r => r.Id == transfer.PayeeRecipientId).Select(r => r.PersonId).SingleAsync(cancellationToken).ConfigureAwait(false);
        var today = JstClock.Today(clock);
        var records = await db.PersonRecords.AsNoTracking().Current().Where(p => p.PersonId == personId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var record = records.Where(r => r.ValidFrom <= today && (r.ValidTo is null || r.ValidTo > today)).MaxBy(r => r.ValidFrom) ?? records.MaxBy(r => r.ValidFrom);
        var bank = await db.Banks.AsNoTracking().Where(b => b.BankCode == transfer.BankCode).OrderBy(b => b.RemovedInEdition == null ? 0 : 1).ThenByDescending(b => b.Id)
            .Select(b => b.Name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var branch = await db.BankBranches.AsNoTracking().Where(b => b.BankCode == transfer.BankCode && b.BranchCode == transfer.BranchCode)
            .OrderBy(b => b.RemovedInEdition == null ? 0 : 1).ThenByDescending(b => b.Id).Select(b => b.Name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new ReturnedTransferNoticeInput(
            new Addressee(record?.Name ?? string.Empty, record?.PostalCode, record?.Address),
            transfer.RecipientNumber,
            today,
            ReviewRun.MonthOf(transfer.ProcessingMonth),
            transfer.PayDate,
            transfer.Amount,
            bank ?? transfer.BankCode,
            branch ?? transfer.BranchCode,
            transfer.AccountNumber,
            ReturnedTransferReasons.Label(transfer.Reason));
    }

    /// <summary>保留中, 未処理（次回の支払で振込）, 振込済, …</summary>
    public static string StatusLabel(PaymentAdjustmentStatus status) => status switch
    {
        PaymentAdjustmentStatus.Held => "保留中（口座の訂正待ち）",
        PaymentAdjustmentStatus.Pending => "解除済（次回の支払で再振込）",
        PaymentAdjustmentStatus.Settled => "再振込済",
        PaymentAdjustmentStatus.Cancelled => "取消",
        PaymentAdjustmentStatus.MovedToRecovery => "返還請求へ移行",
        _ => status.ToString(),
    };

    private sealed record FileFacts(string Name, string Sha256, long? Line = null);

    /// <summary>Whether a 支払口座 of the payee has been recorded (and is current) since the return was recorded.</summary>
    private async Task<bool> AccountCorrectedAsync(ReturnedTransfer transfer, CancellationToken cancellationToken)
    {
        var personId = await db.Recipients.AsNoTracking().Where(r => r.Id == transfer.PayeeRecipientId).Select(r => r.PersonId).SingleAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await db.BankAccounts.AsNoTracking().Current().Where(a => a.PersonId == personId)
            .Select(a => a.RecordedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return recorded.Any(at => at > transfer.RecordedAt);
    }

    /// <summary>The exported run and its payee a return belongs to, or why it cannot be recorded.</summary>
    private async Task<(PaymentRun? Run, PaymentPayee? Payee, string? Problem)> MatchAsync(
        YearMonth? month, DateOnly? payDate, string recipientNumber, long amount, ReturnedTransferRow? account, CancellationToken cancellationToken)
    {
        PaymentRun? run;
        if (month is { } m)
        {
            int key = ReviewRun.MonthKey(m);
            run = await db.PaymentRuns.AsNoTracking().SingleOrDefaultAsync(r => r.ProcessingMonth == key, cancellationToken).ConfigureAwait(false);
            if (run is not null && payDate is { } date && run.PayDate != date)
            {
                return (null, null, $"処理年月 {m} の支払の振込指定日は {run.PayDate:yyyy-MM-dd} です（ファイルは {date:yyyy-MM-dd}）。");
            }
        }
        else
        {
            var runs = await db.PaymentRuns.AsNoTracking().Where(r => r.PayDate == payDate!.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
            run = runs.Count == 1 ? runs[0] : null;
        }

        string which = month?.ToString() ?? payDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (run is null || run.Status == PaymentRunStatus.Prepared)
        {
            return (null, null, $"{which} の承認済みの支払がありません。");
        }

        if (run.Status != PaymentRunStatus.Exported)
        {
            return (run, null, $"{which} の支払はまだ出力されていません（振込されていない支払は振込不能になりません）。");
        }

        var payee = await db.PaymentPayees.AsNoTracking()
            .SingleOrDefaultAsync(p => p.PaymentRunId == run.Id && p.Preparation == run.Preparation && p.RecipientNumber == recipientNumber, cancellationToken).ConfigureAwait(false);
        if (payee is null || payee.HeldOut || payee.Amount <= 0)
        {
            return (run, null, $"受給者番号 {recipientNumber} は {which} の支払の振込先にありません。");
        }

        if (payee.Amount != amount)
        {
            return (run, null, string.Create(CultureInfo.InvariantCulture, $"金額 {amount:N0} 円が {which} の振込額 {payee.Amount:N0} 円と違います。"));
        }

        if (account is not null && (account.BankCode != payee.BankCode || account.BranchCode != payee.BranchCode || account.AccountNumber != payee.AccountNumber))
        {
            return (run, null, $"口座（{account.BankCode}-{account.BranchCode}-{account.AccountNumber}）が振込した口座と違います。");
        }

        if (await db.ReturnedTransfers.AnyAsync(t => t.PaymentRunId == run.Id && t.PayeeRecipientId == payee.PayeeRecipientId, cancellationToken).ConfigureAwait(false))
        {
            return (run, null, $"受給者番号 {recipientNumber} の {which} の振込不能はすでに記録されています。");
        }

        return (run, payee, null);
    }

    /// <summary>The return, its held 再振込 and the audit entry (saved; the caller's transaction commits).</summary>
    private async Task<ReturnedTransfer> AddAsync(
        PaymentRun run, PaymentPayee payee, ReturnedTransferReason reason, string? note, ReturnedTransferSource source, FileFacts? file,
        string actor, DateTimeOffset now, string? clientAddress, CancellationToken cancellationToken)
    {
        var month = ReviewRun.MonthOf(run.ProcessingMonth);
        var adjustment = new PaymentAdjustment
        {
            PayeeRecipientId = payee.PayeeRecipientId,
            RecipientId = payee.PayeeRecipientId,
            Kind = PaymentAdjustmentKind.Retransfer,
            Amount = payee.Amount,
            Status = PaymentAdjustmentStatus.Held,
            Reason = $"{month} 支払の振込不能（{ReturnedTransferReasons.Label(reason)}）の再振込",
            SourceType = ReturnedTransfer.AdjustmentSourceType,
            CreatedBy = actor,
            CreatedAt = now,
        };
        db.PaymentAdjustments.Add(adjustment);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var transfer = new ReturnedTransfer
        {
            PaymentRunId = run.Id,
            ProcessingMonth = run.ProcessingMonth,
            PayDate = run.PayDate,
            PaymentPayeeId = payee.Id,
            PayeeRecipientId = payee.PayeeRecipientId,
            RecipientNumber = payee.RecipientNumber,
            BankCode = payee.BankCode ?? string.Empty,
            BranchCode = payee.BranchCode ?? string.Empty,
            AccountNumber = payee.AccountNumber ?? string.Empty,
            Amount = payee.Amount,
            Reason = reason,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Source = source,
            FileName = file?.Name,
            FileSha256 = file?.Sha256,
            FileLine = file?.Line,
            PaymentAdjustmentId = adjustment.Id,
            RecordedBy = actor,
            RecordedAt = now,
        };
        db.ReturnedTransfers.Add(transfer);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        adjustment.SourceId = transfer.Id.ToString(CultureInfo.InvariantCulture);
        db.AddAudit(new AuditEntry(actor, AuditEventType.PaymentReturnRecorded, "recipient", payee.RecipientNumber, new Dictionary<string, object?>
        {
            ["returnedTransfer"] = transfer.Id,
            ["month"] = month.ToString(),
            ["payDate"] = run.PayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["amount"] = transfer.Amount,
            ["reason"] = ReturnedTransferReasons.Code(reason),
            ["source"] = source.ToString(),
            ["adjustment"] = adjustment.Id,
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return transfer;
    }
}
