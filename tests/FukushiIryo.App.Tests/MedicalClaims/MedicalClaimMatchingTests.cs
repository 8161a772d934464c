using FukushiIryo.App.MedicalClaims;

namespace FukushiIryo.App.Tests.MedicalClaims;

/// <summary>突合 (interfaces.md §5, P3) as a table: strong keys link, weak keys go to 要確認, nothing matches = 照合不能.</summary>
public sealed class MedicalClaimMatchingTests
{
    private static readonly DateOnly HanakoBirth = new(1988, 5, 12);
    private static readonly DateOnly IchiroBirth = new(2009, 4, 2);

    // Recipient 1: 奈良 花子 (1234567), 国保 133066 奈良-1234. Recipient 2: her son, same card, other birth date.
    // Recipient 3: a twin-like case — another person with the son's card and birth date (data error in the ledger).
    private static readonly MatchCandidate Hanako = new(1, "1234567", HanakoBirth, "ナラ ハナコ", [new CandidateCard("133066", "奈良", "1234")]);
    private static readonly MatchCandidate Ichiro = new(2, "2345678", IchiroBirth, "ナラ イチロウ", [new CandidateCard("00133066", "奈良", "1234")]);
    private static readonly MatchCandidate IchiroTwin = new(3, "3456789", IchiroBirth, "ナラ ジロウ", [new CandidateCard("133066", "奈良", "1234")]);

    public static TheoryData<string, MedicalClaimKeys, int, MedicalClaimMatchStatus, long?, long?> Cases => new()
    {
        // 受給者番号 + birth date: linked.
        { "number and birth", new("1234567", HanakoBirth, null, null, null, null), 1, MedicalClaimMatchStatus.Matched, 1L, null },
        // 受給者番号 + kana (birth date wrong): linked; half-width kana without the space agrees.
        { "number and kana", new("1234567", new DateOnly(1988, 5, 21), "ﾅﾗﾊﾅｺ", null, null, null), 1, MedicalClaimMatchStatus.Matched, 1L, null },
        // 受給者番号 names a recipient but neither birth nor kana agrees: 要確認, suggested, not linked.
        { "number only", new("1234567", new DateOnly(1990, 1, 1), "ヤマダ タロウ", null, null, null), 1, MedicalClaimMatchStatus.NeedsReview, null, 1L },
        // No 受給者番号: insurer + 記号番号 (full-width, 8-digit 国保 form) + birth date: linked.
        { "insurance keys", new(null, HanakoBirth, null, "00133066", "奈良", "１２３４"), 1, MedicalClaimMatchStatus.Matched, 1L, null },
        // Insurance keys without the birth date agreeing: nothing strong, nothing weak.
        { "insurance keys, other birth", new(null, new DateOnly(1970, 1, 1), null, "133066", "奈良", "1234"), 1, MedicalClaimMatchStatus.Unmatched, null, null },
        // Two candidates share card and birth date: 要確認 without a suggestion.
        { "two candidates", new(null, IchiroBirth, null, "133066", "奈良", "1234"), 2, MedicalClaimMatchStatus.NeedsReview, null, null },
        // Kana and birth date alone: weak, 要確認 with a suggestion, never linked.
        { "kana and birth only", new(null, IchiroBirth, "ナライチロウ", "01292010", "１", "２"), 2, MedicalClaimMatchStatus.NeedsReview, null, 2L },
        // A 受給者番号 naming nobody with agreeing insurance keys: contradictory, 要確認.
        { "unknown number, insurance keys", new("9999999", HanakoBirth, null, "133066", "奈良", "1234"), 1, MedicalClaimMatchStatus.NeedsReview, null, 1L },
        // Unknown number, unknown person (a Tokyo patient): 照合不能.
        { "nobody", new("9999999", new DateOnly(1970, 1, 1), "トウキョウ タロウ", "138057", "都", "99"), 1, MedicalClaimMatchStatus.Unmatched, null, null },
        // No keys at all: 照合不能.
        { "no keys", new(null, null, null, null, null, null), 1, MedicalClaimMatchStatus.Unmatched, null, null },
        // Kana agrees but birth date does not: not even weak.
        { "kana only", new(null, new DateOnly(1988, 5, 13), "ナラ ハナコ", null, null, null), 1, MedicalClaimMatchStatus.Unmatched, null, null },
        // The number links even when kana and birth of another candidate agree too (number wins).
        { "number beats weak", new("2345678", IchiroBirth, "ナラ イチロウ", null, null, null), 2, MedicalClaimMatchStatus.Matched, 2L, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_as_interfaces_md_5_says(string _, MedicalClaimKeys keys, int candidateSet, MedicalClaimMatchStatus status, long? linked, long? suggested)
    {
        MatchCandidate[] candidates = candidateSet == 1 ? [Hanako, Ichiro] : [Hanako, Ichiro, IchiroTwin];
        var result = MedicalClaimMatching.Match(keys, candidates);

        Assert.Equal((status, linked, suggested), (result.Status, result.RecipientId, result.SuggestedRecipientId));
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    /// <summary>
    /// Matching is by identity, whatever the dates: the candidates carry no eligibility period, so a
    /// recipient whose eligibility ended before the 診療年月 is linked all the same; 資格期間外 is a
    /// check rule's finding (issue 11 item 6), not matching's.
    /// </summary>
    [Fact]
    public void A_recipient_whose_eligibility_does_not_cover_the_service_month_is_still_linked()
    {
        var result = MedicalClaimMatching.Match(new MedicalClaimKeys("1234567", HanakoBirth, "ナラ ハナコ", null, null, null), [Hanako]);
        Assert.Equal((MedicalClaimMatchStatus.Matched, 1L), (result.Status, result.RecipientId));
    }

    /// <summary>
    /// The compact index (ADR 0025, session 5 second wave) keys an all-digit 受給者番号 as a number:
    /// leading zeros still count ("0123456" is not "123456"), and a number with other characters is
    /// looked up as text.
    /// </summary>
    [Theory]
    [InlineData("0123456", 11L)]
    [InlineData("123456", 12L)]
    [InlineData("A123456", 13L)]
    [InlineData("00123456", null)]
    public void A_recipient_number_is_compared_as_written(string number, long? linked)
    {
        MatchCandidate[] candidates =
        [
            new(11, "0123456", HanakoBirth, "ナラ ハナコ", []),
            new(12, "123456", HanakoBirth, "ナラ ハナコ", []),
            new(13, "A123456", HanakoBirth, "ナラ ハナコ", []),
        ];

        var result = MedicalClaimMatching.Match(new MedicalClaimKeys(number, HanakoBirth, null, null, null, null), candidates);

        Assert.Equal(linked, result.RecipientId);
    }

    /// <summary>Two recipients with the same 受給者番号 (a ledger error): the number links neither; kana and birth date suggest nobody either (two agree).</summary>
    [Fact]
    public void A_recipient_number_of_two_recipients_links_neither()
    {
        MatchCandidate[] candidates = [Hanako, Hanako with { RecipientId = 9 }];

        var result = MedicalClaimMatching.Match(new MedicalClaimKeys("1234567", HanakoBirth, "ナラ ハナコ", null, null, null), candidates);

        Assert.Equal((MedicalClaimMatchStatus.NeedsReview, null, null), (result.Status, result.RecipientId, result.SuggestedRecipientId));
    }

    /// <summary>The same card twice on one recipient (6- and 8-digit 保険者番号) is one candidate for the card, so the insurance keys still link.</summary>
    [Fact]
    public void The_same_card_twice_is_one_candidate()
    {
        var twice = Hanako with { Cards = [new CandidateCard("133066", "奈良", "1234"), new CandidateCard("00133066", "奈良", "１２３４")] };

        var result = MedicalClaimMatching.Match(new MedicalClaimKeys(null, HanakoBirth, null, "133066", "奈良", "1234"), [twice]);

        Assert.Equal((MedicalClaimMatchStatus.Matched, 1L), (result.Status, result.RecipientId));
    }

    /// <summary>An index grown past its first arrays (1,000 candidates) still finds each one by number, by card and by kana and birth date.</summary>
    [Fact]
    public void A_large_index_finds_every_candidate()
    {
        var candidates = Enumerable.Range(1, 1000)
            .Select(i => new MatchCandidate(i, $"{i:D7}", HanakoBirth.AddDays(i), $"ナラ ハナコ{i}", [new CandidateCard("133066", "奈良", $"{i}")]))
            .ToList();
        var index = new MatchCandidateIndex(candidates);

        Assert.Equal((1000, 1000), (index.Count, index.CardEntries));
        foreach (int i in new[] { 1, 16, 17, 500, 1000 })
        {
            var birth = HanakoBirth.AddDays(i);
            Assert.Equal((long?)i, MedicalClaimMatching.Match(new MedicalClaimKeys($"{i:D7}", birth, null, null, null, null), index).RecipientId);
            Assert.Equal((long?)i, MedicalClaimMatching.Match(new MedicalClaimKeys(null, birth, null, "133066", "奈良", $"{i}"), index).RecipientId);
            Assert.Equal((long?)i, MedicalClaimMatching.Match(new MedicalClaimKeys(null, birth, $"ナラ ハナコ{i}", null, null, null), index).SuggestedRecipientId);
        }
    }
}
