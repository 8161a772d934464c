using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>fukushi demo seed</c> with the exit codes of interfaces.md §7, on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DemoCommandsTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Demo_seed_fills_an_empty_ledger_writes_the_files_and_creates_no_account(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        var files = Path.Combine(Path.GetTempPath(), "fukushi-demo-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var run = await cli.RunAsync("demo", "seed", "--households", "50", "--seed", "7", "--as-of", "2026-11-29", "--files", files, "--user", "admin");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("世帯 50 /", run.Output, StringComparison.Ordinal);
            Assert.Contains("所要時間", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("登録中", run.Output, StringComparison.Ordinal); // no progress when redirected

            foreach (var name in new[] { "residents.csv", "tax.csv", "residents-changes.csv" })
            {
                var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(files, name)));
                Assert.StartsWith("\uFEFF宛名番号,", text, StringComparison.Ordinal);
            }

            await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
            {
                Assert.Equal(50, await db.Households.CountAsync());
                Assert.True(await db.Recipients.CountAsync() > 50);
                Assert.Equal(1, await db.Users.CountAsync());
                Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == "demo.seeded" && e.Actor == "admin"));
            }

            Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
        }
        finally
        {
            if (Directory.Exists(files))
            {
                Directory.Delete(files, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Both_databases_get_the_same_files_byte_for_byte()
    {
        var folders = new List<string>();
        try
        {
            foreach (var provider in new[] { "sqlite", "postgres" })
            {
                await using var cli = await WithAdminAsync(provider);
                var folder = Path.Combine(Path.GetTempPath(), "fukushi-demo-" + Guid.NewGuid().ToString("N")[..12]);
                folders.Add(folder);
                var run = await cli.RunAsync("demo", "seed", "--households", "50", "--seed", "20261129", "--as-of", "2026-11-29", "--files", folder, "--user", "admin");
                Assert.True(run.ExitCode == 0, run.Error);
            }

            var names = Directory.GetFiles(folders[0]).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(
                ["autopay-2026-08.csv", "autopay-2026-09.csv", "autopay-2026-10.csv", "claims-cases.txt", "residents-changes.csv", "residents.csv", "tax.csv", "uke-2026-08.UKE", "uke-2026-09.UKE", "uke-2026-10.UKE"],
                names);
            foreach (var name in names)
            {
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folders[0], name)), await File.ReadAllBytesAsync(Path.Combine(folders[1], name)));
            }
        }
        finally
        {
            foreach (var folder in folders.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_ledger_that_holds_persons_is_refused_with_exit_1(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("demo", "seed", "--households", "3", "--user", "admin")).ExitCode);
        var again = await cli.RunAsync("demo", "seed", "--households", "3", "--seed", "2", "--user", "admin");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("すでに宛名", again.Error, StringComparison.Ordinal);
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == "demo.seeded"));
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Only_system_admin_may_seed_exit_3(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口,審査", "--user", "admin")).ExitCode);
        var counter = await cli.RunAsync("demo", "seed", "--households", "3", "--user", "madoguchi1");
        Assert.Equal(3, counter.ExitCode);
        Assert.Contains("システム管理", counter.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await cli.RunAsync("demo", "seed", "--households", "3")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("demo", "seed", "--households", "3", "--user", "nobody")).ExitCode);
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        Assert.Equal(0, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task Usage_errors_exit_2_and_a_missing_database_exits_4()
    {
        await using var cli = await WithAdminAsync("sqlite");
        Assert.Equal(2, (await cli.RunAsync("demo", "seed", "--households", "0", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("demo", "seed", "--households", "200001", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("demo", "seed", "--households", "many", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("demo", "seed", "--as-of", "2026-13-45", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("demo", "seed", "--colour", "red", "--user", "admin")).ExitCode);

        await using var empty = await CliHarness.CreateAsync("sqlite", fixture);
        Assert.Equal(4, (await empty.RunAsync("demo", "seed", "--households", "3", "--user", "admin")).ExitCode);
    }

    [Fact]
    public async Task Progress_shows_on_a_terminal()
    {
        await using var cli = await WithAdminAsync("sqlite");
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            In = new StringReader(string.Empty),
            Out = output,
            Error = error,
            Variable = name => name == "FUKUSHI_AUDIT_ANCHORS" ? cli.AnchorFile : null,
            IsOutputTerminal = true,
        };
        var exitCode = await FukushiCli.RunAsync(["demo", "seed", "--households", "3", "--user", "admin", "--db", cli.Database], environment);
        Assert.True(exitCode == 0, error.ToString());
        Assert.Contains("\r登録中 3 / 3 世帯", output.ToString(), StringComparison.Ordinal);
    }

    private async Task<CliHarness> WithAdminAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        return cli;
    }
}
