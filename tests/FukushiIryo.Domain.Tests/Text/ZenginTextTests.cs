using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Domain.Tests.Text;

public class ZenginTextTests
{
    // The CP932 bytes of the 全銀 characters of formats.md §3.1.
    private static readonly HashSet<byte> AllowedBytes = BuildAllowedBytes();

    [Theory]
    [InlineData("キョウコ", "ｷﾖｳｺ")] // small kana → large
    [InlineData("キュウヨ", "ｷﾕｳﾖ")]
    [InlineData("ガッコウ", "ｶﾞﾂｺｳ")]
    [InlineData("ァィゥェォッャュョヮヵヶ", "ｱｲｳｴｵﾂﾔﾕﾖﾜｶｹ")]
    [InlineData("ｧｨｩｪｫｯｬｭｮ", "ｱｲｳｴｵﾂﾔﾕﾖ")]
    [InlineData("ルーシー", "ﾙ-ｼ-")] // 長音 → '-'
    [InlineData("ﾙｰｼｰ", "ﾙ-ｼ-")]
    [InlineData("パン", "ﾊﾟﾝ")]
    [InlineData("ヲ", "ｵ")]
    [InlineData("ｦ", "ｵ")]
    [InlineData("ヰヱ", "ｲｴ")]
    [InlineData("ヴァン", "ｳﾞｱﾝ")]
    [InlineData("ヷヸヹヺ", "ﾜﾞｲﾞｴﾞｵﾞ")]
    [InlineData("ジョン・スミス", "ｼﾞﾖﾝ ｽﾐｽ")] // ・ → space
    [InlineData("ｼﾞｮﾝ･ｽﾐｽ", "ｼﾞﾖﾝ ｽﾐｽ")]
    [InlineData("やまだ　はなこ", "ﾔﾏﾀﾞ ﾊﾅｺ")] // hiragana, full-width space
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ", "ﾔﾏﾀﾞ ﾊﾅｺ")]
    [InlineData("ゔ", "ｳﾞ")]
    [InlineData("カ\u3099", "ｶﾞ")] // combining 濁点
    [InlineData("か゛", "ｶﾞ")] // spacing 濁点
    [InlineData("ハ゜", "ﾊﾟ")]
    [InlineData("mary ann", "MARY ANN")] // lowercase → uppercase
    [InlineData("ｍａｒｙ　ＡＮＮ", "MARY ANN")]
    [InlineData("Ａ－１（２）．／", "A-1(2)./")]
    [InlineData("ミツビシユ－エフジエイ", "ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ")] // the bank master's 三菱ＵＦＪ
    [InlineData("ザモ－ルセンダイナガマチ", "ｻﾞﾓ-ﾙｾﾝﾀﾞｲﾅｶﾞﾏﾁ")]
    [InlineData("ﾆｼ\u2010ﾋｶﾞｼ", "ﾆｼ-ﾋｶﾞｼ")]
    [InlineData("", "")]
    [InlineData("  ｱ  ", "  ｱ  ")] // spaces are not trimmed
    public void Converts_kana_names(string name, string expected)
    {
        ZenginConversion result = ZenginText.Convert(name);

        Assert.Equal(expected, result.Text);
        Assert.True(result.IsComplete);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Every_full_width_katakana_has_its_Zengin_form()
    {
        ZenginConversion result = ZenginText.Convert(
            "ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヷヸヹヺ");

        Assert.Empty(result.Rejected);
        Assert.Equal(
            "ｱｱｲｲｳｳｴｴｵｵｶｶﾞｷｷﾞｸｸﾞｹｹﾞｺｺﾞｻｻﾞｼｼﾞｽｽﾞｾｾﾞｿｿﾞﾀﾀﾞﾁﾁﾞﾂﾂﾂﾞﾃﾃﾞﾄﾄﾞﾅﾆﾇﾈﾉﾊﾊﾞﾊﾟﾋﾋﾞﾋﾟﾌﾌﾞﾌﾟﾍﾍﾞﾍﾟﾎﾎﾞﾎﾟﾏﾐﾑﾒﾓﾔﾔﾕﾕﾖﾖﾗﾘﾙﾚﾛﾜﾜｲｴｵﾝｳﾞｶｹﾜﾞｲﾞｴﾞｵﾞ",
            result.Text);
    }

    [Theory]
    [InlineData("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ ()-./")]
    [InlineData("ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ")]
    [InlineData("ﾅﾝﾄｷﾞﾝｺｳ  ﾊﾟﾝ(ｶ ")]
    public void Text_already_in_Zengin_form_is_kept_as_it_is(string text)
    {
        ZenginConversion result = ZenginText.Convert(text);

        Assert.Equal(text, result.Text);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Kanji_is_rejected_not_dropped()
    {
        ZenginConversion result = ZenginText.Convert("山田 ハナコ");

        Assert.False(result.IsComplete);
        Assert.Equal([new ZenginRejection(0, "山"), new ZenginRejection(1, "田")], result.Rejected);
        Assert.Equal(" ﾊﾅｺ", result.Text);
    }

    [Fact]
    public void An_emoji_is_rejected_as_one_character()
    {
        ZenginConversion result = ZenginText.Convert("ハナ😀コ");

        Assert.Equal([new ZenginRejection(2, "😀")], result.Rejected);
        Assert.Equal("ﾊﾅｺ", result.Text);
    }

    [Theory]
    [InlineData("ﾞｱ", 0, "ﾞ")] // a 濁点 with no kana before it
    [InlineData("A゛", 1, "゛")]
    [InlineData(" \u309A", 1, "\u309A")]
    [InlineData("ｶﾞﾞ", 2, "ﾞ")]
    [InlineData("A&B", 1, "&")]
    [InlineData("ﾊﾅｺ,", 3, ",")]
    [InlineData("ﾊﾅ\tｺ", 2, "\t")]
    [InlineData("ｻヽｷ", 1, "ヽ")]
    [InlineData("ﾊﾅ｢ｺ", 2, "｢")] // some banks take 「」; the common subset does not
    public void Characters_without_a_Zengin_form_are_rejected(string text, int index, string character)
    {
        ZenginConversion result = ZenginText.Convert(text);

        Assert.Equal([new ZenginRejection(index, character)], result.Rejected);
    }

    [Fact]
    public void A_lone_surrogate_is_rejected()
    {
        string text = "ﾊﾅ" + '\uD800' + "ｺ"; // invalid UTF-16 (built here: an attribute cannot hold it)

        ZenginConversion result = ZenginText.Convert(text);

        Assert.Equal([new ZenginRejection(2, "\uD800")], result.Rejected);
        Assert.Equal("ﾊﾅｺ", result.Text);
    }

    [Fact]
    public void A_voiced_kana_is_two_bytes()
    {
        Assert.Equal([0xB6, 0xDE], ZenginText.ToCp932Bytes(ZenginText.Convert("ガ").Text));
        Assert.Equal([0xCA, 0xDF], ZenginText.ToCp932Bytes(ZenginText.Convert("パ").Text));
        Assert.Equal(5, ZenginText.ToCp932Bytes(ZenginText.Convert("ガッコウ").Text).Length); // ｶﾞﾂｺｳ
    }

    [Fact]
    public void Cp932_bytes_of_the_allowed_characters()
    {
        Assert.Equal(
            [0x30, 0x39, 0x41, 0x5A, 0xB1, 0xDD, 0xDE, 0xDF, 0x20, 0x28, 0x29, 0x2D, 0x2E, 0x2F],
            ZenginText.ToCp932Bytes("09AZｱﾝﾞﾟ ()-./"));
    }

    [Theory]
    [InlineData("ア")] // full-width: two bytes
    [InlineData("ｶ山")]
    [InlineData("€")] // not in CP932
    [InlineData("\u00A5")] // ¥ would come back as '\'
    public void Cp932_refuses_characters_that_are_not_one_byte(string text)
    {
        Assert.Throws<ArgumentException>(() => ZenginText.ToCp932Bytes(text));
    }

    [Fact]
    public void A_name_whose_31st_byte_is_a_mark_is_cut_before_its_base()
    {
        // ジョゼフィーヌ・アレクサンドラ・ヴァンデンバーグ is 31 bytes in 全銀 characters:
        //   ｼﾞﾖｾﾞﾌｲ-ﾇ ｱﾚｸｻﾝﾄﾞﾗ ｳﾞｱﾝﾃﾞﾝﾊﾞ-ｸﾞ
        // byte 30 is ｸ and byte 31 its ﾞ. ｸ alone would be a different name, so ｸ goes too:
        // 29 bytes, then a space to fill the 30-byte 受取人名 field.
        string name = ZenginText.Convert("ジョゼフィーヌ・アレクサンドラ・ヴァンデンバーグ").Text;
        Assert.Equal(31, name.Length);
        Assert.Equal('ｸ', name[29]);
        Assert.Equal(ZenginText.VoicedMark, name[30]);

        Assert.Equal("ｼﾞﾖｾﾞﾌｲ-ﾇ ｱﾚｸｻﾝﾄﾞﾗ ｳﾞｱﾝﾃﾞﾝﾊﾞ-", ZenginText.FitToBytes(name, 30));
        Assert.Equal("ｼﾞﾖｾﾞﾌｲ-ﾇ ｱﾚｸｻﾝﾄﾞﾗ ｳﾞｱﾝﾃﾞﾝﾊﾞ- ", ZenginText.PadToBytes(name, 30));
    }

    [Fact]
    public void A_name_whose_30th_byte_is_a_mark_keeps_it()
    {
        // マリア・ガブリエラ・フェルナンデス・デ・ロドリゲス: ｹ is byte 29 and its ﾞ byte 30, ｽ byte 31.
        string name = ZenginText.Convert("マリア・ガブリエラ・フェルナンデス・デ・ロドリゲス").Text;
        Assert.Equal(31, name.Length);
        Assert.Equal(ZenginText.VoicedMark, name[29]);

        Assert.Equal("ﾏﾘｱ ｶﾞﾌﾞﾘｴﾗ ﾌｴﾙﾅﾝﾃﾞｽ ﾃﾞ ﾛﾄﾞﾘｹﾞ", ZenginText.FitToBytes(name, 30));
        Assert.Equal(30, ZenginText.PadToBytes(name, 30).Length);
    }

    [Theory]
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ", 30, "ﾔﾏﾀﾞ ﾊﾅｺ")]
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ", 8, "ﾔﾏﾀﾞ ﾊﾅｺ")]
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ", 7, "ﾔﾏﾀﾞ ﾊﾅ")]
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ", 4, "ﾔﾏﾀﾞ")]
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ", 3, "ﾔﾏ")] // ﾀ would be byte 3, its ﾞ byte 4
    [InlineData("ｶﾞ", 1, "")]
    [InlineData("ｶﾞ", 0, "")]
    [InlineData("", 5, "")]
    public void FitToBytes_examples(string text, int maxBytes, string expected)
    {
        Assert.Equal(expected, ZenginText.FitToBytes(text, maxBytes));
        Assert.Equal(expected.PadRight(maxBytes), ZenginText.PadToBytes(text, maxBytes));
    }

    [Theory]
    [InlineData("ﾞｱ")]
    [InlineData(" ﾞ")]
    [InlineData("ガ")]
    [InlineData("abc")]
    [InlineData("ｧ")]
    [InlineData("ｰ")]
    public void FitToBytes_refuses_text_that_is_not_well_formed(string text)
    {
        Assert.Throws<ArgumentException>(() => ZenginText.FitToBytes(text, 10));
    }

    [Fact]
    public void FitToBytes_refuses_a_negative_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ZenginText.FitToBytes("ｱ", -1));
    }

    [Property(MaxTest = 300)]
    public Property Converted_text_is_only_allowed_bytes() =>
        Prop.ForAll(KanaGen.AnyText.ToArbitrary(), text =>
        {
            string converted = ZenginText.Convert(text).Text;
            byte[] bytes = ZenginText.ToCp932Bytes(converted);
            return ZenginText.IsWellFormed(converted)
                && bytes.Length == converted.Length
                && bytes.All(AllowedBytes.Contains);
        });

    [Property(MaxTest = 300)]
    public Property Rejections_point_at_the_input() =>
        Prop.ForAll(KanaGen.AnyText.ToArbitrary(), text =>
        {
            var rejected = ZenginText.Convert(text).Rejected;
            return rejected.All(r => string.Equals(text.Substring(r.Index, r.Character.Length), r.Character, StringComparison.Ordinal))
                && rejected.Select(r => r.Index).SequenceEqual(rejected.Select(r => r.Index).Order().Distinct());
        });

    [Property]
    public Property Kana_names_convert_completely() =>
        Prop.ForAll(KanaGen.ConvertibleText.ToArbitrary(), text => ZenginText.Convert(text).IsComplete);

    [Property]
    public Property Converted_kana_name_has_the_same_search_key_up_to_the_written_forms() =>
        // 全銀 writes small kana large (the key folds them too); beyond that it changes only
        // ヲヰヱ (and ヸヹヺ), the 長音 and ・, which are left out here.
        Prop.ForAll(
            Gen.ArrayOf(Gen.Elements(KanaGen.ConvertibleTokens.Where(t =>
                    t.IndexOfAny(['ヲ', 'ｦ', 'を', 'ヰ', 'ゐ', 'ヱ', 'ゑ', 'ヺ', 'ヸ', 'ヹ', 'ー', 'ｰ', '・', '･']) < 0)
                .ToArray()))
                .Select(string.Concat)
                .ToArbitrary(),
            text => string.Equals(
                KanaNormalizer.ToSearchKey(ZenginText.Convert(text).Text),
                KanaNormalizer.ToSearchKey(text),
                StringComparison.Ordinal));

    [Property(MaxTest = 300)]
    public Property FitToBytes_never_exceeds_and_never_splits_a_voiced_kana() =>
        Prop.ForAll(
            KanaGen.ConvertibleText.Select(t => ZenginText.Convert(t).Text).ToArbitrary(),
            Gen.Choose(0, 40).ToArbitrary(),
            (text, maxBytes) =>
            {
                string fitted = ZenginText.FitToBytes(text, maxBytes);
                bool isPrefix = text.StartsWith(fitted, StringComparison.Ordinal);
                bool withinLimit = ZenginText.ToCp932Bytes(fitted).Length <= maxBytes;
                bool startsWithoutMark = fitted.Length == 0 || !IsMark(fitted[0]);

                // A kana at the end keeps its mark: the next character of the input is not a mark.
                bool markNotCutOff = fitted.Length == text.Length || !IsMark(text[fitted.Length]);

                // Nothing more is cut than needed: the whole text, the limit, or one short of it.
                bool cutsLeast = fitted.Length == text.Length || fitted.Length >= maxBytes - 1;
                string padded = ZenginText.PadToBytes(text, maxBytes);
                bool padsExactly = padded.Length == maxBytes
                    && string.Equals(padded, fitted.PadRight(maxBytes), StringComparison.Ordinal);
                return (isPrefix && withinLimit && startsWithoutMark && markNotCutOff && cutsLeast && padsExactly
                        && ZenginText.IsWellFormed(fitted))
                    .Label($"'{text}' to {maxBytes}: '{fitted}'");
            });

    private static bool IsMark(char c) => c is ZenginText.VoicedMark or ZenginText.SemiVoicedMark;

    private static HashSet<byte> BuildAllowedBytes()
    {
        var bytes = new HashSet<byte>();
        for (int b = '0'; b <= '9'; b++)
        {
            bytes.Add((byte)b);
        }

        for (int b = 'A'; b <= 'Z'; b++)
        {
            bytes.Add((byte)b);
        }

        for (int b = 0xB1; b <= 0xDF; b++) // ｱ … ﾝ, ﾞ, ﾟ
        {
            bytes.Add((byte)b);
        }

        foreach (char c in " ()-./")
        {
            bytes.Add((byte)c);
        }

        return bytes;
    }
}
