namespace FukushiIryo.Domain.Income;

/// <summary>
/// The items of one person's 地方税関係情報 (interfaces.md §3) that the income test and the
/// 高額療養費 区分 read. Empty (null) amounts count as 0; empty counts as 0 persons.
/// </summary>
public sealed record IncomeTaxFacts
{
    /// <summary>未申告: the person did not declare.</summary>
    public bool IsUndeclared { get; init; }

    /// <summary>給与収入 (No.5).</summary>
    public long? SalaryReceipts { get; init; }

    /// <summary>年金所得 (No.15): 公的年金等に係る雑所得.</summary>
    public long? PensionIncome { get; init; }

    /// <summary>総所得 (No.9): 総所得金額, the base of the income.</summary>
    public long? AggregateIncome { get; init; }

    /// <summary>総所得金額等 (No.10): used when 総所得 is empty, and for 旧ただし書き所得.</summary>
    public long? AggregateIncomeWithSeparate { get; init; }

    /// <summary>退職所得 繰越後 (No.11).</summary>
    public long? RetirementIncome { get; init; }

    /// <summary>山林所得 繰越後 (No.17).</summary>
    public long? ForestryIncome { get; init; }

    /// <summary>分離 土地等の事業雑所得 繰越後 (No.18).</summary>
    public long? SeparateLandBusinessIncome { get; init; }

    /// <summary>特別控除前譲渡所得 繰越後 (No.12): 長期・短期譲渡所得 before the special deductions.</summary>
    public long? CapitalGainsBeforeSpecialDeduction { get; init; }

    /// <summary>分離株式所得 (No.19).</summary>
    public long? SeparateStockIncome { get; init; }

    /// <summary>先物所得 繰越後 (No.8).</summary>
    public long? FuturesIncome { get; init; }

    /// <summary>条約適用利子等所得額 (No.20).</summary>
    public long? TreatyInterestIncome { get; init; }

    /// <summary>条約適用配当等所得額 (No.21).</summary>
    public long? TreatyDividendIncome { get; init; }

    /// <summary>特例適用利子等所得額 (No.23).</summary>
    public long? SpecialProvisionInterestIncome { get; init; }

    /// <summary>特例適用配当等所得額 (No.22).</summary>
    public long? SpecialProvisionDividendIncome { get; init; }

    /// <summary>条約特例利子配当合計額 (No.14): used only when No.20–23 are all empty.</summary>
    public long? TreatyInterestDividendTotal { get; init; }

    /// <summary>住民税法医療費控除額 (No.26).</summary>
    public long? MedicalExpenseDeduction { get; init; }

    /// <summary>住民税法雑損控除額 (No.28).</summary>
    public long? CasualtyLossDeduction { get; init; }

    /// <summary>住民税法小規模共済等控除額 (No.30).</summary>
    public long? SmallBusinessMutualAidDeduction { get; init; }

    /// <summary>住民税法配偶者特別控除 (No.33).</summary>
    public long? SpecialSpouseDeduction { get; init; }

    /// <summary>控除対象配偶者区分 (No.37) ≠ 0.</summary>
    public bool HasDeductibleSpouse { get; init; }

    /// <summary>控除対象配偶者区分 (No.37) = 2 老人.</summary>
    public bool SpouseIsElderly { get; init; }

    /// <summary>扶養 その他 (No.38).</summary>
    public int? DependantsOther { get; init; }

    /// <summary>扶養 その他障害 (No.39).</summary>
    public int? DependantsDisabled { get; init; }

    /// <summary>扶養 特定 (No.42).</summary>
    public int? DependantsSpecified { get; init; }

    /// <summary>扶養 特別障害 (No.43).</summary>
    public int? DependantsSpeciallyDisabled { get; init; }

    /// <summary>扶養 老人 (No.44).</summary>
    public int? DependantsElderly { get; init; }

    /// <summary>若年者一般扶養人数 (No.45): 一般扶養親族 aged 16–18, a subset of 扶養 その他.</summary>
    public int? YoungGeneralDependants { get; init; }

    /// <summary>年少扶養人数 (No.47).</summary>
    public int? MinorDependants { get; init; }

    /// <summary>勤労学生該当 (No.56).</summary>
    public bool IsWorkingStudent { get; init; }

    /// <summary>その他障害者該当 (No.57).</summary>
    public bool IsDisabled { get; init; }

    /// <summary>特別障害者該当 (No.59).</summary>
    public bool IsSpeciallyDisabled { get; init; }

    /// <summary>寡婦区分 (No.58).</summary>
    public WidowStatus Widow { get; init; }

    /// <summary>均等割額 and 差引所得割額, 市区町村民税 and 都道府県民税 (No.49–52): all 0 (or empty) means 住民税非課税.</summary>
    public long? ResidentTaxTotal { get; init; }

    /// <summary>住民税非課税: no 均等割 and no 所得割.</summary>
    public bool IsResidentTaxExempt => !IsUndeclared && (ResidentTaxTotal ?? 0) == 0;
}
