namespace FukushiIryo.Domain.Income;

/// <summary>Whose income is tested, which decides the limit column and the 寡婦・ひとり親 deduction.</summary>
public enum IncomeTestRole
{
    /// <summary>父母: 受給者 column; no 寡婦・ひとり親 deduction.</summary>
    Parent = 1,

    /// <summary>養育者 of a child who has a parent: 受給者 column; 寡婦・ひとり親 deducted (decisions.md D19).</summary>
    Carer = 2,

    /// <summary>孤児等の養育者 (carer of a child without parents): 扶養義務者 column; 寡婦・ひとり親 deducted.</summary>
    OrphanCarer = 3,

    /// <summary>扶養義務者 (or the spouse): 扶養義務者 column; 寡婦・ひとり親 deducted.</summary>
    SupportObligor = 4,
}

/// <summary>The two columns of the limit table (rules-research.md §2.2).</summary>
public enum LimitColumn
{
    /// <summary>受給者 (the parent, or the carer of a child who has a parent).</summary>
    Recipient = 1,

    /// <summary>扶養義務者・配偶者・孤児等養育者.</summary>
    SupportObligor = 2,
}

/// <summary>所得基準: 該当 (income under the limit), 非該当, or 判定不能 (未申告).</summary>
public enum IncomeCriterion
{
    /// <summary>該当.</summary>
    Met = 1,

    /// <summary>非該当.</summary>
    NotMet = 2,

    /// <summary>判定不能.</summary>
    Undetermined = 3,
}

/// <summary>寡婦区分 of the tax record.</summary>
public enum WidowStatus
{
    None = 0,

    /// <summary>寡婦.</summary>
    Widow = 1,

    /// <summary>ひとり親.</summary>
    SingleParent = 2,
}

public static class IncomeTestRoles
{
    public static LimitColumn Column(this IncomeTestRole role) =>
        role is IncomeTestRole.Parent or IncomeTestRole.Carer ? LimitColumn.Recipient : LimitColumn.SupportObligor;

    /// <summary>寡婦・ひとり親 are deducted for everyone but the parent (decisions.md D19).</summary>
    public static bool GetsWidowDeduction(this IncomeTestRole role) => role != IncomeTestRole.Parent;

    public static string Japanese(this IncomeTestRole role) => role switch
    {
        IncomeTestRole.Parent => "父母",
        IncomeTestRole.Carer => "養育者",
        IncomeTestRole.OrphanCarer => "孤児等の養育者",
        IncomeTestRole.SupportObligor => "扶養義務者",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string Japanese(this LimitColumn column) =>
        column == LimitColumn.Recipient ? "受給者" : "扶養義務者・配偶者・孤児等養育者";

    public static string Japanese(this IncomeCriterion criterion) => criterion switch
    {
        IncomeCriterion.Met => "該当",
        IncomeCriterion.NotMet => "非該当",
        IncomeCriterion.Undetermined => "判定不能",
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };
}

/// <summary>
/// The limits of one column in force on a date (rules-research.md §2.2; master IncomeLimit): the
/// limit by 扶養親族等の数 0–3, each further dependant, and the add-ons per dependant.
/// </summary>
/// <param name="ElderlyAddOn">Per 老人扶養親族 (and, when <paramref name="ElderlySpouseCounts"/>, per 老人控除対象配偶者).</param>
/// <param name="SpecifiedAddOn">Per 特定扶養親族 and per 控除対象扶養親族 aged 16–18 (若年者一般扶養).</param>
/// <param name="OneElderlyLeftOutWhenAllElderly">When every dependant is a 老人扶養親族, one of them gets no add-on (扶養義務者 column).</param>
public sealed record IncomeLimitTable(
    long ZeroDependants,
    long OneDependant,
    long TwoDependants,
    long ThreeDependants,
    long EachAdditionalDependant,
    long ElderlyAddOn,
    bool ElderlySpouseCounts,
    long SpecifiedAddOn,
    bool OneElderlyLeftOutWhenAllElderly)
{
    /// <summary>The limit before add-ons for <paramref name="dependants"/> 扶養親族等.</summary>
    public long BaseFor(int dependants) => dependants switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(dependants)),
        0 => ZeroDependants,
        1 => OneDependant,
        2 => TwoDependants,
        _ => ThreeDependants + ((dependants - 3) * EachAdditionalDependant),
    };
}

/// <summary>The deduction figures of the income test in force on a date (master IncomeDeduction).</summary>
/// <param name="FlatDeduction">社会保険料相当額 (一律), 80,000.</param>
/// <param name="ChildSupportPercent">The share of 養育費 counted as income, 80 (%).</param>
/// <param name="EarnedIncomeAdjustmentCap">所得金額調整 cap, 100,000.</param>
/// <param name="Disabled">障害者控除 per person, 270,000.</param>
/// <param name="SpeciallyDisabled">特別障害者控除 per person, 400,000.</param>
/// <param name="WorkingStudent">勤労学生控除, 270,000.</param>
/// <param name="Widow">寡婦控除, 270,000.</param>
/// <param name="SingleParent">ひとり親控除, 350,000.</param>
public sealed record IncomeDeductionFigures(
    long FlatDeduction,
    int ChildSupportPercent,
    long EarnedIncomeAdjustmentCap,
    long Disabled,
    long SpeciallyDisabled,
    long WorkingStudent,
    long Widow,
    long SingleParent);

/// <summary>Everything the income test reads besides the person's data: the masters in force.</summary>
public sealed record IncomeTestRules(
    IncomeDeductionFigures Deductions,
    IncomeLimitTable RecipientLimits,
    IncomeLimitTable SupportObligorLimits,
    IReadOnlyList<SalaryIncomeBand> SalaryBands)
{
    public IncomeLimitTable LimitsFor(LimitColumn column) =>
        column == LimitColumn.Recipient ? RecipientLimits : SupportObligorLimits;
}
