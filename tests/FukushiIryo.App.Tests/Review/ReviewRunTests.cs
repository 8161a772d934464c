using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Review;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Review;

/// <summary>
/// ReviewRun (審査 of a 処理年月) and ReviewQueueService (承認, 否認, 照合の訂正, 一括承認), on both
/// databases: stored outcomes and findings, re-runs that replace only open results, stale forms.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ReviewRunTests(PostgresFixture fixture) : IDisposable
{
    private const string Provider = "0100102";
    private static readonly DateOnly Day = new(2026, 11, 2);
    private static readonly YearMonth October = new(2026, 10);
    private static readonly string Mother = RecipientNumber.FromSerial(1).ToString();
    private static readonly string Son = RecipientNumber.FromSerial(2).ToString();
    private static readonly string Orphan = RecipientNumber.FromSerial(4).ToString();
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-review-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_run_stores_each_claims_outcome_and_findings_and_counts_them(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var ids = await ClaimsAsync(database);

        var result = await RunAsync(database);

        Assert.Equal(4, result.Reviewed);
        Assert.Equal((1, 1, 2), (result.ByOutcome[ReviewOutcome.Accepted], result.ByOutcome[ReviewOutcome.NeedsReview], result.ByOutcome[ReviewOutcome.Rejected]));
        Assert.Equal(new Dictionary<string, int> { ["R00"] = 1, ["R01"] = 1, ["R02"] = 1 }, result.ByRule);
        await using var db = database.Open();
        var reviews = await db.ClaimReviews.Include(r => r.Findings).ToDictionaryAsync(r => r.MedicalClaimId);
        Assert.Equal(ReviewOutcome.Accepted, reviews[ids.Good].Outcome);
        Assert.Empty(reviews[ids.Good].Findings);
        Assert.Equal((ReviewOutcome.Rejected, "R01"), (reviews[ids.Lost].Outcome, reviews[ids.Lost].Findings.Single().Code));
        Assert.Equal((ReviewOutcome.NeedsReview, "R00"), (reviews[ids.Unlinked].Outcome, reviews[ids.Unlinked].Findings.Single().Code));
        Assert.Equal((ReviewOutcome.Rejected, "R02", ReviewSeverity.Rejected), (reviews[ids.Duplicate].Outcome, reviews[ids.Duplicate].Findings.Single().Code, reviews[ids.Duplicate].Findings.Single().Severity));
        Assert.All(reviews.Values, r => Assert.Equal((ClaimReviewStatus.Open, 202610, "reviewer"), (r.Status, r.ProcessingMonth, r.ReviewedBy)));
        var audit = await db.AuditEvents.SingleAsync(a => a.EventType == AuditEventType.ReviewRan);
        Assert.Contains("R01:1", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_run_replaces_the_open_results_and_never_touches_a_resolved_one(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var ids = await ClaimsAsync(database);
        await RunAsync(database);
        long approvedId;
        await using (var db = database.Open())
        {
            var lost = await db.ClaimReviews.SingleAsync(r => r.MedicalClaimId == ids.Lost);
            approvedId = lost.Id;
            await new ReviewQueueService(db, Clock()).RejectAsync(lost.Id, lost.Version, "資格喪失後の受診", "reviewer");
        }

        var again = await RunAsync(database, batchSize: 2);

        Assert.Equal((3, 1), (again.Reviewed, again.SkippedResolved));
        await using var check = database.Open();
        Assert.Equal(4 + 3, await check.ClaimReviews.CountAsync());
        var current = await check.ClaimReviews.Where(r => r.SupersededAt == null).ToListAsync();
        Assert.Equal(4, current.Count);
        var kept = current.Single(r => r.MedicalClaimId == ids.Lost);
        Assert.Equal((approvedId, ClaimReviewStatus.Rejected, "資格喪失後の受診"), (kept.Id, kept.Status, kept.ResolutionReason));
        Assert.Equal(3, await check.ClaimReviews.CountAsync(r => r.SupersededAt != null && r.Status == ClaimReviewStatus.Open));
        Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.ReviewRan));
    }

    /// <summary>
    /// A run of one claim per batch (on PostgreSQL: reader, rules and writer overlapping over four
    /// batches) stores the same outcome and findings for each claim as a run of one batch, and counts the same.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Batches_of_one_claim_give_the_results_of_one_batch(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var ids = await ClaimsAsync(database);
        var whole = await RunAsync(database);

        var single = await RunAsync(database, batchSize: 1);

        Assert.Equal((whole.Reviewed, whole.SkippedResolved), (single.Reviewed, single.SkippedResolved));
        Assert.Equal(whole.ByOutcome, single.ByOutcome);
        Assert.Equal(whole.ByRule, single.ByRule);
        await using var db = database.Open();
        var reviews = await db.ClaimReviews.Include(r => r.Findings).ToListAsync();
        Assert.Equal(8, reviews.Count);
        static string Described(ClaimReview r) =>
            $"{r.Outcome} {string.Join(" | ", r.Findings.OrderBy(f => f.Code, StringComparer.Ordinal).Select(f => $"{f.Code} {f.Severity} {f.Message}"))}";
        var first = reviews.Where(r => r.SupersededAt != null).ToDictionary(r => r.MedicalClaimId, Described);
        var second = reviews.Where(r => r.SupersededAt == null).ToDictionary(r => r.MedicalClaimId, Described);
        Assert.Equal(first, second);
        Assert.Equal(new[] { ids.Good, ids.Lost, ids.Unlinked, ids.Duplicate }.Order(), second.Keys.Order());
        Assert.StartsWith("Rejected R02 Rejected", second[ids.Duplicate], StringComparison.Ordinal);
        Assert.StartsWith("Rejected R01", second[ids.Lost], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Resolutions_are_audited_and_a_stale_version_is_refused(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var ids = await ClaimsAsync(database);
        await RunAsync(database);
        await using var first = database.Open();
        await using var second = database.Open();
        var shown = await first.ClaimReviews.AsNoTracking().SingleAsync(r => r.MedicalClaimId == ids.Duplicate);

        await Assert.ThrowsAsync<ArgumentException>(() => new ReviewQueueService(first, Clock()).RejectAsync(shown.Id, shown.Version, " ", "reviewer"));
        await new ReviewQueueService(first, Clock()).ApproveAsync(shown.Id, shown.Version, "reviewer");
        // Another staff member's form showed the same version: refused, nothing saved.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new ReviewQueueService(second, Clock()).RejectAsync(shown.Id, shown.Version, "重複", "reviewer2"));

        await using var check = database.Open();
        var stored = await check.ClaimReviews.SingleAsync(r => r.Id == shown.Id);
        Assert.Equal((ClaimReviewStatus.Approved, "reviewer", (string?)null, shown.Version + 1), (stored.Status, stored.ResolvedBy, stored.ResolutionReason, stored.Version));
        var audit = await check.AuditEvents.SingleAsync(a => a.EventType == AuditEventType.ClaimReviewApproved);
        Assert.Contains("\"oldStatus\":\"Open\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"newStatus\":\"Approved\"", audit.Details, StringComparison.Ordinal);
        Assert.Equal(0, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.ClaimReviewRejected));

        // A result shown before a re-run is stale after it.
        var beforeRun = await check.ClaimReviews.AsNoTracking().SingleAsync(r => r.MedicalClaimId == ids.Unlinked && r.SupersededAt == null);
        await RunAsync(database);
        await using var late = database.Open();
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new ReviewQueueService(late, Clock()).ApproveAsync(beforeRun.Id, beforeRun.Version, "reviewer"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Correcting_the_match_links_the_claim_and_reviews_it_again(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var ids = await ClaimsAsync(database);
        await RunAsync(database);
        await using var db = database.Open();
        var queue = new ReviewQueueService(db, Clock());
        var shown = await db.ClaimReviews.AsNoTracking().SingleAsync(r => r.MedicalClaimId == ids.Unlinked);
        await Assert.ThrowsAsync<ArgumentException>(() => queue.RematchAsync(shown.Id, shown.Version, "0000000", "reviewer"));

        var next = await queue.RematchAsync(shown.Id, shown.Version, Son, "reviewer");

        await using var check = database.Open();
        var sonId = await check.Recipients.Where(r => r.RecipientNumber == Son).Select(r => r.Id).SingleAsync();
        var claim = await check.MedicalClaims.SingleAsync(c => c.Id == ids.Unlinked);
        Assert.Equal((sonId, MedicalClaimMatchStatus.Matched), (claim.RecipientId, claim.MatchStatus));
        var current = await check.ClaimReviews.Include(r => r.Findings).SingleAsync(r => r.MedicalClaimId == ids.Unlinked && r.SupersededAt == null);
        Assert.Equal(next.Id, current.Id);
        Assert.DoesNotContain(current.Findings, f => f.Code == "R00");
        Assert.NotNull((await check.ClaimReviews.SingleAsync(r => r.Id == shown.Id)).SupersededAt);
        var audit = await check.AuditEvents.SingleAsync(a => a.EventType == AuditEventType.ClaimReviewRematched);
        Assert.Contains("\"oldRecipientId\":null", audit.Details, StringComparison.Ordinal);
        Assert.Contains($"\"newRecipientId\":{sonId}", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_approval_takes_one_rules_claims_of_the_filter_and_refuses_a_stale_count(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var ids = await ClaimsAsync(database);
        await RunAsync(database);
        await using var db = database.Open();
        var queue = new ReviewQueueService(db, Clock());
        var filter = new ReviewQueueFilter(October, "R02");
        var page = await queue.SearchAsync(filter);
        Assert.Equal(ids.Duplicate, page.Items.Single().ClaimId);
        Assert.Equal("R02", page.Items.Single().Findings.Single().Code);
        Assert.Equal(3, (await queue.SearchAsync(new ReviewQueueFilter(October))).Total);
        Assert.Equal(0, (await queue.SearchAsync(new ReviewQueueFilter(October, ProviderCode: "9999999"))).Total);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => queue.BulkApproveAsync(filter, "R02", 2, page.ReadAt, "reviewer"));
        Assert.Equal(1, await queue.BulkApproveAsync(filter, "R02", 1, page.ReadAt, "reviewer"));

        await using var check = database.Open();
        Assert.Equal(ClaimReviewStatus.Approved, (await check.ClaimReviews.SingleAsync(r => r.MedicalClaimId == ids.Duplicate)).Status);
        Assert.Equal(ClaimReviewStatus.Open, (await check.ClaimReviews.SingleAsync(r => r.MedicalClaimId == ids.Lost)).Status);
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.ClaimReviewsBulkApproved));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_claim_deadline_master_ships_60_months_and_drives_rule_R08(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        var row = await db.ClaimDeadlines.SingleAsync();
        Assert.Equal((60, "初期値 — 市の規則で確認のこと"), (row.Months, row.Note));
        Assert.Equal(60, await db.ClaimDeadlineMonthsOnAsync(October.FirstDay));

        // 2021-09 + 60 months = 2026-09 < 処理年月 2026-10: exceeded. 2021-10 + 60 = 2026-10: in time.
        var late = await AddClaimAsync(db, Mother, 202109, points: 1000, share: 3000);
        var inTime = await AddClaimAsync(db, Mother, 202110, points: 1000, share: 3000);
        await RunAsync(database);
        await using var check = database.Open();
        var codes = await check.ClaimReviewFindings.Join(check.ClaimReviews, f => f.ClaimReviewId, r => r.Id, (f, r) => new { r.MedicalClaimId, f.Code }).ToListAsync();
        Assert.Contains(codes, c => c.MedicalClaimId == late && c.Code == "R08");
        Assert.DoesNotContain(codes, c => c.MedicalClaimId == inTime && c.Code == "R08");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_payment_rules_read_the_claims_terms(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        // 花子 has no 所得判定: 区分 ウ by default; 300,000 reaches the lowest limit (R13).
        var large = await AddClaimAsync(db, Mother, 202609, points: 100_000, share: 300_000);
        var small = await AddClaimAsync(db, Mother, 202608, points: 1000, share: 3000);
        var longTerm = await AddClaimAsync(db, Mother, 202607, points: 7_000, share: 21_000);
        var claim = await db.MedicalClaims.SingleAsync(c => c.Id == longTerm);
        claim.LongTerm = true;
        await db.SaveChangesAsync();

        await RunAsync(database);

        await using var check = database.Open();
        var codes = (await check.ClaimReviewFindings.Join(check.ClaimReviews, f => f.ClaimReviewId, r => r.Id, (f, r) => new { r.MedicalClaimId, f.Code }).ToListAsync())
            .ToLookup(c => c.MedicalClaimId, c => c.Code);
        Assert.Contains("R13", codes[large]);
        Assert.DoesNotContain("R13", codes[small]);
        Assert.Equal(["R15"], codes[longTerm].Where(c => c.StartsWith("R1", StringComparison.Ordinal) && c != "R10"));
    }

    private sealed record ClaimIds(long Good, long Lost, long Unlinked, long Duplicate);

    private static async Task<ReviewRunResult> RunAsync(TestDatabase database, int batchSize = 1000)
    {
        await using var db = database.Open();
        return await new ReviewRun(db, Clock()) { BatchSize = batchSize }.RunAsync(October, "reviewer");
    }

    /// <summary>花子's claim as it should be (可); the lost orphan's (R01 否); one not linked (R00); 花子's sent again (R02 否).</summary>
    private static async Task<ClaimIds> ClaimsAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var good = await AddClaimAsync(db, Mother, 202609, points: 1000, share: 3000);
        var lost = await AddClaimAsync(db, Orphan, 202609, points: 500, share: 1500, birth: new DateOnly(2005, 8, 20), insurer: "01130012");
        var unlinked = await AddClaimAsync(db, null, 202609, points: 500, share: 1500, birth: new DateOnly(2009, 4, 2), number: Son);
        var duplicate = await AddClaimAsync(db, Mother, 202609, points: 1000, share: 3000);
        return new ClaimIds(good, lost, unlinked, duplicate);
    }

    private static async Task<long> AddClaimAsync(
        FukushiDbContext db, string? linkedTo, int serviceMonth, long points, long share, DateOnly? birth = null, string insurer = "133066", string? number = null)
    {
        long? recipientId = linkedTo is null ? null : await db.Recipients.Where(r => r.RecipientNumber == linkedTo).Select(r => r.Id).SingleAsync();
        var claim = new MedicalClaim
        {
            Source = MedicalClaimSource.Autopay,
            ProcessingMonth = 202610,
            ServiceMonth = serviceMonth,
            ProviderCode = Provider,
            PrefectureCode = "29",
            Schedule = MedicalClaimSchedule.Medical,
            InsurerShareRate = 70,
            Points = points,
            PatientShare = share,
            RecipientNumber = number ?? linkedTo,
            InsurerNumber = insurer,
            BirthDate = birth ?? new DateOnly(1988, 5, 12),
            RecipientId = recipientId,
            MatchStatus = recipientId is null ? MedicalClaimMatchStatus.Unmatched : MedicalClaimMatchStatus.Matched,
            ImportedAt = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero),
        };
        db.MedicalClaims.Add(claim);
        await db.SaveChangesAsync();
        return claim.Id;
    }

    private static SettableClock Clock() => new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>The 台帳 of MedicalClaimsImportTests: 花子 (1), 一郎 (2), 桜 (3) with 国保 133066, and an orphan (4) lost in 2024; the masters' defaults.</summary>
    private async Task<TestDatabase> LedgerAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        var residents = Path.Combine(folder, $"residents-{Guid.NewGuid():N}.csv");
        File.WriteAllText(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000301,,遠方 陽菜,エンポウ ヒナ,2005-08-20,2,,1000001,東京都千代田区千代田1番,2,,,") + "\n", new UTF8Encoding(true));
        var recipients = Path.Combine(folder, $"recipients-{Guid.NewGuid():N}.csv");
        File.WriteAllText(recipients, string.Join("\n",
            "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
            $"{Son},000102,児童,{Mother},新規,2024-04-01,2024-04-01,2024-08-01,2025-07-31,有効,,,,,,0,0,,現物給付,90290016,県,国保,00133066,奈良,1234,01,家族,,,,,,",
            $"{Mother},000101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,123456,ﾅﾗ ﾊﾅｺ,0742-34-1111",
            $"{Orphan},000301,父母のいない児童,,新規,2023-04-01,2023-04-01,2023-08-01,2024-07-31,喪失,2024-03-31,年齢到達,,,,0,0,,自動償還,88134457,市,社保,01130012,12,345,,家族,9900,238,1,1234567,ｴﾝﾎﾟｳ ﾊﾙｺ,") + "\n", new UTF8Encoding(true));
        await using var db = database.Open();
        var clock = Clock();
        await MasterDefaults.EnsureLoadedAsync(db, clock.GetUtcNow());
        Assert.Equal(ImportStatus.Imported, (await new ResidentsImport(db, clock).RunAsync(new ImportRequest(residents, "admin", Day, Migration: true))).Status);
        Assert.Equal(ImportStatus.Imported, (await new RecipientsImport(db, clock).RunAsync(new ImportRequest(recipients, "admin", Day))).Status);
        return database;
    }
}
