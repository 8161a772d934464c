using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Linkage;

/// <summary>
/// The purpose rule (P1, interfaces.md §0), shared by <c>import residents</c> and <c>import tax</c>.
/// A person concerns the program when they are a current or past recipient or a registered
/// 扶養義務者, are under the 18歳年度末 on the import date, or belong to a 住基 household that holds
/// such a person (a recipient or someone under the 18歳年度末). The residents import also keeps
/// the persons the 台帳 already holds current (P18). Other rows are skipped and never stored.
/// </summary>
internal sealed class PurposeFacts
{
    private readonly HashSet<string> knownPersons;
    private readonly HashSet<string> recipientsOrObligors;
    private readonly HashSet<string> householdsConcerned = new(StringComparer.Ordinal);

    private PurposeFacts(HashSet<string> knownPersons, HashSet<string> recipientsOrObligors, IEnumerable<string> householdsInLedger)
    {
        this.knownPersons = knownPersons;
        this.recipientsOrObligors = recipientsOrObligors;
        householdsConcerned.UnionWith(householdsInLedger);
    }

    /// <summary>
    /// Loads what the 台帳 already knows: its recipients and 扶養義務者, the 住基 households in
    /// which, on the import date, one of its persons is a recipient or under the 18歳年度末 (so that
    /// a newcomer to such a household, who may be the only row of the file in it, is concerned too),
    /// and, when <paramref name="includeKnownPersons"/>, the 宛名番号 of all its persons.
    /// </summary>
    public static async Task<PurposeFacts> LoadAsync(FukushiDbContext db, DateOnly importDate, CancellationToken cancellationToken, bool includeKnownPersons = true)
    {
        // Under the 18歳年度末 on the import date ⟺ born on or after April 2 of (年度 − 18).
        var youngestCohortStart = new DateOnly(FiscalYear.Of(importDate).Year - AgeRules.ProgramAgeLimit, 4, 2);
        var recipientPersons = db.Recipients.Select(r => r.PersonId);
        var households = await db.PersonRecords.AsNoTracking().AsOf(importDate)
            .Where(r => r.HouseholdNumber != null && (r.BirthDate >= youngestCohortStart || recipientPersons.Contains(r.PersonId)))
            .Select(r => r.HouseholdNumber!)
            .Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var known = includeKnownPersons
            ? await db.Persons.AsNoTracking().Select(p => p.AtenaNumber).ToListAsync(cancellationToken).ConfigureAwait(false)
            : [];
        var recipients = await (from recipient in db.Recipients
                                join person in db.Persons on recipient.PersonId equals person.Id
                                select person.AtenaNumber).ToListAsync(cancellationToken).ConfigureAwait(false);
        var obligors = await (from member in db.HouseholdMembers.Current()
                              where member.RelationshipToRecipient == ResidentVocabulary.SupportObligor
                              join person in db.Persons on member.PersonId equals person.Id
                              select person.AtenaNumber).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PurposeFacts(
            new HashSet<string>(known, StringComparer.Ordinal),
            new HashSet<string>(recipients.Concat(obligors), StringComparer.Ordinal),
            households);
    }

    /// <summary>Residents pass 1: learn which households the program concerns.</summary>
    public void Observe(ResidentRow row, DateOnly importDate)
    {
        if (row.HouseholdNumber is null)
        {
            return;
        }

        if (importDate <= AgeRules.EndOfFiscalYearReaching18(row.BirthDate) || recipientsOrObligors.Contains(row.AtenaNumber))
        {
            householdsConcerned.Add(row.HouseholdNumber);
        }
    }

    /// <summary>Residents pass 2: whether the row may be stored (a person the 台帳 holds is kept current).</summary>
    public bool Concerns(ResidentRow row, DateOnly importDate) =>
        knownPersons.Contains(row.AtenaNumber)
        || ConcernsPerson(row.AtenaNumber, row.BirthDate, row.HouseholdNumber, importDate);

    /// <summary>
    /// Whether a person concerns the program on <paramref name="importDate"/>, from their 宛名番号 and
    /// what the 台帳 says of them on that day (birth date, 住基 世帯番号; null when unknown). Being
    /// in the 台帳 is not enough: a first load with <c>--migration</c> takes everyone.
    /// </summary>
    public bool ConcernsPerson(string atenaNumber, DateOnly? birthDate, string? householdNumber, DateOnly importDate) =>
        recipientsOrObligors.Contains(atenaNumber)
        || (birthDate is { } birth && importDate <= AgeRules.EndOfFiscalYearReaching18(birth))
        || (householdNumber is { } household && householdsConcerned.Contains(household));
}
