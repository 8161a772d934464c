using FukushiIryo.Domain.Income;
using static FukushiIryo.Domain.Tests.Income.IncomeRulesFixture;

namespace FukushiIryo.Domain.Tests.Income;

/// <summary>高額療養費 区分 of a 国保 household (decisions.md D5): the members' 総所得金額等 in yen.</summary>
public class HighCostCategoryTests
{
    private static HighCostMember Taxed(string label, long aggregate, long residentTax = 50_000) =>
        new(label, new IncomeTaxFacts { AggregateIncomeWithSeparate = aggregate, ResidentTaxTotal = residentTax });

    private static HighCostMember Exempt(string label) =>
        new(label, new IncomeTaxFacts { AggregateIncomeWithSeparate = 0, ResidentTaxTotal = 0 });

    private static HighCostMember Undeclared(string label) => new(label, new IncomeTaxFacts { IsUndeclared = true });

    public static TheoryData<string, HighCostMember[], string, long?> Cases => new()
    {
        // 3,000,000 − 430,000 = 2,570,000 > 2,100,000.
        { "1人 ウ", [Taxed("母", 3_000_000)], "ウ", 2_570_000 },
        // 4,570,000 + 1,070,000 = 5,640,000.
        { "2人の合計 ウ", [Taxed("母", 5_000_000), Taxed("祖母", 1_500_000)], "ウ", 5_640_000 },
        // 6,430,000 − 430,000 = 6,000,000 exactly: not above 600万.
        { "600万ちょうど ウ", [Taxed("母", 6_430_000)], "ウ", 6_000_000 },
        { "600万を1円超え イ", [Taxed("母", 6_430_001)], "イ", 6_000_001 },
        { "901万ちょうど イ", [Taxed("母", 9_440_000)], "イ", 9_010_000 },
        { "901万を1円超え ア", [Taxed("母", 5_000_000), Taxed("祖父", 4_870_001)], "ア", 9_010_001 },
        // 2,530,000 − 430,000 = 2,100,000: not above 210万.
        { "210万ちょうど エ", [Taxed("母", 2_530_000)], "エ", 2_100_000 },
        // Taxed (均等割 only) with 総所得金額等 under the 基礎控除: 0 → エ, not オ.
        { "均等割のみ課税 エ", [Taxed("母", 400_000, residentTax: 5_000), Exempt("子")], "エ", 0 },
        { "1人課税・1人非課税 エ", [Taxed("母", 1_000_000), Exempt("祖母")], "エ", 570_000 },
        { "全員非課税 オ", [Exempt("母"), Exempt("子")], "オ", null },
        // A member without a tax row counts as 0 and 非課税.
        { "課税情報なしと非課税 オ", [Exempt("母"), new HighCostMember("子", null)], "オ", null },
        // 未申告 of any member comes first, even in a 非課税 household.
        { "未申告あり ア", [Exempt("母"), Undeclared("祖父")], "ア", null },
        { "未申告の本人 ア", [Undeclared("母")], "ア", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Category_of_the_household(string name, HighCostMember[] members, string category, long? total)
    {
        var result = HighCostCategory.Determine(members, BasicDeduction, Brackets);
        Assert.True((category, total) == (result.Category, result.IncomeTotal), $"{name}: {result.Category} {result.IncomeTotal}");
    }

    [Fact]
    public void The_steps_show_each_member_and_the_threshold()
    {
        var result = HighCostCategory.Determine([Taxed("000101 本人", 5_000_000), Taxed("000102 祖母", 1_500_000)], BasicDeduction, Brackets);
        Assert.Equal(
            [
                new("高額療養費 区分（国保、世帯の国保加入者 2人）", null),
                new("000101 本人: 旧ただし書き所得 ＝ 総所得金額等 5,000,000円 − 基礎控除 430,000円（0円未満は0円）", 4_570_000),
                new("000102 祖母: 旧ただし書き所得 ＝ 総所得金額等 1,500,000円 − 基礎控除 430,000円（0円未満は0円）", 1_070_000),
                new("＝ 旧ただし書き所得の合計", 5_640_000),
                new("5,640,000円 は 2,100,000円 を超える → 区分 ウ", null),
            ],
            result.Steps);
    }
}
