using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

public sealed class LayoutFileTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_csv_layout_file_is_loaded_with_names_numbers_ignore_and_date_style()
    {
        var path = _files.WriteUtf8("city.json", """
            {
              // a comment is allowed
              "format": "csv",
              "encoding": "cp932",
              "header": true,
              "dateStyle": "wareki",
              "columns": [
                { "field": "宛名番号", "source": "個人番号（宛名）" },
                { "field": "氏名", "source": 3 },
                { "field": "異動事由", "optional": true },
              ],
              "ignore": ["備考", 7]
            }
            """);
        var layout = ImportLayout.Load(path);
        Assert.Equal("city", layout.Name);
        Assert.Equal(LayoutFormat.Csv, layout.Format);
        Assert.Equal("cp932", layout.Encoding);
        Assert.Equal(EncodingChoice.Cp932, layout.EncodingChoice);
        Assert.Equal(ImportDateStyle.Wareki, layout.DateStyle);
        Assert.Equal("個人番号（宛名）", layout.Columns[0].SourceName);
        Assert.Equal(3, layout.Columns[1].SourceNumber);
        Assert.Null(layout.Columns[1].SourceName);
        Assert.Equal("異動事由", layout.Columns[2].SourceName);
        Assert.True(layout.Columns[2].Optional);
        Assert.Equal(["備考"], layout.Ignore);
        Assert.Equal([7], layout.IgnoreNumbers);
    }

    [Fact]
    public void A_fixed_layout_file_is_loaded_with_byte_positions_and_no_header_by_default()
    {
        var layout = ImportLayout.Parse("""
            { "format": "fixed", "encoding": "cp932", "recordLength": 40,
              "columns": [ { "field": "宛名番号", "start": 1, "length": 6 }, { "field": "氏名", "start": 7, "length": 20 } ] }
            """, "fixed");
        Assert.Equal(LayoutFormat.Fixed, layout.Format);
        Assert.False(layout.Header);
        Assert.Equal(40, layout.RecordLength);
        Assert.Equal((7, 20), (layout.Columns[1].Start!.Value, layout.Columns[1].Length!.Value));
    }

    [Fact]
    public void Defaults_are_csv_with_a_header_auto_encoding_and_auto_dates()
    {
        var layout = ImportLayout.Parse("""{ "columns": [ { "field": "宛名番号" } ] }""", "minimal");
        Assert.Equal(LayoutFormat.Csv, layout.Format);
        Assert.True(layout.Header);
        Assert.Null(layout.Encoding);
        Assert.Equal(EncodingChoice.Auto, layout.EncodingChoice);
        Assert.Equal(ImportDateStyle.Auto, layout.DateStyle);
        Assert.Equal("宛名番号", layout.Columns[0].SourceName);
    }

    [Theory]
    [InlineData("""{ "columns": [] }""", "columns")]
    [InlineData("""{ "colums": [ { "field": "宛名番号" } ] }""", "colums")]
    [InlineData("""{ "format": "tsv", "columns": [ { "field": "宛名番号" } ] }""", "tsv")]
    [InlineData("""{ "encoding": "latin1", "columns": [ { "field": "宛名番号" } ] }""", "latin1")]
    [InlineData("""{ "dateStyle": "us", "columns": [ { "field": "宛名番号" } ] }""", "us")]
    [InlineData("""{ "columns": [ { "field": "宛名番号" }, { "field": "宛名番号", "source": 2 } ] }""", "二度")]
    [InlineData("""{ "columns": [ { "field": "宛名番号", "source": 0 } ] }""", "1 以上")]
    [InlineData("""{ "header": false, "columns": [ { "field": "宛名番号", "source": "宛名" } ] }""", "列番号")]
    [InlineData("""{ "columns": [ { "field": "宛名番号", "start": 1, "length": 6 } ] }""", "fixed")]
    [InlineData("""{ "format": "fixed", "columns": [ { "field": "宛名番号", "source": 1 } ] }""", "start")]
    [InlineData("""{ "format": "fixed", "columns": [ { "field": "宛名番号", "start": 1 } ] }""", "length")]
    [InlineData("""{ "format": "fixed", "recordLength": 5, "columns": [ { "field": "宛名番号", "start": 1, "length": 6 } ] }""", "recordLength")]
    [InlineData("""{ "recordLength": 5, "columns": [ { "field": "宛名番号" } ] }""", "recordLength")]
    [InlineData("""{ "format": "fixed", "columns": [ { "field": "宛名番号", "start": 1, "length": 6 } ], "ignore": [2] }""", "ignore")]
    [InlineData("""[ 1, 2 ]""", "オブジェクト")]
    [InlineData("""{ "columns": [ { "field": "宛名番号" } """, "JSON")]
    public void A_broken_layout_file_is_refused_with_a_japanese_message_naming_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<ImportLayoutException>(() => ImportLayout.Parse(json, "broken.json"));
        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_for_a_kind_refuses_a_field_of_another_kind_and_an_unmapped_required_column()
    {
        var path = _files.WriteUtf8("bad.json", """{ "columns": [ { "field": "宛名番号" }, { "field": "受給者番号" } ] }""");
        var ex = Assert.Throws<ImportLayoutException>(() => ImportLayout.Load(path, "residents"));
        Assert.Contains("「受給者番号」は residents の列ではありません", ex.Message, StringComparison.Ordinal);
        Assert.Contains("必須の列「氏名」", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_for_a_kind_takes_the_optional_marks_from_the_kind()
    {
        var columns = string.Join(", ", ImportLayout.ColumnSpecs("autopay")
            .Where(spec => spec.Name != "災害共済")
            .Select(spec => $$"""{ "field": "{{spec.Name}}", "optional": {{(spec.Name == "負担者番号" ? "true" : "false")}} }"""));
        var path = _files.WriteUtf8("autopay-city.json", "{ \"columns\": [ " + columns + " ] }");
        var layout = ImportLayout.Load(path, "autopay");
        Assert.False(layout.Columns.Single(column => column.Field == "負担者番号").Optional);
        Assert.True(layout.Columns.Single(column => column.Field == "都道府県").Optional);
        Assert.DoesNotContain(layout.Columns, column => column.Field == "災害共済");
    }

    [Fact]
    public void A_missing_layout_file_throws_file_not_found() =>
        Assert.Throws<FileNotFoundException>(() => ImportLayout.Load(Path.Combine(_files.Directory, "none.json")));
}
