using FukushiIryo.Domain.Income;

namespace FukushiIryo.App.Masters;

/// <summary>
/// 所得制限限度額 (rules-research.md §2.2, decisions.md D4): the limits of one column, by
/// 扶養親族等の数, with the add-ons, for a period of decision dates. One row per column and period.
/// </summary>
public sealed class IncomeLimit : DatedMasterRow
{
    /// <summary>受給者, or 扶養義務者・配偶者・孤児等養育者.</summary>
    public LimitColumn Column { get; set; }

    /// <summary>扶養親族等 0人.</summary>
    public long ZeroDependants { get; set; }

    /// <summary>扶養親族等 1人.</summary>
    public long OneDependant { get; set; }

    /// <summary>扶養親族等 2人.</summary>
    public long TwoDependants { get; set; }

    /// <summary>扶養親族等 3人.</summary>
    public long ThreeDependants { get; set; }

    /// <summary>4人目から 1人につき.</summary>
    public long EachAdditionalDependant { get; set; }

    /// <summary>加算: 老人扶養親族 (and 老人控除対象配偶者 when <see cref="ElderlySpouseCounts"/>) 1人につき.</summary>
    public long ElderlyAddOn { get; set; }

    /// <summary>Whether a 老人控除対象配偶者 gets the elderly add-on (受給者 column).</summary>
    public bool ElderlySpouseCounts { get; set; }

    /// <summary>加算: 特定扶養親族 and 16–18歳の控除対象扶養親族 1人につき.</summary>
    public long SpecifiedAddOn { get; set; }

    /// <summary>When every dependant is a 老人扶養親族, one gets no add-on (扶養義務者 column).</summary>
    public bool OneElderlyLeftOutWhenAllElderly { get; set; }

    public IncomeLimitTable ToTable() => new(
        ZeroDependants, OneDependant, TwoDependants, ThreeDependants, EachAdditionalDependant,
        ElderlyAddOn, ElderlySpouseCounts, SpecifiedAddOn, OneElderlyLeftOutWhenAllElderly);
}

/// <summary>
/// 所得判定の控除額 (rules-research.md §2.3, decisions.md D19) and the 基礎控除 of 旧ただし書き所得
/// (D5): one row per period.
/// </summary>
public sealed class IncomeDeduction : DatedMasterRow
{
    /// <summary>社会保険料相当額 (一律).</summary>
    public long FlatDeduction { get; set; }

    /// <summary>養育費 counted as income, in percent.</summary>
    public int ChildSupportPercent { get; set; }

    /// <summary>所得金額調整 cap (給与所得・公的年金等所得).</summary>
    public long EarnedIncomeAdjustmentCap { get; set; }

    /// <summary>障害者控除.</summary>
    public long Disabled { get; set; }

    /// <summary>特別障害者控除.</summary>
    public long SpeciallyDisabled { get; set; }

    /// <summary>勤労学生控除.</summary>
    public long WorkingStudent { get; set; }

    /// <summary>寡婦控除.</summary>
    public long Widow { get; set; }

    /// <summary>ひとり親控除.</summary>
    public long SingleParent { get; set; }

    /// <summary>基礎控除 subtracted from 総所得金額等 for the 国保 旧ただし書き所得.</summary>
    public long HighCostBasicDeduction { get; set; }

    public IncomeDeductionFigures ToFigures() => new(
        FlatDeduction, ChildSupportPercent, EarnedIncomeAdjustmentCap, Disabled, SpeciallyDisabled, WorkingStudent, Widow, SingleParent);
}

/// <summary>
/// 給与所得控除 table: one band of 給与収入 (see <see cref="SalaryIncomeBand"/>) for the income years
/// of its validity: <c>ValidFrom</c> is 1 January of the first income year, <c>ValidTo</c> 1 January
/// after the last (null = open). Looked up with 1 January of the income year.
/// </summary>
public sealed class SalaryDeductionBand : DatedMasterRow
{
    /// <summary>給与収入 from (inclusive).</summary>
    public long ReceiptsFrom { get; set; }

    /// <summary>給与収入 to (exclusive); null = no upper end.</summary>
    public long? ReceiptsTo { get; set; }

    /// <summary>The receipts are rounded down to a multiple of this (4,000 in 別表第五's steps; 1 = none).</summary>
    public long RoundingUnit { get; set; }

    /// <summary>給与所得 = rounded receipts × RatePercent% + Addend.</summary>
    public int RatePercent { get; set; }

    public long Addend { get; set; }

    public SalaryIncomeBand ToBand() => new(ReceiptsFrom, ReceiptsTo, RoundingUnit, RatePercent, Addend);
}

/// <summary>Which limit a <see cref="HighCostLimit"/> row gives.</summary>
public enum HighCostLimitKind
{
    /// <summary>The monthly limit.</summary>
    Standard = 1,

    /// <summary>多数回: from the 4th month within 12 in which the limit was reached.</summary>
    ManyTimes = 2,

    /// <summary>長期 (特定疾病療養受療証): per institution per month (D13).</summary>
    LongTerm = 3,

    /// <summary>長期 for 人工透析 patients under 70 with 上位所得 (D13).</summary>
    LongTermDialysis = 4,
}

/// <summary>
/// 高額療養費 自己負担限度額 under 70 (rules-research.md §3.3, decisions.md D5, D13), dated by 診療月:
/// limit = <see cref="MonthlyLimit"/> + (総医療費 − <see cref="CostThreshold"/>) × <see cref="OverflowRatePercent"/>%
/// when 総医療費 exceeds the threshold (the 1% term rounded to the yen, D12). Shipped now; used for
/// payments by a later issue.
/// </summary>
public sealed class HighCostLimit : DatedMasterRow
{
    /// <summary>区分 (ア…オ; more may come with the 2027 revision); null = every 区分 (長期).</summary>
    public string? Category { get; set; }

    public HighCostLimitKind Kind { get; set; }

    /// <summary>The monthly limit (its fixed part).</summary>
    public long MonthlyLimit { get; set; }

    /// <summary>総医療費 above which the rate applies; null = no rate part.</summary>
    public long? CostThreshold { get; set; }

    /// <summary>The rate on 総医療費 above the threshold, in percent (1).</summary>
    public int? OverflowRatePercent { get; set; }

    /// <summary>年間上限 (the 2026-08 revision); null = none.</summary>
    public long? AnnualCap { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>
/// 国保 区分 by the household's 旧ただし書き所得 (decisions.md D5): above <see cref="IncomeAbove"/>
/// (exclusive); the taxed row without a threshold is the lowest; <see cref="ForTaxExemptHousehold"/>
/// marks the 住民税非課税 区分.
/// </summary>
public sealed class HighCostIncomeBracket : DatedMasterRow
{
    public string Category { get; set; } = string.Empty;

    public long? IncomeAbove { get; set; }

    public bool ForTaxExemptHousehold { get; set; }

    public int SortOrder { get; set; }

    public HighCostBracket ToBracket() => new(Category, IncomeAbove, ForTaxExemptHousehold);
}
