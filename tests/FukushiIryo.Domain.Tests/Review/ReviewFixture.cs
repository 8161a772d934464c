using System.Globalization;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;

namespace FukushiIryo.Domain.Tests.Review;

/// <summary>
/// A claim that passes every rule, its recipient and the review day; each test changes the facts its
/// rule reads. Codes carry valid check digits: 医療機関 奈良 (29) 医科 0112347, 歯科 0112343, 調剤 0112341;
/// 受給者番号 2900017; 保険者番号 奈良 国保 290015, 協会けんぽ 06290126 and 01290014.
/// </summary>
internal static class ReviewFixture
{
    public static readonly DateOnly Today = D("2026-06-20");

    public static readonly ReviewParameters Parameters = new(ClaimDeadlineMonths: 60);

    /// <summary>2026-05 医科 外来, 1,234 点, 給付割合 70%: 12,340円 × 30% = 3,702円 → 3,700円 (D12).</summary>
    public static ReviewClaim Claim { get; } = new()
    {
        Id = 10,
        Origin = ClaimOrigin.Uke,
        RecipientId = 1,
        ServiceMonth = M("2026-05"),
        ProcessingMonth = M("2026-06"),
        ProviderCode = "0112347",
        PrefectureCode = "29",
        Schedule = ClaimSchedule.Medical,
        Inpatient = false,
        InsurerShareRate = 70,
        Points = 1234,
        PatientShare = 3700,
        RecipientNumber = "2900017",
        InsurerNumber = "290015",
        BirthDate = D("1990-06-15"),
    };

    public static ReviewRecipient Recipient { get; } = new()
    {
        RecipientNumber = "2900017",
        BirthDate = D("1990-06-15"),
        EligibilityPeriods = [Open("2025-08-01")],
        Insurance = [new InsuranceSpell("290015", Open("2020-01-01"))],
        PublicAssistancePeriods = [],
    };

    public static ReviewContext Context(ReviewClaim? claim = null, ReviewRecipient? recipient = null, IReadOnlyList<ReviewClaim>? history = null, string? today = null, int deadlineMonths = 60) =>
        new(claim ?? Claim, recipient ?? Recipient, history ?? [], today is null ? Today : D(today), new ReviewParameters(deadlineMonths));

    public static YearMonth M(string text) =>
        YearMonth.Of(DateOnly.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>"2026-05-15..2026-07-31", "2026-05-15.." (open) as a period.</summary>
    public static DatePeriod P(string text)
    {
        var parts = text.Split("..");
        return parts[1].Length == 0 ? Open(parts[0]) : new DatePeriod(D(parts[0]), D(parts[1]));
    }

    public static DatePeriod[] Ps(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. text.Split(' ').Select(P)];

    public static DatePeriod Open(string start) => new(D(start), DateOnly.MaxValue);

    /// <summary>"可" for no finding, else the severity's Japanese name.</summary>
    public static string Verdict(ReviewFinding? finding) => finding switch
    {
        null => "可",
        { Severity: ReviewSeverity.Rejected } => "否",
        _ => "要確認",
    };

    public static void AssertVerdict(string expected, string code, ReviewFinding? finding)
    {
        Assert.Equal(expected, Verdict(finding));
        if (finding is not null)
        {
            Assert.Equal(code, finding.Code);
            Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        }
    }
}
