using System.Globalization;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.App.Demo;

/// <summary>
/// The 住基 異動 that follow the generated state, for <c>residents-changes.csv</c>: what the next 住基
/// extract would tell the city about recipient households. Dated in the three weeks before the
/// reference date (the extract lags behind the events), in the order they happened:
/// a move within the city (転居), a birth (出生), a death (死亡) of a 扶養義務者, and a
/// 妻（未届）/夫（未届） moving into a recipient household (転入) — the 住基 sign of 事実婚.
/// </summary>
internal static class DemoChanges
{
    public const string Move = "転居";
    public const string Death = "死亡";
    public const string MoveIn = "転入";
    public const string Birth = "出生";

    public static IReadOnlyList<DemoResidentRow> Build(DemoContext context, IReadOnlyList<DemoHousehold> households, long nextAtena)
    {
        var random = DemoRandom.ForStream(context.Options.Seed, -1);
        var today = context.Today;
        var rows = new List<DemoResidentRow>();
        var current = households.SelectMany(h => h.Members).ToDictionary(p => p.AtenaNumber, DemoResidentRow.Of, StringComparer.Ordinal);
        var used = new HashSet<int>();

        // 転居: a recipient household moves to another 町域 of the city.
        if (Pick(households, used, h => IsActive(h) && h.Members.All(p => p.RecordFrom < today.AddDays(-30)) && !h.Members.Any(p => p.Role == DemoRole.Partner)) is { } moving)
        {
            var town = random.Pick(context.Reference.CityTowns.Where(t => t.PostalCode != moving.Town.PostalCode).ToList());
            var address = town.Prefecture + town.City + town.Town + (town.HasChome
                ? string.Create(CultureInfo.InvariantCulture, $"{random.Between(1, 4)}丁目{random.Between(1, 25)}番{random.Between(1, 30)}号")
                : string.Create(CultureInfo.InvariantCulture, $"{random.Between(1, 1500)}番地"));
            var movedOn = today.AddDays(-18);
            foreach (var person in moving.Members.Where(p => p.ResidencyStatus == ResidencyStatus.Registered))
            {
                var row = current[person.AtenaNumber] with
                {
                    PostalCode = town.PostalCode,
                    Address = address,
                    EventReason = Move,
                    EventDate = movedOn,
                    NotifiedOn = movedOn.AddDays(3),
                };
                current[person.AtenaNumber] = row;
                rows.Add(row);
            }
        }

        // 出生: a mother of a recipient household gives birth (one under 45 where the population has one).
        if ((Pick(households, used, h => IsMotherHousehold(h, today, maximumAge: 44))
            ?? Pick(households, used, h => IsMotherHousehold(h, today, maximumAge: int.MaxValue))) is { } mothers)
        {
            var mother = mothers.Members.First(p => p.Role == DemoRole.Parent);
            var state = current[mother.AtenaNumber];
            var sex = random.Chance(500) ? Sex.Male : Sex.Female;
            var given = random.Pick(sex == Sex.Male ? DemoNames.BoyNames : DemoNames.GirlNames);
            var surname = SurnameOf(mother);
            var bornOn = today.AddDays(-20);
            rows.Add(new DemoResidentRow(
                DemoGenerator.Ten(nextAtena++),
                state.HouseholdNumber,
                surname.Text + "\u3000" + given.Text,
                surname.Kana + "\u3000" + given.Kana,
                bornOn,
                sex,
                state.RegistryRelationship == "世帯主" ? "子" : "孫",
                state.PostalCode,
                state.Address,
                ResidencyStatus.Registered,
                Birth,
                bornOn,
                bornOn.AddDays(random.Between(5, 13))));
        }

        // 死亡: a 扶養義務者 (grandparent) of a recipient household who is not its 世帯主.
        if (Pick(households, used, h => IsActive(h) && h.Members.Any(IsDyingCandidate)) is { } mourning)
        {
            var elder = mourning.Members.First(IsDyingCandidate);
            var diedOn = today.AddDays(-12);
            rows.Add(current[elder.AtenaNumber] with { EventReason = Death, EventDate = diedOn, NotifiedOn = diedOn.AddDays(2) });
        }

        // 転入: a 妻（未届）/夫（未届） joins a recipient household whose 世帯主 is the parent.
        if ((Pick(households, used, h => IsActive(h) && h.Kind == DemoHouseholdKind.SingleFather && ParentIsHead(h))
            ?? Pick(households, used, h => IsActive(h) && h.Kind == DemoHouseholdKind.SingleMother && ParentIsHead(h))) is { } joined)
        {
            var parent = joined.Members.First(p => p.Role == DemoRole.Parent);
            var state = current[parent.AtenaNumber];
            var sex = parent.Sex == Sex.Male ? Sex.Female : Sex.Male;
            var surname = random.Pick(DemoNames.Surnames);
            var given = random.Pick(sex == Sex.Female ? DemoNames.MotherNames : DemoNames.FatherNames);
            var movedIn = today.AddDays(-7);
            rows.Add(new DemoResidentRow(
                DemoGenerator.Ten(nextAtena),
                state.HouseholdNumber,
                surname.Text + "\u3000" + given.Text,
                surname.Kana + "\u3000" + given.Kana,
                parent.BirthDate.AddDays(random.Between(-1800, 1800)),
                sex,
                sex == Sex.Female ? "妻（未届）" : "夫（未届）",
                state.PostalCode,
                state.Address,
                ResidencyStatus.Registered,
                MoveIn,
                movedIn,
                movedIn.AddDays(2)));
        }

        return rows.OrderBy(r => r.EventDate).ToList();
    }

    /// <summary>A household whose parent or carer is an active recipient living in the city.</summary>
    private static bool IsActive(DemoHousehold household) =>
        household.Members.Any(p => p.Recipient is { Kind: RecipientKind.Parent or RecipientKind.Carer, LostOn: null }
            && p.ResidencyStatus == ResidencyStatus.Registered);

    private static bool IsMotherHousehold(DemoHousehold household, DateOnly today, int maximumAge) =>
        IsActive(household) && household.Kind == DemoHouseholdKind.SingleMother
        && household.Members.Any(p => p.Role == DemoRole.Parent && p.ResidencyStatus == ResidencyStatus.Registered && !p.UsesHomeCountryName
            && AgeRules.AgeOn(p.BirthDate, today) <= maximumAge);

    private static bool ParentIsHead(DemoHousehold household) =>
        household.Members.Any(p => p.Role == DemoRole.Parent && p.RegistryRelationship == "世帯主" && !p.UsesHomeCountryName)
        && !household.Members.Any(p => p.Role == DemoRole.Partner);

    private static bool IsDyingCandidate(DemoPerson person) =>
        person.Role == DemoRole.SupportObligor && person.ResidencyStatus == ResidencyStatus.Registered && person.RegistryRelationship != "世帯主";

    /// <summary>The first household not used yet that matches, else the first that matches at all; null when none does.</summary>
    private static DemoHousehold? Pick(IReadOnlyList<DemoHousehold> households, HashSet<int> used, Func<DemoHousehold, bool> match)
    {
        var chosen = households.FirstOrDefault(h => !used.Contains(h.Index) && match(h)) ?? households.FirstOrDefault(match);
        if (chosen is not null)
        {
            used.Add(chosen.Index);
        }

        return chosen;
    }

    private static DemoName SurnameOf(DemoPerson person)
    {
        var space = person.Name.IndexOf('\u3000', StringComparison.Ordinal);
        var kanaSpace = person.NameKana.IndexOf('\u3000', StringComparison.Ordinal);
        return new DemoName(person.Name[..space], person.NameKana[..kanaSpace]);
    }
}
