using System.Globalization;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Income;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.Demo;

/// <summary>What every household of one run shares: the options, the reference data and the dates derived from the reference date.</summary>
internal sealed class DemoContext(DemoOptions options, DemoReferenceData reference)
{
    public DemoOptions Options { get; } = options;

    public DemoReferenceData Reference { get; } = reference;

    /// <summary>The reference date ("today").</summary>
    public DateOnly Today { get; } = options.ReferenceDate;

    /// <summary>The 年度 of the reference date; also the current 課税年度.</summary>
    public int FiscalYear { get; } = Domain.Calendar.FiscalYear.Of(options.ReferenceDate).Year;

    /// <summary>The 8/1 that starts the certificate year containing the reference date.</summary>
    public DateOnly RenewalStart { get; } = CertificateValidity.RenewalYearContaining(options.ReferenceDate).Start;

    /// <summary>The 課税年度 whose income decides eligibility on the reference date (decisions.md D9).</summary>
    public int TaxYearInUse { get; } = IncomeYear.ForDate(options.ReferenceDate).TaxYear;

    /// <summary>The income test's masters in force on the reference date, for the income of <see cref="TaxYearInUse"/>.</summary>
    public IncomeTestRules IncomeRules { get; } = reference.IncomeMasters.RulesOn(
        options.ReferenceDate, IncomeYear.ForDate(options.ReferenceDate).CalendarYear);
}

/// <summary>Builds one household from its own random stream: who lives there, and everything the 台帳 knows of them.</summary>
internal sealed class DemoHouseholdBuilder
{
    private const string RecordedByDemo = "demo";

    private static readonly string[] Buildings =
    [
        "ハイツ平城", "コーポ若草", "メゾン佐保", "グリーンハイツ", "サンライズ学園前", "レジデンス西大寺", "フォレスト高の原",
        "シャトー春日", "パークサイド富雄", "アーバン奈良", "ロイヤル大宮", "カーサ登美ヶ丘",
    ];

    private static readonly string[] GeneralMemos =
    [
        "民生委員の証明書（ひとり親の状況）を受領。",
        "児童扶養手当を同時に申請。",
        "平日の日中は携帯電話に連絡希望。",
        "養育費の取り決めなし（申立書を受領）。",
        "自動償還の口座変更届を受理。",
    ];

    private readonly DemoContext context;
    private readonly DemoRandom random;
    private readonly DemoHousehold household;
    private readonly DemoPlan plan;
    private readonly Dictionary<DemoPerson, Adult> adults = [];
    private readonly List<DemoPerson> children = [];
    private DemoTown town = null!;
    private string address = string.Empty;
    private DateOnly? fixedTermEnd;
    private SingleParentReason reason;
    private DateOnly reasonArisenOn;
    private (string Symbol, string Number)? nationalCard;
    private int nationalSuffix;
    private int familySuffix;
    private string? remoteCity;

    public DemoHouseholdBuilder(DemoContext context, int index)
    {
        this.context = context;
        random = DemoRandom.ForStream(context.Options.Seed, index);
        plan = index < DemoPlan.Showcase.Count ? DemoPlan.Showcase[index] : DemoPlan.Draw(random);
        household = new DemoHousehold(index, plan.Kind, plan.Scenario ?? Describe(plan));
    }

    private DateOnly Today => context.Today;

    private int FiscalYear => context.FiscalYear;

    public DemoHousehold Build()
    {
        town = random.Pick(context.Reference.CityTowns);
        household.Town = town;
        address = ComposeAddress(town);
        if (plan.Kind is DemoHouseholdKind.SingleMother or DemoHouseholdKind.SingleFather)
        {
            BuildParentFamily();
        }
        else
        {
            BuildOrphans();
        }

        AssignInsurance();
        AssignTaxRecords();
        FinishEligibility();
        return household;
    }

    // ───────────────────────────── who lives there ─────────────────────────────

    private void BuildParentFamily()
    {
        var mother = plan.Kind == DemoHouseholdKind.SingleMother;
        var surname = plan.SurnameOutsideCp932 ? random.Pick(DemoNames.SurnamesOutsideCp932) : random.Pick(DemoNames.Surnames);
        var births = ChildBirths(out var olderSibling, out var agedOut, out var eligible);

        var eldest = births[0];
        var parentBirth = eldest.AddYears(-(mother ? random.Between(19, 38) : random.Between(21, 42))).AddDays(-random.Between(0, 364));
        var parent = NewPerson(mother ? Sex.Female : Sex.Male, parentBirth, DemoRole.Parent);
        if (plan.HomeCountryName && mother)
        {
            var name = random.Pick(DemoNames.HomeCountryNames);
            parent.Name = name.Text;
            parent.NameKana = name.Kana;
            parent.UsesHomeCountryName = true;
        }
        else
        {
            SetName(parent, surname, random.Pick(mother ? DemoNames.MotherNames : DemoNames.FatherNames));
        }

        parent.RelationshipToChild = mother ? "母" : "父";
        parent.RelationshipToRecipient = "本人";
        parent.IncomeProfile = plan.Loss == DemoLoss.IncomeOverLimit
            ? DemoIncomeProfile.High
            : mother
                ? random.Weighted<DemoIncomeProfile>([(DemoIncomeProfile.None, 80), (DemoIncomeProfile.PartTime, 450), (DemoIncomeProfile.Regular, 400), (DemoIncomeProfile.High, 40), (DemoIncomeProfile.SelfEmployed, 30)])
                : random.Weighted<DemoIncomeProfile>([(DemoIncomeProfile.None, 30), (DemoIncomeProfile.PartTime, 100), (DemoIncomeProfile.Regular, 700), (DemoIncomeProfile.High, 120), (DemoIncomeProfile.SelfEmployed, 50)]);
        adults[parent] = new Adult(random, parent, context.FiscalYear);

        // The children: a surname of their own now and then (the other parent's), distinct given names.
        var childSurname = plan.HomeCountryName ? random.Pick(DemoNames.Surnames) : random.Chance(120) ? random.Pick(DemoNames.Surnames) : surname;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var birth in births)
        {
            var sex = random.Chance(500) ? Sex.Male : Sex.Female;
            var child = NewPerson(sex, birth, birth == olderSibling ? DemoRole.OtherMember : DemoRole.Child);
            SetName(child, childSurname, DistinctGiven(sex, used));
            children.Add(child);
        }

        // Grandparents living with them (扶養義務者).
        DemoPerson? grandmother = null;
        DemoPerson? grandfather = null;
        if (plan.ThreeGenerations)
        {
            var withGrandmother = plan.GrandparentIsHead || random.Chance(850);
            var withGrandfather = plan.GrandparentIsHead || !withGrandmother || random.Chance(500);
            var grandmotherBirth = parentBirth.AddYears(-random.Between(22, 36)).AddDays(-random.Between(0, 364));
            if (withGrandmother)
            {
                grandmother = Grandparent(Sex.Female, grandmotherBirth, surname, DemoRole.SupportObligor);
            }

            if (withGrandfather)
            {
                grandfather = Grandparent(Sex.Male, grandmotherBirth.AddYears(-random.Between(0, 4)).AddDays(-random.Between(0, 364)), surname, DemoRole.SupportObligor);
                if (grandmother is not null)
                {
                    adults[grandmother].MarkMarried();
                }
            }
        }

        // Why single, since when, and since when enrolled.
        reason = plan.Reason ?? SingleParentReason.Divorce;
        if (reason == SingleParentReason.Bereavement)
        {
            // 遺族基礎年金 with the children's additions, often with a 遺族厚生年金: 非課税年金収入.
            adults[parent].NonTaxablePension = 831_700 + (239_300L * Math.Min(eligible.Count, 2)) + (79_800L * Math.Max(0, eligible.Count - 2))
                + (random.Chance(600) ? random.Between(300_000L, 900_000L) : 0);
        }
        var recipientChildren = agedOut.Concat(eligible).Order().ToList();
        var firstChild = recipientChildren[0];
        var lastChild = recipientChildren[^1];
        if (reason == SingleParentReason.Unmarried)
        {
            reasonArisenOn = firstChild;
        }
        else
        {
            var low = lastChild.AddDays(30);
            var high = Today.AddDays(-90);
            if (agedOut.Count > 0)
            {
                var firstAgedOut = AgeRules.LostOnForAgeLimit(agedOut[0]).AddDays(-200);
                high = firstAgedOut < high ? firstAgedOut : high;
                if (low > high)
                {
                    low = firstChild.AddDays(30);
                }
            }

            reasonArisenOn = low <= high ? random.Date(low, high) : Max(firstChild, high);
        }

        var acquired = Min(reasonArisenOn.AddDays(random.Between(14, 150)), Today.AddDays(-30));
        if (agedOut.Count > 0)
        {
            acquired = Min(acquired, AgeRules.LostOnForAgeLimit(agedOut[0]).AddDays(-random.Between(30, 150)));
        }

        if (olderSibling is { } older)
        {
            acquired = Max(acquired, AgeRules.LostOnForAgeLimit(older));
        }

        acquired = Max(acquired, reasonArisenOn);
        if (reason is SingleParentReason.Detention or SingleParentReason.ProtectionOrder)
        {
            fixedTermEnd = Today.AddDays(random.Between(60, 720));
        }

        var moveIn = random.Date(Max(parentBirth.AddYears(18), reasonArisenOn.AddYears(-12)), Min(reasonArisenOn, acquired));

        // The 住基 household: who is its head.
        if (plan.GrandparentIsHead && (grandfather ?? grandmother) is { } elder)
        {
            elder.RegistryRelationship = "世帯主";
            if (grandmother is not null && grandmother != elder)
            {
                grandmother.RegistryRelationship = "妻";
            }

            parent.RegistryRelationship = "子";
            foreach (var child in children)
            {
                child.RegistryRelationship = "孫";
            }
        }
        else
        {
            parent.RegistryRelationship = "世帯主";
            if (grandmother is not null)
            {
                grandmother.RegistryRelationship = "母";
            }

            if (grandfather is not null)
            {
                grandfather.RegistryRelationship = "父";
            }
            foreach (var child in children)
            {
                child.RegistryRelationship = "子";
            }
        }

        foreach (var person in household.MemberList)
        {
            person.RecordFrom = person.Role == DemoRole.SupportObligor && plan.GrandparentIsHead
                ? Max(person.BirthDate.AddYears(20), moveIn.AddYears(-random.Between(0, 20)))
                : Max(moveIn, person.BirthDate);
        }

        var parentRecipient = Enrol(parent, RecipientKind.Parent, null, acquired);
        foreach (var child in children.Where(c => c.Role == DemoRole.Child))
        {
            var childAcquired = Max(acquired, child.BirthDate.AddDays(random.Between(7, 40)));
            var ageLimit = AgeRules.LostOnForAgeLimit(child.BirthDate);
            if (childAcquired >= ageLimit)
            {
                child.Role = DemoRole.OtherMember;
                continue;
            }

            var recipient = Enrol(child, RecipientKind.Child, parentRecipient, childAcquired);
            child.RelationshipToChild = "本人";
            child.RelationshipToRecipient = "子";
            if (ageLimit <= Today)
            {
                Lose(recipient, ageLimit, LossReason.AgeLimit);
            }
        }

        foreach (var grandparent in new[] { grandmother, grandfather })
        {
            if (grandparent is not null)
            {
                grandparent.RelationshipToRecipient = "扶養義務者";
                grandparent.MemberFrom = Max(acquired, grandparent.RecordFrom);
            }
        }

        ApplyPartner(parent, parentRecipient, acquired);
        ApplyLoss(parent, parentRecipient, acquired);
        if (plan.RemoteChild)
        {
            MoveChildAway();
        }

        CloseWhenNoChildLeft(parentRecipient);
        AddParentMemos(parent);
    }

    private void BuildOrphans()
    {
        var withCarer = plan.Kind == DemoHouseholdKind.OrphansWithCarer;
        var surname = random.Pick(DemoNames.Surnames);
        var births = ChildBirths(out _, out _, out var eligible);
        var eldest = births[0];
        var grandmotherBirth = eldest.AddYears(-random.Between(45, 64)).AddDays(-random.Between(0, 364));

        DemoPerson carer;
        DemoPerson? spouse = null;
        if (withCarer)
        {
            var grandmother = random.Chance(800);
            var birth = grandmother ? grandmotherBirth : grandmotherBirth.AddYears(-random.Between(0, 4));
            carer = Grandparent(grandmother ? Sex.Female : Sex.Male, birth, surname, DemoRole.Carer);
            carer.RelationshipToRecipient = "本人";
        }
        else
        {
            carer = Grandparent(Sex.Male, grandmotherBirth.AddYears(-random.Between(0, 4)).AddDays(-random.Between(0, 364)), surname, DemoRole.SupportObligor);
            spouse = Grandparent(Sex.Female, grandmotherBirth, surname, DemoRole.SupportObligor);
            adults[spouse].MarkMarried();
            spouse.RegistryRelationship = "妻";
            carer.RelationshipToRecipient = "扶養義務者";
            spouse.RelationshipToRecipient = "扶養義務者";
        }

        carer.RegistryRelationship = "世帯主";
        var childSurname = random.Chance(150) ? random.Pick(DemoNames.Surnames) : surname;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var birth in eligible)
        {
            var sex = random.Chance(500) ? Sex.Male : Sex.Female;
            var orphan = NewPerson(sex, birth, DemoRole.Orphan);
            SetName(orphan, childSurname, DistinctGiven(sex, used));
            orphan.RegistryRelationship = "孫";
            orphan.RelationshipToChild = "本人";
            orphan.RelationshipToRecipient = withCarer ? "孫" : "本人";
            children.Add(orphan);
        }

        reason = random.Weighted<SingleParentReason>([(SingleParentReason.Bereavement, 600), (SingleParentReason.Abandonment, 250), (SingleParentReason.Other, 150)]);
        var low = eligible[^1].AddDays(30);
        var high = Today.AddDays(-90);
        reasonArisenOn = low <= high ? random.Date(low, high) : Max(eldest, high);
        var acquired = Max(Min(reasonArisenOn.AddDays(random.Between(14, 150)), Today.AddDays(-30)), reasonArisenOn);
        var elderSince = random.Date(Max(carer.BirthDate.AddYears(25), Today.AddYears(-40)), Today.AddYears(-1));
        foreach (var person in household.MemberList)
        {
            person.RecordFrom = person.Role == DemoRole.Orphan ? Max(person.BirthDate, reasonArisenOn.AddDays(-random.Between(0, 30))) : elderSince;
        }

        var carerRecipient = withCarer ? Enrol(carer, RecipientKind.Carer, null, acquired) : null;
        // Without a recipient carer, each child's record carries the carer's account and phone (interfaces.md §4).
        var payeeAccount = withCarer ? null : NewBankAccount(carer, acquired);
        var payeePhone = withCarer ? null : Phone(landline: random.Chance(600));
        foreach (var orphan in children)
        {
            var recipient = Enrol(orphan, RecipientKind.Orphan, carerRecipient, Max(acquired, orphan.BirthDate.AddDays(random.Between(7, 40))));
            if (!withCarer)
            {
                orphan.BankAccount = payeeAccount! with { ValidFrom = recipient.AcquiredOn };
                orphan.PhoneList.Add(payeePhone!);
            }
        }

        if (spouse is not null)
        {
            spouse.MemberFrom = acquired;
            carer.MemberFrom = acquired;
        }

        if (reason == SingleParentReason.Bereavement)
        {
            (carerRecipient?.Person ?? children[0]).MemoList.Add("児童の父母の死亡を戸籍で確認。");
        }

        if (carerRecipient is not null)
        {
            AddParentMemos(carer);
        }
    }

    /// <summary>
    /// The children's birth dates, oldest first: an adult sibling past the age limit (never enrolled),
    /// children who reached the 18歳年度末 (enrolled, then lost), and children still eligible.
    /// </summary>
    private List<DateOnly> ChildBirths(out DateOnly? olderSibling, out List<DateOnly> agedOut, out List<DateOnly> eligible)
    {
        var earliestEligible = new DateOnly(FiscalYear - 18, 4, 2);
        var latestAgedOut = new DateOnly(FiscalYear - 18, 4, 1);
        var latestBirth = Today.AddDays(-60);
        DateOnly? cursor = null;
        olderSibling = null;
        agedOut = [];
        eligible = [];
        if (plan.OlderSibling)
        {
            olderSibling = random.Date(new DateOnly(FiscalYear - 24, 4, 2), new DateOnly(FiscalYear - 21, 4, 1));
            cursor = olderSibling.Value.AddDays(400);
        }

        if (plan.Boundary == DemoBoundary.AgedOutOnApril1)
        {
            agedOut.Add(latestAgedOut);
            cursor = latestAgedOut.AddDays(400);
        }
        else if (plan.AgedOutChild || plan.AllAgedOut)
        {
            var count = plan.AllAgedOut ? random.Between(1, 2) : 1;
            var low = Max(new DateOnly(FiscalYear - 21, 4, 2), cursor ?? DateOnly.MinValue);
            for (var i = 0; i < count && low <= latestAgedOut; i++)
            {
                var birth = random.Date(low, Min(latestAgedOut, low.AddDays(900)));
                agedOut.Add(birth);
                low = birth.AddDays(400);
                cursor = low;
            }
        }

        if (!plan.AllAgedOut || agedOut.Count == 0)
        {
            var low = Max(earliestEligible, cursor ?? DateOnly.MinValue);
            var first = plan.Boundary == DemoBoundary.EligibleOnApril2 ? earliestEligible
                : low <= latestBirth ? random.Date(low, latestBirth)
                : random.Date(earliestEligible, latestBirth);
            eligible.Add(first);
            for (var i = 1; i < plan.Children; i++)
            {
                var next = eligible[^1].AddDays(random.Between(400, 2200));
                if (next > latestBirth)
                {
                    break;
                }

                eligible.Add(next);
            }
        }

        var all = new List<DateOnly>();
        if (olderSibling is { } older)
        {
            all.Add(older);
        }

        all.AddRange(agedOut);
        all.AddRange(eligible);
        return all;
    }

    private DemoPerson Grandparent(Sex sex, DateOnly birth, DemoName surname, DemoRole role)
    {
        var person = NewPerson(sex, birth, role);
        SetName(person, surname, random.Pick(sex == Sex.Female ? DemoNames.GrandmotherNames : DemoNames.GrandfatherNames));
        person.RelationshipToChild = sex == Sex.Female ? "祖母" : "祖父";
        var age = AgeRules.AgeOn(birth, Today);
        person.IncomeProfile = age >= 65
            ? random.Weighted<DemoIncomeProfile>([(DemoIncomeProfile.Pension, 750), (DemoIncomeProfile.PensionAndWork, 250)])
            : random.Weighted<DemoIncomeProfile>([(DemoIncomeProfile.PartTime, 300), (DemoIncomeProfile.Regular, 300), (DemoIncomeProfile.PensionAndWork, 200), (DemoIncomeProfile.None, 200)]);
        var adult = new Adult(random, person, context.FiscalYear) { Widowed = sex == Sex.Female && random.Chance(600) };
        if (adult.Widowed && random.Chance(700))
        {
            adult.NonTaxablePension = random.Between(400_000L, 1_100_000L); // 遺族厚生年金
        }

        adults[person] = adult;
        return person;
    }

    private DemoPerson NewPerson(Sex sex, DateOnly birth, DemoRole role)
    {
        var person = new DemoPerson
        {
            Sex = sex,
            BirthDate = birth,
            Role = role,
            PostalCode = town.PostalCode,
            Address = address,
        };
        household.MemberList.Add(person);
        return person;
    }

    private static void SetName(DemoPerson person, DemoName surname, DemoName given)
    {
        (person.Name, person.NameKana) = DemoNames.Full(surname, given);
    }

    private DemoName DistinctGiven(Sex sex, HashSet<string> used)
    {
        var names = sex == Sex.Male ? DemoNames.BoyNames : DemoNames.GirlNames;
        var name = random.Pick(names);
        for (var attempt = 0; attempt < 8 && !used.Add(name.Kana); attempt++)
        {
            name = random.Pick(names);
        }

        used.Add(name.Kana);
        return name;
    }

    // ───────────────────────────── eligibility ─────────────────────────────

    private DemoRecipient Enrol(DemoPerson person, RecipientKind kind, DemoRecipient? parent, DateOnly acquiredOn)
    {
        var recipient = new DemoRecipient(person, kind, parent) { AcquiredOn = acquiredOn };
        person.Recipient = recipient;
        person.MemberFrom = Max(acquiredOn, person.BirthDate);
        if (kind is RecipientKind.Parent or RecipientKind.Carer)
        {
            person.BankAccount = NewBankAccount(person, acquiredOn);
            var landline = random.Chance(150);
            person.PhoneList.Add(Phone(landline));
            if (random.Chance(200))
            {
                person.PhoneList.Add(Phone(!landline));
            }
        }

        return recipient;
    }

    private static void Lose(DemoRecipient recipient, DateOnly lostOn, LossReason reason)
    {
        if (recipient.LostOn is { } already && already <= lostOn)
        {
            return;
        }

        recipient.LostOn = lostOn;
        recipient.LossReason = reason;
    }

    private void ApplyPartner(DemoPerson parent, DemoRecipient parentRecipient, DateOnly acquired)
    {
        if (plan.Partner == DemoPartner.None)
        {
            return;
        }

        var flagged = plan.Partner == DemoPartner.CommonLawFlagged;
        var low = Max(acquired.AddDays(flagged ? 30 : 60), Today.AddDays(flagged ? -90 : -540));
        var high = Today.AddDays(flagged ? -10 : -14);
        if (low > high)
        {
            return;
        }

        var movedIn = random.Date(low, high);
        var sex = parent.Sex == Sex.Female ? Sex.Male : Sex.Female;
        var partner = NewPerson(sex, parent.BirthDate.AddDays(random.Between(-1800, 1800)), DemoRole.Partner);
        SetName(partner, random.Pick(DemoNames.Surnames), random.Pick(sex == Sex.Male ? DemoNames.FatherNames : DemoNames.MotherNames));
        partner.RecordFrom = movedIn;
        var word = sex == Sex.Male ? "夫" : "妻";
        partner.RegistryRelationship = plan.Partner == DemoPartner.Married ? word : word + "（未届）";
        var when = JapaneseDate(movedIn);
        switch (plan.Partner)
        {
            case DemoPartner.CommonLawFlagged:
                parent.MemoList.Add($"住基の続柄に「{word}（未届）」が登録されています（{when} 転入）。事実婚に当たるか確認してください。");
                break;
            case DemoPartner.CommonLawLost:
                parent.MemoList.Add($"{word}（未届）の転入（{when}）を住基で確認。事実婚により資格喪失。");
                LoseHousehold(parentRecipient, movedIn, LossReason.Marriage);
                break;
            default:
                parent.MemoList.Add($"婚姻（{when}）により資格喪失。");
                LoseHousehold(parentRecipient, movedIn, LossReason.Marriage);
                break;
        }
    }

    private void ApplyLoss(DemoPerson parent, DemoRecipient parentRecipient, DateOnly acquired)
    {
        var windowLow = Max(acquired.AddDays(60), Today.AddDays(-540));
        var windowHigh = Today.AddDays(-7);
        switch (plan.Loss)
        {
            case DemoLoss.MovedOut when windowLow <= windowHigh:
                var movedOut = random.Date(windowLow, windowHigh);
                var destination = random.Pick(context.Reference.PrefectureTowns);
                var newAddress = ComposeAddress(destination);
                foreach (var person in household.MemberList)
                {
                    person.ResidencyStatus = ResidencyStatus.Unregistered;
                    person.RegistryRelationship = null;
                    person.PostalCode = destination.PostalCode;
                    person.Address = newAddress;
                    person.RecordFrom = Max(movedOut.AddDays(1), person.RecordFrom);
                }

                parent.MemoList.Add($"転出（{JapaneseDate(movedOut)}、{destination.City}）により資格喪失。");
                LoseHousehold(parentRecipient, movedOut.AddDays(1), LossReason.MovedOut);
                break;
            case DemoLoss.RenewalNotSubmitted or DemoLoss.IncomeOverLimit:
                var renewal = acquired < context.RenewalStart.AddDays(-30) ? context.RenewalStart
                    : acquired < context.RenewalStart.AddYears(-1).AddDays(-30) ? context.RenewalStart.AddYears(-1)
                    : (DateOnly?)null;
                if (renewal is { } august)
                {
                    var cause = plan.Loss == DemoLoss.IncomeOverLimit ? LossReason.IncomeOverLimit : LossReason.RenewalNotSubmitted;
                    parent.MemoList.Add(cause == LossReason.IncomeOverLimit
                        ? "所得判定の結果、所得超過により資格喪失（旧基準による判定）。"
                        : "更新申請書の提出がありませんでした（督促済み）。");
                    LoseHousehold(parentRecipient, august, cause);
                }

                break;
            case DemoLoss.PublicAssistance when windowLow <= windowHigh:
                var assisted = random.Date(windowLow, windowHigh);
                parent.MemoList.Add($"生活保護開始（{JapaneseDate(assisted)}）の連絡を福祉事務所から受け、資格喪失。");
                LoseHousehold(parentRecipient, assisted, LossReason.PublicAssistance);
                break;
            case DemoLoss.FixedTermEnded:
                var low = Max(acquired.AddDays(180), Today.AddDays(-400));
                var high = Today.AddDays(-10);
                if (low <= high)
                {
                    fixedTermEnd = random.Date(low, high);
                    LoseHousehold(parentRecipient, fixedTermEnd.Value.AddDays(1), LossReason.FixedTermEnded);
                }

                break;
            case DemoLoss.OtherProgramChild:
                var child = children.FirstOrDefault(c => c.Recipient is { LostOn: null });
                if (child?.Recipient is { } recipient)
                {
                    var from = Max(recipient.AcquiredOn.AddDays(60), Today.AddDays(-540));
                    if (from <= windowHigh)
                    {
                        Lose(recipient, random.Date(from, windowHigh), LossReason.OtherProgram);
                        child.MemoList.Add("心身障害者医療費助成の対象となったため資格喪失。");
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A parent's or carer's loss ends the children of the household on the same day (D7); a child enrolled on or after that day never was.</summary>
    private void LoseHousehold(DemoRecipient parentRecipient, DateOnly lostOn, LossReason reason)
    {
        Lose(parentRecipient, lostOn, reason);
        foreach (var child in children)
        {
            if (child.Recipient is not { } recipient)
            {
                continue;
            }

            if (recipient.AcquiredOn >= lostOn)
            {
                child.Recipient = null;
                child.Role = DemoRole.OtherMember;
                child.RelationshipToRecipient = null;
                child.MemberFrom = null;
                continue;
            }

            Lose(recipient, lostOn, reason);
        }
    }

    /// <summary>A parent whose every child has been lost is lost for 対象児童なし on the last child's day (D7).</summary>
    private void CloseWhenNoChildLeft(DemoRecipient parentRecipient)
    {
        var childRecipients = children.Where(c => c.Recipient is not null).Select(c => c.Recipient!).ToList();
        if (parentRecipient.LostOn is null && childRecipients.Count > 0 && childRecipients.All(r => r.LostOn is not null))
        {
            Lose(parentRecipient, childRecipients.Max(r => r.LostOn!.Value), LossReason.NoEligibleChild);
        }
    }

    private void MoveChildAway()
    {
        var candidates = children.Where(c => c.Recipient is { LostOn: null }).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var child = candidates.FirstOrDefault(c => AgeRules.AgeOn(c.BirthDate, Today) >= 12) ?? candidates[0];
        var destination = random.Pick(context.Reference.PrefectureTowns);
        child.ResidencyStatus = ResidencyStatus.Unregistered;
        child.RegistryRelationship = null;
        child.PostalCode = destination.PostalCode;
        child.Address = ComposeAddress(destination);
        child.RecordFrom = random.Date(Max(child.RecordFrom, Today.AddYears(-3)), Today.AddDays(-30));
        remoteCity = destination.City;
        child.MemoList.Add($"{destination.City}の親族宅に居住し、同地の学校に通学。遠隔地・別居監護として登録。");
    }

    private void AddParentMemos(DemoPerson parent)
    {
        switch (reason)
        {
            case SingleParentReason.Bereavement when parent.Role == DemoRole.Parent:
                parent.MemoList.Add("遺族基礎年金を受給中（非課税年金収入）。");
                break;
            case SingleParentReason.ProtectionOrder when fixedTermEnd is { } end:
                parent.MemoList.Add($"保護命令の決定書の写しを受領。有期終了日（{JapaneseDate(end)}）を確認すること。");
                break;
            case SingleParentReason.Detention when fixedTermEnd is { } end:
                parent.MemoList.Add($"拘禁の証明書を受領。有期終了日は{JapaneseDate(end)}。");
                break;
            default:
                break;
        }

        if (random.Chance(40))
        {
            parent.MemoList.Add(random.Pick(GeneralMemos));
        }
    }

    /// <summary>The 資格 rows of every recipient, once the household's losses and 県市区分 are known.</summary>
    private void FinishEligibility()
    {
        var share = FundingShareOf();
        foreach (var person in household.MemberList)
        {
            if (person.Recipient is not { } recipient)
            {
                continue;
            }

            var lastDay = recipient.LostOn?.AddDays(-1) ?? Today;
            var cutBirth = recipient.Kind is RecipientKind.Child or RecipientKind.Orphan
                ? person.BirthDate
                : children.Where(c => c.Recipient is { } r && r.AcquiredOn <= lastDay && (r.LostOn is null || r.LostOn > lastDay))
                    .Select(c => (DateOnly?)c.BirthDate).Max();
            var fixedEnd = recipient.Kind is RecipientKind.Parent or RecipientKind.Carer ? fixedTermEnd : null;
            var year = CertificateValidity.RenewalYearContaining(lastDay);
            var period = CertificateValidity.PeriodContaining(lastDay, cutBirth, fixedEnd) ?? new DatePeriod(year.Start, lastDay);
            var kind = recipient.AcquiredOn >= year.Start ? ApplicationKind.New : ApplicationKind.Renewal;
            var applied = kind == ApplicationKind.New ? recipient.AcquiredOn : Max(recipient.AcquiredOn, year.Start.AddDays(-random.Between(5, 25)));
            var decided = Min(applied.AddDays(random.Between(0, 10)), Max(applied, kind == ApplicationKind.Renewal ? year.Start.AddDays(-1) : Today));
            var (method, payer) = PayerFor(recipient, lastDay);
            var remote = person.ResidencyStatus == ResidencyStatus.Unregistered && recipient.Kind is RecipientKind.Child or RecipientKind.Orphan
                && plan.Loss != DemoLoss.MovedOut;

            var active = new EligibilityRecord
            {
                Status = EligibilityStatus.Active,
                ApplicationKind = kind,
                ApplicationReason = kind == ApplicationKind.Renewal ? "年度更新" : ApplicationReasonOf(recipient),
                AppliedOn = applied,
                ByAuthority = false,
                SingleParentSituation = recipient.Kind is RecipientKind.Parent or RecipientKind.Carer || recipient.Parent is null ? SituationOf() : null,
                SingleParentReason = recipient.Kind is RecipientKind.Parent or RecipientKind.Carer || recipient.Parent is null ? reason : null,
                ReasonArisenOn = recipient.Kind is RecipientKind.Parent or RecipientKind.Carer || recipient.Parent is null ? reasonArisenOn : null,
                RecipientSituation = remote ? "遠隔地（" + remoteCity + "の親族宅に居住）" : null,
                SpouseSituation = recipient.Kind == RecipientKind.Parent ? SpouseSituationOf() : null,
                FixedTermEnd = fixedEnd,
                DecidedOn = decided,
                DecisionResult = DecisionResult.Granted,
                CertificateValidFrom = Max(period.Start, recipient.AcquiredOn),
                CertificateValidTo = period.End,
                BenefitMethod = method,
                PayerNumber = payer,
                AcquiredOn = recipient.AcquiredOn,
                OtherProgram = null,
                FundingShare = share,
                RemoteArea = remote,
                SeparateCustody = remote,
                ValidFrom = recipient.AcquiredOn,
                ValidTo = recipient.LostOn,
                Kind = Data.RecordKind.Initial,
                RecordedBy = RecordedByDemo,
            };
            recipient.PeriodList.Add(active);
            if (recipient.LostOn is { } lostOn)
            {
                var lost = (EligibilityRecord)active.CopyData();
                lost.Status = EligibilityStatus.Lost;
                lost.LostOn = lostOn;
                lost.LossReason = recipient.LossReason;
                lost.OtherProgram = recipient.LossReason switch
                {
                    LossReason.OtherProgram => "心身障害者医療",
                    LossReason.PublicAssistance => Review.ReviewRun.PublicAssistanceProgram, // 生活保護: what the 審査 rule R05 reads
                    _ => null,
                };
                lost.ValidFrom = lostOn;
                lost.ValidTo = null;
                lost.Kind = Data.RecordKind.Change;
                lost.RecordedBy = RecordedByDemo;
                recipient.PeriodList.Add(lost);
            }
        }
    }

    private (BenefitMethod? Method, string? Payer) PayerFor(DemoRecipient recipient, DateOnly date)
    {
        var bracket = AgeBrackets.BracketOn(recipient.Kind, recipient.Person.BirthDate, date, context.Reference.AgeBrackets);
        BenefitMethod[] methods = recipient.Kind is RecipientKind.Parent or RecipientKind.Carer
            ? [BenefitMethod.AutoReimbursement, BenefitMethod.InKind, BenefitMethod.ClaimReimbursement]
            : [BenefitMethod.InKind, BenefitMethod.AutoReimbursement, BenefitMethod.ClaimReimbursement];
        if (bracket is null)
        {
            return (methods[0], null);
        }

        foreach (var method in methods)
        {
            var payer = PublicPayers.Find(context.Reference.PublicPayers, context.Reference.AgeBrackets, PublicPayer.SingleParentProgram, method, bracket.Code, date);
            if (payer is not null)
            {
                return (method, payer.PayerNumber);
            }
        }

        return (methods[0], null);
    }

    private string ApplicationReasonOf(DemoRecipient recipient) =>
        recipient.Kind == RecipientKind.Child && recipient.Parent is { } parent && recipient.AcquiredOn > parent.AcquiredOn.AddDays(60)
            && recipient.Person.BirthDate > parent.AcquiredOn
            ? "出生による児童の追加"
            : recipient.Kind switch
            {
                RecipientKind.Parent => "新規申請（" + ReasonName(reason) + "）",
                RecipientKind.Carer => "新規申請（父母のいない児童の養育）",
                RecipientKind.Orphan => "新規申請（父母のいない児童）",
                _ => "新規申請",
            };

    private string SituationOf() => plan.Kind switch
    {
        DemoHouseholdKind.SingleMother => "母子家庭（" + ReasonName(reason) + "）",
        DemoHouseholdKind.SingleFather => "父子家庭（" + ReasonName(reason) + "）",
        _ => "父母のいない児童を養育（" + ReasonName(reason) + "）",
    };

    private string? SpouseSituationOf()
    {
        if (plan.Partner == DemoPartner.CommonLawFlagged && household.MemberList.Any(p => p.Role == DemoRole.Partner))
        {
            return "住基に" + (plan.Kind == DemoHouseholdKind.SingleMother ? "夫" : "妻") + "（未届）あり（事実婚の確認中）";
        }

        var former = plan.Kind == DemoHouseholdKind.SingleMother ? "元夫" : "元妻";
        return reason switch
        {
            SingleParentReason.Divorce => former + "（別居）",
            SingleParentReason.Bereavement => "死亡",
            SingleParentReason.Unmarried => "婚姻歴なし",
            SingleParentReason.Abandonment => "1年以上遺棄",
            SingleParentReason.Detention => "拘禁中",
            SingleParentReason.Disability => "障害により就労不能",
            SingleParentReason.Missing => "1年以上生死不明",
            SingleParentReason.ProtectionOrder => "保護命令（配偶者暴力）",
            _ => null,
        };
    }

    private static string ReasonName(SingleParentReason reason) => reason switch
    {
        SingleParentReason.Divorce => "離婚",
        SingleParentReason.Bereavement => "死別",
        SingleParentReason.Unmarried => "未婚",
        SingleParentReason.Abandonment => "遺棄",
        SingleParentReason.Detention => "拘禁",
        SingleParentReason.Disability => "障害",
        SingleParentReason.Missing => "生死不明",
        SingleParentReason.ProtectionOrder => "保護命令",
        _ => "その他",
    };

    // ───────────────────────────── income and tax ─────────────────────────────

    /// <summary>
    /// 県市区分 (decisions.md D4): 県 when every income-tested adult of the household declared and
    /// meets the prefecture criterion for the 課税年度 in use on the reference date, by the income
    /// test itself (<see cref="IncomeTest"/>) with the masters in force on that date, else 市.
    /// </summary>
    private FundingShare FundingShareOf()
    {
        foreach (var (person, _) in adults.OrderBy(pair => household.MemberList.IndexOf(pair.Key)))
        {
            var record = person.TaxList.FirstOrDefault(r => r.TaxYear == context.TaxYearInUse);
            if (record is null)
            {
                return FundingShare.City;
            }

            var role = person.Role switch
            {
                DemoRole.Parent => IncomeTestRole.Parent,
                DemoRole.Carer => IncomeTestRole.OrphanCarer, // the demo's carers look after orphans
                _ => IncomeTestRole.SupportObligor,
            };
            var support = new ChildSupport(record.ChildSupportReceivedByRecipient, record.ChildSupportReceivedByChild);
            if (!IncomeTest.Determine(IncomeDeterminations.ToFacts(record), role, support, context.IncomeRules).IsPrefectureFunded)
            {
                return FundingShare.City;
            }
        }

        return FundingShare.Prefecture;
    }

    private void AssignTaxRecords()
    {
        foreach (var person in household.MemberList)
        {
            if (!adults.TryGetValue(person, out var adult))
            {
                continue;
            }

            var undeclaredNow = random.Chance(person.IncomeProfile == DemoIncomeProfile.None ? 300 : 30);
            var undeclaredBefore = undeclaredNow ? random.Chance(500) : random.Chance(15);
            foreach (var taxYear in new[] { FiscalYear - 1, FiscalYear })
            {
                var undeclared = taxYear == FiscalYear ? undeclaredNow : undeclaredBefore;
                person.TaxList.Add(undeclared ? DemoTax.Undeclared(taxYear) : DemoTax.Build(TaxInput(person, adult, taxYear)));
            }
        }
    }

    private DemoTaxInput TaxInput(DemoPerson person, Adult adult, int taxYear)
    {
        var yearEnd = new DateOnly(taxYear - 1, 12, 31);
        var scale = taxYear == FiscalYear ? 1000 : adult.PreviousYearPerMille;
        long Scaled(long amount) => amount * scale / 1000;

        int minor = 0, young = 0, other = 0, specified = 0, supported = 0;
        var claimsChildren = person.Role is DemoRole.Parent or DemoRole.Carer
            || (person.Role == DemoRole.SupportObligor && plan.Kind == DemoHouseholdKind.OrphansWithoutRecipientCarer && person.Sex == Sex.Male);
        if (claimsChildren)
        {
            foreach (var child in children.Where(c => c.BirthDate <= yearEnd))
            {
                var age = AgeRules.AgeOn(child.BirthDate, yearEnd);
                switch (age)
                {
                    case < 16:
                        minor++;
                        break;
                    case < 19:
                        young++;
                        break;
                    case < 23:
                        specified++;
                        break;
                    default:
                        break;
                }

                if (age < 19)
                {
                    supported++;
                }
            }
        }

        var spouse = SpouseDeductionKind.None;
        if (person.Role == DemoRole.SupportObligor && person.Sex == Sex.Male)
        {
            var wife = adults.Keys.FirstOrDefault(p => p.Sex == Sex.Female && p.Role == DemoRole.SupportObligor);
            if (wife is not null && wife.BirthDate <= yearEnd)
            {
                var wifeAdult = adults[wife];
                var wifeAge = AgeRules.AgeOn(wife.BirthDate, yearEnd);
                var wifeIncome = SalaryIncome.Compute(wifeAdult.Salary * scale / 1000, context.Reference.IncomeMasters.SalaryBandsFor(taxYear - 1))
                    + DemoTax.PensionIncome(wifeAdult.Pension * scale / 1000, wifeAge);
                if (wifeIncome <= 480_000)
                {
                    spouse = wifeAge >= 70 ? SpouseDeductionKind.Elderly : SpouseDeductionKind.General;
                }
            }
        }

        var employee = person.Insurance is { Kind: InsuranceKind.Employee, InsuredRole: InsuredRole.Insured };
        return new DemoTaxInput
        {
            TaxYear = taxYear,
            AgeAtYearEnd = person.BirthDate <= yearEnd ? AgeRules.AgeOn(person.BirthDate, yearEnd) : 0,
            SalaryBands = context.Reference.IncomeMasters.SalaryBandsFor(taxYear - 1),
            Salary = Scaled(adult.Salary),
            Pension = Scaled(adult.Pension),
            NonTaxablePension = adult.NonTaxablePension,
            Business = Scaled(adult.Business),
            OtherMiscellaneous = Scaled(adult.OtherMiscellaneous),
            SeparateStock = Scaled(adult.SeparateStock),
            PremiumBasis = employee ? DemoPremiumBasis.Employee : DemoPremiumBasis.Resident,
            PremiumRatePerMille = adult.PremiumRatePerMille,
            SingleParent = person.Role == DemoRole.Parent,
            Widow = adult.Widowed || (person.Role == DemoRole.Carer && person.Sex == Sex.Female),
            Disabled = adult.Disabled,
            Spouse = spouse,
            MinorDependants = minor,
            YoungDependants = young,
            OtherDependants = other,
            SpecifiedDependants = specified,
            SupportedChildren = supported,
            LifeInsurance = adult.LifeInsurance,
            NonLifeInsurance = adult.NonLifeInsurance,
            MedicalExpenses = taxYear == FiscalYear ? adult.MedicalExpenses : 0,
            Donation = adult.Donation,
        };
    }

    // ───────────────────────────── insurance ─────────────────────────────

    private void AssignInsurance()
    {
        var main = household.MemberList.FirstOrDefault(p => p.Role is DemoRole.Parent or DemoRole.Carer)
            ?? household.MemberList.First(p => p.Role == DemoRole.SupportObligor);
        var mainInsurance = OwnInsurance(main);
        main.Insurance = mainInsurance;

        foreach (var person in household.MemberList)
        {
            if (person == main)
            {
                continue;
            }

            switch (person.Role)
            {
                case DemoRole.Child or DemoRole.Orphan:
                    person.Insurance = mainInsurance.Kind == InsuranceKind.Employee
                        ? Dependant(mainInsurance, person)
                        : National(person, Max(mainInsurance.AcquiredOn, person.BirthDate));
                    break;
                case DemoRole.SupportObligor when person.Sex == Sex.Female && main.Role == DemoRole.SupportObligor
                    && mainInsurance.Kind == InsuranceKind.Employee && AgeRules.AgeOn(person.BirthDate, Today) < 75:
                    person.Insurance = Dependant(mainInsurance, person);
                    break;
                case DemoRole.SupportObligor:
                    person.Insurance = OwnInsurance(person);
                    break;
                default:
                    break;
            }
        }
    }

    private DemoInsurance OwnInsurance(DemoPerson person)
    {
        var acquired = random.Date(Max(person.BirthDate.AddYears(18), Today.AddYears(-15)), Today.AddDays(-30));
        var age = AgeRules.AgeOn(person.BirthDate, Today);
        if (age >= 75)
        {
            var insurer = DemoCatalog.LateElderly;
            acquired = Max(acquired, AgeRules.DateAgeAttained(person.BirthDate, 75).AddDays(1));
            return new DemoInsurance(insurer.Kind, insurer.Number, insurer.Name, InsuredRole.Insured, person.Name, null, random.Digits(8), null, Min(acquired, Today));
        }

        var employed = person.IsEmployee || (person.IncomeProfile == DemoIncomeProfile.PartTime && random.Chance(350));
        if (employed)
        {
            var insurer = random.Weighted<DemoInsurer>(
            [
                (DemoCatalog.Kyokai, person.IsEmployee ? 550 : 1000),
                (random.Pick(DemoCatalog.HealthInsuranceUnions), person.IsEmployee ? 300 : 0),
                (random.Pick(DemoCatalog.MutualAidAssociations), person.IsEmployee ? 150 : 0),
            ]);
            var (symbol, number) = insurer.Group switch
            {
                DemoCatalog.KyokaiGroup => ("2" + random.Digits(7), random.Between(1, 9999).ToString(CultureInfo.InvariantCulture)),
                DemoCatalog.UnionGroup => (random.Between(1, 999).ToString(CultureInfo.InvariantCulture), random.Between(1, 99999).ToString(CultureInfo.InvariantCulture)),
                _ => (insurer.CardSymbol ?? "共", random.Digits(6)),
            };
            return new DemoInsurance(insurer.Kind, insurer.Number, insurer.Name, InsuredRole.Insured, person.Name, symbol, number, "00", acquired);
        }

        if (person.IncomeProfile == DemoIncomeProfile.SelfEmployed && random.Chance(150))
        {
            var union = random.Pick(DemoCatalog.NationalHealthInsuranceUnions);
            return new DemoInsurance(union.Kind, union.Number, union.Name, InsuredRole.Insured, person.Name, "組" + random.Between(1, 99).ToString("D2", CultureInfo.InvariantCulture), random.Digits(6), "01", acquired);
        }

        return National(person, acquired);
    }

    /// <summary>奈良市国保: one 記号・番号 per 住基 household, an 枝番 per member.</summary>
    private DemoInsurance National(DemoPerson person, DateOnly acquired)
    {
        nationalCard ??= (random.Between(1, 38).ToString("D2", CultureInfo.InvariantCulture), random.Digits(6));
        nationalSuffix++;
        var insurer = DemoCatalog.NaraCityNationalHealthInsurance;
        return new DemoInsurance(insurer.Kind, insurer.Number, insurer.Name, InsuredRole.Insured, person.Name,
            nationalCard.Value.Symbol, nationalCard.Value.Number, nationalSuffix.ToString("D2", CultureInfo.InvariantCulture), Min(acquired, Today));
    }

    /// <summary>A dependant (家族) on the insured's 社保 card: same 記号・番号, the next 枝番 (本人 is 00).</summary>
    private DemoInsurance Dependant(DemoInsurance insured, DemoPerson person)
    {
        familySuffix++;
        return insured with
        {
            InsuredRole = InsuredRole.Dependant,
            CardSuffix = familySuffix.ToString("D2", CultureInfo.InvariantCulture),
            AcquiredOn = Max(insured.AcquiredOn, person.BirthDate),
        };
    }

    // ───────────────────────────── accounts, phones, addresses ─────────────────────────────

    private DemoBankAccount NewBankAccount(DemoPerson holder, DateOnly validFrom)
    {
        var bankCode = random.Weighted(DemoCatalog.Banks);
        if (bankCode == YuchoAccount.BankCode)
        {
            var branch = random.Pick(context.Reference.YuchoKinkiBranches);
            var symbol = "1" + branch.BranchCode[..2] + random.Digits(1) + "0";
            var number = random.Between(1, 9).ToString(CultureInfo.InvariantCulture) + random.Digits(6) + "1";
            var account = YuchoAccount.Parse(symbol, number);
            return new DemoBankAccount(branch.BankCode, branch.BankName, account.BranchCode, branch.BranchName, account.AccountType,
                account.AccountNumber, holder.NameKana, symbol, number, validFrom);
        }

        var branchCode = random.Pick(DemoCatalog.Branches[bankCode]);
        var found = context.Reference.FindBranch(bankCode, branchCode)
            ?? throw new InvalidOperationException($"The demo branch {bankCode}-{branchCode} is not in the bank master.");
        var type = random.Chance(20) ? AccountType.Savings : AccountType.Ordinary;
        return new DemoBankAccount(bankCode, found.BankName, branchCode, found.BranchName, type,
            random.Between(1, 9).ToString(CultureInfo.InvariantCulture) + random.Digits(6), holder.NameKana, null, null, validFrom);
    }

    private string Phone(bool landline)
    {
        if (landline)
        {
            return "0742-" + random.Between(20, 99).ToString(CultureInfo.InvariantCulture) + "-" + random.Digits(4);
        }

        var prefix = random.Weighted<string>([("090", 500), ("080", 350), ("070", 150)]);
        return prefix + "-" + random.Between(1, 9).ToString(CultureInfo.InvariantCulture) + random.Digits(3) + "-" + random.Digits(4);
    }

    private string ComposeAddress(DemoTown place)
    {
        var text = place.Prefecture + place.City + place.Town;
        text += place.HasChome
            ? string.Create(CultureInfo.InvariantCulture, $"{random.Between(1, 4)}丁目{random.Between(1, 25)}番{random.Between(1, 30)}号")
            : random.Chance(700)
                ? string.Create(CultureInfo.InvariantCulture, $"{random.Between(1, 1500)}番地")
                : string.Create(CultureInfo.InvariantCulture, $"{random.Between(1, 1500)}番地の{random.Between(1, 20)}");
        if (random.Chance(150))
        {
            text += string.Create(CultureInfo.InvariantCulture, $"\u3000{random.Pick(Buildings)}{random.Between(1, 5)}0{random.Between(1, 8)}号室");
        }

        return text;
    }

    private static string Describe(DemoPlan plan)
    {
        var parts = new List<string>
        {
            plan.Kind switch
            {
                DemoHouseholdKind.SingleMother => "母子家庭",
                DemoHouseholdKind.SingleFather => "父子家庭",
                DemoHouseholdKind.OrphansWithCarer => "父母のいない児童と養育者",
                _ => "父母のいない児童（養育者は受給者でない）",
            },
        };
        if (plan.ThreeGenerations)
        {
            parts.Add("三世代同居");
        }

        if (plan.Partner != DemoPartner.None)
        {
            parts.Add(plan.Partner switch { DemoPartner.CommonLawFlagged => "事実婚の確認中", DemoPartner.CommonLawLost => "事実婚で喪失", _ => "婚姻で喪失" });
        }

        if (plan.Loss is not (DemoLoss.None or DemoLoss.Marriage))
        {
            parts.Add("喪失あり");
        }

        if (plan.RemoteChild)
        {
            parts.Add("遠隔地の児童");
        }

        return string.Join("、", parts);
    }

    private static string JapaneseDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>An income-tested adult's amounts for the current 課税年度, drawn once; the previous year is scaled from them.</summary>
    private sealed class Adult
    {
        public Adult(DemoRandom random, DemoPerson person, int fiscalYear)
        {
            var age = AgeRules.AgeOn(person.BirthDate, new DateOnly(fiscalYear - 1, 12, 31));
            var elder = person.Role is DemoRole.SupportObligor || (person.Role == DemoRole.Carer);
            switch (person.IncomeProfile)
            {
                case DemoIncomeProfile.PartTime:
                    Salary = random.Between(600_000L, 1_900_000L);
                    break;
                case DemoIncomeProfile.Regular:
                    Salary = person.Sex == Sex.Male && !elder ? random.Between(2_800_000L, 5_600_000L) : random.Between(2_000_000L, 4_400_000L);
                    break;
                case DemoIncomeProfile.High:
                    Salary = random.Between(4_500_000L, 8_500_000L);
                    break;
                case DemoIncomeProfile.SelfEmployed:
                    Business = random.Between(600_000L, 3_500_000L);
                    break;
                case DemoIncomeProfile.Pension:
                    Pension = person.Sex == Sex.Male ? random.Between(1_200_000L, 3_200_000L) : random.Between(600_000L, 1_800_000L);
                    break;
                case DemoIncomeProfile.PensionAndWork:
                    Pension = age >= 60 ? (person.Sex == Sex.Male ? random.Between(1_000_000L, 2_400_000L) : random.Between(500_000L, 1_400_000L)) : 0;
                    Salary = random.Between(600_000L, 2_400_000L);
                    break;
                default:
                    break;
            }

            if (person.Role == DemoRole.Parent && random.Chance(50))
            {
                OtherMiscellaneous = random.Between(20_000L, 400_000L);
            }

            if (elder && random.Chance(60))
            {
                SeparateStock = random.Between(10_000L, 500_000L);
            }

            Disabled = random.Chance(20);
            LifeInsurance = random.Chance(350) ? random.Between(8_000L, 28_000L) : 0;
            NonLifeInsurance = random.Chance(120) ? random.Between(2_000L, 25_000L) : 0;
            MedicalExpenses = random.Chance(60) ? random.Between(10_000L, 250_000L) : 0;
            Donation = Salary + Business > 3_000_000 && random.Chance(150) ? random.Between(10_000L, 80_000L) : 0;
            PremiumRatePerMille = random.Between(140, 155);
            PreviousYearPerMille = random.Between(900, 1040);
        }

        public long Salary { get; }

        public long Pension { get; }

        public long NonTaxablePension { get; set; }

        public long Business { get; }

        public long OtherMiscellaneous { get; }

        public long SeparateStock { get; }

        public bool Disabled { get; }

        public bool Widowed { get; set; }

        /// <summary>She lives with her husband: neither 寡婦 nor a survivor's pension.</summary>
        public void MarkMarried()
        {
            Widowed = false;
            NonTaxablePension = 0;
        }

        public long LifeInsurance { get; }

        public long NonLifeInsurance { get; }

        public long MedicalExpenses { get; }

        public long Donation { get; }

        public int PremiumRatePerMille { get; }

        public int PreviousYearPerMille { get; }
    }
}
