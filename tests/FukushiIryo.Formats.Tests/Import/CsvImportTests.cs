using System.Security.Cryptography;
using System.Text;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

public sealed class CsvImportTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_cp932_residents_file_is_detected_and_read_with_its_original_characters()
    {
        var path = _files.WriteCp932("residents.csv", Residents.Header + "\r\n" + Residents.Hanako + "\r\n" + Residents.Taro + "\r\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        Assert.Equal(932, file.Encoding.CodePage);
        Assert.Empty(file.FileProblems);
        var records = file.Records().ToList();
        Assert.Equal([2L, 3L], records.Select(record => record.Line));
        Assert.All(records, record => Assert.Empty(record.Problems));
        Assert.Equal("000123", records[0]["宛名番号"]);
        Assert.Equal("奈良 花子", records[0]["氏名"]);
        Assert.Equal("", records[0]["異動事由"]);
        Assert.True(records[0].Has("異動事由"));
        Assert.Equal("出生", records[1]["異動事由"]);
    }

    [Fact]
    public void Names_keep_their_original_characters_in_raw_and_values_are_nfkc_normalised()
    {
        // 𠮷 is outside CP932: a UTF-8 file. 髙 (U+9AD9) has no compatibility mapping.
        var row = "０００１２５,0000457,  𠮷野 髙子 ,ﾖｼﾉ ﾀｶｺ,２０２０－０５－０１,2,妻(未届),630-8580,奈良市,1,,,";
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\n" + row + "\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var record = Assert.Single(file.Records());
        Assert.Equal("000125", record["宛名番号"]);
        Assert.Equal("０００１２５", record.Raw("宛名番号"));
        Assert.Equal("𠮷野 髙子", record.Raw("氏名"));
        Assert.Equal("𠮷野 髙子", record["氏名"]);
        Assert.Equal("ヨシノ タカコ", record["氏名カナ"]);
        Assert.Equal("ﾖｼﾉ ﾀｶｺ", record.Raw("氏名カナ"));
        Assert.Equal("2020-05-01", record["生年月日"]);
    }

    [Fact]
    public void A_utf8_file_with_a_bom_is_read_and_the_bom_is_not_part_of_the_first_column_name()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\r\n" + Residents.Hanako + "\r\n", bom: true);
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        Assert.Equal(65001, file.Encoding.CodePage);
        Assert.Empty(file.FileProblems);
        Assert.Equal("000123", Assert.Single(file.Records())["宛名番号"]);
    }

    [Fact]
    public void Quoted_fields_may_hold_a_comma_a_quote_and_a_line_break_and_line_numbers_stay_physical()
    {
        var text = Residents.Header + "\r\n"
            + "000123,0000456,\"奈良, 花子\",ナラ ハナコ,1990-04-01,2,世帯主,630-8580,\"奈良市二条大路南\r\n一丁目1番1号\r\n\"\"本庁\"\"\",1,,,\r\n"
            + Residents.Taro + "\r\n"
            + "\r\n"
            + Residents.Hanako + "\n";
        var path = _files.WriteUtf8("residents.csv", text);
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var records = file.Records().ToList();
        Assert.Equal([2L, 5L, 7L], records.Select(record => record.Line));
        Assert.Equal("奈良, 花子", records[0]["氏名"]);
        Assert.Equal("奈良市二条大路南\r\n一丁目1番1号\r\n\"本庁\"", records[0].Raw("住所"));
        Assert.All(records, record => Assert.Empty(record.Problems));
    }

    [Fact]
    public void Column_order_is_free_and_optional_columns_may_be_absent()
    {
        var header = "受給者番号,負担者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期,他公費負担額";
        var row = "12345678,81290010,06290012,ナラ ハナコ,1990-04-01,2026-03,2912345678,奈良クリニック,医科,外来,70,1,250,,750,,,,0,";
        var path = _files.WriteUtf8("autopay.csv", header + "\n" + row + "\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("autopay"));
        Assert.Empty(file.FileProblems);
        var record = Assert.Single(file.Records());
        Assert.Equal("12345678", record["受給者番号"]);
        Assert.Equal("81290010", record["負担者番号"]);
        Assert.Null(record["都道府県"]);
        Assert.False(record.Has("都道府県"));
        Assert.Null(record.Raw("災害共済"));
        Assert.Equal("", record["他公費負担額"]);
        Assert.True(record.Has("他公費負担額"));
    }

    [Fact]
    public void An_unknown_column_is_a_file_error_at_line_0_and_no_record_is_read()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + ",備考\n" + Residents.Hanako + ",メモ\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var problem = Assert.Single(file.FileProblems);
        Assert.Equal(new ImportProblem(0, "備考", "", problem.Reason), problem);
        Assert.Contains("不明な列", problem.Reason, StringComparison.Ordinal);
        Assert.True(file.HasFileErrors);
        Assert.Empty(file.Records());
    }

    [Fact]
    public void A_missing_required_column_is_a_file_error_at_line_0_named_by_its_built_in_name()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header.Replace(",届出日", "", StringComparison.Ordinal) + "\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var problem = Assert.Single(file.FileProblems);
        Assert.Equal(0, problem.Line);
        Assert.Equal("届出日", problem.Column);
        Assert.Equal("必須の列がありません", problem.Reason);
    }

    [Fact]
    public void A_duplicated_column_is_a_file_error()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + ",氏名\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var problem = Assert.Single(file.FileProblems);
        Assert.Equal((0L, "氏名"), (problem.Line, problem.Column));
        Assert.Contains("二つ以上", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0x0D, 0x0A, 0x0A })]
    public void An_empty_file_is_a_file_error(byte[] bytes)
    {
        var path = _files.Write("residents.csv", bytes);
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        Assert.Equal(new ImportProblem(0, "", "", "ファイルが空です"), Assert.Single(file.FileProblems));
    }

    [Fact]
    public void A_header_only_file_has_no_records_and_no_problem()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\r\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        Assert.Empty(file.FileProblems);
        Assert.Empty(file.Records());
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_is_a_file_error_on_its_line_and_reading_goes_on()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\n" + Residents.Hanako + ",extra\n" + Residents.Taro + "\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var records = file.Records().ToList();
        var problem = Assert.Single(records[0].Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("見出しは 13 列、この行は 14 列", problem.Reason, StringComparison.Ordinal);
        Assert.Null(records[0]["宛名番号"]);
        Assert.Empty(records[1].Problems);
        Assert.Equal(3, records[1].Line);
    }

    [Theory]
    [InlineData("000123,0000456,奈良 \"花子\",ナラ ハナコ,1990-04-01,2,世帯主,630-8580,奈良市,1,,,", "氏名", "引用符")]
    [InlineData("000123,0000456,\"奈良 花子\"様,ナラ ハナコ,1990-04-01,2,世帯主,630-8580,奈良市,1,,,", "氏名", "閉じ引用符")]
    [InlineData("000123,0000456,奈良 花子\r,ナラ ハナコ,1990-04-01,2,世帯主,630-8580,奈良市,1,,,", "氏名", "CR")]
    public void Broken_quoting_or_a_lone_cr_is_a_file_error_on_its_line_and_reading_resumes_at_the_next_line(string row, string column, string reason)
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\n" + row + "\n" + Residents.Taro + "\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var records = file.Records().ToList();
        Assert.Equal(2, records.Count);
        var problem = Assert.Single(records[0].Problems);
        Assert.Equal((2L, column), (problem.Line, problem.Column));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Equal("000124", records[1]["宛名番号"]);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void A_quote_left_open_to_the_end_of_the_file_is_reported_on_the_line_where_it_opened_and_ends_the_reading()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\n" + Residents.Hanako + "\n000124,0000456,\"奈良 太郎,ナラ\n\n\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var records = file.Records().ToList();
        Assert.Equal(2, records.Count);
        var problem = Assert.Single(records[1].Problems);
        Assert.Equal((3L, "氏名"), (problem.Line, problem.Column));
        Assert.Contains("3 行目で開いた引用符", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_under_an_explicit_utf8_option_are_reported_on_their_line()
    {
        var bytes = TempFiles.Utf8NoBom.GetBytes(Residents.Header + "\n" + Residents.Hanako + "\n")
            .Concat(InputEncoding.Cp932.GetBytes(Residents.Taro + "\n"))
            .ToArray();
        var path = _files.Write("residents.csv", bytes);
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"), EncodingChoice.Utf8);
        Assert.Equal(65001, file.Encoding.CodePage);
        var records = file.Records().ToList();
        Assert.Empty(records[0].Problems);
        var problem = Assert.Single(records[1].Problems);
        Assert.Equal((3L, "氏名"), (problem.Line, problem.Column));
        Assert.Contains("UTF-8 として読めない", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_encoding_option_overrides_the_layouts_encoding()
    {
        var layout = ImportLayout.Parse(
            """{ "encoding": "utf-8", "columns": [ { "field": "宛名番号" }, { "field": "氏名" } ] }""", "utf8-layout");
        var path = _files.WriteCp932("cp932.csv", "宛名番号,氏名\r\n000123,奈良 花子\r\n");
        using (var layoutOnly = ImportFile.Open(path, layout))
        {
            Assert.Equal(65001, layoutOnly.Encoding.CodePage);
            Assert.NotEmpty(layoutOnly.FileProblems);
        }

        using var overridden = ImportFile.Open(path, layout, EncodingChoice.Cp932);
        Assert.Equal(932, overridden.Encoding.CodePage);
        Assert.Equal("奈良 花子", Assert.Single(overridden.Records())["氏名"]);
    }

    [Fact]
    public void A_layout_file_maps_a_citys_renamed_headers_and_ignores_listed_columns()
    {
        var layout = ImportLayout.Parse("""
            {
              "format": "csv", "header": true, "dateStyle": "wareki",
              "columns": [
                { "field": "宛名番号", "source": "宛名ＣＤ" },
                { "field": "氏名", "source": "漢字氏名" },
                { "field": "生年月日", "source": "生年月日（和暦）" }
              ],
              "ignore": ["作成日時"]
            }
            """, "nara.json");
        var path = _files.WriteCp932("city.csv", "作成日時,漢字氏名,宛名ＣＤ,生年月日（和暦）\r\n2026/03/01 10:00,奈良 花子,000123,H02.04.01\r\n");
        using var file = ImportFile.Open(path, layout);
        Assert.Empty(file.FileProblems);
        var record = Assert.Single(file.Records());
        Assert.Equal("000123", record["宛名番号"]);
        Assert.Equal("奈良 花子", record["氏名"]);
        var problems = new List<ImportProblem>();
        Assert.Equal(new DateOnly(1990, 4, 1), FieldParsers.Date(record, "生年月日", problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void A_renamed_header_that_is_missing_is_reported_with_the_citys_name()
    {
        var layout = ImportLayout.Parse("""{ "columns": [ { "field": "宛名番号", "source": "宛名ＣＤ" }, { "field": "氏名", "source": "漢字氏名" } ] }""", "nara.json");
        var path = _files.WriteUtf8("city.csv", "宛名ＣＤ,氏名\n000123,奈良 花子\n");
        using var file = ImportFile.Open(path, layout);
        Assert.Contains(new ImportProblem(0, "氏名", "漢字氏名", "必須の列がありません（見出し「漢字氏名」がありません）"), file.FileProblems);
        Assert.Contains(file.FileProblems, problem => problem.Column == "氏名" && problem.Reason.Contains("不明な列", StringComparison.Ordinal));
    }

    [Fact]
    public void A_layout_file_by_column_number_reads_a_file_without_a_header()
    {
        var layout = ImportLayout.Parse("""
            { "header": false,
              "columns": [ { "field": "宛名番号", "source": 2 }, { "field": "氏名", "source": 4 }, { "field": "異動日", "source": 6, "optional": true } ],
              "ignore": [1, 3, 5] }
            """, "by-number.json");
        var path = _files.WriteUtf8("city.csv", "X,000123,Y,奈良 花子,Z\nX,000124,Y,奈良 太郎,Z\n");
        using var file = ImportFile.Open(path, layout);
        Assert.Empty(file.FileProblems);
        var records = file.Records().ToList();
        Assert.Equal([1L, 2L], records.Select(record => record.Line));
        Assert.Equal(["000123", "000124"], records.Select(record => record["宛名番号"]));
        Assert.Equal("奈良 太郎", records[1]["氏名"]);
        Assert.False(records[0].Has("異動日"));
    }

    [Fact]
    public void Without_a_header_a_column_neither_mapped_nor_ignored_is_an_unknown_column()
    {
        var layout = ImportLayout.Parse("""{ "header": false, "columns": [ { "field": "宛名番号", "source": 1 } ] }""", "by-number.json");
        var path = _files.WriteUtf8("city.csv", "000123,奈良 花子\n");
        using var file = ImportFile.Open(path, layout);
        var problem = Assert.Single(file.FileProblems);
        Assert.Equal((0L, "2列目"), (problem.Line, problem.Column));
    }

    [Fact]
    public void A_layout_may_take_a_column_by_number_from_a_file_with_a_header()
    {
        var layout = ImportLayout.Parse("""{ "columns": [ { "field": "宛名番号", "source": 1 }, { "field": "氏名", "source": "名前" } ] }""", "mixed.json");
        var path = _files.WriteUtf8("city.csv", "番号（どんな名前でもよい）,名前\n000123,奈良 花子\n");
        using var file = ImportFile.Open(path, layout);
        Assert.Empty(file.FileProblems);
        Assert.Equal("000123", Assert.Single(file.Records())["宛名番号"]);
    }

    [Fact]
    public void Full_width_spaces_in_a_header_name_match_the_half_width_space_of_the_built_in_name()
    {
        var header = "宛名番号,課税年度," + string.Join(",", BuiltInLayoutTests.TaxItemNames).Replace(' ', '\u3000');
        var row = "000123,2026," + string.Join(",", Enumerable.Repeat("0", 59));
        var path = _files.WriteUtf8("tax.csv", header + "\n" + row + "\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("tax"));
        Assert.Empty(file.FileProblems);
        var record = Assert.Single(file.Records());
        Assert.Equal("0", record["先物所得 繰越後"]);
        Assert.False(record.Has("未申告"));
    }

    [Fact]
    public void The_sha256_is_that_of_the_files_bytes_bom_included()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\r\n" + Residents.Hanako + "\r\n", bom: true);
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", file.Sha256);
    }

    [Fact]
    public void A_file_changed_while_it_is_read_ends_with_a_file_error_at_line_0()
    {
        var text = new StringBuilder(Residents.Header + "\n");
        for (int i = 0; i < 30_000; i++)
        {
            text.Append(Residents.Taro).Append('\n');
        }

        var path = _files.WriteUtf8("residents.csv", text.ToString());
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        using var records = file.Records().GetEnumerator();
        Assert.True(records.MoveNext());
        if (OperatingSystem.IsWindows())
        {
            // Windows honours the sharing mode: nobody can write the file while it is open.
            Assert.Throws<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite).Dispose());
            return;
        }

        using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            writer.Position = writer.Length - 10;
            writer.WriteByte((byte)'9');
        }

        ImportRecord last = records.Current;
        while (records.MoveNext())
        {
            last = records.Current;
        }

        var problem = Assert.Single(last.Problems);
        Assert.Equal(0, problem.Line);
        Assert.Contains("読込中にファイルが変更されました", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unchanged_file_read_to_its_end_has_no_change_problem()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\n" + Residents.Hanako + "\n", bom: true);
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        Assert.All(file.Records(), record => Assert.Empty(record.Problems));
    }

    [Fact]
    public void Records_can_be_read_again_but_not_twice_at_once()
    {
        var path = _files.WriteUtf8("residents.csv", Residents.Header + "\n" + Residents.Hanako + "\n" + Residents.Taro + "\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        Assert.Equal(2, file.Records().Count());
        Assert.Equal(2, file.Records().Count());
        using var first = file.Records().GetEnumerator();
        Assert.True(first.MoveNext());
        Assert.Throws<InvalidOperationException>(() => file.Records().First());
    }

    [Fact]
    public void A_missing_input_file_throws_file_not_found() =>
        Assert.Throws<FileNotFoundException>(() => ImportFile.Open(Path.Combine(_files.Directory, "none.csv"), ImportLayout.BuiltIn("residents")));

    [Fact]
    public void Records_are_read_lazily_so_a_broken_tail_is_not_seen_when_only_the_first_record_is_read()
    {
        var text = new StringBuilder(Residents.Header + "\n" + Residents.Hanako + "\n");
        for (int i = 0; i < 20_000; i++)
        {
            text.Append(Residents.Taro).Append('\n');
        }

        text.Append("000999,\"never closed\n");
        var path = _files.WriteUtf8("residents.csv", text.ToString());
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        var first = file.Records().First();
        Assert.Empty(first.Problems);
        Assert.Equal("000123", first["宛名番号"]);
        Assert.NotEmpty(file.Records().Last().Problems);
    }
}
