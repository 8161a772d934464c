using System.Text;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

public sealed class FixedWidthTests : IDisposable
{
    // 宛名番号 bytes 1–6, 氏名 bytes 7–26 (20 bytes = 10 kanji in CP932), 生年月日 bytes 27–34: 34 bytes.
    private const string Columns = """
        "columns": [
          { "field": "宛名番号", "start": 1, "length": 6 },
          { "field": "氏名", "start": 7, "length": 20 },
          { "field": "生年月日", "start": 27, "length": 8 }
        ]
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_cp932_fixed_width_file_is_cut_by_bytes_not_characters()
    {
        var layout = ImportLayout.Parse("{ \"format\": \"fixed\", \"encoding\": \"cp932\", " + Columns + " }", "fixed.json");
        var path = _files.Write("fixed.dat", Cp932Records("\r\n", Record("000123", "奈良　花子", "19900401"), Record("000124", "髙橋　一郎", "20200501")));
        using var file = ImportFile.Open(path, layout);
        Assert.Empty(file.FileProblems);
        var records = file.Records().ToList();
        Assert.Equal([1L, 2L], records.Select(record => record.Line));
        Assert.All(records, record => Assert.Empty(record.Problems));
        Assert.Equal("奈良　花子", records[0].Raw("氏名"));
        Assert.Equal("奈良 花子", records[0]["氏名"]);
        Assert.Equal("髙橋　一郎", records[1].Raw("氏名"));
        Assert.Equal("20200501", records[1]["生年月日"]);
    }

    [Fact]
    public void With_a_record_length_records_are_cut_every_n_bytes_without_line_ends()
    {
        var layout = ImportLayout.Parse("{ \"format\": \"fixed\", \"encoding\": \"cp932\", \"recordLength\": 40, " + Columns + " }", "fixed.json");
        var path = _files.Write("fixed.dat", Cp932Records("", Record("000123", "奈良　花子", "19900401", 40), Record("000124", "髙橋　一郎", "20200501", 40)));
        Assert.Equal(80, new FileInfo(path).Length);
        using var file = ImportFile.Open(path, layout);
        var records = file.Records().ToList();
        Assert.Equal([1L, 2L], records.Select(record => record.Line));
        Assert.Equal(["000123", "000124"], records.Select(record => record["宛名番号"]));
        Assert.Equal("髙橋　一郎", records[1].Raw("氏名"));
    }

    [Fact]
    public void With_a_record_length_line_ends_between_records_and_a_final_eof_byte_are_allowed()
    {
        var layout = ImportLayout.Parse("{ \"format\": \"fixed\", \"recordLength\": 34, " + Columns + " }", "fixed.json");
        var bytes = Cp932Records("\r\n", Record("000123", "奈良　花子", "19900401"), Record("000124", "髙橋　一郎", "20200501")).Append((byte)0x1A).ToArray();
        var path = _files.Write("fixed.dat", bytes);
        using var file = ImportFile.Open(path, layout);
        Assert.Equal(932, file.Encoding.CodePage);
        var records = file.Records().ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, record => Assert.Empty(record.Problems));
    }

    [Fact]
    public void A_header_record_is_skipped_when_the_layout_says_so()
    {
        var layout = ImportLayout.Parse("{ \"format\": \"fixed\", \"header\": true, " + Columns + " }", "fixed.json");
        var path = _files.Write("fixed.dat", Cp932Records("\n", "HEADER", Record("000123", "奈良　花子", "19900401")));
        using var file = ImportFile.Open(path, layout);
        var record = Assert.Single(file.Records());
        Assert.Equal(2, record.Line);
        Assert.Equal("000123", record["宛名番号"]);
    }

    [Fact]
    public void A_field_that_cuts_a_kanji_in_half_is_a_file_error_naming_the_column()
    {
        // 氏名 bytes 7–25 ends in the middle of the 10th kanji's two bytes.
        var layout = ImportLayout.Parse("""
            { "format": "fixed", "encoding": "cp932",
              "columns": [ { "field": "宛名番号", "start": 1, "length": 6 }, { "field": "氏名", "start": 7, "length": 19 } ] }
            """, "fixed.json");
        var path = _files.Write("fixed.dat", Cp932Records("\r\n", "000123" + "奈良市二条大路南一丁" + "19900401"));
        using var file = ImportFile.Open(path, layout);
        var record = Assert.Single(file.Records());
        var problem = Assert.Single(record.Problems);
        Assert.Equal((1L, "氏名"), (problem.Line, problem.Column));
        Assert.Contains("文字の途中で区切られて", problem.Reason, StringComparison.Ordinal);
        Assert.Null(record["宛名番号"]);
    }

    [Fact]
    public void A_record_shorter_than_the_layout_is_a_file_error_and_reading_goes_on()
    {
        var layout = ImportLayout.Parse("{ \"format\": \"fixed\", " + Columns + " }", "fixed.json");
        var path = _files.Write("fixed.dat", Cp932Records("\n", "000123奈良", Record("000124", "髙橋　一郎", "20200501")));
        using var file = ImportFile.Open(path, layout);
        var records = file.Records().ToList();
        var problem = Assert.Single(records[0].Problems);
        Assert.Contains("レコードが短すぎます（10 バイト。この配置では 34 バイト必要です）", problem.Reason, StringComparison.Ordinal);
        Assert.Empty(records[1].Problems);
    }

    [Fact]
    public void With_a_record_length_a_short_last_record_or_a_line_end_inside_a_record_is_a_file_error()
    {
        var layout = ImportLayout.Parse("{ \"format\": \"fixed\", \"recordLength\": 34, " + Columns + " }", "fixed.json");
        var bytes = InputEncoding.Cp932.GetBytes("000123奈良\r\n").Concat(new byte[22]).ToArray(); // 12 + 22 = 34 bytes
        var path = _files.Write("fixed.dat", [.. bytes, .. InputEncoding.Cp932.GetBytes("0001")]);
        using var file = ImportFile.Open(path, layout);
        var records = file.Records().ToList();
        Assert.Contains("改行", Assert.Single(records[0].Problems).Reason, StringComparison.Ordinal);
        Assert.Contains("最後のレコードが 4 バイト", Assert.Single(records[1].Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf8_fixed_width_file_counts_utf8_bytes_after_its_bom()
    {
        var layout = ImportLayout.Parse("""
            { "format": "fixed", "columns": [ { "field": "宛名番号", "start": 1, "length": 6 }, { "field": "氏名", "start": 7, "length": 12 } ] }
            """, "fixed.json");
        // 奈良花子 = 4 × 3 bytes in UTF-8.
        var path = _files.WriteUtf8("fixed.dat", "000123奈良花子\n", bom: true);
        using var file = ImportFile.Open(path, layout);
        Assert.Equal(65001, file.Encoding.CodePage);
        Assert.Equal("奈良花子", Assert.Single(file.Records())["氏名"]);
    }

    [Fact]
    public void An_empty_fixed_width_file_is_a_file_error()
    {
        var layout = ImportLayout.Parse("{ \"format\": \"fixed\", " + Columns + " }", "fixed.json");
        var path = _files.Write("fixed.dat", []);
        using var file = ImportFile.Open(path, layout);
        Assert.Equal("ファイルが空です", Assert.Single(file.FileProblems).Reason);
    }

    /// <summary>A 34-byte record (or <paramref name="length"/>, space-padded), with the name padded in full-width spaces.</summary>
    private static string Record(string atena, string name, string birth, int length = 34)
    {
        var nameField = name + new string('\u3000', 10 - name.Length);
        var record = atena + nameField + birth;
        return record + new string(' ', length - InputEncoding.Cp932.GetByteCount(record));
    }

    private static byte[] Cp932Records(string lineEnd, params string[] records) =>
        InputEncoding.StrictCp932.GetBytes(string.Concat(records.Select(record => record + lineEnd)));
}
