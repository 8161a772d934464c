using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Eligibility;

namespace FukushiIryo.App.Demo;

/// <summary>How a household lost its eligibility, if it did.</summary>
internal enum DemoLoss
{
    None = 0,
    MovedOut,
    RenewalNotSubmitted,
    IncomeOverLimit,
    PublicAssistance,
    OtherProgramChild,
    FixedTermEnded,
    Marriage,
}

/// <summary>A partner in the 住基 household.</summary>
internal enum DemoPartner
{
    None = 0,

    /// <summary>夫（未届）/妻（未届） moved in: 事実婚, the household was lost (婚姻).</summary>
    CommonLawLost,

    /// <summary>夫（未届）/妻（未届） moved in recently: the household is still eligible and flagged for staff.</summary>
    CommonLawFlagged,

    /// <summary>夫/妻 after a 婚姻届: the household was lost (婚姻).</summary>
    Married,
}

/// <summary>A child born on a 年度 boundary, to exercise the 18歳年度末 rule.</summary>
internal enum DemoBoundary
{
    None = 0,

    /// <summary>Born on 4/1 eighteen 年度 ago: reached the 18歳年度末 on the 3/31 before the reference 年度 (lost, 年齢到達).</summary>
    AgedOutOnApril1,

    /// <summary>Born on 4/2 eighteen 年度 ago: eligible to the end of the reference 年度.</summary>
    EligibleOnApril2,
}

/// <summary>What one household will exercise, drawn first, then built.</summary>
internal sealed record DemoPlan
{
    public required DemoHouseholdKind Kind { get; init; }

    public string? Scenario { get; init; }

    public int Children { get; init; } = 1;

    public bool ThreeGenerations { get; init; }

    public bool GrandparentIsHead { get; init; }

    public DemoPartner Partner { get; init; }

    public DemoLoss Loss { get; init; }

    public bool RemoteChild { get; init; }

    public bool AgedOutChild { get; init; }

    public bool AllAgedOut { get; init; }

    public bool OlderSibling { get; init; }

    public bool HomeCountryName { get; init; }

    public DemoBoundary Boundary { get; init; }

    public bool SurnameOutsideCp932 { get; init; }

    public SingleParentReason? Reason { get; init; }

    /// <summary>
    /// The fixed plans of the first households, so that even a small population (the tests' 50
    /// households) holds every case; the households after them are drawn at random.
    /// </summary>
    public static IReadOnlyList<DemoPlan> Showcase { get; } =
    [
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "三世代同居（祖母は扶養義務者）、4月2日生まれの児童（18歳年度末まで有効）", ThreeGenerations = true, Boundary = DemoBoundary.EligibleOnApril2, Children = 2 },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "4月1日生まれの児童（年齢到達で喪失）と弟妹", Boundary = DemoBoundary.AgedOutOnApril1, Children = 1 },
        new() { Kind = DemoHouseholdKind.SingleFather, Scenario = "父子家庭", Children = 2 },
        new() { Kind = DemoHouseholdKind.OrphansWithCarer, Scenario = "父母のいない児童と養育者（祖母）", Children = 2 },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "夫（未届）の転入：事実婚により喪失", Partner = DemoPartner.CommonLawLost },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "住基に夫（未届）あり：事実婚の確認中", Partner = DemoPartner.CommonLawFlagged, Children = 2 },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "住登外の児童（遠隔地・別居監護）", RemoteChild = true, Children = 2 },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "祖父母の世帯に同居（祖父が世帯主、祖父母は扶養義務者）", ThreeGenerations = true, GrandparentIsHead = true },
        new() { Kind = DemoHouseholdKind.OrphansWithoutRecipientCarer, Scenario = "父母のいない児童：養育者（祖父母）は受給者でなく、口座は児童の記録", Children = 2 },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "転出により喪失（住登外）", Loss = DemoLoss.MovedOut },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "CP932 にない文字（𠮷）を含む氏名", SurnameOutsideCp932 = true, Children = 3 },
        new() { Kind = DemoHouseholdKind.SingleFather, Scenario = "更新未提出により喪失", Loss = DemoLoss.RenewalNotSubmitted },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "保護命令（有期終了日あり）", Reason = SingleParentReason.ProtectionOrder },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "全児童の年齢到達により喪失（対象児童なし）", AllAgedOut = true },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "本国名を使用する母", HomeCountryName = true },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "生活保護開始により喪失", Loss = DemoLoss.PublicAssistance },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "死別（遺族年金）", Reason = SingleParentReason.Bereavement, Children = 2 },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "児童1人が他医療（心身障害者医療）へ変更", Loss = DemoLoss.OtherProgramChild, Children = 2 },
        new() { Kind = DemoHouseholdKind.SingleFather, Scenario = "婚姻により喪失", Partner = DemoPartner.Married, Loss = DemoLoss.Marriage },
        new() { Kind = DemoHouseholdKind.SingleMother, Scenario = "年齢到達した兄姉と成人の兄姉のいる世帯", AgedOutChild = true, OlderSibling = true },
    ];

    /// <summary>A household drawn at random.</summary>
    public static DemoPlan Draw(DemoRandom random)
    {
        var kind = random.Weighted<DemoHouseholdKind>(
        [
            (DemoHouseholdKind.SingleMother, 800),
            (DemoHouseholdKind.SingleFather, 130),
            (DemoHouseholdKind.OrphansWithCarer, 50),
            (DemoHouseholdKind.OrphansWithoutRecipientCarer, 20),
        ]);
        var children = random.Weighted<int>([(1, 520), (2, 360), (3, 120)]);
        if (kind is DemoHouseholdKind.OrphansWithCarer or DemoHouseholdKind.OrphansWithoutRecipientCarer)
        {
            return new DemoPlan { Kind = kind, Children = Math.Min(children, 2) };
        }

        var mother = kind == DemoHouseholdKind.SingleMother;
        var threeGenerations = random.Chance(150);
        var partner = random.Weighted<DemoPartner>(
            [(DemoPartner.None, 965), (DemoPartner.CommonLawLost, 15), (DemoPartner.CommonLawFlagged, 10), (DemoPartner.Married, 10)]);
        var grandparentIsHead = threeGenerations && partner == DemoPartner.None && random.Chance(500);
        var loss = partner is DemoPartner.CommonLawLost or DemoPartner.Married
            ? DemoLoss.Marriage
            : random.Weighted<DemoLoss>(
            [
                (DemoLoss.None, 940),
                (DemoLoss.MovedOut, 20),
                (DemoLoss.RenewalNotSubmitted, 10),
                (DemoLoss.PublicAssistance, 5),
                (DemoLoss.OtherProgramChild, 5),
                (DemoLoss.IncomeOverLimit, 3),
                (DemoLoss.FixedTermEnded, 17),
            ]);
        SingleParentReason reason = mother
            ? random.Weighted<SingleParentReason>(
            [
                (SingleParentReason.Divorce, 750), (SingleParentReason.Unmarried, 120), (SingleParentReason.Bereavement, 50),
                (SingleParentReason.Abandonment, 10), (SingleParentReason.Detention, 10), (SingleParentReason.Disability, 20),
                (SingleParentReason.Missing, 10), (SingleParentReason.ProtectionOrder, 15), (SingleParentReason.Other, 15),
            ])
            : random.Weighted<SingleParentReason>(
            [
                (SingleParentReason.Divorce, 850), (SingleParentReason.Bereavement, 120), (SingleParentReason.Disability, 10),
                (SingleParentReason.Detention, 5), (SingleParentReason.Missing, 5), (SingleParentReason.Other, 10),
            ]);
        if (loss == DemoLoss.FixedTermEnded && reason is not (SingleParentReason.Detention or SingleParentReason.ProtectionOrder))
        {
            loss = DemoLoss.None;
        }

        var allAgedOut = loss == DemoLoss.None && partner == DemoPartner.None && random.Chance(15);
        return new DemoPlan
        {
            Kind = kind,
            Children = children,
            ThreeGenerations = threeGenerations && partner == DemoPartner.None,
            GrandparentIsHead = grandparentIsHead,
            Partner = partner,
            Loss = loss,
            RemoteChild = loss == DemoLoss.None && random.Chance(20),
            AgedOutChild = random.Chance(80),
            AllAgedOut = allAgedOut,
            OlderSibling = random.Chance(50),
            HomeCountryName = mother && !threeGenerations && random.Chance(10),
            Reason = reason,
        };
    }
}
