using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Review;

/// <summary>The review queue's filter: 処理年月, rule code, 医療機関コード (each optional) and the status shown (default 未処理).</summary>
public sealed record ReviewQueueFilter(YearMonth? Month = null, string? RuleCode = null, string? ProviderCode = null, ClaimReviewStatus Status = ClaimReviewStatus.Open);

/// <summary>One claim of the queue with its current 審査 result.</summary>
public sealed record ReviewQueueItem(
    long ReviewId,
    long Version,
    long ClaimId,
    int ProcessingMonth,
    int ServiceMonth,
    string ProviderCode,
    string? ProviderName,
    bool Inpatient,
    long? Points,
    long? MedicalCost,
    long? PatientShare,
    string? ClaimRecipientNumber,
    string? LinkedRecipientNumber,
    MedicalClaimMatchStatus MatchStatus,
    string MatchReason,
    ReviewOutcome Outcome,
    ClaimReviewStatus Status,
    string? ResolutionReason,
    IReadOnlyList<ReviewFinding> Findings);

/// <summary>A page of the queue; <see cref="Total"/> counts every match of the filter.</summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueItem> Items, int Total, int Page, int PageSize, DateTimeOffset ReadAt);

/// <summary>
/// The review queue (審査, issue 11 item 7): the claims whose current result is not simply settled,
/// filtered by rule, 処理年月 and 医療機関; and staff resolutions, each audited with old and new
/// values and refused when stale (the review's version changed since it was shown): 承認, 否認 with a
/// reason, 照合の訂正 (link the claim to a recipient by 受給者番号 and review it again), and 一括承認 of
/// one rule's claims in the filter.
/// </summary>
public sealed class ReviewQueueService(FukushiDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    private const string ConflictMessage = "この審査結果は他の職員が処理したか、審査がやり直されました。画面を読み込み直してください。";

    /// <summary>The open results (or those of <see cref="ReviewQueueFilter.Status"/>) of the filter; an open result that is 可 is not listed.</summary>
    public async Task<ReviewQueuePage> SearchAsync(ReviewQueueFilter filter, int page = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(1, page);
        var readAt = AppClock.Now(clock);
        var query = Filtered(filter);
        int total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await query
            .OrderBy(r => r.ProcessingMonth).ThenBy(r => r.ProviderCode).ThenBy(r => r.MedicalClaimId)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Join(db.MedicalClaims.AsNoTracking(), r => r.MedicalClaimId, c => c.Id, (r, c) => new { Review = r, Claim = c })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var reviewIds = rows.Select(row => row.Review.Id).ToList();
        var findings = (await db.ClaimReviewFindings.AsNoTracking().Where(f => reviewIds.Contains(f.ClaimReviewId)).OrderBy(f => f.Code).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(f => f.ClaimReviewId);
        var linkedIds = rows.Where(row => row.Claim.RecipientId != null).Select(row => row.Claim.RecipientId!.Value).Distinct().ToList();
        var numbers = await db.Recipients.AsNoTracking().Where(r => linkedIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.RecipientNumber, cancellationToken).ConfigureAwait(false);
        var items = rows.Select(row => new ReviewQueueItem(
            row.Review.Id, row.Review.Version, row.Claim.Id, row.Claim.ProcessingMonth, row.Claim.ServiceMonth, row.Claim.ProviderCode, row.Claim.ProviderName,
            row.Claim.Inpatient, row.Claim.Points, row.Claim.MedicalCost, row.Claim.PatientShare, row.Claim.RecipientNumber,
            row.Claim.RecipientId is { } id ? numbers.GetValueOrDefault(id) : null, row.Claim.MatchStatus, row.Claim.MatchReason,
            row.Review.Outcome, row.Review.Status, row.Review.ResolutionReason,
            findings[row.Review.Id].Select(f => new ReviewFinding(f.Code, f.Severity, f.Message)).ToList())).ToList();
        return new ReviewQueuePage(items, total, page, PageSize, readAt);
    }

    /// <summary>承認: the claim is accepted as it stands.</summary>
    /// <exception cref="ConcurrencyConflictException">the result changed since <paramref name="expectedVersion"/>, or is no longer open.</exception>
    public Task ApproveAsync(long reviewId, long expectedVersion, string actor, CancellationToken cancellationToken = default) =>
        ResolveAsync(reviewId, expectedVersion, ClaimReviewStatus.Approved, null, actor, AuditEventType.ClaimReviewApproved, cancellationToken);

    /// <summary>否認: the claim is not paid, for <paramref name="reason"/>.</summary>
    /// <exception cref="ArgumentException">no reason.</exception>
    /// <exception cref="ConcurrencyConflictException">the result changed since it was shown.</exception>
    public Task RejectAsync(long reviewId, long expectedVersion, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("否認の理由を入力してください。", nameof(reason));
        }

        return ResolveAsync(reviewId, expectedVersion, ClaimReviewStatus.Rejected, reason.Trim(), actor, AuditEventType.ClaimReviewRejected, cancellationToken);
    }

    /// <summary>
    /// 照合の訂正: links the claim to the recipient of <paramref name="recipientNumber"/> (照合済 by staff)
    /// and reviews it again; the new result is open, for staff to approve or reject.
    /// </summary>
    /// <exception cref="ArgumentException">no recipient has that 受給者番号.</exception>
    /// <exception cref="ConcurrencyConflictException">the result changed since it was shown.</exception>
    public async Task<ClaimReview> RematchAsync(long reviewId, long expectedVersion, string recipientNumber, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var number = MedicalClaimMatching.Clean(recipientNumber);
        var recipient = number is null ? null
            : await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.RecipientNumber == number, cancellationToken).ConfigureAwait(false);
        if (recipient is null)
        {
            throw new ArgumentException("その受給者番号の受給者はいません。", nameof(recipientNumber));
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var review = await OpenReviewAsync(reviewId, expectedVersion, cancellationToken).ConfigureAwait(false);
            var claim = await db.MedicalClaims.SingleAsync(c => c.Id == review.MedicalClaimId, cancellationToken).ConfigureAwait(false);
            var oldRecipientId = claim.RecipientId;
            var oldStatus = claim.MatchStatus;
            claim.RecipientId = recipient.Id;
            claim.SuggestedRecipientId = null;
            claim.MatchStatus = MedicalClaimMatchStatus.Matched;
            claim.MatchReason = "職員が受給者番号で照合を訂正";
            var now = AppClock.Now(clock);

            // The old result leaves the current set first (the UPDATE checks the version the user read).
            review.SupersededAt = now;
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            var result = await new ReviewRun(db, clock).ReviewClaimAsync(claim, cancellationToken).ConfigureAwait(false);
            var next = ReviewRun.Store(claim, result, now, actor);
            db.ClaimReviews.Add(next);
            db.AddAudit(new AuditEntry(actor, AuditEventType.ClaimReviewRematched, "claim_review", review.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
            {
                ["claimId"] = claim.Id,
                ["oldRecipientId"] = oldRecipientId,
                ["newRecipientId"] = recipient.Id,
                ["newRecipientNumber"] = recipient.RecipientNumber,
                ["oldMatchStatus"] = oldStatus.ToString(),
                ["newMatchStatus"] = claim.MatchStatus.ToString(),
                ["oldOutcome"] = review.Outcome.ToString(),
                ["newOutcome"] = next.Outcome.ToString(),
            }));
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return next;
        }
    }

    /// <summary>
    /// 一括承認: approves every open result of the filter that has a finding of <paramref name="ruleCode"/>
    /// and no finding of another rule (a claim with other findings stays for one-by-one review).
    /// Refused as stale when a result of the filter was reviewed again after <paramref name="shownAt"/>
    /// or the number of claims differs from <paramref name="expectedCount"/> (what the page showed).
    /// Returns how many were approved.
    /// </summary>
    public async Task<int> BulkApproveAsync(ReviewQueueFilter filter, string ruleCode, int expectedCount, DateTimeOffset shownAt, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var open = filter with { RuleCode = ruleCode.Trim(), Status = ClaimReviewStatus.Open };
        var ids = await Filtered(open).Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var reviews = await db.ClaimReviews.Include(r => r.Findings).Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (reviews.Count != expectedCount || reviews.Any(r => r.ReviewedAt > shownAt))
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        var now = AppClock.Now(clock);
        var approved = reviews.Where(r => r.Findings.All(f => f.Code == open.RuleCode)).ToList();
        foreach (var review in approved)
        {
            review.Status = ClaimReviewStatus.Approved;
            review.ResolvedAt = now;
            review.ResolvedBy = actor;
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.ClaimReviewsBulkApproved, "review", open.RuleCode, new Dictionary<string, object?>
        {
            ["rule"] = open.RuleCode,
            ["month"] = filter.Month?.ToString(),
            ["providerCode"] = filter.ProviderCode,
            ["approved"] = approved.Count,
            ["leftWithOtherFindings"] = reviews.Count - approved.Count,
            ["claimIds"] = string.Join(",", approved.Select(r => r.MedicalClaimId.ToString(CultureInfo.InvariantCulture))),
            ["oldStatus"] = nameof(ClaimReviewStatus.Open),
            ["newStatus"] = nameof(ClaimReviewStatus.Approved),
        }));
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return approved.Count;
    }

    /// <summary>How many claims the queue holds under <paramref name="filter"/> (the home page's 要確認 count).</summary>
    public Task<int> CountAsync(ReviewQueueFilter filter, CancellationToken cancellationToken = default) =>
        Filtered(filter).CountAsync(cancellationToken);

    private IQueryable<ClaimReview> Filtered(ReviewQueueFilter filter)
    {
        var query = db.ClaimReviews.AsNoTracking().Where(r => r.SupersededAt == null && r.Status == filter.Status);
        if (filter.Status == ClaimReviewStatus.Open)
        {
            query = query.Where(r => r.Outcome != ReviewOutcome.Accepted);
        }

        if (filter.Month is { } month)
        {
            int key = ReviewRun.MonthKey(month);
            query = query.Where(r => r.ProcessingMonth == key);
        }

        if (!string.IsNullOrWhiteSpace(filter.ProviderCode))
        {
            var code = filter.ProviderCode.Trim();
            query = query.Where(r => r.ProviderCode == code);
        }

        if (!string.IsNullOrWhiteSpace(filter.RuleCode))
        {
            var rule = filter.RuleCode.Trim();
            query = query.Where(r => db.ClaimReviewFindings.Any(f => f.ClaimReviewId == r.Id && f.Code == rule));
        }

        return query;
    }

    private async Task<ClaimReview> OpenReviewAsync(long reviewId, long expectedVersion, CancellationToken cancellationToken)
    {
        var review = await db.ClaimReviews.SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken).ConfigureAwait(false);
        if (review is null || review.Version != expectedVersion || review.SupersededAt is not null || review.Status != ClaimReviewStatus.Open)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        return review;
    }

    private async Task ResolveAsync(long reviewId, long expectedVersion, ClaimReviewStatus status, string? reason, string actor, string eventType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var review = await OpenReviewAsync(reviewId, expectedVersion, cancellationToken).ConfigureAwait(false);
        var now = AppClock.Now(clock);
        review.Status = status;
        review.ResolvedAt = now;
        review.ResolvedBy = actor;
        review.ResolutionReason = reason;
        db.AddAudit(new AuditEntry(actor, eventType, "claim_review", review.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["claimId"] = review.MedicalClaimId,
            ["outcome"] = review.Outcome.ToString(),
            ["oldStatus"] = nameof(ClaimReviewStatus.Open),
            ["newStatus"] = status.ToString(),
            ["reason"] = reason,
        }));
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(ConflictMessage, exception);
        }
        catch (DbUpdateException exception) when (exception.InnerException is not null)
        {
            // A concurrent re-run inserted the claim's new current result first (unique index).
            throw new ConcurrencyConflictException(ConflictMessage, exception);
        }
    }
}
