using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.People;

/// <summary>A recipient record of the person with its 資格 history.</summary>
public sealed record RecipientProfile(Recipient Recipient, string? ParentRecipientNumber, IReadOnlyList<EligibilityRecord> History);

/// <summary>A member of a welfare household the person belongs to.</summary>
public sealed record HouseholdMemberProfile(HouseholdMember Member, string AtenaNumber, string? Name, DateOnly? BirthDate);

/// <summary>
/// Everything the 台帳 holds on one person, grouped as the 評価書's 別添1 groups it, with every
/// history row (current and superseded) so that the page can show both "as of" a date and the
/// corrections. The sensitive groups (地方税関係情報, 支払口座, メモ) are loaded only when the
/// viewer may see them.
/// </summary>
public sealed record PersonProfileView(
    Person Person,
    DateOnly AsOf,
    IReadOnlyList<PersonRecord> Records,
    IReadOnlyList<RecipientProfile> Recipients,
    IReadOnlyList<HouseholdMemberProfile> Household,
    IReadOnlyList<Insurance> Insurances,
    IReadOnlyList<Contact> Contacts,
    bool SensitiveShown,
    IReadOnlyList<BankAccount> BankAccounts,
    IReadOnlyList<Memo> Memos,
    IReadOnlyList<TaxRecord> TaxRecords)
{
    /// <summary>The record in force on <see cref="AsOf"/> as we know it now, if any.</summary>
    public PersonRecord? Current => Records.FirstOrDefault(r => r.SupersededAt is null && r.ValidFrom <= AsOf && (r.ValidTo is null || r.ValidTo > AsOf));

    public static T? InForce<T>(IEnumerable<T> rows, DateOnly date)
        where T : HistoryRow =>
        rows.FirstOrDefault(r => r.SupersededAt is null && r.ValidFrom <= date && (r.ValidTo is null || r.ValidTo > date));
}

/// <summary>Loads a person's page; every view writes its audit event (who, whom, which screen).</summary>
public sealed class PersonProfile(FukushiDbContext db)
{
    public async Task<PersonProfileView?> LoadAsync(long personId, DateOnly asOf, bool sensitive, string actor, string? clientAddress, string screen, CancellationToken cancellationToken = default)
    {
        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        var records = await db.PersonRecords.AsNoTracking().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.ValidFrom).ThenByDescending(r => r.RecordedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var recipients = await db.Recipients.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.RecipientNumber).ToListAsync(cancellationToken).ConfigureAwait(false);
        var recipientIds = recipients.Select(r => r.Id).ToList();
        var parentIds = recipients.Where(r => r.ParentRecipientId != null).Select(r => r.ParentRecipientId!.Value).ToList();
        var parentNumbers = await db.Recipients.AsNoTracking().Where(r => parentIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.RecipientNumber, cancellationToken).ConfigureAwait(false);
        var eligibility = (await db.EligibilityRecords.AsNoTracking().Where(e => recipientIds.Contains(e.RecipientId))
            .OrderByDescending(e => e.ValidFrom).ThenByDescending(e => e.RecordedAt).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(e => e.RecipientId);

        var householdIds = await db.HouseholdMembers.AsNoTracking().Where(m => m.PersonId == personId).Select(m => m.HouseholdId)
            .Union(db.Recipients.Where(r => r.PersonId == personId && r.HouseholdId != null).Select(r => r.HouseholdId!.Value))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var members = await (from member in db.HouseholdMembers.AsNoTracking()
                             where householdIds.Contains(member.HouseholdId)
                             join other in db.Persons on member.PersonId equals other.Id
                             orderby member.HouseholdId, member.ValidFrom
                             select new { member, other.AtenaNumber }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var memberIds = members.Select(m => m.member.PersonId).Distinct().ToList();
        var memberRecords = (await db.PersonRecords.AsNoTracking().Where(r => memberIds.Contains(r.PersonId)).AsOf(asOf)
            .Select(r => new { r.PersonId, r.Name, r.BirthDate }).ToListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.PersonId);

        var insurances = await db.Insurances.AsNoTracking().Where(i => i.PersonId == personId).OrderByDescending(i => i.ValidFrom).ThenByDescending(i => i.RecordedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.ValidFrom).ThenByDescending(c => c.RecordedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        List<BankAccount> accounts = [];
        List<Memo> memos = [];
        List<TaxRecord> taxes = [];
        if (sensitive)
        {
            accounts = await db.BankAccounts.AsNoTracking().Where(a => a.PersonId == personId).OrderByDescending(a => a.ValidFrom).ThenByDescending(a => a.RecordedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
            memos = await db.Memos.AsNoTracking().Where(m => m.PersonId == personId).OrderByDescending(m => m.RecordedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
            taxes = await db.TaxRecords.AsNoTracking().Where(t => t.PersonId == personId).OrderByDescending(t => t.TaxYear).ThenByDescending(t => t.RecordedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.PersonViewed, "person", person.AtenaNumber, new Dictionary<string, object?>
        {
            ["screen"] = screen,
            ["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sensitiveShown"] = sensitive,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        return new PersonProfileView(
            person,
            asOf,
            records,
            recipients.Select(r => new RecipientProfile(r, r.ParentRecipientId is { } parent ? parentNumbers.GetValueOrDefault(parent) : null, eligibility[r.Id].ToList())).ToList(),
            members.Select(m => new HouseholdMemberProfile(m.member, m.AtenaNumber, memberRecords.GetValueOrDefault(m.member.PersonId)?.Name, memberRecords.GetValueOrDefault(m.member.PersonId)?.BirthDate)).ToList(),
            insurances,
            contacts,
            sensitive,
            accounts,
            memos,
            taxes);
    }

    /// <summary>満年齢 on a date, or null before birth.</summary>
    public static int? AgeOn(DateOnly birthDate, DateOnly date) => date < birthDate ? null : AgeRules.AgeOn(birthDate, date);
}
