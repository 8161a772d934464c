using System.Globalization;
using System.Security.Cryptography;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Settings;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Income;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Renewals;

/// <summary>A renewal act the rules refuse (no such household, already decided …); the message is Japanese.</summary>
public sealed class RenewalRefusedException(string message) : InvalidOperationException(message);

/// <summary>How far a step is: households done of the total to do.</summary>
public readonly record struct RenewalProgress(int Done, int Total);

/// <summary>What the forms step did: the households listed, the forms sent now, and their PDF (null when none was due).</summary>
public sealed record RenewalFormsResult(int Year, int Households, int NewlyListed, int Sent, RenderedDocument? Forms);

/// <summary>A returned form as recorded: the household's head, and whether it had been recorded before (nothing changed).</summary>
public sealed record RenewalReturnResult(RenewalItem Item, string HeadName, bool AlreadyRecorded);

/// <summary>
/// What one decide step did: the households decided now per outcome, the ones already decided by an
/// earlier run, those waiting for their form (grace period not over), and those held with a note.
/// </summary>
public sealed record RenewalDecideResult(
    RenewalKind Kind,
    int Year,
    IReadOnlyDictionary<RenewalOutcome, int> Decided,
    int AlreadyDecided,
    int Waiting,
    int Held,
    int Certificates,
    int Losses,
    DateOnly? GraceEnds)
{
    public int DecidedNow => Decided.Values.Sum();
}

/// <summary>The counts of a run by state and outcome (the page's progress).</summary>
public sealed record RenewalSummary(
    RenewalKind Kind,
    int Year,
    bool Exists,
    IReadOnlyDictionary<RenewalItemState, int> ByState,
    IReadOnlyDictionary<RenewalOutcome, int> ByOutcome,
    int Held,
    DateTimeOffset? FormsRunAt,
    DateTimeOffset? DecideRunAt)
{
    public int Households => ByState.Values.Sum();
}

/// <summary>One line of the result list.</summary>
public sealed record RenewalResultRow(
    string HeadRecipientNumber,
    string HeadName,
    RenewalItemState State,
    DateOnly? ReturnedOn,
    RenewalOutcome? Outcome,
    int Certificates,
    int Losses,
    string? Note);

/// <summary>
/// 更新 (issue 10, ADR 0019): the August 年度切替更新 and the April 年齢区分更新 as a
/// <see cref="RenewalRun"/> per kind and year with one <see cref="RenewalItem"/> per household.
/// <list type="bullet">
/// <item><b>forms</b> (August): lists the households with a member eligible on 7/31, renders one
/// 更新申請書 per household not yet sent, hands the PDF to the caller, then marks them sent.</item>
/// <item><b>returned forms</b>: <see cref="RecordReturnAsync"/> by any member's 受給者番号.</item>
/// <item><b>decide</b> (August): per returned household, the 所得判定 of the parent or carer for the
/// 課税年度 of the new year, then either new 有効期間 / 公費負担者番号 from 8/1 for every member still
/// eligible, or the loss 所得超過 (when the city's own income criterion is on); a household whose form
/// has not come back by 8/1 + the grace days (<see cref="SystemSettings.RenewalGraceDays"/>) loses
/// for 更新未提出. Losses go through <see cref="RecipientLosses"/> (LossRule dates, 対象児童なし).</item>
/// <item><b>decide</b> (April): children past the 18歳年度末 lose for 年齢到達 (and their parent for
/// 対象児童なし when no child is left); a child whose age bracket changes on 4/1 gets a new row from
/// 4/1 with the bracket's 公費負担者番号 and 給付区分.</item>
/// </list>
/// Every household is processed in its own transaction together with its item's state, so a crash
/// leaves each household either done or not done, and a rerun skips the done ones.
/// </summary>
public sealed partial class Renewals(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>Households per query when listing or rendering.</summary>
    private const int Chunk = 500;

    /// <summary>
    /// Households decided in one transaction (default 500; a household is never split between two):
    /// a crash leaves each batch, and so each household, either done or not done.
    /// </summary>
    public int DecideBatchSize { get; init; } = 500;

    /// <summary>Tests only: runs in a batch's transaction after deciding and before its writes (e.g. another session's change).</summary>
    internal Func<CancellationToken, Task>? BeforeBatchWrite { get; init; }

    /// <summary>The phase sums of the running decide step (null unless FUKUSHI_PHASE_TIMES=1).</summary>
    private DecideProfile? profile;

    /// <summary>The instant of the batch being decided (null outside one): every row it supersedes and records carries it.</summary>
    private DateTimeOffset? batchNow;

    /// <summary>
    /// The eligibility rows the batch being decided supersedes and records (null outside one): its
    /// members' rows are read untracked and its history edits collected here, written in bulk at its end.
    /// </summary>
    private BatchRows? batchRows;

    /// <summary>The history edits of a batch, past the change tracker.</summary>
    private sealed class BatchRows
    {
        /// <summary>The ids of the current rows the batch supersedes (at the batch's instant).</summary>
        public List<long> Superseded { get; } = [];

        /// <summary>The rows the batch records.</summary>
        public List<EligibilityRecord> Added { get; } = [];
    }

    /// <summary>The month and day the April update takes effect.</summary>
    public const int AprilMonth = FiscalYear.FirstMonth;

    /// <summary>The first day of the new state: 8/1/<paramref name="year"/> (August) or 4/1/<paramref name="year"/> (April).</summary>
    public static DateOnly EffectiveDate(RenewalKind kind, int year) =>
        kind == RenewalKind.August ? new DateOnly(year, LossRules.RenewalStartMonth, 1) : new DateOnly(year, AprilMonth, 1);

    public static string Label(RenewalKind kind) => kind == RenewalKind.August ? "年度切替更新" : "年齢区分更新";

    public static string Label(RenewalItemState state) => state switch
    {
        RenewalItemState.Listed => "未送付",
        RenewalItemState.FormSent => "送付済",
        RenewalItemState.Returned => "返送済",
        RenewalItemState.Decided => "決定済",
        _ => state.ToString(),
    };

    public static string Label(RenewalOutcome outcome) => outcome switch
    {
        RenewalOutcome.Renewed => "更新",
        RenewalOutcome.IncomeOverLimit => "所得超過",
        RenewalOutcome.NotSubmitted => "更新未提出",
        RenewalOutcome.BracketChanged => "年齢区分変更",
        RenewalOutcome.AgeLimit => "年齢到達",
        RenewalOutcome.Unchanged => "変更なし",
        _ => outcome.ToString(),
    };

    /// <summary>
    /// The forms step of the August renewal of <paramref name="year"/>: lists the households (idempotent),
    /// renders the 更新申請書 of those not yet sent, calls <paramref name="deliver"/> with the PDF (it
    /// writes the file), and only then marks them sent. Nothing due: no PDF, no change.
    /// </summary>
    public async Task<RenewalFormsResult> SendFormsAsync(
        int year, string actor, Func<RenderedDocument, CancellationToken, Task> deliver, IProgress<RenewalProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(deliver);
        var run = await EnsureRunAsync(RenewalKind.August, year, actor, cancellationToken).ConfigureAwait(false);
        var newlyListed = await EnsureItemsAsync(run, cancellationToken).ConfigureAwait(false);
        var due = await db.RenewalItems.AsNoTracking().Where(i => i.RunId == run.Id && i.State == RenewalItemState.Listed)
            .OrderBy(i => i.HeadRecipientNumber).ToListAsync(cancellationToken).ConfigureAwait(false);
        var households = await db.RenewalItems.CountAsync(i => i.RunId == run.Id, cancellationToken).ConfigureAwait(false);
        var now = AppClock.Now(clock);
        RenderedDocument? document = null;
        if (due.Count > 0)
        {
            var forms = new List<RenewalForm>(due.Count);
            for (var start = 0; start < due.Count; start += Chunk)
            {
                forms.AddRange(await FormsAsync(due.Skip(start).Take(Chunk).ToList(), year, cancellationToken).ConfigureAwait(false));
                progress?.Report(new RenewalProgress(Math.Min(start + Chunk, due.Count), due.Count));
            }

            var today = JstClock.Today(clock);
            var dueDate = EffectiveDate(RenewalKind.August, year).AddDays(-1);
            document = DocumentRenderer.Render(new RenewalFormsInput(year, today, dueDate < today ? today.AddDays(14) : dueDate, forms));
            await deliver(document, cancellationToken).ConfigureAwait(false);
            foreach (var chunk in due.Select(i => i.Id).Chunk(Chunk))
            {
                await db.RenewalItems.Where(i => chunk.Contains(i.Id) && i.State == RenewalItemState.Listed)
                    .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, RenewalItemState.FormSent).SetProperty(i => i.FormSentAt, now), cancellationToken)
                    .ConfigureAwait(false);
            }

            db.AddAudit(new AuditEntry(actor, AuditEventType.RenewalFormsSent, "renewal", RunKey(run), new Dictionary<string, object?>
            {
                ["year"] = year,
                ["households"] = due.Count,
                ["pages"] = document.PageCount,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(document.Pdf)),
            }));
        }

        var tracked = await db.RenewalRuns.SingleAsync(r => r.Id == run.Id, cancellationToken).ConfigureAwait(false);
        tracked.FormsRunAt = now;
        db.AddAudit(StepAudit(actor, run, "forms", new Dictionary<string, object?>
        {
            ["households"] = households,
            ["newlyListed"] = newlyListed,
            ["sent"] = due.Count,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new RenewalFormsResult(year, households, newlyListed, due.Count, document);
    }

    /// <summary>
    /// Records the return of the renewal form of the household of <paramref name="recipientNumber"/>
    /// (any member's 受給者番号) on <paramref name="returnedOn"/>. Recording it again changes nothing.
    /// </summary>
    /// <exception cref="RenewalRefusedException">no such recipient, not in the run, or already decided.</exception>
    public async Task<RenewalReturnResult> RecordReturnAsync(int year, string recipientNumber, DateOnly returnedOn, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        recipientNumber = (recipientNumber ?? string.Empty).Trim();
        var run = await db.RenewalRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == RenewalKind.August && r.Year == year, cancellationToken).ConfigureAwait(false)
            ?? throw new RenewalRefusedException(string.Create(CultureInfo.InvariantCulture, $"{year}年の年度切替更新はまだ始まっていません（申請書の送付から始めます）。"));
        var recipient = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.RecipientNumber == recipientNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new RenewalRefusedException($"受給者番号 {recipientNumber} の受給者はいません。");
        var headId = HeadOf(recipient.Id, recipient.Kind, recipient.ParentRecipientId);
        var item = await db.RenewalItems.SingleOrDefaultAsync(i => i.RunId == run.Id && i.HeadRecipientId == headId, cancellationToken).ConfigureAwait(false)
            ?? throw new RenewalRefusedException(string.Create(CultureInfo.InvariantCulture, $"受給者番号 {recipientNumber} の世帯は {year}年の更新の対象ではありません。"));
        var name = await HeadNameAsync(item.HeadRecipientId, cancellationToken).ConfigureAwait(false);
        switch (item.State)
        {
            case RenewalItemState.Decided:
                throw new RenewalRefusedException($"受給者番号 {item.HeadRecipientNumber} の世帯は決定済みです（{(item.Outcome is { } o ? Label(o) : string.Empty)}）。");
            case RenewalItemState.Returned:
                return new RenewalReturnResult(item, name, AlreadyRecorded: true);
        }

        item.State = RenewalItemState.Returned;
        item.ReturnedOn = returnedOn;
        item.ReturnedAt = AppClock.Now(clock);
        item.ReturnedBy = actor;
        db.AddAudit(new AuditEntry(actor, AuditEventType.RenewalFormReturned, "recipient", item.HeadRecipientNumber, new Dictionary<string, object?>
        {
            ["year"] = year,
            ["returnedOn"] = returnedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["enteredAs"] = recipientNumber,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new RenewalReturnResult(item, name, AlreadyRecorded: false);
    }

    /// <summary>
    /// The decide step of <paramref name="kind"/> and <paramref name="year"/> (a 決裁 act: the caller
    /// checks the permission and the password and code or the 再認証). Lists the households first
    /// (idempotent), then decides every household not yet decided, each in its own transaction.
    /// </summary>
    public async Task<RenewalDecideResult> DecideAsync(
        RenewalKind kind, int year, string actor, IProgress<RenewalProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        profile = DecideProfile.FromEnvironment();
        var setup = PhaseTimes.Now();
        var run = await EnsureRunAsync(kind, year, actor, cancellationToken).ConfigureAwait(false);
        await EnsureItemsAsync(run, cancellationToken).ConfigureAwait(false);
        var context = await DecideContextAsync(kind, year, cancellationToken).ConfigureAwait(false);
        var open = await db.RenewalItems.AsNoTracking().Where(i => i.RunId == run.Id && i.State != RenewalItemState.Decided)
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var already = await db.RenewalItems.CountAsync(i => i.RunId == run.Id && i.State == RenewalItemState.Decided, cancellationToken).ConfigureAwait(false);
        var decided = Enum.GetValues<RenewalOutcome>().ToDictionary(o => o, _ => 0);
        int waiting = 0, held = 0, certificates = 0, losses = 0;
        var determinations = new IncomeDeterminations(db, clock);
        var done = 0;
        profile?.Stop("setup", setup);
        foreach (var batch in open.Chunk(Math.Max(1, DecideBatchSize)))
        {
            var results = await DecideBatchAsync(batch, context, determinations, actor, cancellationToken).ConfigureAwait(false);
            if (results is null)
            {
                // A household of the batch was refused: the batch was rolled back; decide it one by one.
                results = [];
                foreach (var itemId in batch)
                {
                    results.Add(await DecideHouseholdAsync(itemId, context, actor, cancellationToken).ConfigureAwait(false));
                }
            }

            foreach (var outcome in results)
            {
                switch (outcome.Kind)
                {
                    case HouseholdResultKind.Decided:
                        decided[outcome.Outcome!.Value]++;
                        certificates += outcome.Certificates;
                        losses += outcome.Losses;
                        break;
                    case HouseholdResultKind.Waiting:
                        waiting++;
                        break;
                    case HouseholdResultKind.Held:
                        held++;
                        break;
                }
            }

            if (done == 0)
            {
                profile?.EndWarmUp();
            }

            done += batch.Length;
            progress?.Report(new RenewalProgress(done, open.Count));
        }

        var tracked = await db.RenewalRuns.SingleAsync(r => r.Id == run.Id, cancellationToken).ConfigureAwait(false);
        tracked.DecideRunAt = AppClock.Now(clock);
        tracked.DecideRunBy = actor;
        var details = new Dictionary<string, object?>
        {
            ["alreadyDecided"] = already,
            ["waiting"] = waiting,
            ["held"] = held,
            ["certificates"] = certificates,
            ["losses"] = losses,
            ["graceEnds"] = context.GraceEnds?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var (outcome, count) in decided.Where(pair => pair.Value > 0))
        {
            details["decided." + outcome] = count;
        }

        db.AddAudit(StepAudit(actor, run, "decide", details));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return new RenewalDecideResult(kind, year, decided, already, waiting, held, certificates, losses, context.GraceEnds);
    }

    /// <summary>The counts of the run of <paramref name="kind"/> and <paramref name="year"/> (all zero when it has not started).</summary>
    public async Task<RenewalSummary> SummaryAsync(RenewalKind kind, int year, CancellationToken cancellationToken = default)
    {
        var run = await db.RenewalRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == kind && r.Year == year, cancellationToken).ConfigureAwait(false);
        var byState = Enum.GetValues<RenewalItemState>().ToDictionary(s => s, _ => 0);
        var byOutcome = Enum.GetValues<RenewalOutcome>().ToDictionary(o => o, _ => 0);
        var held = 0;
        if (run is not null)
        {
            var states = await db.RenewalItems.AsNoTracking().Where(i => i.RunId == run.Id)
                .GroupBy(i => i.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var state in states)
            {
                byState[state.Key] = state.Count;
            }

            var outcomes = await db.RenewalItems.AsNoTracking().Where(i => i.RunId == run.Id && i.Outcome != null)
                .GroupBy(i => i.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var outcome in outcomes)
            {
                byOutcome[outcome.Key!.Value] = outcome.Count;
            }

            held = await db.RenewalItems.CountAsync(i => i.RunId == run.Id && i.State != RenewalItemState.Decided && i.Note != null, cancellationToken).ConfigureAwait(false);
        }

        return new RenewalSummary(kind, year, run is not null, byState, byOutcome, held, run?.FormsRunAt, run?.DecideRunAt);
    }

    /// <summary>
    /// The result list of a run: one line per household, by 受給者番号, filtered by state and outcome,
    /// at most <paramref name="take"/> lines from <paramref name="skip"/>.
    /// </summary>
    public async Task<IReadOnlyList<RenewalResultRow>> ResultsAsync(
        RenewalKind kind, int year, RenewalItemState? state = null, RenewalOutcome? outcome = null, int skip = 0, int take = 200, CancellationToken cancellationToken = default)
    {
        var run = await db.RenewalRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == kind && r.Year == year, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return [];
        }

        var query = db.RenewalItems.AsNoTracking().Where(i => i.RunId == run.Id);
        if (state is { } s)
        {
            query = query.Where(i => i.State == s);
        }

        if (outcome is { } o)
        {
            query = query.Where(i => i.Outcome == o);
        }

        var items = await query.OrderBy(i => i.HeadRecipientNumber).Skip(skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await NamesAsync(items.Select(i => i.HeadRecipientId).ToList(), cancellationToken).ConfigureAwait(false);
        return [.. items.Select(i => new RenewalResultRow(i.HeadRecipientNumber, names.GetValueOrDefault(i.HeadRecipientId, string.Empty), i.State, i.ReturnedOn, i.Outcome, i.Certificates, i.Losses, i.Note))];
    }

    /// <summary>The run of a kind and year, created when missing.</summary>
    private async Task<RenewalRun> EnsureRunAsync(RenewalKind kind, int year, string actor, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 9998)
        {
            throw new RenewalRefusedException("年は 2000 から 9998 までで指定してください。");
        }

        var run = await db.RenewalRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == kind && r.Year == year, cancellationToken).ConfigureAwait(false);
        if (run is not null)
        {
            return run;
        }

        run = new RenewalRun { Kind = kind, Year = year, CreatedAt = AppClock.Now(clock), CreatedBy = actor };
        db.RenewalRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return run;
    }

    /// <summary>
    /// Adds an item for every household with a member eligible on the day before the effective date
    /// (7/31 or 3/31) that the run does not list yet; returns how many were added.
    /// </summary>
    private async Task<int> EnsureItemsAsync(RenewalRun run, CancellationToken cancellationToken)
    {
        var before = EffectiveDate(run.Kind, run.Year).AddDays(-1);
        var active = (await db.EligibilityRecords.AsNoTracking().Where(e => e.Status == EligibilityStatus.Active).AsOf(before)
            .Select(e => e.RecipientId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var recipients = await db.Recipients.AsNoTracking()
            .Select(r => new { r.Id, r.Kind, r.ParentRecipientId, r.RecipientNumber }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var numbers = recipients.ToDictionary(r => r.Id, r => r.RecipientNumber);
        var heads = recipients.Where(r => active.Contains(r.Id)).Select(r => HeadOf(r.Id, r.Kind, r.ParentRecipientId)).ToHashSet();
        var listed = (await db.RenewalItems.AsNoTracking().Where(i => i.RunId == run.Id).Select(i => i.HeadRecipientId)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var missing = heads.Where(h => !listed.Contains(h) && numbers.ContainsKey(h)).OrderBy(h => numbers[h], StringComparer.Ordinal).ToList();
        foreach (var chunk in missing.Chunk(1000))
        {
            db.RenewalItems.AddRange(chunk.Select(head => new RenewalItem
            {
                RunId = run.Id,
                HeadRecipientId = head,
                HeadRecipientNumber = numbers[head],
                State = RenewalItemState.Listed,
            }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
        }

        return missing.Count;
    }

    private enum HouseholdResultKind
    {
        Decided,
        Waiting,
        Held,
        Skipped,
    }

    private sealed record HouseholdResult(HouseholdResultKind Kind, RenewalOutcome? Outcome = null, int Certificates = 0, int Losses = 0);

    /// <summary>What every household of a decide step shares: masters and settings of the effective date.</summary>
    private sealed record DecideContext(
        RenewalKind Kind,
        int Year,
        DateOnly Effective,
        DateOnly Today,
        DateOnly? GraceEnds,
        bool CityCriterion,
        List<AgeBracket> Brackets,
        List<PublicPayer> Payers);

    private async Task<DecideContext> DecideContextAsync(RenewalKind kind, int year, CancellationToken cancellationToken)
    {
        var effective = EffectiveDate(kind, year);
        var today = JstClock.Today(clock);
        var settings = new SystemSettings(db, clock);
        DateOnly? graceEnds = null;
        var cityCriterion = false;
        if (kind == RenewalKind.August)
        {
            var days = int.Parse(await settings.GetAsync(SystemSettings.RenewalGraceDays, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            graceEnds = effective.AddDays(days);
            cityCriterion = await settings.GetAsync(SystemSettings.CityIncomeCriterion, cancellationToken).ConfigureAwait(false) == "partial-allowance-limits";
        }

        var brackets = await db.AgeBrackets.AsNoTracking().ValidOn(effective).ToListAsync(cancellationToken).ConfigureAwait(false);
        var payers = await db.PublicPayers.AsNoTracking().ValidOn(effective).Where(p => p.Program == PublicPayer.SingleParentProgram)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (kind == RenewalKind.April)
        {
            // The brackets of 3/31 too: a change of bracket is seen against the day before.
            brackets.AddRange(await db.AgeBrackets.AsNoTracking().ValidOn(effective.AddDays(-1)).ToListAsync(cancellationToken).ConfigureAwait(false));
            brackets = [.. brackets.DistinctBy(b => b.Id)];
        }

        return new DecideContext(kind, year, effective, today, graceEnds, cityCriterion, brackets, payers);
    }

    /// <summary>
    /// The households of <paramref name="itemIds"/> in one transaction, their members, 所得判定 inputs
    /// and masters read once for the batch and their changes saved together. Null when a household is
    /// refused: the whole batch is rolled back (nothing of it is saved) for the caller to decide one by one.
    /// </summary>
    private async Task<List<HouseholdResult>?> DecideBatchAsync(
        long[] itemIds, DecideContext context, IncomeDeterminations determinations, string actor, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                db.DiscardPendingAudit();
                batchNow = AppClock.Now(clock);
                batchRows = new BatchRows();
                var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var phase = PhaseTimes.Now();
                    var items = (await db.RenewalItems.Where(i => EF.Parameter(itemIds).Contains(i.Id)).ToListAsync(cancellationToken).ConfigureAwait(false))
                        .ToDictionary(i => i.Id);
                    var open = itemIds.Select(items.GetValueOrDefault).OfType<RenewalItem>().Where(i => i.State != RenewalItemState.Decided).ToList();
                    var households = await MembersAsync(open.Select(i => i.HeadRecipientId).ToList(), context.Effective, tracked: false, cancellationToken).ConfigureAwait(false);
                    var obligors = new Dictionary<long, List<Obligor>>();
                    if (context.Kind == RenewalKind.August)
                    {
                        // The persons whose 所得判定 the batch makes: each returned household's parent or carer and its 扶養義務者.
                        var heads = open.Where(i => i.State == RenewalItemState.Returned)
                            .SelectMany(i => (households.GetValueOrDefault(i.HeadRecipientId) ?? []).Where(m => m.Recipient.Id == i.HeadRecipientId && !m.IsChild))
                            .Select(m => m.Recipient).ToList();
                        obligors = await ObligorsAsync(heads, context.Effective, cancellationToken).ConfigureAwait(false);
                        var persons = heads.Select(h => h.PersonId).Concat(obligors.Values.SelectMany(o => o).Select(o => o.PersonId)).ToList();
                        await determinations.PrefetchAsync(persons, IncomeYear.ForDate(context.Effective).TaxYear, context.Effective, cancellationToken).ConfigureAwait(false);
                    }

                    profile?.Stop("batch.read", phase);
                    phase = PhaseTimes.Now();
                    var results = new List<HouseholdResult>(itemIds.Length);
                    foreach (var itemId in itemIds)
                    {
                        if (items.GetValueOrDefault(itemId) is not { State: not RenewalItemState.Decided } item)
                        {
                            results.Add(new HouseholdResult(HouseholdResultKind.Skipped));
                            continue;
                        }

                        var members = households.GetValueOrDefault(item.HeadRecipientId) ?? [];
                        results.Add(await DecideItemAsync(item, members, obligors.GetValueOrDefault(item.HeadRecipientId) ?? [], context, determinations, actor, cancellationToken)
                            .ConfigureAwait(false));
                    }

                    profile?.Stop("batch.decide", phase);
                    phase = PhaseTimes.Now();

                    if (BeforeBatchWrite is { } beforeWrite)
                    {
                        await beforeWrite(cancellationToken).ConfigureAwait(false);
                    }

                    await BulkSaveRowsAsync(cancellationToken).ConfigureAwait(false);
                    profile?.Stop("batch.bulk", phase);
                    phase = PhaseTimes.Now();
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    profile?.Stop("batch.save", phase);
                    phase = PhaseTimes.Now();
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                    profile?.Stop("batch.commit", phase);
                    return results;
                }
            }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ConcurrencyConflictException or MasterDataMissingException or ArgumentException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingAudit();
            return null;
        }
        finally
        {
            batchNow = null;
            batchRows = null;
        }
    }

    /// <summary>
    /// Writes the batch's rows past the change tracker, inside the batch's transaction: the superseded
    /// eligibility rows by one UPDATE of SupersededAt per instant and the new eligibility rows and
    /// 所得判定 by <see cref="BulkInsert"/> (PostgreSQL COPY), the items by one UPDATE per outcome (same
    /// values), each UPDATE only where the row is still as read (a row superseded, or an item changed,
    /// meanwhile by someone else is a <see cref="ConcurrencyConflictException"/>, which rolls the batch
    /// back). The batch's own edits come from <see cref="batchRows"/>; tracked rows (those a loss saved
    /// through <see cref="RecipientLosses"/> are saved already) are written likewise and detached. The
    /// SaveChanges that follows writes only the audit events and what else is left tracked.
    /// </summary>
    private async Task BulkSaveRowsAsync(CancellationToken cancellationToken)
    {
        var rows = db.ChangeTracker.Entries<EligibilityRecord>().ToList();
        var superseded = rows
            .Where(e => e.State == EntityState.Modified && e.Entity.SupersededAt is not null
                && e.Properties.All(p => !p.IsModified || p.Metadata.Name == nameof(HistoryRow.SupersededAt)))
            .ToList();
        var toSupersede = superseded.Select(e => (e.Entity.Id, At: e.Entity.SupersededAt!.Value)).ToList();
        if (batchRows is { } batch && batchNow is { } now)
        {
            toSupersede.AddRange(batch.Superseded.Select(id => (id, now)));
        }

        foreach (var group in toSupersede.GroupBy(r => r.At))
        {
            var ids = group.Select(r => r.Id).Distinct().ToList();
            var at = group.Key;
            var updated = await db.EligibilityRecords.Where(e => EF.Parameter(ids).Contains(e.Id) && e.SupersededAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.SupersededAt, at), cancellationToken).ConfigureAwait(false);
            if (updated != ids.Count)
            {
                throw new ConcurrencyConflictException("更新中に他の処理が受給資格の履歴を変更しました。");
            }
        }

        superseded.ForEach(e => e.State = EntityState.Unchanged);
        var added = rows.Where(e => e.State == EntityState.Added).ToList();
        var newRows = added.Select(e => e.Entity).Concat(batchRows?.Added ?? []).ToList();
        if (newRows.Count > 0)
        {
            await db.BulkInsertAsync(newRows, cancellationToken).ConfigureAwait(false);
            added.ForEach(e => e.State = EntityState.Detached);
        }

        var determinations = db.ChangeTracker.Entries<IncomeDetermination>().Where(e => e.State == EntityState.Added).ToList();
        if (determinations.Count > 0)
        {
            await db.BulkInsertAsync(determinations.Select(e => e.Entity), cancellationToken).ConfigureAwait(false);
            determinations.ForEach(e => e.State = EntityState.Detached);
        }

        await BulkSaveItemsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The columns of an item the decide step writes, and the state it was read in.</summary>
    private readonly record struct ItemDecision(
        RenewalItemState ReadState, RenewalItemState State, RenewalOutcome? Outcome, int Certificates, int Losses, string? Note, DateTimeOffset? DecidedAt, string? DecidedBy);

    /// <summary>
    /// Writes the batch's changed items by one UPDATE per distinct decision (outcome, counts, note …),
    /// each only where the item is still in the state it was read in; the entries are then unchanged.
    /// An item with another change than the decide step's columns is left to SaveChanges.
    /// </summary>
    private async Task BulkSaveItemsAsync(CancellationToken cancellationToken)
    {
        string[] columns = [nameof(RenewalItem.State), nameof(RenewalItem.Outcome), nameof(RenewalItem.Certificates), nameof(RenewalItem.Losses),
            nameof(RenewalItem.Note), nameof(RenewalItem.DecidedAt), nameof(RenewalItem.DecidedBy)];
        var changed = db.ChangeTracker.Entries<RenewalItem>()
            .Where(e => e.State == EntityState.Modified && e.Properties.All(p => !p.IsModified || columns.Contains(p.Metadata.Name)))
            .ToList();
        foreach (var group in changed.GroupBy(e => new ItemDecision(
            e.Property(i => i.State).OriginalValue, e.Entity.State, e.Entity.Outcome, e.Entity.Certificates, e.Entity.Losses, e.Entity.Note, e.Entity.DecidedAt, e.Entity.DecidedBy)))
        {
            var ids = group.Select(e => e.Entity.Id).ToList();
            var d = group.Key;
            var updated = await db.RenewalItems.Where(i => EF.Parameter(ids).Contains(i.Id) && i.State == d.ReadState)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(i => i.State, d.State).SetProperty(i => i.Outcome, d.Outcome).SetProperty(i => i.Certificates, d.Certificates)
                        .SetProperty(i => i.Losses, d.Losses).SetProperty(i => i.Note, d.Note).SetProperty(i => i.DecidedAt, d.DecidedAt).SetProperty(i => i.DecidedBy, d.DecidedBy),
                    cancellationToken).ConfigureAwait(false);
            if (updated != ids.Count)
            {
                throw new ConcurrencyConflictException("更新中に他の処理が更新の対象世帯を変更しました。");
            }

            foreach (var entry in group)
            {
                entry.State = EntityState.Unchanged;
            }
        }
    }

    /// <summary>Decides one item on its loaded members and marks it decided (with its audit event) when it is; saves nothing.</summary>
    private async Task<HouseholdResult> DecideItemAsync(
        RenewalItem item, List<Member> members, List<Obligor> obligors, DecideContext context, IncomeDeterminations determinations, string actor, CancellationToken cancellationToken)
    {
        var result = context.Kind == RenewalKind.August
            ? await AugustAsync(item, members, obligors, context, determinations, actor, cancellationToken).ConfigureAwait(false)
            : await AprilAsync(item, members, context, actor, cancellationToken).ConfigureAwait(false);
        if (result.Kind == HouseholdResultKind.Decided)
        {
            item.State = RenewalItemState.Decided;
            item.Outcome = result.Outcome;
            item.Certificates = result.Certificates;
            item.Losses = result.Losses;
            item.DecidedAt = batchNow ?? AppClock.Now(clock);
            item.DecidedBy = actor;
            db.AddAudit(new AuditEntry(actor, AuditEventType.RenewalDecided, "recipient", item.HeadRecipientNumber, new Dictionary<string, object?>
            {
                ["kind"] = context.Kind.ToString(),
                ["year"] = context.Year,
                ["outcome"] = result.Outcome.ToString(),
                ["certificates"] = result.Certificates,
                ["losses"] = result.Losses,
                ["note"] = item.Note,
            }));
        }

        return result;
    }

    /// <summary>One household in its own transaction; a refusal rolls it back and leaves a note on the item.</summary>
    private async Task<HouseholdResult> DecideHouseholdAsync(long itemId, DecideContext context, string actor, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                db.DiscardPendingAudit();
                var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var item = await db.RenewalItems.SingleAsync(i => i.Id == itemId, cancellationToken).ConfigureAwait(false);
                    if (item.State == RenewalItemState.Decided)
                    {
                        return new HouseholdResult(HouseholdResultKind.Skipped);
                    }

                    var members = await MembersAsync(item.HeadRecipientId, context.Effective, cancellationToken).ConfigureAwait(false);
                    var heads = members.Where(m => m.Recipient.Id == item.HeadRecipientId && !m.IsChild).Select(m => m.Recipient).ToList();
                    var obligors = context.Kind == RenewalKind.August && item.State == RenewalItemState.Returned
                        ? (await ObligorsAsync(heads, context.Effective, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(item.HeadRecipientId) ?? []
                        : [];
                    var result = await DecideItemAsync(item, members, obligors, context, new IncomeDeterminations(db, clock), actor, cancellationToken).ConfigureAwait(false);
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                    return result;
                }
            }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ConcurrencyConflictException or MasterDataMissingException or ArgumentException)
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingAudit();
            var item = await db.RenewalItems.SingleAsync(i => i.Id == itemId, cancellationToken).ConfigureAwait(false);
            item.Note = Truncate("保留: " + exception.Message);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return new HouseholdResult(HouseholdResultKind.Held);
        }
    }

    /// <summary>A member of a household as the decide step sees it.</summary>
    private sealed record Member(Recipient Recipient, string AtenaNumber, PersonRecord Person, List<EligibilityRecord> Rows, EligibilityRecord? Before, bool LostByEffective)
    {
        public bool IsChild => Recipient.Kind is RecipientKind.Child or RecipientKind.Orphan;

        /// <summary>Eligible on the day before and not lost on or before the effective date.</summary>
        public bool Continues => Before is not null && !LostByEffective;
    }

    /// <summary>
    /// The members of each household headed by one of <paramref name="headIds"/>, with their current
    /// eligibility rows (tracked when <paramref name="tracked"/>; a batch reads them untracked and
    /// collects its history edits in <see cref="batchRows"/>); four queries.
    /// </summary>
    private async Task<Dictionary<long, List<Member>>> MembersAsync(List<long> headIds, DateOnly effective, bool tracked, CancellationToken cancellationToken)
    {
        var before = effective.AddDays(-1);
        var recipients = await db.Recipients.AsNoTracking()
            .Where(r => EF.Parameter(headIds).Contains(r.Id) || (r.ParentRecipientId != null && EF.Parameter(headIds).Contains(r.ParentRecipientId.Value)))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = recipients.Select(r => r.Id).ToList();
        var current = db.EligibilityRecords.Where(e => EF.Parameter(ids).Contains(e.RecipientId)).Current();
        var rows = (await (tracked ? current : current.AsNoTracking()).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(e => e.RecipientId);
        var personIds = recipients.Select(r => r.PersonId).Distinct().ToList();
        var persons = (await db.PersonRecords.AsNoTracking().Where(p => EF.Parameter(personIds).Contains(p.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(p => p.PersonId);
        var atena = await db.Persons.AsNoTracking().Where(p => EF.Parameter(personIds).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.AtenaNumber, cancellationToken).ConfigureAwait(false);
        var heads = headIds.ToHashSet();
        var households = headIds.Distinct().ToDictionary(h => h, _ => new List<Member>());
        foreach (var recipient in recipients)
        {
            var members = heads.Contains(recipient.Id) ? households[recipient.Id]
                : recipient.ParentRecipientId is { } parent && heads.Contains(parent) ? households[parent]
                : null;
            if (members is null)
            {
                continue;
            }

            var person = persons[recipient.PersonId].Where(p => p.ValidFrom <= effective).OrderByDescending(p => p.ValidFrom).FirstOrDefault()
                ?? persons[recipient.PersonId].OrderBy(p => p.ValidFrom).FirstOrDefault();
            if (person is null)
            {
                continue;
            }

            var own = rows[recipient.Id].ToList();
            var activeBefore = own.FirstOrDefault(e => e.Status == EligibilityStatus.Active && e.ValidFrom <= before && (e.ValidTo == null || e.ValidTo > before));
            var lost = own.Any(e => e.Status == EligibilityStatus.Lost && e.LostOn is { } lostOn && lostOn <= effective);
            members.Add(new Member(recipient, atena.GetValueOrDefault(recipient.PersonId, string.Empty), person, own, activeBefore, lost));
        }

        return households;
    }

    /// <summary>A 扶養義務者 of a household: a member of the head's 福祉世帯 recorded with 受給者との関係 扶養義務者 on the effective date.</summary>
    private sealed record Obligor(long PersonId, string AtenaNumber);

    /// <summary>The 扶養義務者 of each head's welfare household on <paramref name="effective"/> (the head itself excluded); one query.</summary>
    private async Task<Dictionary<long, List<Obligor>>> ObligorsAsync(List<Recipient> heads, DateOnly effective, CancellationToken cancellationToken)
    {
        var householdIds = heads.Where(h => h.HouseholdId is not null).Select(h => h.HouseholdId!.Value).Distinct().ToList();
        var rows = householdIds.Count == 0
            ? []
            : await db.HouseholdMembers.AsNoTracking()
                .Where(m => EF.Parameter(householdIds).Contains(m.HouseholdId) && m.RelationshipToRecipient == IncomeDeterminations.SupportObligorRelationship)
                .AsOf(effective)
                .Join(db.Persons, m => m.PersonId, p => p.Id, (m, p) => new { m.HouseholdId, m.PersonId, p.AtenaNumber })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byHousehold = rows.ToLookup(r => r.HouseholdId);
        return heads.DistinctBy(h => h.Id).ToDictionary(
            h => h.Id,
            h => h.HouseholdId is { } household
                ? byHousehold[household].Where(r => r.PersonId != h.PersonId).DistinctBy(r => r.PersonId).OrderBy(r => r.PersonId).Select(r => new Obligor(r.PersonId, r.AtenaNumber)).ToList()
                : []);
    }

    /// <summary>The household's members in one list (the single-household queries; rows tracked outside a batch).</summary>
    private async Task<List<Member>> MembersAsync(long headId, DateOnly effective, CancellationToken cancellationToken) =>
        (await MembersAsync([headId], effective, tracked: batchRows is null, cancellationToken).ConfigureAwait(false))[headId];

    private async Task<HouseholdResult> AugustAsync(
        RenewalItem item, List<Member> members, List<Obligor> obligors, DecideContext context, IncomeDeterminations determinations, string actor, CancellationToken cancellationToken)
    {
        item.Note = null;
        if (item.State != RenewalItemState.Returned)
        {
            if (context.GraceEnds is not { } graceEnds || context.Today < graceEnds)
            {
                return new HouseholdResult(HouseholdResultKind.Waiting);
            }

            var lost = await LoseAsync(members, LossReason.RenewalNotSubmitted, context.Effective, actor, cancellationToken).ConfigureAwait(false);
            return new HouseholdResult(HouseholdResultKind.Decided, RenewalOutcome.NotSubmitted, 0, lost);
        }

        var head = members.FirstOrDefault(m => m.Recipient.Id == item.HeadRecipientId)
            ?? throw new RenewalRefusedException("世帯の代表の受給者が見つかりません。");
        FundingShare? share = null;
        var notes = new List<string>();
        if (!head.IsChild)
        {
            // 所得判定 of the parent or carer, then of each 扶養義務者 of the welfare household on 8/1.
            var taxYear = IncomeYear.ForDate(context.Effective).TaxYear;
            var determine = PhaseTimes.Now();
            var determination = await determinations.DetermineAsync(head.AtenaNumber, taxYear, context.Effective, actor, save: false, cancellationToken).ConfigureAwait(false);
            var obligorDeterminations = new List<(Obligor Obligor, IncomeDeterminationOutcome Outcome)>();
            foreach (var obligor in obligors)
            {
                obligorDeterminations.Add((obligor, await determinations.DetermineAsync(obligor.AtenaNumber, taxYear, context.Effective, actor, save: false, cancellationToken).ConfigureAwait(false)));
            }

            profile?.Stop("decide.income", determine);
            var criterion = determination.Report?.Income.Criterion ?? IncomeCriterion.Undetermined;
            var obligorCriteria = obligorDeterminations.Select(o => o.Outcome.Report?.Income.Criterion ?? IncomeCriterion.Undetermined).ToList();
            if (context.CityCriterion && (criterion == IncomeCriterion.NotMet || obligorCriteria.Contains(IncomeCriterion.NotMet)))
            {
                var lost = await LoseAsync(members, LossReason.IncomeOverLimit, context.Effective, actor, cancellationToken).ConfigureAwait(false);
                if (criterion != IncomeCriterion.NotMet)
                {
                    item.Note = "扶養義務者の所得が限度額を超えています。";
                }

                return new HouseholdResult(HouseholdResultKind.Decided, RenewalOutcome.IncomeOverLimit, 0, lost);
            }

            if (context.CityCriterion && (criterion == IncomeCriterion.Undetermined || obligorCriteria.Contains(IncomeCriterion.Undetermined)))
            {
                // Held: the determinations and the note are saved with the household's transaction.
                var who = criterion == IncomeCriterion.Undetermined ? string.Empty : "扶養義務者の";
                item.Note = string.Create(CultureInfo.InvariantCulture, $"保留: {who}{taxYear}年度課税の所得が判定できません（未申告または税情報なし）。申告後に決定をやり直してください。");
                return new HouseholdResult(HouseholdResultKind.Held);
            }

            // 県市区分: 県 only when the parent or carer and every 扶養義務者 meet the prefecture criterion.
            share = determination.Report?.Stored.FundingShare == FundingShare.Prefecture
                && obligorDeterminations.All(o => o.Outcome.Report?.Stored.FundingShare == FundingShare.Prefecture)
                    ? FundingShare.Prefecture
                    : FundingShare.City;
        }

        var children = members.Where(m => m.IsChild && m.Continues).ToList();
        var renewedChildren = new List<Member>();
        foreach (var child in children)
        {
            if (!AgeRules.IsWithinAgeLimit(child.Person.BirthDate, context.Effective))
            {
                notes.Add($"{child.Recipient.RecipientNumber}: 18歳年度末を過ぎています（年齢区分更新で喪失を確定してください）");
                continue;
            }

            renewedChildren.Add(child);
        }

        var certificates = 0;
        foreach (var child in renewedChildren)
        {
            certificates += Renew(child, child.Person.BirthDate, item.ReturnedOn, share, context, actor, notes);
        }

        if (!head.IsChild && head.Continues)
        {
            if (renewedChildren.Count == 0)
            {
                item.Note = "保留: 更新できる児童がいません（資格消滅で対象児童なしを確定してください）。";
                return new HouseholdResult(HouseholdResultKind.Held);
            }

            var youngest = renewedChildren.Max(c => c.Person.BirthDate);
            certificates += Renew(head, youngest, item.ReturnedOn, share, context, actor, notes);
        }

        item.Note = notes.Count > 0 ? Truncate(string.Join("\n", notes)) : null;
        return new HouseholdResult(HouseholdResultKind.Decided, RenewalOutcome.Renewed, certificates, 0);
    }

    /// <summary>The new row from 8/1 of one member (1), or nothing with a note (0).</summary>
    private int Renew(Member member, DateOnly validityBirth, DateOnly? appliedOn, FundingShare? share, DecideContext context, string actor, List<string> notes)
    {
        var before = member.Before!;
        if (CertificateValidity.PeriodContaining(context.Effective, validityBirth, before.FixedTermEnd) is not { } period)
        {
            notes.Add($"{member.Recipient.RecipientNumber}: 有期終了日を過ぎているため更新しません");
            return 0;
        }

        var payer = PayerFor(member, context.Effective, context)
            ?? throw new RenewalRefusedException($"公費負担者マスタに、{context.Effective:yyyy-MM-dd}に有効な受給者番号 {member.Recipient.RecipientNumber} の年齢区分の公費負担者番号がありません。");
        var now = batchNow ?? AppClock.Now(clock);
        var plan = PhaseTimes.Now();
        Apply(History.PlanChange(member.Rows, context.Effective, row =>
        {
            row.Status = EligibilityStatus.Active;
            row.ApplicationKind = ApplicationKind.Renewal;
            row.ApplicationReason = null;
            row.AppliedOn = appliedOn;
            row.ByAuthority = false;
            row.DecidedOn = context.Today;
            row.DecisionResult = DecisionResult.Granted;
            row.DecisionReason = null;
            row.CertificateValidFrom = period.Start;
            row.CertificateValidTo = period.End;
            row.BenefitMethod = payer.BenefitMethod;
            row.PayerNumber = payer.PayerNumber;
            row.FundingShare = share ?? row.FundingShare;
            row.LostOn = null;
            row.LossReason = null;
        }, now, actor), now);
        profile?.Stop("decide.rows", plan);
        return 1;
    }

    private async Task<HouseholdResult> AprilAsync(RenewalItem item, List<Member> members, DecideContext context, string actor, CancellationToken cancellationToken)
    {
        var before = context.Effective.AddDays(-1);
        var losses = new RecipientLosses(db, clock);
        var lost = 0;
        var notes = new List<string>();
        foreach (var child in members.Where(m => m.IsChild && m.Continues && AgeRules.LostOnForAgeLimit(m.Person.BirthDate) <= context.Effective))
        {
            var plan = await losses.PlanAsync(child.Recipient.Id, LossReason.AgeLimit, AgeRules.EndOfFiscalYearReaching18(child.Person.BirthDate), cancellationToken).ConfigureAwait(false);
            if (!plan.CanConfirm)
            {
                notes.Add($"{child.Recipient.RecipientNumber}: {plan.Problem}");
                continue;
            }

            await losses.ConfirmAsync(child.Recipient.Id, LossReason.AgeLimit, plan.EventDate, plan.Losses.ToDictionary(l => l.RecipientId, l => l.Version), actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            lost += plan.Losses.Count;
        }

        // Bracket changes, on the rows as they stand after the losses (saved by RecipientLosses in this transaction).
        if (lost > 0)
        {
            members = await MembersAsync(item.HeadRecipientId, context.Effective, cancellationToken).ConfigureAwait(false);
        }

        var certificates = 0;
        var now = batchNow ?? AppClock.Now(clock);
        foreach (var member in members.Where(m => m.Continues))
        {
            var current = member.Before!;
            var bracketBefore = AgeBrackets.BracketOn(member.Recipient.Kind, member.Person.BirthDate, before, context.Brackets.Where(b => b.IsValidOn(before)));
            var bracketAfter = AgeBrackets.BracketOn(member.Recipient.Kind, member.Person.BirthDate, context.Effective, context.Brackets.Where(b => b.IsValidOn(context.Effective)));
            if (bracketAfter is null)
            {
                notes.Add($"{member.Recipient.RecipientNumber}: {context.Effective:yyyy-MM-dd}の年齢区分がありません");
                continue;
            }

            var payer = PayerFor(member, context.Effective, context);
            if (payer is null)
            {
                notes.Add($"{member.Recipient.RecipientNumber}: 年齢区分「{bracketAfter.Name}」の公費負担者番号がありません");
                continue;
            }

            if (bracketBefore?.Code == bracketAfter.Code && payer.PayerNumber == current.PayerNumber && payer.BenefitMethod == current.BenefitMethod)
            {
                continue;
            }

            Apply(History.PlanChange(member.Rows, context.Effective, row =>
            {
                row.PayerNumber = payer.PayerNumber;
                row.BenefitMethod = payer.BenefitMethod;
                row.ByAuthority = true;
                row.DecidedOn = context.Today;
                row.DecisionResult = DecisionResult.Granted;
                if (row.CertificateValidFrom is null || row.CertificateValidFrom < context.Effective)
                {
                    row.CertificateValidFrom = context.Effective;
                }
            }, now, actor), now);
            certificates++;
        }

        item.Note = notes.Count > 0 ? Truncate(string.Join("\n", notes)) : null;
        var outcome = lost > 0 ? RenewalOutcome.AgeLimit : certificates > 0 ? RenewalOutcome.BracketChanged : RenewalOutcome.Unchanged;
        return new HouseholdResult(HouseholdResultKind.Decided, outcome, certificates, lost);
    }

    /// <summary>
    /// A history edit of a member's eligibility: inside a batch collected for the batch's bulk write (the
    /// superseded row marked at <paramref name="now"/>, the batch's instant), outside one applied to the
    /// change tracker as usual.
    /// </summary>
    private void Apply(HistoryEdit<EligibilityRecord> edit, DateTimeOffset now)
    {
        if (batchRows is null)
        {
            edit.ApplyTo(db, now);
            return;
        }

        foreach (var row in edit.Superseded)
        {
            row.SupersededAt = now;
            batchRows.Superseded.Add(row.Id);
        }

        batchRows.Added.AddRange(edit.Added);
    }

    /// <summary>The 公費負担者 of the member's bracket on <paramref name="date"/>: its current 給付区分 first, then the usual preference.</summary>
    private static PublicPayer? PayerFor(Member member, DateOnly date, DecideContext context)
    {
        var brackets = context.Brackets.Where(b => b.IsValidOn(date)).ToList();
        var bracket = AgeBrackets.BracketOn(member.Recipient.Kind, member.Person.BirthDate, date, brackets);
        if (bracket is null)
        {
            return null;
        }

        IEnumerable<BenefitMethod> methods = member.Before?.BenefitMethod is { } currentMethod
            ? ApplicationDecisions.MethodPreference.Prepend(currentMethod).Distinct()
            : ApplicationDecisions.MethodPreference;
        return methods.Select(method => PublicPayers.Find(context.Payers, brackets, PublicPayer.SingleParentProgram, method, bracket.Code, date))
            .FirstOrDefault(p => p is not null);
    }

    /// <summary>
    /// The loss of a whole household for <paramref name="cause"/> through <see cref="RecipientLosses"/>:
    /// the head first (its cause), then every child still eligible (the same cause), so the parent is
    /// not recorded as 対象児童なし. Returns the recipients lost.
    /// </summary>
    private async Task<int> LoseAsync(List<Member> members, LossReason cause, DateOnly effective, string actor, CancellationToken cancellationToken)
    {
        var losses = new RecipientLosses(db, clock);
        var count = 0;
        foreach (var member in members.Where(m => m.Continues).OrderBy(m => m.IsChild).ThenBy(m => m.Recipient.Id))
        {
            var plan = await losses.PlanAsync(member.Recipient.Id, cause, effective, cancellationToken).ConfigureAwait(false);
            if (!plan.CanConfirm)
            {
                continue;
            }

            await losses.ConfirmAsync(member.Recipient.Id, cause, effective, plan.Losses.ToDictionary(l => l.RecipientId, l => l.Version), actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            count += plan.Losses.Count;
        }

        return count;
    }

    private async Task<List<RenewalForm>> FormsAsync(List<RenewalItem> items, int year, CancellationToken cancellationToken)
    {
        var before = EffectiveDate(RenewalKind.August, year).AddDays(-1);
        var heads = items.Select(i => i.HeadRecipientId).ToList();
        var recipients = await db.Recipients.AsNoTracking().Where(r => heads.Contains(r.Id) || (r.ParentRecipientId != null && heads.Contains(r.ParentRecipientId.Value)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = recipients.Select(r => r.Id).ToList();
        var validTo = (await db.EligibilityRecords.AsNoTracking().Where(e => ids.Contains(e.RecipientId) && e.Status == EligibilityStatus.Active).AsOf(before)
            .Select(e => new { e.RecipientId, e.CertificateValidTo }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.RecipientId).ToDictionary(g => g.Key, g => g.First().CertificateValidTo);
        var personIds = recipients.Select(r => r.PersonId).ToList();
        var persons = (await db.PersonRecords.AsNoTracking().Where(p => personIds.Contains(p.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ValidFrom).First());
        var headPersons = recipients.Where(r => heads.Contains(r.Id)).Select(r => r.PersonId).ToList();
        var insurance = (await db.Insurances.AsNoTracking().Where(i => headPersons.Contains(i.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(i => i.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.ValidFrom).First());
        var accounts = (await db.BankAccounts.AsNoTracking().Where(b => headPersons.Contains(b.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(b => b.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(b => b.ValidFrom).First());
        var forms = new List<RenewalForm>(items.Count);
        foreach (var item in items)
        {
            var head = recipients.Single(r => r.Id == item.HeadRecipientId);
            var household = recipients.Where(r => r.Id == head.Id || r.ParentRecipientId == head.Id)
                .Where(r => validTo.ContainsKey(r.Id) && persons.ContainsKey(r.PersonId))
                .OrderBy(r => r.Id != head.Id).ThenBy(r => r.RecipientNumber, StringComparer.Ordinal)
                .Select(r => new RenewalFormMember(persons[r.PersonId].Name, r.RecipientNumber, persons[r.PersonId].BirthDate, r.Id == head.Id ? "本人" : "子", validTo[r.Id]))
                .ToList();
            var person = persons.GetValueOrDefault(head.PersonId);
            var to = new Addressee(person?.Name ?? string.Empty, person?.PostalCode, person?.Address);
            var insured = insurance.GetValueOrDefault(head.PersonId) is { } i
                ? $"{Label(RecipientVocabulary.InsuranceKinds, i.InsuranceKind)}　保険者番号 {i.InsurerNumber}{(i.CardSymbol is { Length: > 0 } symbol ? "　記号 " + symbol : string.Empty)}"
                : null;
            var account = accounts.GetValueOrDefault(head.PersonId) is { } a
                ? $"{a.BankName}　{a.BranchName}　{Label(RecipientVocabulary.AccountTypes, a.AccountType)}　{Mask(a.AccountNumber)}"
                : null;
            forms.Add(new RenewalForm(to, item.HeadRecipientNumber, household, insured, account));
        }

        return forms;
    }

    private async Task<string> HeadNameAsync(long headId, CancellationToken cancellationToken) =>
        (await NamesAsync([headId], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(headId, string.Empty);

    private async Task<Dictionary<long, string>> NamesAsync(List<long> recipientIds, CancellationToken cancellationToken)
    {
        var persons = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id)).Select(r => new { r.Id, r.PersonId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var personIds = persons.Select(p => p.PersonId).ToList();
        var names = (await db.PersonRecords.AsNoTracking().Where(p => personIds.Contains(p.PersonId)).Current()
                .Select(p => new { p.PersonId, p.ValidFrom, p.Name }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ValidFrom).First().Name);
        return persons.ToDictionary(p => p.Id, p => names.GetValueOrDefault(p.PersonId, string.Empty));
    }

    /// <summary>The head of a recipient's household: a parent or carer heads its own; a child its 親受給者 (an orphan without one, itself).</summary>
    private static long HeadOf(long id, RecipientKind kind, long? parentRecipientId) =>
        kind is RecipientKind.Child or RecipientKind.Orphan ? parentRecipientId ?? id : id;

    private static string RunKey(RenewalRun run) => string.Create(CultureInfo.InvariantCulture, $"{run.Kind.ToString().ToLowerInvariant()}-{run.Year}");

    private static AuditEntry StepAudit(string actor, RenewalRun run, string step, Dictionary<string, object?> details)
    {
        details["kind"] = run.Kind.ToString();
        details["year"] = run.Year;
        details["step"] = step;
        return new AuditEntry(actor, AuditEventType.RenewalStepRan, "renewal", RunKey(run), details);
    }

    private static string Label<T>(IReadOnlyDictionary<string, T> vocabulary, T value)
        where T : struct, Enum =>
        vocabulary.FirstOrDefault(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key ?? value.ToString();

    private static string Mask(string accountNumber) =>
        accountNumber.Length <= 3 ? accountNumber : new string('＊', accountNumber.Length - 3) + accountNumber[^3..];

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];
}
