using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Settings;
using FukushiIryo.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Applications;

/// <summary>
/// Builds the <see cref="ApplicationSnapshot"/> of a stored (or about to be stored) application from
/// the 台帳 as on its application date and runs <see cref="EligibilityCheck"/> with the masters of
/// that date; the 所得判定 (latest determination of each tested person) when the setting
/// <c>eligibility.city-income-criterion</c> is not none.
/// </summary>
public static class ApplicationChecks
{
    public static async Task<EligibilityResult> CheckAsync(FukushiDbContext db, Application application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        var on = application.AppliedOn;
        var ids = application.Children.Select(c => c.PersonId).Append(application.ApplicantPersonId).ToList();
        var records = await db.PersonRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId)).AsOf(on)
            .ToDictionaryAsync(r => r.PersonId, cancellationToken).ConfigureAwait(false);
        var atena = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.AtenaNumber, cancellationToken).ConfigureAwait(false);
        var own = records[application.ApplicantPersonId];

        var others = new List<OtherMemberFacts>();
        if (own.HouseholdNumber is { Length: > 0 } household)
        {
            var members = await db.PersonRecords.AsNoTracking().Where(r => r.HouseholdNumber == household && !ids.Contains(r.PersonId)).AsOf(on)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            others.AddRange(members.Select(m => new OtherMemberFacts(m.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Name, m.RegistryRelationship)));
        }

        var applicant = new ApplicantFacts(
            atena[application.ApplicantPersonId], own.Name, own.BirthDate, application.ApplicantRole, own.RegistryRelationship,
            application.SingleParentReason, application.ReasonArisenOn, application.FixedTermEnd,
            Insured: true, application.PublicAssistance, OtherProgramList.Split(application.OtherPrograms), own.ResidencyStatus == ResidencyStatus.Registered);
        var children = application.Children.OrderBy(c => c.Position).Select(c =>
        {
            var record = records[c.PersonId];
            return new ChildFacts(
                atena[c.PersonId], record.Name, record.BirthDate, c.Insured, PublicAssistance: false, OtherProgramList.Split(c.OtherPrograms),
                record.ResidencyStatus == ResidencyStatus.Registered,
                LivesWithApplicant: own.HouseholdNumber is { Length: > 0 } && record.HouseholdNumber == own.HouseholdNumber,
                c.RemoteArea, c.SeparateCustody, c.InChildWelfareFacility);
        }).ToList();

        var setting = await new SystemSettings(db, TimeProvider.System).GetAsync(SystemSettings.CityIncomeCriterion, cancellationToken).ConfigureAwait(false);
        var criterion = setting == "partial-allowance-limits" ? CityIncomeCriterion.PartialAllowanceLimits : CityIncomeCriterion.None;
        var incomes = new List<IncomeCriterionFact>();
        if (criterion != CityIncomeCriterion.None)
        {
            var latest = await db.IncomeDeterminations.AsNoTracking().Where(d => d.PersonId == application.ApplicantPersonId)
                .OrderByDescending(d => d.DeterminedAt).ThenByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (latest is not null)
            {
                incomes.Add(new IncomeCriterionFact(applicant.Id, own.Name, latest.Criterion));
            }
        }

        var snapshot = new ApplicationSnapshot(on, applicant, children, others, criterion, incomes);
        var rules = await db.EligibilityRulesOnAsync(on, cancellationToken).ConfigureAwait(false);
        return EligibilityCheck.Check(snapshot, rules);
    }

    /// <summary>The findings as stored on the application: failures, then 要確認 (prefixed), one per line.</summary>
    public static string FindingsText(EligibilityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Join("\n", result.Failures.Select(f => f.Text).Concat(result.Warnings.Select(w => "要確認: " + w.Text)));
    }
}
