using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

public sealed class BuiltInLayoutTests
{
    /// <summary>
    /// The 59 items of 別添1 「地方税関係情報」, literally, in order (interfaces.md §3). The App tests
    /// cross-check this layout against FukushiIryo.App.Income.TaxItems, which Formats cannot reference.
    /// </summary>
    public static readonly string[] TaxItemNames =
    [
        "年金収入", "児童養育費", "受給者養育費", "非課税年金収入", "給与収入", "その他雑所得", "課税標準額合計",
        "先物所得 繰越後", "総所得", "総所得金額等", "退職所得 繰越後", "特別控除前譲渡所得 繰越後", "肉用牛所得",
        "条約特例利子配当合計額", "年金所得", "合計所得", "山林所得 繰越後", "分離 土地等の事業雑所得 繰越後",
        "分離株式所得", "条約適用利子等所得額", "条約適用配当等所得額", "特例適用配当等所得額", "特例適用利子等所得額",
        "公共用地取得代金等控除", "雑損繰越控除", "住民税法医療費控除額", "住民税法寄附金控除", "住民税法雑損控除額",
        "住民税法社会保険料控除額", "住民税法小規模共済等控除額", "住民税法生命保険料控除額", "住民税法損害保険料控除",
        "住民税法配偶者特別控除", "所得税法生命保険料控除額", "所得税法損害保険料控除", "所得税法配偶者特別控除",
        "控除対象配偶者区分", "扶養 その他", "扶養 その他障害", "扶養 同居特別障害", "扶養 同居老人", "扶養 特定",
        "扶養 特別障害", "扶養 老人", "若年者一般扶養人数", "生計維持児童数", "年少扶養人数", "算出年税額",
        "均等割額 市区町村民税", "均等割額 都道府県民税", "差引所得割額 市区町村民税", "差引所得割額 都道府県民税",
        "所得税額", "減免額合計", "推定所得税額", "勤労学生該当", "その他障害者該当", "寡婦区分", "特別障害者該当",
    ];

    private static readonly string[] AutopayColumns =
    [
        "負担者番号", "受給者番号", "保険者番号", "氏名カナ", "生年月日", "診療年月", "医療機関コード", "医療機関名", "点数表",
        "入外区分", "給付割合", "実日数", "点数", "医療費", "窓口負担額", "食事療養額", "高額療養費", "附加給付", "長期",
    ];

    public static TheoryData<string> Kinds => new() { "residents", "recipients", "tax", "autopay", "paid-receipts", "atena" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_built_in_layout_is_a_csv_with_a_header_whose_sources_are_the_column_names(string kind)
    {
        var layout = ImportLayout.BuiltIn(kind);
        Assert.Equal(kind, layout.Name);
        Assert.Equal(LayoutFormat.Csv, layout.Format);
        Assert.True(layout.Header);
        Assert.Equal("auto", layout.Encoding);
        Assert.Equal(ImportDateStyle.Auto, layout.DateStyle);
        Assert.Empty(layout.Ignore);
        Assert.All(layout.Columns, column => Assert.Equal(column.Field, column.SourceName));
        Assert.Equal(layout.Columns.Count, layout.Columns.Select(column => column.Field).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Residents_has_the_13_columns_of_section_1_all_required()
    {
        var specs = ImportLayout.ColumnSpecs("residents");
        Assert.Equal(
            ["宛名番号", "世帯番号", "氏名", "氏名カナ", "生年月日", "性別", "続柄", "郵便番号", "住所", "住民区分", "異動事由", "異動日", "届出日"],
            specs.Select(spec => spec.Name));
        Assert.DoesNotContain(specs, spec => spec.Optional);
    }

    [Fact]
    public void Recipients_has_the_33_columns_of_section_4_in_order_all_required()
    {
        var specs = ImportLayout.ColumnSpecs("recipients");
        Assert.Equal(
            [
                "受給者番号", "宛名番号", "受給者区分", "親受給者番号", "申請種別", "申請年月日", "資格取得日", "有効期間開始", "有効期間終了",
                "資格状態", "喪失日", "喪失事由", "ひとり親理由", "事由発生年月日", "有期終了日", "遠隔地", "別居監護", "他制度", "給付区分",
                "公費負担者番号", "県市区分", "保険種別", "保険者番号", "記号", "番号", "枝番", "扶養者区分", "金融機関コード", "支店コード",
                "口座種別", "口座番号", "口座名義カナ", "電話番号",
            ],
            specs.Select(spec => spec.Name));
        Assert.DoesNotContain(specs, spec => spec.Optional);
    }

    [Fact]
    public void Tax_has_the_key_columns_an_optional_undeclared_flag_and_the_59_items_with_their_exact_names()
    {
        var specs = ImportLayout.ColumnSpecs("tax");
        Assert.Equal(62, specs.Count);
        Assert.Equal(["宛名番号", "課税年度", "未申告"], specs.Take(3).Select(spec => spec.Name));
        Assert.Equal(TaxItemNames, specs.Skip(3).Select(spec => spec.Name));
        Assert.Equal(["未申告"], specs.Where(spec => spec.Optional).Select(spec => spec.Name));
        Assert.Equal(59, TaxItemNames.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Autopay_has_the_19_required_columns_of_section_5_and_three_optional_ones()
    {
        var specs = ImportLayout.ColumnSpecs("autopay");
        Assert.Equal(AutopayColumns, specs.Where(spec => !spec.Optional).Select(spec => spec.Name));
        Assert.Equal(["都道府県", "他公費負担額", "災害共済"], specs.Where(spec => spec.Optional).Select(spec => spec.Name));
    }

    [Fact]
    public void Paid_receipts_are_the_autopay_columns_plus_the_payment_date_and_amount()
    {
        var autopay = ImportLayout.ColumnSpecs("autopay").Select(spec => (spec.Name, spec.Optional));
        var paid = ImportLayout.ColumnSpecs("paid-receipts").Select(spec => (spec.Name, spec.Optional)).ToList();
        Assert.Equal(autopay.Concat([("支払日", false), ("助成額", false)]), paid);
    }

    [Fact]
    public void An_unknown_built_in_layout_is_refused() =>
        Assert.Throws<ArgumentException>(() => ImportLayout.BuiltIn("receipts"));

    [Fact]
    public void The_built_in_names_are_the_six_kinds() =>
        Assert.Equal(["residents", "recipients", "tax", "autopay", "paid-receipts", "atena"], ImportLayout.BuiltInNames);

    [Fact]
    public void The_atena_layout_is_the_number_link_with_an_optional_cross_check() =>
        Assert.Equal(
            [("宛名番号", false), ("個人番号", false), ("氏名カナ", true), ("生年月日", true)],
            ImportLayout.ColumnSpecs("atena").Select(spec => (spec.Name, spec.Optional)));
}
