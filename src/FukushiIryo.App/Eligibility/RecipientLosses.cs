using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Eligibility;

/// <summary>One recipient's loss in a plan, as staff see it before confirming.</summary>
public sealed record RecipientLoss(long RecipientId, string RecipientNumber, RecipientKind Kind, long PersonId, string Name, LossReason Cause, DateOnly LostOn, long Version);

/// <summary>
/// What a 資格消滅 would do: the losses of the recipient and of its household (対象児童なし, 婚姻 of a
/// parent), computed with the LossRule master in force on the event date. Empty <see cref="Losses"/>
/// and a <see cref="Problem"/> when nothing can be lost.
/// </summary>
public sealed record LossPlan(long RecipientId, LossReason Cause, DateOnly EventDate, IReadOnlyList<RecipientLoss> Losses, string? Problem)
{
    public bool CanConfirm => Problem is null && Losses.Count > 0;
}

/// <summary>
/// 資格消滅 (issue 9 item 6): staff choose a 喪失事由 and the event date; <see cref="PlanAsync"/> shows
/// the 喪失日 and the household consequences (<see cref="LossRules.PlanHousehold"/>), and
/// <see cref="ConfirmAsync"/> records them all in one transaction — each recipient's eligibility
/// changed to 喪失 from its 喪失日, its welfare-household membership ended that day (非該当日), each
/// audited with the old and new status — refused when any recipient changed since the plan was
/// shown. Nothing is lost automatically: a 資格喪失候補 is resolved only through here.
/// </summary>
public sealed class RecipientLosses(FukushiDbContext db, TimeProvider clock)
{
    private const string ConflictMessage = "この世帯の受給者は他の職員が更新しました。画面を読み込み直してから確認してください。";

    /// <summary>The losses <paramref name="cause"/> on <paramref name="eventDate"/> would bring about.</summary>
    public async Task<LossPlan> PlanAsync(long recipientId, LossReason cause, DateOnly eventDate, CancellationToken cancellationToken = default)
    {
        var recipient = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == recipientId, cancellationToken).ConfigureAwait(false);
        var household = await HouseholdOfAsync(recipient, cancellationToken).ConfigureAwait(false);
        var ids = household.Select(r => r.Id).ToList();
        var eligibility = await db.EligibilityRecords.AsNoTracking().Where(e => ids.Contains(e.RecipientId)).Current()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var personIds = household.Select(r => r.PersonId).ToList();
        var persons = (await db.PersonRecords.AsNoTracking().Where(p => personIds.Contains(p.PersonId)).Current()
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(p => p.PersonId);

        var own = eligibility.Where(e => e.RecipientId == recipientId).OrderBy(e => e.ValidFrom).ToList();
        if (own.Count == 0)
        {
            return new LossPlan(recipientId, cause, eventDate, [], "この受給者には資格の記録がありません。");
        }

        var states = household
            .Where(r => eligibility.Any(e => e.RecipientId == r.Id))
            .Select(r => new HouseholdMemberState(Key(r.Id), IsChild(r.Kind), RecordedLostOn(eligibility.Where(e => e.RecipientId == r.Id))))
            .ToList();
        var birthDate = persons[recipient.PersonId].OrderByDescending(p => p.ValidFrom).FirstOrDefault()?.BirthDate;
        var children = states.Where(s => s.IsChild).Select(s => s.LostOn).ToList();
        DateOnly? lastChild = children.Count > 0 && children.All(d => d is not null) ? children.Max() : null;
        if (cause == LossReason.NoEligibleChild && (IsChild(recipient.Kind) || lastChild is null))
        {
            return new LossPlan(recipientId, cause, eventDate, [], IsChild(recipient.Kind)
                ? "対象児童なしは父母・養育者の喪失事由です。"
                : "まだ資格のある児童がいるため、対象児童なしにはできません。");
        }

        LossRuleSet rules;
        IReadOnlyList<PlannedLoss> planned;
        try
        {
            rules = await db.LossRulesOnAsync(eventDate, cancellationToken).ConfigureAwait(false);
            var renewalYear = eventDate <= new DateOnly(eventDate.Year, LossRules.RenewalStartMonth, 1) ? eventDate.Year : eventDate.Year + 1;
            var loss = new LossEvent(cause, eventDate, birthDate, renewalYear, lastChild);
            planned = LossRules.PlanHousehold(Key(recipientId), loss, states, rules);
        }
        catch (MasterDataMissingException exception)
        {
            return new LossPlan(recipientId, cause, eventDate, [], exception.Message);
        }

        if (planned.Count == 0)
        {
            return new LossPlan(recipientId, cause, eventDate, [], "この受給者は、その喪失日より前に資格を喪失しています。");
        }

        var losses = new List<RecipientLoss>();
        foreach (var item in planned)
        {
            var member = household.Single(r => Key(r.Id) == item.PersonId);
            var first = eligibility.Where(e => e.RecipientId == member.Id).Min(e => e.ValidFrom);
            var name = persons[member.PersonId].Where(p => p.ValidFrom <= item.LostOn).OrderByDescending(p => p.ValidFrom).FirstOrDefault()?.Name
                ?? persons[member.PersonId].FirstOrDefault()?.Name ?? string.Empty;
            if (item.LostOn < first)
            {
                return new LossPlan(recipientId, cause, eventDate, [], string.Create(CultureInfo.InvariantCulture,
                    $"喪失日 {item.LostOn:yyyy-MM-dd} が受給者番号 {member.RecipientNumber} の資格の始まり（{first:yyyy-MM-dd}）より前です。事由発生日を確かめてください。"));
            }

            losses.Add(new RecipientLoss(member.Id, member.RecipientNumber, member.Kind, member.PersonId, name, item.Cause, item.LostOn, member.Version));
        }

        return new LossPlan(recipientId, cause, eventDate, losses, null);
    }

    /// <summary>
    /// Records the plan of <paramref name="cause"/> on <paramref name="eventDate"/>, as staff saw it:
    /// <paramref name="expectedVersions"/> are the recipients' versions shown (every recipient of
    /// the plan must be there, unchanged). With <paramref name="candidateId"/>, the 資格喪失候補 is
    /// marked 確認済 in the same transaction.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">a recipient changed, or the plan differs from what was shown.</exception>
    /// <exception cref="InvalidOperationException">nothing can be lost (the message says why, in Japanese).</exception>
    public async Task<LossPlan> ConfirmAsync(
        long recipientId,
        LossReason cause,
        DateOnly eventDate,
        IReadOnlyDictionary<long, long> expectedVersions,
        string actor,
        string? clientAddress = null,
        long? candidateId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedVersions);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var plan = await PlanAsync(recipientId, cause, eventDate, cancellationToken).ConfigureAwait(false);
        if (!plan.CanConfirm)
        {
            throw new InvalidOperationException(plan.Problem ?? "喪失する受給者がいません。");
        }

        if (plan.Losses.Count != expectedVersions.Count
            || plan.Losses.Any(loss => !expectedVersions.TryGetValue(loss.RecipientId, out var version) || version != loss.Version))
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        var now = AppClock.Now(clock);
        // Every row below is saved by the one SaveChanges at the end: one transaction.
        foreach (var loss in plan.Losses)
        {
            var recipient = await db.Recipients.SingleAsync(r => r.Id == loss.RecipientId, cancellationToken).ConfigureAwait(false);
            var rows = await db.EligibilityRecords.Where(e => e.RecipientId == loss.RecipientId).Current().ToListAsync(cancellationToken).ConfigureAwait(false);
            var before = rows.Where(r => r.ValidFrom <= loss.LostOn).OrderByDescending(r => r.ValidFrom).FirstOrDefault()
                ?? rows.OrderBy(r => r.ValidFrom).First();
            var old = new Dictionary<string, object?>
            {
                ["status"] = before.Status.ToString(),
                ["lostOn"] = before.LostOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["lossReason"] = before.LossReason?.Japanese(),
            };
            History.PlanChange(rows, loss.LostOn, row =>
            {
                row.Status = EligibilityStatus.Lost;
                row.LostOn = loss.LostOn;
                row.LossReason = loss.Cause;
            }, now, actor).ApplyTo(db, now);

            if (recipient.HouseholdId is { } householdId)
            {
                var memberships = await db.HouseholdMembers.Where(m => m.HouseholdId == householdId && m.PersonId == recipient.PersonId).Current()
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                History.PlanEnd(memberships, loss.LostOn, now, actor).ApplyTo(db, now);
            }

            db.Entry(recipient).Property(r => r.Version).OriginalValue = loss.Version;
            db.Touch(recipient);
            db.AddAudit(new AuditEntry(actor, AuditEventType.EligibilityLost, "recipient", recipient.RecipientNumber, new Dictionary<string, object?>
            {
                ["cause"] = loss.Cause.Japanese(),
                ["requestedCause"] = cause.Japanese(),
                ["eventDate"] = eventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["old"] = old,
                ["new"] = new Dictionary<string, object?>
                {
                    ["status"] = EligibilityStatus.Lost.ToString(),
                    ["lostOn"] = loss.LostOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["lossReason"] = loss.Cause.Japanese(),
                },
                ["candidate"] = candidateId,
            }, ClientAddress: clientAddress));
        }

        if (candidateId is { } id)
        {
            var candidate = await db.LossCandidates.SingleAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
            if (candidate.Status != LossCandidateStatus.Open)
            {
                throw new ConcurrencyConflictException("この資格喪失候補は他の職員が処理しました。一覧を読み込み直してください。");
            }

            candidate.Status = LossCandidateStatus.Resolved;
            candidate.ResolvedAt = now;
            candidate.ResolvedBy = actor;
            candidate.Resolution = string.Create(CultureInfo.InvariantCulture, $"喪失確定: {cause.Japanese()}（事由発生日 {eventDate:yyyy-MM-dd}）");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(ConflictMessage, exception);
        }

        return plan;
    }

    /// <summary>
    /// The 喪失通知書 of the losses recorded for the household of <paramref name="recipientId"/> on
    /// its latest 喪失日, addressed to the parent or carer (or the recipient itself).
    /// </summary>
    /// <exception cref="DocumentRefusedException">the recipient has not lost its eligibility.</exception>
    public async Task<(LossNoticeInput Notice, string RecipientNumber)> LossNoticeAsync(long recipientId, DateOnly noticeDate, CancellationToken cancellationToken = default)
    {
        var recipient = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == recipientId, cancellationToken).ConfigureAwait(false);
        var own = await db.EligibilityRecords.AsNoTracking().Where(e => e.RecipientId == recipientId && e.Status == EligibilityStatus.Lost && e.LostOn != null).Current()
            .OrderByDescending(e => e.ValidFrom).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new DocumentRefusedException("この受給者は資格を喪失していないため、喪失通知書を印刷できません。");
        var lostOn = own.LostOn!.Value;
        var household = await HouseholdOfAsync(recipient, cancellationToken).ConfigureAwait(false);
        var ids = household.Select(r => r.Id).ToList();
        var lostRows = await db.EligibilityRecords.AsNoTracking().Where(e => ids.Contains(e.RecipientId) && e.Status == EligibilityStatus.Lost && e.LostOn == lostOn).Current()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var addressee = household.FirstOrDefault(r => !IsChild(r.Kind)) ?? recipient;
        var personIds = household.Select(r => r.PersonId).ToList();
        var records = (await db.PersonRecords.AsNoTracking().Where(p => personIds.Contains(p.PersonId)).Current()
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(p => p.PersonId);
        PersonRecord? RecordOf(long personId) =>
            records[personId].Where(p => p.ValidFrom <= noticeDate).OrderByDescending(p => p.ValidFrom).FirstOrDefault() ?? records[personId].FirstOrDefault();

        var lines = household
            .Where(r => lostRows.Any(e => e.RecipientId == r.Id))
            .OrderBy(r => IsChild(r.Kind)).ThenBy(r => r.RecipientNumber, StringComparer.Ordinal)
            .Select(r => new LostRecipient(RecordOf(r.PersonId)?.Name ?? string.Empty, r.RecipientNumber, lostOn, lostRows.First(e => e.RecipientId == r.Id).LossReason ?? LossReason.Other))
            .ToList();
        var to = RecordOf(addressee.PersonId);
        return (new LossNoticeInput(new Addressee(to?.Name ?? string.Empty, to?.PostalCode, to?.Address), noticeDate, lines), recipient.RecipientNumber);
    }

    /// <summary>
    /// The recipient's household as the loss rules see it: the parent or carer (the recipient, or
    /// its 親受給者) and every recipient whose 親受給者 it is, plus recipients of the same 福祉世帯.
    /// </summary>
    private async Task<List<Recipient>> HouseholdOfAsync(Recipient recipient, CancellationToken cancellationToken)
    {
        var parentId = IsChild(recipient.Kind) ? recipient.ParentRecipientId : recipient.Id;
        var householdId = recipient.HouseholdId;
        var members = await db.Recipients.AsNoTracking()
            .Where(r => r.Id == recipient.Id
                || (parentId != null && (r.Id == parentId || r.ParentRecipientId == parentId))
                || (householdId != null && r.HouseholdId == householdId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. members.DistinctBy(r => r.Id).OrderBy(r => r.Id)];
    }

    private static DateOnly? RecordedLostOn(IEnumerable<EligibilityRecord> rows) =>
        rows.OrderByDescending(r => r.ValidFrom).First() is { Status: EligibilityStatus.Lost, LostOn: { } lostOn } ? lostOn : null;

    private static bool IsChild(RecipientKind kind) => kind is RecipientKind.Child or RecipientKind.Orphan;

    private static string Key(long recipientId) => recipientId.ToString(CultureInfo.InvariantCulture);
}
