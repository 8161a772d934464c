using System.Diagnostics;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// Fault tests of the CLI (issue 16 item 3, ADR 0036) on PostgreSQL: <c>import receipts</c> and
/// <c>payments prepare</c> killed with SIGKILL while their transaction is open (the kill lands once the
/// child's transaction holds the write lock of the table it fills, read from <c>pg_locks</c>), the server
/// stopped in the middle of an import (exit 4, a Japanese message, nothing written, the retry succeeds), and
/// a report written to a full disk (exit 4, no file under the final name nor a temporary one left).
/// </summary>
[Collection(PostgresCollectionName.Value)]
[Trait("Category", "Fault")]
public sealed partial class FaultTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private const string AdminPassword = "correct horse battery staple";
    private const string Header = "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期";

    [Fact]
    public async Task An_import_killed_mid_way_leaves_nothing_and_the_rerun_equals_an_uninterrupted_import()
    {
        await using var killed = await CliHarness.CreateAsync("postgres", fixture);
        await using var uninterrupted = await CliHarness.CreateAsync("postgres", fixture);
        await SetUpImportAsync(killed);
        await SetUpImportAsync(uninterrupted);
        var file = WriteClaims(killed.Folder, 30_000);
        string[] import = ["import", "receipts", file, "--month", "2026-10", "--user", "shinsa1"];

        var (exitCode, error) = await RunChildAsync(killed, import, killWhenLocked: "MedicalClaims");
        Assert.True(exitCode != 0, $"the import ended (exit {exitCode}) before it could be killed: {error}");
        Assert.Equal((0, 0, 0), await ImportStateAsync(killed));

        var rerun = await killed.RunAsync(import);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        var whole = await uninterrupted.RunAsync(import);
        Assert.True(whole.ExitCode == 0, whole.Error);
        Assert.Equal((30_000, 1, 1), await ImportStateAsync(killed));
        Assert.Equal(await ClaimsAsync(uninterrupted), await ClaimsAsync(killed));
        Assert.Equal(whole.Output, rerun.Output);
        Assert.Equal(0, (await killed.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    [Fact]
    public async Task A_prepare_killed_mid_way_on_PostgreSQL_reruns_to_the_same_run_and_the_approval_pays_each_claim_once()
    {
        await using var killed = await CliHarness.CreateAsync("postgres", fixture);
        // 1,500 households: the kill lands by pg_locks, not by time; fewer payees keep the approval within the
        // 30 s command timeout on a loaded machine (15,000 paid claims took longer at load 70).
        await PaymentsKillTests.SetUpAsync(killed, households: 1500);
        await AddBanksOfTheLedgerAsync(killed);
        var approverSecret = await AddApproverAsync(killed);
        await using var uninterrupted = await CliHarness.CreateAsync("postgres", fixture);
        await PaymentsKillTests.SetUpAsync(uninterrupted, households: 1500);
        await AddBanksOfTheLedgerAsync(uninterrupted);
        var before = await PaymentsKillTests.SnapshotAsync(killed, allowNoRun: true);
        Assert.Null(before);

        var (exitCode, error) = await RunChildAsync(killed, PaymentsKillTests.Prepare, killWhenLocked: "PaymentLines");
        Assert.True(exitCode != 0, $"prepare ended (exit {exitCode}) before it could be killed: {error}");
        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(killed.Database)))
        {
            Assert.Equal(0, await db.PaymentRuns.CountAsync());
            Assert.Equal(0, await db.PaymentLines.CountAsync());
            Assert.Equal(0, await db.PaidClaims.CountAsync());
        }

        var again = await killed.RunAsync(PaymentsKillTests.Prepare);
        Assert.True(again.ExitCode == 0, again.Error);
        var whole = await uninterrupted.RunAsync(PaymentsKillTests.Prepare);
        Assert.True(whole.ExitCode == 0, whole.Error);
        var rerun = (await PaymentsKillTests.SnapshotAsync(killed))!;
        var expected = (await PaymentsKillTests.SnapshotAsync(uninterrupted))!;
        Assert.Equal(expected.Payees, rerun.Payees);
        Assert.Equal(expected.Lines, rerun.Lines);
        Assert.Equal(expected.LineRows, rerun.LineRows);

        var approved = await killed.RunWithInputAsync(PaymentsCommandsTests.ApproverPassword + "\n",
            "payments", "approve", "--month", "2026-10", "--password-stdin", "--totp", PaymentsCommandsTests.Code(approverSecret), "--user", "kessai1");
        Assert.True(approved.ExitCode == 0, approved.Error);
        var twice = await killed.RunAsync(PaymentsKillTests.Prepare);
        Assert.Equal(1, twice.ExitCode); // an approved month is never prepared again
        // A code of the next step: the first approval's code is single-use (exit 3 when still in its step),
        // and what is checked here is that the month is not approved again (exit 1).
        var again2 = await killed.RunWithInputAsync(PaymentsCommandsTests.ApproverPassword + "\n",
            "payments", "approve", "--month", "2026-10", "--password-stdin", "--totp", TotpAt(approverSecret, DateTime.UtcNow.AddSeconds(30)), "--user", "kessai1");
        Assert.True(again2.ExitCode == 1, $"exit {again2.ExitCode}: {again2.Error}"); // approved once only
        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(killed.Database)))
        {
            var paid = await db.PaidClaims.Select(p => p.MedicalClaimId).ToListAsync();
            var lines = await db.PaymentLines.CountAsync(l => l.PaymentRunId == rerun.Run.Id && l.Preparation == rerun.Run.Preparation);
            var payable = lines - await db.PaymentLines.CountAsync(l => l.PaymentRunId == rerun.Run.Id && l.Preparation == rerun.Run.Preparation
                && db.PaymentPayees.Any(p => p.PaymentRunId == l.PaymentRunId && p.Preparation == l.Preparation && p.PayeeRecipientId == l.PayeeRecipientId && p.HeldOut));
            Assert.True(paid.Count > lines / 2, $"{paid.Count} of {lines} claims paid: most payees should have an account");
            Assert.Equal(payable, paid.Count);
            Assert.Equal(paid.Count, paid.Distinct().Count());
        }
    }

    [Fact]
    public async Task PostgreSQL_stopped_mid_import_gives_exit_4_in_Japanese_nothing_written_and_the_retry_succeeds()
    {
        // A cluster of its own: stopping the shared one would fail every other test.
        await using var cluster = await PostgresCluster.StartAsync();
        await using var cli = await CliHarness.CreateAsync(cluster);
        await SetUpImportAsync(cli);
        var file = WriteClaims(cli.Folder, 30_000);
        string[] import = ["import", "receipts", file, "--month", "2026-10", "--user", "shinsa1"];

        var running = Task.Run(() => cli.RunAsync(import));
        await WaitForLockAsync(cli.Database, "MedicalClaims", running);
        await cluster.StopAsync();
        var failed = await running;
        Assert.Equal(4, failed.ExitCode);
        Assert.Contains("データベースとの接続が切れました", failed.Error, StringComparison.Ordinal);
        Assert.Contains("もう一度実行してください", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Error, StringComparison.Ordinal);

        await cluster.StartAgainAsync();
        Assert.Equal((0, 0, 0), await ImportStateAsync(cli));
        var retry = await cli.RunAsync(import);
        Assert.True(retry.ExitCode == 0, retry.Error);
        Assert.Equal((30_000, 1, 1), await ImportStateAsync(cli));
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    [Fact]
    public async Task PostgreSQL_down_before_a_command_gives_exit_4_in_Japanese()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await using var cli = await CliHarness.CreateAsync(cluster);
        await SetUpImportAsync(cli);
        await cluster.StopAsync();
        var down = await cli.RunAsync("import", "receipts", WriteClaims(cli.Folder, 10), "--month", "2026-10", "--user", "shinsa1");
        Assert.Equal(4, down.ExitCode);
        Assert.Contains("データベース", down.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", down.Error, StringComparison.Ordinal);
        await cluster.StartAgainAsync();
    }

    [Fact]
    public async Task A_report_on_a_full_disk_exits_4_and_leaves_no_file_half_written()
    {
        await using var cli = await CliHarness.CreateAsync("sqlite", fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "toukei1", "--name", "統計 一郎", "--staff-no", "7001", "--roles", "統計", "--user", "admin")).ExitCode);
        var seeded = await cli.RunAsync("demo", "seed", "--households", "12", "--seed", "5", "--user", "admin");
        Assert.True(seeded.ExitCode == 0, seeded.Error);

        // A 64 KiB tmpfs filled to its last 2 KiB: the report (a PDF of tens of KiB) cannot fit.
        var full = Path.Combine(cli.Folder, "full");
        Directory.CreateDirectory(full);
        var (mounted, why) = await ExternalTool.RunAsync("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full);
        if (!mounted)
        {
            // Needs root (CI runs as root); say so rather than pass.
            Assert.Fail("cannot mount a small tmpfs to simulate a full disk (run the tests as root): " + why);
        }

        try
        {
            var filler = Path.Combine(full, "filler");
            await using (var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                var block = new byte[1024];
                try
                {
                    while (true)
                    {
                        await stream.WriteAsync(block);
                        await stream.FlushAsync();
                    }
                }
                catch (IOException)
                {
                    // full
                }

                stream.SetLength(stream.Length - 2048);
            }

            var target = Path.Combine(full, "payments.pdf");
            var run = await cli.RunAsync("report", "payments", "--month", "2026-10", "--out", target, "--user", "toukei1");
            Assert.Equal(4, run.ExitCode);
            Assert.Contains("ファイルを書き込めません", run.Error, StringComparison.Ordinal);
            Assert.Equal(new[] { "filler" }, Directory.GetFiles(full).Select(f => Path.GetFileName(f)).ToArray());

            var elsewhere = Path.Combine(cli.Folder, "payments.pdf");
            var retry = await cli.RunAsync("report", "payments", "--month", "2026-10", "--out", elsewhere, "--user", "toukei1");
            Assert.True(retry.ExitCode == 0, retry.Error);
            Assert.True(new FileInfo(elsewhere).Length > 2048, "the report would not have fitted");
        }
        finally
        {
            await ExternalTool.RunAsync("umount", full);
        }
    }

    /// <summary>Users admin (システム管理) and shinsa1 (審査), the schema migrated.</summary>
    private static async Task SetUpImportAsync(CliHarness cli)
    {
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shinsa1", "--name", "審査 一子", "--staff-no", "3001", "--roles", "審査", "--user", "admin")).ExitCode);
    }

    /// <summary>
    /// The banks and branches of the ledger's accounts in the bank master (instead of the 157,000 rows of
    /// the shipped reference data): a payee whose bank is not in it is held out and never paid.
    /// </summary>
    private static async Task AddBanksOfTheLedgerAsync(CliHarness cli)
    {
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var branches = await db.BankAccounts.Select(a => new { a.BankCode, a.BranchCode }).Distinct().ToListAsync();
        db.Banks.AddRange(branches.Select(b => b.BankCode).Distinct().Select(code => new App.Masters.Bank { BankCode = code, Kana = "ﾃｽﾄ", Name = "テスト銀行", Edition = "test" }));
        db.BankBranches.AddRange(branches.Select(b => new App.Masters.BankBranch { BankCode = b.BankCode, BranchCode = b.BranchCode, Kana = "ﾃｽﾄ", Name = "テスト支店", Edition = "test" }));
        await db.SaveChangesAsync();
    }

    /// <summary>A 決裁 user kessai1 with a TOTP secret (returned), added by the bench user.</summary>
    private static async Task<string> AddApproverAsync(CliHarness cli)
    {
        var added = await cli.RunWithInputAsync(PaymentsCommandsTests.ApproverPassword + "\n", "users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--password-stdin", "--user", "bench");
        Assert.True(added.ExitCode == 0, added.Error);
        var enrolled = await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "bench");
        return new Uri(enrolled.Output.Split('\n')[0].Trim()).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "secret")[1];
    }

    /// <summary>An autopay file of <paramref name="count"/> claims, one per 受給者番号 (none on the ledger: all 照合不能).</summary>
    private static string WriteClaims(string folder, int count)
    {
        var path = Path.Combine(folder, $"claims-{count}.csv");
        var text = new StringBuilder(Header).Append('\n');
        for (int i = 1; i <= count; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"90290024,{RecipientNumber.FromSerial(i)},133066,トウキョウ タロウ,1970-01-01,2026-09,0100102,奈良テスト医院,医科,外来,70,1,{100 + (i % 900)},,{300 + (3 * (i % 900))},0,0,0,0\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(true));
        return path;
    }

    /// <summary>Claims, imported files and import audit events of the database.</summary>
    private static async Task<(int Claims, int Files, int Audits)> ImportStateAsync(CliHarness cli)
    {
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        return (await db.MedicalClaims.CountAsync(), await db.ImportedFiles.CountAsync(),
            await db.AuditEvents.CountAsync(e => e.EventType == App.Audit.AuditEventType.MedicalClaimsImported));
    }

    /// <summary>The claims as comparable text (no ids nor instants).</summary>
    private static async Task<List<string>> ClaimsAsync(CliHarness cli)
    {
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        return (await db.MedicalClaims.AsNoTracking().OrderBy(c => c.SourceLine).ToListAsync())
            .Select(c => string.Join('|', c.SourceLine, c.RecipientNumber, c.ProviderCode, c.ServiceMonth, c.ProcessingMonth, c.Points, c.PatientShare, c.MatchStatus, c.MatchReason, c.RecipientId))
            .ToList();
    }

    /// <summary>
    /// Runs the built <c>fukushi</c> as a child process; kills it (SIGKILL, the whole tree) as soon as its
    /// transaction holds the write lock of <paramref name="killWhenLocked"/>. Returns the exit code and stderr.
    /// </summary>
    private static Task<(int ExitCode, string Error)> RunChildAsync(CliHarness cli, string[] args, string killWhenLocked) =>
        RunChildAsync(cli, args, exited => WaitForLockAsync(cli.Database, killWhenLocked, exited),
            // The killed client's server process may still be running its last statement: wait for it to
            // notice and roll back (as an operator would before running the command again).
            () => WaitForLockAsync(cli.Database, killWhenLocked, Task.CompletedTask, released: true));

    /// <summary>
    /// Runs the built <c>fukushi</c> as a child process (<paramref name="stdin"/> written to its standard
    /// input); kills it (SIGKILL, the whole tree) as soon as <paramref name="killWhen"/> returns (it is given
    /// the child's exit, to stop waiting), then waits for <paramref name="rolledBack"/>. Returns the exit code and stderr.
    /// </summary>
    private static async Task<(int ExitCode, string Error)> RunChildAsync(CliHarness cli, string[] args, Func<Task, Task> killWhen, Func<Task> rolledBack, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fukushi.dll"));
        foreach (var argument in args.Concat(["--db", cli.Database]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FUKUSHI_AUDIT_ANCHORS"] = cli.AnchorFile;
        start.Environment["FUKUSHI_ATENA_DB"] = cli.AtenaDatabase;
        start.Environment["FUKUSHI_ATENA_KEYS"] = cli.AtenaKeyDirectory;
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var exited = process.WaitForExitAsync(timeout.Token);
        await killWhen(exited);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(timeout.Token);
        await output;
        await rolledBack();
        return (process.ExitCode, await error);
    }

    /// <summary>Waits until another session holds RowExclusiveLock on <paramref name="table"/> (it has written in an open transaction), or <paramref name="done"/> ends.</summary>
    private static async Task WaitForLockAsync(string database, string table, Task done, bool released = false)
    {
        var settings = DatabaseSettings.Parse(database);
        var builder = new NpgsqlConnectionStringBuilder(settings.Target) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = @table AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()",
            connection);
        command.Parameters.AddWithValue("table", table);
        var clock = Stopwatch.StartNew();
        while ((released || !done.IsCompleted) && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0 != released)
            {
                return;
            }

            await Task.Delay(10);
        }
    }

}
