namespace FukushiIryo.App.Linkage;

/// <summary>The closed vocabularies of the residents file (interfaces.md §1).</summary>
public static class ResidentVocabulary
{
    /// <summary>住基上の続柄.</summary>
    public static IReadOnlyList<string> Relationships { get; } =
        ["世帯主", "妻", "夫", "妻（未届）", "夫（未届）", "子", "母", "父", "祖母", "祖父", "孫", "兄", "姉", "弟", "妹", "同居人", "その他"];

    /// <summary>異動事由.</summary>
    public static IReadOnlyList<string> EventReasons { get; } =
        ["転入", "転出", "転居", "出生", "死亡", "婚姻", "離婚", "氏名変更", "世帯変更", "職権修正"];

    /// <summary>The 続柄 that are the 住基 sign of 事実婚.</summary>
    public static IReadOnlyList<string> CommonLawPartner { get; } = ["妻（未届）", "夫（未届）"];

    /// <summary>The 異動事由 that raise a 資格喪失候補 for a recipient.</summary>
    public static IReadOnlyList<string> LossEvents { get; } = ["転出", "死亡", "婚姻"];

    /// <summary>A correction of the registry (職権修正) corrects what was recorded instead of starting a new period.</summary>
    public const string Correction = "職権修正";

    public static IReadOnlyList<string> SexCodes { get; } = ["1", "2", "9"];

    public static IReadOnlyList<string> ResidencyCodes { get; } = ["1", "2"];

    /// <summary>The relation to a recipient that marks a registered 扶養義務者.</summary>
    public const string SupportObligor = "扶養義務者";
}
