using System.Text;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;

namespace FukushiIryo.Formats.Tests.Payments;

/// <summary>The accounting (支出命令データ) and detail CSVs byte for byte (interfaces.md §6).</summary>
public sealed class PaymentCsvTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static readonly Encoding Cp932 = CreateCp932();

    private static readonly DateOnly PayDate = new(2026, 12, 10);

    private static readonly PaymentAccountingRow[] AccountingRows =
    [
        new(PayDate, "扶助費", "1000017", "000000123", "0001", "100", AccountType.Ordinary, "7654321", "ｶﾞﾂｺｳ ﾀﾛｳ", 3, 24_030),
        new(PayDate, "扶助費", "1000025", "000000456", "0162", "025", AccountType.Current, "12", "ｷﾖｳ ﾊﾅｺ", 1, 86_430),
        new(PayDate, "扶助費", null, null, "", "", null, "", "ﾅﾗｹﾝｺｸﾎﾚﾝ", 12, 1_234_567), // 現物給付 (D17): not a person
    ];

    private const string AccountingText =
        "支払日,科目,受給者番号,宛名番号,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,件数,金額\r\n"
        + "2026-12-10,扶助費,1000017,000000123,0001,100,1,7654321,ｶﾞﾂｺｳ ﾀﾛｳ,3,24030\r\n"
        + "2026-12-10,扶助費,1000025,000000456,0162,025,2,0000012,ｷﾖｳ ﾊﾅｺ,1,86430\r\n"
        + "2026-12-10,扶助費,,,,,,,ﾅﾗｹﾝｺｸﾎﾚﾝ,12,1234567\r\n";

    // The worked example of rules-research.md §3.3 under a 健保組合 with a 25,000円 附加給付 cap, and a
    // 長期 dental claim with a derived self-pay.
    private static readonly PaymentDetailRow[] DetailRows =
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
            ProcessingMonth = new YearMonth(2026, 11), PayDate = PayDate, ClaimId = 502, RecipientNumber = "1000017", PayeeRecipientNumber = "1000017",
            ServiceMonth = new YearMonth(2026, 10), ProviderCode = "2954321", Kind = ClaimKind.DentalOutpatient, DaysOfCare = null,
            TotalCost = 52_340, SelfPay = 15_700, SelfPayDerived = true, LongTerm = true, LongTermReduction = 5_700, OtherPublicAmount = 300,
            Target = 9_700, Copayment = 500, Subsidy = 9_200,
        },
    ];

    private const string DetailText =
        "処理年月,支払日,レセプトID,受給者番号,支払先受給者番号,診療年月,医療機関コード,点数表,入外,実日数,総医療費,保険自己負担額,算出区分,長期,長期減額,高額療養費,高額療養費推計,附加給付,附加給付推計,他公費,食事療養額,対象額,一部負担金,助成額\r\n"
        + "2026-11,2026-12-10,501,1000033,1000017,2026-09,2912345,医科,入院,20,1000000,300000,記載,0,0,212570,1,62400,1,0,13800,25030,1000,24030\r\n"
        + "2026-11,2026-12-10,502,1000017,1000017,2026-10,2954321,歯科,外来,,52340,15700,算出,1,5700,0,0,0,0,300,0,9700,500,9200\r\n";

    [Fact]
    public void The_accounting_csv_is_utf8_with_a_bom_by_default()
    {
        using var stream = new MemoryStream();
        PaymentAccountingCsv.Write(stream, AccountingRows);

        Assert.Equal([.. Bom, .. Encoding.UTF8.GetBytes(AccountingText)], stream.ToArray());
    }

    [Fact]
    public void The_accounting_csv_in_cp932_has_no_bom()
    {
        byte[] written = PaymentAccountingCsv.Format(AccountingRows, PaymentCsvEncoding.Cp932);

        Assert.Equal(Cp932.GetBytes(AccountingText), written);
        Assert.Equal(new byte[] { 0x8E, 0x78 }, written[..2]); // 支 in Shift_JIS
    }

    [Fact]
    public void The_accounting_header_is_the_contract()
    {
        Assert.Equal("支払日, 科目, 受給者番号, 宛名番号, 金融機関コード, 支店コード, 口座種別, 口座番号, 口座名義カナ, 件数, 金額", string.Join(", ", PaymentAccountingCsv.Columns));
    }

    [Fact]
    public void The_detail_csv_has_every_step_of_the_computation()
    {
        byte[] written = PaymentDetailCsv.Format(DetailRows);

        Assert.Equal([.. Bom, .. Encoding.UTF8.GetBytes(DetailText)], written);
    }

    [Fact]
    public void The_detail_csv_in_cp932()
    {
        using var stream = new MemoryStream();
        PaymentDetailCsv.Write(stream, DetailRows, PaymentCsvEncoding.Cp932);

        Assert.Equal(Cp932.GetBytes(DetailText), stream.ToArray());
    }

    [Fact]
    public void Writing_the_same_rows_twice_gives_the_same_bytes()
    {
        Assert.Equal(PaymentDetailCsv.Format(DetailRows), PaymentDetailCsv.Format(DetailRows.ToArray()));
        Assert.Equal(PaymentAccountingCsv.Format(AccountingRows), PaymentAccountingCsv.Format(AccountingRows.ToArray()));
    }

    [Fact]
    public void A_character_that_cp932_cannot_write_is_replaced_by_the_one_rule_and_reported_in_utf8_kept()
    {
        // ADR 0038 (replacing ADR 0022's refusal): 𠮷 → 吉 by the table, anything else → 〓; one report per character.
        var rows = new[] { AccountingRows[0] with { Subject = "扶助費😀𠮷" } };
        var replaced = new List<FukushiIryo.Domain.Text.Cp932Replacement>();

        var written = Cp932.GetString(PaymentAccountingCsv.Format(rows, PaymentCsvEncoding.Cp932, replaced));

        Assert.EndsWith("扶助費〓吉,1000017,000000123,0001,100,1,7654321,ｶﾞﾂｺｳ ﾀﾛｳ,3,24030\r\n", written, StringComparison.Ordinal);
        Assert.Equal(["2行目: 😀（U+1F600）→ 〓", "2行目: 𠮷（U+20BB7）→ 吉"], replaced.Select(r => r.ToString()));
        Assert.EndsWith("扶助費😀𠮷,1000017,000000123,0001,100,1,7654321,ｶﾞﾂｺｳ ﾀﾛｳ,3,24030\r\n", Encoding.UTF8.GetString(PaymentAccountingCsv.Format(rows)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_with_a_comma_is_quoted_and_a_formula_is_defused()
    {
        var rows = new[] { AccountingRows[0] with { Subject = "扶助費,医療" }, AccountingRows[0] with { Subject = "=HYPERLINK(1)" } };

        string text = Encoding.UTF8.GetString(PaymentAccountingCsv.Format(rows, PaymentCsvEncoding.Utf8WithBom)[3..]);

        Assert.Contains("2026-12-10,\"扶助費,医療\",1000017,", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-10,'=HYPERLINK(1),1000017,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_detail_row_is_made_from_a_claim_and_its_result()
    {
        var claim = new SubsidyClaim
        {
            ClaimId = 7, RecipientId = 3, ServiceMonth = new YearMonth(2026, 9), ProviderCode = "2912345",
            Kind = ClaimKind.Pharmacy, DaysOfCare = 2, TotalCost = 10_000, SelfPay = 3_000, LongTerm = true,
        };
        var result = new SubsidyResult
        {
            ClaimId = 7, TotalCost = 10_000, SelfPay = 3_000, LongTermReduction = 0, HighCostRefund = 0, ExtraBenefit = 0,
            OtherPublicAmount = 0, MealAmount = 0, Target = 3_000, Copayment = 500, Subsidy = 2_500,
        };

        PaymentDetailRow row = PaymentDetailRow.From(new YearMonth(2026, 11), PayDate, "1000033", "1000017", claim, result);
        string line = Encoding.UTF8.GetString(PaymentDetailCsv.Format([row])).Split("\r\n")[1];

        Assert.Equal("2026-11,2026-12-10,7,1000033,1000017,2026-09,2912345,調剤,外来,2,10000,3000,記載,1,0,0,0,0,0,0,0,3000,500,2500", line);
        Assert.Throws<ArgumentException>(() => PaymentDetailRow.From(new YearMonth(2026, 11), PayDate, "1000033", "1000017", claim, result with { ClaimId = 8 }));
    }

    private static Encoding CreateCp932()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }
}
