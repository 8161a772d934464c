using System.Diagnostics;
using FukushiIryo.App.Data;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Review;
using FukushiIryo.Domain.Review;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// The payment run survives a real crash (ADR 0023, "Scale and faults"): the built <c>fukushi</c> runs
/// <c>payments prepare</c> as a child process and is killed (the whole process tree) while its
/// transaction is open; the month is then exactly as before (the previous preparation current, nothing
/// paid), and preparing again gives the same payees, lines and amounts as an uninterrupted run on a copy
/// of the same database (SQLite); on PostgreSQL, killed in the middle of its pipeline, likewise.
/// <c>payments approve</c> is one INSERT … SELECT statement, too quick to kill in the middle; its
/// all-or-nothing is proven by the injected faults of the App tests.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PaymentsKillTests(PostgresFixture fixture)
{
    internal static readonly string[] Prepare = ["payments", "prepare", "--month", "2026-10", "--pay-date", "2026-11-20", "--user", "bench"];

    [Fact]
    public async Task A_prepare_killed_in_the_middle_leaves_the_month_as_before_and_a_rerun_equals_an_uninterrupted_run()
    {
        await using var killed = await CliHarness.CreateAsync("sqlite", fixture);
        await using var uninterrupted = await CliHarness.CreateAsync("sqlite", fixture);
        await SetUpAsync(killed);
        var first = await killed.RunAsync(Prepare);
        Assert.True(first.ExitCode == 0, first.Error);
        var before = await SnapshotAsync(killed);
        Assert.Equal(1, before.Run.Preparation);
        Assert.True(before.Lines.Count >= 2000, $"{before.Lines.Count} lines: too few for a run that takes a moment");

        var copy = PathOf(uninterrupted);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(PathOf(killed), copy);

        // The uninterrupted run, by the same built program.
        var (exitCode, error, wall) = await RunChildAsync(uninterrupted, killAfter: null);
        Assert.True(exitCode == 0, error);

        // Killed at 60 % of the uninterrupted run's wall time: its transaction is open from about 15 % (after
        // start-up and login) to the commit at the very end (measured: SQLite's write lock held from 2.0 s to
        // 11.3 s of an 11.7 s run), so the kill lands while lines are being computed and written.
        var (killedCode, killedError, killedWall) = await RunChildAsync(killed, killAfter: wall * 0.6);
        Assert.True(killedCode != 0, $"exit {killedCode} after {killedWall} (uninterrupted {wall}): {killedError}");
        var after = await SnapshotAsync(killed);
        Assert.Equal(before.Run.Preparation, after.Run.Preparation);
        Assert.Equal(before.Run.TotalAmount, after.Run.TotalAmount);
        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal(before.Payees, after.Payees);
        Assert.Equal(before.LineRows, after.LineRows); // no line of a half-written second preparation
        Assert.Equal(0, after.PaidClaims);

        var again = await killed.RunAsync(Prepare);
        Assert.True(again.ExitCode == 0, again.Error);
        var rerun = await SnapshotAsync(killed);
        var expected = await SnapshotAsync(uninterrupted);
        Assert.Equal(2, rerun.Run.Preparation);
        Assert.Equal(expected.Run.Preparation, rerun.Run.Preparation);
        Assert.Equal(
            (expected.Run.ClaimCount, expected.Run.PayeeCount, expected.Run.TotalAmount, expected.Run.HeldOutPayeeCount, expected.Run.HeldOutAmount, expected.Run.ZeroClaimCount),
            (rerun.Run.ClaimCount, rerun.Run.PayeeCount, rerun.Run.TotalAmount, rerun.Run.HeldOutPayeeCount, rerun.Run.HeldOutAmount, rerun.Run.ZeroClaimCount));
        Assert.Equal(expected.Payees, rerun.Payees);
        Assert.Equal(expected.Lines, rerun.Lines);
        Assert.Equal(expected.LineRows, rerun.LineRows);
        Assert.Equal(0, rerun.PaidClaims);
    }

    /// <summary>
    /// PostgreSQL, where the preparation is a pipeline (a reader on a second connection computes while the
    /// transaction COPYs): killed in the middle, the month stays at the preparation before, and preparing
    /// again gives the same payees and lines as the uninterrupted preparations before it (same data, nothing paid).
    /// </summary>
    [Fact]
    public async Task A_prepare_killed_in_the_middle_of_its_pipeline_on_PostgreSQL_leaves_the_month_as_before()
    {
        await using var cli = await CliHarness.CreateAsync("postgres", fixture);
        await SetUpAsync(cli);
        var first = await cli.RunAsync(Prepare);
        Assert.True(first.ExitCode == 0, first.Error);
        var (exitCode, error, wall) = await RunChildAsync(cli, killAfter: null);
        Assert.True(exitCode == 0, error);
        var before = await SnapshotAsync(cli);
        Assert.Equal(2, before.Run.Preparation);
        Assert.True(before.Lines.Count >= 2000, $"{before.Lines.Count} lines: too few for a run that takes a moment");

        var (killedCode, killedError, killedWall) = await RunChildAsync(cli, killAfter: wall * 0.6);
        Assert.True(killedCode != 0, $"exit {killedCode} after {killedWall} (uninterrupted {wall}): {killedError}");
        var after = await SnapshotAsync(cli);
        Assert.Equal((before.Run.Preparation, before.Run.TotalAmount), (after.Run.Preparation, after.Run.TotalAmount));
        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal(before.Payees, after.Payees);
        Assert.Equal(before.LineRows, after.LineRows); // no line of a half-written third preparation
        Assert.Equal(0, after.PaidClaims);

        var again = await cli.RunAsync(Prepare);
        Assert.True(again.ExitCode == 0, again.Error);
        var rerun = await SnapshotAsync(cli);
        Assert.Equal(3, rerun.Run.Preparation);
        Assert.Equal(
            (before.Run.ClaimCount, before.Run.PayeeCount, before.Run.TotalAmount, before.Run.HeldOutPayeeCount, before.Run.ZeroClaimCount),
            (rerun.Run.ClaimCount, rerun.Run.PayeeCount, rerun.Run.TotalAmount, rerun.Run.HeldOutPayeeCount, rerun.Run.ZeroClaimCount));
        Assert.Equal(before.Payees, rerun.Payees);
        Assert.Equal(before.Lines, rerun.Lines);
        Assert.Equal(before.LineRows / 2 * 3, rerun.LineRows);
    }

    private static string PathOf(CliHarness cli) => DatabaseSettings.Parse(cli.Database).Target;

    /// <summary>
    /// Runs <c>dotnet fukushi.dll payments prepare</c> (the build next to this test), returning its exit
    /// code, stderr and wall time. With <paramref name="killAfter"/>, kills it (the whole tree) then.
    /// </summary>
    private static async Task<(int ExitCode, string Error, TimeSpan Wall)> RunChildAsync(CliHarness cli, TimeSpan? killAfter)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fukushi.dll"));
        foreach (var argument in Prepare.Concat(["--db", cli.Database]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FUKUSHI_AUDIT_ANCHORS"] = cli.AnchorFile;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        if (killAfter is { } delay)
        {
            await Task.Delay(delay, timeout.Token);
            if (process.HasExited)
            {
                Assert.Fail("prepare ended before it could be killed: " + await error);
            }

            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await error, clock.Elapsed);
    }

    internal sealed record Snapshot(PaymentRun Run, List<string> Payees, List<string> Lines, int LineRows, int PaidClaims);

    /// <summary>The run of 2026-10 and its current payees and lines, as comparable text (no ids of rows).</summary>
    internal static async Task<Snapshot> SnapshotAsync(CliHarness cli) => (await SnapshotAsync(cli, allowNoRun: false))!;

    /// <summary>Like <see cref="SnapshotAsync(CliHarness)"/>; null when there is no run and <paramref name="allowNoRun"/>.</summary>
    internal static async Task<Snapshot?> SnapshotAsync(CliHarness cli, bool allowNoRun)
    {
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var runs = new PaymentRuns(db, TimeProvider.System);
        var found = await runs.FindAsync(new Domain.Calendar.YearMonth(2026, 10));
        if (found is null && allowNoRun)
        {
            return null;
        }

        var run = found ?? throw new InvalidOperationException("no run");
        var payees = (await runs.PayeesAsync(run)).Select(p => string.Join('|',
            p.PayeeRecipientId, p.RecipientNumber, p.AtenaNumber, p.Amount, p.ClaimCount, p.PreviousAmount, p.HeldOut, p.HeldOutReason,
            p.BankCode, p.BranchCode, p.AccountType, p.AccountNumber, p.PayeeName)).ToList();
        var lines = (await runs.LinesAsync(run)).Select(l => string.Join('|',
            l.MedicalClaimId, l.RecipientId, l.PayeeRecipientId, l.Kind, l.TotalCost, l.SelfPay, l.Target, l.Copayment, l.Subsidy, l.StepsJson)).ToList();
        return new Snapshot(run, payees, lines, await db.PaymentLines.CountAsync(), await db.PaidClaims.CountAsync());
    }

    /// <summary>A bench user, a demo city of 6,000 households and one 可 autopay claim (3,000円) per recipient for 処理年月 2026-10.</summary>
    internal static async Task SetUpAsync(CliHarness cli, int households = 6000)
    {
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        var user = await cli.RunWithInputAsync("quiet river under paper lanterns\n", "users", "add", "--login", "bench", "--name", "計測 太郎", "--staff-no", "7777", "--roles", "システム管理,支払", "--password-stdin");
        Assert.True(user.ExitCode == 0, user.Error);
        var seeded = await cli.RunAsync("demo", "seed", "--households", households.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "1", "--user", "bench");
        Assert.True(seeded.ExitCode == 0, seeded.Error);

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var recipients = await db.Recipients.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.RecipientNumber }).ToListAsync();
        var imported = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
        await db.BulkInsertAsync(recipients.Select((r, i) => new MedicalClaim
        {
            Source = MedicalClaimSource.Autopay, ProcessingMonth = 202610, ServiceMonth = 202609, ProviderCode = "0100102", PrefectureCode = "29",
            ProviderName = "奈良診療所", Schedule = MedicalClaimSchedule.Medical, InsurerShareRate = 70, Points = 1000 + i, PatientShare = 3000 + (3 * i),
            HighCostRefund = 0, ExtraBenefit = 0, OtherPublicAmount = 0, RecipientNumber = r.RecipientNumber, InsurerNumber = "133066",
            RecipientId = r.Id, MatchStatus = MedicalClaimMatchStatus.Matched, MatchReason = "test", ImportedAt = imported,
            SourceLine = i + 1,
        }));
        var claims = await db.MedicalClaims.AsNoTracking().Select(c => c.Id).ToListAsync();
        await db.BulkInsertAsync(claims.Select(id => new ClaimReview
        {
            MedicalClaimId = id, ProcessingMonth = 202610, ProviderCode = "0100102", Outcome = ReviewOutcome.Accepted,
            Status = ClaimReviewStatus.Open, ReviewedAt = imported.AddHours(1), ReviewedBy = "shinsa1",
        }));
        Assert.Equal(recipients.Count, claims.Count);
    }
}
