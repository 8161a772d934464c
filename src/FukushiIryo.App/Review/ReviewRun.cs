using System.Globalization;
using System.Linq.Expressions;
using System.Threading.Channels;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FukushiIryo.App.Review;

/// <summary>What one 審査 run did: claims per outcome, findings per rule, resolved claims left alone.</summary>
public sealed record ReviewRunResult(
    YearMonth Month,
    int Reviewed,
    int SkippedResolved,
    IReadOnlyDictionary<ReviewOutcome, int> ByOutcome,
    IReadOnlyDictionary<string, int> ByRule);

/// <summary>
/// 審査 of a 処理年月 (issue 11 item 6): loads the month's claims (migrated paid claims are history,
/// not reviewed) in batches of <see cref="BatchSize"/>, with their recipients' eligibility, insurance
/// and 生活保護 periods, the duplicate history and the payment terms (ClaimSubsidyTerms), runs <see cref="ReviewRules"/>, and stores each
/// claim's outcome and findings (<see cref="ClaimReview"/>). Re-runnable: a claim's open result is
/// superseded by the new one; a resolved (承認・否認) result is never touched. One transaction per
/// batch; one audit event for the run.
/// </summary>
public sealed class ReviewRun(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>Claims per batch (and per transaction).</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>
    /// A claim as the run reads it: every column but the records as written and the import warnings
    /// (long texts no rule reads), so that a month of a million claims is not read in full twice.
    /// </summary>
    private static readonly Expression<Func<MedicalClaim, MedicalClaim>> ReviewColumns = c => new MedicalClaim
    {
        Id = c.Id,
        Source = c.Source,
        ImportedFileId = c.ImportedFileId,
        EnteredBy = c.EnteredBy,
        SourceLine = c.SourceLine,
        Clearinghouse = c.Clearinghouse,
        ProcessingMonth = c.ProcessingMonth,
        ServiceMonth = c.ServiceMonth,
        ProviderCode = c.ProviderCode,
        PrefectureCode = c.PrefectureCode,
        ProviderName = c.ProviderName,
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
        OtherPayerNumbers = c.OtherPayerNumbers,
        LongTerm = c.LongTerm,
        DisasterMutualAid = c.DisasterMutualAid,
        PayerNumber = c.PayerNumber,
        RecipientNumber = c.RecipientNumber,
        InsurerNumber = c.InsurerNumber,
        CardSymbol = c.CardSymbol,
        CardNumber = c.CardNumber,
        KanaName = c.KanaName,
        BirthDate = c.BirthDate,
        RecipientId = c.RecipientId,
        SuggestedRecipientId = c.SuggestedRecipientId,
        MatchStatus = c.MatchStatus,
        MatchReason = c.MatchReason,
        PaidOn = c.PaidOn,
        SubsidyAmount = c.SubsidyAmount,
        ImportedAt = c.ImportedAt,
    };

    /// <summary>The columns of a claim that <see cref="ToReviewClaim"/> reads: the history of the same recipients and 診療月.</summary>
    private static readonly Expression<Func<MedicalClaim, MedicalClaim>> HistoryColumns = c => new MedicalClaim
    {
        Id = c.Id,
        Source = c.Source,
        RecipientId = c.RecipientId,
        ServiceMonth = c.ServiceMonth,
        ProcessingMonth = c.ProcessingMonth,
        ProviderCode = c.ProviderCode,
        PrefectureCode = c.PrefectureCode,
        Schedule = c.Schedule,
        Inpatient = c.Inpatient,
        InsurerShareRate = c.InsurerShareRate,
        Points = c.Points,
        MedicalCost = c.MedicalCost,
        PatientShare = c.PatientShare,
        OtherPublicAmount = c.OtherPublicAmount,
        OtherPayerNumbers = c.OtherPayerNumbers,
        LongTerm = c.LongTerm,
        DisasterMutualAid = c.DisasterMutualAid,
        RecipientNumber = c.RecipientNumber,
        InsurerNumber = c.InsurerNumber,
        BirthDate = c.BirthDate,
    };

    /// <summary>生活保護 as staff record it as 他制度 on an eligibility row.</summary>
    public const string PublicAssistanceProgram = "生活保護";

    public async Task<ReviewRunResult> RunAsync(YearMonth month, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        int key = MonthKey(month);
        var today = JstClock.Today(clock);
        var parameters = new ReviewParameters(await db.ClaimDeadlineMonthsOnAsync(month.FirstDay, cancellationToken).ConfigureAwait(false));
        var byOutcome = Enum.GetValues<ReviewOutcome>().ToDictionary(o => o, _ => 0);
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int reviewed = 0, skipped = 0;

        // The month's claim ids first (16 bytes a claim), then the claims by key a batch at a time: paging
        // with "Id > last … ORDER BY Id LIMIT n" let PostgreSQL sort the rest of the month again for every
        // batch when it chose the 処理年月 index. Claims imported after this point wait for the next run.
        // The batches follow the recipients (then the ids), so that the history a batch reads (the same
        // recipients and 診療月) is mostly the batch's own claims, not five times as many scattered ones.
        List<long[]> chunks;
        using (PhaseTimes.Start("review.ids"))
        {
            // Sorted by the database: the process reads one long a claim instead of a million pairs to sort.
            var monthClaims = await db.MedicalClaims.AsNoTracking()
                .Where(c => c.ProcessingMonth == key && c.Source != MedicalClaimSource.PaidMigrated)
                .OrderBy(c => c.RecipientId ?? 0).ThenBy(c => c.Id)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            chunks = monthClaims.Chunk(BatchSize).ToList();
        }

        // The claims of the month that have a current result (none on the first run): a batch without any
        // does not ask for them (one query for the month instead of one a batch).
        HashSet<long> withResult;
        using (PhaseTimes.Start("review.current"))
        {
            withResult = (await db.ClaimReviews.AsNoTracking()
                .Where(r => r.SupersededAt == null && db.MedicalClaims.Any(c => c.Id == r.MedicalClaimId && c.ProcessingMonth == key))
                .Select(r => r.MedicalClaimId)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        }

        // Every recipient once for the run, not the batch's recipients, households and parents in four queries
        // a batch (ADR 0023 session 9, RecipientDirectory).
        var recipients = await RecipientDirectory.ReadAsync(db, cancellationToken).ConfigureAwait(false);

        void Tally((List<ClaimReview> Stored, int Skipped) batch)
        {
            skipped += batch.Skipped;
            foreach (var review in batch.Stored)
            {
                reviewed++;
                byOutcome[review.Outcome]++;
                foreach (var code in review.Findings.Select(f => f.Code).Distinct())
                {
                    byRule[code] = byRule.GetValueOrDefault(code) + 1;
                }
            }
        }

        if (db.IsSqlite || db.Database.CurrentTransaction is not null)
        {
            // SQLite (one writer, and tests on one file) or inside a caller's transaction: one batch after the other.
            var terms = new ClaimSubsidyTerms(db) { AllRecipients = recipients };
            foreach (var chunk in chunks)
            {
                var read = await ReadBatchAsync(db, terms, recipients, chunk, withResult, today, parameters, cancellationToken).ConfigureAwait(false);
                Tally(await WriteBatchAsync(RuleBatch(read, actor), cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            await PipelineAsync(chunks, recipients, withResult, today, parameters, actor, Tally, cancellationToken).ConfigureAwait(false);
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.ReviewRan, "review", month.ToString(), new Dictionary<string, object?>
        {
            ["month"] = month.ToString(),
            ["reviewed"] = reviewed,
            ["skippedResolved"] = skipped,
            ["accepted"] = byOutcome[ReviewOutcome.Accepted],
            ["needsReview"] = byOutcome[ReviewOutcome.NeedsReview],
            ["rejected"] = byOutcome[ReviewOutcome.Rejected],
            ["rules"] = string.Join(",", byRule.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}:{pair.Value}"))),
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new ReviewRunResult(month, reviewed, skipped, byOutcome, byRule);
    }

    /// <summary>The rules' result for one claim as it stands (after its match was corrected).</summary>
    internal async Task<ReviewResult> ReviewClaimAsync(MedicalClaim claim, CancellationToken cancellationToken)
    {
        var month = MonthOf(claim.ProcessingMonth);
        var parameters = new ReviewParameters(await db.ClaimDeadlineMonthsOnAsync(month.FirstDay, cancellationToken).ConfigureAwait(false));
        var contexts = await ContextsAsync(db, new ClaimSubsidyTerms(db), null, [claim], JstClock.Today(clock), parameters, cancellationToken).ConfigureAwait(false);
        return ReviewRules.Review(contexts[0]);
    }

    /// <summary>A batch's claims (by id) with the context of each, read before its transaction.</summary>
    private sealed record ReadBatch(List<MedicalClaim> Claims, List<ReviewContext> Contexts, bool HaveResults);

    /// <summary>A batch's new results, one per claim in the same order, made at <see cref="Now"/>.</summary>
    private sealed record RuledBatch(List<MedicalClaim> Claims, List<ClaimReview> Reviews, bool HaveResults, DateTimeOffset Now);

    /// <summary>
    /// PostgreSQL: three stages that overlap, joined by channels of one batch each — a reader on a
    /// second connection reads batch n+1 (claims and their contexts) while the rules run on batch n and
    /// this context writes batch n−1 in its own transaction. Nothing the run writes (ClaimReviews) is
    /// read by the reader, so the results are those of one batch after the other. The first failure of
    /// any stage stops the others and is thrown; the batches already committed stay, as before.
    /// </summary>
    private async Task PipelineAsync(
        List<long[]> chunks, RecipientDirectory recipients, HashSet<long> withResult, DateOnly today, ReviewParameters parameters, string actor,
        Action<(List<ClaimReview> Stored, int Skipped)> tally, CancellationToken cancellationToken)
    {
        var options = (DbContextOptions<FukushiDbContext>)db.GetService<IDbContextOptions>();
        var reader = new FukushiDbContext(options);
        await using (reader.ConfigureAwait(false))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var oneBatch = new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true };
            var read = Channel.CreateBounded<ReadBatch>(oneBatch);
            var terms = new ClaimSubsidyTerms(reader) { AllRecipients = recipients };
            var ruled = Channel.CreateBounded<RuledBatch>(oneBatch);
            var reading = Task.Run(
                async () =>
                {
                    try
                    {
                        foreach (var chunk in chunks)
                        {
                            var batch = await ReadBatchAsync(reader, terms, recipients, chunk, withResult, today, parameters, stop.Token).ConfigureAwait(false);
                            await read.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                        }

                        read.Writer.Complete();
                    }
                    catch (Exception exception)
                    {
                        read.Writer.Complete(exception);
                    }
                },
                CancellationToken.None);
            var ruling = Task.Run(
                async () =>
                {
                    try
                    {
                        await foreach (var batch in read.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                        {
                            await ruled.Writer.WriteAsync(RuleBatch(batch, actor), stop.Token).ConfigureAwait(false);
                        }

                        ruled.Writer.Complete();
                    }
                    catch (Exception exception)
                    {
                        ruled.Writer.Complete(exception);
                    }
                },
                CancellationToken.None);
            try
            {
                await foreach (var batch in ruled.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    tally(await WriteBatchAsync(batch, stop.Token).ConfigureAwait(false));
                }
            }
            finally
            {
                // On success both stages have already ended; on a failure here they are stopped and their (cancelled) end awaited.
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(reading, ruling).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads a batch's claims (in id order) and the context of each through <paramref name="source"/> (and <paramref name="terms"/> on it).</summary>
    private static async Task<ReadBatch> ReadBatchAsync(
        FukushiDbContext source, ClaimSubsidyTerms terms, RecipientDirectory recipients, long[] chunk, HashSet<long> withResult, DateOnly today, ReviewParameters parameters, CancellationToken cancellationToken)
    {
        List<MedicalClaim> claims;
        using (PhaseTimes.Start("review.claims"))
        {
            claims = await source.MedicalClaims.AsNoTracking()
                .Where(c => chunk.Contains(c.Id))
                .OrderBy(c => c.Id)
                .Select(ReviewColumns)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var contexts = await ContextsAsync(source, terms, recipients, claims, today, parameters, cancellationToken).ConfigureAwait(false);
        return new ReadBatch(claims, contexts, chunk.Any(withResult.Contains));
    }

    /// <summary>The rules' result of each claim of a batch, as the rows to store (resolved claims are dropped when written).</summary>
    private RuledBatch RuleBatch(ReadBatch batch, string actor)
    {
        using var phase = PhaseTimes.Start("review.rules");
        var now = AppClock.Now(clock);
        var reviews = new List<ClaimReview>(batch.Claims.Count);
        for (int i = 0; i < batch.Claims.Count; i++)
        {
            reviews.Add(Store(batch.Claims[i], ReviewRules.Review(batch.Contexts[i]), now, actor));
        }

        return new RuledBatch(batch.Claims, reviews, batch.HaveResults, now);
    }

    /// <summary>
    /// One transaction: supersedes the batch's open results, leaves its resolved (承認・否認) claims alone
    /// and stores the new results of the others.
    /// </summary>
    private async Task<(List<ClaimReview> Stored, int Skipped)> WriteBatchAsync(RuledBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.Claims.Select(c => c.Id).ToList();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                List<ClaimReview> current = [];
                if (batch.HaveResults)
                {
                    using var phase = PhaseTimes.Start("review.current");
                    current = await db.ClaimReviews
                        .Where(r => ids.Contains(r.MedicalClaimId) && r.SupersededAt == null)
                        .ToListAsync(cancellationToken).ConfigureAwait(false);
                }

                var resolved = current.Where(r => r.Status != ClaimReviewStatus.Open).Select(r => r.MedicalClaimId).ToHashSet();
                foreach (var open in current.Where(r => r.Status == ClaimReviewStatus.Open))
                {
                    open.SupersededAt = batch.Now;
                }

                // The superseded rows leave the filtered unique index before the new ones arrive.
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                var stored = resolved.Count == 0 ? batch.Reviews : batch.Reviews.Where(r => !resolved.Contains(r.MedicalClaimId)).ToList();
                using (PhaseTimes.Start("review.write"))
                {
                    await InsertAsync(stored, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                db.ChangeTracker.Clear();
                return (stored, resolved.Count);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes new results with their findings. PostgreSQL: binary COPY, the results' keys taken from
    /// their identity sequence first so that the findings can name them (a month of a million claims
    /// is not written row by row through the change tracker); SQLite: SaveChanges.
    /// </summary>
    private async Task InsertAsync(List<ClaimReview> reviews, CancellationToken cancellationToken)
    {
        if (db.IsSqlite)
        {
            db.ClaimReviews.AddRange(reviews);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var keys = await BulkKeyRange.ReserveAsync<ClaimReview>(db, reviews.Count, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < reviews.Count; i++)
        {
            reviews[i].Id = keys[i];
            foreach (var finding in reviews[i].Findings)
            {
                finding.ClaimReviewId = keys[i];
            }
        }

        await db.BulkInsertAsync(reviews, BulkKeys.Explicit, cancellationToken).ConfigureAwait(false);
        await db.BulkInsertAsync(reviews.SelectMany(r => r.Findings), cancellationToken).ConfigureAwait(false);
    }

    internal static ClaimReview Store(MedicalClaim claim, ReviewResult result, DateTimeOffset now, string actor) => new()
    {
        MedicalClaimId = claim.Id,
        ProcessingMonth = claim.ProcessingMonth,
        ProviderCode = claim.ProviderCode,
        Outcome = result.Outcome,
        Status = ClaimReviewStatus.Open,
        ReviewedAt = now,
        ReviewedBy = actor,
        Findings = result.Findings.Select(f => new ClaimReviewFinding { Code = f.Code, Severity = f.Severity, Message = f.Message }).ToList(),
    };

    /// <summary>
    /// The context of each claim, in order: its recipient's registered facts and the history of the same
    /// recipients and 診療月. <paramref name="directory"/> (a whole run's) gives the recipients; without it
    /// they are read.
    /// </summary>
    private static async Task<List<ReviewContext>> ContextsAsync(
        FukushiDbContext db, ClaimSubsidyTerms terms, RecipientDirectory? directory, List<MedicalClaim> claims, DateOnly today, ReviewParameters parameters, CancellationToken cancellationToken)
    {
        var facts = PhaseTimes.Start("review.facts");
        var recipientIds = claims.Where(c => c.RecipientId is not null).Select(c => c.RecipientId!.Value).Distinct().ToList();
        var serviceMonths = claims.Select(c => c.ServiceMonth).Distinct().ToList();
        var recipients = directory is not null
            ? recipientIds.Select(directory.Find).OfType<RecipientFacts>().Select(r => (r.Id, r.RecipientNumber, r.PersonId)).ToList()
            : (await db.Recipients.AsNoTracking()
                .Where(r => recipientIds.Contains(r.Id))
                .Select(r => new { r.Id, r.RecipientNumber, r.PersonId })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(r => (r.Id, r.RecipientNumber, r.PersonId)).ToList();
        var personIds = recipients.Select(r => r.PersonId).Distinct().ToList();
        var births = (await db.PersonRecords.AsNoTracking().Current().Where(p => personIds.Contains(p.PersonId))
                .Select(p => new { p.PersonId, p.ValidFrom, p.BirthDate }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(p => p.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ValidFrom).First().BirthDate);
        var eligibility = (await db.EligibilityRecords.AsNoTracking().Current()
            .Where(e => recipientIds.Contains(e.RecipientId))
            .Select(e => new { e.RecipientId, e.Status, e.OtherProgram, e.ValidFrom, e.ValidTo })
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(e => e.ValidTo is null || e.ValidTo > e.ValidFrom)
            .ToLookup(e => e.RecipientId);
        var insurance = (await db.Insurances.AsNoTracking().Current()
            .Where(i => personIds.Contains(i.PersonId))
            .Select(i => new { i.PersonId, i.InsurerNumber, i.ValidFrom, i.ValidTo })
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(i => i.ValidTo is null || i.ValidTo > i.ValidFrom)
            .ToLookup(i => i.PersonId);
        facts.Dispose();
        var historyPhase = PhaseTimes.Start("review.history");
        var history = (await db.MedicalClaims.AsNoTracking()
            .Where(c => c.RecipientId != null && recipientIds.Contains(c.RecipientId.Value) && serviceMonths.Contains(c.ServiceMonth))
            .Select(HistoryColumns)
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(ToReviewClaim)
            .ToLookup(c => c.RecipientId);

        historyPhase.Dispose();
        var recipientFacts = recipients.Where(r => births.ContainsKey(r.PersonId)).ToDictionary(r => r.Id, r => new ReviewRecipient
        {
            RecipientNumber = r.RecipientNumber,
            BirthDate = births[r.PersonId],
            EligibilityPeriods = eligibility[r.Id].Where(e => e.Status == EligibilityStatus.Active).Select(e => Period(e.ValidFrom, e.ValidTo)).ToList(),
            PublicAssistancePeriods = eligibility[r.Id]
                .Where(e => string.Equals(e.OtherProgram?.Trim(), PublicAssistanceProgram, StringComparison.Ordinal))
                .Select(e => Period(e.ValidFrom, e.ValidTo)).ToList(),
            Insurance = insurance[r.PersonId].Select(i => new InsuranceSpell(i.InsurerNumber, Period(i.ValidFrom, i.ValidTo))).ToList(),
        });

        // The payment terms (高額療養費 区分, 附加給付, 長期 cap) for R13–R15 (ADR 0021). A 現物給付 claim has none:
        // it is settled with the 審査支払機関 (D17), where the counter already applied the limits, so nothing is estimated.
        IReadOnlyList<Domain.Payments.SubsidyClaim?> subsidies;
        using (PhaseTimes.Start("review.subsidy-terms"))
        {
            subsidies = await terms.TryBuildAsync(claims, cancellationToken).ConfigureAwait(false);
        }


        return claims.Select((claim, i) =>
        {
            var reviewClaim = ToReviewClaim(claim);
            ReviewRecipient? recipient = claim.RecipientId is { } id ? recipientFacts.GetValueOrDefault(id) : null;
            IReadOnlyList<ReviewClaim> others = claim.RecipientId is null ? [] : history[claim.RecipientId].ToList();
            var subsidy = ClaimSubsidyTerms.BenefitMethodOf(claim) == BenefitMethod.InKind ? null : subsidies[i];
            return new ReviewContext(reviewClaim, recipient, others, today, parameters, subsidy);
        }).ToList();
    }

    internal static ReviewClaim ToReviewClaim(MedicalClaim claim) => new()
    {
        Id = claim.Id,
        Origin = (ClaimOrigin)(int)claim.Source,
        RecipientId = claim.RecipientId,
        ServiceMonth = MonthOf(claim.ServiceMonth),
        ProcessingMonth = MonthOf(claim.ProcessingMonth),
        ProviderCode = claim.ProviderCode,
        PrefectureCode = claim.PrefectureCode,
        Schedule = (ClaimSchedule)(int)claim.Schedule,
        Inpatient = claim.Inpatient,
        InsurerShareRate = claim.InsurerShareRate,
        Points = claim.Points,
        MedicalCost = claim.MedicalCost,
        PatientShare = claim.PatientShare,
        OtherPublicAmount = claim.OtherPublicAmount,
        OtherPayerNumbers = claim.OtherPayerNumbers,
        LongTerm = claim.LongTerm,
        DisasterMutualAid = claim.DisasterMutualAid,
        RecipientNumber = claim.RecipientNumber,
        InsurerNumber = claim.InsurerNumber,
        BirthDate = claim.BirthDate,
    };

    /// <summary>A <c>[from, to)</c> history period as days, both ends inclusive (open = <see cref="DateOnly.MaxValue"/>).</summary>
    private static DatePeriod Period(DateOnly from, DateOnly? to) =>
        new(from, to is { } end ? end.AddDays(-1) : DateOnly.MaxValue);

    public static int MonthKey(YearMonth month) => month.ToNumber();

    public static YearMonth MonthOf(int key) => YearMonth.FromNumber(key);
}
