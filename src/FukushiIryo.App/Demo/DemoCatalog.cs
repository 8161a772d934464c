using FukushiIryo.App.People;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.App.Demo;

/// <summary>An insurer the demo enrols people with; the number's check digit is computed, never typed.</summary>
public sealed record DemoInsurer(InsuranceKind Kind, string Number, string Name, string Group, string? CardSymbol = null)
{
    /// <summary>An insurer from the number without its check digit.</summary>
    internal static DemoInsurer Of(InsuranceKind kind, string body, string name, string group, string? cardSymbol = null) =>
        new(kind, body + MhlwCheckDigit.Compute(body).ToString(System.Globalization.CultureInfo.InvariantCulture), name, group, cardSymbol);
}

/// <summary>
/// The insurers and the bank branches of the demo. 奈良市国保 (290015), 協会けんぽ 奈良支部 (01290014)
/// and 奈良県後期高齢者医療広域連合 (39292011) are built the way the MHLW numbering builds them; the
/// 健保組合, 国保組合 and 共済 are made up, with numbers under their real 法別番号 and a valid check
/// digit. The branches are real codes of the 全銀 master, chosen near 奈良市.
/// </summary>
public static class DemoCatalog
{
    public const string NationalGroup = "国保";
    public const string KyokaiGroup = "協会けんぽ";
    public const string UnionGroup = "健保組合";
    public const string MutualAidGroup = "共済";
    public const string LateElderlyGroup = "後期";

    /// <summary>奈良市国民健康保険 (都道府県 29, 保険者別 001).</summary>
    public static DemoInsurer NaraCityNationalHealthInsurance { get; } =
        DemoInsurer.Of(InsuranceKind.National, "29001", "奈良市国民健康保険", NationalGroup);

    /// <summary>国民健康保険組合 (made up).</summary>
    public static IReadOnlyList<DemoInsurer> NationalHealthInsuranceUnions { get; } =
    [
        DemoInsurer.Of(InsuranceKind.National, "29301", "大和建設業国民健康保険組合", NationalGroup),
        DemoInsurer.Of(InsuranceKind.National, "27306", "近畿食品販売国民健康保険組合", NationalGroup),
    ];

    /// <summary>全国健康保険協会 奈良支部 (法別 01).</summary>
    public static DemoInsurer Kyokai { get; } =
        DemoInsurer.Of(InsuranceKind.Employee, "0129001", "全国健康保険協会 奈良支部", KyokaiGroup);

    /// <summary>健康保険組合 (法別 06; made up), in 奈良, 大阪, 京都 and 東京.</summary>
    public static IReadOnlyList<DemoInsurer> HealthInsuranceUnions { get; } =
    [
        DemoInsurer.Of(InsuranceKind.Employee, "0629012", "やまと精工健康保険組合", UnionGroup),
        DemoInsurer.Of(InsuranceKind.Employee, "0629037", "平城物産健康保険組合", UnionGroup),
        DemoInsurer.Of(InsuranceKind.Employee, "0627105", "なにわ総合サービス健康保険組合", UnionGroup),
        DemoInsurer.Of(InsuranceKind.Employee, "0627248", "関西ケミカル健康保険組合", UnionGroup),
        DemoInsurer.Of(InsuranceKind.Employee, "0627391", "浪速電機健康保険組合", UnionGroup),
        DemoInsurer.Of(InsuranceKind.Employee, "0626064", "山城運輸健康保険組合", UnionGroup),
        DemoInsurer.Of(InsuranceKind.Employee, "0613277", "東都情報システム健康保険組合", UnionGroup),
    ];

    /// <summary>共済組合 (法別 31 国家公務員, 32 地方公務員等, 33 警察, 34 公立学校・私学).</summary>
    public static IReadOnlyList<DemoInsurer> MutualAidAssociations { get; } =
    [
        DemoInsurer.Of(InsuranceKind.Employee, "3129012", "国家公務員共済組合（近畿）", MutualAidGroup, "国共"),
        DemoInsurer.Of(InsuranceKind.Employee, "3229001", "地方職員共済組合 奈良県支部", MutualAidGroup, "地奈"),
        DemoInsurer.Of(InsuranceKind.Employee, "3229101", "奈良県市町村職員共済組合", MutualAidGroup, "市奈"),
        DemoInsurer.Of(InsuranceKind.Employee, "3329001", "警察共済組合 奈良県支部", MutualAidGroup, "警奈"),
        DemoInsurer.Of(InsuranceKind.Employee, "3429001", "公立学校共済組合 奈良支部", MutualAidGroup, "公奈"),
    ];

    /// <summary>奈良県後期高齢者医療広域連合 (法別 39, 保険者別 201 = 奈良市).</summary>
    public static DemoInsurer LateElderly { get; } =
        DemoInsurer.Of(InsuranceKind.LateElderly, "3929201", "奈良県後期高齢者医療広域連合", LateElderlyGroup);

    /// <summary>Every insurer the demo uses.</summary>
    public static IReadOnlyList<DemoInsurer> AllInsurers { get; } =
    [
        NaraCityNationalHealthInsurance, .. NationalHealthInsuranceUnions, Kyokai, .. HealthInsuranceUnions,
        .. MutualAidAssociations, LateElderly,
    ];

    /// <summary>The banks a demo account is opened with, by weight; most at 南都銀行 (0162), many at ゆうちょ銀行 (9900).</summary>
    public static IReadOnlyList<(string BankCode, int Weight)> Banks { get; } =
    [
        ("0162", 560), // 南都
        ("9900", 150), // ゆうちょ
        ("0009", 40),  // 三井住友
        ("0010", 40),  // りそな
        ("0005", 30),  // 三菱ＵＦＪ
        ("0159", 30),  // 関西みらい
        ("1666", 30),  // 奈良信金
        ("1667", 30),  // 大和信金
        ("1668", 20),  // 奈良中央信金
        ("7387", 30),  // 奈良県農協
        ("2978", 20),  // 近畿労金
        ("0158", 20),  // 京都
    ];

    /// <summary>
    /// Branch codes per bank (other than ゆうちょ, whose 店番 follows from the 記号): 奈良市 branches
    /// first; a few 南都 branches of neighbouring towns, where people who work there bank.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Branches { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["0162"] = ["010", "025", "030", "040", "050", "060", "070", "080", "090", "096", "097", "099", "100", "115", "120", "130", "150", "160", "180"],
        ["0009"] = ["541", "546"],
        ["0010"] = ["015", "050", "521", "527"],
        ["0005"] = ["427", "458", "526"],
        ["0159"] = ["201", "467"],
        ["1666"] = ["002", "004", "005"],
        ["1667"] = ["011", "019"],
        ["1668"] = ["017"],
        ["7387"] = ["001", "006", "010", "080", "090"],
        ["2978"] = ["552"],
        ["0158"] = ["542"],
    };
}
