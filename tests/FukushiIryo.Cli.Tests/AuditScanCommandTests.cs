using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Settings;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>audit scan</c> (P16, pattern half): the database's text columns and named files, places named and digits never printed.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AuditScanCommandTests(PostgresFixture fixture)
{
    private const string Planted = "1234 5678 9018"; // passes the 個人番号 check digit

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_clean_database_passes_and_a_planted_number_is_found_by_place(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync("correct horse battery staple\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "kansa1", "--name", "監査 一美", "--staff-no", "9002", "--roles", "監査", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("demo", "seed", "--households", "20", "--user", "admin")).ExitCode);

        var folder = Path.GetDirectoryName(cli.AnchorFile)!;
        var logs = Path.Combine(folder, "logs");
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, "app.log"), "2026-11-29 GET /Persons/12 200\n電話 0742-34-1111 受給者番号 2900014\n");

        var clean = await cli.RunAsync("audit", "scan", "--files", logs, "--user", "kansa1");
        Assert.True(clean.ExitCode == 0, clean.Output + clean.Error);
        Assert.Contains("個人番号の疑い 0 件", clean.Output, StringComparison.Ordinal);
        Assert.Contains("ファイル 1、行 2", clean.Output, StringComparison.Ordinal);

        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            db.Add(new SystemSetting { Key = "planted", Value = "窓口で聞いた番号 " + Planted, SetAt = DateTimeOffset.UtcNow, SetBy = "test" });
            await db.SaveChangesAsync();
        }

        await File.AppendAllTextAsync(Path.Combine(logs, "app.log"), "error: value 123456789018 refused\n");
        var found = await cli.RunAsync("audit", "scan", "--files", logs, "--user", "kansa1");
        Assert.Equal(1, found.ExitCode);
        Assert.Contains("個人番号の疑い: SystemSetting.Value [", found.Output, StringComparison.Ordinal);
        Assert.Contains("] 10 文字目", found.Output, StringComparison.Ordinal);
        Assert.Contains($"個人番号の疑い: {Path.Combine(logs, "app.log")} [3] 14 文字目", found.Output, StringComparison.Ordinal);
        Assert.Contains("個人番号の疑い 2 件", found.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("9018", found.Output + found.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789018", found.Output + found.Error, StringComparison.Ordinal);

        Assert.Equal(3, (await cli.RunAsync("audit", "scan", "--user", "nobody")).ExitCode);
        Assert.Equal(1, (await cli.RunAsync("audit", "scan", "--files", Path.Combine(folder, "missing"), "--user", "kansa1")).ExitCode);

        await using var check = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var scans = await check.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.MyNumberScanned).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(2, scans.Count);
        Assert.Contains("\"findings\":2", scans[1].Details, StringComparison.Ordinal);
    }
}
