using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace FukushiIryo.Domain.Text;

/// <summary>One character a CP932 file could not hold, where it was, and what was written instead.</summary>
/// <param name="Line">The 1-based line of the text (one record per line in our CP932 files).</param>
/// <param name="Original">The character as stored (a surrogate pair or a variation selector is one character here).</param>
/// <param name="Replacement">What the file holds instead: the table's character, 〓, or nothing for a variation selector.</param>
public sealed record Cp932Replacement(int Line, string Original, string Replacement)
{
    /// <summary>The code point(s) of <see cref="Original"/>, e.g. <c>U+20BB7</c>.</summary>
    public string CodePoints => string.Join(" ", Original.EnumerateRunes().Select(r => "U+" + r.Value.ToString("X4", CultureInfo.InvariantCulture)));

    /// <summary>The report line: <c>3行目: 𠮷（U+20BB7）→ 吉</c>.</summary>
    public override string ToString() =>
        $"{Line}行目: {Original}（{CodePoints}）→ {(Replacement.Length == 0 ? "（削除）" : Replacement)}";
}

/// <summary>The bytes of a text in CP932 with every replacement made (none when the text fit as it was).</summary>
public sealed record Cp932Encoded(byte[] Bytes, IReadOnlyList<Cp932Replacement> Replacements);

/// <summary>
/// THE encoder of every CP932 file we write (docs/formats/cp932-replacement.md, ADR 0038). Names are stored and
/// shown as typed (UTF-8 in the database, in pages and in PDFs, e.g. 𠮷 U+20BB7); only a CP932 file cannot hold
/// some of them. One rule replaces such a character: a character of <see cref="Variants"/> (common 異体字 of names
/// outside CP932) becomes its CP932 form (𠮷 → 吉); a variation selector (IVS, U+FE00–FE0F, U+E0100–E01EF) is
/// dropped and its base character kept; anything else becomes 〓 (<see cref="Geta"/>, U+3013, the 下駄 of
/// Japanese systems). Every replacement is returned with its line, for the caller to report and audit.
/// </summary>
/// <remarks>
/// The 全銀 file is not written through this rule: it holds half-width カナ only (<see cref="ZenginText"/>), where a
/// character that does not convert is refused before the file is written, never replaced.
/// </remarks>
public static class Cp932Text
{
    /// <summary>〓 (U+3013 GETA MARK, CP932 0x81AC): what a character without a CP932 form becomes.</summary>
    public const string Geta = "\u3013";

    /// <summary>CP932 (Windows-31J) that throws on any character it has no mapping for, never writing '?'.</summary>
    public static Encoding Strict { get; } = CreateStrict();

    /// <summary>
    /// The documented table of 異体字 outside CP932 and the CP932 character written instead: the JIS X 0213
    /// (2004) forms and the 人名 variants most often met in 住基 names, and the seven JIS X 0208 code points that
    /// CP932 writes as other characters (〜 → ～). Each key is outside CP932, each value inside (a test checks both).
    /// </summary>
    public static FrozenDictionary<string, string> Variants { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["\U00020BB7"] = "吉", // 𠮷 (つちよし)
        ["\U0002123D"] = "土", // 𡈽 (土 with a dot)
        ["\U00020B9F"] = "叱", // 𠮟
        ["\U0002363A"] = "橋", // 𣘺
        ["\U0002550E"] = "碕", // 𥔎
        ["\u3402"] = "喜", // 㐂
        ["\u525D"] = "剥", // 剝
        ["\u9830"] = "頬", // 頰
        ["\u5861"] = "填", // 塡
        ["\u9DD7"] = "鴎", // 鷗
        ["\u8523"] = "蒋", // 蔣
        ["\u5653"] = "嘘", // 噓
        ["\u6451"] = "掴", // 摑
        ["\u6F51"] = "溌", // 潑
        ["\u7E6B"] = "繋", // 繫
        ["\u91AC"] = "醤", // 醬
        ["\u5C5B"] = "屏", // 屛
        ["\u4FE0"] = "侠", // 俠
        ["\u7626"] = "痩", // 瘦

        // The JIS X 0208 code points that CP932 maps elsewhere (the same bytes, Windows' characters).
        ["\u301C"] = "\uFF5E", // 〜 WAVE DASH → ～
        ["\u2212"] = "\uFF0D", // − MINUS SIGN → －
        ["\u2016"] = "\u2225", // ‖ → ∥
        ["\u2014"] = "\u2015", // — EM DASH → ―
        ["\u00A2"] = "\uFFE0", // ¢ → ￠
        ["\u00A3"] = "\uFFE1", // £ → ￡
        ["\u00AC"] = "\uFFE2", // ¬ → ￢
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether CP932 holds <paramref name="text"/> as it is (every character maps and reads back the same).</summary>
    public static bool CanHold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return true; // CP932 holds ASCII as it is (the common case: codes, digits, dates).
        }

        try
        {
            return string.Equals(Strict.GetString(Strict.GetBytes(text)), text, StringComparison.Ordinal);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary><paramref name="text"/> with the rule applied; <paramref name="replacements"/> gets one entry per replaced character.</summary>
    /// <param name="firstLine">The line number of the text's first line in its file.</param>
    public static string Fit(string text, ICollection<Cp932Replacement> replacements, int firstLine = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(replacements);
        if (CanHold(text))
        {
            return text;
        }

        var fitted = new StringBuilder(text.Length);
        int line = firstLine;
        foreach (var rune in text.EnumerateRunes())
        {
            var original = rune.ToString();
            if (rune.Value == '\n')
            {
                line++;
            }

            if (CanHold(original))
            {
                fitted.Append(original);
                continue;
            }

            var replacement = IsVariationSelector(rune) ? string.Empty : Variants.GetValueOrDefault(original, Geta);
            replacements.Add(new Cp932Replacement(line, original, replacement));
            fitted.Append(replacement);
        }

        return fitted.ToString();
    }

    /// <summary>The CP932 bytes of <paramref name="text"/> with the rule applied, and the replacements made.</summary>
    public static Cp932Encoded Encode(string text)
    {
        var replacements = new List<Cp932Replacement>();
        var fitted = Fit(text, replacements);
        return new Cp932Encoded(Strict.GetBytes(fitted), replacements);
    }

    private static bool IsVariationSelector(Rune rune) =>
        rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    private static Encoding CreateStrict()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
