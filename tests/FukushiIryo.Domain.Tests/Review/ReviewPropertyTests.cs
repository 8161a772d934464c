using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using static FukushiIryo.Domain.Tests.Review.ReviewFixture;

namespace FukushiIryo.Domain.Tests.Review;

/// <summary>Properties of the rules that hold for any claim.</summary>
public sealed class ReviewPropertyTests
{
    private static readonly Gen<ReviewClaim> Claims =
        from month in Gen.Choose(0, 59).Select(offset => M("2021-07").AddMonths(offset))
        from points in Gen.Choose(0, 2_000_000)
        from rate in Gen.Elements(70, 80, 90)
        from share in Gen.Choose(0, 600_000)
        from inpatient in Gen.Elements(true, false)
        from schedule in Gen.Elements(Enum.GetValues<ClaimSchedule>())
        from provider in Gen.Elements("0112347", "0112343", "0112341", "0112348", "7654321")
        from origin in Gen.Elements(Enum.GetValues<ClaimOrigin>())
        from flags in Gen.Choose(0, 3)
        select Claim with
        {
            Origin = origin,
            ServiceMonth = month,
            ProcessingMonth = month.AddMonths(1),
            Points = points,
            InsurerShareRate = rate,
            PatientShare = share,
            Inpatient = inpatient,
            Schedule = schedule,
            ProviderCode = provider,
            LongTerm = (flags & 1) != 0,
            DisasterMutualAid = (flags & 2) != 0,
        };

    [Property]
    public Property An_identical_claim_received_earlier_is_always_a_rejected_duplicate() =>
        Prop.ForAll(Claims.ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (claim, earlierId) =>
        {
            var copy = claim with { Id = earlierId, Origin = ClaimOrigin.Uke };
            var finding = ReviewRules.Duplicate(Context(claim, history: [claim, copy]));
            return finding is { Code: "R02", Severity: ReviewSeverity.Rejected };
        });

    [Property]
    public Property A_claim_alone_in_its_history_is_never_a_duplicate() =>
        Prop.ForAll(Claims.ToArbitrary(), claim => ReviewRules.Duplicate(Context(claim, history: [claim])) is null);

    [Property]
    public Property The_outcome_is_the_worst_severity_of_the_findings() =>
        Prop.ForAll(Claims.ToArbitrary(), claim =>
        {
            var result = ReviewRules.Review(Context(claim, today: "2026-06-20"));
            var expected = result.Findings.Any(finding => finding.Severity == ReviewSeverity.Rejected) ? ReviewOutcome.Rejected
                : result.Findings.Count > 0 ? ReviewOutcome.NeedsReview
                : ReviewOutcome.Accepted;
            return result.Outcome == expected;
        });

    [Property]
    public Property The_counter_rounding_gives_tens_within_five_yen() =>
        Prop.ForAll(Gen.Choose(0, 100_000_000).ToArbitrary(), Gen.Choose(0, 9).ToArbitrary(), (whole, tenths) =>
        {
            decimal yen = whole + (tenths / 10m);
            long rounded = CounterRounding.Round(yen);
            bool down = whole % 10 < 5;
            return rounded % 10 == 0 && (down ? rounded <= yen && yen - rounded < 5 : rounded > yen && rounded - yen <= 5);
        });

    [Property]
    public Property Eligibility_covering_the_month_passes_and_a_mid_month_start_needs_review() =>
        Prop.ForAll(Gen.Choose(0, 120).ToArbitrary(), Gen.Choose(2, 28).ToArbitrary(), (offset, day) =>
        {
            var month = M("2020-01").AddMonths(offset);
            var claim = Claim with { ServiceMonth = month };
            var whole = ReviewRules.OutsideEligibility(Context(claim, Recipient with { EligibilityPeriods = [new DatePeriod(month.FirstDay, month.LastDay)] }));
            var midMonth = ReviewRules.OutsideEligibility(Context(claim, Recipient with { EligibilityPeriods = [Open(month.FirstDay.AddDays(day - 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))] }));
            return whole is null && midMonth is { Severity: ReviewSeverity.NeedsReview };
        });
}
