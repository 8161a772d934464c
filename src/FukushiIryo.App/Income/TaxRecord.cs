using FukushiIryo.App.Data;

namespace FukushiIryo.App.Income;

/// <summary>控除対象配偶者区分 of the tax record.</summary>
public enum SpouseDeductionKind
{
    /// <summary>0 なし.</summary>
    None = 0,

    /// <summary>1 一般.</summary>
    General = 1,

    /// <summary>2 老人.</summary>
    Elderly = 2,
}

/// <summary>寡婦区分 of the tax record.</summary>
public enum WidowKind
{
    /// <summary>0 なし.</summary>
    None = 0,

    /// <summary>1 寡婦.</summary>
    Widow = 1,

    /// <summary>2 ひとり親.</summary>
    SingleParent = 2,
}

/// <summary>
/// 地方税関係情報 of one person for one 課税年度 (interfaces.md §3; 評価書 別添1): the 59 items as
/// typed columns. Every item is nullable: empty means unknown or not declared (未申告), never zero.
/// <para>
/// History is kept in recorded time: a later import or a staff correction for the same person and
/// year records a new row and marks the earlier one superseded (<see cref="SupersededAt"/>), so a past
/// 所得判定 can be explained with what was known then. At most one current row (SupersededAt null)
/// exists per person and 課税年度: a unique index filtered on SupersededAt IS NULL enforces it.
/// See <see cref="TaxRecords"/> for the queries and the edit.
/// </para>
/// </summary>
public sealed class TaxRecord
{
    public long Id { get; set; }

    /// <summary>The person (宛名) the record is about.</summary>
    public long PersonId { get; set; }

    /// <summary>課税年度 (西暦): the 年度 of the 住民税; its income year is TaxYear − 1.</summary>
    public int TaxYear { get; set; }

    /// <summary>未申告: the person did not declare; the items are then empty.</summary>
    public bool IsUndeclared { get; set; }

    /// <summary>年金収入 (別添1 地方税関係情報 No.1). Amount in yen. 公的年金等の収入金額.</summary>
    public long? PensionReceipts { get; set; }

    /// <summary>児童養育費 (別添1 地方税関係情報 No.2). Amount in yen. 養育費 the child received; normally entered by staff from the 養育費 申告.</summary>
    public long? ChildSupportReceivedByChild { get; set; }

    /// <summary>受給者養育費 (別添1 地方税関係情報 No.3). Amount in yen. 養育費 the recipient (parent or carer) received; normally entered by staff from the 養育費 申告.</summary>
    public long? ChildSupportReceivedByRecipient { get; set; }

    /// <summary>非課税年金収入 (別添1 地方税関係情報 No.4). Amount in yen. 遺族年金・障害年金 and other tax-free pensions.</summary>
    public long? NonTaxablePensionReceipts { get; set; }

    /// <summary>給与収入 (別添1 地方税関係情報 No.5). Amount in yen. 給与の収入金額.</summary>
    public long? SalaryReceipts { get; set; }

    /// <summary>その他雑所得 (別添1 地方税関係情報 No.6). Amount in yen, may be negative.</summary>
    public long? OtherMiscellaneousIncome { get; set; }

    /// <summary>課税標準額合計 (別添1 地方税関係情報 No.7). Amount in yen.</summary>
    public long? TotalTaxBase { get; set; }

    /// <summary>先物所得 繰越後 (別添1 地方税関係情報 No.8). Amount in yen, may be negative.</summary>
    public long? FuturesIncomeAfterCarryforward { get; set; }

    /// <summary>総所得 (別添1 地方税関係情報 No.9). Amount in yen, may be negative. 総所得金額.</summary>
    public long? AggregateIncome { get; set; }

    /// <summary>総所得金額等 (別添1 地方税関係情報 No.10). Amount in yen, may be negative. 総所得金額 plus the separately taxed incomes.</summary>
    public long? AggregateIncomeWithSeparate { get; set; }

    /// <summary>退職所得 繰越後 (別添1 地方税関係情報 No.11). Amount in yen, may be negative.</summary>
    public long? RetirementIncomeAfterCarryforward { get; set; }

    /// <summary>特別控除前譲渡所得 繰越後 (別添1 地方税関係情報 No.12). Amount in yen, may be negative.</summary>
    public long? CapitalGainsBeforeSpecialDeductionAfterCarryforward { get; set; }

    /// <summary>肉用牛所得 (別添1 地方税関係情報 No.13). Amount in yen, may be negative.</summary>
    public long? BeefCattleIncome { get; set; }

    /// <summary>条約特例利子配当合計額 (別添1 地方税関係情報 No.14). Amount in yen.</summary>
    public long? TreatyInterestDividendTotal { get; set; }

    /// <summary>年金所得 (別添1 地方税関係情報 No.15). Amount in yen, may be negative. 公的年金等に係る雑所得.</summary>
    public long? PensionIncome { get; set; }

    /// <summary>合計所得 (別添1 地方税関係情報 No.16). Amount in yen, may be negative. 合計所得金額.</summary>
    public long? TotalIncome { get; set; }

    /// <summary>山林所得 繰越後 (別添1 地方税関係情報 No.17). Amount in yen, may be negative.</summary>
    public long? ForestryIncomeAfterCarryforward { get; set; }

    /// <summary>分離 土地等の事業雑所得 繰越後 (別添1 地方税関係情報 No.18). Amount in yen, may be negative.</summary>
    public long? SeparateLandBusinessIncomeAfterCarryforward { get; set; }

    /// <summary>分離株式所得 (別添1 地方税関係情報 No.19). Amount in yen, may be negative.</summary>
    public long? SeparateStockIncome { get; set; }

    /// <summary>条約適用利子等所得額 (別添1 地方税関係情報 No.20). Amount in yen, may be negative.</summary>
    public long? TreatyInterestIncome { get; set; }

    /// <summary>条約適用配当等所得額 (別添1 地方税関係情報 No.21). Amount in yen, may be negative.</summary>
    public long? TreatyDividendIncome { get; set; }

    /// <summary>特例適用配当等所得額 (別添1 地方税関係情報 No.22). Amount in yen, may be negative.</summary>
    public long? SpecialProvisionDividendIncome { get; set; }

    /// <summary>特例適用利子等所得額 (別添1 地方税関係情報 No.23). Amount in yen, may be negative.</summary>
    public long? SpecialProvisionInterestIncome { get; set; }

    /// <summary>公共用地取得代金等控除 (別添1 地方税関係情報 No.24). Amount in yen.</summary>
    public long? PublicLandAcquisitionDeduction { get; set; }

    /// <summary>雑損繰越控除 (別添1 地方税関係情報 No.25). Amount in yen.</summary>
    public long? CasualtyLossCarryforwardDeduction { get; set; }

    /// <summary>住民税法医療費控除額 (別添1 地方税関係情報 No.26). Amount in yen.</summary>
    public long? ResidentTaxMedicalExpenseDeduction { get; set; }

    /// <summary>住民税法寄附金控除 (別添1 地方税関係情報 No.27). Amount in yen.</summary>
    public long? ResidentTaxDonationDeduction { get; set; }

    /// <summary>住民税法雑損控除額 (別添1 地方税関係情報 No.28). Amount in yen.</summary>
    public long? ResidentTaxCasualtyLossDeduction { get; set; }

    /// <summary>住民税法社会保険料控除額 (別添1 地方税関係情報 No.29). Amount in yen.</summary>
    public long? ResidentTaxSocialInsuranceDeduction { get; set; }

    /// <summary>住民税法小規模共済等控除額 (別添1 地方税関係情報 No.30). Amount in yen.</summary>
    public long? ResidentTaxSmallBusinessMutualAidDeduction { get; set; }

    /// <summary>住民税法生命保険料控除額 (別添1 地方税関係情報 No.31). Amount in yen.</summary>
    public long? ResidentTaxLifeInsuranceDeduction { get; set; }

    /// <summary>住民税法損害保険料控除 (別添1 地方税関係情報 No.32). Amount in yen.</summary>
    public long? ResidentTaxNonLifeInsuranceDeduction { get; set; }

    /// <summary>住民税法配偶者特別控除 (別添1 地方税関係情報 No.33). Amount in yen.</summary>
    public long? ResidentTaxSpecialSpouseDeduction { get; set; }

    /// <summary>所得税法生命保険料控除額 (別添1 地方税関係情報 No.34). Amount in yen.</summary>
    public long? IncomeTaxLifeInsuranceDeduction { get; set; }

    /// <summary>所得税法損害保険料控除 (別添1 地方税関係情報 No.35). Amount in yen.</summary>
    public long? IncomeTaxNonLifeInsuranceDeduction { get; set; }

    /// <summary>所得税法配偶者特別控除 (別添1 地方税関係情報 No.36). Amount in yen.</summary>
    public long? IncomeTaxSpecialSpouseDeduction { get; set; }

    /// <summary>控除対象配偶者区分 (別添1 地方税関係情報 No.37). Code. 0 なし, 1 一般, 2 老人.</summary>
    public SpouseDeductionKind? SpouseDeductionKind { get; set; }

    /// <summary>扶養 その他 (別添1 地方税関係情報 No.38). A count of persons. 一般の扶養親族 (neither 特定 nor 老人).</summary>
    public int? DependantsOther { get; set; }

    /// <summary>扶養 その他障害 (別添1 地方税関係情報 No.39). A count of persons. 扶養親族 who are 障害者 (not 特別障害者); a subset of the counts above (decisions.md D18).</summary>
    public int? DependantsDisabled { get; set; }

    /// <summary>扶養 同居特別障害 (別添1 地方税関係情報 No.40). A count of persons. 扶養親族 who are 同居特別障害者; a subset (D18).</summary>
    public int? DependantsSpeciallyDisabledCohabiting { get; set; }

    /// <summary>扶養 同居老人 (別添1 地方税関係情報 No.41). A count of persons. 老人扶養親族 living with the person; a subset of 扶養 老人 (D18).</summary>
    public int? DependantsElderlyCohabiting { get; set; }

    /// <summary>扶養 特定 (別添1 地方税関係情報 No.42). A count of persons. 特定扶養親族.</summary>
    public int? DependantsSpecified { get; set; }

    /// <summary>扶養 特別障害 (別添1 地方税関係情報 No.43). A count of persons. 扶養親族 who are 特別障害者; a subset (D18).</summary>
    public int? DependantsSpeciallyDisabled { get; set; }

    /// <summary>扶養 老人 (別添1 地方税関係情報 No.44). A count of persons. 老人扶養親族.</summary>
    public int? DependantsElderly { get; set; }

    /// <summary>若年者一般扶養人数 (別添1 地方税関係情報 No.45). A count of persons. A subset of the counts above (D18).</summary>
    public int? YoungGeneralDependants { get; set; }

    /// <summary>生計維持児童数 (別添1 地方税関係情報 No.46). A count of persons. Not added to 扶養親族等の数 (D18).</summary>
    public int? SupportedChildren { get; set; }

    /// <summary>年少扶養人数 (別添1 地方税関係情報 No.47). A count of persons. 年少扶養親族 (under 16).</summary>
    public int? MinorDependants { get; set; }

    /// <summary>算出年税額 (別添1 地方税関係情報 No.48). Amount in yen.</summary>
    public long? ComputedAnnualTax { get; set; }

    /// <summary>均等割額 市区町村民税 (別添1 地方税関係情報 No.49). Amount in yen.</summary>
    public long? PerCapitaMunicipalTax { get; set; }

    /// <summary>均等割額 都道府県民税 (別添1 地方税関係情報 No.50). Amount in yen.</summary>
    public long? PerCapitaPrefecturalTax { get; set; }

    /// <summary>差引所得割額 市区町村民税 (別添1 地方税関係情報 No.51). Amount in yen.</summary>
    public long? NetIncomeLevyMunicipalTax { get; set; }

    /// <summary>差引所得割額 都道府県民税 (別添1 地方税関係情報 No.52). Amount in yen.</summary>
    public long? NetIncomeLevyPrefecturalTax { get; set; }

    /// <summary>所得税額 (別添1 地方税関係情報 No.53). Amount in yen.</summary>
    public long? IncomeTax { get; set; }

    /// <summary>減免額合計 (別添1 地方税関係情報 No.54). Amount in yen.</summary>
    public long? TotalTaxRelief { get; set; }

    /// <summary>推定所得税額 (別添1 地方税関係情報 No.55). Amount in yen.</summary>
    public long? EstimatedIncomeTax { get; set; }

    /// <summary>勤労学生該当 (別添1 地方税関係情報 No.56). Flag 0/1 (true = 1).</summary>
    public bool? IsWorkingStudent { get; set; }

    /// <summary>その他障害者該当 (別添1 地方税関係情報 No.57). Flag 0/1 (true = 1). The person is a 障害者 (not 特別障害者) (decisions.md D19).</summary>
    public bool? IsDisabled { get; set; }

    /// <summary>寡婦区分 (別添1 地方税関係情報 No.58). Code. 0 なし, 1 寡婦, 2 ひとり親.</summary>
    public WidowKind? WidowKind { get; set; }

    /// <summary>特別障害者該当 (別添1 地方税関係情報 No.59). Flag 0/1 (true = 1).</summary>
    public bool? IsSpeciallyDisabled { get; set; }

    /// <summary>Where the row came from: the import file (name and SHA-256) or the screen it was entered on.</summary>
    public string? Source { get; set; }

    /// <summary>When this row was recorded (UTC, microseconds).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When a later import or correction replaced this row; null = current.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>The login of the staff member, or the batch, that recorded the row.</summary>
    public string RecordedBy { get; set; } = string.Empty;

    /// <summary>Initial for the first row of a person and year, Correction for every later one.</summary>
    public RecordKind Kind { get; set; }

    /// <summary>A copy with the same person, year and items, ready to be corrected and recorded as a new row.</summary>
    public TaxRecord CopyForCorrection()
    {
        var copy = (TaxRecord)MemberwiseClone();
        copy.Id = 0;
        copy.SupersededAt = null;
        return copy;
    }
}
