using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>One paid receipt found outside eligibility and the decrease it got.</summary>
public sealed record EligibilityAdjustmentLine(long MedicalClaimId, string RecipientNumber, YearMonth ServiceMonth, long PaidSoFar, long AdjustmentId);

/// <summary>
/// 過誤調整 for eligibility lost retroactively (ADR 0033): after a 喪失 (or any 資格 change) dated before
/// service months already paid, every paid receipt whose 診療月 has no eligible day any more gets a
/// decrease of what was paid for it so far (its paid line's 助成額 plus earlier differences), as a
/// <see cref="PaymentAdjustmentKind.CorrectionDecrease"/> with <see cref="SourceType"/>. A month with at
/// least one eligible day stays paid (a receipt is per month: it cannot be split by day). Running it
/// again finds nothing new.
/// </summary>
public sealed class EligibilityAdjustments(FukushiDbContext db, TimeProvider clock)
{
    /// <summary><see cref="PaymentAdjustment.SourceType"/> of a difference from a 資格 change.</summary>
    public const string SourceType = "eligibility-change";

    /// <summary>
    /// Checks the paid receipts of <paramref name="recipientNumber"/> (and of the children paid to it), or of
    /// every recipient with a 喪失 recorded when null, against their eligibility as we know it now.
    /// </summary>
    public async Task<IReadOnlyList<EligibilityAdjustmentLine>> ApplyAsync(string? recipientNumber, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        db.ChangeTracker.Clear();
        List<long> recipientIds;
        if (recipientNumber is not null)
        {
            var recipient = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.RecipientNumber == recipientNumber, cancellationToken).ConfigureAwait(false)
                ?? throw new ClaimCorrectionRefusedException($"受給者番号 {recipientNumber} の受給者はいません。");
            recipientIds = await db.Recipients.AsNoTracking().Where(r => r.Id == recipient.Id || r.ParentRecipientId == recipient.Id)
                .Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            recipientIds = await db.EligibilityRecords.AsNoTracking().Current().Where(e => e.Status == EligibilityStatus.Lost)
                .Select(e => e.RecipientId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var created = new List<EligibilityAdjustmentLine>();
                var now = AppClock.Now(clock);
                foreach (var chunk in recipientIds.Chunk(1000))
                {
                    var ids = chunk.ToList();
                    var periods = (await db.EligibilityRecords.AsNoTracking().Current()
                            .Where(e => ids.Contains(e.RecipientId) && e.Status == EligibilityStatus.Active)
                            .Select(e => new { e.RecipientId, e.ValidFrom, e.ValidTo })
                            .ToListAsync(cancellationToken).ConfigureAwait(false))
                        .ToLookup(e => e.RecipientId);
                    var numbers = await db.Recipients.AsNoTracking().Where(r => ids.Contains(r.Id))
                        .ToDictionaryAsync(r => r.Id, r => r.RecipientNumber, cancellationToken).ConfigureAwait(false);
                    var paid = await db.PaymentLines.AsNoTracking()
                        .Where(l => ids.Contains(l.RecipientId) && db.PaidClaims.Any(p => p.PaymentLineId == l.Id))
                        .OrderBy(l => l.MedicalClaimId)
                        .ToListAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var line in paid)
                    {
                        var month = YearMonth.FromNumber(line.ServiceMonth);
                        bool eligible = periods[line.RecipientId].Any(p => p.ValidFrom <= month.LastDay && (p.ValidTo is null || p.ValidTo > month.FirstDay));
                        if (eligible)
                        {
                            continue;
                        }

                        var soFar = await ClaimCorrections.PaidSoFarAsync(db, line.MedicalClaimId, cancellationToken).ConfigureAwait(false);
                        long net = soFar?.Net ?? 0;
                        if (net <= 0)
                        {
                            continue;
                        }

                        var adjustment = new PaymentAdjustment
                        {
                            PayeeRecipientId = line.PayeeRecipientId,
                            RecipientId = line.RecipientId,
                            MedicalClaimId = line.MedicalClaimId,
                            Kind = PaymentAdjustmentKind.CorrectionDecrease,
                            Amount = -net,
                            Status = PaymentAdjustmentStatus.Pending,
                            Reason = string.Create(CultureInfo.InvariantCulture, $"資格の遡及喪失: 診療月 {month} は受給資格の期間外（支払済み {net:N0}円を減額）"),
                            SourceType = SourceType,
                            SourceId = numbers[line.RecipientId],
                            CreatedBy = actor,
                            CreatedAt = now,
                        };
                        db.PaymentAdjustments.Add(adjustment);
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                        created.Add(new EligibilityAdjustmentLine(line.MedicalClaimId, numbers[line.RecipientId], month, net, adjustment.Id));
                    }
                }

                if (created.Count > 0)
                {
                    db.AddAudit(new AuditEntry(actor, AuditEventType.EligibilityAdjusted, "recipient", recipientNumber ?? "*", new Dictionary<string, object?>
                    {
                        ["receipts"] = created.Select(c => c.MedicalClaimId).ToList(),
                        ["adjustments"] = created.Select(c => c.AdjustmentId).ToList(),
                        ["total"] = -created.Sum(c => c.PaidSoFar),
                    }));
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return created;
            }
        }).ConfigureAwait(false);
    }
}
