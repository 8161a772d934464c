using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Income;
using static FukushiIryo.Domain.Tests.Income.IncomeRulesFixture;

namespace FukushiIryo.Domain.Tests.Income;

/// <summary>所得判定 (rules-research.md §2, decisions.md D4, D18, D19): cases written out in yen.</summary>
public class IncomeTestTests
{
    /// <summary>One case: who, the tax items, the 養育費, the rules, and the expected 所得額 / 扶養親族等の数 / 限度額 / 所得基準.</summary>
    public sealed record IncomeCase(
        string Name,
        IncomeTestRole Role,
        IncomeTaxFacts Tax,
        ChildSupport Support,
        IncomeTestRules Rules,
        long? Income,
        int? Dependants,
        long? Limit,
        IncomeCriterion Criterion)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<IncomeCase> Cases => new()
    {
        // 給与収入 3,000,000 → 給与所得 2,020,000; 所得金額調整 100,000 and 80,000 → 1,840,000 < 2,460,000 (1 child).
        new("01 給与収入300万・子1人", IncomeTestRole.Parent,
            new() { SalaryReceipts = 3_000_000, AggregateIncome = 2_020_000, MinorDependants = 1 },
            ChildSupport.None, Rules, 1_840_000, 1, 2_460_000, IncomeCriterion.Met),

        // 養育費 600,000 × 80% = 480,000: 2,500,000 − 180,000 = 2,320,000 < 2,460,000.
        new("02 養育費60万で該当", IncomeTestRole.Parent,
            new() { SalaryReceipts = 3_000_000, AggregateIncome = 2_020_000, MinorDependants = 1 },
            new(600_000, null), Rules, 2_320_000, 1, 2_460_000, IncomeCriterion.Met),

        // 養育費 700,000 + 300,000 (child) × 80% = 800,000: 2,820,000 − 180,000 = 2,640,000 ≥ 2,460,000.
        new("03 養育費100万で非該当", IncomeTestRole.Parent,
            new() { SalaryReceipts = 3_000_000, AggregateIncome = 2_020_000, MinorDependants = 1 },
            new(700_000, 300_000), Rules, 2_640_000, 1, 2_460_000, IncomeCriterion.NotMet),

        // 2,160,000 − 80,000 = 2,080,000 = the limit: the rule is 未満, so 非該当.
        new("04 限度額ちょうど", IncomeTestRole.Parent,
            new() { AggregateIncome = 2_160_000 },
            ChildSupport.None, Rules, 2_080_000, 0, 2_080_000, IncomeCriterion.NotMet),

        // One yen less: 2,079,999 < 2,080,000.
        new("05 限度額の1円下", IncomeTestRole.Parent,
            new() { AggregateIncome = 2_159_999 },
            ChildSupport.None, Rules, 2_079_999, 0, 2_080_000, IncomeCriterion.Met),

        // 障害者控除 (本人): 2,400,000 − 80,000 − 270,000 = 2,050,000 < 2,080,000.
        new("06 本人障害者", IncomeTestRole.Parent,
            new() { AggregateIncome = 2_400_000, IsDisabled = true },
            ChildSupport.None, Rules, 2_050_000, 0, 2_080_000, IncomeCriterion.Met),

        // 扶養親族の障害者 1人: 3,000,000 − 80,000 − 270,000 = 2,650,000 < 2,840,000 (2 dependants).
        new("07 扶養親族に障害者", IncomeTestRole.Parent,
            new() { AggregateIncome = 3_000_000, DependantsOther = 1, DependantsDisabled = 1, MinorDependants = 1 },
            ChildSupport.None, Rules, 2_650_000, 2, 2_840_000, IncomeCriterion.Met),

        // 特別障害者 (本人) 400,000 and 扶養 特別障害 1人 400,000: 3,300,000 − 880,000 = 2,420,000 < 2,840,000.
        new("08 特別障害者（本人と扶養親族）", IncomeTestRole.Parent,
            new() { AggregateIncome = 3_300_000, IsSpeciallyDisabled = true, DependantsOther = 1, DependantsSpeciallyDisabled = 1, MinorDependants = 1 },
            ChildSupport.None, Rules, 2_420_000, 2, 2_840_000, IncomeCriterion.Met),

        // 3 dependants with a 特定扶養親族: 3,220,000 + 150,000 = 3,370,000; 3,400,000 − 80,000 = 3,320,000.
        new("09 扶養3人（特定1人の加算）", IncomeTestRole.Parent,
            new() { AggregateIncome = 3_400_000, DependantsSpecified = 1, MinorDependants = 2 },
            ChildSupport.None, Rules, 3_320_000, 3, 3_370_000, IncomeCriterion.Met),

        // 4 dependants, one aged 16–18 (若年者): 3,600,000 + 150,000 = 3,750,000; 3,900,000 − 80,000 = 3,820,000.
        new("10 扶養4人（16〜18歳1人の加算）", IncomeTestRole.Parent,
            new() { AggregateIncome = 3_900_000, DependantsOther = 1, YoungGeneralDependants = 1, MinorDependants = 3 },
            ChildSupport.None, Rules, 3_820_000, 4, 3_750_000, IncomeCriterion.NotMet),

        // Until R6.10.31 the 0-dependant limit was 1,920,000: 2,020,000 fails then, passes from R6.11.
        new("11 旧限度額（R6.10.31まで）", IncomeTestRole.Parent,
            new() { AggregateIncome = 2_100_000 },
            ChildSupport.None, RulesBefore2024November, 2_020_000, 0, 1_920_000, IncomeCriterion.NotMet),
        new("12 新限度額（R6.11から）", IncomeTestRole.Parent,
            new() { AggregateIncome = 2_100_000 },
            ChildSupport.None, Rules, 2_020_000, 0, 2_080_000, IncomeCriterion.Met),

        // 扶養義務者 whose only dependant is a 老人扶養親族: that one is left out of the 60,000 add-on.
        new("13 扶養義務者（老人扶養のみ）", IncomeTestRole.SupportObligor,
            new() { AggregateIncome = 3_000_000, DependantsElderly = 1 },
            ChildSupport.None, Rules, 2_920_000, 1, 2_740_000, IncomeCriterion.NotMet),

        // 扶養義務者 with a child and a 老人扶養親族: 3,120,000 + 60,000 = 3,180,000; 3,200,000 − 80,000 = 3,120,000.
        new("14 扶養義務者（年少1人と老人1人）", IncomeTestRole.SupportObligor,
            new() { AggregateIncome = 3_200_000, DependantsElderly = 1, MinorDependants = 1 },
            ChildSupport.None, Rules, 3_120_000, 2, 3_180_000, IncomeCriterion.Met),

        // 扶養義務者 who is a 寡婦: 2,600,000 − 80,000 − 270,000 = 2,250,000 < 2,360,000.
        new("15 扶養義務者の寡婦控除", IncomeTestRole.SupportObligor,
            new() { AggregateIncome = 2_600_000, Widow = WidowStatus.Widow },
            ChildSupport.None, Rules, 2_250_000, 0, 2_360_000, IncomeCriterion.Met),

        // The parent's ひとり親控除 is not deducted: 2,500,000 − 80,000 = 2,420,000 (< 2,460,000).
        new("16 父母にはひとり親控除なし", IncomeTestRole.Parent,
            new() { AggregateIncome = 2_500_000, Widow = WidowStatus.SingleParent, MinorDependants = 1 },
            ChildSupport.None, Rules, 2_420_000, 1, 2_460_000, IncomeCriterion.Met),

        // A 養育者 gets it: 2,800,000 − 80,000 − 350,000 = 2,370,000 < 2,460,000.
        new("17 養育者のひとり親控除", IncomeTestRole.Carer,
            new() { AggregateIncome = 2_800_000, Widow = WidowStatus.SingleParent, MinorDependants = 1 },
            ChildSupport.None, Rules, 2_370_000, 1, 2_460_000, IncomeCriterion.Met),

        // A 孤児等の養育者 is tested on the 扶養義務者 column: 2,740,000 for 1 dependant.
        new("18 孤児等の養育者", IncomeTestRole.OrphanCarer,
            new() { AggregateIncome = 2_800_000, MinorDependants = 1 },
            ChildSupport.None, Rules, 2_720_000, 1, 2_740_000, IncomeCriterion.Met),

        // 医療費控除 150,000 and 小規模企業共済等 100,000 as recorded: 2,700,000 − 330,000 = 2,370,000.
        new("19 医療費控除と小規模共済", IncomeTestRole.Parent,
            new() { AggregateIncome = 2_700_000, MedicalExpenseDeduction = 150_000, SmallBusinessMutualAidDeduction = 100_000, MinorDependants = 1 },
            ChildSupport.None, Rules, 2_370_000, 1, 2_460_000, IncomeCriterion.Met),

        // 雑損控除 and 配偶者特別控除 as recorded: 3,000,000 − 80,000 − 200,000 − 330,000 = 2,390,000.
        new("20 雑損控除と配偶者特別控除", IncomeTestRole.SupportObligor,
            new() { AggregateIncome = 3_000_000, CasualtyLossDeduction = 200_000, SpecialSpouseDeduction = 330_000 },
            ChildSupport.None, Rules, 2_390_000, 0, 2_360_000, IncomeCriterion.NotMet),

        // Separately taxed income counts: 1,500,000 + 譲渡 (特別控除前) 1,000,000 + 先物 200,000 − 80,000.
        new("21 分離課税の所得", IncomeTestRole.Parent,
            new() { AggregateIncome = 1_500_000, CapitalGainsBeforeSpecialDeduction = 1_000_000, FuturesIncome = 200_000, MinorDependants = 1 },
            ChildSupport.None, Rules, 2_620_000, 1, 2_460_000, IncomeCriterion.NotMet),

        // 給与 1,000,000 (給与所得 450,000) and 年金所得 500,000: 所得金額調整 capped at 100,000; 850,000 − 180,000.
        new("22 給与と年金（所得金額調整の上限）", IncomeTestRole.SupportObligor,
            new() { SalaryReceipts = 1_000_000, PensionIncome = 500_000, AggregateIncome = 850_000 },
            ChildSupport.None, Rules, 670_000, 0, 2_360_000, IncomeCriterion.Met),

        // 給与収入 600,000 → 給与所得 50,000, so the adjustment is 50,000; the result stops at 0.
        new("23 少ない給与（所得額は0円）", IncomeTestRole.Parent,
            new() { SalaryReceipts = 600_000, AggregateIncome = 50_000, MinorDependants = 1 },
            ChildSupport.None, Rules, 0, 1, 2_460_000, IncomeCriterion.Met),

        // 勤労学生: 給与収入 1,300,000 → 750,000; − 100,000 − 80,000 − 270,000 = 300,000.
        new("24 勤労学生", IncomeTestRole.Parent,
            new() { SalaryReceipts = 1_300_000, AggregateIncome = 750_000, IsWorkingStudent = true, MinorDependants = 1 },
            ChildSupport.None, Rules, 300_000, 1, 2_460_000, IncomeCriterion.Met),

        // 0 dependants on the 扶養義務者 column with 控除対象配偶者 (老人): counted as 1, no add-on on that column.
        new("25 扶養義務者の老人控除対象配偶者", IncomeTestRole.SupportObligor,
            new() { AggregateIncome = 2_900_000, HasDeductibleSpouse = true, SpouseIsElderly = true },
            ChildSupport.None, Rules, 2_820_000, 1, 2_740_000, IncomeCriterion.NotMet),

        // Only 総所得金額等 recorded (no 総所得): it is the whole income.
        new("26 総所得金額等のみ", IncomeTestRole.Parent,
            new() { AggregateIncomeWithSeparate = 2_300_000, MinorDependants = 1 },
            ChildSupport.None, Rules, 2_220_000, 1, 2_460_000, IncomeCriterion.Met),

        // 未申告: nothing can be computed.
        new("27 未申告", IncomeTestRole.Parent,
            new() { IsUndeclared = true },
            new(500_000, null), Rules, null, null, null, IncomeCriterion.Undetermined),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Determines_the_case(IncomeCase c)
    {
        var result = IncomeTest.Determine(c.Tax, c.Role, c.Support, c.Rules);
        Assert.Equal(
            (c.Income, c.Dependants, c.Limit, c.Criterion),
            (result.Income, result.Dependants, result.Limit, result.Criterion));
        Assert.Equal(c.Criterion == IncomeCriterion.Met, result.IsPrefectureFunded);
        if (result.Income is { } income)
        {
            // The steps add up: the income lines and the deductions give the 所得額 (before the 0 floor).
            var total = result.Steps.Single(s => s.Item == "＝ 所得の合計").Amount!.Value;
            var deductions = result.Steps.Single(s => s.Item == "＝ 控除の合計").Amount!.Value;
            Assert.Equal(income, Math.Max(0, total + deductions));
            Assert.Equal(result.Limit, result.Steps.Single(s => s.Item == "＝ 限度額").Amount);
        }
    }

    /// <summary>rules-research.md §2.2 with its add-ons, read back from the limit the test computes.</summary>
    [Theory]
    // 受給者 from R6.11
    [InlineData(IncomeTestRole.Parent, 0, 0, 0, 0, 0, 2_080_000)]
    [InlineData(IncomeTestRole.Parent, 1, 0, 0, 0, 0, 2_460_000)]
    [InlineData(IncomeTestRole.Parent, 2, 0, 0, 0, 0, 2_840_000)]
    [InlineData(IncomeTestRole.Parent, 3, 0, 0, 0, 0, 3_220_000)]
    [InlineData(IncomeTestRole.Parent, 4, 0, 0, 0, 0, 3_600_000)]
    [InlineData(IncomeTestRole.Parent, 5, 0, 0, 0, 0, 3_980_000)]
    [InlineData(IncomeTestRole.Parent, 0, 1, 0, 0, 0, 2_610_000)]   // 1 特定: 2,460,000 + 150,000
    [InlineData(IncomeTestRole.Parent, 1, 0, 1, 0, 0, 2_990_000)]   // 年少 + 16–18: 2,840,000 + 150,000 (the 16–18 is one of the 一般)
    [InlineData(IncomeTestRole.Parent, 0, 0, 0, 1, 0, 2_560_000)]   // 1 老人扶養: 2,460,000 + 100,000
    [InlineData(IncomeTestRole.Parent, 1, 0, 0, 0, 1, 2_940_000)]   // 老人控除対象配偶者: 2,840,000 + 100,000
    [InlineData(IncomeTestRole.Parent, 1, 2, 0, 1, 0, 4_000_000)]   // 4 dependants 3,600,000 + 2 × 150,000 + 100,000
    // 扶養義務者・配偶者・孤児等養育者
    [InlineData(IncomeTestRole.SupportObligor, 0, 0, 0, 0, 0, 2_360_000)]
    [InlineData(IncomeTestRole.SupportObligor, 1, 0, 0, 0, 0, 2_740_000)]
    [InlineData(IncomeTestRole.SupportObligor, 2, 0, 0, 0, 0, 3_120_000)]
    [InlineData(IncomeTestRole.SupportObligor, 3, 0, 0, 0, 0, 3_500_000)]
    [InlineData(IncomeTestRole.SupportObligor, 4, 0, 0, 0, 0, 3_880_000)]
    [InlineData(IncomeTestRole.SupportObligor, 0, 1, 0, 0, 0, 2_740_000)]  // no 特定 add-on on this column
    [InlineData(IncomeTestRole.SupportObligor, 0, 0, 0, 1, 0, 2_740_000)]  // the only dependant is 老人: left out
    [InlineData(IncomeTestRole.SupportObligor, 0, 0, 0, 2, 0, 3_180_000)]  // all 老人: 3,120,000 + 1 × 60,000
    [InlineData(IncomeTestRole.SupportObligor, 1, 0, 0, 2, 0, 3_620_000)]  // not all 老人: 3,500,000 + 2 × 60,000
    [InlineData(IncomeTestRole.SupportObligor, 0, 0, 0, 1, 1, 3_180_000)]  // 老人 spouse counts as a dependant, gives no add-on: 3,120,000 + 60,000
    public void Limits_with_add_ons(IncomeTestRole role, int minor, int specified, int young, int elderly, int elderlySpouse, long limit)
    {
        var tax = new IncomeTaxFacts
        {
            AggregateIncome = 0,
            MinorDependants = minor,
            DependantsSpecified = specified,
            DependantsOther = young,
            YoungGeneralDependants = young,
            DependantsElderly = elderly,
            HasDeductibleSpouse = elderlySpouse > 0,
            SpouseIsElderly = elderlySpouse > 0,
        };
        Assert.Equal(limit, IncomeTest.Determine(tax, role, ChildSupport.None, Rules).Limit);
    }

    [Theory]
    [InlineData(0, 1_920_000)]
    [InlineData(1, 2_300_000)]
    [InlineData(2, 2_680_000)]
    [InlineData(3, 3_060_000)]
    [InlineData(4, 3_440_000)]
    public void Recipient_limits_until_2024_10_31(int minor, long limit) =>
        Assert.Equal(limit, IncomeTest.Determine(new IncomeTaxFacts { AggregateIncome = 0, MinorDependants = minor }, IncomeTestRole.Parent, ChildSupport.None, RulesBefore2024November).Limit);

    [Fact]
    public void The_steps_read_line_by_line()
    {
        var result = IncomeTest.Determine(
            new IncomeTaxFacts { SalaryReceipts = 3_000_000, AggregateIncome = 2_020_000, MinorDependants = 1 },
            IncomeTestRole.Parent, new ChildSupport(600_000, null), Rules);
        Assert.Equal(
            [
                new("判定する人: 父母（限度額の列: 受給者）", null),
                new("総所得金額（総所得）", 2_020_000),
                new("養育費 600,000円（受給者 600,000円・児童 0円）の 80%", 480_000),
                new("＝ 所得の合計", 2_500_000),
                new("所得金額調整（給与所得 2,020,000円〔給与収入 3,000,000円から〕＋ 公的年金等所得 0円、上限 100,000円）", -100_000),
                new("社会保険料相当額（一律）", -80_000),
                new("＝ 控除の合計", -180_000),
                new("＝ 所得額（所得の合計 − 控除の合計）", 2_320_000),
                new("扶養親族等の数: 控除対象配偶者 0 ＋ 一般 0 ＋ 特定 0 ＋ 老人 0 ＋ 年少 1 ＝ 1人", null),
                new("限度額（受給者、扶養親族等 1人）", 2_460_000),
                new("＝ 限度額", 2_460_000),
                new("判定: 所得額 2,320,000円 は限度額 2,460,000円 未満 → 該当（県市区分は県）", null),
            ],
            result.Steps);
    }

    private static Arbitrary<IncomeTaxFacts> Facts() =>
        (from aggregate in Gen.Choose(-1_000_000, 9_000_000)
         from salary in Gen.Choose(0, 9_000_000)
         from pension in Gen.Choose(-100_000, 3_000_000)
         from medical in Gen.Choose(0, 500_000)
         from minor in Gen.Choose(0, 4)
         from other in Gen.Choose(0, 2)
         from elderly in Gen.Choose(0, 2)
         from specified in Gen.Choose(0, 2)
         from disabled in Gen.Elements(true, false)
         from widow in Gen.Elements(WidowStatus.None, WidowStatus.Widow, WidowStatus.SingleParent)
         select new IncomeTaxFacts
         {
             AggregateIncome = aggregate,
             SalaryReceipts = salary,
             PensionIncome = pension,
             MedicalExpenseDeduction = medical,
             MinorDependants = minor,
             DependantsOther = other,
             DependantsElderly = elderly,
             DependantsSpecified = specified,
             IsDisabled = disabled,
             Widow = widow,
         }).ToArbitrary();

    private static readonly IncomeTestRole[] Roles = Enum.GetValues<IncomeTestRole>();

    [Property(MaxTest = 300)]
    public Property Income_is_never_negative() =>
        Prop.ForAll(Facts(), Gen.Elements(Roles).ToArbitrary(), (tax, role) =>
            IncomeTest.Determine(tax, role, ChildSupport.None, Rules).Income >= 0);

    [Property(MaxTest = 300)]
    public Property More_deductions_never_raise_the_income() =>
        Prop.ForAll(Facts(), Gen.Choose(1, 1_000_000).ToArbitrary(), (tax, extra) =>
        {
            var before = IncomeTest.Determine(tax, IncomeTestRole.SupportObligor, ChildSupport.None, Rules).Income;
            var more = tax with
            {
                MedicalExpenseDeduction = tax.MedicalExpenseDeduction + extra,
                IsDisabled = true,
                Widow = WidowStatus.SingleParent,
            };
            return IncomeTest.Determine(more, IncomeTestRole.SupportObligor, ChildSupport.None, Rules).Income <= before;
        });

    [Property(MaxTest = 300)]
    public Property The_limit_never_falls_with_more_dependants() =>
        Prop.ForAll(Facts(), Gen.Elements(Roles).ToArbitrary(), Gen.Elements("minor", "other", "specified", "elderly").ToArbitrary(), (tax, role, kind) =>
        {
            var before = IncomeTest.Determine(tax, role, ChildSupport.None, Rules).Limit;
            var more = kind switch
            {
                "minor" => tax with { MinorDependants = tax.MinorDependants + 1 },
                "other" => tax with { DependantsOther = tax.DependantsOther + 1 },
                "specified" => tax with { DependantsSpecified = tax.DependantsSpecified + 1 },
                _ => tax with { DependantsElderly = tax.DependantsElderly + 1 },
            };
            return IncomeTest.Determine(more, role, ChildSupport.None, Rules).Limit >= before;
        });

    [Property(MaxTest = 300)]
    public Property More_child_support_never_lowers_the_income() =>
        Prop.ForAll(Facts(), Gen.Choose(0, 2_000_000).ToArbitrary(), (tax, support) =>
            IncomeTest.Determine(tax, IncomeTestRole.Parent, new ChildSupport(support, null), Rules).Income
                >= IncomeTest.Determine(tax, IncomeTestRole.Parent, ChildSupport.None, Rules).Income);
}
