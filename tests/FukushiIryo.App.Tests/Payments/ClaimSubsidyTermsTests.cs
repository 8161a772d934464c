using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Income;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Payments;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// ClaimSubsidyTerms.BuildAsync on both databases, with the shipped masters, a 附加給付 row and stored
/// 所得判定: the 一部負担金 by kind, the 区分 sources (the recipient's determination, a child's parent's,
/// the default ウ), 多数回 from the household's claims under the same insurer, 附加給付 only for a 健保組合,
/// the 長期 cap, and the worked example of rules-research.md §3.3 end to end.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ClaimSubsidyTermsTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private static readonly string Kokuho = NumberWithCheckDigit("29001");
    private static readonly string Union = NumberWithCheckDigit("0629012");
    private static readonly string Kyokai = NumberWithCheckDigit("0129001");
    private const int October = 202610;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Terms_come_from_the_masters_the_determinations_and_the_households_history(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var ids = await LedgerAsync(database);
        var claims = new[]
        {
            Claim(1001, ids.Mother, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: true, days: 20, points: 100_000, share: 300_000),
            Claim(1002, ids.Son, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 2, points: 1_000, share: 3_000),
            With(Claim(1003, ids.Mother, October, Union, MedicalClaimSchedule.Medical, inpatient: true, days: 20, points: 100_000, share: 300_000), c => { c.ProviderCode = "2913002"; }),
            Claim(1004, ids.Mother, October, Kyokai, MedicalClaimSchedule.Pharmacy, inpatient: false, days: 1, points: 500, share: 1_500),
            With(Claim(1005, ids.Mother, October, Kokuho, MedicalClaimSchedule.Dental, inpatient: true, days: 13, points: 2_000, share: null), c => { c.LongTerm = true; c.InsurerShareRate = 70; }),
        };

        await using var db = database.Open();
        var terms = await new ClaimSubsidyTerms(db).BuildAsync(claims);

        Assert.Equal([1001, 1002, 1003, 1004, 1005], terms.Select(t => t.ClaimId));
        var inpatient = terms[0];
        Assert.Equal((ids.Mother, new YearMonth(2026, 10), "2913001", ClaimKind.MedicalInpatient, 20), (inpatient.RecipientId, inpatient.ServiceMonth, inpatient.ProviderCode, inpatient.Kind, inpatient.DaysOfCare));
        Assert.Equal((1_000_000L, (long?)300_000), (inpatient.TotalCost, inpatient.SelfPay));
        Assert.Equal(new CopaymentTerms(1_000, 500, 14), inpatient.Copayment);
        // The mother's latest 所得判定 of 課税年度 2026 (診療月 2026-10, D9) says エ; three months of the
        // household under the same 国保 reached the limit within the window: 多数回 エ 44,400.
        Assert.Equal(new HighCostTerms("エ", false, true, new HighCostLimitTerms(44_400), 24_600), inpatient.HighCost);
        Assert.Null(inpatient.ExtraBenefitTerms);
        Assert.Null(inpatient.LongTermCap);

        var child = terms[1];
        Assert.Equal((ClaimKind.MedicalOutpatient, new CopaymentTerms(500)), (child.Kind, child.Copayment));
        Assert.Equal(new HighCostTerms("エ", false, true, new HighCostLimitTerms(44_400), 24_600), child.HighCost);

        // 健保組合: no tax-based 区分 (社保), so ウ by default; its 附加給付 row applies; no 多数回 under that insurer.
        var union = terms[2];
        Assert.Equal(new HighCostTerms("ウ", true, false, new HighCostLimitTerms(80_100, 267_000, 1), 24_600), union.HighCost);
        Assert.Equal(new ExtraBenefitTerms(25_000, 100), union.ExtraBenefitTerms);

        var pharmacy = terms[3];
        Assert.Equal((ClaimKind.Pharmacy, new CopaymentTerms(0)), (pharmacy.Kind, pharmacy.Copayment));
        Assert.Null(pharmacy.ExtraBenefitTerms);

        var longTerm = terms[4];
        Assert.Equal((ClaimKind.DentalInpatient, true, (long?)10_000, (long?)null, 70), (longTerm.Kind, longTerm.LongTerm, longTerm.LongTermCap, longTerm.SelfPay, longTerm.InsurerShareRate));

        // The worked example of rules-research.md §3.3 under the 健保組合 with a 25,000 cap: 24,030.
        var results = SubsidyComputation.Compute(terms);
        Assert.Equal(24_030, results[2].Subsidy);
        // 国保 エ 多数回: 300,000 − 255,600 = 44,400 − 1,000 = 43,400.
        Assert.Equal((255_600L, 43_400L), (results[0].HighCostRefund, results[0].Subsidy));
        // Derived self-pay 6,000 capped at 10,000 leaves 6,000; 入院 under 14 days: 500.
        Assert.Equal((6_000L, 500L, 5_500L), (results[4].SelfPay, results[4].Copayment, results[4].Subsidy));
    }

    /// <summary>
    /// The parent is read by its own query, not only as a member of the child's 福祉世帯: a son whose mother
    /// is outside his household still takes her 区分 エ (not the default ウ), and his own history still counts.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_childs_category_comes_from_the_parent_also_outside_the_childs_household(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var ids = await LedgerAsync(database, motherInHousehold: false);
        await using var db = database.Open();

        MedicalClaim[] claims = [Claim(1002, ids.Son, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 2, points: 1_000, share: 3_000)];
        var terms = await new ClaimSubsidyTerms(db).BuildAsync(claims);
        var fromDirectory = await new ClaimSubsidyTerms(db) { AllRecipients = await RecipientDirectory.ReadAsync(db, default) }.BuildAsync(claims);

        // エ from the mother's latest 所得判定; 多数回 from the son's own three months under the same 国保.
        Assert.Equal(new HighCostTerms("エ", false, true, new HighCostLimitTerms(44_400), 24_600), terms.Single().HighCost);
        Assert.Equal(terms, fromDirectory); // a payment run's directory of every recipient gives the same terms
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Chunks_give_the_same_terms_and_an_unlinked_claim_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var ids = await LedgerAsync(database);
        var claims = new[]
        {
            Claim(1001, ids.Mother, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 3, points: 10_000, share: 30_000),
            Claim(1002, ids.Son, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 2, points: 1_000, share: 3_000),
            With(Claim(1003, ids.Mother, 202606, Union, MedicalClaimSchedule.HomeNursing, inpatient: false, days: 4, points: null, share: 9_000), c => { c.MedicalCost = 30_000; }),
        };

        await using var db = database.Open();
        var whole = await new ClaimSubsidyTerms(db).BuildAsync(claims);
        var chunked = await new ClaimSubsidyTerms(db) { ChunkSize = 1 }.BuildAsync(claims);
        var fromDirectory = await new ClaimSubsidyTerms(db) { ChunkSize = 2, AllRecipients = await RecipientDirectory.ReadAsync(db, default) }.BuildAsync(claims);

        Assert.Equal(whole, chunked);
        Assert.Equal(whole, fromDirectory);
        Assert.Equal((30_000L, ClaimKind.HomeNursing, new CopaymentTerms(500)), (whole[2].TotalCost, whole[2].Kind, whole[2].Copayment));
        Assert.Empty(await new ClaimSubsidyTerms(db).BuildAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => new ClaimSubsidyTerms(db).BuildAsync([claims[0], With(claims[1], c => { c.RecipientId = null; })]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_more_specific_copayment_row_wins_and_a_month_without_a_row_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var ids = await LedgerAsync(database);
        await using (var db = database.Open())
        {
            // Children pay nothing at the 外来 from 2026-10 (a row for 児童 beside the shipped row for all).
            db.CopaymentRules.Add(new CopaymentRule
            {
                RecipientKind = RecipientKind.Child, ClaimKind = ClaimKind.MedicalOutpatient, Amount = 0,
                ValidFrom = new DateOnly(2026, 10, 1), CreatedAt = Now, CreatedBy = "staff",
            });
            // The 歯科 外来 row ends before 2026-10.
            var dental = await db.CopaymentRules.SingleAsync(r => r.ClaimKind == ClaimKind.DentalOutpatient);
            dental.ValidTo = new DateOnly(2026, 10, 1);
            await db.SaveChangesAsync();
        }

        await using var check = database.Open();
        var terms = await new ClaimSubsidyTerms(check).BuildAsync(
        [
            Claim(1001, ids.Son, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 1, points: 1_000, share: 3_000),
            Claim(1002, ids.Son, 202609, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 1, points: 1_000, share: 3_000),
            Claim(1003, ids.Mother, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 1, points: 1_000, share: 3_000),
        ]);

        Assert.Equal([0L, 500L, 500L], terms.Select(t => t.Copayment.Amount));
        await Assert.ThrowsAsync<MasterDataMissingException>(() => new ClaimSubsidyTerms(check).BuildAsync(
            [Claim(1004, ids.Mother, October, Kokuho, MedicalClaimSchedule.Dental, inpatient: false, days: 1, points: 1_000, share: 3_000)]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task For_review_a_claim_without_terms_gets_none_and_the_others_are_built(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var ids = await LedgerAsync(database);
        var claims = new[]
        {
            Claim(1001, ids.Mother, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 3, points: 10_000, share: 30_000),
            With(Claim(1002, ids.Son, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 2, points: 1_000, share: 3_000), c => { c.RecipientId = null; }),
            Claim(1003, ids.Mother, 201012, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 2, points: 1_000, share: 3_000), // before the 高額療養費 rows (2015-01)
        };

        await using var db = database.Open();
        var terms = await new ClaimSubsidyTerms(db).TryBuildAsync(claims, default);

        Assert.Equal([1001L, null, null], terms.Select(t => t?.ClaimId));
        await Assert.ThrowsAsync<MasterDataMissingException>(() => new ClaimSubsidyTerms(db).BuildAsync([claims[0], claims[2]]));
    }

    [Fact]
    public void The_benefit_method_of_a_claim_follows_its_source_and_our_public_payer()
    {
        var claim = Claim(1, 1, October, Kokuho, MedicalClaimSchedule.Medical, inpatient: false, days: 1, points: 1, share: 3);
        Assert.Equal(BenefitMethod.AutoReimbursement, ClaimSubsidyTerms.BenefitMethodOf(With(claim, c => { c.Source = MedicalClaimSource.Autopay; })));
        Assert.Equal(BenefitMethod.AutoReimbursement, ClaimSubsidyTerms.BenefitMethodOf(With(claim, c => { c.Source = MedicalClaimSource.Uke; c.PayerNumber = null; })));
        Assert.Equal(BenefitMethod.InKind, ClaimSubsidyTerms.BenefitMethodOf(With(claim, c => { c.Source = MedicalClaimSource.Uke; c.PayerNumber = "90290016"; })));
        Assert.Equal(BenefitMethod.ClaimReimbursement, ClaimSubsidyTerms.BenefitMethodOf(With(claim, c => { c.Source = MedicalClaimSource.Manual; })));
    }

    private static MedicalClaim Claim(long id, long recipientId, int month, string insurer, MedicalClaimSchedule schedule, bool inpatient, int days, long? points, long? share) => new()
    {
        Id = id,
        Source = MedicalClaimSource.Autopay,
        ProcessingMonth = 202612,
        ServiceMonth = month,
        ProviderCode = "2913001",
        PrefectureCode = "29",
        Schedule = schedule,
        Inpatient = inpatient,
        InsurerShareRate = 70,
        DaysOfCare = days,
        Points = points,
        PatientShare = share,
        InsurerNumber = insurer,
        RecipientId = recipientId,
        MatchStatus = MedicalClaimMatchStatus.Matched,
    };

    private static MedicalClaim With(MedicalClaim claim, Action<MedicalClaim> change)
    {
        var copy = new MedicalClaim
        {
            Id = claim.Id, Source = claim.Source, ProcessingMonth = claim.ProcessingMonth, ServiceMonth = claim.ServiceMonth,
            ProviderCode = claim.ProviderCode, PrefectureCode = claim.PrefectureCode, Schedule = claim.Schedule, Inpatient = claim.Inpatient,
            InsurerShareRate = claim.InsurerShareRate, DaysOfCare = claim.DaysOfCare, Points = claim.Points, MedicalCost = claim.MedicalCost,
            PatientShare = claim.PatientShare, HighCostRefund = claim.HighCostRefund, LongTerm = claim.LongTerm, InsurerNumber = claim.InsurerNumber,
            PayerNumber = claim.PayerNumber, RecipientId = claim.RecipientId, MatchStatus = claim.MatchStatus, RawRecords = claim.RawRecords,
        };
        change(copy);
        return copy;
    }

    private static string NumberWithCheckDigit(string body) => body + MhlwCheckDigit.Compute(body).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A mother and her son in one 福祉世帯, the shipped masters, a 附加給付 row for the 健保組合, two
    /// 所得判定 of the mother for 課税年度 2026 (ア, then エ: the latest wins), and the son's earlier claims:
    /// under 国保 three months within the 12 up to 2026-10 that reached the limit (2025-11 by a 高額療養費,
    /// 2026-08 by a 高額療養費, 2026-09 by a self-pay of 60,000 over エ's 57,600), one that did not
    /// (2026-07, 高額療養費 0) and one outside the window (2025-10); under the 健保組合 one month.
    /// </summary>
    private static async Task<(long Mother, long Son)> LedgerAsync(TestDatabase database, bool motherInHousehold = true)
    {
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Now);
        var household = new WelfareHousehold { CreatedAt = Now };
        db.Households.Add(household);
        var motherPerson = new Person { AtenaNumber = "000000000000101", CreatedAt = Now };
        var sonPerson = new Person { AtenaNumber = "000000000000102", CreatedAt = Now };
        db.Persons.AddRange(motherPerson, sonPerson);
        await db.SaveChangesAsync();
        var mother = new Recipient { PersonId = motherPerson.Id, RecipientNumber = RecipientNumber.FromSerial(1).ToString(), Kind = RecipientKind.Parent, HouseholdId = motherInHousehold ? household.Id : null, CreatedAt = Now };
        db.Recipients.Add(mother);
        await db.SaveChangesAsync();
        var son = new Recipient { PersonId = sonPerson.Id, RecipientNumber = RecipientNumber.FromSerial(2).ToString(), Kind = RecipientKind.Child, ParentRecipientId = mother.Id, HouseholdId = household.Id, CreatedAt = Now };
        db.Recipients.Add(son);
        var tax = new TaxRecord { PersonId = motherPerson.Id, TaxYear = 2026, RecordedAt = Now };
        db.TaxRecords.Add(tax);
        db.InsurerExtraBenefits.Add(new InsurerExtraBenefit
        {
            InsurerNumber = Union, MonthlyCap = 25_000, RoundingUnit = 100, ValidFrom = new DateOnly(2020, 1, 1), CreatedAt = Now, CreatedBy = "staff",
        });
        await db.SaveChangesAsync();
        db.IncomeDeterminations.AddRange(
            Determination(motherPerson.Id, tax.Id, "ア", Now.AddDays(-30)),
            Determination(motherPerson.Id, tax.Id, "エ", Now.AddDays(-1)));
        db.MedicalClaims.AddRange(
            History(son.Id, 202510, Kokuho, refund: 5_000, share: 60_000),
            History(son.Id, 202511, Kokuho, refund: 1_000, share: 60_000),
            History(son.Id, 202607, Kokuho, refund: 0, share: 60_000),
            History(son.Id, 202608, Kokuho, refund: 10_000, share: 60_000),
            History(son.Id, 202609, Kokuho, refund: null, share: 60_000),
            History(son.Id, 202609, Union, refund: 20_000, share: 120_000));
        await db.SaveChangesAsync();
        return (mother.Id, son.Id);
    }

    private static IncomeDetermination Determination(long personId, long taxRecordId, string category, DateTimeOffset at) => new()
    {
        PersonId = personId, TaxYear = 2026, IncomeYear = 2025, BaseDate = new DateOnly(2026, 8, 1), Role = IncomeTestRole.Parent,
        Column = LimitColumn.Recipient, Criterion = IncomeCriterion.Met, FundingShare = FundingShare.Prefecture,
        HighCostCategory = category, TaxRecordId = taxRecordId, DeterminedAt = at, DeterminedBy = "staff",
    };

    private static MedicalClaim History(long recipientId, int month, string insurer, long? refund, long share) =>
        With(Claim(0, recipientId, month, insurer, MedicalClaimSchedule.Medical, inpatient: false, days: 3, points: 20_000, share: share), c => { c.HighCostRefund = refund; c.RawRecords = "-"; });
}
