using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Domain.Tests.Text;

public class KanaNormalizerTests
{
    [Theory]
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ")]
    [InlineData("やまだ　はなこ")]
    [InlineData("ヤマダハナコ")]
    [InlineData("ヤマダ ハナコ")]
    [InlineData("ヤマダ　ハナコ")]
    [InlineData("やまﾀﾞ ハナこ")]
    [InlineData(" ヤマダ\tハナコ ")]
    [InlineData("ヤマタ\u3099ハナコ")] // combining 濁点
    [InlineData("ヤマタ゛ハナコ")] // spacing 濁点 U+309B
    public void Search_key_ignores_width_script_and_spaces(string name)
    {
        Assert.Equal("ヤマダハナコ", KanaNormalizer.ToSearchKey(name));
    }

    [Theory]
    [InlineData("キョウコ")]
    [InlineData("キヨウコ")] // as a bank writes the 口座名義
    [InlineData("ｷﾖｳｺ")]
    [InlineData("ｷｮｳｺ")]
    [InlineData("きょうこ")]
    public void Search_key_folds_small_kana_to_large(string name)
    {
        Assert.Equal("キヨウコ", KanaNormalizer.ToSearchKey(name));
    }

    [Theory]
    [InlineData("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")]
    [InlineData("ぁぃぅぇぉっゃゅょゎゕゖ", "アイウエオツヤユヨワカケ")]
    [InlineData("ゔぁん", "ヴアン")] // ゔ → ヴ, but ヴ is not folded to ブ
    [InlineData("ｳﾞｧﾝ", "ヴアン")]
    [InlineData("ヴ", "ヴ")]
    [InlineData("ブ", "ブ")]
    [InlineData("ヲ", "ヲ")]
    [InlineData("ルーシー", "ルーシー")]
    [InlineData("ﾙｰｼｰ", "ルーシー")]
    [InlineData("Ａｂｃ　１２３", "ABC123")]
    [InlineData("mary ann", "MARYANN")]
    [InlineData("山田 花子", "山田花子")]
    [InlineData("", "")]
    public void Search_key_examples(string text, string key)
    {
        Assert.Equal(key, KanaNormalizer.ToSearchKey(text));
    }

    [Property]
    public Property Key_of_a_prefix_is_a_prefix_of_the_key() =>
        Prop.ForAll(KanaGen.ConvertibleTokenLists.ToArbitrary(), tokens =>
        {
            string whole = KanaNormalizer.ToSearchKey(string.Concat(tokens));
            for (int k = 0; k <= tokens.Length; k++)
            {
                string prefixKey = KanaNormalizer.ToSearchKey(string.Concat(tokens[..k]));
                string restKey = KanaNormalizer.ToSearchKey(string.Concat(tokens[k..]));
                if (!whole.StartsWith(prefixKey, StringComparison.Ordinal)
                    || !string.Equals(whole, prefixKey + restKey, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        });

    [Property]
    public Property Key_has_no_spaces_hiragana_small_kana_or_lowercase() =>
        Prop.ForAll(KanaGen.ConvertibleText.ToArbitrary(), text =>
            KanaNormalizer.ToSearchKey(text).All(c =>
                !char.IsWhiteSpace(c)
                && c is not (>= 'ぁ' and <= 'ゖ')
                && c is not (>= 'a' and <= 'z')
                && "ァィゥェォッャュョヮヵヶ".IndexOf(c, StringComparison.Ordinal) < 0));

    [Property]
    public Property Key_is_idempotent() =>
        Prop.ForAll(KanaGen.ConvertibleText.ToArbitrary(), text =>
        {
            string key = KanaNormalizer.ToSearchKey(text);
            return string.Equals(KanaNormalizer.ToSearchKey(key), key, StringComparison.Ordinal);
        });

    [Property]
    public Property Display_form_has_the_same_key() =>
        Prop.ForAll(KanaGen.ConvertibleText.ToArbitrary(), text =>
            string.Equals(
                KanaNormalizer.ToSearchKey(KanaNormalizer.ToFullWidthKatakana(text)),
                KanaNormalizer.ToSearchKey(text),
                StringComparison.Ordinal));

    [Theory]
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダ ハナコ")]
    [InlineData("やまだ　はなこ", "ヤマダ　ハナコ")]
    [InlineData("ヤマダ ハナコ", "ヤマダ ハナコ")]
    [InlineData("ｳﾞｨｯﾄ", "ヴィット")]
    [InlineData("ﾊﾟｰｸ", "パーク")]
    [InlineData("ｼﾞｮﾝ･ｽﾐｽ", "ジョン・スミス")]
    [InlineData("か゛き\u3099", "ガギ")]
    [InlineData("ゔぁん", "ヴァン")]
    [InlineData("ｱﾞ", "ア゛")] // no ア with 濁点: the mark is kept, full-width
    [InlineData("ﾞｱ", "゛ア")]
    [InlineData("山田 ﾀﾛｳ", "山田 タロウ")]
    [InlineData("ABC 123", "ABC 123")]
    [InlineData("", "")]
    public void Full_width_katakana_for_display(string text, string expected)
    {
        Assert.Equal(expected, KanaNormalizer.ToFullWidthKatakana(text));
    }

    [Theory]
    [InlineData("ヤマダ ハナコ")]
    [InlineData("ヤマダ　ハナコ")]
    [InlineData("ルーシー")]
    [InlineData("ヴァン")]
    [InlineData("ヲヰヱヵヶ")]
    [InlineData("ア")]
    public void Katakana_names_are_accepted(string name)
    {
        Assert.True(KanaNormalizer.IsKatakanaName(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("　")]
    [InlineData("ー")]
    [InlineData("やまだ")]
    [InlineData("ﾔﾏﾀﾞ")]
    [InlineData("山田")]
    [InlineData("ジョン・スミス")]
    [InlineData("ABC")]
    [InlineData("ヤマダ\tハナコ")]
    [InlineData("サヽキ")]
    public void Other_texts_are_not_katakana_names(string? name)
    {
        Assert.False(KanaNormalizer.IsKatakanaName(name));
    }

    [Property]
    public Property Hiragana_and_half_width_kana_become_katakana_names() =>
        Prop.ForAll(
            Gen.NonEmptyListOf(Gen.Elements(
                    "ぁ", "あ", "が", "ゔ", "ゖ", "ん", "ｦ", "ｧ", "ｱ", "ｶﾞ", "ﾊﾟ", "ｳﾞ", "ﾝ", "ｰ", "ー", "ア", "ヺ", " ", "　"))
                .Select(tokens => "ア" + string.Concat(tokens))
                .ToArbitrary(),
            text => KanaNormalizer.IsKatakanaName(KanaNormalizer.ToFullWidthKatakana(text)));
}

public sealed class KanaCanonicalNameTests
{
    [Theory]
    [InlineData("ﾅﾗ ﾊﾅｺ", "ナラ　ハナコ")]
    [InlineData("なら　はなこ", "ナラ　ハナコ")]
    [InlineData("  ナラ   ハナコ ", "ナラ　ハナコ")]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ")]
    [InlineData("スミス　ジョン　マイケル", "スミス　ジョン　マイケル")]
    public void A_kana_name_is_kept_in_full_width_katakana_with_ideographic_spaces(string input, string expected) =>
        Assert.Equal(expected, FukushiIryo.Domain.Text.KanaNormalizer.ToCanonicalName(input));
}
