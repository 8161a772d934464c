using FukushiIryo.App.Income;
using FukushiIryo.Domain.Income;

namespace FukushiIryo.App.Demo;

/// <summary>How a generated adult's social insurance premiums are estimated.</summary>
internal enum DemoPremiumBasis
{
    /// <summary>健康保険・厚生年金・雇用保険 on the salary.</summary>
    Employee = 1,

    /// <summary>国保・国民年金 (or 後期・介護) on the income.</summary>
    Resident = 2,
}

/// <summary>What one 課税年度's record of an adult is computed from.</summary>
internal sealed record DemoTaxInput
{
    public required int TaxYear { get; init; }

    public required int AgeAtYearEnd { get; init; }

    /// <summary>The 給与所得控除 table of the income year (master data).</summary>
    public required IReadOnlyList<SalaryIncomeBand> SalaryBands { get; init; }

    public long Salary { get; init; }

    public long Pension { get; init; }

    public long NonTaxablePension { get; init; }

    public long Business { get; init; }

    public long OtherMiscellaneous { get; init; }

    public long SeparateStock { get; init; }

    public DemoPremiumBasis PremiumBasis { get; init; } = DemoPremiumBasis.Resident;

    public int PremiumRatePerMille { get; init; } = 145;

    public bool SingleParent { get; init; }

    public bool Widow { get; init; }

    public bool Disabled { get; init; }

    public SpouseDeductionKind Spouse { get; init; }

    public int MinorDependants { get; init; }

    public int YoungDependants { get; init; }

    public int OtherDependants { get; init; }

    public int SpecifiedDependants { get; init; }

    public int ElderlyDependants { get; init; }

    public int ElderlyCohabiting { get; init; }

    public int SupportedChildren { get; init; }

    public long LifeInsurance { get; init; }

    public long NonLifeInsurance { get; init; }

    public long MedicalExpenses { get; init; }

    public long Donation { get; init; }
}

/// <summary>
/// A plausible 地方税関係情報 record from a person's receipts, with the 住民税 and 所得税 rules
/// simplified (the 給与所得控除 of the master, the 公的年金等控除 table, the usual 所得控除, 非課税 limits of a
/// 2級地, 均等割 市 3,000 円 and 県 1,500 円 with 奈良県森林環境税, 所得割 6 % + 4 %). Good enough to
/// look real and to exercise the income test; not a tax calculation.
/// </summary>
internal static class DemoTax
{
    /// <summary>公的年金等に係る雑所得 (other income under 10 million yen).</summary>
    public static long PensionIncome(long receipts, int ageAtYearEnd)
    {
        if (receipts <= 0)
        {
            return 0;
        }

        var flat = ageAtYearEnd >= 65 ? 1_100_000L : 600_000L;
        var flatUpTo = ageAtYearEnd >= 65 ? 3_300_000L : 1_300_000L;
        if (receipts < flatUpTo)
        {
            return Math.Max(0, receipts - flat);
        }

        return receipts switch
        {
            < 4_100_000 => (receipts * 75 / 100) - 275_000,
            < 7_700_000 => (receipts * 85 / 100) - 685_000,
            < 10_000_000 => (receipts * 95 / 100) - 1_455_000,
            _ => receipts - 1_955_000,
        };
    }

    /// <summary>The declared record of one 課税年度.</summary>
    public static TaxRecord Build(DemoTaxInput input)
    {
        var incomeYear = input.TaxYear - 1;
        var salaryIncome = SalaryIncome.Compute(input.Salary, input.SalaryBands);
        var pensionIncome = PensionIncome(input.Pension, input.AgeAtYearEnd);
        var aggregate = salaryIncome + pensionIncome + input.Business + input.OtherMiscellaneous;
        var withSeparate = aggregate + input.SeparateStock;
        var total = withSeparate;

        var premiums = input.PremiumBasis == DemoPremiumBasis.Employee
            ? input.Salary * input.PremiumRatePerMille / 1000
            : Math.Max(24_000, (Math.Max(0, aggregate - 430_000) * 10 / 100) + 24_000 + (input.Pension * 4 / 100));
        premiums = premiums / 10 * 10;

        var widowKind = total > 5_000_000 ? WidowKind.None
            : input.SingleParent ? WidowKind.SingleParent
            : input.Widow ? WidowKind.Widow
            : WidowKind.None;
        var dependants = input.OtherDependants + input.YoungDependants + input.SpecifiedDependants + input.ElderlyDependants;
        var everyone = dependants + input.MinorDependants + (input.Spouse == SpouseDeductionKind.None ? 0 : 1);

        var residentLife = input.LifeInsurance;
        var residentNonLife = input.NonLifeInsurance;
        var incomeTaxLife = Math.Min(40_000, residentLife * 10 / 7);
        var incomeTaxNonLife = Math.Min(50_000, residentNonLife * 2);

        // 住民税
        var residentDeductions = (total <= 24_000_000 ? 430_000 : 0)
            + widowKind switch { WidowKind.SingleParent => 300_000, WidowKind.Widow => 260_000, _ => 0 }
            + input.Spouse switch { SpouseDeductionKind.General => 330_000, SpouseDeductionKind.Elderly => 380_000, _ => 0 }
            + ((input.OtherDependants + input.YoungDependants) * 330_000L)
            + (input.SpecifiedDependants * 450_000L)
            + (input.ElderlyDependants * 380_000L) + (input.ElderlyCohabiting * 70_000L)
            + (input.Disabled ? 260_000 : 0)
            + premiums + residentLife + residentNonLife + input.MedicalExpenses;
        var taxBase = Math.Max(0, withSeparate - residentDeductions) / 1_000 * 1_000;

        var exemptAll = ((input.SingleParent || input.Widow || input.Disabled) && total <= 1_350_000)
            || total <= (everyone > 0 ? (315_000L * (everyone + 1)) + 100_000 + 189_000 : 415_000);
        var exemptLevy = exemptAll || total <= (everyone > 0 ? (350_000L * (everyone + 1)) + 320_000 : 450_000);

        long perCapitaMunicipal = exemptAll ? 0 : 3_000;
        long perCapitaPrefectural = exemptAll ? 0 : 1_500;
        long municipalLevy = exemptLevy ? 0 : taxBase * 6 / 100;
        long prefecturalLevy = exemptLevy ? 0 : taxBase * 4 / 100;
        var computed = (municipalLevy + prefecturalLevy) / 100 * 100;
        var donationCredit = input.Donation > 2_000 && !exemptLevy ? (input.Donation - 2_000) / 10 : 0;
        var netMunicipal = Math.Max(0, municipalLevy - 1_500 - (donationCredit * 6 / 10)) / 100 * 100;
        var netPrefectural = Math.Max(0, prefecturalLevy - 1_000 - (donationCredit * 4 / 10)) / 100 * 100;

        // 所得税 (復興特別所得税 included)
        var basic = incomeYear >= 2025 ? 580_000 : 480_000;
        var incomeTaxDeductions = (total <= 23_500_000 ? basic : 0)
            + widowKind switch { WidowKind.SingleParent => 350_000, WidowKind.Widow => 270_000, _ => 0 }
            + input.Spouse switch { SpouseDeductionKind.General => 380_000, SpouseDeductionKind.Elderly => 480_000, _ => 0 }
            + ((input.OtherDependants + input.YoungDependants) * 380_000L)
            + (input.SpecifiedDependants * 630_000L)
            + (input.ElderlyDependants * 480_000L) + (input.ElderlyCohabiting * 100_000L)
            + (input.Disabled ? 270_000 : 0)
            + premiums + incomeTaxLife + incomeTaxNonLife + input.MedicalExpenses;
        var incomeTaxBase = Math.Max(0, aggregate - incomeTaxDeductions) / 1_000 * 1_000;
        var incomeTax = incomeTaxBase switch
        {
            <= 1_949_000 => incomeTaxBase * 5 / 100,
            <= 3_299_000 => (incomeTaxBase * 10 / 100) - 97_500,
            <= 6_949_000 => (incomeTaxBase * 20 / 100) - 427_500,
            <= 8_999_000 => (incomeTaxBase * 23 / 100) - 636_000,
            <= 17_999_000 => (incomeTaxBase * 33 / 100) - 1_536_000,
            _ => (incomeTaxBase * 40 / 100) - 2_796_000,
        };
        incomeTax = incomeTax * 1021 / 1000 / 100 * 100;

        return new TaxRecord
        {
            TaxYear = input.TaxYear,
            IsUndeclared = false,
            PensionReceipts = input.Pension,
            ChildSupportReceivedByChild = null,
            ChildSupportReceivedByRecipient = null,
            NonTaxablePensionReceipts = input.NonTaxablePension,
            SalaryReceipts = input.Salary,
            OtherMiscellaneousIncome = input.OtherMiscellaneous,
            TotalTaxBase = taxBase,
            FuturesIncomeAfterCarryforward = 0,
            AggregateIncome = aggregate,
            AggregateIncomeWithSeparate = withSeparate,
            RetirementIncomeAfterCarryforward = 0,
            CapitalGainsBeforeSpecialDeductionAfterCarryforward = 0,
            BeefCattleIncome = 0,
            TreatyInterestDividendTotal = 0,
            PensionIncome = pensionIncome,
            TotalIncome = total,
            ForestryIncomeAfterCarryforward = 0,
            SeparateLandBusinessIncomeAfterCarryforward = 0,
            SeparateStockIncome = input.SeparateStock,
            TreatyInterestIncome = 0,
            TreatyDividendIncome = 0,
            SpecialProvisionDividendIncome = 0,
            SpecialProvisionInterestIncome = 0,
            PublicLandAcquisitionDeduction = 0,
            CasualtyLossCarryforwardDeduction = 0,
            ResidentTaxMedicalExpenseDeduction = input.MedicalExpenses,
            ResidentTaxDonationDeduction = input.Donation,
            ResidentTaxCasualtyLossDeduction = 0,
            ResidentTaxSocialInsuranceDeduction = premiums,
            ResidentTaxSmallBusinessMutualAidDeduction = 0,
            ResidentTaxLifeInsuranceDeduction = residentLife,
            ResidentTaxNonLifeInsuranceDeduction = residentNonLife,
            ResidentTaxSpecialSpouseDeduction = 0,
            IncomeTaxLifeInsuranceDeduction = incomeTaxLife,
            IncomeTaxNonLifeInsuranceDeduction = incomeTaxNonLife,
            IncomeTaxSpecialSpouseDeduction = 0,
            SpouseDeductionKind = input.Spouse,
            DependantsOther = input.OtherDependants + input.YoungDependants,
            DependantsDisabled = 0,
            DependantsSpeciallyDisabledCohabiting = 0,
            DependantsElderlyCohabiting = input.ElderlyCohabiting,
            DependantsSpecified = input.SpecifiedDependants,
            DependantsSpeciallyDisabled = 0,
            DependantsElderly = input.ElderlyDependants,
            YoungGeneralDependants = input.YoungDependants,
            SupportedChildren = input.SupportedChildren,
            MinorDependants = input.MinorDependants,
            ComputedAnnualTax = computed,
            PerCapitaMunicipalTax = perCapitaMunicipal,
            PerCapitaPrefecturalTax = perCapitaPrefectural,
            NetIncomeLevyMunicipalTax = netMunicipal,
            NetIncomeLevyPrefecturalTax = netPrefectural,
            IncomeTax = incomeTax,
            TotalTaxRelief = 0,
            EstimatedIncomeTax = incomeTax,
            IsWorkingStudent = false,
            IsDisabled = input.Disabled,
            WidowKind = widowKind,
            IsSpeciallyDisabled = false,
        };
    }

    /// <summary>The record of a person who did not declare: every item empty.</summary>
    public static TaxRecord Undeclared(int taxYear) => new() { TaxYear = taxYear, IsUndeclared = true };
}
