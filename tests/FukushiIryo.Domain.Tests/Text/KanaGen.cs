using FsCheck;
using FsCheck.Fluent;

namespace FukushiIryo.Domain.Tests.Text;

/// <summary>Generators of name-like texts for the Text properties.</summary>
internal static class KanaGen
{
    /// <summary>
    /// Whole characters as people type kana names: full-width and half-width katakana (a voiced
    /// half-width kana is one token, <c>ｶﾞ</c>), hiragana, small kana, ー, ・, ASCII and full-width
    /// letters and digits, the allowed punctuation and both spaces. Every token can be written in
    /// 全銀 characters, and no token starts with a sound mark.
    /// </summary>
    public static readonly string[] ConvertibleTokens = BuildConvertibleTokens();

    /// <summary>Characters with no 全銀 form: kanji, emoji, symbols, controls, a lone sound mark.</summary>
    public static readonly string[] UnconvertibleTokens =
    [
        "山", "田", "花", "子", "髙", "﨑", "😀", "👨‍👩‍👧", "&", ",", "!", "'", "\t", "\n", "€", "¥", "。", "「", "ゝ", "ヽ", "ﾞ", "゜", "\u3099",
        "\uD800", "ㇰ", "Ω",
    ];

    public static Gen<string[]> ConvertibleTokenLists =>
        Gen.ArrayOf(Gen.Elements(ConvertibleTokens));

    public static Gen<string> ConvertibleText =>
        ConvertibleTokenLists.Select(string.Concat);

    /// <summary>Mostly convertible tokens with some unconvertible ones and random BMP characters.</summary>
    public static Gen<string> AnyText =>
        Gen.ArrayOf(Gen.Frequency(
                (8, Gen.Elements(ConvertibleTokens)),
                (2, Gen.Elements(UnconvertibleTokens)),
                (1, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()))))
            .Select(string.Concat);

    private static string[] BuildConvertibleTokens()
    {
        var tokens = new List<string>();
        for (char c = 'ァ'; c <= 'ヺ'; c++)
        {
            tokens.Add(c.ToString());
        }

        for (char c = 'ぁ'; c <= 'ゖ'; c++)
        {
            tokens.Add(c.ToString());
        }

        for (char c = 'ｦ'; c <= 'ﾝ'; c++)
        {
            tokens.Add(c.ToString());
        }

        tokens.AddRange(["ｶﾞ", "ﾊﾟ", "ｳﾞ", "ｻﾞ", "ﾎﾟ", "ｱﾞ", "か\u3099", "ハ\u309A", "カ゛", "ー", "ｰ", "・", "･", " ", "\u3000"]);
        tokens.AddRange(["A", "Z", "a", "z", "0", "9", "Ａ", "ｚ", "５", "(", ")", "-", ".", "/", "（", "－", "／"]);
        return [.. tokens];
    }
}
