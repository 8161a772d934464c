using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;
using FukushiIryo.Domain.Review;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FukushiIryo.App.Payments;


/// <summary>A payment run refused: <see cref="NotPermitted"/> for self-approval (exit 3), else rejected input (exit 1).</summary>
public sealed class PaymentRunRefusedException(string message, bool notPermitted = false) : InvalidOperationException(message)
{
    public bool NotPermitted { get; } = notPermitted;
}

/// <summary>Progress of a long step: <paramref name="Stage"/> (Japanese), done of total (0 = unknown).</summary>
public sealed record PaymentProgress(string Stage, long Done, long Total);

/// <summary>What a preparation did.</summary>
public sealed record PaymentPrepareResult(
    YearMonth Month,
    DateOnly PayDate,
    int Preparation,
    int Claims,
    int Payees,
    long Total,
    int HeldOutPayees,
    long HeldOutAmount,
    int InKindClaims,
    int ZeroClaims,
    int Adjustments = 0,
    long AdjustmentTotal = 0);

/// <summary>
/// The monthly payment run (支払処理, interfaces.md §6–§7, ADR 0023): <see cref="PrepareAsync"/> computes
/// what would be paid for a 処理年月 M (every 可 claim of M or earlier not yet paid, 現物給付 left out),
/// per payee with the change from the last approved month; <see cref="ApproveAsync"/> (決裁 by another
/// user) makes it the 支払決定 and marks its claims paid (<see cref="PaidClaim"/>, one row per claim:
/// the database refuses a second payment). Each step is one transaction: a crash leaves the month as
/// it was before the step.
/// </summary>
public sealed class PaymentRuns(FukushiDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions StepsJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonEncodedText StepLabel = JsonEncodedText.Encode("項目", JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
    private static readonly JsonEncodedText StepAmount = JsonEncodedText.Encode("金額", JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? StepsBuffer;

    /// <summary>Claims computed and written per batch (a recipient's claims are never split).</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>
    /// Called after each named step inside the step's transaction (<c>prepare.lines</c> after each batch,
    /// <c>prepare.payees</c>, <c>approve.paid</c>): a test injects a fault here to prove that a crash leaves
    /// nothing half-done. Null in production.
    /// </summary>
    public Func<string, CancellationToken, Task>? Checkpoint { get; init; }

    /// <summary>
    /// Command timeout of the approval's bulk statements (PaidClaims and SettledAdjustments, one row per
    /// claim): 100,000 payees are ≈250,000 claims, past Npgsql's default 30 s on a loaded server. The
    /// approval stays one transaction; a cancelled CLI still stops it.
    /// </summary>
    public TimeSpan ApproveCommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Builds the computation's inputs; null = <see cref="ClaimSubsidyTerms"/>.</summary>
    public Func<IReadOnlyList<MedicalClaim>, CancellationToken, Task<IReadOnlyList<SubsidyClaim>>>? Terms { get; init; }

    /// <summary>The run of <paramref name="month"/>, or null.</summary>
    public Task<PaymentRun?> FindAsync(YearMonth month, CancellationToken cancellationToken = default) =>
        db.PaymentRuns.AsNoTracking().SingleOrDefaultAsync(r => r.ProcessingMonth == ReviewRun.MonthKey(month), cancellationToken);

    /// <summary>The current payees of a run, by 受給者番号.</summary>
    public async Task<IReadOnlyList<PaymentPayee>> PayeesAsync(PaymentRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return await db.PaymentPayees.AsNoTracking()
            .Where(p => p.PaymentRunId == run.Id && p.Preparation == run.Preparation)
            .OrderBy(p => p.RecipientNumber).ThenBy(p => p.PayeeRecipientId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current lines of a run, by payee then claim.</summary>
    public async Task<IReadOnlyList<PaymentLine>> LinesAsync(PaymentRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return await db.PaymentLines.AsNoTracking()
            .Where(l => l.PaymentRunId == run.Id && l.Preparation == run.Preparation)
            .OrderBy(l => l.PayeeRecipientId).ThenBy(l => l.MedicalClaimId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses a 振込指定日 that is not a bank business day (D15), naming the next one.</summary>
    public async Task RequireBusinessDayAsync(DateOnly payDate, CancellationToken cancellationToken = default)
    {
        var holidays = await db.BetweenAsync(payDate, payDate.AddDays(40), cancellationToken).ConfigureAwait(false);
        var calendar = new BankCalendar(holidays.Select(h => h.Date));
        if (!calendar.IsBusinessDay(payDate))
        {
            var next = calendar.NextBusinessDayOnOrAfter(payDate);
            throw new PaymentRunRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"振込指定日 {payDate:yyyy-MM-dd} は金融機関の休業日です（土日・祝日・12月31日〜1月3日）。次の営業日は {next:yyyy-MM-dd} です。"));
        }
    }

    /// <summary>
    /// Prepares (again) the run of <paramref name="month"/> paying on <paramref name="payDate"/>. The
    /// previous preparation of the month stays stored but is no longer current; everything happens in
    /// one transaction.
    /// </summary>
    /// <exception cref="PaymentRunRefusedException">Not a business day; the month or a later one already approved.</exception>
    public async Task<PaymentPrepareResult> PrepareAsync(
        YearMonth month, DateOnly payDate, string actor, IProgress<PaymentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var started = PhaseTimes.Now();
        int key = ReviewRun.MonthKey(month);
        await RequireBusinessDayAsync(payDate, cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var run = await db.PaymentRuns.SingleOrDefaultAsync(r => r.ProcessingMonth == key, cancellationToken).ConfigureAwait(false);
                if (run is not null && run.Status != PaymentRunStatus.Prepared)
                {
                    throw new PaymentRunRefusedException($"処理年月 {month} の支払は承認済みです。承認済みの月は再実行できません（訂正は過誤・返還の処理で行います）。");
                }

                if (await db.PaymentRuns.AnyAsync(r => r.ProcessingMonth > key && r.Status != PaymentRunStatus.Prepared, cancellationToken).ConfigureAwait(false))
                {
                    throw new PaymentRunRefusedException($"処理年月 {month} より後の月の支払が承認済みです。過去の月の支払処理はできません。");
                }

                var now = AppClock.Now(clock);
                if (run is null)
                {
                    run = new PaymentRun { ProcessingMonth = key, Status = PaymentRunStatus.Prepared, Preparation = 0 };
                    db.PaymentRuns.Add(run);
                }

                run.Preparation++;
                run.PayDate = payDate;
                run.PreparedBy = actor;
                run.PreparedAt = now;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                PhaseTimes.Lap("payment.prepare.start", ref started);

                var result = await ComputeAsync(run, key, payDate, progress, cancellationToken).ConfigureAwait(false);
                started = PhaseTimes.Now();
                run.ClaimCount = result.Claims;
                run.PayeeCount = result.Payees;
                run.TotalAmount = result.Total;
                run.HeldOutPayeeCount = result.HeldOutPayees;
                run.HeldOutAmount = result.HeldOutAmount;
                run.InKindClaimCount = result.InKindClaims;
                run.ZeroClaimCount = result.ZeroClaims;
                run.AdjustmentCount = result.Adjustments;
                run.AdjustmentTotal = result.AdjustmentTotal;
                db.AddAudit(new AuditEntry(actor, AuditEventType.PaymentRunPrepared, "payment-run", month.ToString(), new Dictionary<string, object?>
                {
                    ["month"] = month.ToString(),
                    ["payDate"] = payDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["preparation"] = run.Preparation,
                    ["claims"] = result.Claims,
                    ["payees"] = result.Payees,
                    ["total"] = result.Total,
                    ["heldOutPayees"] = result.HeldOutPayees,
                    ["heldOutAmount"] = result.HeldOutAmount,
                    ["inKindClaims"] = result.InKindClaims,
                    ["adjustments"] = result.Adjustments,
                    ["adjustmentTotal"] = result.AdjustmentTotal,
                }));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                PhaseTimes.Lap("payment.prepare.commit", ref started);
                db.ChangeTracker.Clear();
                return result with { Preparation = run.Preparation };
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// 支払決定 (決裁): <paramref name="approver"/>, who must not be the preparer, approves the prepared
    /// run of <paramref name="month"/> as shown at <paramref name="version"/> (null = as it stands). In one
    /// transaction the run becomes approved and the claims of its payees not held out become paid.
    /// </summary>
    public async Task<PaymentRun> ApproveAsync(
        YearMonth month, string approver, long? version = null, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        int key = ReviewRun.MonthKey(month);
        db.ChangeTracker.Clear();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var run = await db.PaymentRuns.SingleOrDefaultAsync(r => r.ProcessingMonth == key, cancellationToken).ConfigureAwait(false)
                    ?? throw new PaymentRunRefusedException($"処理年月 {month} の支払は準備されていません。先に payments prepare を実行してください。");
                if (run.Status != PaymentRunStatus.Prepared)
                {
                    throw new PaymentRunRefusedException($"処理年月 {month} の支払は承認済みです。");
                }

                if (version is { } shown && shown != run.Version)
                {
                    throw new ConcurrencyConflictException("支払の準備がやり直されました。内容を確認し直してから承認してください。");
                }

                if (string.Equals(run.PreparedBy, approver, StringComparison.Ordinal))
                {
                    throw new PaymentRunRefusedException("支払を準備した職員は、同じ支払を承認できません（自己承認の禁止）。", notPermitted: true);
                }

                await RequireAdjustmentsStillOutstandingAsync(run, month, cancellationToken).ConfigureAwait(false);

                var now = AppClock.Now(clock);
                run.Status = PaymentRunStatus.Approved;
                run.ApprovedBy = approver;
                run.ApprovedAt = now;
                db.AddAudit(new AuditEntry(approver, AuditEventType.PaymentRunApproved, "payment-run", month.ToString(), new Dictionary<string, object?>
                {
                    ["month"] = month.ToString(),
                    ["payDate"] = run.PayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["preparation"] = run.Preparation,
                    ["preparedBy"] = run.PreparedBy,
                    ["claims"] = run.ClaimCount,
                    ["payees"] = run.PayeeCount,
                    ["total"] = run.TotalAmount,
                }, clientAddress));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

                // One statement: every payable line becomes a paid claim. The key of PaidClaims refuses a claim
                // paid by another month since the preparation (no separate pass over the lines to look first).
                // The held-out payees are one uncorrelated NOT IN set (PostgreSQL hashes it once), not a
                // correlated NOT EXISTS that stale statistics right after the preparation's COPY planned as
                // a scan of every payee per line (20 s for 15,000 claims; bench/README.md).
                var timeout = db.Database.GetCommandTimeout();
                db.Database.SetCommandTimeout(ApproveCommandTimeout);
                try
                {
                    await db.Database.ExecuteSqlInterpolatedAsync($"""
                        INSERT INTO "PaidClaims" ("MedicalClaimId", "PaymentRunId", "PaymentLineId")
                        SELECT l."MedicalClaimId", l."PaymentRunId", l."Id" FROM "PaymentLines" l
                        WHERE l."PaymentRunId" = {run.Id} AND l."Preparation" = {run.Preparation}
                          AND l."PayeeRecipientId" NOT IN (SELECT p."PayeeRecipientId" FROM "PaymentPayees" p
                              WHERE p."PaymentRunId" = {run.Id} AND p."Preparation" = {run.Preparation} AND p."HeldOut")
                        """, cancellationToken).ConfigureAwait(false);
                    await SettleAdjustmentsAsync(run, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (IsPaidClaimKeyViolation(exception))
                {
                    db.ChangeTracker.Clear();
                    throw new PaymentRunRefusedException($"処理年月 {month} の支払には、準備の後に他の月で支払済みとなったレセプトがあります。準備をやり直してください。");
                }
                finally
                {
                    db.Database.SetCommandTimeout(timeout);
                }

                await CheckpointAsync("approve.paid", cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return run;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// A second payment of a claim refused by the primary key of PaidClaims (PostgreSQL unique_violation;
    /// SQLite SQLITE_CONSTRAINT_PRIMARYKEY). Other errors, foreign keys included, pass through.
    /// </summary>
    private static bool IsPaidClaimKeyViolation(Exception exception) => exception switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation
            && string.Equals(postgres.TableName, "PaidClaims", StringComparison.Ordinal),
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqlitePrimaryKeyViolation
            && sqlite.Message.Contains("PaidClaims.MedicalClaimId", StringComparison.Ordinal),
        _ => false,
    };

    private const int SqlitePrimaryKeyViolation = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY

    private async Task CheckpointAsync(string step, CancellationToken cancellationToken)
    {
        if (Checkpoint is not null)
        {
            await Checkpoint(step, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refuses an approval when an adjustment the preparation applied was cancelled, moved to a 返還請求 or
    /// settled by another run since: the preparation must be made again.
    /// </summary>
    private async Task RequireAdjustmentsStillOutstandingAsync(PaymentRun run, YearMonth month, CancellationToken cancellationToken)
    {
        var lines = await db.PaymentAdjustmentLines.AsNoTracking()
            .Where(l => l.PaymentRunId == run.Id && l.Preparation == run.Preparation)
            .Select(l => new { l.PaymentAdjustmentId, l.Applied })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (lines.Count == 0)
        {
            return;
        }

        var ids = lines.Select(l => l.PaymentAdjustmentId).ToList();
        var outstanding = await OutstandingAsync(ids, cancellationToken).ConfigureAwait(false);
        var statuses = await db.PaymentAdjustments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Status, cancellationToken).ConfigureAwait(false);
        foreach (var line in lines)
        {
            long left = outstanding.GetValueOrDefault(line.PaymentAdjustmentId);
            if (statuses[line.PaymentAdjustmentId] != PaymentAdjustmentStatus.Pending
                || Math.Sign(left) != Math.Sign(line.Applied) || Math.Abs(left) < Math.Abs(line.Applied))
            {
                throw new PaymentRunRefusedException($"処理年月 {month} の支払の準備の後に、支払調整（再振込・過誤調整）が変更されました。準備をやり直してください。");
            }
        }
    }

    /// <summary>What is outstanding of each adjustment: its amount less what approved runs settled.</summary>
    private async Task<Dictionary<long, long>> OutstandingAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var amounts = await db.PaymentAdjustments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Amount, cancellationToken).ConfigureAwait(false);
        var settled = await db.SettledAdjustments.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.PaymentAdjustmentId))
            .GroupBy(s => s.PaymentAdjustmentId).Select(g => new { Id = g.Key, Sum = g.Sum(s => s.Applied) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in settled)
        {
            amounts[row.Id] -= row.Sum;
        }

        return amounts;
    }

    /// <summary>At approval: the adjustment lines of payees not held out become settled; what is settled in full becomes 調整済.</summary>
    private async Task SettleAdjustmentsAsync(PaymentRun run, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "SettledAdjustments" ("PaymentAdjustmentId", "PaymentRunId", "PaymentAdjustmentLineId", "Applied")
            SELECT l."PaymentAdjustmentId", l."PaymentRunId", l."Id", l."Applied" FROM "PaymentAdjustmentLines" l
            WHERE l."PaymentRunId" = {run.Id} AND l."Preparation" = {run.Preparation}
              AND l."PayeeRecipientId" NOT IN (SELECT p."PayeeRecipientId" FROM "PaymentPayees" p
                  WHERE p."PaymentRunId" = {run.Id} AND p."Preparation" = {run.Preparation} AND p."HeldOut")
            """, cancellationToken).ConfigureAwait(false);
        string pending = nameof(PaymentAdjustmentStatus.Pending);
        string settled = nameof(PaymentAdjustmentStatus.Settled);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "PaymentAdjustments" SET "Status" = {settled}, "Version" = "Version" + 1
            WHERE "Status" = {pending}
              AND EXISTS (SELECT 1 FROM "SettledAdjustments" s WHERE s."PaymentRunId" = {run.Id} AND s."PaymentAdjustmentId" = "PaymentAdjustments"."Id")
              AND "Amount" = (SELECT SUM(s."Applied") FROM "SettledAdjustments" s WHERE s."PaymentAdjustmentId" = "PaymentAdjustments"."Id")
            """, cancellationToken).ConfigureAwait(false);
    }

    private sealed class PayeeTotal
    {
        public long Amount { get; set; }

        public long Adjustment { get; set; }

        public int Claims { get; set; }
    }

    /// <summary>A bank and branch judged against the bank master: why not (null when current) and the 全銀 names.</summary>
    private sealed record BankCheck(string? Refusal, string BankName, string BranchName);

    /// <summary>Selects, computes and writes the lines and payees of the run's current preparation.</summary>
    private async Task<PaymentPrepareResult> ComputeAsync(
        PaymentRun run, int key, DateOnly payDate, IProgress<PaymentProgress>? progress, CancellationToken cancellationToken)
    {
        var month = ReviewRun.MonthOf(key);
        var mark = PhaseTimes.Now(); // the phases are summed as payment.prepare.* (FUKUSHI_PHASE_TIMES=1)
        var inKindPayers = await db.PublicPayers.AsNoTracking()
            .Where(p => p.BenefitMethod == BenefitMethod.InKind)
            .Select(p => p.PayerNumber).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // 可: the rules' 可 still open, or approved by staff; never 否, 否認 or an unresolved 要確認.
        var candidates = db.MedicalClaims.AsNoTracking()
            .Where(c => c.ProcessingMonth <= key && c.Source != MedicalClaimSource.PaidMigrated && c.RecipientId != null)
            .Where(c => db.ClaimReviews.Any(r => r.MedicalClaimId == c.Id && r.SupersededAt == null
                && (r.Status == ClaimReviewStatus.Approved || (r.Status == ClaimReviewStatus.Open && r.Outcome == ReviewOutcome.Accepted))))
            .Where(c => !db.PaidClaims.Any(p => p.MedicalClaimId == c.Id));
        // One pass over the candidates: the 現物給付 ones are counted here, not selected (a second query did).
        var scanned = await candidates
            .Select(c => new { c.Id, RecipientId = c.RecipientId!.Value, InKind = c.Source == MedicalClaimSource.Uke && c.PayerNumber != null && inKindPayers.Contains(c.PayerNumber) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        int inKind = scanned.Count(c => c.InKind);
        var selected = scanned.Where(c => !c.InKind).ToList();

        PhaseTimes.Lap("payment.prepare.selection", ref mark);
        var recipients = await RecipientDirectory.ReadAsync(db, cancellationToken).ConfigureAwait(false);
        PhaseTimes.Lap("payment.prepare.recipients", ref mark);
        long PayeeOf(long recipientId) => recipients[recipientId].ParentRecipientId ?? recipientId;

        var totals = new Dictionary<long, PayeeTotal>();
        int lines = 0, zero = 0;

        // Id lists go to the database as ONE parameter (EF.Parameter: an array with PostgreSQL's = ANY, a
        // JSON array with SQLite's json_each), not as EF 10's default of one parameter per id: thousands of
        // parameters per query, and a new SQL text to compile for each list length (bench/README.md).
        var batches = Batches(selected.GroupBy(s => s.RecipientId).OrderBy(g => g.Key).Select(g => g.Select(s => s.Id).ToList()));

        // Writes a computed batch in the preparation's transaction: the payees' totals, the lines' COPY, the checkpoint.
        async Task WriteAsync(List<PaymentLine> rows, CancellationToken token)
        {
            foreach (var line in rows)
            {
                var total = totals.TryGetValue(line.PayeeRecipientId, out var found) ? found : totals[line.PayeeRecipientId] = new PayeeTotal();
                total.Amount += line.Subsidy;
                total.Claims++;
                zero += line.Subsidy == 0 ? 1 : 0;
            }

            using (PhaseTimes.Start("payment.prepare.lines"))
            {
                await db.BulkInsertAsync(rows, token).ConfigureAwait(false);
            }

            lines += rows.Count;
            progress?.Report(new PaymentProgress("助成額の算定", lines, selected.Count));
            await CheckpointAsync("prepare.lines", token).ConfigureAwait(false);
        }

        using (PhaseTimes.Start("payment.prepare.batches"))
        {
            if (db.Database.IsNpgsql() && Terms is null)
            {
                await PipelineAsync(run, batches, recipients, PayeeOf, WriteAsync, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // SQLite (one connection does everything) or a custom Terms (it may use this context): one batch after the other.
                var terms = Terms ?? new ClaimSubsidyTerms(db) { ChunkSize = BatchSize, AllRecipients = recipients }.BuildAsync;
                foreach (var batch in batches)
                {
                    var rows = await BatchLinesAsync(db, terms, run, batch, PayeeOf, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(rows, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        mark = PhaseTimes.Now();
        var adjustmentLines = await ApplyAdjustmentsAsync(run, totals, cancellationToken).ConfigureAwait(false);
        // Each payee row is made (account, bank master, 全銀 check) as the COPY takes it: the server stores the
        // first rows while the next are checked. The rows are kept for the result.
        var payees = new List<PaymentPayee>(totals.Count);
        await db.BulkInsertAsync(await PayeesAsync(run, month, payDate, totals, recipients, payees, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(adjustmentLines, cancellationToken).ConfigureAwait(false);
        PhaseTimes.Lap("payment.prepare.payees", ref mark);
        progress?.Report(new PaymentProgress("支払先と口座の確認", payees.Count, payees.Count));
        await CheckpointAsync("prepare.payees", cancellationToken).ConfigureAwait(false);
        await AnalyzeAsync(cancellationToken).ConfigureAwait(false);
        PhaseTimes.Lap("payment.prepare.analyze", ref mark);

        var paid = payees.Where(p => !p.HeldOut && p.Amount > 0).ToList();
        var held = payees.Where(p => p.HeldOut).ToList();
        var heldIds = held.Select(p => p.PayeeRecipientId).ToHashSet();
        var applied = adjustmentLines.Where(l => !heldIds.Contains(l.PayeeRecipientId)).ToList();
        return new PaymentPrepareResult(
            month, payDate, run.Preparation,
            payees.Where(p => !p.HeldOut).Sum(p => p.ClaimCount), paid.Count, paid.Sum(p => p.Amount),
            held.Count, held.Sum(p => p.Amount), inKind, zero, applied.Count, applied.Sum(l => l.Applied));
    }

    /// <summary>
    /// A batch's lines: its claims (a projection), their terms, the paid history of its recipients and the
    /// computation, read through <paramref name="source"/> (this context, or the pipeline's reader).
    /// </summary>
    private static async Task<List<PaymentLine>> BatchLinesAsync(
        FukushiDbContext source,
        Func<IReadOnlyList<MedicalClaim>, CancellationToken, Task<IReadOnlyList<SubsidyClaim>>> terms,
        PaymentRun run,
        List<long> batch,
        Func<long, long> payeeOf,
        CancellationToken cancellationToken)
    {
        List<MedicalClaim> claims;
        using (PhaseTimes.Start("payment.prepare.claims"))
        {
            claims = await ClaimsAsync(source, batch, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<SubsidyClaim> inputs;
        using (PhaseTimes.Start("payment.prepare.terms"))
        {
            inputs = await terms(claims, cancellationToken).ConfigureAwait(false);
        }

        SubsidyHistory history;
        using (PhaseTimes.Start("payment.prepare.history"))
        {
            history = await HistoryAsync(source, claims.Select(c => c.RecipientId!.Value).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        }

        using var phase = PhaseTimes.Start("payment.prepare.compute");
        var results = SubsidyComputation.Compute(inputs, history);
        var rows = new List<PaymentLine>(claims.Count);
        for (int i = 0; i < claims.Count; i++)
        {
            rows.Add(Line(run, claims[i], inputs[i], results[i], payeeOf(claims[i].RecipientId!.Value)));
        }

        return rows;
    }

    /// <summary>
    /// PostgreSQL: two stages joined by a channel of one batch — a reader on a second connection computes
    /// batch n+1 (claims, terms, history, computation) while this context writes batch n's lines by COPY in
    /// the preparation's transaction, so the server's work on the COPY (indexes, foreign keys) and the
    /// client's computation overlap. The reader reads only committed rows the preparation does not write
    /// (claims, recipients, 所得判定, masters, paid lines), as the transaction's own statements did under READ
    /// COMMITTED, so the lines are those of one batch after the other. The first failure of either stage
    /// stops the other and is thrown: the transaction is rolled back and nothing of the run is left.
    /// </summary>
    private async Task PipelineAsync(
        PaymentRun run, IEnumerable<List<long>> batches, RecipientDirectory recipients, Func<long, long> payeeOf,
        Func<List<PaymentLine>, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var options = (DbContextOptions<FukushiDbContext>)db.GetService<IDbContextOptions>();
        var reader = new FukushiDbContext(options);
        await using (reader.ConfigureAwait(false))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var computed = Channel.CreateBounded<List<PaymentLine>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var terms = new ClaimSubsidyTerms(reader) { ChunkSize = BatchSize, AllRecipients = recipients };
            var reading = Task.Run(
                async () =>
                {
                    try
                    {
                        foreach (var batch in batches)
                        {
                            var rows = await BatchLinesAsync(reader, terms.BuildAsync, run, batch, payeeOf, stop.Token).ConfigureAwait(false);
                            await computed.Writer.WriteAsync(rows, stop.Token).ConfigureAwait(false);
                        }

                        computed.Writer.Complete();
                    }
                    catch (Exception exception)
                    {
                        computed.Writer.Complete(exception);
                    }
                },
                CancellationToken.None);
            try
            {
                await foreach (var rows in computed.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    await write(rows, stop.Token).ConfigureAwait(false);
                }
            }
            catch (ChannelClosedException closed) when (closed.InnerException is { } failure)
            {
                // The reader's own failure (a master missing for a claim, the database gone), not the channel's wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
            finally
            {
                // On success the reader has already ended; on a failure here it is stopped and its (cancelled) end awaited.
                await stop.CancelAsync().ConfigureAwait(false);
                await reading.ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// PostgreSQL: statistics of the tables the preparation just filled, taken in its transaction (its own
    /// rows count as live there) and committed with it, so that the approval and the export are planned
    /// for the rows they read, not for the empty tables autovacuum last saw (bench/README.md, session 5:
    /// the approval's statements took 45 s on empty statistics). SQLite plans without them.
    /// </summary>
    private async Task AnalyzeAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "PaymentLines", "PaymentPayees", "PaymentAdjustmentLines" """, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes up every pending adjustment (支払調整) with something outstanding: each payee's total becomes its
    /// claims plus the adjustments as <see cref="AdjustmentOffset"/> settles them (a payee with only a
    /// positive adjustment is paid too). Returns the lines of this preparation.
    /// </summary>
    private async Task<List<PaymentAdjustmentLine>> ApplyAdjustmentsAsync(PaymentRun run, Dictionary<long, PayeeTotal> totals, CancellationToken cancellationToken)
    {
        var pending = await db.PaymentAdjustments.AsNoTracking()
            .Where(a => a.Status == PaymentAdjustmentStatus.Pending)
            .Select(a => new { a.Id, a.PayeeRecipientId, a.Kind })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var lines = new List<PaymentAdjustmentLine>();
        if (pending.Count == 0)
        {
            return lines;
        }

        var outstanding = await OutstandingAsync(pending.Select(a => a.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var kinds = pending.ToDictionary(a => a.Id, a => a.Kind);
        foreach (var group in pending.Where(a => outstanding[a.Id] != 0).GroupBy(a => a.PayeeRecipientId).OrderBy(g => g.Key))
        {
            var total = totals.GetValueOrDefault(group.Key);
            var settlement = AdjustmentOffset.Settle(total?.Amount ?? 0, group.OrderBy(a => a.Id).Select(a => new OutstandingAdjustment(a.Id, outstanding[a.Id])).ToList());
            if (settlement.Applied.Count == 0)
            {
                continue;
            }

            total ??= totals[group.Key] = new PayeeTotal();
            total.Amount = settlement.Amount;
            total.Adjustment = settlement.AdjustmentTotal;
            lines.AddRange(settlement.Applied.Select(a => new PaymentAdjustmentLine
            {
                PaymentRunId = run.Id,
                Preparation = run.Preparation,
                PaymentAdjustmentId = a.Id,
                PayeeRecipientId = group.Key,
                Kind = kinds[a.Id],
                Applied = a.Applied,
            }));
        }

        return lines;
    }

    /// <summary>
    /// The claims of a batch in id order, with only the columns the computation reads (never RawRecords,
    /// the UKE records a real claim carries, nor the matching columns): a projection, not whole rows.
    /// </summary>
    private static Task<List<MedicalClaim>> ClaimsAsync(FukushiDbContext source, List<long> ids, CancellationToken cancellationToken) =>
        source.MedicalClaims.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id)).OrderBy(c => c.Id)
            .Select(c => new MedicalClaim
            {
                Id = c.Id,
                Source = c.Source,
                ProcessingMonth = c.ProcessingMonth,
                ServiceMonth = c.ServiceMonth,
                ProviderCode = c.ProviderCode,
                Schedule = c.Schedule,
                Inpatient = c.Inpatient,
                InsurerShareRate = c.InsurerShareRate,
                DaysOfCare = c.DaysOfCare,
                Points = c.Points,
                MedicalCost = c.MedicalCost,
                PatientShare = c.PatientShare,
                MealAmount = c.MealAmount,
                HighCostRefund = c.HighCostRefund,
                ExtraBenefit = c.ExtraBenefit,
                OtherPublicAmount = c.OtherPublicAmount,
                LongTerm = c.LongTerm,
                PayerNumber = c.PayerNumber,
                InsurerNumber = c.InsurerNumber,
                RecipientId = c.RecipientId,
            })
            .ToListAsync(cancellationToken);

    /// <summary>Recipients' batches of about <see cref="BatchSize"/> claims; one recipient's claims stay together.</summary>
    private IEnumerable<List<long>> Batches(IEnumerable<List<long>> claimsByRecipient)
    {
        var batch = new List<long>();
        foreach (var ids in claimsByRecipient)
        {
            batch.AddRange(ids);
            if (batch.Count >= BatchSize)
            {
                yield return batch;
                batch = [];
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>What approved runs already charged (一部負担金) and counted (長期) for these recipients.</summary>
    private static async Task<SubsidyHistory> HistoryAsync(FukushiDbContext source, List<long> recipientIds, CancellationToken cancellationToken)
    {
        var paid = await source.PaymentLines.AsNoTracking()
            .Where(l => EF.Parameter(recipientIds).Contains(l.RecipientId) && source.PaidClaims.Any(p => p.PaymentLineId == l.Id))
            .Select(l => new { l.RecipientId, l.ProviderCode, l.ServiceMonth, l.Kind, l.Copayment, l.LongTerm, l.SelfPay, l.LongTermReduction })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var copayment = new Dictionary<CopaymentGroup, long>();
        var longTerm = new Dictionary<LongTermGroup, long>();
        foreach (var line in paid)
        {
            var serviceMonth = ReviewRun.MonthOf(line.ServiceMonth);
            var group = new CopaymentGroup(line.RecipientId, line.ProviderCode, serviceMonth, line.Kind);
            copayment[group] = copayment.GetValueOrDefault(group) + line.Copayment;
            if (line.LongTerm)
            {
                var longGroup = new LongTermGroup(line.RecipientId, line.ProviderCode, serviceMonth);
                longTerm[longGroup] = longTerm.GetValueOrDefault(longGroup) + (line.SelfPay - line.LongTermReduction);
            }
        }

        return new SubsidyHistory(copayment, longTerm);
    }

    private static PaymentLine Line(PaymentRun run, MedicalClaim claim, SubsidyClaim input, SubsidyResult result, long payee) => new()
    {
        PaymentRunId = run.Id,
        Preparation = run.Preparation,
        MedicalClaimId = claim.Id,
        RecipientId = claim.RecipientId!.Value,
        PayeeRecipientId = payee,
        ClaimProcessingMonth = claim.ProcessingMonth,
        ServiceMonth = claim.ServiceMonth,
        ProviderCode = claim.ProviderCode,
        Kind = input.Kind,
        LongTerm = input.LongTerm,
        TotalCost = result.TotalCost,
        SelfPay = result.SelfPay,
        SelfPayDerived = result.SelfPayDerived,
        LongTermReduction = result.LongTermReduction,
        HighCostRefund = result.HighCostRefund,
        HighCostEstimated = result.HighCostEstimated,
        ExtraBenefit = result.ExtraBenefit,
        ExtraBenefitEstimated = result.ExtraBenefitEstimated,
        OtherPublicAmount = result.OtherPublicAmount,
        MealAmount = result.MealAmount,
        Target = result.Target,
        Copayment = result.Copayment,
        Subsidy = result.Subsidy,
        StepsJson = ToStepsJson(result.Steps),
    };

    /// <summary>
    /// The steps as <c>[{"項目":…,"金額":…}]</c>, written straight by a <see cref="Utf8JsonWriter"/> with the
    /// same encoder as <see cref="StepsJson"/> (byte for byte what serialising a dictionary per step gave,
    /// without the dictionaries and the serialiser's per-value dispatch: 100,000+ lines per run).
    /// </summary>
    internal static string ToStepsJson(IReadOnlyList<SubsidyStep> steps)
    {
        var buffer = StepsBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = StepsJson.Encoder }))
        {
            writer.WriteStartArray();
            foreach (var step in steps)
            {
                writer.WriteStartObject();
                writer.WriteString(StepLabel, step.Label);
                writer.WriteNumber(StepAmount, step.Amount);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The payees with their account snapshot, 受取人名, totals, change and hold-out reason: reads what they
    /// need, then returns the rows in payee order, made one by one as they are enumerated (once) and each
    /// added to <paramref name="made"/>.
    /// </summary>
    private async Task<IEnumerable<PaymentPayee>> PayeesAsync(
        PaymentRun run,
        YearMonth month,
        DateOnly payDate,
        Dictionary<long, PayeeTotal> totals,
        RecipientDirectory recipients,
        List<PaymentPayee> made,
        CancellationToken cancellationToken)
    {
        // Every payee is a recipient (a claim's, a parent, an adjustment's), so the run's directory knows it.
        var personIds = totals.Keys.Select(id => recipients[id].PersonId).Distinct().ToList();
        // One query each for all the payees (one array parameter), not one per chunk of 2,000 ids: with the whole
        // accounts read as a projection, 0.95 s → 0.4 s at 100,000 payees (bench/README.md, session 9).
        var atena = await db.Persons.AsNoTracking().Where(p => EF.Parameter(personIds).Contains(p.Id))
            .Select(p => new { p.Id, p.AtenaNumber })
            .ToDictionaryAsync(p => p.Id, p => p.AtenaNumber, cancellationToken).ConfigureAwait(false);
        var valid = await db.BankAccounts.AsNoTracking().AsOf(payDate).Where(a => EF.Parameter(personIds).Contains(a.PersonId))
            .Select(a => new People.BankAccount
            {
                PersonId = a.PersonId,
                BankCode = a.BankCode,
                BranchCode = a.BranchCode,
                AccountType = a.AccountType,
                AccountNumber = a.AccountNumber,
                AccountHolderKana = a.AccountHolderKana,
                ValidFrom = a.ValidFrom,
                RecordedAt = a.RecordedAt,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var accounts = new Dictionary<long, People.BankAccount>(valid.Count);
        foreach (var account in valid.OrderBy(a => a.ValidFrom).ThenBy(a => a.RecordedAt))
        {
            accounts[account.PersonId] = account; // the latest period in force wins
        }

        var bankCodes = accounts.Values.Select(a => a.BankCode).Distinct().ToList();
        var banks = (await db.Banks.AsNoTracking().Where(b => EF.Parameter(bankCodes).Contains(b.BankCode)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(b => b.BankCode).ToDictionary(g => g.Key, g => g.OrderBy(b => b.RemovedInEdition == null ? 0 : 1).ThenByDescending(b => b.Id).First());
        // The branches as a projection of the columns the check reads (not Edition), the current row of each
        // code else its last removed row, as BankDirectory picks it.
        var branches = (await db.BankBranches.AsNoTracking().Where(b => EF.Parameter(bankCodes).Contains(b.BankCode))
                .Select(b => new BankBranch { Id = b.Id, BankCode = b.BankCode, BranchCode = b.BranchCode, Kana = b.Kana, Name = b.Name, RemovedInEdition = b.RemovedInEdition })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(b => (b.BankCode, b.BranchCode)).ToDictionary(g => g.Key, g => g.OrderBy(b => b.RemovedInEdition == null ? 0 : 1).ThenByDescending(b => b.Id).First());
        var checks = new Dictionary<(string, string), BankCheck>();
        var previous = await PreviousAmountsAsync(ReviewRun.MonthKey(month), cancellationToken).ConfigureAwait(false);

        return Rows();

        IEnumerable<PaymentPayee> Rows()
        {
            foreach (var (payeeId, total) in totals.OrderBy(t => t.Key))
            {
                var payee = recipients[payeeId];
                var row = new PaymentPayee
                {
                    PaymentRunId = run.Id,
                    Preparation = run.Preparation,
                    PayeeRecipientId = payeeId,
                    RecipientNumber = payee.RecipientNumber,
                    AtenaNumber = atena.GetValueOrDefault(payee.PersonId, string.Empty),
                    Amount = total.Amount,
                    AdjustmentAmount = total.Adjustment,
                    ClaimCount = total.Claims,
                    PreviousAmount = previous.TryGetValue(payeeId, out var before) ? before : null,
                };
                if (accounts.TryGetValue(payee.PersonId, out var account))
                {
                    row.BankCode = account.BankCode;
                    row.BranchCode = account.BranchCode;
                    row.AccountType = account.AccountType;
                    row.AccountNumber = account.AccountNumber;
                    row.AccountHolderKana = account.AccountHolderKana;
                }

                row.HeldOutReason = total.Amount == 0 ? null : HoldOut(row, account, banks, branches, checks);
                row.HeldOut = row.HeldOutReason is not null;
                made.Add(row);
                yield return row;
            }
        }
    }

    /// <summary>Why a payee cannot be written into the 全銀 file; null when it can (names filled in).</summary>
    private static string? HoldOut(
        PaymentPayee row,
        People.BankAccount? account,
        Dictionary<string, Bank> banks,
        Dictionary<(string, string), BankBranch> branches,
        Dictionary<(string, string), BankCheck> checks)
    {
        if (account is null)
        {
            return "振込指定日に有効な支払口座が登録されていません。";
        }

        if (row.Amount > ZenginTransferFile.MaxAmount)
        {
            return "振込金額が全銀ファイルの10桁を超えます。";
        }

        // One judgement (and one conversion of the names to 全銀 form) per bank and branch, not per payee.
        var code = (account.BankCode, account.BranchCode);
        if (!checks.TryGetValue(code, out var check))
        {
            var judged = BankDirectory.Judge(account.BankCode, account.BranchCode, banks.GetValueOrDefault(account.BankCode), branches.GetValueOrDefault(code));
            check = checks[code] = judged.IsCurrent
                ? new BankCheck(null, judged.ZenginBankName ?? string.Empty, judged.ZenginBranchName ?? string.Empty)
                : new BankCheck("金融機関マスタで確認できません: " + judged.Message, string.Empty, string.Empty);
        }

        if (check.Refusal is not null)
        {
            return check.Refusal;
        }

        if (!IsDigits(account.AccountNumber, 7) || !Enum.IsDefined(account.AccountType))
        {
            return "口座番号（7桁）または口座種別が正しくありません。";
        }

        row.BankName = check.BankName;
        row.BranchName = check.BranchName;
        if (string.IsNullOrWhiteSpace(account.AccountHolderKana))
        {
            return "口座名義カナが登録されていません。";
        }

        // The writer's own check: what it would refuse is held out here, never written half-right.
        var name = ZenginTransferFile.NormalizeName(account.AccountHolderKana, ZenginTransferFile.PayeeNameBytes);
        var problems = ZenginTransferFile.Check(ToTransfer(row, account.AccountHolderKana));
        if (problems.Count > 0)
        {
            return string.Join(" ", problems.Select(p => p.Reason));
        }

        row.PayeeName = name.Text;
        return null;
    }

    /// <summary>The 全銀 data record of a payee (its names as stored; the writer converts and cuts them the same way).</summary>
    public static ZenginTransfer ToTransfer(PaymentPayee payee, string? payeeName = null)
    {
        ArgumentNullException.ThrowIfNull(payee);
        return new ZenginTransfer(
            payee.BankCode ?? string.Empty, payee.BankName ?? string.Empty, payee.BranchCode ?? string.Empty, payee.BranchName ?? string.Empty,
            payee.AccountType ?? (AccountType)0, payee.AccountNumber ?? string.Empty, payeeName ?? payee.PayeeName ?? string.Empty,
            payee.Amount, payee.RecipientNumber);
    }

    private static bool IsDigits(string? value, int length) => value is not null && value.Length == length && value.All(char.IsAsciiDigit);

    /// <summary>Each payee's amount in the last approved run before <paramref name="key"/>.</summary>
    private async Task<Dictionary<long, long>> PreviousAmountsAsync(int key, CancellationToken cancellationToken)
    {
        var last = await db.PaymentRuns.AsNoTracking()
            .Where(r => r.ProcessingMonth < key && r.Status != PaymentRunStatus.Prepared)
            .OrderByDescending(r => r.ProcessingMonth)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            return [];
        }

        return await db.PaymentPayees.AsNoTracking()
            .Where(p => p.PaymentRunId == last.Id && p.Preparation == last.Preparation && !p.HeldOut)
            .ToDictionaryAsync(p => p.PayeeRecipientId, p => p.Amount, cancellationToken).ConfigureAwait(false);
    }
}
