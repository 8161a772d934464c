using FukushiIryo.Domain.Income;

namespace FukushiIryo.Domain.Tests.Income;

/// <summary>
/// The figures of rules-research.md §2.2–2.3 and decisions.md D19, written out in yen for the
/// tests (the product reads them from the masters; App tests check that the shipped defaults
/// equal these).
/// </summary>
internal static class IncomeRulesFixture
{
    public static readonly IncomeDeductionFigures Deductions = new(
        FlatDeduction: 80_000,
        ChildSupportPercent: 80,
        EarnedIncomeAdjustmentCap: 100_000,
        Disabled: 270_000,
        SpeciallyDisabled: 400_000,
        WorkingStudent: 270_000,
        Widow: 270_000,
        SingleParent: 350_000);

    /// <summary>受給者 from R6.11 (2024-11-01).</summary>
    public static readonly IncomeLimitTable Recipient = new(2_080_000, 2_460_000, 2_840_000, 3_220_000, 380_000, 100_000, true, 150_000, false);

    /// <summary>受給者 until R6.10.31.</summary>
    public static readonly IncomeLimitTable RecipientBefore2024November = new(1_920_000, 2_300_000, 2_680_000, 3_060_000, 380_000, 100_000, true, 150_000, false);

    /// <summary>扶養義務者・配偶者・孤児等養育者.</summary>
    public static readonly IncomeLimitTable Obligor = new(2_360_000, 2_740_000, 3_120_000, 3_500_000, 380_000, 60_000, false, 0, true);

    /// <summary>給与所得 of the income years 2020–2024 (所得税法 別表第五 in its simplified form).</summary>
    public static readonly SalaryIncomeBand[] Salary2020 =
    [
        new(0, 551_000, 1, 0, 0),
        new(551_000, 1_625_000, 1, 100, -550_000),
        new(1_625_000, 1_628_000, 1, 0, 1_075_000),
        new(1_628_000, 1_800_000, 4_000, 60, 100_000),
        new(1_800_000, 3_600_000, 4_000, 70, -80_000),
        new(3_600_000, 6_600_000, 4_000, 80, -440_000),
        new(6_600_000, 8_500_000, 1, 90, -1_100_000),
        new(8_500_000, null, 1, 100, -1_950_000),
    ];

    /// <summary>給与所得 from the income year 2025 (令和7年度改正: minimum 650,000 up to 1,900,000).</summary>
    public static readonly SalaryIncomeBand[] Salary2025 =
    [
        new(0, 651_000, 1, 0, 0),
        new(651_000, 1_900_000, 1, 100, -650_000),
        new(1_900_000, 3_600_000, 4_000, 70, -80_000),
        new(3_600_000, 6_600_000, 4_000, 80, -440_000),
        new(6_600_000, 8_500_000, 1, 90, -1_100_000),
        new(8_500_000, null, 1, 100, -1_950_000),
    ];

    public static readonly IncomeTestRules Rules = new(Deductions, Recipient, Obligor, Salary2020);

    public static readonly IncomeTestRules RulesBefore2024November = new(Deductions, RecipientBefore2024November, Obligor, Salary2020);

    /// <summary>国保 区分 thresholds of D5 (旧ただし書き所得 above 901万 / 600万 / 210万; 非課税 オ).</summary>
    public static readonly HighCostBracket[] Brackets =
    [
        new("ア", 9_010_000, false),
        new("イ", 6_000_000, false),
        new("ウ", 2_100_000, false),
        new("エ", null, false),
        new("オ", null, true),
    ];

    public const long BasicDeduction = 430_000;
}
