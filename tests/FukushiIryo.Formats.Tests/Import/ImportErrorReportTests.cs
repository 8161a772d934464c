using System.Text;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

public sealed class ImportErrorReportTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_report_is_utf8_with_a_bom_the_exact_header_and_rfc_4180_quoting()
    {
        var path = Path.Combine(_files.Directory, "residents.csv.errors.csv");
        ImportErrorReport.Write(path, [
            new ImportProblem(0, "備考", "", "不明な列です"),
            new ImportProblem(3, "氏名", "奈良, \"花子\"", "値が長すぎます"),
            new ImportProblem(4, "住所", "一丁目\r\n1番", "改行があります"),
            new ImportProblem(5, "異動日", "H31.05.01", "平成は 2019-04-30 で終わっています", ImportSeverity.Warning),
        ]);

        var expected = "\uFEFF行,列,値,理由\r\n"
            + "0,備考,,不明な列です\r\n"
            + "3,氏名,\"奈良, \"\"花子\"\"\",値が長すぎます\r\n"
            + "4,住所,\"一丁目\r\n1番\",改行があります\r\n"
            + "5,異動日,H31.05.01,警告: 平成は 2019-04-30 で終わっています\r\n";
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), bytes);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void An_empty_report_is_the_header_alone_and_an_old_report_is_replaced()
    {
        var path = _files.WriteUtf8("x.errors.csv", "old content that is longer than the new one");
        ImportErrorReport.Write(path, []);
        Assert.Equal([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("行,列,値,理由\r\n")], File.ReadAllBytes(path));
    }

    [Fact]
    public void The_report_can_be_read_back_by_the_import_reader()
    {
        var path = Path.Combine(_files.Directory, "report.csv");
        ImportErrorReport.Write(path, [new ImportProblem(12, "住所", "a,\"b\"\nc", "理由")]);
        var layout = ImportLayout.Parse("""{ "columns": [ { "field": "行" }, { "field": "列" }, { "field": "値" }, { "field": "理由" } ] }""", "report.json");
        using var file = ImportFile.Open(path, layout);
        var record = Assert.Single(file.Records());
        Assert.Equal(("12", "a,\"b\"\nc"), (record["行"], record.Raw("値")));
    }

    [Fact]
    public void The_default_path_is_the_input_file_name_with_errors_csv_in_the_report_dir_or_the_current_directory()
    {
        Assert.Equal(Path.Combine("/tmp/reports", "residents.csv.errors.csv"), ImportErrorReport.DefaultPath("/data/in/residents.csv", "/tmp/reports"));
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "tax.csv.errors.csv"), ImportErrorReport.DefaultPath("in/tax.csv", null));
    }
}

public sealed class ImportErrorReportFormulaTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("+81-90", "'+81-90")]
    [InlineData("-1200", "-1200")]
    [InlineData("奈良 花子", "奈良 花子")]
    [InlineData("", "")]
    public void A_value_a_spreadsheet_would_run_as_a_formula_is_defused(string value, string expected) =>
        Assert.Equal(expected, FukushiIryo.Formats.Import.ImportErrorReport.Defuse(value));
}
