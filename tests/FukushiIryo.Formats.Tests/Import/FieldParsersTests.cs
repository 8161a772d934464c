using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

public sealed class FieldParsersTests
{
    private readonly List<ImportProblem> _problems = [];

    [Theory]
    [InlineData("2026-03-11")]
    [InlineData("20260311")]
    [InlineData("2026/3/11")]
    [InlineData("R08.03.11")]
    [InlineData("R8.3.11")]
    [InlineData("令和8年3月11日")]
    [InlineData("２０２６－０３－１１")]
    [InlineData("Ｒ８．３．１１")]
    [InlineData("令和８年３月１１日")]
    public void Dates_are_read_in_every_form_of_section_0_full_width_included(string text)
    {
        Assert.Equal(new DateOnly(2026, 3, 11), FieldParsers.Date(Record("異動日", text), "異動日", _problems));
        Assert.Empty(_problems);
    }

    [Fact]
    public void The_first_year_of_an_era_is_read()
    {
        Assert.Equal(new DateOnly(2019, 5, 1), FieldParsers.Date(Record("異動日", "令和元年5月1日"), "異動日", _problems));
        Assert.Empty(_problems);
    }

    [Fact]
    public void A_date_after_its_era_ended_is_read_as_the_same_day_with_a_warning()
    {
        Assert.Equal(new DateOnly(2019, 5, 1), FieldParsers.Date(Record("異動日", "H31.05.01", line: 7), "異動日", _problems));
        var warning = Assert.Single(_problems);
        Assert.Equal(ImportSeverity.Warning, warning.Severity);
        Assert.Equal((7L, "異動日", "H31.05.01"), (warning.Line, warning.Column, warning.Value));
        Assert.False(string.IsNullOrEmpty(warning.Reason));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026.03.11")]
    [InlineData("昨日")]
    public void An_impossible_or_unreadable_date_is_an_error_with_the_value_as_written(string text)
    {
        Assert.Null(FieldParsers.Date(Record("生年月日", text, line: 4), "生年月日", _problems));
        var error = Assert.Single(_problems);
        Assert.Equal((4L, "生年月日", text, ImportSeverity.Error), (error.Line, error.Column, error.Value, error.Severity));
    }

    [Fact]
    public void The_layouts_date_style_restricts_the_forms()
    {
        var record = ImportRecord.FromValues(2, [new("異動日", "2026-03-11")], ImportDateStyle.Wareki);
        Assert.Null(FieldParsers.Date(record, "異動日", _problems));
        Assert.Single(_problems);
        var wareki = ImportRecord.FromValues(2, [new("異動日", "R08.03.11")], ImportDateStyle.Wareki);
        Assert.Equal(new DateOnly(2026, 3, 11), FieldParsers.Date(wareki, "異動日", _problems));
    }

    [Theory]
    [InlineData("2026-03")]
    [InlineData("202603")]
    [InlineData("R08.03")]
    [InlineData("２０２６０３")]
    public void Months_are_read(string text)
    {
        Assert.Equal(new YearMonth(2026, 3), FieldParsers.Month(Record("診療年月", text), "診療年月", _problems));
        Assert.Empty(_problems);
    }

    [Fact]
    public void An_empty_required_value_is_an_error_and_an_empty_optional_value_is_null_without_a_problem()
    {
        var record = Record("異動日", "");
        Assert.Null(FieldParsers.Date(record, "異動日", _problems, required: false));
        Assert.Empty(_problems);
        Assert.Null(FieldParsers.Date(record, "異動日", _problems));
        Assert.Contains("値がありません", Assert.Single(_problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absent_column_is_null_and_an_error_only_when_required()
    {
        var record = Record("宛名番号", "000123");
        Assert.Null(FieldParsers.Amount(record, "他公費負担額", _problems, required: false));
        Assert.Empty(_problems);
        Assert.Null(FieldParsers.RequiredText(record, "氏名", _problems));
        Assert.Contains("列がありません", Assert.Single(_problems).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("１２３４５", false, 12345L)]
    [InlineData("0", false, 0L)]
    [InlineData("-1500", true, -1500L)]
    [InlineData("－１５００", true, -1500L)]
    [InlineData("999999999999999", false, 999_999_999_999_999L)]
    public void Amounts_are_integers_in_yen_full_width_digits_included(string text, bool allowNegative, long expected)
    {
        Assert.Equal(expected, FieldParsers.Amount(Record("合計所得", text), "合計所得", _problems, allowNegative: allowNegative));
        Assert.Empty(_problems);
    }

    [Theory]
    [InlineData("-1500", false, "負の値")]
    [InlineData("1,500", true, "整数")]
    [InlineData("1500円", false, "整数")]
    [InlineData("15.0", false, "整数")]
    [InlineData("-", true, "整数")]
    [InlineData("+15", true, "整数")]
    [InlineData("1000000000000000", false, "大きすぎ")]
    public void A_value_that_is_not_an_allowed_integer_is_an_error(string text, bool allowNegative, string reason)
    {
        Assert.Null(FieldParsers.Amount(Record("給与収入", text), "給与収入", _problems, allowNegative: allowNegative));
        Assert.Contains(reason, Assert.Single(_problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Integers_are_counts_and_years()
    {
        Assert.Equal(2026, FieldParsers.Integer(Record("課税年度", "２０２６"), "課税年度", _problems));
        Assert.Null(FieldParsers.Integer(Record("実日数", "9999999999"), "実日数", _problems));
        Assert.Contains("大きすぎ", Assert.Single(_problems).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("１", true)]
    public void Flags_are_0_or_1(string text, bool expected)
    {
        Assert.Equal(expected, FieldParsers.Flag(Record("長期", text), "長期", _problems));
        Assert.Empty(_problems);
    }

    [Fact]
    public void A_flag_other_than_0_or_1_is_an_error()
    {
        Assert.Null(FieldParsers.Flag(Record("長期", "2"), "長期", _problems));
        Assert.Equal("0 か 1 で書いてください", Assert.Single(_problems).Reason);
    }

    [Fact]
    public void A_choice_is_compared_after_nfkc_and_returns_the_vocabularys_spelling()
    {
        string[] relations = ["世帯主", "妻", "妻（未届）", "子"];
        Assert.Equal("妻（未届）", FieldParsers.Choice(Record("続柄", "妻(未届)"), "続柄", relations, _problems));
        Assert.Equal("2", FieldParsers.Choice(Record("性別", "２"), "性別", ["1", "2", "9"], _problems));
        Assert.Empty(_problems);
        Assert.Null(FieldParsers.Choice(Record("続柄", "夫"), "続柄", relations, _problems));
        Assert.Equal("次のどれかで書いてください: 世帯主 / 妻 / 妻（未届） / 子", Assert.Single(_problems).Reason);
    }

    [Fact]
    public void Digits_keep_leading_zeros_and_check_the_length()
    {
        Assert.Equal("000123", FieldParsers.Digits(Record("宛名番号", "０００１２３"), "宛名番号", 6, _problems));
        Assert.Equal("06290012", FieldParsers.Digits(Record("保険者番号", "06290012"), "保険者番号", 6, 8, _problems));
        Assert.Empty(_problems);
        Assert.Null(FieldParsers.Digits(Record("宛名番号", "123"), "宛名番号", 6, _problems));
        Assert.Null(FieldParsers.Digits(Record("保険者番号", "06-290012"), "保険者番号", 6, 8, _problems));
        Assert.Equal(["6 桁の数字で書いてください", "6～8 桁の数字で書いてください"], _problems.Select(problem => problem.Reason));
    }

    [Fact]
    public void Required_text_is_normalised_and_trimmed()
    {
        Assert.Equal("ナラ ハナコ", FieldParsers.RequiredText(Record("氏名カナ", " ﾅﾗ ﾊﾅｺ "), "氏名カナ", _problems));
        Assert.Null(FieldParsers.OptionalText(Record("電話番号", "  "), "電話番号"));
        Assert.Equal("0742-34-1111", FieldParsers.OptionalText(Record("電話番号", "０７４２－３４－１１１１"), "電話番号"));
        Assert.Empty(_problems);
    }

    private static ImportRecord Record(string field, string value, long line = 2) => ImportRecord.FromValues(line, [new(field, value)]);
}
