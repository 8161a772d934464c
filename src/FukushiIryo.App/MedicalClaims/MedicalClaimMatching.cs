using System.Text;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.MedicalClaims;

/// <summary>The identity keys a claim carries, as read (any of them may be missing).</summary>
public sealed record MedicalClaimKeys(
    string? RecipientNumber,
    DateOnly? BirthDate,
    string? KanaName,
    string? InsurerNumber,
    string? CardSymbol,
    string? CardNumber);

/// <summary>An insurance card of a candidate (保険者番号, 記号, 番号).</summary>
public sealed record CandidateCard(string InsurerNumber, string? CardSymbol, string? CardNumber);

/// <summary>A recipient that may be the claim's person: 受給者番号, the person's birth date and kana, and their insurance cards.</summary>
public sealed record MatchCandidate(
    long RecipientId,
    string RecipientNumber,
    DateOnly BirthDate,
    string KanaName,
    IReadOnlyList<CandidateCard> Cards);

/// <summary>The result: a link (照合済), a suggestion for staff (要確認) or nothing (照合不能), with the reason.</summary>
public sealed record MatchResult(MedicalClaimMatchStatus Status, long? RecipientId, long? SuggestedRecipientId, string Reason)
{
    public static MatchResult Linked(long id, string reason) => new(MedicalClaimMatchStatus.Matched, id, null, reason);

    public static MatchResult Review(long? suggested, string reason) => new(MedicalClaimMatchStatus.NeedsReview, null, suggested, reason);

    public static MatchResult None(string reason) => new(MedicalClaimMatchStatus.Unmatched, null, null, reason);
}

/// <summary>
/// 突合 (interfaces.md §5, P3): links a claim to a recipient by identity, whatever the dates. Pure:
/// the caller loads the candidates (by 受給者番号, by insurance keys, by kana and birth date).
/// <list type="number">
/// <item>A 受給者番号 that names a recipient <b>and</b> an agreeing birth date or kana name: 照合済.
/// The number naming a recipient with neither agreeing: 要確認 (suggested, never linked).</item>
/// <item>Without a 受給者番号: 保険者番号, 記号・番号 and birth date together, of exactly one
/// recipient: 照合済; of two or more: 要確認. A 受給者番号 that names nobody contradicts the
/// insurance keys: their agreement is then 要確認, not a link.</item>
/// <item>Kana and birth date alone: 要確認, never linked.</item>
/// <item>Otherwise 照合不能 (kept).</item>
/// </list>
/// Eligibility is not looked at: a recipient whose eligibility does not cover the 診療年月 is still
/// linked; 資格期間外 is a check rule's finding, not a matching one.
/// </summary>
public static class MedicalClaimMatching
{
    public static MatchResult Match(MedicalClaimKeys keys, IEnumerable<MatchCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Match(keys, new MatchCandidateIndex(candidates));
    }

    /// <summary>As <see cref="Match(MedicalClaimKeys, IEnumerable{MatchCandidate})"/>, against candidates indexed once for a whole batch of claims.</summary>
    public static MatchResult Match(MedicalClaimKeys keys, MatchCandidateIndex candidates)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(candidates);
        string? number = Clean(keys.RecipientNumber);
        string? kanaKey = null;
        bool kanaKeyMade = false;
        string? Kana()
        {
            // The kana search key is made only when a rule needs it (most claims link by number and birth date).
            if (!kanaKeyMade)
            {
                kanaKey = keys.KanaName is { } k && !string.IsNullOrWhiteSpace(k) ? KanaNormalizer.ToSearchKey(k) : null;
                kanaKeyMade = true;
            }

            return kanaKey;
        }

        if (number is not null)
        {
            var named = candidates.ByNumber(number);
            if (named.Count == 1)
            {
                int candidate = named.First;
                long recipientId = candidates.RecipientIdAt(candidate);
                bool birthAgrees = keys.BirthDate is { } birth && candidates.BirthDateAt(candidate) == birth;
                if (birthAgrees || (Kana() is { } kana && candidates.KanaKeyAt(candidate) == kana))
                {
                    return MatchResult.Linked(recipientId, birthAgrees ? "受給者番号と生年月日が一致" : "受給者番号と氏名カナが一致");
                }

                return MatchResult.Review(recipientId, "受給者番号は一致するが生年月日・氏名カナが一致しない");
            }
        }

        string? insurer = NormalizeInsurer(keys.InsurerNumber);
        string? symbol = Clean(keys.CardSymbol);
        string? card = Clean(keys.CardNumber);
        if (insurer is not null && card is not null && keys.BirthDate is { } cardBirth)
        {
            var byCard = candidates.ByCard(cardBirth, insurer, symbol, card);
            if (byCard.Count == 1)
            {
                return number is null
                    ? MatchResult.Linked(candidates.RecipientIdAt(byCard.First), "保険者番号・記号番号・生年月日が一致")
                    : MatchResult.Review(candidates.RecipientIdAt(byCard.First), "保険者番号・記号番号・生年月日は一致するが受給者番号が台帳にない");
            }

            if (byCard.Count > 1)
            {
                return MatchResult.Review(null, "保険者番号・記号番号・生年月日が一致する受給者が複数");
            }
        }

        var weak = keys.BirthDate is { } weakBirth && Kana() is { } weakKana ? candidates.ByBirthAndKana(weakBirth, weakKana) : default;
        return weak.Count switch
        {
            1 => MatchResult.Review(candidates.RecipientIdAt(weak.First), "氏名カナと生年月日だけが一致（弱い一致）"),
            > 1 => MatchResult.Review(null, "氏名カナと生年月日が一致する受給者が複数"),
            _ => MatchResult.None(number is null ? "一致する受給者がいない" : "受給者番号が台帳にない"),
        };
    }

    /// <summary>保険者番号 as compared: digits only, an 8-digit number beginning <c>00</c> read as the 6-digit 国保 number.</summary>
    public static string? NormalizeInsurer(string? text)
    {
        string? digits = Clean(text);
        return digits is { Length: 8 } && digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    private static bool IsPlainAscii(string text)
    {
        foreach (char c in text)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>NFKC, spaces removed; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (IsPlainAscii(text))
        {
            return text; // already clean: ASCII is NFKC-stable, and nothing to remove
        }

        var normalized = Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (char c in normalized)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }
}
