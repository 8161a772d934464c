using System.Globalization;

namespace FukushiIryo.Domain.Income;

/// <summary>The 養育費 a 申告 (or, until it exists, the tax record) reports for the income year.</summary>
/// <param name="ReceivedByRecipient">受給者養育費: received by the parent or carer.</param>
/// <param name="ReceivedByChild">児童養育費: received by the child.</param>
public sealed record ChildSupport(long? ReceivedByRecipient, long? ReceivedByChild)
{
    public static ChildSupport None { get; } = new(null, null);

    public long Total => Math.Max(0, ReceivedByRecipient ?? 0) + Math.Max(0, ReceivedByChild ?? 0);
}

/// <summary>The outcome of the income test of one person for one 課税年度, with every step.</summary>
/// <param name="Income">所得額 after the deductions (≥ 0); null when 判定不能.</param>
/// <param name="Dependants">扶養親族等の数 (decisions.md D18); null when 判定不能.</param>
/// <param name="Limit">限度額 with the add-ons; null when 判定不能.</param>
public sealed record IncomeTestResult(
    IncomeCriterion Criterion,
    LimitColumn Column,
    long? Income,
    int? Dependants,
    long? Limit,
    IReadOnlyList<IncomeStep> Steps)
{
    /// <summary>県市区分 = 県 exactly when the prefecture criterion is met (decisions.md D4).</summary>
    public bool IsPrefectureFunded => Criterion == IncomeCriterion.Met;
}

/// <summary>
/// 所得判定 (rules-research.md §2, decisions.md D4, D18, D19) as a pure function: the income of the
/// tax record (with 養育費 × 80%) less the deductions, against the limit of the person's column for
/// its 扶養親族等の数 with the add-ons. The person qualifies only when the income is under (未満) the
/// limit. Each line is kept so that staff can follow it. See docs/adr/0006-income-test.md for the
/// choices the sources leave open.
/// </summary>
public static class IncomeTest
{
    public static IncomeTestResult Determine(IncomeTaxFacts tax, IncomeTestRole role, ChildSupport childSupport, IncomeTestRules rules)
    {
        ArgumentNullException.ThrowIfNull(tax);
        ArgumentNullException.ThrowIfNull(childSupport);
        ArgumentNullException.ThrowIfNull(rules);
        var column = role.Column();
        var steps = new List<IncomeStep>
        {
            new($"判定する人: {role.Japanese()}（限度額の列: {column.Japanese()}）", null),
        };
        if (tax.IsUndeclared)
        {
            steps.Add(new("未申告のため所得を確認できません → 判定不能（県市区分は市）", null));
            return new IncomeTestResult(IncomeCriterion.Undetermined, column, null, null, null, steps);
        }

        var income = AddIncome(tax, childSupport, rules.Deductions, steps);
        var deductions = AddDeductions(tax, role, rules, steps);
        var assessed = Math.Max(0, income - deductions);
        steps.Add(new(
            income - deductions < 0 ? "＝ 所得額（所得の合計 − 控除の合計。0円未満は0円）" : "＝ 所得額（所得の合計 − 控除の合計）",
            assessed));

        var dependants = CountDependants(tax, steps);
        var limit = AddLimit(tax, column, dependants, rules.LimitsFor(column), steps);

        var criterion = assessed < limit ? IncomeCriterion.Met : IncomeCriterion.NotMet;
        steps.Add(new(criterion == IncomeCriterion.Met
            ? Text($"判定: 所得額 {assessed:N0}円 は限度額 {limit:N0}円 未満 → 該当（県市区分は県）")
            : Text($"判定: 所得額 {assessed:N0}円 は限度額 {limit:N0}円 以上 → 非該当（県市区分は市）"), null));
        return new IncomeTestResult(criterion, column, assessed, dependants, limit, steps);
    }

    /// <summary>扶養親族等の数 (decisions.md D18): spouse (控除対象配偶者) + その他 + 特定 + 老人 + 年少.</summary>
    public static int DependantCount(IncomeTaxFacts tax)
    {
        ArgumentNullException.ThrowIfNull(tax);
        return (tax.HasDeductibleSpouse ? 1 : 0) + Count(tax.DependantsOther) + Count(tax.DependantsSpecified)
            + Count(tax.DependantsElderly) + Count(tax.MinorDependants);
    }

    private static long AddIncome(IncomeTaxFacts tax, ChildSupport childSupport, IncomeDeductionFigures figures, List<IncomeStep> steps)
    {
        long total = 0;
        void Line(string item, long? amount, bool always = false)
        {
            if (always || (amount is { } value && value != 0))
            {
                steps.Add(new(item, amount ?? 0));
                total += amount ?? 0;
            }
        }

        if (tax.AggregateIncome is not null)
        {
            Line("総所得金額（総所得）", tax.AggregateIncome, always: true);
            Line("退職所得", tax.RetirementIncome);
            Line("山林所得", tax.ForestryIncome);
            Line("土地等に係る事業所得等（分離）", tax.SeparateLandBusinessIncome);
            Line("長期・短期譲渡所得（特別控除前）", tax.CapitalGainsBeforeSpecialDeduction);
            Line("株式等に係る譲渡所得等（分離）", tax.SeparateStockIncome);
            Line("先物取引に係る雑所得等", tax.FuturesIncome);
            if (tax.TreatyInterestIncome is null && tax.TreatyDividendIncome is null
                && tax.SpecialProvisionInterestIncome is null && tax.SpecialProvisionDividendIncome is null)
            {
                Line("条約・特例適用利子配当（合計額）", tax.TreatyInterestDividendTotal);
            }
            else
            {
                Line("条約適用利子等", tax.TreatyInterestIncome);
                Line("条約適用配当等", tax.TreatyDividendIncome);
                Line("特例適用利子等", tax.SpecialProvisionInterestIncome);
                Line("特例適用配当等", tax.SpecialProvisionDividendIncome);
            }
        }
        else
        {
            Line("総所得金額等（総所得の内訳なし）", tax.AggregateIncomeWithSeparate, always: true);
        }

        if (childSupport.Total > 0)
        {
            var counted = childSupport.Total * figures.ChildSupportPercent / 100;
            Line(Text($"養育費 {childSupport.Total:N0}円（受給者 {childSupport.ReceivedByRecipient ?? 0:N0}円・児童 {childSupport.ReceivedByChild ?? 0:N0}円）の {figures.ChildSupportPercent}%"), counted);
        }

        steps.Add(new("＝ 所得の合計", total));
        return total;
    }

    private static long AddDeductions(IncomeTaxFacts tax, IncomeTestRole role, IncomeTestRules rules, List<IncomeStep> steps)
    {
        var figures = rules.Deductions;
        long total = 0;
        void Line(string item, long amount)
        {
            if (amount > 0)
            {
                steps.Add(new(item, -amount));
                total += amount;
            }
        }

        var salaryReceipts = tax.SalaryReceipts ?? 0;
        var salaryIncome = SalaryIncome.Compute(salaryReceipts, rules.SalaryBands);
        var pensionIncome = Math.Max(0, tax.PensionIncome ?? 0);
        if (salaryReceipts > 0 || pensionIncome > 0)
        {
            var adjustment = Math.Min(figures.EarnedIncomeAdjustmentCap, salaryIncome + pensionIncome);
            Line(Text($"所得金額調整（給与所得 {salaryIncome:N0}円〔給与収入 {salaryReceipts:N0}円から〕＋ 公的年金等所得 {pensionIncome:N0}円、上限 {figures.EarnedIncomeAdjustmentCap:N0}円）"), adjustment);
        }

        Line("社会保険料相当額（一律）", figures.FlatDeduction);
        Line("障害者控除（本人）", tax.IsDisabled ? figures.Disabled : 0);
        Line("特別障害者控除（本人）", tax.IsSpeciallyDisabled ? figures.SpeciallyDisabled : 0);
        Line("勤労学生控除（本人）", tax.IsWorkingStudent ? figures.WorkingStudent : 0);
        Line(Text($"障害者控除（扶養親族 {Count(tax.DependantsDisabled)}人 × {figures.Disabled:N0}円）"), Count(tax.DependantsDisabled) * figures.Disabled);
        Line(Text($"特別障害者控除（扶養親族 {Count(tax.DependantsSpeciallyDisabled)}人 × {figures.SpeciallyDisabled:N0}円）"), Count(tax.DependantsSpeciallyDisabled) * figures.SpeciallyDisabled);
        if (role.GetsWidowDeduction())
        {
            Line("寡婦控除", tax.Widow == WidowStatus.Widow ? figures.Widow : 0);
            Line("ひとり親控除", tax.Widow == WidowStatus.SingleParent ? figures.SingleParent : 0);
        }
        else if (tax.Widow != WidowStatus.None)
        {
            steps.Add(new("寡婦・ひとり親控除は父母には適用しません", null));
        }

        Line("医療費控除（住民税）", tax.MedicalExpenseDeduction ?? 0);
        Line("雑損控除（住民税）", tax.CasualtyLossDeduction ?? 0);
        Line("小規模企業共済等掛金控除（住民税）", tax.SmallBusinessMutualAidDeduction ?? 0);
        Line("配偶者特別控除（住民税）", tax.SpecialSpouseDeduction ?? 0);
        steps.Add(new("＝ 控除の合計", -total));
        return total;
    }

    private static int CountDependants(IncomeTaxFacts tax, List<IncomeStep> steps)
    {
        var count = DependantCount(tax);
        steps.Add(new(Text(
            $"扶養親族等の数: 控除対象配偶者 {(tax.HasDeductibleSpouse ? 1 : 0)} ＋ 一般 {Count(tax.DependantsOther)} ＋ 特定 {Count(tax.DependantsSpecified)} ＋ 老人 {Count(tax.DependantsElderly)} ＋ 年少 {Count(tax.MinorDependants)} ＝ {count}人"), null));
        return count;
    }

    private static long AddLimit(IncomeTaxFacts tax, LimitColumn column, int dependants, IncomeLimitTable table, List<IncomeStep> steps)
    {
        var limit = table.BaseFor(dependants);
        steps.Add(new(Text($"限度額（{column.Japanese()}、扶養親族等 {dependants}人）"), limit));

        var elderly = Count(tax.DependantsElderly) + (table.ElderlySpouseCounts && tax.SpouseIsElderly ? 1 : 0);
        var leftOut = table.OneElderlyLeftOutWhenAllElderly && elderly > 0 && elderly == dependants ? 1 : 0;
        if (table.ElderlyAddOn > 0 && elderly - leftOut > 0)
        {
            var what = table.ElderlySpouseCounts ? "老人控除対象配偶者・老人扶養親族" : "老人扶養親族";
            var note = leftOut == 1 ? "（扶養親族等がすべて老人扶養親族のため1人を除く）" : string.Empty;
            steps.Add(new(Text($"加算: {what} {elderly - leftOut}人 × {table.ElderlyAddOn:N0}円{note}"), (elderly - leftOut) * table.ElderlyAddOn));
            limit += (elderly - leftOut) * table.ElderlyAddOn;
        }

        var specified = Count(tax.DependantsSpecified) + Count(tax.YoungGeneralDependants);
        if (table.SpecifiedAddOn > 0 && specified > 0)
        {
            steps.Add(new(Text($"加算: 特定扶養親族・16〜18歳の扶養親族 {specified}人 × {table.SpecifiedAddOn:N0}円"), specified * table.SpecifiedAddOn));
            limit += specified * table.SpecifiedAddOn;
        }

        steps.Add(new("＝ 限度額", limit));
        return limit;
    }

    private static int Count(int? count) => Math.Max(0, count ?? 0);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
