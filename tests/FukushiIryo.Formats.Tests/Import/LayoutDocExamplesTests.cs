using System.Text.RegularExpressions;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

/// <summary>The two examples of docs/formats/layout-files.md load as residents layouts and read what they say.</summary>
public sealed partial class LayoutDocExamplesTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_csv_example_reads_a_cp932_file_with_the_citys_header_and_wareki_dates()
    {
        var layout = LoadExample("\"format\": \"csv\"");
        Assert.Equal("奈良市住基", layout.Name);
        var path = _files.WriteCp932("jyuki.csv",
            "宛名ＣＤ,世帯ＣＤ,漢字氏名,カナ氏名,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動年月日,届出年月日,作成日時\r\n"
            + "000123,0000456,奈良 花子,ﾅﾗ ﾊﾅｺ,H02.04.01,2,世帯主,630-8580,奈良市二条大路南一丁目1番1号,1,転入,R08.03.01,R08.03.05,2026/03/10 09:00\r\n");
        using var file = ImportFile.Open(path, layout);
        Assert.Empty(file.FileProblems);
        var record = Assert.Single(file.Records());
        var problems = new List<ImportProblem>();
        Assert.Equal(new DateOnly(1990, 4, 1), FieldParsers.Date(record, "生年月日", problems));
        Assert.Equal(new DateOnly(2026, 3, 5), FieldParsers.Date(record, "届出日", problems));
        Assert.Empty(problems);
        Assert.Equal("ナラ ハナコ", record["氏名カナ"]);
    }

    [Fact]
    public void The_fixed_width_example_reads_180_byte_cp932_records()
    {
        var layout = LoadExample("\"format\": \"fixed\"");
        string record = Pad("000123", 6) + Pad("0000456", 7) + Kanji("奈良　花子", 10) + Pad("ﾅﾗ ﾊﾅｺ", 20) + "19900401" + "2"
            + Kanji("世帯主", 5) + "6308580" + Kanji("奈良市二条大路南一丁目１番１号", 30) + "1" + Kanji("転入", 5)
            + "20260301" + "20260305" + Pad("", 14);
        var bytes = InputEncoding.StrictCp932.GetBytes(record + record.Replace("000123", "000124", StringComparison.Ordinal));
        Assert.Equal(360, bytes.Length);
        var path = _files.Write("jyuki.dat", bytes);
        using var file = ImportFile.Open(path, layout);
        var records = file.Records().ToList();
        Assert.Equal(["000123", "000124"], records.Select(r => r["宛名番号"]));
        Assert.Equal("奈良　花子", records[0].Raw("氏名"));
        Assert.Equal("奈良市二条大路南一丁目１番１号", records[0].Raw("住所"));
        Assert.Equal("転入", records[0]["異動事由"]);
        var problems = new List<ImportProblem>();
        Assert.Equal(new DateOnly(2026, 3, 5), FieldParsers.Date(records[1], "届出日", problems));
        Assert.Empty(problems);
    }

    private ImportLayout LoadExample(string marker)
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "formats", "layout-files.md"));
        var json = JsonBlock().Matches(doc).Select(match => match.Groups[1].Value).Single(block => block.Contains(marker, StringComparison.Ordinal));
        return ImportLayout.Load(_files.WriteUtf8("example.json", json), "residents");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FukushiIryo.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FukushiIryo.sln not found above the test binaries.");
    }

    private static string Pad(string text, int bytes) => text + new string(' ', bytes - InputEncoding.Cp932.GetByteCount(text));

    private static string Kanji(string text, int chars) => text + new string('\u3000', chars - text.Length);

    [GeneratedRegex("```json\\r?\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
