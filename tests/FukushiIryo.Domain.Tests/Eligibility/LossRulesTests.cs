using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Eligibility;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Eligibility;

/// <summary>The 喪失日 of every cause of interfaces.md §4 under the rules of decisions.md D7.</summary>
public sealed class LossRulesTests
{
    /// <summary>decisions.md D7, written out (the App ships the same rows as master defaults).</summary>
    internal static LossRuleSet D7 { get; } = new(
    [
        new(LossReason.Marriage, LossDateBasis.EventDay),
        new(LossReason.MovedOut, LossDateBasis.DayAfterEvent),
        new(LossReason.Death, LossDateBasis.DayAfterEvent),
        new(LossReason.OtherProgram, LossDateBasis.EventDay),
        new(LossReason.AgeLimit, LossDateBasis.DayAfterAgeLimit),
        new(LossReason.IncomeOverLimit, LossDateBasis.RenewalStart),
        new(LossReason.InsuranceLost, LossDateBasis.EventDay),
        new(LossReason.PublicAssistance, LossDateBasis.EventDay),
        new(LossReason.FixedTermEnded, LossDateBasis.DayAfterEvent),
        new(LossReason.RenewalNotSubmitted, LossDateBasis.RenewalStart),
        new(LossReason.NoEligibleChild, LossDateBasis.LastChildLostOn),
        new(LossReason.Other, LossDateBasis.EventDay),
    ]);

    public static TheoryData<LossReason, string?, string?, int?, string?, string> Cases => new()
    {
        // cause, event date, birth date, renewal year, last child's 喪失日 → 喪失日
        { LossReason.Marriage, "2026-05-10", null, null, null, "2026-05-10" },
        { LossReason.Marriage, "2026-03-31", null, null, null, "2026-03-31" },
        { LossReason.MovedOut, "2026-05-10", null, null, null, "2026-05-11" },
        { LossReason.MovedOut, "2026-03-31", null, null, null, "2026-04-01" },
        { LossReason.MovedOut, "2026-12-31", null, null, null, "2027-01-01" },
        { LossReason.Death, "2026-05-10", null, null, null, "2026-05-11" },
        { LossReason.Death, "2028-02-28", null, null, null, "2028-02-29" },
        { LossReason.OtherProgram, "2026-06-01", null, null, null, "2026-06-01" },
        { LossReason.InsuranceLost, "2026-07-15", null, null, null, "2026-07-15" },
        { LossReason.PublicAssistance, "2026-09-01", null, null, null, "2026-09-01" },
        { LossReason.FixedTermEnded, "2026-09-30", null, null, null, "2026-10-01" },
        { LossReason.FixedTermEnded, "2027-07-31", null, null, null, "2027-08-01" },
        { LossReason.Other, "2026-06-15", null, null, null, "2026-06-15" },

        // 年齢到達: 4/1 after the 18歳到達年度末; a 4/1 birthday belongs to the earlier 年度.
        { LossReason.AgeLimit, null, "2008-04-01", null, null, "2026-04-01" },
        { LossReason.AgeLimit, null, "2008-04-02", null, null, "2027-04-01" },
        { LossReason.AgeLimit, null, "2009-03-31", null, null, "2027-04-01" },
        { LossReason.AgeLimit, null, "2008-02-29", null, null, "2026-04-01" },

        // 所得超過 and 更新未提出: 8/1 of the renewal, whenever it was decided.
        { LossReason.IncomeOverLimit, "2026-07-20", null, 2026, null, "2026-08-01" },
        { LossReason.IncomeOverLimit, "2026-09-15", null, 2026, null, "2026-08-01" },
        { LossReason.RenewalNotSubmitted, null, null, 2027, null, "2027-08-01" },

        // 対象児童なし: the last child's 喪失日.
        { LossReason.NoEligibleChild, null, null, null, "2026-04-01", "2026-04-01" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_loss_date_of_each_cause_follows_D7(LossReason cause, string? eventDate, string? birth, int? renewalYear, string? lastChild, string expected)
    {
        var loss = new LossEvent(cause, OptionalD(eventDate), OptionalD(birth), renewalYear, OptionalD(lastChild));
        Assert.Equal(D(expected), LossRules.LostOn(loss, D7));
    }

    [Fact]
    public void Every_cause_of_the_recipients_file_has_a_rule_and_a_name()
    {
        Assert.Empty(D7.MissingCauses);
        Assert.Equal(
            ["婚姻", "転出", "死亡", "他医療への変更", "年齢到達", "所得超過", "保険喪失", "生活保護開始", "有期終了", "更新未提出", "対象児童なし", "その他"],
            EligibilityVocabulary.LossReasons.Select(pair => pair.Name));
        Assert.Equal(Enum.GetValues<LossReason>().Order(), EligibilityVocabulary.LossReasons.Select(pair => pair.Cause).Order());
    }

    [Fact]
    public void A_rule_changed_to_the_day_of_the_event_moves_the_loss_date()
    {
        var changed = new LossRuleSet(D7.Rules.Where(rule => rule.Cause != LossReason.Death).Append(new(LossReason.Death, LossDateBasis.EventDay)));
        Assert.Equal(D("2026-05-10"), LossRules.LostOn(new LossEvent(LossReason.Death, D("2026-05-10")), changed));
    }

    [Fact]
    public void An_event_without_what_its_rule_needs_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LossRules.LostOn(new LossEvent(LossReason.AgeLimit, D("2026-03-31")), D7));
        Assert.Throws<ArgumentException>(() => LossRules.LostOn(new LossEvent(LossReason.Death), D7));
        Assert.Throws<ArgumentException>(() => LossRules.LostOn(new LossEvent(LossReason.IncomeOverLimit, D("2026-08-01")), D7));
    }

    [Fact]
    public void A_cause_without_a_rule_is_an_error_and_two_rules_for_one_cause_too()
    {
        var partial = new LossRuleSet([new(LossReason.Marriage, LossDateBasis.EventDay)]);
        Assert.Contains(LossReason.Death, partial.MissingCauses);
        Assert.Throws<KeyNotFoundException>(() => LossRules.LostOn(new LossEvent(LossReason.Death, D("2026-05-10")), partial));
        Assert.Throws<ArgumentException>(() => new LossRuleSet(
            [new(LossReason.Marriage, LossDateBasis.EventDay), new(LossReason.Marriage, LossDateBasis.DayAfterEvent)]));
    }

    [Property]
    public Property The_loss_date_is_never_before_the_event_for_a_cause_dated_by_its_event()
    {
        var causes = Gen.Elements(D7.Rules.Where(rule => rule.Basis is LossDateBasis.EventDay or LossDateBasis.DayAfterEvent).Select(rule => rule.Cause).ToArray());
        var days = Gen.Choose(0, 20_000).Select(offset => D("1990-01-01").AddDays(offset));
        return Prop.ForAll(causes.ToArbitrary(), days.ToArbitrary(), (cause, day) =>
        {
            var lostOn = LossRules.LostOn(new LossEvent(cause, day), D7);
            return lostOn >= day && lostOn.DayNumber - day.DayNumber <= 1;
        });
    }

    [Property]
    public Property The_age_limit_loss_is_the_first_of_April_after_the_eighteenth_birthday_eve()
    {
        var births = Gen.Choose(0, 15_000).Select(offset => D("1990-01-01").AddDays(offset));
        return Prop.ForAll(births.ToArbitrary(), birth =>
        {
            var lostOn = LossRules.LostOn(new LossEvent(LossReason.AgeLimit, BirthDate: birth), D7);
            var eve = birth.AddYears(18).AddDays(-1);
            return lostOn is { Month: 4, Day: 1 } && lostOn > eve && lostOn <= eve.AddYears(1);
        });
    }

    [Fact]
    public void A_parents_marriage_ends_the_parent_and_every_eligible_child_on_the_day()
    {
        var household = new HouseholdMemberState[]
        {
            new("parent", false, null),
            new("child1", true, null),
            new("child2", true, null),
            new("child3", true, D("2026-04-01")),
        };
        var planned = LossRules.PlanHousehold("parent", new LossEvent(LossReason.Marriage, D("2026-06-20")), household, D7);
        Assert.Equal(
            [new("parent", LossReason.Marriage, D("2026-06-20")), new("child1", LossReason.Marriage, D("2026-06-20")), new("child2", LossReason.Marriage, D("2026-06-20"))],
            planned);
    }

    [Fact]
    public void A_parents_death_or_move_ends_only_the_parent()
    {
        var household = new HouseholdMemberState[] { new("parent", false, null), new("child", true, null) };
        Assert.Equal(
            [new PlannedLoss("parent", LossReason.Death, D("2026-06-21"))],
            LossRules.PlanHousehold("parent", new LossEvent(LossReason.Death, D("2026-06-20")), household, D7));
        Assert.Equal(
            [new PlannedLoss("parent", LossReason.MovedOut, D("2026-06-21"))],
            LossRules.PlanHousehold("parent", new LossEvent(LossReason.MovedOut, D("2026-06-20")), household, D7));
    }

    [Fact]
    public void The_last_child_reaching_the_age_limit_ends_the_parent_the_same_day()
    {
        var household = new HouseholdMemberState[] { new("parent", false, null), new("child", true, null) };
        var planned = LossRules.PlanHousehold("child", new LossEvent(LossReason.AgeLimit, BirthDate: D("2008-04-01")), household, D7);
        Assert.Equal(
            [new("child", LossReason.AgeLimit, D("2026-04-01")), new("parent", LossReason.NoEligibleChild, D("2026-04-01"))],
            planned);
    }

    [Fact]
    public void A_child_leaving_while_a_sibling_stays_does_not_end_the_parent()
    {
        var household = new HouseholdMemberState[] { new("parent", false, null), new("older", true, null), new("younger", true, null) };
        var planned = LossRules.PlanHousehold("older", new LossEvent(LossReason.AgeLimit, BirthDate: D("2008-04-01")), household, D7);
        Assert.Equal([new PlannedLoss("older", LossReason.AgeLimit, D("2026-04-01"))], planned);
    }

    [Fact]
    public void When_the_other_children_left_earlier_the_parent_ends_with_the_last_one()
    {
        var household = new HouseholdMemberState[]
        {
            new("parent", false, null),
            new("older", true, D("2025-04-01")),
            new("younger", true, null),
        };
        var planned = LossRules.PlanHousehold("younger", new LossEvent(LossReason.MovedOut, D("2026-09-30")), household, D7);
        Assert.Equal(
            [new("younger", LossReason.MovedOut, D("2026-10-01")), new("parent", LossReason.NoEligibleChild, D("2026-10-01"))],
            planned);
        Assert.Equal(D("2026-10-01"), LossRules.ParentLostOnWhenNoChildLeft([D("2025-04-01"), D("2026-10-01")], D7));
        Assert.Null(LossRules.ParentLostOnWhenNoChildLeft([D("2025-04-01"), null], D7));
        Assert.Null(LossRules.ParentLostOnWhenNoChildLeft([], D7));
    }

    [Fact]
    public void A_member_already_lost_earlier_keeps_its_date()
    {
        var household = new HouseholdMemberState[] { new("parent", false, D("2026-05-01")), new("child", true, null) };
        var planned = LossRules.PlanHousehold("parent", new LossEvent(LossReason.Marriage, D("2026-06-20")), household, D7);
        Assert.Equal([new PlannedLoss("child", LossReason.Marriage, D("2026-06-20"))], planned);
    }

    [Fact]
    public void A_person_outside_the_household_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LossRules.PlanHousehold("nobody", new LossEvent(LossReason.Death, D("2026-06-20")), [new("parent", false, null)], D7));
    }
}
