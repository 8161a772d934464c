using System.CommandLine;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Exports;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>import atena</c>, <c>atena rotate-keys</c> and the vault-seeded half of P16 through the CLI.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AtenaCommandsTests(PostgresFixture fixture)
{
    private const string ResidentsHeader = "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Import_atena_exit_codes_report_and_key_rotation(string provider)
    {
        await using var cli = await ReadyAsync(provider);
        var good = Write(cli, "atena.csv", "宛名番号,個人番号,氏名カナ,生年月日", $"000101,{Number(1)},ナラ ハナコ,1988-05-12", $"000102,{Number(2)},,");

        Assert.Equal(3, (await cli.RunAsync("import", "atena", good, "--user", "shinsa1")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("import", "atena", good, "--user", "admin")).ExitCode);
        var imported = await cli.RunAsync("import", "atena", good, "--user", "atena1");
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("読込 2 行 / 新規 2 件", imported.Output, StringComparison.Ordinal);
        var again = await cli.RunAsync("import", "atena", good, "--user", "atena1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("取込済み", again.Output, StringComparison.Ordinal);

        var bad = Write(cli, "bad.csv", "宛名番号,個人番号", $"000103,{WrongCheckDigit(Number(3))}", $"000104,{Number(1)}");
        var reportDir = Path.Combine(cli.Folder, "reports");
        Directory.CreateDirectory(reportDir);
        var rejected = await cli.RunAsync("import", "atena", bad, "--report-dir", reportDir, "--user", "atena1");
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains($"bad.csv:2: 個人番号: 「{MyNumber.Mask}」", rejected.Error, StringComparison.Ordinal);
        Assert.Contains($"bad.csv:3: 個人番号: 「{MyNumber.Mask}」 この個人番号は別の宛名番号に紐付いています", rejected.Error, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(reportDir, "bad.csv.errors.csv"));
        Assert.Contains($"2,個人番号,{MyNumber.Mask},", report, StringComparison.Ordinal);
        foreach (var text in new[] { rejected.Output, rejected.Error, report, imported.Output, imported.Error })
        {
            Assert.DoesNotContain(Number(1), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Number(3)[..11], text, StringComparison.Ordinal);
        }

        Assert.Equal(3, (await cli.RunAsync("atena", "rotate-keys", "--user", "admin")).ExitCode);
        var rotated = await cli.RunAsync("atena", "rotate-keys", "--user", "atena1");
        Assert.True(rotated.ExitCode == 0, rotated.Error);
        Assert.Contains("版 1 → 2、再暗号化 2 件", rotated.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(cli.AtenaKeyDirectory, "atena-key-v2.json")));
        File.Delete(Path.Combine(cli.AtenaKeyDirectory, "atena-key-v1.json"));
        var found = await ProbeAsync(cli, Number(2));
        Assert.True(found.ExitCode == 0, found.Error);
        Assert.Contains("000102", found.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);

        // A 宛名 database that does not exist: exit 4, as for the welfare one.
        cli.AtenaDatabase = provider == "sqlite" ? "sqlite:" + Path.Combine(cli.Folder, "none", "atena.db") : "postgres:" + fixture.Cluster.ConnectionStringFor("no_such_atena");
        var missing = await cli.RunAsync("import", "atena", Write(cli, "later.csv", "宛名番号,個人番号", $"000105,{Number(5)}"), "--user", "atena1");
        Assert.Equal(4, missing.ExitCode);
    }

    /// <summary>
    /// P16, the vault-seeded half: known 個人番号 go into the vault through <c>import atena</c>; then the welfare flows
    /// that touch it run (an import with an error report, lookups through the vault by a host, a personal-data export);
    /// the welfare database file, its audit table, the CLI's output and the files written hold none of those digits,
    /// and <c>audit scan</c> (the pattern net) finds nothing either.
    /// </summary>
    [Fact]
    public async Task Numbers_put_into_the_vault_appear_nowhere_on_the_welfare_side()
    {
        await using var cli = await ReadyAsync("sqlite");
        var numbers = Enumerable.Range(1, 3).Select(Number).ToList();
        var log = new StringBuilder();
        async Task<CliRun> Logged(Task<CliRun> run)
        {
            var result = await run;
            log.AppendLine(result.Output).AppendLine(result.Error);
            return result;
        }

        var good = Write(cli, "atena.csv", "宛名番号,個人番号,氏名カナ,生年月日", $"000101,{numbers[0]},ナラ ハナコ,1988-05-12", $"000102,{numbers[1]},ナラ イチロウ,2015-04-02", $"000103,{numbers[2]},,");
        Assert.Equal(0, (await Logged(cli.RunAsync("import", "atena", good, "--user", "atena1"))).ExitCode);
        // A refused file repeats the numbers: its messages and report must not.
        var bad = Write(cli, "bad.csv", "宛名番号,個人番号,氏名カナ", $"000104,{numbers[0]},", $"000101,{numbers[1]},ナラ ジロウ", $"000105,{numbers[2]}9,");
        Assert.Equal(1, (await Logged(cli.RunAsync("import", "atena", bad, "--report-dir", cli.Folder, "--user", "atena1"))).ExitCode);
        foreach (var number in numbers)
        {
            var found = await Logged(ProbeAsync(cli, number));
            Assert.True(found.ExitCode == 0, found.Error);
        }

        var exported = await Logged(ExportAsync(cli));
        Assert.True(exported.ExitCode == 0, exported.Error);
        var exportFile = Path.Combine(cli.Folder, "persons-export.csv");
        Assert.Contains("000101", await File.ReadAllTextAsync(exportFile), StringComparison.Ordinal);
        var logFile = Path.Combine(cli.Folder, "cli.log");
        await File.WriteAllTextAsync(logFile, log.ToString());
        Assert.Contains("000103", log.ToString(), StringComparison.Ordinal);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var places = new List<(string Name, byte[] Bytes)>
        {
            ("welfare database", await File.ReadAllBytesAsync(Path.Combine(cli.Folder, "data", "fukushi.db"))),
            ("audit anchors", await File.ReadAllBytesAsync(cli.AnchorFile)),
            ("error report", await File.ReadAllBytesAsync(Path.Combine(cli.Folder, "bad.csv.errors.csv"))),
            ("export", await File.ReadAllBytesAsync(exportFile)),
            ("cli output", await File.ReadAllBytesAsync(logFile)),
        };
        foreach (var wal in Directory.GetFiles(Path.Combine(cli.Folder, "data"), "fukushi.db-*"))
        {
            places.Add((Path.GetFileName(wal), await File.ReadAllBytesAsync(wal)));
        }

        foreach (var (name, bytes) in places)
        {
            foreach (var number in numbers)
            {
                Assert.False(Contains(bytes, number), $"the {name} holds a number of the vault");
            }
        }

        // The check finds what is there: the vault's 宛名番号 are in the welfare database (audit entries).
        Assert.True(Contains(places[0].Bytes, "000103"));
        var scan = await cli.RunAsync("audit", "scan", "--files", cli.Folder + "/bad.csv.errors.csv", exportFile, logFile, "--user", "admin");
        Assert.True(scan.ExitCode == 0, scan.Output + scan.Error);
        Assert.Contains("個人番号の疑い 0 件", scan.Output, StringComparison.Ordinal);
    }

    private static bool Contains(byte[] bytes, string digits) =>
        bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(digits)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(digits)) >= 0;

    /// <summary>A host's lookup through the composition other commands use: <see cref="CliSession.OpenAtenaVaultAsync"/>.</summary>
    private static Task<CliRun> ProbeAsync(CliHarness cli, string number) =>
        cli.RunWithRootAsync(string.Empty, (root, options, environment) =>
        {
            var command = new Command("probe-atena-lookup");
            var argument = new Argument<string>("NUMBER");
            command.Arguments.Add(argument);
            command.SetAction(async (parsed, cancellationToken) =>
            {
                await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken);
                var vault = await session.OpenAtenaVaultAsync(cancellationToken);
                var atena = await vault.FindAtenaNumberAsync(MyNumber.Parse(parsed.GetValue(argument)!), "atena1", cancellationToken);
                await environment.Out.WriteLineAsync("宛名番号: " + (atena ?? "なし"));
                return 0;
            });
            root.Subcommands.Add(command);
        }, "probe-atena-lookup", number);

    /// <summary>A personal-data export of the persons linked in the vault (宛名番号, 氏名), as the persons page writes it.</summary>
    private static Task<CliRun> ExportAsync(CliHarness cli) =>
        cli.RunWithRootAsync(string.Empty, (root, options, environment) =>
        {
            var command = new Command("probe-export");
            command.SetAction(async (parsed, cancellationToken) =>
            {
                await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken);
                var vault = await session.OpenAtenaVaultAsync(cancellationToken);
                var rows = new List<IReadOnlyList<string?>>();
                foreach (var atena in new[] { "000101", "000102", "000103" })
                {
                    rows.Add([atena, await vault.HasMyNumberAsync(atena, cancellationToken) ? "登録あり" : "なし"]);
                }

                var exports = session.Services.GetRequiredService<PersonalDataExports>();
                var result = await exports.WriteAsync(new ExportRequest("persons", "宛名一覧", "個人番号の登録状況の確認", "atena1", "宛名 一子", new Dictionary<string, object?>()),
                    ["宛名番号", "個人番号の登録"], rows.ToAsyncEnumerable(), cancellationToken);
                File.Move(result.Path!, Path.Combine(cli.Folder, "persons-export.csv"));
                await environment.Out.WriteLineAsync(result.Status.ToString());
                return result.Status == ExportStatus.Written ? 0 : 1;
            });
            root.Subcommands.Add(command);
        }, "probe-export");

    private async Task<CliHarness> ReadyAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        if (provider == "postgres")
        {
            cli.AtenaDatabase = "postgres:" + await fixture.Cluster.CreateDatabaseAsync("atena");
        }

        var migrated = await cli.RunAsync("db", "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Error);
        Assert.Contains("宛名データベースを更新しました", migrated.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunWithInputAsync("correct horse battery staple\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "atena1", "--name", "宛名 一子", "--staff-no", "8001", "--roles", "宛名管理", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shinsa1", "--name", "審査 一子", "--staff-no", "3001", "--roles", "審査", "--user", "admin")).ExitCode);
        var residents = Write(cli, "residents.csv", ResidentsHeader,
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2015-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,");
        var imported = await cli.RunAsync("import", "residents", residents, "--migration", "--user", "admin");
        Assert.True(imported.ExitCode == 0, imported.Error);
        return cli;
    }

    private static string Write(CliHarness cli, string name, params string[] lines)
    {
        var path = Path.Combine(cli.Folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(true));
        return path;
    }

    private static string Number(int index)
    {
        var eleven = "2718281" + index.ToString("D4", CultureInfo.InvariantCulture);
        int[] weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        var remainder = eleven.Select((c, i) => (c - '0') * weights[i]).Sum() % 11;
        return eleven + (remainder <= 1 ? 0 : 11 - remainder).ToString(CultureInfo.InvariantCulture);
    }

    private static string WrongCheckDigit(string number) => number[..11] + (char)('0' + ((number[11] - '0' + 1) % 10));
}
