using System.Text;

namespace FukushiIryo.Domain.Text;

/// <summary>
/// Text in the 全銀 (Zengin) character set: the JIS X 0201 half-width characters allowed in a 全銀
/// 総合振込 file's name fields (受取人名, 依頼人名, 銀行名, 支店名; formats.md §3.1):
/// <c>0-9</c>, <c>A-Z</c>, <c>ｱ-ﾝ</c>, <c>ﾞ</c> <c>ﾟ</c>, space and <c>( ) - . /</c>.
/// Each of these is one byte in CP932, so a byte count is a character count.
/// </summary>
/// <remarks>
/// Legal-entity abbreviations (株式会社 → <c>ｶ)</c> prefix / <c>(ｶ</c> suffix, 有限会社 <c>ﾕ)</c> /
/// <c>(ﾕ</c>, mid-name <c>(ｶ)</c>; formats.md §3.1) are not applied here: recipients and payees are
/// persons, and a kanji 株式会社 in a name is rejected like any other kanji. Add them here if legal
/// entities are ever paid.
/// </remarks>
public static class ZenginText
{
    /// <summary>The half-width voiced sound mark 濁点 ﾞ (U+FF9E), one byte of its own.</summary>
    public const char VoicedMark = '\uFF9E';

    /// <summary>The half-width semi-voiced sound mark 半濁点 ﾟ (U+FF9F), one byte of its own.</summary>
    public const char SemiVoicedMark = '\uFF9F';

    private const char FirstKana = '\uFF71'; // ｱ
    private const char LastKana = '\uFF9D'; // ﾝ

    // The full-width katakana of ｱ (U+FF71) … ﾝ (U+FF9D), in code-point order.
    private const string LargeKatakana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

    private static readonly Dictionary<char, char> HalfWidthOfKatakana = BuildHalfWidthOfKatakana();

    // The 全銀 form of each full-width katakana ァ (U+30A1) … ヺ (U+30FA), worked out once (NFD, small → large,
    // half-width, mark; every one of the 90 has a form): a payment run converts every payee's name
    // twice, and the normalisation per character was most of that (bench/README.md, session 9).
    private static readonly string[] ZenginOfKatakana = BuildZenginOfKatakana();

    private static readonly Lazy<Encoding> Cp932 = new(() => Cp932Text.Strict);

    /// <summary>Whether <paramref name="c"/> is one of the 全銀 characters of formats.md §3.1.</summary>
    public static bool IsAllowed(char c) =>
        c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= FirstKana and <= LastKana)
            or VoicedMark or SemiVoicedMark or ' ' or '(' or ')' or '-' or '.' or '/';

    /// <summary>
    /// Whether <paramref name="text"/> is well-formed 全銀 text: every character is allowed
    /// (<see cref="IsAllowed(char)"/>) and each ﾞ / ﾟ comes right after a kana <c>ｱ-ﾝ</c>.
    /// Everything <see cref="Convert"/> returns is well-formed.
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsAllowed(c))
            {
                return false;
            }

            if (IsSoundMark(c) && (i == 0 || !IsHalfWidthKana(text[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Converts a kana name to 全銀 characters, one input character at a time:
    /// <list type="bullet">
    /// <item>full-width katakana, hiragana and half-width katakana → half-width katakana; a voiced
    /// kana becomes two characters, base and mark (<c>ガ</c> → <c>ｶﾞ</c>, <c>パ</c> → <c>ﾊﾟ</c>,
    /// <c>ヴ</c> → <c>ｳﾞ</c>, <c>ヷ</c> → <c>ﾜﾞ</c>);</item>
    /// <item>small kana → large (<c>ァ</c> → <c>ｱ</c>, <c>ャ</c> → <c>ﾔ</c>, <c>ッ</c> → <c>ﾂ</c>,
    /// <c>ヮ</c> → <c>ﾜ</c>, <c>ヵ</c> → <c>ｶ</c>, <c>ヶ</c> → <c>ｹ</c>, and half-width <c>ｧ-ｯ</c>);</item>
    /// <item><c>ヲ</c> / <c>ｦ</c> → <c>ｵ</c>, <c>ヰ</c> → <c>ｲ</c>, <c>ヱ</c> → <c>ｴ</c>;</item>
    /// <item>the long-vowel mark <c>ー</c> / <c>ｰ</c> and the dashes ‐ ‑ ‒ – — ― − (U+2010–U+2015,
    /// U+2212) → <c>-</c>;</item>
    /// <item><c>・</c> / <c>･</c> and the full-width space U+3000 → space;</item>
    /// <item>full-width ASCII → ASCII, lowercase → uppercase; of the ASCII punctuation only
    /// <c>( ) - . /</c> are kept;</item>
    /// <item>a sound mark (ﾞ ﾟ ゛ ゜ or combining U+3099/U+309A) is kept when it follows a kana.</item>
    /// </list>
    /// Anything else (kanji, emoji, other symbols, controls, a sound mark with no kana before it,
    /// invalid UTF-16) is not converted but reported in <see cref="ZenginConversion.Rejected"/>.
    /// Spaces are kept as they are (not trimmed or collapsed); cutting and padding to a field's
    /// length is <see cref="FitToBytes"/> / <see cref="PadToBytes"/>.
    /// </summary>
    public static ZenginConversion Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsWellFormed(text))
        {
            return new ZenginConversion(text, []); // each allowed character converts to itself (a bank master's names, mostly)
        }

        var output = new StringBuilder(text.Length + 4);
        var rejected = new List<ZenginRejection>();
        int index = 0;
        while (index < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(index), out Rune rune, out int consumed);
            bool converted = status == System.Buffers.OperationStatus.Done
                && rune.IsBmp
                && TryAppend((char)rune.Value, output);
            if (!converted)
            {
                rejected.Add(new ZenginRejection(index, text.Substring(index, consumed)));
            }

            index += consumed;
        }

        return new ZenginConversion(output.ToString(), rejected);
    }

    /// <summary>
    /// Cuts well-formed 全銀 text (<see cref="IsWellFormed"/>) to at most <paramref name="maxBytes"/>
    /// bytes (one byte per character). A voiced kana is never split: when the ﾞ / ﾟ of the last
    /// kana that would fit does not fit, that kana is cut too (<c>ｶﾞ</c> needs two bytes or none).
    /// Text that fits is returned unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not well-formed 全銀 text.</exception>
    public static string FitToBytes(string halfWidth, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(halfWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (!IsWellFormed(halfWidth))
        {
            throw new ArgumentException("The text is not well-formed Zengin text.", nameof(halfWidth));
        }

        if (halfWidth.Length <= maxBytes)
        {
            return halfWidth;
        }

        int cut = maxBytes;
        if (IsSoundMark(halfWidth[cut]))
        {
            cut--; // the mark of the kana at cut - 1 does not fit: drop that kana too
        }

        return halfWidth[..cut];
    }

    /// <summary>
    /// <see cref="FitToBytes"/>, then spaces on the right up to exactly <paramref name="bytes"/>
    /// bytes: the form of a left-aligned, space-filled field (type C, formats.md §3).
    /// </summary>
    /// <exception cref="ArgumentException">The text is not well-formed 全銀 text.</exception>
    public static string PadToBytes(string halfWidth, int bytes) =>
        FitToBytes(halfWidth, bytes).PadRight(bytes, ' ');

    /// <summary>
    /// The CP932 (Shift_JIS, JIS X 0201 for these characters) bytes of <paramref name="text"/>,
    /// one byte per character.
    /// </summary>
    /// <exception cref="ArgumentException">A character has no single-byte CP932 form (a
    /// full-width character, or one CP932 cannot write or would write as something else).</exception>
    public static byte[] ToCp932Bytes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Encoding encoding = Cp932.Value;
        byte[] bytes;
        try
        {
            bytes = encoding.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The text has a character that CP932 cannot write.", nameof(text), e);
        }

        if (bytes.Length != text.Length)
        {
            throw new ArgumentException("The text has a character that is not one byte in CP932.", nameof(text));
        }

        if (!string.Equals(encoding.GetString(bytes), text, StringComparison.Ordinal))
        {
            throw new ArgumentException("The text has a character that CP932 writes as another character.", nameof(text));
        }

        return bytes;
    }

    internal static bool IsSoundMark(char c) => c is VoicedMark or SemiVoicedMark;

    private static bool IsHalfWidthKana(char c) => c is >= FirstKana and <= LastKana;

    private static bool TryAppend(char c, StringBuilder output)
    {
        switch (c)
        {
            case ' ' or '\u3000' or '・' or '\uFF65':
                output.Append(' ');
                return true;
            case 'ー' or '\uFF70' or (>= '\u2010' and <= '\u2015') or '\u2212':
                output.Append('-');
                return true;
            case '\uFF9E' or '\u3099' or '\u309B':
                return TryAppendSoundMark(VoicedMark, output);
            case '\uFF9F' or '\u309A' or '\u309C':
                return TryAppendSoundMark(SemiVoicedMark, output);
            case >= '\uFF01' and <= '\uFF5E':
                return TryAppendAscii((char)(c - 0xFEE0), output);
            case >= '!' and <= '~':
                return TryAppendAscii(c, output);
            case >= '\uFF66' and <= '\uFF6F': // ｦ and the small ｧ-ｯ
                output.Append(HalfWidthOfKatakana[KanaNormalizer.SmallToLarge(c.ToString().Normalize(NormalizationForm.FormKC)[0])]);
                return true;
            case >= FirstKana and <= LastKana:
                output.Append(c);
                return true;
            default:
                return TryAppendKatakana(KanaNormalizer.HiraganaToKatakana(c), output);
        }
    }

    private static bool TryAppendAscii(char c, StringBuilder output)
    {
        char upper = c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c;
        if (!IsAllowed(upper))
        {
            return false;
        }

        output.Append(upper);
        return true;
    }

    private static bool TryAppendKatakana(char c, StringBuilder output)
    {
        if (c is < '\u30A1' or > '\u30FA')
        {
            return false;
        }

        output.Append(ZenginOfKatakana[c - '\u30A1']);
        return true;
    }

    private static bool TryAppendSoundMark(char mark, StringBuilder output)
    {
        if (output.Length == 0 || !IsHalfWidthKana(output[^1]))
        {
            return false;
        }

        output.Append(mark);
        return true;
    }

    private static string[] BuildZenginOfKatakana()
    {
        var table = new string[0x30FA - 0x30A1 + 1];
        for (int i = 0; i < table.Length; i++)
        {
            // NFD splits a voiced kana into its base and a combining mark: ガ → カ + U+3099, ヴ → ウ + U+3099.
            string decomposed = ((char)(0x30A1 + i)).ToString().Normalize(NormalizationForm.FormD);
            char halfWidth = HalfWidthOfKatakana[KanaNormalizer.SmallToLarge(decomposed[0])];
            table[i] = decomposed.Length > 1
                ? new string([halfWidth, decomposed[1] == '\u3099' ? VoicedMark : SemiVoicedMark])
                : halfWidth.ToString();
        }

        return table;
    }

    private static Dictionary<char, char> BuildHalfWidthOfKatakana()
    {
        var map = new Dictionary<char, char>();
        for (int i = 0; i < LargeKatakana.Length; i++)
        {
            map.Add(LargeKatakana[i], (char)(FirstKana + i));
        }

        map.Add('ヰ', 'ｲ');
        map.Add('ヱ', 'ｴ');
        map.Add('ヲ', 'ｵ');
        return map;
    }
}
