using System.Reflection;

namespace FukushiIryo.App.Income;

/// <summary>How a 地方税関係情報 item is typed (interfaces.md §3).</summary>
public enum TaxItemKind
{
    /// <summary>An amount in yen, never negative (long).</summary>
    Amount = 1,

    /// <summary>An income (所得) in yen, which may be negative (long).</summary>
    Income = 2,

    /// <summary>A count of persons (int).</summary>
    Count = 3,

    /// <summary>A 0/1 flag (bool).</summary>
    Flag = 4,

    /// <summary>A small code (an enum: 控除対象配偶者区分, 寡婦区分).</summary>
    Code = 5,
}

/// <summary>One item of 別添1 「地方税関係情報」: its number, its exact Japanese column name and its property.</summary>
public sealed class TaxItem
{
    internal TaxItem(int number, string name, string propertyName, TaxItemKind kind)
    {
        Number = number;
        Name = name;
        Kind = kind;
        Property = typeof(TaxRecord).GetProperty(propertyName)
            ?? throw new InvalidOperationException($"TaxRecord has no property {propertyName}.");
        ValueType = Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
    }

    /// <summary>The item's number in 別添1 (1–59).</summary>
    public int Number { get; }

    /// <summary>The column name exactly as in interfaces.md §3 (with its half-width spaces).</summary>
    public string Name { get; }

    public TaxItemKind Kind { get; }

    /// <summary>The <see cref="TaxRecord"/> property that holds the item.</summary>
    public PropertyInfo Property { get; }

    /// <summary>The property's type without its nullability: long, int, bool or the code's enum.</summary>
    public Type ValueType { get; }

    public object? GetValue(TaxRecord record) => Property.GetValue(record);

    /// <summary>Sets the item on <paramref name="record"/>: null, or a value of <see cref="ValueType"/>.</summary>
    public void SetValue(TaxRecord record, object? value) => Property.SetValue(record, value);
}

/// <summary>The 59 items of 「地方税関係情報」 in their 別添1 order, for the tax import and its layouts.</summary>
public static class TaxItems
{
    /// <summary>The person key column.</summary>
    public const string AtenaNumberColumn = "宛名番号";

    /// <summary>The 課税年度 column (西暦 YYYY).</summary>
    public const string TaxYearColumn = "課税年度";

    /// <summary>The optional 未申告 column (1 = did not declare).</summary>
    public const string UndeclaredColumn = "未申告";

    private static readonly TaxItem[] Items =
    [
        new(1, "年金収入", nameof(TaxRecord.PensionReceipts), TaxItemKind.Amount),
        new(2, "児童養育費", nameof(TaxRecord.ChildSupportReceivedByChild), TaxItemKind.Amount),
        new(3, "受給者養育費", nameof(TaxRecord.ChildSupportReceivedByRecipient), TaxItemKind.Amount),
        new(4, "非課税年金収入", nameof(TaxRecord.NonTaxablePensionReceipts), TaxItemKind.Amount),
        new(5, "給与収入", nameof(TaxRecord.SalaryReceipts), TaxItemKind.Amount),
        new(6, "その他雑所得", nameof(TaxRecord.OtherMiscellaneousIncome), TaxItemKind.Income),
        new(7, "課税標準額合計", nameof(TaxRecord.TotalTaxBase), TaxItemKind.Amount),
        new(8, "先物所得 繰越後", nameof(TaxRecord.FuturesIncomeAfterCarryforward), TaxItemKind.Income),
        new(9, "総所得", nameof(TaxRecord.AggregateIncome), TaxItemKind.Income),
        new(10, "総所得金額等", nameof(TaxRecord.AggregateIncomeWithSeparate), TaxItemKind.Income),
        new(11, "退職所得 繰越後", nameof(TaxRecord.RetirementIncomeAfterCarryforward), TaxItemKind.Income),
        new(12, "特別控除前譲渡所得 繰越後", nameof(TaxRecord.CapitalGainsBeforeSpecialDeductionAfterCarryforward), TaxItemKind.Income),
        new(13, "肉用牛所得", nameof(TaxRecord.BeefCattleIncome), TaxItemKind.Income),
        new(14, "条約特例利子配当合計額", nameof(TaxRecord.TreatyInterestDividendTotal), TaxItemKind.Amount),
        new(15, "年金所得", nameof(TaxRecord.PensionIncome), TaxItemKind.Income),
        new(16, "合計所得", nameof(TaxRecord.TotalIncome), TaxItemKind.Income),
        new(17, "山林所得 繰越後", nameof(TaxRecord.ForestryIncomeAfterCarryforward), TaxItemKind.Income),
        new(18, "分離 土地等の事業雑所得 繰越後", nameof(TaxRecord.SeparateLandBusinessIncomeAfterCarryforward), TaxItemKind.Income),
        new(19, "分離株式所得", nameof(TaxRecord.SeparateStockIncome), TaxItemKind.Income),
        new(20, "条約適用利子等所得額", nameof(TaxRecord.TreatyInterestIncome), TaxItemKind.Income),
        new(21, "条約適用配当等所得額", nameof(TaxRecord.TreatyDividendIncome), TaxItemKind.Income),
        new(22, "特例適用配当等所得額", nameof(TaxRecord.SpecialProvisionDividendIncome), TaxItemKind.Income),
        new(23, "特例適用利子等所得額", nameof(TaxRecord.SpecialProvisionInterestIncome), TaxItemKind.Income),
        new(24, "公共用地取得代金等控除", nameof(TaxRecord.PublicLandAcquisitionDeduction), TaxItemKind.Amount),
        new(25, "雑損繰越控除", nameof(TaxRecord.CasualtyLossCarryforwardDeduction), TaxItemKind.Amount),
        new(26, "住民税法医療費控除額", nameof(TaxRecord.ResidentTaxMedicalExpenseDeduction), TaxItemKind.Amount),
        new(27, "住民税法寄附金控除", nameof(TaxRecord.ResidentTaxDonationDeduction), TaxItemKind.Amount),
        new(28, "住民税法雑損控除額", nameof(TaxRecord.ResidentTaxCasualtyLossDeduction), TaxItemKind.Amount),
        new(29, "住民税法社会保険料控除額", nameof(TaxRecord.ResidentTaxSocialInsuranceDeduction), TaxItemKind.Amount),
        new(30, "住民税法小規模共済等控除額", nameof(TaxRecord.ResidentTaxSmallBusinessMutualAidDeduction), TaxItemKind.Amount),
        new(31, "住民税法生命保険料控除額", nameof(TaxRecord.ResidentTaxLifeInsuranceDeduction), TaxItemKind.Amount),
        new(32, "住民税法損害保険料控除", nameof(TaxRecord.ResidentTaxNonLifeInsuranceDeduction), TaxItemKind.Amount),
        new(33, "住民税法配偶者特別控除", nameof(TaxRecord.ResidentTaxSpecialSpouseDeduction), TaxItemKind.Amount),
        new(34, "所得税法生命保険料控除額", nameof(TaxRecord.IncomeTaxLifeInsuranceDeduction), TaxItemKind.Amount),
        new(35, "所得税法損害保険料控除", nameof(TaxRecord.IncomeTaxNonLifeInsuranceDeduction), TaxItemKind.Amount),
        new(36, "所得税法配偶者特別控除", nameof(TaxRecord.IncomeTaxSpecialSpouseDeduction), TaxItemKind.Amount),
        new(37, "控除対象配偶者区分", nameof(TaxRecord.SpouseDeductionKind), TaxItemKind.Code),
        new(38, "扶養 その他", nameof(TaxRecord.DependantsOther), TaxItemKind.Count),
        new(39, "扶養 その他障害", nameof(TaxRecord.DependantsDisabled), TaxItemKind.Count),
        new(40, "扶養 同居特別障害", nameof(TaxRecord.DependantsSpeciallyDisabledCohabiting), TaxItemKind.Count),
        new(41, "扶養 同居老人", nameof(TaxRecord.DependantsElderlyCohabiting), TaxItemKind.Count),
        new(42, "扶養 特定", nameof(TaxRecord.DependantsSpecified), TaxItemKind.Count),
        new(43, "扶養 特別障害", nameof(TaxRecord.DependantsSpeciallyDisabled), TaxItemKind.Count),
        new(44, "扶養 老人", nameof(TaxRecord.DependantsElderly), TaxItemKind.Count),
        new(45, "若年者一般扶養人数", nameof(TaxRecord.YoungGeneralDependants), TaxItemKind.Count),
        new(46, "生計維持児童数", nameof(TaxRecord.SupportedChildren), TaxItemKind.Count),
        new(47, "年少扶養人数", nameof(TaxRecord.MinorDependants), TaxItemKind.Count),
        new(48, "算出年税額", nameof(TaxRecord.ComputedAnnualTax), TaxItemKind.Amount),
        new(49, "均等割額 市区町村民税", nameof(TaxRecord.PerCapitaMunicipalTax), TaxItemKind.Amount),
        new(50, "均等割額 都道府県民税", nameof(TaxRecord.PerCapitaPrefecturalTax), TaxItemKind.Amount),
        new(51, "差引所得割額 市区町村民税", nameof(TaxRecord.NetIncomeLevyMunicipalTax), TaxItemKind.Amount),
        new(52, "差引所得割額 都道府県民税", nameof(TaxRecord.NetIncomeLevyPrefecturalTax), TaxItemKind.Amount),
        new(53, "所得税額", nameof(TaxRecord.IncomeTax), TaxItemKind.Amount),
        new(54, "減免額合計", nameof(TaxRecord.TotalTaxRelief), TaxItemKind.Amount),
        new(55, "推定所得税額", nameof(TaxRecord.EstimatedIncomeTax), TaxItemKind.Amount),
        new(56, "勤労学生該当", nameof(TaxRecord.IsWorkingStudent), TaxItemKind.Flag),
        new(57, "その他障害者該当", nameof(TaxRecord.IsDisabled), TaxItemKind.Flag),
        new(58, "寡婦区分", nameof(TaxRecord.WidowKind), TaxItemKind.Code),
        new(59, "特別障害者該当", nameof(TaxRecord.IsSpeciallyDisabled), TaxItemKind.Flag),
    ];

    private static readonly Dictionary<string, TaxItem> ByName = Items.ToDictionary(item => item.Name, StringComparer.Ordinal);

    /// <summary>All 59 items, in 別添1 order.</summary>
    public static IReadOnlyList<TaxItem> All => Items;

    /// <summary>The item whose column name is exactly <paramref name="name"/>; null when there is none.</summary>
    public static TaxItem? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.GetValueOrDefault(name);
    }
}
