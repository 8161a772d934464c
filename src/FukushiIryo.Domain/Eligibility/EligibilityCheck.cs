using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Income;

namespace FukushiIryo.Domain.Eligibility;

/// <summary>The checks of an application (issue 9 item 2, rules-research.md §1, decisions.md D3, D4).</summary>
public enum EligibilityCheckKind
{
    /// <summary>生年月日: a child must be born on or before the application date.</summary>
    BirthDate = 1,

    /// <summary>年齢: a child is eligible up to its 18歳到達年度末.</summary>
    AgeLimit = 2,

    /// <summary>ひとり親の状態: no spouse, legal or de facto (妻（未届）/夫（未届）), in the 住基 世帯.</summary>
    SingleParentStatus = 3,

    /// <summary>ひとり親理由, 事由発生年月日, 有期終了日.</summary>
    SingleParentReason = 4,

    /// <summary>健康保険: the person must be insured.</summary>
    Insurance = 5,

    /// <summary>生活保護: excludes.</summary>
    PublicAssistance = 6,

    /// <summary>他制度: precedence against other programs (D3).</summary>
    ProgramPrecedence = 7,

    /// <summary>児童福祉施設: a child placed in a facility is excluded.</summary>
    ChildWelfareFacility = 8,

    /// <summary>住所: the applicant in the city; a child in the city or outside with 遠隔地/別居監護.</summary>
    Residence = 9,

    /// <summary>所得制限: the city's own criterion (D4 (a)), when the setting enables it.</summary>
    IncomeCriterion = 10,

    /// <summary>対象児童: the applicant needs at least one eligible child.</summary>
    EligibleChild = 11,
}

/// <summary>
/// One failed check or one warning, in Japanese. <see cref="PersonId"/> and <see cref="PersonName"/>
/// are null for a finding about the whole household (it then applies to every person).
/// </summary>
public sealed record EligibilityFinding(EligibilityCheckKind Check, string? PersonId, string? PersonName, string Message)
{
    /// <summary>The message with the person's name in front: 「奈良 花子: 健康保険に加入していません。」.</summary>
    public string Text => PersonName is null ? Message : $"{PersonName}: {Message}";
}

/// <summary>The outcome for one person: eligible when neither the person nor the household failed a check.</summary>
public sealed record PersonEligibility(
    string PersonId,
    string Name,
    bool IsChild,
    IReadOnlyList<EligibilityFinding> Failures,
    IReadOnlyList<EligibilityFinding> Warnings,
    bool HouseholdFailed)
{
    public bool IsEligible => !HouseholdFailed && Failures.Count == 0;
}

/// <summary>
/// The outcome of <see cref="EligibilityCheck.Check"/>: each person's outcome, the findings about
/// the whole household, and every failure and warning in one list (household first, then the
/// applicant, then the children in order) for a 却下通知書 or a screen.
/// </summary>
public sealed record EligibilityResult(
    DateOnly ApplicationDate,
    PersonEligibility Applicant,
    IReadOnlyList<PersonEligibility> Children,
    IReadOnlyList<EligibilityFinding> HouseholdFailures,
    IReadOnlyList<EligibilityFinding> HouseholdWarnings)
{
    /// <summary>The applicant, then the children.</summary>
    public IEnumerable<PersonEligibility> Persons => Children.Prepend(Applicant);

    /// <summary>Every failed check.</summary>
    public IReadOnlyList<EligibilityFinding> Failures =>
        [.. HouseholdFailures, .. Persons.SelectMany(person => person.Failures)];

    /// <summary>Every warning (要確認: staff look, but the application may be granted).</summary>
    public IReadOnlyList<EligibilityFinding> Warnings =>
        [.. HouseholdWarnings, .. Persons.SelectMany(person => person.Warnings)];

    /// <summary>Nobody failed anything: the whole household can be granted (認定).</summary>
    public bool AllEligible => Failures.Count == 0;

    /// <summary>At least one person can be granted; the others are refused (却下) with their failures.</summary>
    public bool AnyEligible => Persons.Any(person => person.IsEligible);
}

/// <summary>
/// What the check reads besides the application: the ProgramPrecedence rows in force on the
/// application date.
/// </summary>
public sealed record EligibilityRules(IReadOnlyList<ProgramPrecedenceRule> Precedence)
{
    /// <summary>The program code under which 生活保護 is looked up in <see cref="Precedence"/>.</summary>
    public const string PublicAssistanceProgram = "生活保護";

    public ProgramPrecedenceRule? RuleFor(string program) =>
        Precedence.FirstOrDefault(rule => string.Equals(rule.Program, program, StringComparison.Ordinal));
}

/// <summary>
/// 受給資格の審査 as a pure function (rules-research.md §1, decisions.md D3, D4; docs/eligibility.md):
/// every check runs, none stops the others, and each failure is named in Japanese for the person it
/// concerns. A household failure (ひとり親の状態, ひとり親理由, the applicant's residence, the income
/// criterion) makes everyone ineligible; a person's own failure (insurance, 生活保護, other programs,
/// and for a child age, 児童福祉施設 and residence) only that person; the applicant also needs at
/// least one eligible child (対象児童なし).
/// </summary>
public static class EligibilityCheck
{
    /// <summary>住基上の続柄 of a spouse of the 世帯主 by legal marriage.</summary>
    public static IReadOnlyList<string> LegalSpouseRelationships { get; } = ["妻", "夫"];

    /// <summary>住基上の続柄 of a de facto spouse of the 世帯主 (事実婚).</summary>
    public static IReadOnlyList<string> CommonLawRelationships { get; } = ["妻（未届）", "夫（未届）"];

    /// <summary>住基上の続柄 of the head of the 住基 世帯.</summary>
    public const string HouseholdHead = "世帯主";

    /// <summary>
    /// ひとり親理由 under which the other parent is still the legal spouse (母子及び父子並びに寡婦福祉法
    /// §6: 遺棄, 生死不明, 障害, 拘禁, 保護命令): a 妻/夫 in the 世帯 is then a warning, not a failure.
    /// </summary>
    public static IReadOnlyList<SingleParentReason> ReasonsWithSpouse { get; } =
    [
        SingleParentReason.Abandonment, SingleParentReason.Missing, SingleParentReason.Disability,
        SingleParentReason.Detention, SingleParentReason.ProtectionOrder,
    ];

    /// <summary>ひとり親理由 that end on a known day: a 有期終了日 is expected.</summary>
    public static IReadOnlyList<SingleParentReason> FixedTermReasons { get; } =
        [SingleParentReason.Detention, SingleParentReason.ProtectionOrder];

    public static EligibilityResult Check(ApplicationSnapshot application, EligibilityRules rules)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(rules);
        var on = application.ApplicationDate;
        var applicant = application.Applicant;
        var household = new Findings(null, null);
        CheckSingleParentStatus(application, household);
        CheckReason(applicant, on, household);
        if (!applicant.ResidesInCity)
        {
            household.Fail(EligibilityCheckKind.Residence, $"申請者（{applicant.Name}）が市内に住んでいません。");
        }

        CheckIncome(application, household);

        var children = application.Children.Select(child => CheckChild(child, on, rules, household.Failed)).ToList();

        var own = new Findings(applicant.Id, applicant.Name);
        CheckPerson(applicant, rules, own);
        if (!children.Any(child => child.Failures.Count == 0))
        {
            own.Fail(EligibilityCheckKind.EligibleChild, application.Children.Count == 0
                ? "対象となる児童がいません（児童が申請されていません）。"
                : "対象となる児童がいません（対象児童なし）。");
        }

        return new EligibilityResult(
            on,
            own.ToPerson(isChild: false, household.Failed),
            children,
            household.Failures,
            household.Warnings);
    }

    private static void CheckSingleParentStatus(ApplicationSnapshot application, Findings household)
    {
        var applicant = application.Applicant;
        var spouseTolerated = applicant.Reason is { } reason && ReasonsWithSpouse.Contains(reason);
        void LegalSpouse(string message)
        {
            if (spouseTolerated)
            {
                household.Warn(EligibilityCheckKind.SingleParentStatus,
                    $"{message}（ひとり親理由「{applicant.Reason!.Value.Japanese()}」のため、配偶者の状況を確認してください）");
            }
            else
            {
                household.Fail(EligibilityCheckKind.SingleParentStatus, message + "（配偶者のいない父母・養育者ではありません）");
            }
        }

        var own = applicant.RegistryRelationship;
        if (own is null)
        {
            household.Warn(EligibilityCheckKind.SingleParentStatus, "申請者の住基上の続柄が不明です。配偶者（事実婚を含む）の有無を確認してください。");
        }
        else if (CommonLawRelationships.Contains(own))
        {
            household.Fail(EligibilityCheckKind.SingleParentStatus,
                $"申請者の住基上の続柄が「{own}」で、世帯主と事実婚の状態にあります（婚姻には事実婚を含みます）。");
        }
        else if (LegalSpouseRelationships.Contains(own))
        {
            LegalSpouse($"申請者の住基上の続柄が「{own}」で、世帯主の配偶者です。");
        }
        else if (own == HouseholdHead)
        {
            foreach (var member in application.OtherMembers)
            {
                if (member.RegistryRelationship is { } relationship && CommonLawRelationships.Contains(relationship))
                {
                    household.Fail(EligibilityCheckKind.SingleParentStatus,
                        $"世帯に「{relationship}」の{member.Name}がいます（事実婚。婚姻には事実婚を含みます）。");
                }
                else if (member.RegistryRelationship is { } legal && LegalSpouseRelationships.Contains(legal))
                {
                    LegalSpouse($"世帯に「{legal}」の{member.Name}がいます。");
                }
            }
        }
    }

    private static void CheckReason(ApplicantFacts applicant, DateOnly on, Findings household)
    {
        if (applicant.Reason is not { } reason)
        {
            household.Fail(EligibilityCheckKind.SingleParentReason, "ひとり親理由が入力されていません。");
        }
        else if (FixedTermReasons.Contains(reason) && applicant.FixedTermEnd is null)
        {
            household.Warn(EligibilityCheckKind.SingleParentReason,
                $"ひとり親理由「{reason.Japanese()}」は期間が限られますが、有期終了日が入力されていません。");
        }

        if (applicant.ReasonArisenOn is not { } arisen)
        {
            household.Fail(EligibilityCheckKind.SingleParentReason, "事由発生年月日が入力されていません。");
        }
        else if (arisen > on)
        {
            household.Fail(EligibilityCheckKind.SingleParentReason,
                $"事由発生年月日（{Day(arisen)}）が申請日（{Day(on)}）より後です。");
        }

        if (applicant.FixedTermEnd is { } end)
        {
            if (end < on)
            {
                household.Fail(EligibilityCheckKind.SingleParentReason,
                    $"有期終了日（{Day(end)}）を過ぎています（申請日 {Day(on)}）。");
            }
            else if (applicant.ReasonArisenOn is { } start && end < start)
            {
                household.Fail(EligibilityCheckKind.SingleParentReason,
                    $"有期終了日（{Day(end)}）が事由発生年月日（{Day(start)}）より前です。");
            }
        }
    }

    private static void CheckIncome(ApplicationSnapshot application, Findings household)
    {
        if (application.IncomeCriterion == CityIncomeCriterion.None)
        {
            return;
        }

        if (!application.IncomeResults.Any(result => result.PersonId == application.Applicant.Id))
        {
            household.Fail(EligibilityCheckKind.IncomeCriterion, "申請者の所得判定が済んでいません（所得制限の判定が必要です）。");
        }

        foreach (var result in application.IncomeResults)
        {
            switch (result.Criterion)
            {
                case IncomeCriterion.NotMet:
                    household.Fail(EligibilityCheckKind.IncomeCriterion, $"{result.Name}の所得が所得制限限度額以上です（所得超過）。");
                    break;
                case IncomeCriterion.Undetermined:
                    household.Fail(EligibilityCheckKind.IncomeCriterion, $"{result.Name}の所得が未申告のため判定できません（申告があるまで認定できません）。");
                    break;
            }
        }
    }

    private static PersonEligibility CheckChild(ChildFacts child, DateOnly on, EligibilityRules rules, bool householdFailed)
    {
        var findings = new Findings(child.Id, child.Name);
        if (child.BirthDate > on)
        {
            findings.Fail(EligibilityCheckKind.BirthDate, $"生年月日（{Day(child.BirthDate)}）が申請日（{Day(on)}）より後です。");
        }
        else if (!AgeRules.IsWithinAgeLimit(child.BirthDate, on))
        {
            findings.Fail(EligibilityCheckKind.AgeLimit,
                $"18歳到達年度末（{Day(AgeRules.EndOfFiscalYearReaching18(child.BirthDate))}）を過ぎています。");
        }

        CheckPerson(child, rules, findings);
        if (child.InChildWelfareFacility)
        {
            findings.Fail(EligibilityCheckKind.ChildWelfareFacility, "児童福祉施設に入所しています。");
        }

        if (!child.ResidesInCity)
        {
            if (!child.RemoteArea && !child.SeparateCustody)
            {
                findings.Fail(EligibilityCheckKind.Residence, "市外に住んでいます（遠隔地・別居監護のいずれにも該当しません）。");
            }
        }
        else if (!child.LivesWithApplicant && !child.SeparateCustody)
        {
            findings.Warn(EligibilityCheckKind.Residence, "申請者と同居していません。別居監護に該当するか確認してください。");
        }

        return findings.ToPerson(isChild: true, householdFailed);
    }

    /// <summary>The checks of the parent, the carer and each child alike: insurance, 生活保護, other programs.</summary>
    private static void CheckPerson(PersonFacts person, EligibilityRules rules, Findings findings)
    {
        if (!person.Insured)
        {
            findings.Fail(EligibilityCheckKind.Insurance, "健康保険に加入していません。");
        }

        var programs = person.OtherPrograms.Where(program => !string.IsNullOrWhiteSpace(program)).Select(program => program.Trim()).ToList();
        if (person.PublicAssistance && !programs.Contains(EligibilityRules.PublicAssistanceProgram))
        {
            programs.Insert(0, EligibilityRules.PublicAssistanceProgram);
        }

        foreach (var program in programs.Distinct(StringComparer.Ordinal))
        {
            var kind = program == EligibilityRules.PublicAssistanceProgram ? EligibilityCheckKind.PublicAssistance : EligibilityCheckKind.ProgramPrecedence;
            switch (rules.RuleFor(program)?.Effect)
            {
                case null:
                    findings.Warn(kind, $"他制度「{program}」の優先順位が制度優先順位マスタにありません。確認してください。");
                    break;
                case PrecedenceEffect.Excludes:
                    findings.Fail(kind, $"{program}を受けているため対象外です。");
                    break;
                case PrecedenceEffect.OtherProgramFirst:
                    findings.Fail(kind, $"{program}が優先するため、ひとり親家庭等医療費助成の対象になりません。");
                    break;
                case PrecedenceEffect.PaysBefore:
                    findings.Warn(kind, $"{program}が先に負担し、ひとり親家庭等医療費助成は残りを助成します。");
                    break;
                case PrecedenceEffect.SingleParentFirst:
                    findings.Warn(kind, $"ひとり親家庭等医療費助成が{program}より優先します。{program}の資格の終了を担当課へ連絡してください。");
                    break;
                case PrecedenceEffect.NotPaid:
                    break;
            }
        }
    }

    private static string Day(DateOnly date) => WarekiDate.TryFrom(date)?.ToLongString() ?? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Findings(string? personId, string? name)
    {
        public List<EligibilityFinding> Failures { get; } = [];

        public List<EligibilityFinding> Warnings { get; } = [];

        public bool Failed => Failures.Count > 0;

        public void Fail(EligibilityCheckKind check, string message) => Failures.Add(new(check, personId, name, message));

        public void Warn(EligibilityCheckKind check, string message) => Warnings.Add(new(check, personId, name, message));

        public PersonEligibility ToPerson(bool isChild, bool householdFailed) =>
            new(personId!, name!, isChild, Failures, Warnings, householdFailed);
    }
}
