using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Payments;
using FukushiIryo.Formats.Tests.Import;

namespace FukushiIryo.Formats.Tests.Payments;

/// <summary>The 振込不能 result file (docs/formats/returned-transfers.md): the built-in CSV and the shipped 南都銀行 fixed-width layout.</summary>
public sealed class ReturnedTransferFileTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_built_in_csv_reads_each_row_with_our_reason_codes()
    {
        var path = _files.WriteUtf8("returns.csv",
            "処理年月,受給者番号,金融機関コード,支店コード,口座番号,金額,不能事由コード\r\n"
            + "202610,0000017,0162,001,1234567,2500,1\r\n"
            + "2026-10,0000025,9900,238,12345,1500,2\r\n", bom: true);

        var read = ReturnedTransferFile.Read(path, ReturnedTransferLayout.BuiltIn());

        Assert.False(read.HasErrors, string.Join("; ", read.Problems));
        Assert.Equal(
            [
                new ReturnedTransferRow(2, new YearMonth(2026, 10), null, "0000017", "0162", "001", "1234567", 2500, ReturnedTransferReason.NoAccount),
                new ReturnedTransferRow(3, new YearMonth(2026, 10), null, "0000025", "9900", "238", "0012345", 1500, ReturnedTransferReason.NameMismatch),
            ],
            read.Rows);
    }

    [Fact]
    public void Every_bad_row_is_reported_by_line_and_column()
    {
        var path = _files.WriteUtf8("returns.csv",
            "振込指定日,受給者番号,金融機関コード,支店コード,口座番号,金額,不能事由コード\r\n"
            + "2026-11-20,0000017,162,001,1234567,2500,1\r\n"     // bank code 3 digits
            + "2026-11-20,0000017,0162,001,1234567,0,1\r\n"       // 0 yen
            + "2026-11-20,0000017,0162,001,1234567,2500,7\r\n");  // unknown reason

        var read = ReturnedTransferFile.Read(path, ReturnedTransferLayout.BuiltIn());

        Assert.Empty(read.Rows);
        Assert.Equal([(2L, "金融機関コード"), (3L, "金額"), (4L, "不能事由コード")], read.Problems.Select(p => (p.Line, p.Column)));
    }

    [Fact]
    public void A_file_without_month_or_pay_date_columns_is_refused_by_the_layout_check()
    {
        var layout = """{ "columns": [ { "field": "受給者番号" }, { "field": "金融機関コード" }, { "field": "支店コード" }, { "field": "口座番号" }, { "field": "金額" }, { "field": "不能事由コード" } ] }""";
        var refused = Assert.Throws<ImportLayoutException>(() => ReturnedTransferLayout.Parse(layout, "bad"));
        Assert.Contains("処理年月", refused.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ImportLayoutException>(() => ReturnedTransferLayout.Parse(layout.Replace("\"金額\"", "\"振込金額\"", StringComparison.Ordinal), "bad"));
        Assert.Contains("振込金額", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_nanto_layout_reads_cp932_fixed_width_records_and_maps_the_banks_reason_codes()
    {
        var layout = ReturnedTransferLayout.Load(Path.Combine(RepositoryRoot(), "docs", "formats", "layouts", "returned-transfers-nanto.json"));
        Assert.Equal("南都銀行 振込不能", layout.Name);
        string Record(string customer, string amount, string reason) =>
            "20261120" + "0162" + "001" + "1" + "1234567" + customer + amount + reason + "ﾅﾗ ﾊﾅｺ".PadRight(30);
        var path = _files.WriteCp932("nanto.dat",
            Record("0000000017", "0000002500", "03") + "\r\n" + Record("0000000025", "0000001500", "99") + "\r\n");

        var read = ReturnedTransferFile.Read(path, layout);

        Assert.False(read.HasErrors, string.Join("; ", read.Problems));
        Assert.Equal(
            [("0000017", 2500L, ReturnedTransferReason.Closed, (DateOnly?)new DateOnly(2026, 11, 20)), ("0000025", 1500L, ReturnedTransferReason.Other, new DateOnly(2026, 11, 20))],
            read.Rows.Select(r => (r.RecipientNumber, r.Amount, r.Reason, r.PayDate)));
        Assert.All(read.Rows, r => Assert.Null(r.ProcessingMonth));
    }

    [Fact]
    public void A_bank_code_missing_from_the_layouts_map_is_a_row_error()
    {
        var layout = ReturnedTransferLayout.Load(Path.Combine(RepositoryRoot(), "docs", "formats", "layouts", "returned-transfers-nanto.json"));
        var path = _files.WriteCp932("nanto.dat", "20261120" + "0162" + "001" + "1" + "1234567" + "0000000017" + "0000002500" + "1 " + new string(' ', 30) + "\r\n");

        var read = ReturnedTransferFile.Read(path, layout);

        var problem = Assert.Single(read.Problems);
        Assert.Equal((1L, "不能事由コード"), (problem.Line, problem.Column));
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
}
