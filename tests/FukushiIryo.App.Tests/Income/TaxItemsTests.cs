using FukushiIryo.App.Income;

namespace FukushiIryo.App.Tests.Income;

public sealed class TaxItemsTests
{
    /// <summary>別添1 「地方税関係情報」 items 1–59, copied from the 評価書 (half-width spaces as there).</summary>
    private static readonly string[] Annex1 =
    [
        "年金収入",
        "児童養育費",
        "受給者養育費",
        "非課税年金収入",
        "給与収入",
        "その他雑所得",
        "課税標準額合計",
        "先物所得 繰越後",
        "総所得",
        "総所得金額等",
        "退職所得 繰越後",
        "特別控除前譲渡所得 繰越後",
        "肉用牛所得",
        "条約特例利子配当合計額",
        "年金所得",
        "合計所得",
        "山林所得 繰越後",
        "分離 土地等の事業雑所得 繰越後",
        "分離株式所得",
        "条約適用利子等所得額",
        "条約適用配当等所得額",
        "特例適用配当等所得額",
        "特例適用利子等所得額",
        "公共用地取得代金等控除",
        "雑損繰越控除",
        "住民税法医療費控除額",
        "住民税法寄附金控除",
        "住民税法雑損控除額",
        "住民税法社会保険料控除額",
        "住民税法小規模共済等控除額",
        "住民税法生命保険料控除額",
        "住民税法損害保険料控除",
        "住民税法配偶者特別控除",
        "所得税法生命保険料控除額",
        "所得税法損害保険料控除",
        "所得税法配偶者特別控除",
        "控除対象配偶者区分",
        "扶養 その他",
        "扶養 その他障害",
        "扶養 同居特別障害",
        "扶養 同居老人",
        "扶養 特定",
        "扶養 特別障害",
        "扶養 老人",
        "若年者一般扶養人数",
        "生計維持児童数",
        "年少扶養人数",
        "算出年税額",
        "均等割額 市区町村民税",
        "均等割額 都道府県民税",
        "差引所得割額 市区町村民税",
        "差引所得割額 都道府県民税",
        "所得税額",
        "減免額合計",
        "推定所得税額",
        "勤労学生該当",
        "その他障害者該当",
        "寡婦区分",
        "特別障害者該当"
    ];

    [Fact]
    public void The_table_has_the_59_items_of_annex_1_in_order_with_their_exact_names()
    {
        Assert.Equal(59, TaxItems.All.Count);
        Assert.Equal(Annex1, TaxItems.All.Select(item => item.Name));
        Assert.Equal(Enumerable.Range(1, 59), TaxItems.All.Select(item => item.Number));
    }

    [Fact]
    public void Names_with_a_space_use_a_half_width_space()
    {
        Assert.Equal(16, TaxItems.All.Count(item => item.Name.Contains(' ', StringComparison.Ordinal)));
        Assert.DoesNotContain(TaxItems.All, item => item.Name.Contains('\u3000', StringComparison.Ordinal));
        Assert.NotNull(TaxItems.Find("先物所得 繰越後"));
        Assert.Null(TaxItems.Find("先物所得\u3000繰越後"));
        Assert.Null(TaxItems.Find("先物所得繰越後"));
    }

    [Fact]
    public void Each_item_has_its_own_property_of_the_type_of_its_kind()
    {
        Assert.Equal(59, TaxItems.All.Select(item => item.Property.Name).Distinct().Count());
        Assert.All(TaxItems.All, item =>
        {
            Assert.NotNull(Nullable.GetUnderlyingType(item.Property.PropertyType));
            var expected = item.Kind switch
            {
                TaxItemKind.Amount or TaxItemKind.Income => typeof(long),
                TaxItemKind.Count => typeof(int),
                TaxItemKind.Flag => typeof(bool),
                _ => item.ValueType,
            };
            Assert.Equal(expected, item.ValueType);
        });
    }

    [Theory]
    [InlineData("扶養 その他", TaxItemKind.Count)]
    [InlineData("年少扶養人数", TaxItemKind.Count)]
    [InlineData("生計維持児童数", TaxItemKind.Count)]
    [InlineData("勤労学生該当", TaxItemKind.Flag)]
    [InlineData("その他障害者該当", TaxItemKind.Flag)]
    [InlineData("特別障害者該当", TaxItemKind.Flag)]
    [InlineData("控除対象配偶者区分", TaxItemKind.Code)]
    [InlineData("寡婦区分", TaxItemKind.Code)]
    [InlineData("総所得金額等", TaxItemKind.Income)]
    [InlineData("先物所得 繰越後", TaxItemKind.Income)]
    [InlineData("給与収入", TaxItemKind.Amount)]
    [InlineData("所得税額", TaxItemKind.Amount)]
    [InlineData("差引所得割額 市区町村民税", TaxItemKind.Amount)]
    [InlineData("所得税法配偶者特別控除", TaxItemKind.Amount)]
    public void Items_are_typed_as_interfaces_md_says(string name, TaxItemKind kind) =>
        Assert.Equal(kind, TaxItems.Find(name)?.Kind);

    [Fact]
    public void The_counts_flags_and_codes_are_exactly_those_of_interfaces_md()
    {
        Assert.Equal(10, TaxItems.All.Count(item => item.Kind == TaxItemKind.Count));
        Assert.Equal(3, TaxItems.All.Count(item => item.Kind == TaxItemKind.Flag));
        Assert.Equal(
            [typeof(SpouseDeductionKind), typeof(WidowKind)],
            TaxItems.All.Where(item => item.Kind == TaxItemKind.Code).Select(item => item.ValueType));
        Assert.Equal([0, 1, 2], Enum.GetValues<SpouseDeductionKind>().Select(value => (int)value));
        Assert.Equal([0, 1, 2], Enum.GetValues<WidowKind>().Select(value => (int)value));
    }

    [Fact]
    public void Only_incomes_may_be_negative_and_every_income_is_named_shotoku()
    {
        Assert.All(TaxItems.All.Where(item => item.Kind == TaxItemKind.Income), item => Assert.Contains("所得", item.Name, StringComparison.Ordinal));
        Assert.All(
            TaxItems.All.Where(item => item.Kind == TaxItemKind.Amount && item.Name.Contains("所得", StringComparison.Ordinal)),
            item => Assert.Matches("所得税|所得割", item.Name));
    }

    [Fact]
    public void An_item_is_set_and_read_through_the_table()
    {
        var record = new TaxRecord();
        TaxItems.Find("総所得金額等")!.SetValue(record, -1_234_567L);
        TaxItems.Find("寡婦区分")!.SetValue(record, WidowKind.SingleParent);
        Assert.Equal(-1_234_567L, record.AggregateIncomeWithSeparate);
        Assert.Equal(WidowKind.SingleParent, TaxItems.Find("寡婦区分")!.GetValue(record));
        Assert.Null(TaxItems.Find("給与収入")!.GetValue(record));
    }
}
