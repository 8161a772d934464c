using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// The restore drill (復元訓練, "Scale and faults" item 5, docs/manual/backup.md): a demo city with a 個人番号 linked in the
/// 宛名 vault is backed up by scripts/backup.sh and restored by scripts/restore.sh into fresh databases, a fresh key
/// ring and a fresh anchor file; every table of both databases then has the same number of rows, the audit chain
/// verifies against the restored anchors, and the 個人番号 read back through the vault equals the one linked
/// (compared in memory; it is never printed). The scripts refuse a target that is not empty and a damaged backup.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class BackupRestoreDrillTests(PostgresFixture fixture)
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_backup_restored_into_fresh_databases_has_every_row_a_valid_audit_chain_and_the_number_in_the_vault(string provider)
    {
        await using var source = await CliHarness.CreateAsync(provider, fixture);
        await using var restored = await CliHarness.CreateAsync(provider, fixture);
        if (provider == "postgres")
        {
            source.AtenaDatabase = "postgres:" + await fixture.Cluster.CreateDatabaseAsync("atena");
            restored.AtenaDatabase = "postgres:" + await fixture.Cluster.CreateDatabaseAsync("atena");
        }

        await SeedAsync(source);
        var atenaNumber = await ScalarAsync(source.Database, """SELECT "AtenaNumber" FROM "Persons" ORDER BY "Id" LIMIT 1""");
        var number = MadeUpMyNumber();
        var linkFile = Path.Combine(source.Folder, "atena.csv");
        await File.WriteAllTextAsync(linkFile, $"宛名番号,個人番号\n{atenaNumber},{number}\n", new UTF8Encoding(true));
        var linked = await source.RunAsync("import", "atena", linkFile, "--user", "atena1");
        Assert.True(linked.ExitCode == 0, linked.Error);
        File.Delete(linkFile);
        Assert.Equal(0, (await source.RunAsync("audit", "verify", "--user", "admin")).ExitCode); // writes an anchor

        var welfareBefore = await CountRowsAsync(source.Database);
        var atenaBefore = await CountRowsAsync(source.AtenaDatabase);
        Assert.True(welfareBefore.Count > 40, $"{welfareBefore.Count} welfare tables");
        Assert.True(welfareBefore["Persons"] >= 12 && welfareBefore["Recipients"] >= 12 && welfareBefore["AuditEvents"] >= 5,
            $"the demo city was not seeded: {welfareBefore["Persons"]} persons, {welfareBefore["Recipients"]} recipients, {welfareBefore["AuditEvents"]} audit events");
        Assert.Equal(1, atenaBefore["MyNumberLinks"]);

        var backups = Path.Combine(source.Folder, "backups");
        var backup = await ScriptAsync("backup.sh", source, backups);
        Assert.True(backup.ExitCode == 0, backup.Error);
        var folder = backup.Output.Trim().Split('\n')[^1];
        Assert.StartsWith(Path.Combine(backups, "fukushi-backup-"), folder, StringComparison.Ordinal);
        var extension = provider == "sqlite" ? ".sqlite" : ".dump";
        string[] expectedFiles = ["atena-keys/atena-key-v1.json", "atena" + extension, "audit-anchors.log", "backup-info.txt", "welfare" + extension];
        var manifest = await File.ReadAllLinesAsync(Path.Combine(folder, "manifest.sha256"));
        Assert.Equal(expectedFiles, manifest.Select(line => line[66..]).ToArray());
        Assert.All(manifest, line => Assert.Matches("^[0-9a-f]{64}  ", line));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            }
        }

        var restore = await ScriptAsync("restore.sh", restored, folder);
        Assert.True(restore.ExitCode == 0, restore.Error);
        foreach (var text in new[] { backup.Output, backup.Error, restore.Output, restore.Error, await File.ReadAllTextAsync(Path.Combine(folder, "backup-info.txt")) })
        {
            Assert.DoesNotContain(number, text, StringComparison.Ordinal);
        }

        // Every table, both databases, before anything touches the restored ones.
        Assert.Equal(welfareBefore, await CountRowsAsync(restored.Database));
        Assert.Equal(atenaBefore, await CountRowsAsync(restored.AtenaDatabase));

        var verified = await restored.RunAsync("audit", "verify", "--user", "admin");
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Contains("操作履歴は改ざんされていません", verified.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("アンカー 0 件", verified.Output, StringComparison.Ordinal);

        var readBack = await ReadBackAsync(restored, atenaNumber, number);
        Assert.True(readBack.ExitCode == 0, readBack.Error);
        Assert.Equal("lookup: same, reveal: same", readBack.Output.Trim());

        // The restored system works on: a new audit event chains on, and verifies again.
        Assert.Equal(0, (await restored.RunAsync("audit", "verify", "--user", "admin")).ExitCode);

        // Refusals: targets that are no longer fresh, and a damaged backup.
        var again = await ScriptAsync("restore.sh", restored, folder);
        Assert.Equal(1, again.ExitCode);
        Assert.Matches(provider == "sqlite" ? "the target welfare database .* already exists" : "the target welfare database is not empty", again.Error);
        await File.AppendAllTextAsync(Path.Combine(folder, "backup-info.txt"), "x");
        var damaged = await ScriptAsync("restore.sh", restored, folder);
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains("does not match its manifest", damaged.Error, StringComparison.Ordinal);
    }

    private static async Task SeedAsync(CliHarness cli)
    {
        var migrated = await cli.RunAsync("db", "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Error);
        Assert.Equal(0, (await cli.RunWithInputAsync(Password + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "atena1", "--name", "宛名 一子", "--staff-no", "8001", "--roles", "宛名管理", "--user", "admin")).ExitCode);
        var seeded = await cli.RunAsync("demo", "seed", "--households", "12", "--seed", "1", "--user", "admin");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
    }

    /// <summary>Runs scripts/NAME with the harness's settings as fukushi reads them, as an operator would.</summary>
    private static async Task<CliRun> ScriptAsync(string name, CliHarness cli, string argument)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", name), argument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cli.Folder,
        };
        start.Environment["FUKUSHI_DB"] = cli.Database;
        start.Environment["FUKUSHI_ATENA_DB"] = cli.AtenaDatabase;
        start.Environment["FUKUSHI_ATENA_KEYS"] = cli.AtenaKeyDirectory;
        start.Environment["FUKUSHI_AUDIT_ANCHORS"] = cli.AnchorFile;
        start.Environment["FUKUSHI_DATA_PROTECTION_KEYS"] = Path.Combine(cli.Folder, "data-protection-keys");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>Looks the number up and reveals the 宛名番号's number through the vault; prints only whether each matches.</summary>
    private static Task<CliRun> ReadBackAsync(CliHarness cli, string atenaNumber, string expected) =>
        cli.RunWithRootAsync(string.Empty, (root, options, environment) =>
        {
            var command = new Command("probe-read-back");
            command.SetAction(async (parsed, cancellationToken) =>
            {
                await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken);
                var vault = await session.OpenAtenaVaultAsync(cancellationToken);
                var number = MyNumber.Parse(expected);
                var found = await vault.FindAtenaNumberAsync(number, "atena1", cancellationToken);
                var revealed = await vault.RevealAsync([atenaNumber], "atena1", "復元訓練", cancellationToken);
                await environment.Out.WriteLineAsync(
                    $"lookup: {(found == atenaNumber ? "same" : "different")}, reveal: {(revealed.TryGetValue(atenaNumber, out var back) && back == number ? "same" : "different")}");
                return 0;
            });
            root.Subcommands.Add(command);
        }, "probe-read-back");

    /// <summary>The number of rows of every table of the database (<c>sqlite:…</c> or <c>postgres:…</c>).</summary>
    private static async Task<SortedDictionary<string, long>> CountRowsAsync(string setting)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = Open(setting);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = connection is SqliteConnection
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static async Task<string> ScalarAsync(string setting, string sql)
    {
        await using var connection = Open(setting);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }

    private static DbConnection Open(string setting)
    {
        var settings = DatabaseSettings.Parse(setting);
        return settings.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = settings.Target, Pooling = false }.ConnectionString)
            : new NpgsqlConnection(settings.Target);
    }

    /// <summary>A made-up 個人番号 with a valid check digit (never a real one's, never printed).</summary>
    private static string MadeUpMyNumber()
    {
        const string eleven = "31415926535";
        int[] weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        var remainder = eleven.Select((c, i) => (c - '0') * weights[i]).Sum() % 11;
        return eleven + (remainder <= 1 ? 0 : 11 - remainder).ToString(CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FukushiIryo.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FukushiIryo.sln not found above the test binaries.");
    }
}
