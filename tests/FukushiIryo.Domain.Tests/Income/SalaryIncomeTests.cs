using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Income;
using static FukushiIryo.Domain.Tests.Income.IncomeRulesFixture;

namespace FukushiIryo.Domain.Tests.Income;

/// <summary>給与所得 from 給与収入 (所得税法 別表第五, NTA No.1410), by income year.</summary>
public class SalaryIncomeTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(550_000, 0)]
    [InlineData(550_999, 0)]
    [InlineData(551_000, 1_000)]
    [InlineData(1_000_000, 450_000)]
    [InlineData(1_234_567, 684_567)]          // no rounding below 1,625,000
    [InlineData(1_624_999, 1_074_999)]
    [InlineData(1_625_000, 1_075_000)]
    [InlineData(1_627_999, 1_075_000)]        // 別表第五 starts its 4,000 steps at 1,628,000
    [InlineData(1_628_000, 1_076_800)]
    [InlineData(1_799_999, 1_177_600)]        // 1,796,000 × 60% + 100,000
    [InlineData(1_800_000, 1_180_000)]
    [InlineData(2_001_234, 1_320_000)]        // rounded down to 2,000,000, × 70% − 80,000
    [InlineData(3_000_000, 2_020_000)]
    [InlineData(3_599_999, 2_437_200)]        // 3,596,000 × 70% − 80,000
    [InlineData(3_600_000, 2_440_000)]
    [InlineData(5_000_000, 3_560_000)]
    [InlineData(6_599_999, 4_836_800)]        // 6,596,000 × 80% − 440,000
    [InlineData(6_600_000, 4_840_000)]        // from here no rounding: × 90% − 1,100,000
    [InlineData(7_777_777, 5_899_999)]        // 6,999,999.3 → yen fractions dropped
    [InlineData(8_500_000, 6_550_000)]
    [InlineData(10_000_000, 8_050_000)]       // 給与所得控除 capped at 1,950,000
    public void Income_years_2020_to_2024(long receipts, long expected) =>
        Assert.Equal(expected, SalaryIncome.Compute(receipts, Salary2020));

    [Theory]
    [InlineData(650_000, 0)]
    [InlineData(650_999, 0)]
    [InlineData(651_000, 1_000)]
    [InlineData(1_000_000, 350_000)]          // 2024: 450,000
    [InlineData(1_625_000, 975_000)]          // 2024: 1,075,000
    [InlineData(1_800_000, 1_150_000)]        // 2024: 1,180,000
    [InlineData(1_899_999, 1_249_999)]
    [InlineData(1_900_000, 1_250_000)]
    [InlineData(3_000_000, 2_020_000)]        // unchanged above 1,900,000
    [InlineData(6_600_000, 4_840_000)]
    public void Income_years_from_2025_with_the_higher_minimum(long receipts, long expected) =>
        Assert.Equal(expected, SalaryIncome.Compute(receipts, Salary2025));

    [Fact]
    public void A_gap_in_the_table_is_a_master_error()
    {
        SalaryIncomeBand[] gap = [new(0, 1_000_000, 1, 100, -550_000)];
        Assert.Throws<InvalidOperationException>(() => SalaryIncome.Compute(2_000_000, gap));
    }

    [Property(MaxTest = 500)]
    public Property Salary_income_never_falls_as_receipts_rise_and_never_exceeds_them() =>
        Prop.ForAll(
            (from receipts in Gen.Choose(0, 12_000_000)
             from more in Gen.Choose(0, 500_000)
             from table in Gen.Elements(Salary2020, Salary2025)
             select (receipts, more, table)).ToArbitrary(),
            t =>
            {
                var lower = SalaryIncome.Compute(t.receipts, t.table);
                var higher = SalaryIncome.Compute(t.receipts + t.more, t.table);
                return lower <= higher && lower >= 0 && lower <= t.receipts;
            });
}
