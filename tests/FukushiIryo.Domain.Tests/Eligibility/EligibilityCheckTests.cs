using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Income;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Eligibility;

/// <summary>
/// Every check of <see cref="EligibilityCheck"/> on a household that passes everything, changed one
/// fact at a time; boundary dates written out.
/// </summary>
public sealed class EligibilityCheckTests
{
    /// <summary>decisions.md D3, written out (the App ships the same rows as master defaults).</summary>
    internal static EligibilityRules D3 { get; } = new(
    [
        new("生活保護", PrecedenceEffect.Excludes),
        new("心身障害者医療", PrecedenceEffect.OtherProgramFirst),
        new("精神障害者医療", PrecedenceEffect.OtherProgramFirst),
        new("難病", PrecedenceEffect.PaysBefore),
        new("小児慢性特定疾病", PrecedenceEffect.PaysBefore),
        new("子ども医療", PrecedenceEffect.SingleParentFirst),
        new("災害共済給付", PrecedenceEffect.NotPaid),
    ]);

    private static readonly DateOnly On = D("2026-05-15");

    private static ApplicantFacts Mother => new(
        "m", "奈良 花子", D("1990-06-01"), ApplicantRole.Parent, "世帯主", SingleParentReason.Divorce, D("2024-03-01"), null,
        Insured: true, PublicAssistance: false, OtherPrograms: [], ResidesInCity: true);

    private static ChildFacts Child(string id = "c1", string birth = "2015-07-07") => new(
        id, "奈良 " + id, D(birth), Insured: true, PublicAssistance: false, OtherPrograms: [], ResidesInCity: true,
        LivesWithApplicant: true, RemoteArea: false, SeparateCustody: false, InChildWelfareFacility: false);

    private static ApplicationSnapshot Household(
        ApplicantFacts? applicant = null,
        IReadOnlyList<ChildFacts>? children = null,
        IReadOnlyList<OtherMemberFacts>? others = null,
        DateOnly? on = null,
        CityIncomeCriterion criterion = CityIncomeCriterion.None,
        IReadOnlyList<IncomeCriterionFact>? income = null) =>
        new(on ?? On, applicant ?? Mother, children ?? [Child()], others ?? [], criterion, income ?? []);

    private static EligibilityResult Check(ApplicationSnapshot application) => EligibilityCheck.Check(application, D3);

    [Fact]
    public void A_single_mother_with_an_insured_child_in_the_city_is_eligible_without_warnings()
    {
        var result = Check(Household());
        Assert.True(result.AllEligible);
        Assert.Empty(result.Failures);
        Assert.Empty(result.Warnings);
        Assert.True(result.Applicant.IsEligible);
        Assert.True(Assert.Single(result.Children).IsEligible);
    }

    // ---- 年齢: the 18歳到達年度末, births on 04-01 and 04-02, 3/31 → 4/1 ----

    [Theory]
    [InlineData("2008-04-01", "2026-03-31", true)]
    [InlineData("2008-04-01", "2026-04-01", false)]
    [InlineData("2008-04-02", "2026-04-01", true)]
    [InlineData("2008-04-02", "2027-03-31", true)]
    [InlineData("2008-04-02", "2027-04-01", false)]
    [InlineData("2009-03-31", "2027-03-31", true)]
    [InlineData("2009-03-31", "2027-04-01", false)]
    [InlineData("2026-03-31", "2026-03-31", true)]
    [InlineData("2026-04-01", "2026-03-31", false)]
    public void A_child_is_eligible_up_to_its_18th_fiscal_year_end(string birth, string applied, bool eligible)
    {
        var result = Check(Household(children: [Child(birth: birth)], on: D(applied), applicant: Mother with { ReasonArisenOn = D("2000-01-01") }));
        var child = Assert.Single(result.Children);
        Assert.Equal(eligible, child.IsEligible);
        Assert.Equal(eligible, result.Applicant.IsEligible);
        if (!eligible)
        {
            Assert.Contains(child.Failures, f => f.Check is EligibilityCheckKind.AgeLimit or EligibilityCheckKind.BirthDate);
            Assert.Contains(result.Applicant.Failures, f => f.Check == EligibilityCheckKind.EligibleChild);
        }
    }

    [Fact]
    public void The_age_failure_names_the_fiscal_year_end_in_wareki()
    {
        var result = Check(Household(children: [Child(birth: "2008-04-01")], on: D("2026-04-01")));
        var failure = Assert.Single(result.Children[0].Failures);
        Assert.Equal("奈良 c1: 18歳到達年度末（令和8年3月31日）を過ぎています。", failure.Text);
    }

    [Property(MaxTest = 300)]
    public Property The_age_check_flips_exactly_once_across_the_18th_fiscal_year_end()
    {
        var births = Gen.Choose(0, 7_000).Select(offset => D("1995-01-01").AddDays(offset));
        return Prop.ForAll(births.ToArbitrary(), birth =>
        {
            var end = FukushiIryo.Domain.Calendar.AgeRules.EndOfFiscalYearReaching18(birth);
            var days = Enumerable.Range(-3, 7).Select(offset => end.AddDays(offset))
                .Append(birth).Append(birth.AddYears(10)).Append(end.AddYears(1)).Order().ToList();
            var eligible = days.Select(day => AgeEligible(birth, day)).ToList();
            var flips = eligible.Zip(eligible.Skip(1), (before, after) => before != after).Count(flip => flip);
            return flips == 1 && AgeEligible(birth, end) && !AgeEligible(birth, end.AddDays(1));
        });
    }

    private static bool AgeEligible(DateOnly birth, DateOnly on) =>
        Check(Household(children: [Child(birth: birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))], on: on,
            applicant: Mother with { ReasonArisenOn = D("1990-01-01") })).Children[0].Failures.All(f => f.Check != EligibilityCheckKind.AgeLimit);

    [Fact]
    public void Of_two_children_the_one_over_the_age_limit_is_refused_and_the_household_stays_eligible()
    {
        var result = Check(Household(children: [Child("old", "2007-04-02"), Child("young", "2012-01-01")]));
        Assert.False(result.Children[0].IsEligible);
        Assert.True(result.Children[1].IsEligible);
        Assert.True(result.Applicant.IsEligible);
        Assert.True(result.AnyEligible);
        Assert.False(result.AllEligible);
    }

    // ---- ひとり親の状態: 妻（未届）/夫（未届）, 妻/夫 ----

    [Theory]
    [InlineData("夫（未届）")]
    [InlineData("妻（未届）")]
    public void A_household_with_a_common_law_partner_of_the_applicant_is_refused_for_everyone(string relationship)
    {
        var result = Check(Household(others: [new("p", "生駒 次郎", relationship)]));
        Assert.False(result.AnyEligible);
        var failure = Assert.Single(result.HouseholdFailures);
        Assert.Equal(EligibilityCheckKind.SingleParentStatus, failure.Check);
        Assert.Equal($"世帯に「{relationship}」の生駒 次郎がいます（事実婚。婚姻には事実婚を含みます）。", failure.Text);
        Assert.All(result.Persons, person => Assert.False(person.IsEligible));
    }

    [Fact]
    public void An_applicant_who_is_herself_the_common_law_wife_of_the_head_is_refused()
    {
        var result = Check(Household(applicant: Mother with { RegistryRelationship = "妻（未届）" }));
        Assert.Contains(result.HouseholdFailures, f => f.Check == EligibilityCheckKind.SingleParentStatus);
        Assert.False(result.AnyEligible);
    }

    [Fact]
    public void A_wife_in_the_household_of_the_applicants_father_is_the_grandmother_not_a_spouse()
    {
        var daughter = Mother with { RegistryRelationship = "子" };
        var result = Check(Household(applicant: daughter, others: [new("gf", "奈良 一郎", "世帯主"), new("gm", "奈良 和子", "妻")]));
        Assert.True(result.AllEligible);
    }

    [Fact]
    public void A_legal_spouse_after_a_divorce_is_refused()
    {
        var result = Check(Household(others: [new("h", "奈良 太郎", "夫")]));
        Assert.Contains(result.HouseholdFailures, f => f.Check == EligibilityCheckKind.SingleParentStatus);
    }

    [Theory]
    [InlineData(SingleParentReason.Detention)]
    [InlineData(SingleParentReason.Disability)]
    public void A_legal_spouse_under_a_reason_that_keeps_the_marriage_is_a_warning(SingleParentReason reason)
    {
        var result = Check(Household(applicant: Mother with { Reason = reason, FixedTermEnd = D("2027-03-31") }, others: [new("h", "奈良 太郎", "夫")]));
        Assert.True(result.AllEligible);
        Assert.Contains(result.HouseholdWarnings, w => w.Check == EligibilityCheckKind.SingleParentStatus);
    }

    [Fact]
    public void An_unknown_registry_relationship_is_a_warning()
    {
        var result = Check(Household(applicant: Mother with { RegistryRelationship = null }));
        Assert.True(result.AllEligible);
        Assert.Contains(result.HouseholdWarnings, w => w.Check == EligibilityCheckKind.SingleParentStatus);
    }

    // ---- ひとり親理由, 事由発生年月日, 有期終了日 ----

    [Theory]
    [InlineData("2026-05-15", "2026-05-15", true)]
    [InlineData("2026-05-14", "2026-05-15", false)]
    [InlineData("2026-05-15", "2026-05-16", false)]
    [InlineData("2027-03-31", "2027-03-31", true)]
    [InlineData("2027-03-31", "2027-04-01", false)]
    public void The_fixed_term_end_is_the_last_day_an_application_can_be_granted(string fixedTermEnd, string applied, bool eligible)
    {
        var applicant = Mother with { Reason = SingleParentReason.Detention, FixedTermEnd = D(fixedTermEnd) };
        var result = Check(Household(applicant: applicant, on: D(applied)));
        Assert.Equal(eligible, result.AllEligible);
        if (!eligible)
        {
            Assert.Contains("有期終了日", Assert.Single(result.HouseholdFailures).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_reason_and_a_missing_arisen_date_are_both_named()
    {
        var result = Check(Household(applicant: Mother with { Reason = null, ReasonArisenOn = null }));
        Assert.Equal(
            ["ひとり親理由が入力されていません。", "事由発生年月日が入力されていません。"],
            result.HouseholdFailures.Select(f => f.Message));
    }

    [Theory]
    [InlineData("2026-05-15", true)]
    [InlineData("2026-05-16", false)]
    public void The_reason_must_have_arisen_by_the_application_date(string arisen, bool eligible)
    {
        var result = Check(Household(applicant: Mother with { ReasonArisenOn = D(arisen) }));
        Assert.Equal(eligible, result.AllEligible);
    }

    [Fact]
    public void Detention_without_a_fixed_term_end_is_a_warning()
    {
        var result = Check(Household(applicant: Mother with { Reason = SingleParentReason.Detention }));
        Assert.True(result.AllEligible);
        Assert.Contains(result.HouseholdWarnings, w => w.Check == EligibilityCheckKind.SingleParentReason);
    }

    // ---- 健康保険 ----

    [Fact]
    public void An_uninsured_child_is_refused_and_the_rest_of_the_household_is_not()
    {
        var result = Check(Household(children: [Child("a") with { Insured = false }, Child("b")]));
        Assert.Equal("健康保険に加入していません。", Assert.Single(result.Children[0].Failures).Message);
        Assert.True(result.Children[1].IsEligible);
        Assert.True(result.Applicant.IsEligible);
    }

    [Fact]
    public void An_uninsured_parent_is_refused_and_the_child_is_not()
    {
        var result = Check(Household(applicant: Mother with { Insured = false }));
        Assert.Equal(EligibilityCheckKind.Insurance, Assert.Single(result.Applicant.Failures).Check);
        Assert.True(result.Children[0].IsEligible);
    }

    // ---- 生活保護 and precedence (D3) ----

    [Fact]
    public void Public_assistance_excludes()
    {
        var result = Check(Household(applicant: Mother with { PublicAssistance = true }, children: [Child() with { PublicAssistance = true }]));
        Assert.False(result.AnyEligible);
        Assert.Equal("生活保護を受けているため対象外です。", Assert.Single(result.Children[0].Failures).Message);
        Assert.Contains(result.Applicant.Failures, f => f.Check == EligibilityCheckKind.PublicAssistance);
    }

    [Theory]
    [InlineData("心身障害者医療", false, false)]
    [InlineData("精神障害者医療", false, false)]
    [InlineData("難病", true, true)]
    [InlineData("小児慢性特定疾病", true, true)]
    [InlineData("子ども医療", true, true)]
    [InlineData("災害共済給付", true, false)]
    [InlineData("未登録の制度", true, true)]
    public void Another_program_of_the_child_follows_the_precedence(string program, bool eligible, bool warned)
    {
        var result = Check(Household(children: [Child() with { OtherPrograms = [program] }]));
        var child = result.Children[0];
        Assert.Equal(eligible, child.IsEligible);
        Assert.Equal(warned, child.Warnings.Any(w => w.Check == EligibilityCheckKind.ProgramPrecedence));
    }

    [Fact]
    public void A_parent_under_the_disabled_persons_program_is_refused_while_her_child_is_granted()
    {
        var result = Check(Household(applicant: Mother with { OtherPrograms = ["心身障害者医療"] }));
        Assert.Equal("心身障害者医療が優先するため、ひとり親家庭等医療費助成の対象になりません。", Assert.Single(result.Applicant.Failures).Message);
        Assert.True(result.Children[0].IsEligible);
    }

    [Fact]
    public void A_child_on_child_medical_care_is_granted_with_a_notice_to_end_it()
    {
        var result = Check(Household(children: [Child() with { OtherPrograms = ["子ども医療"] }]));
        Assert.True(result.AllEligible);
        Assert.Equal(
            "奈良 c1: ひとり親家庭等医療費助成が子ども医療より優先します。子ども医療の資格の終了を担当課へ連絡してください。",
            Assert.Single(result.Warnings).Text);
    }

    [Fact]
    public void Precedence_comes_from_the_rules_given()
    {
        var rules = new EligibilityRules([new("心身障害者医療", PrecedenceEffect.PaysBefore)]);
        var result = EligibilityCheck.Check(Household(children: [Child() with { OtherPrograms = ["心身障害者医療"] }]), rules);
        Assert.True(result.AllEligible);
    }

    // ---- 児童福祉施設 ----

    [Fact]
    public void A_child_in_a_welfare_facility_is_refused()
    {
        var result = Check(Household(children: [Child() with { InChildWelfareFacility = true }]));
        Assert.Equal(EligibilityCheckKind.ChildWelfareFacility, Assert.Single(result.Children[0].Failures).Check);
        Assert.Contains(result.Applicant.Failures, f => f.Check == EligibilityCheckKind.EligibleChild);
    }

    // ---- 住所: in the city, 遠隔地, 別居監護 ----

    [Theory]
    [InlineData(true, false, false, true, false)]
    [InlineData(false, true, false, true, false)]
    [InlineData(false, false, true, true, false)]
    [InlineData(false, false, false, false, false)]
    public void A_child_outside_the_city_needs_remote_area_or_separate_custody(bool inCity, bool remote, bool separate, bool eligible, bool warned)
    {
        var child = Child() with { ResidesInCity = inCity, LivesWithApplicant = inCity, RemoteArea = remote, SeparateCustody = separate };
        var result = Check(Household(children: [child]));
        Assert.Equal(eligible, result.Children[0].IsEligible);
        Assert.Equal(warned, result.Warnings.Count > 0);
        if (!eligible)
        {
            Assert.Equal("市外に住んでいます（遠隔地・別居監護のいずれにも該当しません）。", Assert.Single(result.Children[0].Failures).Message);
        }
    }

    [Fact]
    public void A_child_in_the_city_living_apart_without_separate_custody_is_a_warning()
    {
        var result = Check(Household(children: [Child() with { LivesWithApplicant = false }]));
        Assert.True(result.AllEligible);
        Assert.Equal(EligibilityCheckKind.Residence, Assert.Single(result.Warnings).Check);
    }

    [Fact]
    public void An_applicant_outside_the_city_makes_the_household_ineligible()
    {
        var result = Check(Household(applicant: Mother with { ResidesInCity = false }));
        Assert.False(result.AnyEligible);
        Assert.Equal("申請者（奈良 花子）が市内に住んでいません。", Assert.Single(result.HouseholdFailures).Text);
    }

    // ---- 所得制限 (D4 (a)) ----

    [Theory]
    [InlineData(CityIncomeCriterion.None, IncomeCriterion.NotMet, true)]
    [InlineData(CityIncomeCriterion.None, IncomeCriterion.Undetermined, true)]
    [InlineData(CityIncomeCriterion.PartialAllowanceLimits, IncomeCriterion.Met, true)]
    [InlineData(CityIncomeCriterion.PartialAllowanceLimits, IncomeCriterion.NotMet, false)]
    [InlineData(CityIncomeCriterion.PartialAllowanceLimits, IncomeCriterion.Undetermined, false)]
    public void The_income_criterion_counts_only_when_the_setting_enables_it(CityIncomeCriterion setting, IncomeCriterion parent, bool eligible)
    {
        var result = Check(Household(criterion: setting, income: [new("m", "奈良 花子", parent)]));
        Assert.Equal(eligible, result.AllEligible);
    }

    [Fact]
    public void A_support_obligor_over_the_limit_fails_the_household_and_is_named()
    {
        var result = Check(Household(criterion: CityIncomeCriterion.PartialAllowanceLimits,
            income: [new("m", "奈良 花子", IncomeCriterion.Met), new("gf", "奈良 一郎", IncomeCriterion.NotMet)]));
        Assert.Equal("奈良 一郎の所得が所得制限限度額以上です（所得超過）。", Assert.Single(result.HouseholdFailures).Message);
        Assert.False(result.AnyEligible);
    }

    [Fact]
    public void With_the_criterion_enabled_a_missing_test_of_the_applicant_fails()
    {
        var result = Check(Household(criterion: CityIncomeCriterion.PartialAllowanceLimits));
        Assert.Equal(EligibilityCheckKind.IncomeCriterion, Assert.Single(result.HouseholdFailures).Check);
    }

    // ---- every failure is named ----

    [Fact]
    public void Every_failed_check_is_named_not_only_the_first()
    {
        var applicant = Mother with { Insured = false, Reason = null, ResidesInCity = false };
        var child = Child() with { Insured = false, InChildWelfareFacility = true, ResidesInCity = false, LivesWithApplicant = false, OtherPrograms = ["心身障害者医療"] };
        var result = Check(Household(applicant: applicant, children: [child, Child("c2", "2007-01-01")], others: [new("p", "生駒 次郎", "夫（未届）")]));
        Assert.Equal(
            [
                "世帯に「夫（未届）」の生駒 次郎がいます（事実婚。婚姻には事実婚を含みます）。",
                "ひとり親理由が入力されていません。",
                "申請者（奈良 花子）が市内に住んでいません。",
                "奈良 花子: 健康保険に加入していません。",
                "奈良 花子: 対象となる児童がいません（対象児童なし）。",
                "奈良 c1: 健康保険に加入していません。",
                "奈良 c1: 心身障害者医療が優先するため、ひとり親家庭等医療費助成の対象になりません。",
                "奈良 c1: 児童福祉施設に入所しています。",
                "奈良 c1: 市外に住んでいます（遠隔地・別居監護のいずれにも該当しません）。",
                "奈良 c2: 18歳到達年度末（令和7年3月31日）を過ぎています。",
            ],
            result.Failures.Select(f => f.Text));
    }

    [Fact]
    public void An_application_without_children_is_refused_for_the_applicant()
    {
        var result = Check(Household(children: []));
        Assert.Equal("対象となる児童がいません（児童が申請されていません）。", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void A_carer_is_checked_like_a_parent()
    {
        var grandmother = Mother with { Role = ApplicantRole.Carer, Reason = SingleParentReason.Bereavement, BirthDate = D("1960-01-01") };
        Assert.True(Check(Household(applicant: grandmother)).AllEligible);
        Assert.False(Check(Household(applicant: grandmother, others: [new("x", "生駒 三郎", "夫（未届）")])).AnyEligible);
    }
}
