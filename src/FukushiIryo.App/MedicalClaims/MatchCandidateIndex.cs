using System.Runtime.InteropServices;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.MedicalClaims;

/// <summary>
/// The candidates of a batch of claims, or of the whole ledger (台帳), indexed once (by 受給者番号, by
/// birth date and kana key, by birth date and insurance keys) so that matching a claim is a few
/// look-ups, not a scan. A candidate is taken once (the first of the same recipient id).
/// <para>
/// Compact, since the whole ledger holds about 250,000 candidates for 100,000 households (ADR 0025):
/// a candidate is a slot in flat arrays (recipient id, birth date, kana key), not an object; each
/// dictionary maps a key to its first slot and the slots of the same key are chained through an
/// int array (no list per key); an all-digit 受給者番号 is keyed as a number (its digits and length),
/// so its string is not kept; kana keys, 保険者番号 and 記号 are shared strings (one per distinct value).
/// </para>
/// </summary>
public sealed class MatchCandidateIndex
{
    private const int None = -1;

    private readonly Dictionary<long, int> byDigitNumber = [];
    private readonly Dictionary<string, int> byOtherNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<(DateOnly Birth, string KanaKey), int> byBirthAndKana = [];
    private readonly Dictionary<(DateOnly Birth, string Insurer, string? Symbol, string Number), int> byCard = [];

    // One slot per candidate.
    private long[] recipientIds = new long[16];
    private DateOnly[] birthDates = new DateOnly[16];
    private string[] kanaKeys = new string[16];
    private int[] nextOfNumber = new int[16];
    private int[] nextOfBirthAndKana = new int[16];
    private int count;

    // One hit per (card key, candidate): the candidate's slot and the next hit of the same key.
    private int[] cardSlots = new int[16];
    private int[] nextOfCard = new int[16];
    private int cardCount;

    // Shared strings while the index is built (dropped by Seal).
    private Dictionary<string, string>? strings = new(StringComparer.Ordinal);

    /// <summary>An empty index, filled by <see cref="Add"/> and <see cref="AddCard"/>, then <see cref="Seal"/>ed.</summary>
    public MatchCandidateIndex()
    {
    }

    public MatchCandidateIndex(IEnumerable<MatchCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var seen = new HashSet<long>();
        foreach (var candidate in candidates)
        {
            if (!seen.Add(candidate.RecipientId))
            {
                continue;
            }

            int slot = Add(candidate.RecipientId, candidate.RecipientNumber, candidate.BirthDate, KanaKeyOf(candidate.KanaName));
            foreach (var card in candidate.Cards)
            {
                AddCard(slot, card.InsurerNumber, card.CardSymbol, card.CardNumber);
            }
        }

        Seal();
    }

    /// <summary>The number of candidates.</summary>
    public int Count => count;

    /// <summary>The number of (card key, candidate) entries.</summary>
    public int CardEntries => cardCount;

    /// <summary>The kana search key of a name (<see cref="KanaNormalizer.ToSearchKey"/>), shared with equal keys while the index is built.</summary>
    public string KanaKeyOf(string nameKana) => Shared(KanaNormalizer.ToSearchKey(nameKana));

    /// <summary>Adds a candidate (the caller takes each recipient once); returns its slot, for <see cref="AddCard"/>.</summary>
    public int Add(long recipientId, string recipientNumber, DateOnly birthDate, string kanaKey)
    {
        ArgumentNullException.ThrowIfNull(recipientNumber);
        ArgumentNullException.ThrowIfNull(kanaKey);
        if (count == recipientIds.Length)
        {
            int size = count * 2;
            Array.Resize(ref recipientIds, size);
            Array.Resize(ref birthDates, size);
            Array.Resize(ref kanaKeys, size);
            Array.Resize(ref nextOfNumber, size);
            Array.Resize(ref nextOfBirthAndKana, size);
        }

        int slot = count++;
        recipientIds[slot] = recipientId;
        birthDates[slot] = birthDate;
        kanaKeys[slot] = kanaKey;
        nextOfNumber[slot] = DigitKey(recipientNumber) is { } digits ? Push(byDigitNumber, digits, slot) : Push(byOtherNumber, recipientNumber, slot);
        nextOfBirthAndKana[slot] = Push(byBirthAndKana, (birthDate, kanaKey), slot);
        return slot;
    }

    /// <summary>Adds an insurance card (保険者番号, 記号, 番号) of the candidate in <paramref name="slot"/>; a card without 保険者番号 or 番号 is not indexed.</summary>
    public void AddCard(int slot, string? insurerNumber, string? cardSymbol, string? cardNumber)
    {
        if (MedicalClaimMatching.NormalizeInsurer(insurerNumber) is not { } insurer || MedicalClaimMatching.Clean(cardNumber) is not { } number)
        {
            return;
        }

        var key = (birthDates[slot], Shared(insurer), MedicalClaimMatching.Clean(cardSymbol) is { } symbol ? Shared(symbol) : null, number);
        if (byCard.TryGetValue(key, out int head))
        {
            for (int hit = head; hit != None; hit = nextOfCard[hit])
            {
                if (cardSlots[hit] == slot)
                {
                    return; // the same card twice
                }
            }
        }
        else
        {
            head = None;
        }

        if (cardCount == cardSlots.Length)
        {
            Array.Resize(ref cardSlots, cardCount * 2);
            Array.Resize(ref nextOfCard, cardCount * 2);
        }

        cardSlots[cardCount] = slot;
        nextOfCard[cardCount] = head;
        byCard[key] = cardCount++;
    }

    /// <summary>Ends building: drops the table of shared strings.</summary>
    public void Seal() => strings = null;

    internal Hits ByNumber(string number)
    {
        bool found = DigitKey(number) is { } digits ? byDigitNumber.TryGetValue(digits, out int head) : byOtherNumber.TryGetValue(number, out head);
        return found ? Chain(head, nextOfNumber) : default;
    }

    internal Hits ByBirthAndKana(DateOnly birth, string kanaKey) =>
        byBirthAndKana.TryGetValue((birth, kanaKey), out int head) ? Chain(head, nextOfBirthAndKana) : default;

    internal Hits ByCard(DateOnly birth, string insurer, string? symbol, string number)
    {
        if (!byCard.TryGetValue((birth, insurer, symbol, number), out int head))
        {
            return default;
        }

        return new(cardSlots[head], nextOfCard[head] == None ? 1 : 2);
    }

    internal long RecipientIdAt(int slot) => recipientIds[slot];

    internal DateOnly BirthDateAt(int slot) => birthDates[slot];

    internal string KanaKeyAt(int slot) => kanaKeys[slot];

    /// <summary>A 受給者番号 of 1–17 ASCII digits as a number that keeps its length (<c>"0123"</c> ≠ <c>"123"</c>); null otherwise.</summary>
    internal static long? DigitKey(string number)
    {
        if (number.Length is 0 or > 17)
        {
            return null;
        }

        long value = 0;
        foreach (char c in number)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }

            value = (value * 10) + (c - '0');
        }

        return (value * 32) + number.Length;
    }

    private static Hits Chain(int head, int[] next) => new(head, next[head] == None ? 1 : 2);

    private static int Push<TKey>(Dictionary<TKey, int> index, TKey key, int slot)
        where TKey : notnull
    {
        ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out bool exists);
        int previous = exists ? head : None;
        head = slot;
        return previous;
    }

    private string Shared(string text)
    {
        if (strings is null)
        {
            return text;
        }

        if (strings.TryGetValue(text, out var shared))
        {
            return shared;
        }

        strings[text] = text;
        return text;
    }

    /// <summary>The candidates of a key: the first one's slot and how many (0, 1, or 2 for two or more).</summary>
    internal readonly record struct Hits(int First, int Count);
}
