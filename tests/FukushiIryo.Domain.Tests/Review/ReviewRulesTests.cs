using FukushiIryo.Domain.Review;
using static FukushiIryo.Domain.Tests.Calendar.TestDates;
using static FukushiIryo.Domain.Tests.Review.ReviewFixture;

namespace FukushiIryo.Domain.Tests.Review;

/// <summary>Each check rule of the catalogue against a table of cases written out in dates and yen.</summary>
public sealed class ReviewRulesTests
{
    [Fact]
    public void The_fixture_claim_passes_every_rule()
    {
        var result = ReviewRules.Review(Context());
        Assert.Empty(result.Findings);
        Assert.Equal(ReviewOutcome.Accepted, result.Outcome);
    }

    [Fact]
    public void R00_a_claim_not_linked_to_a_recipient_needs_review_and_person_rules_stay_silent()
    {
        var context = Context() with { Recipient = null, Claim = Claim with { RecipientId = null, RecipientNumber = "2900018" } };
        AssertVerdict("要確認", "R00", ReviewRules.NotMatched(context));
        Assert.Null(ReviewRules.OutsideEligibility(context));
        Assert.Null(ReviewRules.RecipientNumberMismatch(context));
        Assert.Null(ReviewRules.InsurerMismatch(context));
        Assert.Null(ReviewRules.PublicAssistance(context));
        Assert.Null(ReviewRules.NotMatched(Context()));
    }

    public static TheoryData<string, string, string> EligibilityCases => new()
    {
        // 診療月, 資格期間 (ends inclusive; "a.." open), verdict
        { "2026-05", "2026-05-01..", "可" },                       // 取得 on the first day of the month
        { "2026-05", "2025-08-01..2026-05-31", "可" },             // 喪失 the day after the last day of the month
        { "2026-05", "2026-05-02..", "要確認" },                    // 取得 on the 2nd
        { "2026-05", "2025-08-01..2026-05-14", "要確認" },          // 喪失 on the 15th (last day the 14th)
        { "2026-05", "2025-08-01..2026-05-30", "要確認" },          // the last day of the month missing
        { "2026-05", "2025-08-01..2026-04-30", "否" },              // lost before the month
        { "2026-05", "2026-06-01..", "否" },                        // acquired after the month
        { "2026-05", "", "否" },                                    // never eligible
        { "2026-05", "2025-08-01..2026-05-14 2026-05-15..", "可" }, // two periods that join inside the month
        { "2026-05", "2025-08-01..2026-05-09 2026-05-20..", "要確認" }, // a gap of 10 days
        { "2024-02", "2024-02-01..2024-02-29", "可" },             // a leap February
        { "2024-02", "2024-02-01..2024-02-28", "要確認" },
    };

    [Theory]
    [MemberData(nameof(EligibilityCases))]
    public void R01_outside_the_eligibility_period(string serviceMonth, string periods, string verdict)
    {
        var context = Context(Claim with { ServiceMonth = M(serviceMonth), ProcessingMonth = M("2026-06") }, Recipient with { EligibilityPeriods = Ps(periods) });
        AssertVerdict(verdict, "R01", ReviewRules.OutsideEligibility(context));
    }

    public static TheoryData<long, string, long?, string, string, bool, string, long, long, string> DuplicateCases => new()
    {
        // earlier id, origin, recipient, provider, 診療月, 入院, 点数表, 点数, 窓口負担, verdict (the claim: id 10, recipient 1, 0112347, 2026-05, 外来, 医科, 1,234 点, 3,700円)
        { 5, "Uke", 1, "0112347", "2026-05", false, "Medical", 1234, 3700, "否" },       // sent again in a later file
        { 5, "Manual", 1, "0112347", "2026-05", false, "Medical", 1234, 3700, "否" },    // a manual claim already keyed
        { 50, "PaidMigrated", 1, "0112347", "2026-05", false, "Medical", 1234, 3700, "否" }, // migrated paid claim (loaded later, still the original)
        { 50, "Uke", 1, "0112347", "2026-05", false, "Medical", 1234, 3700, "可" },      // a later claim: this one is the original
        { 5, "Uke", 1, "0112347", "2026-05", false, "Medical", 1300, 3900, "要確認" },   // same keys, other amounts: a correction?
        { 5, "Uke", 2, "0112347", "2026-05", false, "Medical", 1234, 3700, "可" },       // another person
        { 5, "Uke", 1, "0112343", "2026-05", false, "Medical", 1234, 3700, "可" },       // another institution
        { 5, "Uke", 1, "0112347", "2026-04", false, "Medical", 1234, 3700, "可" },       // another 診療月
        { 5, "Uke", 1, "0112347", "2026-05", true, "Medical", 1234, 3700, "可" },        // 入院 against 外来
        { 5, "Uke", 1, "0112347", "2026-05", false, "Dental", 1234, 3700, "可" },        // 歯科 against 医科
        { 10, "Uke", 1, "0112347", "2026-05", false, "Medical", 1234, 3700, "可" },      // the claim itself
    };

    [Theory]
    [MemberData(nameof(DuplicateCases))]
    public void R02_duplicate_claims_across_all_history(long id, string origin, long? recipientId, string provider, string month, bool inpatient, string schedule, long points, long share, string verdict)
    {
        var earlier = Claim with
        {
            Id = id,
            Origin = Enum.Parse<ClaimOrigin>(origin),
            RecipientId = recipientId,
            ProviderCode = provider,
            ServiceMonth = M(month),
            Inpatient = inpatient,
            Schedule = Enum.Parse<ClaimSchedule>(schedule),
            Points = points,
            PatientShare = share,
        };
        AssertVerdict(verdict, "R02", ReviewRules.Duplicate(Context(history: [Claim, earlier])));
    }

    [Fact]
    public void R02_an_unlinked_claim_is_not_judged_for_duplicates()
    {
        var unlinked = Claim with { RecipientId = null };
        Assert.Null(ReviewRules.Duplicate(Context(unlinked, history: [unlinked with { Id = 5 }])));
    }

    [Theory]
    [InlineData(null, "2900017", "可")]          // autopay row without a number (matched by insurance keys)
    [InlineData("2900017", "2900017", "可")]
    [InlineData(" 2900017 ", "2900017", "可")]   // padding as written
    [InlineData("1234566", "2900017", "要確認")] // a valid number of someone else
    [InlineData("2900018", "2900017", "要確認")] // wrong check digit
    [InlineData("290001", "2900017", "要確認")]  // 6 digits
    public void R03_recipient_number_mismatch(string? written, string registered, string verdict)
    {
        var context = Context(Claim with { RecipientNumber = written }, Recipient with { RecipientNumber = registered });
        AssertVerdict(verdict, "R03", ReviewRules.RecipientNumberMismatch(context));
    }

    public static TheoryData<string?, string, string> InsurerCases => new()
    {
        // claim's 保険者番号, registered spells "number@period" ; verdict for 診療月 2026-05
        { "290015", "290015@2020-01-01..", "可" },
        { "00290015", "290015@2020-01-01..", "可" },                           // 8-digit fixed width of a 国保 number
        { null, "290015@2020-01-01..", "可" },                                 // nothing written
        { "06290126", "290015@2020-01-01..", "要確認" },                       // not the registered insurer
        { "06290126", "290015@2020-01-01..2026-05-14 06290126@2026-05-15..", "可" }, // changed on the 15th: both in force
        { "290015", "290015@2020-01-01..2026-04-30 06290126@2026-05-01..", "要確認" }, // the old insurer after the change
        { "290015", "290015@2020-01-01..2026-04-30", "要確認" },               // no insurance in the month
        { "290015", "", "要確認" },                                             // none registered
    };

    [Theory]
    [MemberData(nameof(InsurerCases))]
    public void R04_insurer_mismatch(string? written, string spells, string verdict)
    {
        var insurance = spells.Length == 0
            ? []
            : spells.Split(' ').Select(spell => spell.Split('@')).Select(parts => new InsuranceSpell(parts[0], P(parts[1]))).ToArray();
        var context = Context(Claim with { InsurerNumber = written }, Recipient with { Insurance = insurance });
        AssertVerdict(verdict, "R04", ReviewRules.InsurerMismatch(context));
    }

    [Theory]
    [InlineData("2026-05", "", "可")]
    [InlineData("2026-05", "2026-05-01..", "否")]                 // started on the 1st
    [InlineData("2026-05", "2025-04-01..2026-05-31", "否")]       // ended on the last day
    [InlineData("2026-05", "2026-05-15..", "要確認")]             // started on the 15th
    [InlineData("2026-05", "2025-04-01..2026-05-14", "要確認")]   // ended on the 14th
    [InlineData("2026-05", "2025-04-01..2026-04-30", "可")]       // ended before the month
    [InlineData("2026-05", "2026-06-01..", "可")]                 // starts after the month
    public void R05_public_assistance_during_the_service_month(string month, string periods, string verdict)
    {
        var context = Context(Claim with { ServiceMonth = M(month) }, Recipient with { PublicAssistancePeriods = Ps(periods) });
        AssertVerdict(verdict, "R05", ReviewRules.PublicAssistance(context));
    }

    [Theory]
    [InlineData(null, null, 3700L, "可")]                  // no other 公費
    [InlineData("54290011", null, 3700L, "要確認")]        // 難病 named, amount unknown
    [InlineData("54290011", 0L, 3700L, "可")]              // known to be none
    [InlineData("54290011", 2700L, 3700L, "可")]           // pays 2,700円 of 3,700円
    [InlineData("54290011", 3700L, 3700L, "可")]           // pays it all
    [InlineData("54290011", 3710L, 3700L, "要確認")]       // more than the self-pay
    [InlineData(null, 5000L, 3700L, "要確認")]             // more than the self-pay, payer not named
    [InlineData("52290012,54290011", null, 3700L, "要確認")]
    public void R06_other_public_expense_first(string? payers, long? otherAmount, long share, string verdict)
    {
        var context = Context(Claim with { OtherPayerNumbers = payers, OtherPublicAmount = otherAmount, PatientShare = share });
        AssertVerdict(verdict, "R06", ReviewRules.OtherPublicFirst(context));
    }

    [Theory]
    [InlineData("2026-05", "2026-06", "2026-06-20", "可")]
    [InlineData("2026-06", "2026-06", "2026-06-20", "可")]   // the current month
    [InlineData("2026-06", "2026-06", "2026-06-01", "可")]   // first day of the month
    [InlineData("2026-07", "2026-07", "2026-06-30", "否")]   // next month, on the last day of this one
    [InlineData("2027-01", "2027-01", "2026-12-31", "否")]   // over the year end
    [InlineData("2026-06", "2026-05", "2026-06-20", "否")]   // after its 処理年月
    public void R07_service_month_in_the_future(string serviceMonth, string processingMonth, string today, string verdict)
    {
        var context = Context(Claim with { ServiceMonth = M(serviceMonth), ProcessingMonth = M(processingMonth) }, today: today);
        AssertVerdict(verdict, "R07", ReviewRules.FutureServiceMonth(context));
    }

    [Theory]
    [InlineData("2021-05", "2026-05", 60, "可")]   // exactly 60 months later
    [InlineData("2021-05", "2026-06", 60, "否")]   // 61 months
    [InlineData("2021-04", "2026-05", 60, "否")]
    [InlineData("2025-05", "2026-05", 12, "可")]   // a 12-month deadline
    [InlineData("2025-04", "2026-05", 12, "否")]
    [InlineData("2026-05", "2026-05", 0, "可")]    // a deadline of the same month
    [InlineData("2026-04", "2026-05", 0, "否")]
    public void R08_claim_deadline_exceeded(string serviceMonth, string processingMonth, int months, string verdict)
    {
        var context = Context(Claim with { ServiceMonth = M(serviceMonth), ProcessingMonth = M(processingMonth) }, today: "2026-06-20", deadlineMonths: months);
        AssertVerdict(verdict, "R08", ReviewRules.DeadlineExceeded(context));
    }

    [Theory]
    [InlineData("0112347", "29", ClaimSchedule.Medical, "可")]
    [InlineData("0112343", "29", ClaimSchedule.Dental, "可")]
    [InlineData("0112341", "29", ClaimSchedule.Pharmacy, "可")]
    [InlineData("0113719", "01", ClaimSchedule.Medical, "可")]       // 北海道 (formats.md §6.5 example)
    [InlineData("0112348", "29", ClaimSchedule.Medical, "要確認")]   // wrong check digit
    [InlineData("0112347", "29", ClaimSchedule.Dental, "要確認")]    // a 医科 code on a 歯科 claim
    [InlineData("0113719", "29", ClaimSchedule.Medical, "要確認")]   // other prefecture
    [InlineData("112347", "29", ClaimSchedule.Medical, "要確認")]    // 6 digits
    [InlineData("01123A7", "29", ClaimSchedule.Medical, "要確認")]
    [InlineData("0112345", "29", ClaimSchedule.HomeNursing, "可")]   // no check rule: 7 digits suffice
    [InlineData("011234", "29", ClaimSchedule.HomeNursing, "要確認")]
    public void R09_malformed_provider_code(string code, string prefecture, ClaimSchedule schedule, string verdict)
    {
        var context = Context(Claim with { ProviderCode = code, PrefectureCode = prefecture, Schedule = schedule });
        AssertVerdict(verdict, "R09", ReviewRules.MalformedProviderCode(context));
    }

    [Theory]
    // 点数, 医療費, 給付割合, 窓口負担, 長期, verdict
    [InlineData(1234L, null, 70, 3700L, false, "可")]       // 3,702 → 3,700
    [InlineData(1234L, null, 70, 3710L, false, "要確認")]
    [InlineData(1235L, null, 70, 3710L, false, "可")]       // 3,705 → 3,710
    [InlineData(1235L, null, 70, 3700L, false, "要確認")]
    [InlineData(1237L, null, 80, 2470L, false, "可")]       // 2,474 → 2,470
    [InlineData(1238L, null, 80, 2480L, false, "可")]       // 2,476 → 2,480
    [InlineData(1L, null, 70, 0L, false, "可")]             // 3円 → 0円
    [InlineData(null, 12345L, 70, 3700L, false, "可")]      // 医療費 12,345円 × 30% = 3,703.5 → 3,700
    [InlineData(null, 12350L, 70, 3710L, false, "可")]      // 3,705 → 3,710
    [InlineData(50000L, null, 70, 10000L, true, "可")]      // 長期: 150,000円 capped at 10,000円
    [InlineData(50000L, null, 70, 10000L, false, "要確認")] // the same without 長期
    [InlineData(50000L, null, 70, 150010L, true, "要確認")] // 長期 paying more than the rate
    [InlineData(1234L, null, null, 3700L, false, "可")]     // no rate: not judged
    [InlineData(1234L, null, 70, null, false, "可")]        // no self-pay given (derived later, D12)
    public void R10_self_pay_against_points_times_rate(long? points, long? cost, int? rate, long? share, bool longTerm, string verdict)
    {
        var context = Context(Claim with { Points = points, MedicalCost = cost, InsurerShareRate = rate, PatientShare = share, LongTerm = longTerm });
        AssertVerdict(verdict, "R10", ReviewRules.SelfPayMismatch(context));
    }

    [Theory]
    [InlineData(true, ClaimSchedule.Medical, false, "否")]
    [InlineData(true, ClaimSchedule.Medical, true, "否")]
    [InlineData(true, ClaimSchedule.Dental, false, "否")]
    [InlineData(true, ClaimSchedule.Pharmacy, false, "否")]
    [InlineData(false, ClaimSchedule.Medical, false, "可")]
    [InlineData(false, ClaimSchedule.Medical, true, "可")]
    public void R11_jsc_disaster_mutual_aid_cases_are_not_paid(bool flag, ClaimSchedule schedule, bool inpatient, string verdict)
    {
        var context = Context(Claim with { DisasterMutualAid = flag, Schedule = schedule, Inpatient = inpatient });
        AssertVerdict(verdict, "R11", ReviewRules.DisasterMutualAidCase(context));
    }

    [Theory]
    // 生年月日, 診療月, 給付割合, verdict
    [InlineData("2020-04-02", "2027-03", 80, "可")]   // 6 on 2026-04-01: 未就学 to 2027-03-31
    [InlineData("2020-04-02", "2027-04", 80, "要確認")]
    [InlineData("2020-04-02", "2027-04", 70, "可")]
    [InlineData("2020-04-01", "2026-03", 80, "可")]   // 4/1 birthday: 6 on 2026-03-31, 未就学 to 2026-03-31
    [InlineData("2020-04-01", "2026-04", 70, "可")]
    [InlineData("2020-04-01", "2026-03", 70, "要確認")]
    [InlineData("1990-06-15", "2026-05", 90, "要確認")]
    [InlineData("1956-06-15", "2026-06", 80, "要確認")] // 70 on 2026-06-14: 高齢受給者 from 2026-07
    [InlineData("1956-06-15", "2026-07", 80, "可")]
    [InlineData("1956-06-15", "2026-07", 70, "可")]   // 現役並み
    [InlineData("1956-06-01", "2026-06", 80, "可")]   // 1日生まれ: 70 on 2026-05-31, from 2026-06
    [InlineData("1956-06-01", "2026-05", 80, "要確認")]
    [InlineData("1951-06-15", "2026-06", 90, "可")]   // 75th birthday in the month: 後期
    [InlineData("1951-06-15", "2026-05", 90, "要確認")]
    public void R12_insurer_share_rate_against_age(string birth, string month, int rate, string verdict)
    {
        var context = Context(Claim with { BirthDate = D(birth), ServiceMonth = M(month), ProcessingMonth = M(month), InsurerShareRate = rate }, Recipient with { BirthDate = D(birth) });
        AssertVerdict(verdict, "R12", ReviewRules.RateInconsistentWithAge(context));
    }

    [Fact]
    public void R12_uses_the_claims_birth_date_when_the_claim_is_not_linked()
    {
        var child = Claim with { BirthDate = D("2022-01-10"), InsurerShareRate = 70 };
        AssertVerdict("要確認", "R12", ReviewRules.RateInconsistentWithAge(Context(child) with { Recipient = null }));
    }

    [Fact]
    public void Findings_are_listed_in_rule_order_and_the_outcome_is_the_worst()
    {
        var claim = Claim with { DisasterMutualAid = true, ProviderCode = "0112348" };
        var result = ReviewRules.Review(Context(claim));
        Assert.Equal(["R09", "R11"], result.Findings.Select(finding => finding.Code));
        Assert.Equal(ReviewOutcome.Rejected, result.Outcome);

        var onlyReview = ReviewRules.Review(Context(Claim with { ProviderCode = "0112348" }));
        Assert.Equal(ReviewOutcome.NeedsReview, onlyReview.Outcome);
    }

    [Fact]
    public void Codes_are_unique_and_every_rule_has_a_name_and_description()
    {
        Assert.Equal(ReviewRules.All.Count, ReviewRules.All.Select(rule => rule.Code).Distinct().Count());
        Assert.All(ReviewRules.All, rule =>
        {
            Assert.Matches("^R[0-9]{2}$", rule.Code);
            Assert.False(string.IsNullOrWhiteSpace(rule.Name));
            Assert.False(string.IsNullOrWhiteSpace(rule.Description));
        });
    }
}
