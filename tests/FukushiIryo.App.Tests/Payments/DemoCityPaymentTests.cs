using FukushiIryo.App.Demo;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Review;
using FukushiIryo.App.Tests.Demo;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// The whole month over the demo city (issue 12, "done when"): the claim files of <c>demo seed --files</c>
/// are imported and judged month by month, each month is prepared and approved, and at the end every 可
/// claim (and every 要確認 approved by staff) that is not 現物給付 has been paid exactly once, while no
/// 否, unresolved 要確認 or 現物給付 claim has; a further run finds nothing left to pay.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DemoCityPaymentTests(PostgresFixture fixture) : IDisposable
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9)));

    // Fridays that are bank business days, one for each 処理年月 of the demo files (2026-08 … 2026-10), and one more.
    private static readonly Dictionary<int, DateOnly> PayDates = new()
    {
        [202608] = new DateOnly(2026, 9, 25),
        [202609] = new DateOnly(2026, 10, 23),
        [202610] = new DateOnly(2026, 11, 27),
        [202611] = new DateOnly(2026, 12, 25),
    };

    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-demo-city-pay-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_accepted_claim_of_the_demo_city_is_paid_exactly_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var population = await DemoTestData.GenerateAsync(60, 11);
        await using (var db = database.Open())
        {
            await MasterDefaults.EnsureLoadedAsync(db, Clock.GetUtcNow());
            await ReferenceMasters.EnsureLoadedAsync(db, Clock.GetUtcNow()); // the shipped bank master, as db migrate loads it
            await new DemoSeeder(db, Clock).SeedAsync(population, "admin");
        }

        DemoFiles.Write(population, folder, out var files);
        foreach (var month in files.GroupBy(f => f.ProcessingMonth))
        {
            foreach (var file in month)
            {
                await using var db = database.Open();
                var path = Path.Combine(folder, file.FileName);
                var imported = await new MedicalClaimsImport(db, Clock).RunAsync(
                    new ImportRequest(path, "reviewer", new DateOnly(2026, 11, 29)), month.Key, MedicalClaimsImport.Detect(path, null));
                Assert.Equal(ImportStatus.Imported, imported.Status);
            }

            await using (var db = database.Open())
            {
                await new ReviewRun(db, Clock).RunAsync(month.Key, "reviewer");
            }
        }

        // Staff approve one 要確認 late: it must be paid in the next run, not lost.
        long lateApproved;
        await using (var db = database.Open())
        {
            var open = await db.ClaimReviews
                .Where(r => r.SupersededAt == null && r.Outcome == ReviewOutcome.NeedsReview && r.Status == ClaimReviewStatus.Open)
                .Join(db.MedicalClaims.Where(c => c.RecipientId != null && c.Source == MedicalClaimSource.Autopay), r => r.MedicalClaimId, c => c.Id, (r, c) => r)
                .OrderBy(r => r.Id)
                .FirstAsync();
            lateApproved = open.MedicalClaimId;
        }

        var months = files.Select(f => f.ProcessingMonth).Distinct().Order().ToList();
        long total = 0;
        foreach (var month in months)
        {
            await using var db = database.Open();
            var runs = new PaymentRuns(db, Clock);
            var prepared = await runs.PrepareAsync(month, PayDates[ReviewRun.MonthKey(month)], "shiharai1");
            await runs.ApproveAsync(month, "kessai1");
            total += prepared.Total;
            if (month == months[0])
            {
                var review = await db.ClaimReviews.AsNoTracking().SingleAsync(r => r.MedicalClaimId == lateApproved && r.SupersededAt == null);
                await new ReviewQueueService(db, Clock).ApproveAsync(review.Id, review.Version, "reviewer");
            }
        }

        await using var check = database.Open();
        var current = await check.ClaimReviews.Where(r => r.SupersededAt == null).ToListAsync();
        var claims = await check.MedicalClaims.ToDictionaryAsync(c => c.Id);
        var payable = current
            .Where(r => r.Status == ClaimReviewStatus.Approved || (r.Status == ClaimReviewStatus.Open && r.Outcome == ReviewOutcome.Accepted))
            .Select(r => claims[r.MedicalClaimId])
            .Where(c => c.RecipientId is not null && c.Source != MedicalClaimSource.PaidMigrated)
            .Where(c => ClaimSubsidyTerms.BenefitMethodOf(c) != App.Eligibility.BenefitMethod.InKind)
            .Select(c => c.Id)
            .Order()
            .ToList();
        var paid = await check.PaidClaims.Select(p => p.MedicalClaimId).OrderBy(id => id).ToListAsync();
        var heldOut = await check.PaymentPayees.Where(p => p.HeldOut).Select(p => p.HeldOutReason).ToListAsync();

        Assert.True(heldOut.Count == 0, string.Join(" / ", heldOut.GroupBy(r => r).Select(g => $"{g.Key} ×{g.Count()}")));
        Assert.True(payable.Count >= 30, $"only {payable.Count} payable claims: the demo city should give a real month");
        Assert.Equal(payable, paid);
        Assert.Contains(lateApproved, paid);

        // Every paid claim has exactly one current line in an approved run, and the lines add up to the runs' totals.
        var approvedRuns = await check.PaymentRuns.Where(r => r.Status == PaymentRunStatus.Approved).ToListAsync();
        var currentLines = (await check.PaymentLines.ToListAsync())
            .Where(l => approvedRuns.Any(r => r.Id == l.PaymentRunId && r.Preparation == l.Preparation))
            .ToList();
        Assert.Equal(paid, currentLines.Select(l => l.MedicalClaimId).Order().ToList());
        Assert.Equal(total, currentLines.Sum(l => l.Subsidy));
        Assert.Equal(approvedRuns.Sum(r => r.TotalAmount), total);

        // Nothing is left: the next month's run pays none of them again.
        var next = await new PaymentRuns(check, Clock).PrepareAsync(new YearMonth(2026, 11), PayDates[202611], "shiharai1");
        Assert.Equal(0, next.Claims);
        Assert.Equal(0L, next.Total);
    }
}
