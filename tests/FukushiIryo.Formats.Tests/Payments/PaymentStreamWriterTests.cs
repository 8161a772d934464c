using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;

namespace FukushiIryo.Formats.Tests.Payments;

/// <summary>
/// The record-by-record writers of the 全銀 file and the payment CSVs (the export streams them, ADR 0041
/// session 8) write the bytes of the whole-file <c>Format</c> methods, and refuse what they refuse.
/// </summary>
public sealed class PaymentStreamWriterTests
{
    private static readonly DateOnly PayDate = new(2026, 12, 10);

    private static readonly ZenginHeader Header = new("1234567890", "ナラシ", PayDate, "0162", "ナント", "025", "ナラシヤクシヨ", AccountType.Ordinary, "1234567");

    private static readonly ZenginTransfer[] Transfers =
    [
        new("0001", "ミズホ", "100", "トウキヨウエイギヨウブ", AccountType.Ordinary, "7654321", "ガッコウ　タロウ", 12_345, "1000017"),
        new("0162", "ナント", "025", "ナラシヤクシヨ", AccountType.Current, "12", "キョウ　ハナコ", 8_000, "1000025"),
        new("9900", "ユウチヨ", "128", "イチニハチ", AccountType.Ordinary, "1234567", "ﾕｳﾁﾖ ｼﾞﾛｳ", 9_999_999_999, "9999999"),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_zengin_writer_writes_the_bytes_of_Format(bool newlines)
    {
        using var stream = new MemoryStream();
        var writer = new ZenginTransferWriter(stream, Header, newlines);
        foreach (var transfer in Transfers)
        {
            writer.Add(transfer);
        }

        writer.Finish();

        Assert.Equal(ZenginTransferFile.Format(Header, Transfers, newlines), stream.ToArray());
        Assert.Equal((3, 12_345L + 8_000 + 9_999_999_999), (writer.Count, writer.Total));
    }

    [Fact]
    public void The_zengin_writer_refuses_at_the_end_what_Format_refuses_with_the_same_problems()
    {
        ZenginTransfer[] transfers = [Transfers[0], Transfers[1] with { PayeeName = "奈良　花子" }, Transfers[2] with { Amount = 0 }];
        var expected = Assert.Throws<ZenginRecordException>(() => ZenginTransferFile.Format(Header, transfers));

        var writer = new ZenginTransferWriter(new MemoryStream(), Header);
        foreach (var transfer in transfers)
        {
            writer.Add(transfer); // not refused one by one: the whole list of problems, as Format gives it
        }

        var thrown = Assert.Throws<ZenginRecordException>(writer.Finish);
        Assert.Equal(expected.Message, thrown.Message);
        Assert.Equal(expected.Problems, thrown.Problems);
        Assert.Contains("transfer(s) 2, 3", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_zengin_writer_refuses_a_bad_header_like_Format()
    {
        var header = Header with { RequesterCode = "12345678901" };
        var expected = Assert.Throws<ZenginRecordException>(() => ZenginTransferFile.Format(header, Transfers));

        var writer = new ZenginTransferWriter(new MemoryStream(), header);
        writer.Add(Transfers[0]);

        var thrown = Assert.Throws<ZenginRecordException>(writer.Finish);
        Assert.Equal(expected.Message, thrown.Message);
        Assert.Equal(expected.Problems, thrown.Problems);
    }

    [Theory]
    [InlineData(PaymentCsvEncoding.Utf8WithBom)]
    [InlineData(PaymentCsvEncoding.Cp932)]
    public void The_accounting_writer_writes_the_bytes_of_Format_and_the_same_replacements_line_by_line(PaymentCsvEncoding encoding)
    {
        // 𠮷 (no CP932 form) in the 科目 of every line; a 科目 with a line break moves the lines after it down one.
        PaymentAccountingRow[] rows =
        [
            new(PayDate, "扶助費𠮷", "1000017", "000000123", "0001", "100", AccountType.Ordinary, "7654321", "ｶﾞﾂｺｳ ﾀﾛｳ", 3, 24_030),
            new(PayDate, "扶助費\n𠮷", "1000025", "000000456", "0162", "025", AccountType.Current, "12", "ｷﾖｳ ﾊﾅｺ", 1, 86_430),
            new(PayDate, "扶助費𠮷", null, null, "", "", null, "", "ﾅﾗｹﾝｺｸﾎﾚﾝ", 12, 1_234_567),
        ];
        var expectedReplacements = new List<Cp932Replacement>();
        var expected = PaymentAccountingCsv.Format(rows, encoding, expectedReplacements);

        using var stream = new MemoryStream();
        var replacements = new List<Cp932Replacement>();
        var writer = PaymentAccountingCsv.Writer(stream, encoding, replacements);
        foreach (var row in rows)
        {
            writer.Add(row);
        }

        Assert.Equal(expected, stream.ToArray());
        Assert.Equal(expectedReplacements, replacements);
        Assert.Equal(3, writer.Rows);
        if (encoding == PaymentCsvEncoding.Cp932)
        {
            Assert.Equal([2, 4, 5], replacements.Select(r => r.Line)); // the header is line 1; the second row takes lines 3 and 4
        }
    }

    [Theory]
    [InlineData(PaymentCsvEncoding.Utf8WithBom)]
    [InlineData(PaymentCsvEncoding.Cp932)]
    public void The_detail_writer_writes_the_bytes_of_Format(PaymentCsvEncoding encoding)
    {
        PaymentDetailRow[] rows =
        [
            new()
            {
                ProcessingMonth = new YearMonth(2026, 11), PayDate = PayDate, ClaimId = 501, RecipientNumber = "1000033", PayeeRecipientNumber = "1000017",
                ServiceMonth = new YearMonth(2026, 9), ProviderCode = "2912345", Kind = ClaimKind.MedicalInpatient, DaysOfCare = 20,
                TotalCost = 1_000_000, SelfPay = 300_000, HighCostRefund = 212_570, HighCostEstimated = true, ExtraBenefit = 62_400, ExtraBenefitEstimated = true,
                MealAmount = 13_800, Target = 25_030, Copayment = 1_000, Subsidy = 24_030,
            },
            new()
            {
                ProcessingMonth = new YearMonth(2026, 11), PayDate = PayDate, ClaimId = 502, RecipientNumber = "1000041", PayeeRecipientNumber = "1000017",
                ServiceMonth = new YearMonth(2026, 10), ProviderCode = "2954321", Kind = ClaimKind.DentalOutpatient, DaysOfCare = null,
                TotalCost = 12_000, SelfPay = 3_600, SelfPayDerived = true, LongTerm = true, LongTermReduction = 0, Target = 3_600, Copayment = 500, Subsidy = 3_100,
            },
        ];

        using var stream = new MemoryStream();
        var writer = PaymentDetailCsv.Writer(stream, encoding);
        foreach (var row in rows)
        {
            writer.Add(row);
        }

        Assert.Equal(PaymentDetailCsv.Format(rows, encoding), stream.ToArray());
    }

    [Fact]
    public void A_csv_writer_with_no_rows_writes_the_header_alone()
    {
        using var stream = new MemoryStream();
        PaymentAccountingCsv.Writer(stream, PaymentCsvEncoding.Cp932);

        Assert.Equal(PaymentAccountingCsv.Format([], PaymentCsvEncoding.Cp932), stream.ToArray());
    }
}
