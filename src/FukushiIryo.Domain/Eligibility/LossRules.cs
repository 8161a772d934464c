using System.Globalization;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.Domain.Eligibility;

/// <summary>
/// How the 喪失日 (LostOn, the first day not eligible) of a cause is derived (decisions.md D7).
/// Which basis a cause uses is master data (LossRule), so that the city can change it from a date.
/// </summary>
public enum LossDateBasis
{
    /// <summary>当日: the day of the event (婚姻, 生活保護開始, 他医療への変更, 保険喪失).</summary>
    EventDay = 1,

    /// <summary>翌日: the day after the event (死亡, 転出; 有期終了 = the day after the 有期終了日).</summary>
    DayAfterEvent = 2,

    /// <summary>18歳到達年度末の翌日: 4/1 after the child's 18歳到達年度末 (年齢到達).</summary>
    DayAfterAgeLimit = 3,

    /// <summary>更新年の8月1日: the first day of the renewal year (所得超過, 更新未提出).</summary>
    RenewalStart = 4,

    /// <summary>最後の児童の喪失日: the 喪失日 of the last eligible child (対象児童なし).</summary>
    LastChildLostOn = 5,
}

/// <summary>The rule of one 喪失事由 in force on a date (master LossRule).</summary>
public sealed record LossDateRule(LossReason Cause, LossDateBasis Basis);

/// <summary>
/// What happened, with what the rule of its cause may need: the event date (異動日, 婚姻日,
/// 有期終了日 …), the person's birth date (年齢到達), the renewal year (所得超過, 更新未提出: the year
/// of the August in which the renewal starts), or the 喪失日 of the last eligible child (対象児童なし).
/// A value the basis does not read may be left out.
/// </summary>
public sealed record LossEvent(
    LossReason Cause,
    DateOnly? EventDate = null,
    DateOnly? BirthDate = null,
    int? RenewalYear = null,
    DateOnly? LastChildLostOn = null);

/// <summary>The rules of every cause in force on one date, as loaded from the LossRule master.</summary>
public sealed class LossRuleSet
{
    private readonly Dictionary<LossReason, LossDateRule> _rules;

    /// <exception cref="ArgumentException">two rules for one cause.</exception>
    public LossRuleSet(IEnumerable<LossDateRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [];
        foreach (var rule in rules)
        {
            if (!_rules.TryAdd(rule.Cause, rule))
            {
                throw new ArgumentException($"Two loss rules for {rule.Cause}.", nameof(rules));
            }
        }
    }

    public IReadOnlyCollection<LossDateRule> Rules => _rules.Values;

    /// <summary>The causes of <see cref="LossReason"/> that have no rule here.</summary>
    public IReadOnlyList<LossReason> MissingCauses =>
        [.. Enum.GetValues<LossReason>().Where(cause => !_rules.ContainsKey(cause))];

    /// <summary>The rule of <paramref name="cause"/>.</summary>
    /// <exception cref="KeyNotFoundException">the set has no rule for the cause.</exception>
    public LossDateRule For(LossReason cause) =>
        _rules.TryGetValue(cause, out var rule)
            ? rule
            : throw new KeyNotFoundException($"No loss rule for {cause} ({cause.Japanese()}).");
}

/// <summary>The 喪失 of one person that an event brings about.</summary>
/// <param name="PersonId">The caller's key of the person (as in <see cref="HouseholdMemberState"/>).</param>
/// <param name="Cause">喪失事由 recorded for that person (a child of a parent who marries: 婚姻).</param>
/// <param name="LostOn">喪失日: the first day not eligible.</param>
public sealed record PlannedLoss(string PersonId, LossReason Cause, DateOnly LostOn);

/// <summary>One member of a household as the loss planner sees it.</summary>
/// <param name="PersonId">The caller's key (a recipient id or number).</param>
/// <param name="IsChild">児童 or 父母のいない児童 (false: the parent or carer).</param>
/// <param name="LostOn">The 喪失日 already recorded or planned; null while eligible.</param>
public sealed record HouseholdMemberState(string PersonId, bool IsChild, DateOnly? LostOn);

/// <summary>
/// 資格消滅 as pure rules (decisions.md D7, interfaces.md §4): the 喪失日 of a cause from its rule
/// and the event, and the consequences for the household — 対象児童なし for the parent or carer
/// when the last eligible child leaves, and a parent's 婚姻 ending the eligibility of the parent and
/// of the household's children on the same day. Nothing here is automatic: the application side
/// turns staff-confirmed events (and 資格喪失候補) into these calls.
/// </summary>
public static class LossRules
{
    /// <summary>The month and day of the start of a renewal year (8/1, decisions.md D8).</summary>
    public const int RenewalStartMonth = CertificateValidity.StartMonth;

    /// <summary>The Japanese names of the bases, as the マスタ管理 screen shows them.</summary>
    public static IReadOnlyList<(LossDateBasis Basis, string Name)> BasisNames { get; } =
    [
        (LossDateBasis.EventDay, "事由発生日の当日"),
        (LossDateBasis.DayAfterEvent, "事由発生日の翌日"),
        (LossDateBasis.DayAfterAgeLimit, "18歳到達年度末の翌日（4月1日）"),
        (LossDateBasis.RenewalStart, "更新年の8月1日"),
        (LossDateBasis.LastChildLostOn, "最後の児童の喪失日"),
    ];

    /// <summary>
    /// The bases that make sense for <paramref name="cause"/>: 年齢到達 only by the age limit,
    /// 対象児童なし only by the last child's 喪失日, 所得超過 and 更新未提出 by the renewal or an event
    /// date, every other cause by its event date (the day or the day after).
    /// </summary>
    public static IReadOnlyList<LossDateBasis> AllowedBases(LossReason cause) => cause switch
    {
        LossReason.AgeLimit => [LossDateBasis.DayAfterAgeLimit],
        LossReason.NoEligibleChild => [LossDateBasis.LastChildLostOn],
        LossReason.IncomeOverLimit or LossReason.RenewalNotSubmitted => [LossDateBasis.RenewalStart, LossDateBasis.EventDay, LossDateBasis.DayAfterEvent],
        _ => [LossDateBasis.EventDay, LossDateBasis.DayAfterEvent],
    };

    /// <summary>The 喪失日 of <paramref name="loss"/> under the rule of its cause.</summary>
    /// <exception cref="ArgumentException">the event lacks what the rule needs (e.g. the birth date for 年齢到達).</exception>
    public static DateOnly LostOn(LossEvent loss, LossRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(rules);
        return LostOn(loss, rules.For(loss.Cause).Basis);
    }

    /// <summary>The 喪失日 of <paramref name="loss"/> under <paramref name="basis"/>.</summary>
    /// <exception cref="ArgumentException">the event lacks what the basis needs.</exception>
    public static DateOnly LostOn(LossEvent loss, LossDateBasis basis)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return basis switch
        {
            LossDateBasis.EventDay => Need(loss.EventDate, loss, "EventDate"),
            LossDateBasis.DayAfterEvent => Need(loss.EventDate, loss, "EventDate").AddDays(1),
            LossDateBasis.DayAfterAgeLimit => AgeRules.LostOnForAgeLimit(Need(loss.BirthDate, loss, "BirthDate")),
            LossDateBasis.RenewalStart => new DateOnly(Need(loss.RenewalYear, loss, "RenewalYear"), RenewalStartMonth, 1),
            LossDateBasis.LastChildLostOn => Need(loss.LastChildLostOn, loss, "LastChildLostOn"),
            _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Unknown loss date basis."),
        };
    }

    /// <summary>
    /// 対象児童なし: when every child of the household has a 喪失日, the parent's or carer's 喪失日 —
    /// by the rule of <see cref="LossReason.NoEligibleChild"/>, applied to the latest child 喪失日
    /// (the last child to leave). Null while a child is still eligible (or there is no child).
    /// </summary>
    public static DateOnly? ParentLostOnWhenNoChildLeft(IEnumerable<DateOnly?> childrenLostOn, LossRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(childrenLostOn);
        ArgumentNullException.ThrowIfNull(rules);
        var dates = childrenLostOn.ToList();
        if (dates.Count == 0 || dates.Any(date => date is null))
        {
            return null;
        }

        var last = dates.Max(date => date!.Value);
        return LostOn(new LossEvent(LossReason.NoEligibleChild, EventDate: last, LastChildLostOn: last), rules);
    }

    /// <summary>
    /// The losses an event of <paramref name="loss"/> for the person <paramref name="personId"/>
    /// brings about in its household (members still eligible on the 喪失日 only):
    /// <list type="bullet">
    /// <item>the person's own loss;</item>
    /// <item>婚姻 of the parent or carer: every child still eligible loses on the same day, with the
    /// cause 婚姻;</item>
    /// <item>a child's loss that leaves no eligible child: the parent or carer loses for 対象児童なし.</item>
    /// </list>
    /// A member whose recorded 喪失日 is on or before the computed one keeps it and is left out.
    /// </summary>
    /// <exception cref="ArgumentException">the person is not in the household, or the event lacks what its rule needs.</exception>
    public static IReadOnlyList<PlannedLoss> PlanHousehold(
        string personId,
        LossEvent loss,
        IReadOnlyList<HouseholdMemberState> household,
        LossRuleSet rules)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(rules);
        var person = household.SingleOrDefault(member => member.PersonId == personId)
            ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Person {personId} is not in the household."), nameof(personId));
        var lostOn = LostOn(loss, rules);
        var planned = new List<PlannedLoss>();
        if (StillEligibleOn(person, lostOn))
        {
            planned.Add(new PlannedLoss(person.PersonId, loss.Cause, lostOn));
        }

        if (!person.IsChild)
        {
            if (loss.Cause == LossReason.Marriage)
            {
                planned.AddRange(household
                    .Where(member => member.IsChild && StillEligibleOn(member, lostOn))
                    .Select(member => new PlannedLoss(member.PersonId, LossReason.Marriage, lostOn)));
            }

            return planned;
        }

        var childrenAfter = household.Where(member => member.IsChild)
            .Select(member => member.PersonId == person.PersonId ? Earlier(member.LostOn, lostOn) : member.LostOn);
        if (ParentLostOnWhenNoChildLeft(childrenAfter, rules) is { } parentLostOn)
        {
            planned.AddRange(household
                .Where(member => !member.IsChild && StillEligibleOn(member, parentLostOn))
                .Select(member => new PlannedLoss(member.PersonId, LossReason.NoEligibleChild, parentLostOn)));
        }

        return planned;
    }

    private static bool StillEligibleOn(HouseholdMemberState member, DateOnly lostOn) =>
        member.LostOn is not { } recorded || recorded > lostOn;

    private static DateOnly Earlier(DateOnly? recorded, DateOnly computed) =>
        recorded is { } value && value < computed ? value : computed;

    private static T Need<T>(T? value, LossEvent loss, string what)
        where T : struct =>
        value ?? throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"The loss rule of {loss.Cause} ({loss.Cause.Japanese()}) needs {what}."),
            nameof(loss));
}
