using System.Text;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;

namespace FukushiIryo.Formats.Tests.Payments;

/// <summary>
/// The 全銀 総合振込 file byte by byte (formats.md §3, interfaces.md §6). The expected records are
/// written out field by field below; each field's width is in its comment.
/// </summary>
public sealed class ZenginTransferFileTests
{
    private static readonly Encoding Cp932 = CodePagesEncoding();

    private static readonly ZenginHeader Header = new(
        RequesterCode: "1234567890",
        RequesterName: "ナラシ",
        TransferDate: new DateOnly(2026, 12, 10),
        BankCode: "0162",
        BankName: "ナント",
        BranchCode: "025",
        BranchName: "ナラシヤクシヨ",
        AccountType: AccountType.Ordinary,
        AccountNumber: "1234567");

    // ｶﾞ: dakuten in the name, the bank name and branch from the master in full-width kana.
    private static readonly ZenginTransfer Dakuten = new(
        "0001", "ミズホ", "100", "トウキヨウエイギヨウブ", AccountType.Ordinary, "7654321", "ガッコウ　タロウ", 12_345, "1000017");

    // ｷﾖｳ: small kana written large; 当座 with a short account number.
    private static readonly ZenginTransfer SmallKana = new(
        "0162", "ナント", "025", "ナラシヤクシヨ", AccountType.Current, "12", "キョウ　ハナコ", 8_000, "1000025");

    // 32 bytes once converted; byte 30 is the ｹ of ｹﾞ: cut before it, at 29 bytes. The branch name
    // is 17 bytes; byte 15 is the ｸ of ｸﾞ: cut at 14. ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ shows the master's － as -.
    private static readonly ZenginTransfer LongNames = new(
        "0005", "ミツビシユ－エフジエイ", "123", "ヤマトサイダイジエキマエグチ", AccountType.Savings, "0000001",
        "ヒガシヤマ　アレキサンドリア　エリザベス　ロドリゲス", 1, "1");

    // The 10-digit amount limit.
    private static readonly ZenginTransfer MaxAmount = new(
        "9900", "ユウチヨ", "128", "イチニハチ", AccountType.Ordinary, "1234567", "ﾕｳﾁﾖ ｼﾞﾛｳ", 9_999_999_999, "9999999");

    private static string C(string text, int width) => text.PadRight(width, ' ');

    private static readonly string ExpectedHeader =
        "1" + "21" + "0"
        + "1234567890" // 振込依頼人コード 10
        + C("ﾅﾗｼ", 40) // 振込依頼人名 40
        + "1210" // 振込指定日 MMDD
        + "0162" + C("ﾅﾝﾄ", 15) // 仕向銀行 4 + 15
        + "025" + C("ﾅﾗｼﾔｸｼﾖ", 15) // 仕向支店 3 + 15
        + "1" + "1234567" // 預金種目, 口座番号 7
        + C("", 17);

    private static readonly string ExpectedDakuten =
        "2" + "0001" + C("ﾐｽﾞﾎ", 15) + "100" + C("ﾄｳｷﾖｳｴｲｷﾞﾖｳﾌﾞ", 15)
        + "0000" + "1" + "7654321"
        + C("ｶﾞﾂｺｳ ﾀﾛｳ", 30)
        + "0000012345" + "0" + "0001000017" + C("", 10) + "7" + " " + C("", 7);

    private static readonly string ExpectedSmallKana =
        "2" + "0162" + C("ﾅﾝﾄ", 15) + "025" + C("ﾅﾗｼﾔｸｼﾖ", 15)
        + "0000" + "2" + "0000012"
        + C("ｷﾖｳ ﾊﾅｺ", 30)
        + "0000008000" + "0" + "0001000025" + C("", 10) + "7" + " " + C("", 7);

    private static readonly string ExpectedLongNames =
        "2" + "0005" + C("ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ", 15) + "123" + C("ﾔﾏﾄｻｲﾀﾞｲｼﾞｴｷﾏｴ", 15)
        + "0000" + "4" + "0000001"
        + C("ﾋｶﾞｼﾔﾏ ｱﾚｷｻﾝﾄﾞﾘｱ ｴﾘｻﾞﾍﾞｽ ﾛﾄﾞﾘ", 30)
        + "0000000001" + "0" + "0000000001" + C("", 10) + "7" + " " + C("", 7);

    private static readonly string ExpectedTrailer3 =
        "8" + "000003" + "000000020346" + C("", 101); // 12,345 + 8,000 + 1

    private static readonly string ExpectedEnd = "9" + C("", 119);

    [Fact]
    public void The_file_is_header_data_trailer_end_each_120_bytes_and_crlf()
    {
        byte[] written = Write([Dakuten, SmallKana, LongNames]);

        string[] records = [ExpectedHeader, ExpectedDakuten, ExpectedSmallKana, ExpectedLongNames, ExpectedTrailer3, ExpectedEnd];
        Assert.All(records, r => Assert.Equal(120, Cp932.GetByteCount(r)));
        Assert.Equal(Cp932.GetBytes(string.Concat(records.Select(r => r + "\r\n"))), written);
        Assert.Equal(6 * 122, written.Length);
    }

    [Fact]
    public void Without_newlines_the_records_follow_one_another()
    {
        byte[] written = Write([Dakuten, SmallKana, LongNames], newlines: false);

        Assert.Equal(Cp932.GetBytes(ExpectedHeader + ExpectedDakuten + ExpectedSmallKana + ExpectedLongNames + ExpectedTrailer3 + ExpectedEnd), written);
        Assert.Equal(6 * 120, written.Length);
        Assert.DoesNotContain((byte)'\r', written);
        Assert.DoesNotContain((byte)'\n', written);
    }

    [Fact]
    public void A_dakuten_is_its_own_byte_after_the_base_kana()
    {
        byte[] written = Write([Dakuten]);
        byte[] data = written[122..242];

        // 受取人名 at positions 51–80: ｶ (0xB6) ﾞ (0xDE) ﾂ (0xC2) ｺ (0xBA) ｳ (0xB3) space ﾀ ﾛ ｳ, then spaces.
        Assert.Equal(new byte[] { 0xB6, 0xDE, 0xC2, 0xBA, 0xB3, 0x20, 0xC0, 0xDB, 0xB3 }, data[50..59]);
        Assert.All(data[59..80], b => Assert.Equal(0x20, b));
    }

    [Fact]
    public void A_name_is_cut_at_30_bytes_before_a_kana_whose_dakuten_would_not_fit()
    {
        ZenginName name = ZenginTransferFile.NormalizeName(LongNames.PayeeName, 30);

        Assert.Equal("ﾋｶﾞｼﾔﾏ ｱﾚｷｻﾝﾄﾞﾘｱ ｴﾘｻﾞﾍﾞｽ ﾛﾄﾞﾘ", name.Text);
        Assert.Equal(29, name.Text.Length);
        Assert.True(name.WasCut);
        Assert.True(name.IsComplete);
    }

    [Fact]
    public void A_name_that_fits_exactly_is_not_cut()
    {
        // 30 bytes with its last kana voiced: the ﾞ of ｹﾞ is byte 30.
        ZenginName name = ZenginTransferFile.NormalizeName("ヒガシヤマ　アレキサンドリア　エリザベス　ロドゲ", 30);

        Assert.Equal("ﾋｶﾞｼﾔﾏ ｱﾚｷｻﾝﾄﾞﾘｱ ｴﾘｻﾞﾍﾞｽ ﾛﾄﾞｹﾞ", name.Text);
        Assert.Equal(30, name.Text.Length);
        Assert.False(name.WasCut);
    }

    [Fact]
    public void A_bank_or_branch_name_is_cut_at_15_bytes_without_splitting_a_voiced_kana()
    {
        Assert.Equal("ﾔﾏﾄｻｲﾀﾞｲｼﾞｴｷﾏｴ", ZenginTransferFile.NormalizeName("ヤマトサイダイジエキマエグチ", 15).Text);
        Assert.Equal("ﾄｳｷﾖｳｴｲｷﾞﾖｳﾌﾞ", ZenginTransferFile.NormalizeName("トウキヨウエイギヨウブ", 15).Text);
        Assert.Equal("ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ", ZenginTransferFile.NormalizeName("ミツビシユ－エフジエイ", 15).Text);
    }

    [Theory]
    [InlineData("ヲガワ", "ｵｶﾞﾜ")] // ヲ → ｵ
    [InlineData("ナラ・ハナコ", "ﾅﾗ ﾊﾅｺ")] // ・ → space
    [InlineData("ｷｮｳ ﾊﾅｺ", "ｷﾖｳ ﾊﾅｺ")] // half-width small kana written large
    [InlineData("リー　メイ", "ﾘ- ﾒｲ")] // long vowel → -
    [InlineData("　ナラ　　　ハナコ　", "ﾅﾗ ﾊﾅｺ")] // spaces trimmed and collapsed
    [InlineData("ぱぴぷ", "ﾊﾟﾋﾟﾌﾟ")] // hiragana, 半濁点
    [InlineData("smith john", "SMITH JOHN")] // lowercase → uppercase
    public void Names_are_normalised_to_zengin_characters(string input, string expected) =>
        Assert.Equal(expected, ZenginTransferFile.NormalizeName(input, 30).Text);

    [Fact]
    public void The_10_digit_amount_limit_is_written_and_one_yen_more_is_refused()
    {
        byte[] written = Write([MaxAmount]);
        string data = Cp932.GetString(written[122..242]);
        Assert.Equal("9999999999", data[80..90]);
        Assert.Equal("8" + "000001" + "009999999999" + C("", 101), Cp932.GetString(written[244..364]));

        var over = MaxAmount with { Amount = 10_000_000_000 };
        ZenginProblem problem = Assert.Single(ZenginTransferFile.Check(over));
        Assert.Equal("振込金額", problem.Field);
        Assert.Equal("10000000000", problem.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_amount_under_one_yen_is_refused(long amount)
    {
        ZenginProblem problem = Assert.Single(ZenginTransferFile.Check(SmallKana with { Amount = amount }));
        Assert.Equal("振込金額", problem.Field);
    }

    [Fact]
    public void The_trailer_totals_count_and_amount()
    {
        byte[] written = Write([Dakuten, SmallKana, LongNames, MaxAmount]);
        string trailer = Cp932.GetString(written[(5 * 122)..((5 * 122) + 120)]);

        // 12,345 + 8,000 + 1 + 9,999,999,999 = 10,000,020,345
        Assert.Equal("8" + "000004" + "010000020345" + C("", 101), trailer);
    }

    [Fact]
    public void A_file_without_transfers_has_a_zero_trailer()
    {
        byte[] written = Write([]);

        Assert.Equal(Cp932.GetBytes(ExpectedHeader + "\r\n" + "8" + "000000" + "000000000000" + C("", 101) + "\r\n" + ExpectedEnd + "\r\n"), written);
    }

    [Fact]
    public void A_writable_transfer_has_no_problems()
    {
        Assert.Empty(ZenginTransferFile.Check(Header));
        Assert.All(new[] { Dakuten, SmallKana, LongNames, MaxAmount }, t => Assert.Empty(ZenginTransferFile.Check(t)));
    }

    [Fact]
    public void A_payee_name_with_a_character_that_cannot_be_written_is_reported_with_that_character()
    {
        ZenginProblem problem = Assert.Single(ZenginTransferFile.Check(Dakuten with { PayeeName = "髙橋　ハナコ" }));

        Assert.Equal("受取人名", problem.Field);
        Assert.Equal("髙橋", problem.Value);
        Assert.Contains("髙橋", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("　 ")]
    public void An_empty_payee_name_is_reported(string name)
    {
        ZenginProblem problem = Assert.Single(ZenginTransferFile.Check(Dakuten with { PayeeName = name }));
        Assert.Equal("受取人名", problem.Field);
    }

    [Theory]
    [InlineData("016A", "025", "1234567", "1", "被仕向銀行番号")]
    [InlineData("162", "025", "1234567", "1", "被仕向銀行番号")]
    [InlineData("0162", "25", "1234567", "1", "被仕向支店番号")]
    [InlineData("0162", "025", "12345678", "1", "口座番号")] // 7-digit overflow
    [InlineData("0162", "025", "0000000", "1", "口座番号")]
    [InlineData("0162", "025", "12-4567", "1", "口座番号")]
    [InlineData("0162", "025", "１２３４５６７", "1", "口座番号")] // full-width digits are not written
    [InlineData("0162", "025", "1234567", "12345678901", "顧客コード1")]
    [InlineData("0162", "025", "1234567", "R100001", "顧客コード1")]
    [InlineData("0162", "025", "1234567", "", "顧客コード1")]
    public void A_code_that_is_not_the_right_digits_is_reported(string bank, string branch, string account, string customer, string field)
    {
        var transfer = SmallKana with { BankCode = bank, BranchCode = branch, AccountNumber = account, CustomerCode = customer };

        ZenginProblem problem = Assert.Single(ZenginTransferFile.Check(transfer));
        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public void An_unknown_account_type_is_reported() =>
        Assert.Equal("預金種目", Assert.Single(ZenginTransferFile.Check(SmallKana with { AccountType = (AccountType)3 })).Field);

    [Fact]
    public void A_branch_name_with_a_kanji_is_reported()
    {
        ZenginProblem problem = Assert.Single(ZenginTransferFile.Check(MaxAmount with { BranchName = "一二八" }));
        Assert.Equal("被仕向支店名", problem.Field);
        Assert.Equal("一二八", problem.Value);
    }

    [Fact]
    public void Write_refuses_an_unwritable_record_and_writes_nothing()
    {
        using var stream = new MemoryStream();
        var bad = SmallKana with { PayeeName = "奈良　花子" };

        var e = Assert.Throws<ZenginRecordException>(() => ZenginTransferFile.Write(stream, Header, [Dakuten, bad]));

        Assert.Equal(0, stream.Length);
        Assert.Equal("受取人名", Assert.Single(e.Problems).Field);
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_refuses_an_unwritable_header()
    {
        using var stream = new MemoryStream();
        var e = Assert.Throws<ZenginRecordException>(() => ZenginTransferFile.Write(stream, Header with { RequesterCode = "12345678901" }, [Dakuten]));

        Assert.Equal(0, stream.Length);
        Assert.Equal("振込依頼人コード", Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void Writing_twice_gives_the_same_bytes() =>
        Assert.Equal(Write([Dakuten, SmallKana, LongNames]), Write([Dakuten, SmallKana, LongNames]));

    private static byte[] Write(IReadOnlyList<ZenginTransfer> transfers, bool newlines = true)
    {
        using var stream = new MemoryStream();
        ZenginTransferFile.Write(stream, Header, transfers, newlines);
        return stream.ToArray();
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }
}
