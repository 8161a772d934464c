using System.Text;

namespace FukushiIryo.Domain.Text;

/// <summary>
/// Kana normalisation (カナ正規化) for searching and for showing kana names.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ToSearchKey"/> gives the key under which a name is stored and searched. Two texts
/// have the same key when they differ only in:
/// </para>
/// <list type="bullet">
/// <item>全角/半角: the text is put in Unicode NFKC, so half-width katakana become full-width
/// (<c>ｶﾞ</c> → <c>ガ</c>, <c>ｰ</c> → <c>ー</c>), full-width ASCII becomes ASCII
/// (<c>Ａ１</c> → <c>A1</c>). The spacing sound marks <c>゛</c> <c>゜</c> (U+309B/U+309C) are first
/// made combining marks so that <c>カ゛</c> is <c>ガ</c> too.</item>
/// <item>ひらがな/カタカナ: hiragana U+3041–U+3096 and the iteration marks ゝゞ (U+309D–U+309E) are
/// moved by +0x60 to katakana (<c>ゔ</c> → <c>ヴ</c>, <c>ゕ</c> → <c>ヵ</c>).</item>
/// <item>spaces: every white-space character (space, U+3000 全角スペース, tab, …) is removed.</item>
/// <item>small kana (小書き仮名): ァィゥェォ ッ ャュョ ヮ ヵ ヶ become アイウエオ ツ ヤユヨ ワ カ ケ, so that
/// キョウコ, キヨウコ (as a bank writes it) and ｷﾖｳｺ share a key.</item>
/// <item>ASCII case: a–z become A–Z.</item>
/// </list>
/// <para>
/// Not folded, on purpose: ヴ stays ヴ (ヴ and ブ are different spellings that staff search for
/// separately; folding ヴ → ブ alone would not make ヴァ match バ either); ヰ ヱ ヲ stay as they are;
/// the long-vowel mark ー is not equated with a hyphen; the small katakana of U+31F0–U+31FF
/// (Ainu) are not folded. Kanji pass through NFKC unchanged apart from compatibility forms.
/// </para>
/// <para>
/// The key is built one character at a time after NFKC, so for texts <c>a</c> and <c>b</c> where
/// <c>b</c> does not start with a sound mark (ﾞ ﾟ ゛ ゜ or a combining mark),
/// <c>ToSearchKey(a + b) == ToSearchKey(a) + ToSearchKey(b)</c>: the key of a prefix is a prefix
/// of the key, which is what a prefix search needs.
/// </para>
/// </remarks>
public static class KanaNormalizer
{
    private const char CombiningVoicedMark = '\u3099';
    private const char CombiningSemiVoicedMark = '\u309A';
    private const char SpacingVoicedMark = '\u309B';
    private const char SpacingSemiVoicedMark = '\u309C';

    /// <summary>
    /// The search key of <paramref name="text"/>: see the remarks of <see cref="KanaNormalizer"/>
    /// for exactly what is folded.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not valid UTF-16 (a lone surrogate).</exception>
    public static string ToSearchKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = text
            .Replace(SpacingVoicedMark, CombiningVoicedMark)
            .Replace(SpacingSemiVoicedMark, CombiningSemiVoicedMark)
            .Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(normalized.Length);
        foreach (char c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            char k = SmallToLarge(HiraganaToKatakana(c));
            if (k is >= 'a' and <= 'z')
            {
                k = (char)(k - ('a' - 'A'));
            }

            key.Append(k);
        }

        return key.ToString();
    }

    /// <summary>
    /// A kana name for display in full-width katakana: half-width katakana (U+FF61–U+FF9F) become
    /// full-width with their sound marks joined (<c>ﾔﾏﾀﾞ</c> → <c>ヤマダ</c>, <c>ｳﾞ</c> → <c>ヴ</c>,
    /// <c>ｰ</c> → <c>ー</c>, <c>･</c> → <c>・</c>), hiragana become katakana (<c>やまだ</c> → <c>ヤマダ</c>),
    /// and a sound mark (ﾞ ﾟ ゛ ゜ or combining) is joined to the kana before it. A sound mark that
    /// cannot be joined is written as the full-width ゛ / ゜. Everything else (spaces, ASCII,
    /// kanji) is kept as it is.
    /// </summary>
    public static string ToFullWidthKatakana(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\uFF9E' or CombiningVoicedMark or SpacingVoicedMark:
                    AppendSoundMark(result, CombiningVoicedMark, SpacingVoicedMark);
                    break;
                case '\uFF9F' or CombiningSemiVoicedMark or SpacingSemiVoicedMark:
                    AppendSoundMark(result, CombiningSemiVoicedMark, SpacingSemiVoicedMark);
                    break;
                case >= '\uFF61' and <= '\uFF9D':
                    // Every half-width katakana has a one-character full-width compatibility form.
                    result.Append(c.ToString().Normalize(NormalizationForm.FormKC));
                    break;
                default:
                    result.Append(HiraganaToKatakana(c));
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a kana name as the system keeps it: only full-width
    /// katakana (ァ U+30A1 … ヺ U+30FA, which includes ヴ ヵ ヶ ヰ ヱ ヲ), the long-vowel mark ー,
    /// the space and the full-width space U+3000, with at least one katakana. The middle dot ・, the
    /// iteration marks ヽヾ, half-width kana and hiragana are not accepted: pass the text through
    /// <see cref="ToFullWidthKatakana"/> first.
    /// </summary>
    public static bool IsKatakanaName(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        bool hasKatakana = false;
        foreach (char c in text)
        {
            if (c is >= '\u30A1' and <= '\u30FA')
            {
                hasKatakana = true;
            }
            else if (c is not ('ー' or ' ' or '\u3000'))
            {
                return false;
            }
        }

        return hasKatakana;
    }

    /// <summary>Hiragana U+3041–U+3096 and ゝゞ U+309D–U+309E to katakana (+0x60); other characters unchanged.</summary>
    internal static char HiraganaToKatakana(char c) =>
        c is (>= '\u3041' and <= '\u3096') or '\u309D' or '\u309E' ? (char)(c + 0x60) : c;

    /// <summary>Full-width small katakana to the large ones; other characters unchanged.</summary>
    internal static char SmallToLarge(char c) => c switch
    {
        'ァ' => 'ア',
        'ィ' => 'イ',
        'ゥ' => 'ウ',
        'ェ' => 'エ',
        'ォ' => 'オ',
        'ッ' => 'ツ',
        'ャ' => 'ヤ',
        'ュ' => 'ユ',
        'ョ' => 'ヨ',
        'ヮ' => 'ワ',
        'ヵ' => 'カ',
        'ヶ' => 'ケ',
        _ => c,
    };

    private static void AppendSoundMark(StringBuilder result, char combining, char spacing)
    {
        if (result.Length > 0 && !char.IsSurrogate(result[^1]))
        {
            string joined = new string([result[^1], combining]).Normalize(NormalizationForm.FormC);
            if (joined.Length == 1)
            {
                result[^1] = joined[0];
                return;
            }
        }

        result.Append(spacing);
    }

    /// <summary>
    /// A kana name as the 台帳 keeps it: full-width katakana (<see cref="ToFullWidthKatakana"/>), its
    /// words separated by one ideographic space (U+3000, as 住基 writes it), whatever width, script
    /// or spaces the input used: <c>"ﾅﾗ  ﾊﾅｺ"</c>, <c>"なら　はなこ"</c> → <c>"ナラ　ハナコ"</c>.
    /// </summary>
    public static string ToCanonicalName(string kana)
    {
        ArgumentNullException.ThrowIfNull(kana);
        return string.Join('\u3000', ToFullWidthKatakana(kana)
            .Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
