using System.Text;
using FukushiIryo.App.Audit;
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

namespace FukushiIryo.App.Tests.MedicalClaims;

/// <summary>
/// 償還払い入力 (ManualClaimEntry) on both databases: rows saved as 照合済 manual claims in the JST month
/// of entry and judged at once by the 審査 rules; R02 catches a manual claim that repeats an imported
/// autopay claim or a migrated paid claim; any validation error saves nothing.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ManualClaimEntryTests(PostgresFixture fixture) : IDisposable
{
    private const string AutopayHeader = "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期";
    private const string OurPayer = "90290024";
    private const string Provider = "0100102";
    private static readonly DateOnly Day = new(2026, 11, 2);
    private static readonly string Mother = RecipientNumber.FromSerial(1).ToString();
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-manual-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>2026-11-30 16:00 UTC is 2026-12-01 01:00 in Japan: the 処理年月 is 2026-12, not 2026-11.</summary>
    private static SettableClock Clock() => new(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rows_are_saved_matched_in_the_JST_month_of_entry_reviewed_and_audited(string provider)
    {
        await using var database = await LedgerAsync(provider);
        ManualClaimResult result;
        await using (var db = database.Open())
        {
            var entry = new ManualClaimEntry(db, Clock());
            var echoed = await entry.LookUpAsync(Mother, "madoguchi1");
            Assert.Equal((Mother, "奈良 花子"), (echoed!.RecipientNumber, echoed.Name));
            result = await entry.SaveAsync(Mother,
            [
                new ManualClaimLine { ProviderCode = Provider, ProviderName = "奈良テスト医院", ServiceMonth = "R8.10", DaysOfCare = "2", Points = "１，０００", PatientShare = "3,000円", HighCostRefund = "0" },
                new ManualClaimLine { ProviderCode = "13-0100102", ServiceMonth = "2026-09", Schedule = MedicalClaimSchedule.Pharmacy, Points = "250", PatientShare = "750", LongTerm = true },
                new ManualClaimLine(),
            ], "madoguchi1");
        }

        Assert.True(result.Ok);
        Assert.Equal(202612, result.ProcessingMonth);
        await using var check = database.Open();
        var motherId = await check.Recipients.Where(r => r.RecipientNumber == Mother).Select(r => r.Id).SingleAsync();
        var claims = await check.MedicalClaims.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(2, claims.Count);
        var first = claims[0];
        Assert.Equal((MedicalClaimSource.Manual, 202612, 202610, Provider, "29", MedicalClaimSchedule.Medical, false), (first.Source, first.ProcessingMonth, first.ServiceMonth, first.ProviderCode, first.PrefectureCode, first.Schedule, first.Inpatient));
        Assert.Equal(((long?)1000, (long?)3000, (long?)0, (long?)null, (int?)2, (long?)null), (first.Points, first.PatientShare, first.HighCostRefund, first.ExtraBenefit, first.DaysOfCare, first.ImportedFileId));
        Assert.Equal((motherId, MedicalClaimMatchStatus.Matched, Mother, "madoguchi1", new DateOnly(1988, 5, 12)), (first.RecipientId!.Value, first.MatchStatus, first.RecipientNumber, first.EnteredBy, first.BirthDate!.Value));
        Assert.Contains("診療年月=R8.10", first.RawRecords, StringComparison.Ordinal);
        var second = claims[1];
        Assert.Equal(("13", Provider, MedicalClaimSchedule.Pharmacy, true, 202609), (second.PrefectureCode, second.ProviderCode, second.Schedule, second.LongTerm, second.ServiceMonth));

        var reviews = await check.ClaimReviews.Include(r => r.Findings).ToDictionaryAsync(r => r.MedicalClaimId);
        Assert.Equal((ReviewOutcome.Accepted, ClaimReviewStatus.Open, 202612), (reviews[first.Id].Outcome, reviews[first.Id].Status, reviews[first.Id].ProcessingMonth));
        Assert.Empty(reviews[first.Id].Findings);
        Assert.Equal(ReviewOutcome.Accepted, result.Saved[0].Outcome);
        var audit = await check.AuditEvents.SingleAsync(a => a.EventType == AuditEventType.ManualClaimsEntered);
        Assert.Equal(("madoguchi1", motherId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.Actor, audit.SubjectId));
        Assert.Contains("\"patientShare\":3000", audit.Details, StringComparison.Ordinal);
        // The echo of the name is recorded as a 宛名検索 by 受給者番号.
        var search = await check.AuditEvents.SingleAsync(a => a.EventType == AuditEventType.PersonSearched && a.Actor == "madoguchi1");
        Assert.Contains("\"screen\":\"claims.manual\"", search.Details, StringComparison.Ordinal);
        Assert.Contains(Mother, search.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_manual_claim_repeating_an_imported_autopay_claim_is_caught_by_R02(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var path = Path.Combine(folder, "autopay.csv");
        File.WriteAllText(path, AutopayHeader + "\n" + $"{OurPayer},{Mother},133066,ナラ ハナコ,1988-05-12,2026-10,{Provider},奈良テスト医院,医科,外来,70,2,1000,,3000,0,0,0,0" + "\n", new UTF8Encoding(true));
        await using (var db = database.Open())
        {
            Assert.Equal(ImportStatus.Imported, (await new MedicalClaimsImport(db, Clock()).RunAsync(new ImportRequest(path, "reviewer", Day), new YearMonth(2026, 11), MedicalClaimFileFormat.Autopay)).Status);
        }

        ManualClaimResult result;
        await using (var db = database.Open())
        {
            // The same receipt sent again (否), and one of the same 医療機関・月 with other amounts (要確認).
            result = await new ManualClaimEntry(db, Clock()).SaveAsync(Mother,
            [
                new ManualClaimLine { ProviderCode = Provider, ServiceMonth = "R8.10", Points = "1000", PatientShare = "3000" },
                new ManualClaimLine { ProviderCode = Provider, ServiceMonth = "令和8年10月", Points = "1200", PatientShare = "3600" },
            ], "reviewer");
        }

        Assert.True(result.Ok);
        Assert.Equal((ReviewOutcome.Rejected, "R02"), (result.Saved[0].Outcome, result.Saved[0].Findings.Single().Code));
        Assert.Contains("自動償還", result.Saved[0].Findings.Single().Message, StringComparison.Ordinal);
        Assert.Equal((ReviewOutcome.NeedsReview, "R02", ReviewSeverity.NeedsReview), (result.Saved[1].Outcome, result.Saved[1].Findings.Single().Code, result.Saved[1].Findings.Single().Severity));
        await using var check = database.Open();
        var stored = await check.ClaimReviews.Include(r => r.Findings).SingleAsync(r => r.MedicalClaimId == result.Saved[0].ClaimId);
        Assert.Equal((ReviewOutcome.Rejected, "R02"), (stored.Outcome, stored.Findings.Single().Code));
        // The queue shows both manual claims for the 処理年月 of entry.
        var queue = await new ReviewQueueService(check, Clock()).SearchAsync(new ReviewQueueFilter(new YearMonth(2026, 12), "R02"));
        Assert.Equal([result.Saved[0].ClaimId, result.Saved[1].ClaimId], queue.Items.Select(i => i.ClaimId).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_manual_claim_repeating_a_migrated_paid_claim_is_rejected_by_R02(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var path = Path.Combine(folder, "paid.csv");
        File.WriteAllText(path, AutopayHeader + ",支払日,助成額\n" + $"{OurPayer},{Mother},133066,ナラ ハナコ,1988-05-12,2025-06,{Provider},奈良テスト医院,医科,外来,70,2,1000,,3000,0,0,0,0,2025-08-20,2500" + "\n", new UTF8Encoding(true));
        await using (var db = database.Open())
        {
            Assert.Equal(ImportStatus.Imported, (await new MedicalClaimsImport(db, Clock()).RunPaidAsync(new ImportRequest(path, "admin", Day, Migration: true))).Status);
        }

        ManualClaimResult result;
        await using (var db = database.Open())
        {
            result = await new ManualClaimEntry(db, Clock()).SaveAsync(Mother,
                [new ManualClaimLine { ProviderCode = Provider, ServiceMonth = "R7.6", Points = "1000", PatientShare = "3000" }], "reviewer");
        }

        Assert.True(result.Ok);
        var finding = result.Saved.Single().Findings.Single();
        Assert.Equal((ReviewOutcome.Rejected, "R02", ReviewSeverity.Rejected), (result.Saved.Single().Outcome, finding.Code, finding.Severity));
        Assert.Contains("移行済支払", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Any_error_is_reported_beside_its_field_and_nothing_is_saved(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using (var db = database.Open())
        {
            var entry = new ManualClaimEntry(db, Clock());
            var result = await entry.SaveAsync(Mother,
            [
                new ManualClaimLine { ProviderCode = Provider, ServiceMonth = "R8.10", Points = "1000", PatientShare = "3000" },
                new ManualClaimLine { ProviderCode = Provider, ServiceMonth = "R8.13", Points = "1000" },
                new ManualClaimLine { ProviderCode = "12345", ServiceMonth = "2027-01", Points = "-5", PatientShare = "3000" },
                new ManualClaimLine { ProviderCode = Provider, ServiceMonth = "2026-10", Schedule = MedicalClaimSchedule.HomeNursing, Points = "100", PatientShare = "0" },
            ], "reviewer");
            Assert.False(result.Ok);
            Assert.Equal(
                new[] { (1, "PatientShare"), (1, "ServiceMonth"), (2, "Points"), (2, "ProviderCode"), (2, "ServiceMonth"), (3, "Points") },
                result.Errors.Select(e => (e.Row, e.Field)).Order().ToArray());
            Assert.Contains(result.Errors, e => e.Row == 2 && e.Message == "診療年月が今月より後です。");
            Assert.Empty(result.Saved);

            var unknown = await entry.SaveAsync("9999999", [new ManualClaimLine { ProviderCode = Provider, ServiceMonth = "R8.10", Points = "1000", PatientShare = "3000" }], "reviewer");
            Assert.Equal((-1, "RecipientNumber", "その受給者番号の受給者はいません。"), (unknown.Errors.Single().Row, unknown.Errors.Single().Field, unknown.Errors.Single().Message));
            var empty = await entry.SaveAsync(Mother, [new ManualClaimLine(), new ManualClaimLine()], "reviewer");
            Assert.Equal("領収書を1行以上入力してください。", empty.Errors.Single().Message);
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.MedicalClaims.CountAsync());
        Assert.Equal(0, await check.ClaimReviews.CountAsync());
        Assert.Equal(0, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.ManualClaimsEntered));
    }

    /// <summary>花子 (受給者番号 1, 国保 133066, eligible 2024-08-01 to 2027-07-31); the masters' defaults.</summary>
    private async Task<TestDatabase> LedgerAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        var residents = Path.Combine(folder, $"residents-{Guid.NewGuid():N}.csv");
        File.WriteAllText(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,") + "\n", new UTF8Encoding(true));
        var recipients = Path.Combine(folder, $"recipients-{Guid.NewGuid():N}.csv");
        File.WriteAllText(recipients, string.Join("\n",
            "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
            $"{Mother},000101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,123456,ﾅﾗ ﾊﾅｺ,0742-34-1111") + "\n", new UTF8Encoding(true));
        await using var db = database.Open();
        var clock = Clock();
        await MasterDefaults.EnsureLoadedAsync(db, clock.GetUtcNow());
        Assert.Equal(ImportStatus.Imported, (await new ResidentsImport(db, clock).RunAsync(new ImportRequest(residents, "admin", Day, Migration: true))).Status);
        Assert.Equal(ImportStatus.Imported, (await new RecipientsImport(db, clock).RunAsync(new ImportRequest(recipients, "admin", Day))).Status);
        return database;
    }
}
