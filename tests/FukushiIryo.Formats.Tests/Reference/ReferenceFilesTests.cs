using System.IO.Compression;
using System.Text;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Reference;

namespace FukushiIryo.Formats.Tests.Reference;

/// <summary>The reference-file codecs on the shipped files and the real Nara extracts (formats.md §4, §5).</summary>
public sealed class ReferenceFilesTests
{
    private static string Shipped(string file) => Path.Combine(AppContext.BaseDirectory, "Shipped", file);

    private static string JapanPost(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "japanpost", file);

    [Theory]
    [InlineData("banks.csv", ReferenceDataKind.Banks, 65001)]
    [InlineData("branches.csv", ReferenceDataKind.Branches, 65001)]
    [InlineData("utf_ken_all.zip", ReferenceDataKind.PostalAddresses, 65001)]
    [InlineData("29NARA_JIGYOSYO.CSV", ReferenceDataKind.LargeOffices, 932)]
    public void The_shipped_files_are_recognised_with_their_encoding(string file, ReferenceDataKind kind, int codePage)
    {
        using var source = ReferenceSource.Open(Shipped(file));
        var table = Assert.Single(source.Tables);
        Assert.Equal(kind, table.Kind);
        Assert.Equal(codePage, table.Encoding.CodePage);
    }

    [Fact]
    public void A_ken_all_extract_in_cp932_is_recognised_as_postal_addresses()
    {
        using var source = ReferenceSource.Open(JapanPost("29NARA_KEN_ALL.CSV"));
        var table = Assert.Single(source.Tables);
        Assert.Equal(ReferenceDataKind.PostalAddresses, table.Kind);
        Assert.Equal(932, table.Encoding.CodePage);
    }

    [Fact]
    public void The_shipped_bank_master_has_every_bank_and_branch_and_each_kana_name_has_a_zengin_form()
    {
        var errors = new ReferenceErrorLog();
        using var banksSource = ReferenceSource.Open(Shipped("banks.csv"));
        using var banksReader = banksSource.Tables[0].OpenText();
        var banks = ZenginCodeCsv.ReadBanks(banksReader, "banks.csv", errors).ToList();
        using var branchesSource = ReferenceSource.Open(Shipped("branches.csv"));
        using var branchesReader = branchesSource.Tables[0].OpenText();
        var branches = ZenginCodeCsv.ReadBranches(branchesReader, "branches.csv", errors).ToList();

        Assert.Equal(0, errors.Count);
        Assert.Equal(1146, banks.Count);
        Assert.Equal(31219, branches.Count);
        Assert.Contains(new BankRecord(banks.Single(b => b.BankCode == "0162").Line, "0162", "ナント", "南都"), banks);
        Assert.Contains(branches, b => b is { BankCode: "0162", BranchCode: "025", Kana: "ナラシヤクシヨ", Name: "奈良市役所出張所" });
        Assert.All(banks.Select(b => b.Kana).Concat(branches.Select(b => b.Kana)), kana => Assert.True(ZenginText.Convert(kana).IsComplete, kana));
    }

    [Fact]
    public void The_whole_shipped_utf_ken_all_reads_without_error()
    {
        var errors = new ReferenceErrorLog();
        using var source = ReferenceSource.Open(Shipped("utf_ken_all.zip"));
        using var reader = source.Tables[0].OpenText();
        var count = 0;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in JapanPostCsv.ReadAddresses(reader, "utf_ken_all.csv", errors))
        {
            count++;
            codes.Add(record.PostalCode);
        }

        Assert.Equal(0, errors.Count);
        Assert.Equal(124511, count);
        Assert.Contains("6308012", codes); // 奈良市 二条大路南 (630-8501 is 奈良県庁, a 大口事業所: not in KEN_ALL)
        Assert.Contains("0600000", codes);
    }

    [Fact]
    public void The_split_lines_of_ken_all_join_into_the_same_records_as_utf_ken_all()
    {
        var fromKenAll = ReadAddresses(JapanPost("29NARA_KEN_ALL.CSV"));
        var fromUtf = ReadAddresses(JapanPost("29NARA_utf_ken_all.csv"));

        Assert.Equal(1930, fromUtf.Count);
        Assert.Equal(1930, fromKenAll.Count);
        for (var i = 0; i < fromUtf.Count; i++)
        {
            Assert.Equal(fromUtf[i] with { Line = 0 }, fromKenAll[i] with { Line = 0 });
        }

        // 中町 of 奈良市 takes eight lines of KEN_ALL.CSV (formats.md §5).
        var nakamachi = Assert.Single(fromKenAll, a => a.PostalCode == "6308037");
        Assert.StartsWith("中町（５１１５～５１４９、５１７１、", nakamachi.Town, StringComparison.Ordinal);
        Assert.EndsWith("、５４８２～５５２９）", nakamachi.Town, StringComparison.Ordinal);
        Assert.StartsWith("ナカマチ（５１１５－５１４９、", nakamachi.TownKana, StringComparison.Ordinal);
        Assert.Equal("奈良県", nakamachi.Prefecture);
        Assert.Equal("ナラケン", nakamachi.PrefectureKana);
        Assert.Equal("中町", JapanPostCsv.DisplayTown(nakamachi.Town, nakamachi.City));
    }

    [Fact]
    public void A_continuation_line_that_repeats_the_kana_does_not_repeat_it_in_the_joined_record()
    {
        // 京都市上京区 一町目: KEN_ALL writes the whole kana again on the continuation line.
        const string lines =
            "26102,\"602  \",\"6028134\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｶﾐｷﾞｮｳｸ\",\"ｲｯﾁｮｳﾒ\",\"京都府\",\"京都市上京区\",\"一町目（大宮通椹木町下る、大宮通丸太町上る、椹木町通大宮西\",0,0,0,0,0,0\r\n" +
            "26102,\"602  \",\"6028134\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｶﾐｷﾞｮｳｸ\",\"ｲｯﾁｮｳﾒ\",\"京都府\",\"京都市上京区\",\"入、丸太町通大宮東入）\",0,0,0,0,0,0\r\n" +
            "26102,\"602  \",\"6028103\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｶﾐｷﾞｮｳｸ\",\"ｲｯﾁｮｳﾒ(ﾏﾂﾔﾏﾁﾄﾞｵﾘﾃﾞﾐｽﾞｻｶﾞﾙ､ﾏﾂﾔﾏﾁﾄﾞｵﾘｼﾓﾀﾞﾁｳﾘｱｶﾞﾙ)\",\"京都府\",\"京都市上京区\",\"一町目（松屋町通出水下る、松屋町通下立売上る）\",0,0,0,0,0,0\r\n";
        var records = ReadAddresses(InputEncoding.StrictCp932.GetBytes(lines), "KEN_ALL.CSV");

        Assert.Equal(2, records.Count);
        Assert.Equal("一町目（大宮通椹木町下る、大宮通丸太町上る、椹木町通大宮西入、丸太町通大宮東入）", records[0].Town);
        Assert.Equal("イッチョウメ", records[0].TownKana);
        Assert.Equal("キョウトシカミギョウク", records[0].CityKana);
        Assert.Equal(1, records[0].Line);
        Assert.Equal("イッチョウメ（マツヤマチドオリデミズサガル、マツヤマチドオリシモダチウリアガル）", records[1].TownKana);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void A_split_town_that_never_closes_is_an_error()
    {
        const string lines =
            "29201,\"630  \",\"6308037\",\"ﾅﾗｹﾝ\",\"ﾅﾗｼ\",\"ﾅｶﾏﾁ(5115\",\"奈良県\",\"奈良市\",\"中町（５１１５\",1,0,0,0,0,0\r\n" +
            "29201,\"630  \",\"6308001\",\"ﾅﾗｹﾝ\",\"ﾅﾗｼ\",\"ｱｵﾔﾏ\",\"奈良県\",\"奈良市\",\"青山\",0,0,1,0,0,0\r\n";
        var errors = new ReferenceErrorLog();
        var records = ReadAddresses(InputEncoding.StrictCp932.GetBytes(lines), "KEN_ALL.CSV", errors);

        Assert.Equal("青山", Assert.Single(records).Town);
        var error = Assert.Single(errors.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal("町域名", error.Column);
    }

    [Fact]
    public void A_value_longer_than_its_database_column_is_an_error_of_its_line()
    {
        var town = new string('町', ReferenceFieldLimits.Town + 1);
        var lines = $"29201,\"630  \",\"6308012\",\"ﾅﾗｹﾝ\",\"ﾅﾗｼ\",\"ﾆｼﾞｮｳ\",\"奈良県\",\"奈良市\",\"{town}\",0,0,1,0,0,0\r\n";
        var errors = new ReferenceErrorLog();
        Assert.Empty(ReadAddresses(InputEncoding.StrictCp932.GetBytes(lines), "KEN_ALL.CSV", errors));
        Assert.Equal((1L, "町域名"), (Assert.Single(errors.Errors).Line, errors.Errors[0].Column));
    }

    [Fact]
    public void The_large_office_list_reads_with_its_kana_made_full_width()
    {
        var errors = new ReferenceErrorLog();
        using var source = ReferenceSource.Open(Shipped("29NARA_JIGYOSYO.CSV"));
        using var reader = source.Tables[0].OpenText();
        var offices = JapanPostCsv.ReadLargeOffices(reader, "29NARA_JIGYOSYO.CSV", errors).ToList();

        Assert.Equal(0, errors.Count);
        Assert.Equal(169, offices.Count);
        var cityHall = Assert.Single(offices, o => o.PostalCode == "6308580");
        Assert.Equal(
            new LargeOfficeRecord(cityHall.Line, "29201", "ナラシヤクシヨ", "奈良市役所", "奈良県", "奈良市", "二条大路南", "１丁目１－１", "6308580", "奈良中央", false, false),
            cityHall);
        Assert.Contains(offices, o => o.IsPostOfficeBox);
        Assert.Equal("アサヒシンブン　ナラソウキヨク", offices.Single(o => o.PostalCode == "6308536").OfficeNameKana);
    }

    [Theory]
    [InlineData("以下に掲載がない場合", "奈良市", "")]
    [InlineData("利島村一円", "利島村", "")]
    [InlineData("美濃市の次に番地がくる場合", "美濃市", "")]
    [InlineData("大通西（１～１９丁目）", "札幌市中央区", "大通西")]
    [InlineData("藤野（４００、４００－２番地）", "相模原市緑区", "藤野")]
    [InlineData("青山", "奈良市", "青山")]
    [InlineData("一円", "某町", "一円")]
    public void The_town_shown_drops_the_catch_all_lines_and_the_notes(string town, string city, string shown)
    {
        Assert.Equal(shown, JapanPostCsv.DisplayTown(town, city));
    }

    [Fact]
    public void Kana_and_text_are_normalised_to_what_cp932_writes()
    {
        Assert.Equal("ナカマチ（５１１５－５１４９、５１７１）", JapanPostCsv.NormalizeKana("ﾅｶﾏﾁ(5115-5149､5171)"));
        Assert.Equal("ナカマチ（５１１５－５１４９、５１７１）", JapanPostCsv.NormalizeKana("ナカマチ（５１１５\u2212５１４９、５１７１）"));
        Assert.Equal("中町（５１１５～５１４９、５２７６－４）", JapanPostCsv.NormalizeText("中町（５１１５\u301C５１４９、５２７６\u2212４）"));
        Assert.Equal("ガッコウ　ダイ", JapanPostCsv.NormalizeKana("ｶﾞｯｺｳ ﾀﾞｲ"));
    }

    [Fact]
    public void A_zip_holding_banks_and_branches_gives_both_tables()
    {
        using var zip = Zip(
            ("data/banks.csv", "bank_code,kana,name,hira,roma\n0162,ナント,南都,なんと,nanto\n"),
            ("data/branches.csv", "bank_code,branch_code,kana,name\n0162,025,ナラシヤクシヨ,奈良市役所出張所\n"),
            ("readme.txt", "not a table"));
        using var source = ReferenceSource.Open(zip, "zengin.zip");

        Assert.Equal([ReferenceDataKind.Banks, ReferenceDataKind.Branches], source.Tables.Select(t => t.Kind));
        Assert.Equal(["data/banks.csv", "data/branches.csv"], source.Tables.Select(t => t.Name));
    }

    [Fact]
    public void Quoted_fields_a_bom_and_columns_in_another_order_are_read()
    {
        const string text = "\uFEFFname,kana,branch_code,bank_code\r\n\"奈良市役所出張所\",\"ナラシヤクシヨ\",025,0162\n\"本店, 営業部\",\"ホンテン\",010,0162\r\n";
        using var source = ReferenceSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "branches.csv");
        var table = Assert.Single(source.Tables);
        Assert.Equal(ReferenceDataKind.Branches, table.Kind);
        var errors = new ReferenceErrorLog();
        using var reader = table.OpenText();
        var branches = ZenginCodeCsv.ReadBranches(reader, "branches.csv", errors).ToList();

        Assert.Equal(0, errors.Count);
        Assert.Equal(
            [new BranchRecord(2, "0162", "025", "ナラシヤクシヨ", "奈良市役所出張所"), new BranchRecord(3, "0162", "010", "ホンテン", "本店, 営業部")],
            branches);
    }

    [Fact]
    public void Unreadable_lines_are_reported_with_their_line_and_skipped()
    {
        const string text = "bank_code,kana,name\n0162,ナント,南都\n162,ナント,南都\n0163,,\n0164,ア,イ,余分\n";
        var errors = new ReferenceErrorLog();
        var banks = ZenginCodeCsv.ReadBanks(new StringReader(text), "banks.csv", errors).ToList();

        Assert.Equal("0162", Assert.Single(banks).BankCode);
        Assert.Equal([(3L, "bank_code"), (4L, "kana"), (4L, "name"), (5L, null)], errors.Errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public void A_header_without_a_required_column_is_an_error_of_the_whole_file()
    {
        var errors = new ReferenceErrorLog();
        var banks = ZenginCodeCsv.ReadBanks(new StringReader("bank_code,name\n0162,南都\n"), "banks.csv", errors).ToList();

        Assert.Empty(banks);
        Assert.Equal("kana", Assert.Single(errors.Errors).Value);
    }

    [Fact]
    public void A_file_of_another_kind_is_refused()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("宛名番号,氏名\n000123,奈良 花子\n"));
        var exception = Assert.Throws<ReferenceDataException>(() => ReferenceSource.Open(stream, "residents.csv"));
        Assert.Contains("判別できません", exception.Message, StringComparison.Ordinal);
    }

    private static List<PostalAddressRecord> ReadAddresses(string path)
    {
        var errors = new ReferenceErrorLog();
        using var source = ReferenceSource.Open(path);
        using var reader = source.Tables[0].OpenText();
        var records = JapanPostCsv.ReadAddresses(reader, Path.GetFileName(path), errors).ToList();
        Assert.Equal(0, errors.Count);
        return records;
    }

    private static List<PostalAddressRecord> ReadAddresses(byte[] bytes, string name, ReferenceErrorLog? errors = null)
    {
        errors ??= new ReferenceErrorLog();
        using var source = ReferenceSource.Open(new MemoryStream(bytes), name);
        using var reader = source.Tables[0].OpenText();
        return JapanPostCsv.ReadAddresses(reader, name, errors).ToList();
    }

    private static MemoryStream Zip(params (string Name, string Text)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
