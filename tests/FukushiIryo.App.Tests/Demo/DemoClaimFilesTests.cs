using FukushiIryo.App.Demo;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Demo;

/// <summary>
/// The claim files of <c>demo seed --files</c> go through the ordinary import and 審査 run, month by
/// month, and every planted case comes out as docs/demo.md says; every ordinary claim is 照合済 and 可.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DemoClaimFilesTests(PostgresFixture fixture) : IDisposable
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9)));

    /// <summary>The documented outcome of each case: the match, the 審査 outcome and the rules found (docs/demo.md).</summary>
    private static readonly Dictionary<DemoClaimCase, (MedicalClaimMatchStatus Match, ReviewOutcome Outcome, string Rules)> Expected = new()
    {
        [DemoClaimCase.UnknownPerson] = (MedicalClaimMatchStatus.Unmatched, ReviewOutcome.NeedsReview, "R00"),
        [DemoClaimCase.WeakMatch] = (MedicalClaimMatchStatus.NeedsReview, ReviewOutcome.NeedsReview, "R00"),
        [DemoClaimCase.OutsideEligibility] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.Rejected, "R01"),
        [DemoClaimCase.ResentOriginal] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.Accepted, ""),
        [DemoClaimCase.Resent] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.Rejected, "R02"),
        [DemoClaimCase.WrongInsurer] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.NeedsReview, "R04"),
        [DemoClaimCase.FutureServiceMonth] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.Rejected, "R07"),
        [DemoClaimCase.MalformedProviderCode] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.NeedsReview, "R09"),
        [DemoClaimCase.PublicAssistance] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.Rejected, "R01,R05"),
        [DemoClaimCase.LongTerm] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.Accepted, ""),
        [DemoClaimCase.ShortInpatient] = (MedicalClaimMatchStatus.Matched, ReviewOutcome.Accepted, ""),
    };

    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-demo-claims-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_three_months_import_and_review_with_the_documented_outcomes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var population = await DemoTestData.GenerateAsync(50, 7);
        await using (var db = database.Open())
        {
            await MasterDefaults.EnsureLoadedAsync(db, Clock.GetUtcNow());
            await new DemoSeeder(db, Clock).SeedAsync(population, "admin");
        }

        var paths = DemoFiles.Write(population, folder, out var files);
        Assert.Equal(
            ["autopay-2026-08.csv", "uke-2026-08.UKE", "autopay-2026-09.csv", "uke-2026-09.UKE", "autopay-2026-10.csv", "uke-2026-10.UKE"],
            files.Select(f => f.FileName).ToArray());
        Assert.Equal(3 + files.Count + 1, paths.Count);
        Assert.Equal(Expected.Keys.Order(), files.SelectMany(f => f.Claims).Select(c => c.Case).Where(c => c != DemoClaimCase.None).Order());

        foreach (var month in files.GroupBy(f => f.ProcessingMonth))
        {
            foreach (var file in month)
            {
                await using var db = database.Open();
                var path = Path.Combine(folder, file.FileName);
                var result = await new MedicalClaimsImport(db, Clock).RunAsync(new ImportRequest(path, "reviewer", new DateOnly(2026, 11, 29)), month.Key, MedicalClaimsImport.Detect(path, null));
                Assert.True(result.Status == ImportStatus.Imported, $"{file.FileName}: {string.Join("; ", result.Errors.Take(3).Select(e => $"{e.Line} {e.Column} {e.Reason}"))}");
                Assert.Equal(file.Claims.Count, result.Inserted);
            }

            await using (var db = database.Open())
            {
                await new ReviewRun(db, Clock).RunAsync(month.Key, "reviewer");
            }
        }

        await using var check = database.Open();
        var fileNames = await check.ImportedFiles.ToDictionaryAsync(f => f.Id, f => f.FileName);
        var claims = (await check.MedicalClaims.AsNoTracking().ToListAsync()).ToDictionary(c => (fileNames[c.ImportedFileId!.Value], c.SourceLine));
        var reviews = await check.ClaimReviews.AsNoTracking().Include(r => r.Findings).Where(r => r.SupersededAt == null).ToDictionaryAsync(r => r.MedicalClaimId);
        Assert.Equal(files.Sum(f => f.Claims.Count), claims.Count);
        foreach (var file in files)
        {
            foreach (var generated in file.Claims)
            {
                var stored = claims[(file.FileName, generated.Line)];
                var review = reviews[stored.Id];
                var rules = string.Join(",", review.Findings.Select(f => f.Code).Order(StringComparer.Ordinal));
                var (match, outcome, expectedRules) = Expected.TryGetValue(generated.Case, out var expected)
                    ? expected
                    : (MedicalClaimMatchStatus.Matched, ReviewOutcome.Accepted, string.Empty);
                Assert.True((match, outcome, expectedRules) == (stored.MatchStatus, review.Outcome, rules),
                    $"{file.FileName} line {generated.Line} ({generated.Case}): {stored.MatchStatus} {review.Outcome} [{rules}] {stored.MatchReason}; {string.Join(" / ", review.Findings.Select(f => f.Message))}");
                Assert.Equal(generated.RecipientNumber, stored.RecipientNumber);
                Assert.Equal(generated.PatientShare, stored.PatientShare);
                if (stored.MatchStatus == MedicalClaimMatchStatus.Matched)
                {
                    Assert.Equal(generated.Recipient!.RecipientNumber, await check.Recipients.Where(r => r.Id == stored.RecipientId).Select(r => r.RecipientNumber).SingleAsync());
                }
            }
        }

        // The weak match suggests the right child; only the broken provider code warns at import.
        var weak = files.SelectMany(f => f.Claims.Select(c => (f.FileName, Claim: c))).Single(x => x.Claim.Case == DemoClaimCase.WeakMatch);
        var suggested = claims[(weak.FileName, weak.Claim.Line)].SuggestedRecipientId;
        Assert.Equal(weak.Claim.Recipient!.RecipientNumber, await check.Recipients.Where(r => r.Id == suggested).Select(r => r.RecipientNumber).SingleAsync());
        var malformed = files.SelectMany(f => f.Claims.Select(c => (f.FileName, Claim: c))).Single(x => x.Claim.Case == DemoClaimCase.MalformedProviderCode);
        Assert.Equal([(malformed.FileName, malformed.Claim.Line)], claims.Where(c => c.Value.Warnings is not null).Select(c => c.Key).ToArray());
    }

    [Fact]
    public async Task The_claim_files_are_the_same_for_a_seed_and_hold_inpatient_and_every_schedule()
    {
        var first = DemoClaims.Build(await DemoTestData.GenerateAsync(300, 3));
        var again = DemoClaims.Build(await DemoTestData.GenerateAsync(300, 3));
        Assert.Equal(Render(first), Render(again));
        var other = DemoClaims.Build(await DemoTestData.GenerateAsync(300, 4));
        Assert.NotEqual(Render(first), Render(other));

        var ordinary = first.SelectMany(f => f.Claims).Where(c => c.Case == DemoClaimCase.None).ToList();
        Assert.True(ordinary.Count > 300, ordinary.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(ordinary, c => c.Inpatient && c.MealAmount > 0);
        Assert.Equal(
            [MedicalClaimSchedule.Medical, MedicalClaimSchedule.Dental, MedicalClaimSchedule.Pharmacy],
            ordinary.Select(c => c.Provider.Schedule).Distinct().Order().ToArray());
        Assert.All(first, f => Assert.All(f.Claims, c => Assert.Equal(c.InKind, f.Format == MedicalClaimFileFormat.Uke)));
        Assert.All(ordinary, c => Assert.Equal(c.ProcessingMonth.AddMonths(-1), c.ServiceMonth));
    }

    private static string Render(IReadOnlyList<DemoClaimFile> files)
    {
        using var writer = new StringWriter();
        foreach (var file in files)
        {
            writer.WriteLine(file.FileName);
            if (file.Format == MedicalClaimFileFormat.Autopay)
            {
                DemoClaims.WriteAutopay(writer, file.Claims);
            }
            else
            {
                using var stream = new MemoryStream();
                DemoClaims.WriteUke(stream, file.Claims);
                writer.WriteLine(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream.ToArray())));
            }
        }

        return writer.ToString();
    }
}
