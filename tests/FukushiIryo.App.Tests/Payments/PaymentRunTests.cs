using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Review;
using FukushiIryo.App.Settings;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Review;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// The monthly payment run (ADR 0023) on both databases: which claims are paid, to whom, exactly once;
/// re-preparation, approval by another user, held-out payees, and crashes in the middle of a step.
/// Amounts: 医科外来 一部負担金 500円 (shipped default); 高額療養費 and 附加給付 given as 0.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed partial class PaymentRunTests(PostgresFixture fixture) : IDisposable
{
    private const string Provider = "0100102";
    private const string OtherProvider = "0100201";
    private static readonly DateOnly Day = new(2026, 11, 2);
    private static readonly YearMonth October = new(2026, 10);
    private static readonly YearMonth November = new(2026, 11);
    private static readonly DateOnly OctoberPayDate = new(2026, 11, 20); // a Friday
    private static readonly DateOnly NovemberPayDate = new(2026, 12, 18); // a Friday
    private static readonly string Mother = RecipientNumber.FromSerial(1).ToString();
    private static readonly string Son = RecipientNumber.FromSerial(2).ToString();
    private static readonly string Orphan = RecipientNumber.FromSerial(4).ToString();
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-payrun-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Prepare_pays_each_accepted_unpaid_claim_to_its_payee_and_leaves_out_the_rest(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        var good = await AddClaimAsync(db, Mother, 202610, share: 3000);                       // 可: 3,000 − 500 = 2,500
        var son = await AddClaimAsync(db, Son, 202609, share: 1500);                           // 可, to the mother: 1,500 − 500 = 1,000
        var orphan = await AddClaimAsync(db, Orphan, 202610, share: 2000);                     // 可, own account: 2,000 − 500 = 1,500
        var approvedLate = await AddClaimAsync(db, Mother, 202610, share: 800, provider: OtherProvider, outcome: ReviewOutcome.NeedsReview, status: ClaimReviewStatus.Approved); // 800 − 500 = 300
        await AddClaimAsync(db, Mother, 202610, share: 9000, outcome: ReviewOutcome.NeedsReview);  // 要確認 unresolved
        await AddClaimAsync(db, Mother, 202610, share: 9000, outcome: ReviewOutcome.Rejected);     // 否
        await AddClaimAsync(db, Mother, 202610, share: 9000, outcome: ReviewOutcome.Accepted, status: ClaimReviewStatus.Rejected); // 否認 by staff
        await AddClaimAsync(db, Mother, 202611, share: 9000, processingMonth: 202611);             // a later 処理年月
        await AddClaimAsync(db, Son, 202610, share: 9000, source: MedicalClaimSource.Uke, payerNumber: "90290016"); // 現物給付

        var result = await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");

        Assert.Equal((2, 4, 2_500L + 1_000 + 300 + 1_500, 0, 1), (result.Payees, result.Claims, result.Total, result.HeldOutPayees, result.InKindClaims));
        await using var check = database.Open();
        var run = await check.PaymentRuns.SingleAsync();
        Assert.Equal((PaymentRunStatus.Prepared, 1, OctoberPayDate, "shiharai1"), (run.Status, run.Preparation, run.PayDate, run.PreparedBy));
        var lines = await check.PaymentLines.ToDictionaryAsync(l => l.MedicalClaimId);
        Assert.Equal(new[] { good, son, orphan, approvedLate }.Order(), lines.Keys.Order());
        Assert.Equal((2_500L, 500L, 3_000L), (lines[good].Subsidy, lines[good].Copayment, lines[good].SelfPay));
        Assert.Contains("\"項目\":\"保険自己負担額\"", lines[good].StepsJson, StringComparison.Ordinal);
        var mother = await RecipientIdAsync(check, Mother);
        Assert.Equal((mother, 1_000L), (lines[son].PayeeRecipientId, lines[son].Subsidy));
        var payees = await check.PaymentPayees.ToDictionaryAsync(p => p.RecipientNumber);
        Assert.Equal((3_800L, 3, "0162", "001", "1234567", "ﾅﾗ ﾊﾅｺ", "ﾅﾝﾄ", "ﾎﾝﾃﾝ"),
            (payees[Mother].Amount, payees[Mother].ClaimCount, payees[Mother].BankCode, payees[Mother].BranchCode, payees[Mother].AccountNumber, payees[Mother].PayeeName, payees[Mother].BankName, payees[Mother].BranchName));
        Assert.Equal((1_500L, "9900", "238", false), (payees[Orphan].Amount, payees[Orphan].BankCode, payees[Orphan].BranchCode, payees[Orphan].HeldOut));
        Assert.Equal("000101", payees[Mother].AtenaNumber);
        Assert.Null(payees[Mother].PreviousAmount);
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.PaymentRunPrepared));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_claim_paid_in_an_approved_run_is_never_paid_again_and_a_late_resolution_is_paid_next_month(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        var first = await AddClaimAsync(db, Mother, 202610, share: 3000);
        var pending = await AddClaimAsync(db, Son, 202610, share: 1200, provider: OtherProvider, outcome: ReviewOutcome.NeedsReview);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await Runs(db).ApproveAsync(October, "kessai1");

        // After October's run: the 要確認 is approved by staff, a second claim of the same institution,
        // 診療月 and kind arrives (its 一部負担金 was charged in October), and November runs.
        await ResolveAsync(db, pending);
        var second = await AddClaimAsync(db, Mother, 202610, share: 2000, processingMonth: 202611);
        var november = await Runs(db).PrepareAsync(November, NovemberPayDate, "shiharai1");

        await using var check = database.Open();
        var novemberRun = await check.PaymentRuns.SingleAsync(r => r.ProcessingMonth == 202611);
        var lines = await check.PaymentLines.Where(l => l.PaymentRunId == novemberRun.Id).ToDictionaryAsync(l => l.MedicalClaimId);
        Assert.DoesNotContain(first, lines.Keys);
        Assert.Equal((1_200L - 500, 2_000L, 0L), (lines[pending].Subsidy, lines[second].Subsidy, lines[second].Copayment));
        Assert.Equal((2, 700L + 2_000), (november.Claims, november.Total));
        var mother = await check.PaymentPayees.SingleAsync(p => p.PaymentRunId == novemberRun.Id && p.RecipientNumber == Mother);
        Assert.Equal((2_700L, 2_500L), (mother.Amount, mother.PreviousAmount));
        Assert.Equal([first], await check.PaidClaims.Select(p => p.MedicalClaimId).ToListAsync());

        await Runs(db).ApproveAsync(November, "kessai1");
        await using var after = database.Open();
        Assert.Equal(new[] { first, pending, second }.Order(), (await after.PaidClaims.Select(p => p.MedicalClaimId).ToListAsync()).Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Preparing_again_replaces_the_prepared_run_and_an_approved_month_is_refused(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        var added = await AddClaimAsync(db, Orphan, 202610, share: 2000);

        var again = await Runs(db).PrepareAsync(October, new DateOnly(2026, 11, 24), "shiharai2");

        Assert.Equal((2, 2, 4_000L), (again.Preparation, again.Payees, again.Total));
        await using (var check = database.Open())
        {
            var run = await check.PaymentRuns.SingleAsync();
            Assert.Equal((2, "shiharai2", new DateOnly(2026, 11, 24), 4_000L), (run.Preparation, run.PreparedBy, run.PayDate, run.TotalAmount));
            var current = await check.PaymentLines.Where(l => l.Preparation == 2).Select(l => l.MedicalClaimId).ToListAsync();
            Assert.Contains(added, current);
            Assert.Equal(1, await check.PaymentLines.CountAsync(l => l.Preparation == 1)); // kept, no longer current
        }

        // The preparer cannot approve (self-approval); another 決裁 user can; then the month is closed.
        var self = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).ApproveAsync(October, "shiharai2"));
        Assert.True(self.NotPermitted);
        await Runs(db).ApproveAsync(October, "kessai1");
        var refused = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1"));
        Assert.False(refused.NotPermitted);
        Assert.Contains("承認済み", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).ApproveAsync(October, "kessai2"));
        await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).PrepareAsync(new YearMonth(2026, 9), new DateOnly(2026, 10, 20), "shiharai1"));
        await using var final = database.Open();
        Assert.Equal((PaymentRunStatus.Approved, "kessai1"), (await final.PaymentRuns.Select(r => r.Status).SingleAsync(), await final.PaymentRuns.Select(r => r.ApprovedBy).SingleAsync()));
        Assert.Equal(2, await final.PaidClaims.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_pay_date_that_is_not_a_bank_business_day_is_refused(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);

        var sunday = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).PrepareAsync(October, new DateOnly(2026, 11, 22), "shiharai1"));
        var holiday = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).PrepareAsync(October, new DateOnly(2026, 11, 3), "shiharai1"));
        var yearEnd = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).PrepareAsync(October, new DateOnly(2026, 12, 31), "shiharai1"));

        Assert.Contains("2026-11-24", sunday.Message, StringComparison.Ordinal); // 11-23 is 勤労感謝の日
        Assert.Contains("2026-11-04", holiday.Message, StringComparison.Ordinal);
        Assert.Contains("2027-01-04", yearEnd.Message, StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Equal(0, await check.PaymentRuns.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Payees_whose_account_cannot_be_written_are_held_out_with_a_reason_and_paid_later(string provider)
    {
        await using var database = await LedgerAsync(provider, withPostBank: false);
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);
        var orphanClaim = await AddClaimAsync(db, Orphan, 202610, share: 2000);
        var son = await AddClaimAsync(db, Son, 202610, share: 1500);
        var motherPerson = await db.Recipients.Where(r => r.RecipientNumber == Mother).Select(r => r.PersonId).SingleAsync();
        var account = await db.BankAccounts.SingleAsync(a => a.PersonId == motherPerson && a.SupersededAt == null);
        account.AccountHolderKana = "奈良 花子"; // kanji: no 全銀 form
        await db.SaveChangesAsync();

        var result = await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");

        Assert.Equal((0, 2, 2_500L + 1_000 + 1_500), (result.Payees, result.HeldOutPayees, result.HeldOutAmount));
        await using var check = database.Open();
        var payees = await check.PaymentPayees.ToDictionaryAsync(p => p.RecipientNumber);
        Assert.True(payees[Mother].HeldOut);
        Assert.Contains("受取人名", payees[Mother].HeldOutReason, StringComparison.Ordinal);
        Assert.Contains("奈良花子", payees[Mother].HeldOutReason, StringComparison.Ordinal);
        Assert.True(payees[Orphan].HeldOut);
        Assert.Contains("店舗コード 238", payees[Orphan].HeldOutReason, StringComparison.Ordinal);

        // Approved: nothing held out is paid; once the ledger is put right the claims come back next month.
        await Runs(db).ApproveAsync(October, "kessai1");
        Assert.Equal(0, await check.PaidClaims.CountAsync());
        account = await db.BankAccounts.SingleAsync(a => a.PersonId == motherPerson && a.SupersededAt == null);
        account.AccountHolderKana = "ﾅﾗ ﾊﾅｺ";
        await db.SaveChangesAsync();
        var november = await Runs(db).PrepareAsync(November, NovemberPayDate, "shiharai1");
        Assert.Equal((1, 2, 3_500L, 1), (november.Payees, november.Claims, november.Total, november.HeldOutPayees));
        await using var after = database.Open();
        var novemberRun = await after.PaymentRuns.SingleAsync(r => r.ProcessingMonth == 202611);
        Assert.Contains(son, await after.PaymentLines.Where(l => l.PaymentRunId == novemberRun.Id).Select(l => l.MedicalClaimId).ToListAsync());
        Assert.DoesNotContain(orphanClaim, await after.PaidClaims.Select(p => p.MedicalClaimId).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_crash_in_the_middle_of_a_preparation_or_an_approval_leaves_the_month_as_it_was(string provider)
    {
        await using var uninterrupted = await LedgerAsync(provider);
        await using var crashed = await LedgerAsync(provider);
        var expected = await Scenario(uninterrupted, crashAt: null);
        var actual = await Scenario(crashed, crashAt: "prepare.lines");
        Assert.Equal(expected, actual);
        await using var crashedAgain = await LedgerAsync(provider);
        Assert.Equal(expected, await Scenario(crashedAgain, crashAt: "prepare.payees"));
        await using var crashedApproval = await LedgerAsync(provider);
        Assert.Equal(expected, await Scenario(crashedApproval, crashAt: "approve.paid"));

        static PaymentRuns Faulty(FukushiDbContext db, string crashAt) =>
            new(db, Clock()) { BatchSize = 1, Checkpoint = (step, _) => step == crashAt ? throw new IOException("injected fault") : Task.CompletedTask };

        // Claims in batches of one, a re-preparation over a prepared run, a fault; then the run again: same result.
        async Task<string> Scenario(TestDatabase database, string? crashAt)
        {
            await using (var db = database.Open())
            {
                await AddClaimAsync(db, Mother, 202610, share: 3000);
                await AddClaimAsync(db, Son, 202610, share: 1500);
                await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
                await AddClaimAsync(db, Orphan, 202610, share: 2000);
            }

            await using (var db = database.Open())
            {
                if (crashAt?.StartsWith("prepare", StringComparison.Ordinal) == true)
                {
                    await Assert.ThrowsAsync<IOException>(() => Faulty(db, crashAt).PrepareAsync(October, OctoberPayDate, "shiharai1"));
                    await using var check = database.Open();
                    var run = await check.PaymentRuns.SingleAsync();
                    Assert.Equal((PaymentRunStatus.Prepared, 1, 2), (run.Status, run.Preparation, run.ClaimCount));
                    Assert.Equal(0, await check.PaymentLines.CountAsync(l => l.Preparation == 2));
                    Assert.Equal(0, await check.PaymentPayees.CountAsync(l => l.Preparation == 2));
                }

                await new PaymentRuns(db, Clock()) { BatchSize = 1 }.PrepareAsync(October, OctoberPayDate, "shiharai1");
                if (crashAt?.StartsWith("approve", StringComparison.Ordinal) == true)
                {
                    await Assert.ThrowsAsync<IOException>(() => Faulty(db, crashAt).ApproveAsync(October, "kessai1"));
                    await using var check = database.Open();
                    var run = await check.PaymentRuns.SingleAsync();
                    Assert.Equal((PaymentRunStatus.Prepared, (string?)null), (run.Status, run.ApprovedBy));
                    Assert.Equal(0, await check.PaidClaims.CountAsync());
                    Assert.Equal(0, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.PaymentRunApproved));
                }

                await Runs(db).ApproveAsync(October, "kessai1");
            }

            await using var read = database.Open();
            var final = await read.PaymentRuns.SingleAsync();
            var lines = await read.PaymentLines.Where(l => l.Preparation == final.Preparation).OrderBy(l => l.MedicalClaimId)
                .Select(l => $"{l.MedicalClaimId}:{l.PayeeRecipientId}:{l.Subsidy}").ToListAsync();
            var paid = await read.PaidClaims.OrderBy(p => p.MedicalClaimId).Select(p => p.MedicalClaimId).ToListAsync();
            return $"{final.Status} {final.ClaimCount} {final.PayeeCount} {final.TotalAmount} | {string.Join(",", lines)} | {string.Join(",", paid)}";
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failure_computing_a_later_batch_fails_the_preparation_and_leaves_the_previous_one_current(string provider)
    {
        // Batches of one claim: on PostgreSQL the lines of the first batches are already COPYed by the writer
        // when the reader stage fails on the orphan's claim (recipients in id order, the orphan last).
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);
        await AddClaimAsync(db, Son, 202610, share: 1500);
        var first = await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await AddClaimAsync(db, Orphan, 201001, share: 2000); // 診療月 2010-01: no 高額療養費 row in force

        await Assert.ThrowsAsync<MasterDataMissingException>(
            () => new PaymentRuns(db, Clock()) { BatchSize = 1 }.PrepareAsync(October, OctoberPayDate, "shiharai2"));

        await using var check = database.Open();
        var run = await check.PaymentRuns.SingleAsync();
        Assert.Equal((1, "shiharai1", 2, 2_500L + 1_000), (run.Preparation, run.PreparedBy, run.ClaimCount, run.TotalAmount));
        Assert.Equal((2, 0), (await check.PaymentLines.CountAsync(), await check.PaymentLines.CountAsync(l => l.Preparation == 2)));
        Assert.Equal(0, await check.PaymentPayees.CountAsync(p => p.Preparation == 2));
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.PaymentRunPrepared));
        Assert.Equal(2, first.Claims);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_database_refuses_to_pay_a_claim_twice(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        var claim = await AddClaimAsync(db, Mother, 202610, share: 3000);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await Runs(db).ApproveAsync(October, "kessai1");
        var paid = await db.PaidClaims.AsNoTracking().SingleAsync();
        Assert.Equal(claim, paid.MedicalClaimId);

        db.PaidClaims.Add(new PaidClaim { MedicalClaimId = claim, PaymentRunId = paid.PaymentRunId, PaymentLineId = paid.PaymentLineId });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_preparation_on_PostgreSQL_commits_statistics_of_the_lines_and_payees_it_wrote()
    {
        // The approval's statements are planned on these statistics (ADR 0023, session 6): taken in the
        // preparation's transaction, they count its own rows, 3 lines and 2 payees here.
        await using var database = await LedgerAsync("postgres");
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);
        await AddClaimAsync(db, Son, 202610, share: 1500);
        await AddClaimAsync(db, Orphan, 202610, share: 2000);

        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");

        await using var check = database.Open();
        var tuples = await check.Database.SqlQueryRaw<float>(
            """SELECT reltuples AS "Value" FROM pg_class WHERE relname IN ('PaymentLines', 'PaymentPayees') ORDER BY relname""").ToListAsync();
        Assert.Equal(new[] { 3f, 2f }, tuples);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_claim_paid_by_another_month_after_the_preparation_makes_the_approval_refuse_and_write_nothing(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        var shared = await AddClaimAsync(db, Mother, 202610, share: 3000);                         // in both preparations
        var orphan = await AddClaimAsync(db, Orphan, 202610, share: 2000);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await Runs(db).PrepareAsync(November, NovemberPayDate, "shiharai1");                        // takes the same unpaid claims
        await Runs(db).ApproveAsync(November, "kessai1");

        var refused = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).ApproveAsync(October, "kessai1"));

        Assert.Contains("他の月で支払済み", refused.Message, StringComparison.Ordinal);
        await using var check = database.Open();
        var october = await check.PaymentRuns.SingleAsync(r => r.ProcessingMonth == 202610);
        Assert.Equal((PaymentRunStatus.Prepared, (string?)null), (october.Status, october.ApprovedBy));
        var november = await check.PaymentRuns.SingleAsync(r => r.ProcessingMonth == 202611);
        Assert.Equal(new[] { shared, orphan }.Order(), (await check.PaidClaims.Where(p => p.PaymentRunId == november.Id).Select(p => p.MedicalClaimId).ToListAsync()).Order());
        Assert.Equal(2, await check.PaidClaims.CountAsync());
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.PaymentRunApproved));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_export_writes_identical_files_again_and_refuses_a_different_existing_file(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);
        await AddClaimAsync(db, Orphan, 202610, share: 2000);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        var export = new PaymentExport(db, Clock(), new SystemSettings(db, Clock()), new PaymentFileWriters());
        await Assert.ThrowsAsync<PaymentRunRefusedException>(() => export.ExportAsync(October, folder, true, false, "shiharai1")); // not approved
        await Runs(db).ApproveAsync(October, "kessai1");
        var missing = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => export.ExportAsync(October, folder, true, false, "shiharai1"));
        Assert.Contains(SystemSettings.PaymentRequesterCode, missing.Message, StringComparison.Ordinal);
        await SettingsAsync(db);

        var first = await export.ExportAsync(October, folder, true, false, "shiharai1");
        var zengin = await File.ReadAllBytesAsync(Path.Combine(folder, "zengin-202610.txt"));
        var second = await export.ExportAsync(October, folder, true, false, "shiharai2");

        Assert.Equal(5 * 122, zengin.Length); // header, two payees, trailer, end; CR LF after each
        Assert.Equal(first.Files.Where(f => !f.Name.EndsWith(".pdf", StringComparison.Ordinal)), second.Files.Where(f => !f.Name.EndsWith(".pdf", StringComparison.Ordinal)));
        Assert.Equal("2", Encoding.ASCII.GetString(zengin, 122, 1));
        Assert.Equal("8000002000000004000", Encoding.ASCII.GetString(zengin, 366, 19));
        Assert.True(File.Exists(Path.Combine(folder, "notices-202610.pdf")));
        Assert.Contains("\"sha256\"", await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")), StringComparison.Ordinal);
        await using (var check = database.Open())
        {
            Assert.Equal(PaymentRunStatus.Exported, await check.PaymentRuns.Select(r => r.Status).SingleAsync());
            Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.PaymentRunExported));
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "detail-202610.csv"), "changed");
        await Assert.ThrowsAsync<PaymentRunRefusedException>(() => export.ExportAsync(October, folder, true, false, "shiharai1"));
        Assert.Equal(zengin, await File.ReadAllBytesAsync(Path.Combine(folder, "zengin-202610.txt")));
        Assert.Empty(Directory.GetFiles(folder, ".*.tmp"));
    }

    internal static async Task SettingsAsync(FukushiDbContext db)
    {
        var settings = new SystemSettings(db, Clock());
        await settings.SetAsync(SystemSettings.PaymentRequesterCode, "1234567890", "admin");
        await settings.SetAsync(SystemSettings.PaymentBankCode, "0162", "admin");
        await settings.SetAsync(SystemSettings.PaymentBranchCode, "001", "admin");
        await settings.SetAsync(SystemSettings.PaymentAccountNumber, "7654321", "admin");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pending_adjustments_are_paid_or_offset_once_and_what_is_left_stays_outstanding(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        var mother = await RecipientIdAsync(db, Mother);
        var orphan = await RecipientIdAsync(db, Orphan);
        await AddClaimAsync(db, Mother, 202610, share: 3000);                        // 2,500 from claims
        var retransfer = await AddAdjustmentAsync(db, orphan, PaymentAdjustmentKind.Retransfer, 4_200);   // no claims: paid alone
        var decrease = await AddAdjustmentAsync(db, mother, PaymentAdjustmentKind.CorrectionDecrease, -3_100); // offset up to 2,500
        var held = await AddAdjustmentAsync(db, mother, PaymentAdjustmentKind.Retransfer, 9_999, PaymentAdjustmentStatus.Held);

        var october = await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");

        Assert.Equal((1, 4_200L, 2, 4_200L - 2_500), (october.Payees, october.Total, october.Adjustments, october.AdjustmentTotal));
        await using (var check = database.Open())
        {
            var payees = await check.PaymentPayees.ToDictionaryAsync(p => p.RecipientNumber);
            Assert.Equal((0L, -2_500L, 1), (payees[Mother].Amount, payees[Mother].AdjustmentAmount, payees[Mother].ClaimCount));
            Assert.Equal((4_200L, 4_200L, 0), (payees[Orphan].Amount, payees[Orphan].AdjustmentAmount, payees[Orphan].ClaimCount));
            Assert.DoesNotContain(await check.PaymentAdjustmentLines.Select(l => l.PaymentAdjustmentId).ToListAsync(), id => id == held);
        }

        // Preparing again takes up the same adjustments once; nothing is settled before approval.
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        Assert.Equal(0, await db.SettledAdjustments.CountAsync());
        await Runs(db).ApproveAsync(October, "kessai1");

        await using (var check = database.Open())
        {
            var settled = await check.SettledAdjustments.ToDictionaryAsync(s => s.PaymentAdjustmentId, s => s.Applied);
            Assert.Equal(new Dictionary<long, long> { [retransfer] = 4_200, [decrease] = -2_500 }, settled);
            var statuses = await check.PaymentAdjustments.ToDictionaryAsync(a => a.Id, a => a.Status);
            Assert.Equal((PaymentAdjustmentStatus.Settled, PaymentAdjustmentStatus.Pending, PaymentAdjustmentStatus.Held), (statuses[retransfer], statuses[decrease], statuses[held]));
        }

        // November: the 600 left of the decrease is offset against the next claim; the settled 再振込 is not paid again.
        await AddClaimAsync(db, Mother, 202611, share: 2000, processingMonth: 202611);   // a new 診療月: 2,000 − 500 = 1,500
        var november = await Runs(db).PrepareAsync(November, NovemberPayDate, "shiharai1");
        Assert.Equal((1, 1_500L - 600, 1, -600L), (november.Payees, november.Total, november.Adjustments, november.AdjustmentTotal));
        await Runs(db).ApproveAsync(November, "kessai1");
        await using var after = database.Open();
        Assert.Equal(PaymentAdjustmentStatus.Settled, (await after.PaymentAdjustments.SingleAsync(a => a.Id == decrease)).Status);
        Assert.Equal(-3_100L, await after.SettledAdjustments.Where(s => s.PaymentAdjustmentId == decrease).SumAsync(s => s.Applied));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_adjustment_cancelled_after_preparation_makes_the_approval_refuse(string provider)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        var orphan = await RecipientIdAsync(db, Orphan);
        var retransfer = await AddAdjustmentAsync(db, orphan, PaymentAdjustmentKind.Retransfer, 4_200);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        var adjustment = await db.PaymentAdjustments.SingleAsync(a => a.Id == retransfer);
        adjustment.Status = PaymentAdjustmentStatus.Cancelled;
        await db.SaveChangesAsync();

        var refused = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => Runs(db).ApproveAsync(October, "kessai1"));
        Assert.Contains("準備をやり直してください", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.SettledAdjustments.CountAsync());
    }

    private static async Task<long> AddAdjustmentAsync(
        FukushiDbContext db, long payee, PaymentAdjustmentKind kind, long amount, PaymentAdjustmentStatus status = PaymentAdjustmentStatus.Pending)
    {
        var adjustment = new PaymentAdjustment
        {
            PayeeRecipientId = payee,
            RecipientId = payee,
            Kind = kind,
            Amount = amount,
            Status = status,
            Reason = "テスト",
            SourceType = "test",
            CreatedBy = "shiharai1",
            CreatedAt = new DateTimeOffset(2026, 11, 3, 1, 0, 0, TimeSpan.Zero),
        };
        db.PaymentAdjustments.Add(adjustment);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return adjustment.Id;
    }

    private static PaymentRuns Runs(FukushiDbContext db) => new(db, Clock());

    private static Task<long> RecipientIdAsync(FukushiDbContext db, string number) =>
        db.Recipients.Where(r => r.RecipientNumber == number).Select(r => r.Id).SingleAsync();

    private static async Task ResolveAsync(FukushiDbContext db, long claimId)
    {
        var review = await db.ClaimReviews.SingleAsync(r => r.MedicalClaimId == claimId && r.SupersededAt == null);
        review.Status = ClaimReviewStatus.Approved;
        review.ResolvedBy = "shinsa1";
        await db.SaveChangesAsync();
    }

    /// <summary>An autopay claim (医科外来, 高額療養費 and 附加給付 known to be none) with its current 審査 result.</summary>
    private static async Task<long> AddClaimAsync(
        FukushiDbContext db, string recipient, int serviceMonth, long share, int processingMonth = 202610, string provider = Provider,
        ReviewOutcome outcome = ReviewOutcome.Accepted, ClaimReviewStatus status = ClaimReviewStatus.Open,
        MedicalClaimSource source = MedicalClaimSource.Autopay, string? payerNumber = null)
    {
        var recipientId = await RecipientIdAsync(db, recipient);
        var claim = new MedicalClaim
        {
            Source = source,
            ProcessingMonth = processingMonth,
            ServiceMonth = serviceMonth,
            ProviderCode = provider,
            PrefectureCode = "29",
            ProviderName = "奈良診療所",
            Schedule = MedicalClaimSchedule.Medical,
            InsurerShareRate = 70,
            Points = share * 10 / 3 / 10,
            PatientShare = share,
            HighCostRefund = 0,
            ExtraBenefit = 0,
            OtherPublicAmount = 0,
            PayerNumber = payerNumber,
            RecipientNumber = recipient,
            InsurerNumber = "133066",
            RecipientId = recipientId,
            MatchStatus = MedicalClaimMatchStatus.Matched,
            ImportedAt = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero),
        };
        db.MedicalClaims.Add(claim);
        await db.SaveChangesAsync();
        db.ClaimReviews.Add(new ClaimReview
        {
            MedicalClaimId = claim.Id,
            ProcessingMonth = processingMonth,
            ProviderCode = provider,
            Outcome = outcome,
            Status = status,
            ReviewedAt = new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero),
            ReviewedBy = "shinsa1",
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return claim.Id;
    }

    internal static SettableClock Clock() => new(new DateTimeOffset(2026, 11, 10, 1, 0, 0, TimeSpan.Zero));

    /// <summary>花子 (1, account 南都 本店), her son 一郎 (2, paid to her), an orphan (4, own ゆうちょ account); the masters' defaults; the bank master's rows.</summary>
    private async Task<TestDatabase> LedgerAsync(string provider, bool withPostBank = true)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        var residents = Path.Combine(folder, $"residents-{Guid.NewGuid():N}.csv");
        File.WriteAllText(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000301,0003,遠方 陽菜,エンポウ ヒナ,2010-08-20,2,世帯主,6308501,奈良県奈良市登大路町31番地,1,,,") + "\n", new UTF8Encoding(true));
        var recipients = Path.Combine(folder, $"recipients-{Guid.NewGuid():N}.csv");
        File.WriteAllText(recipients, string.Join("\n",
            "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
            $"{Son},000102,児童,{Mother},新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,,,,0,0,,現物給付,90290016,県,国保,133066,奈良,1234,01,家族,,,,,,",
            $"{Mother},000101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,1234567,ﾅﾗ ﾊﾅｺ,0742-34-1111",
            $"{Orphan},000301,父母のいない児童,,新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,,,,0,0,,現物給付,90290016,県,国保,133066,12,345,,家族,9900,238,1,1234567,ｴﾝﾎﾟｳ ﾋﾅ,") + "\n", new UTF8Encoding(true));
        await using var db = database.Open();
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        await MasterDefaults.EnsureLoadedAsync(db, clock.GetUtcNow());
        Assert.Equal(ImportStatus.Imported, (await new ResidentsImport(db, clock).RunAsync(new ImportRequest(residents, "admin", Day, Migration: true))).Status);
        var imported = await new RecipientsImport(db, clock).RunAsync(new ImportRequest(recipients, "admin", Day));
        Assert.True(imported.Status == ImportStatus.Imported, string.Join("; ", imported.Errors.Select(e => e.ToString())));
        db.Banks.AddRange(new Bank { BankCode = "0162", Name = "南都", Kana = "ナント", Edition = "t" }, new Bank { BankCode = "9900", Name = "ゆうちょ", Kana = "ユウチヨ", Edition = "t" });
        db.BankBranches.Add(new BankBranch { BankCode = "0162", BranchCode = "001", Name = "本店", Kana = "ホンテン", Edition = "t" });
        if (withPostBank)
        {
            db.BankBranches.Add(new BankBranch { BankCode = "9900", BranchCode = "238", Name = "二三八", Kana = "ニサンハチ", Edition = "t" });
        }

        await db.SaveChangesAsync();
        return database;
    }
}
