using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Linkage;

/// <summary>A 資格喪失候補 as the work list shows it.</summary>
public sealed record LossCandidateItem(
    LossCandidate Candidate,
    string RecipientNumber,
    long RecipientPersonId,
    string RecipientName,
    string RaisedByName,
    LossReason SuggestedCause);

/// <summary>
/// The 資格喪失候補 work list (interfaces.md §1): the candidates the 住基 import raised, waiting for
/// staff. A candidate is confirmed through <see cref="Eligibility.RecipientLosses.ConfirmAsync"/>
/// (with its id) or dismissed here with a reason; nothing is lost automatically.
/// </summary>
public sealed class LossCandidates(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>The cause a candidate suggests: 転出, 死亡, 婚姻 as they are; a new 妻（未届）/夫（未届） is 事実婚, i.e. 婚姻.</summary>
    public static LossReason SuggestedCause(string cause) => cause switch
    {
        "転出" => LossReason.MovedOut,
        "死亡" => LossReason.Death,
        _ when cause.Contains("婚姻", StringComparison.Ordinal) || cause.Contains("未届", StringComparison.Ordinal) => LossReason.Marriage,
        _ => LossReason.Other,
    };

    /// <summary>The open candidates (oldest first), or with <paramref name="all"/> every candidate (latest first).</summary>
    public async Task<IReadOnlyList<LossCandidateItem>> ListAsync(bool all = false, CancellationToken cancellationToken = default)
    {
        var query = db.LossCandidates.AsNoTracking();
        if (!all)
        {
            query = query.Where(c => c.Status == LossCandidateStatus.Open);
        }

        var candidates = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return await DescribeAsync(all
            ? [.. candidates.OrderByDescending(c => c.RaisedAt).ThenByDescending(c => c.Id)]
            : [.. candidates.OrderBy(c => c.RaisedAt).ThenBy(c => c.Id)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One candidate, or null.</summary>
    public async Task<LossCandidateItem?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        var candidate = await db.LossCandidates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        return candidate is null ? null : (await DescribeAsync([candidate], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>Staff found nothing to lose: the candidate is closed with the reason, audited.</summary>
    /// <exception cref="ArgumentException">no reason.</exception>
    /// <exception cref="ConcurrencyConflictException">someone already confirmed or dismissed it.</exception>
    public async Task DismissAsync(long id, string reason, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var text = (reason ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw new ArgumentException("取下げの理由を入力してください。", nameof(reason));
        }

        if (text.Length > 500)
        {
            throw new ArgumentException("取下げの理由は500文字以内で入力してください。", nameof(reason));
        }

        var candidate = await db.LossCandidates.SingleAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (candidate.Status != LossCandidateStatus.Open)
        {
            throw new ConcurrencyConflictException("この資格喪失候補は他の職員が処理しました。一覧を読み込み直してください。");
        }

        var recipientNumber = await db.Recipients.Where(r => r.Id == candidate.RecipientId).Select(r => r.RecipientNumber).SingleAsync(cancellationToken).ConfigureAwait(false);
        candidate.Status = LossCandidateStatus.Dismissed;
        candidate.ResolvedAt = AppClock.Now(clock);
        candidate.ResolvedBy = actor;
        candidate.Resolution = text;
        db.AddAudit(new AuditEntry(actor, AuditEventType.LossCandidateDismissed, "recipient", recipientNumber, new Dictionary<string, object?>
        {
            ["candidate"] = candidate.Id,
            ["cause"] = candidate.Cause,
            ["old"] = LossCandidateStatus.Open.ToString(),
            ["new"] = LossCandidateStatus.Dismissed.ToString(),
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<LossCandidateItem>> DescribeAsync(List<LossCandidate> candidates, CancellationToken cancellationToken)
    {
        var recipientIds = candidates.Select(c => c.RecipientId).Distinct().ToList();
        var recipients = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken).ConfigureAwait(false);
        var personIds = candidates.Select(c => c.PersonId).Concat(recipients.Values.Select(r => r.PersonId)).Distinct().ToList();
        var names = (await db.PersonRecords.AsNoTracking().Where(p => personIds.Contains(p.PersonId)).Current()
            .Select(p => new { p.PersonId, p.Name, p.ValidFrom }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ValidFrom).First().Name);
        return [.. candidates.Select(c =>
        {
            var recipient = recipients[c.RecipientId];
            return new LossCandidateItem(c, recipient.RecipientNumber, recipient.PersonId,
                names.GetValueOrDefault(recipient.PersonId, string.Empty), names.GetValueOrDefault(c.PersonId, string.Empty), SuggestedCause(c.Cause));
        })];
    }
}
