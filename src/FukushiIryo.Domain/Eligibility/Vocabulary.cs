namespace FukushiIryo.Domain.Eligibility;

/// <summary>ひとり親理由 (interfaces.md §4): why the household has one parent, or (for a carer) none.</summary>
public enum SingleParentReason
{
    /// <summary>離婚.</summary>
    Divorce = 1,

    /// <summary>死別.</summary>
    Bereavement = 2,

    /// <summary>未婚.</summary>
    Unmarried = 3,

    /// <summary>遺棄.</summary>
    Abandonment = 4,

    /// <summary>拘禁.</summary>
    Detention = 5,

    /// <summary>障害.</summary>
    Disability = 6,

    /// <summary>生死不明.</summary>
    Missing = 7,

    /// <summary>保護命令.</summary>
    ProtectionOrder = 8,

    /// <summary>その他.</summary>
    Other = 9,
}

/// <summary>喪失事由: exactly the causes of decisions.md D7 / interfaces.md §4. The 喪失日 of each comes from its <see cref="LossDateRule"/> (master LossRule).</summary>
public enum LossReason
{
    /// <summary>婚姻 (事実婚を含む).</summary>
    Marriage = 1,

    /// <summary>転出.</summary>
    MovedOut = 2,

    /// <summary>死亡.</summary>
    Death = 3,

    /// <summary>他医療への変更.</summary>
    OtherProgram = 4,

    /// <summary>年齢到達.</summary>
    AgeLimit = 5,

    /// <summary>所得超過.</summary>
    IncomeOverLimit = 6,

    /// <summary>保険喪失.</summary>
    InsuranceLost = 7,

    /// <summary>生活保護開始.</summary>
    PublicAssistance = 8,

    /// <summary>有期終了.</summary>
    FixedTermEnded = 9,

    /// <summary>更新未提出.</summary>
    RenewalNotSubmitted = 10,

    /// <summary>対象児童なし.</summary>
    NoEligibleChild = 11,

    /// <summary>その他.</summary>
    Other = 99,
}

/// <summary>The Japanese names of the eligibility vocabularies, as staff and the recipients file write them.</summary>
public static class EligibilityVocabulary
{
    /// <summary>喪失事由 by cause, in the order of interfaces.md §4.</summary>
    public static IReadOnlyList<(LossReason Cause, string Name)> LossReasons { get; } =
    [
        (LossReason.Marriage, "婚姻"), (LossReason.MovedOut, "転出"), (LossReason.Death, "死亡"), (LossReason.OtherProgram, "他医療への変更"),
        (LossReason.AgeLimit, "年齢到達"), (LossReason.IncomeOverLimit, "所得超過"), (LossReason.InsuranceLost, "保険喪失"),
        (LossReason.PublicAssistance, "生活保護開始"), (LossReason.FixedTermEnded, "有期終了"), (LossReason.RenewalNotSubmitted, "更新未提出"),
        (LossReason.NoEligibleChild, "対象児童なし"), (LossReason.Other, "その他"),
    ];

    /// <summary>ひとり親理由 by value, in the order of interfaces.md §4.</summary>
    public static IReadOnlyList<(SingleParentReason Reason, string Name)> SingleParentReasons { get; } =
    [
        (SingleParentReason.Divorce, "離婚"), (SingleParentReason.Bereavement, "死別"), (SingleParentReason.Unmarried, "未婚"),
        (SingleParentReason.Abandonment, "遺棄"), (SingleParentReason.Detention, "拘禁"), (SingleParentReason.Disability, "障害"),
        (SingleParentReason.Missing, "生死不明"), (SingleParentReason.ProtectionOrder, "保護命令"), (SingleParentReason.Other, "その他"),
    ];

    /// <summary>The Japanese name of a 喪失事由 (婚姻, 転出 …).</summary>
    public static string Japanese(this LossReason cause) =>
        LossReasons.FirstOrDefault(pair => pair.Cause == cause).Name ?? throw new ArgumentOutOfRangeException(nameof(cause));

    /// <summary>The Japanese name of a ひとり親理由 (離婚, 死別 …).</summary>
    public static string Japanese(this SingleParentReason reason) =>
        SingleParentReasons.FirstOrDefault(pair => pair.Reason == reason).Name ?? throw new ArgumentOutOfRangeException(nameof(reason));
}
