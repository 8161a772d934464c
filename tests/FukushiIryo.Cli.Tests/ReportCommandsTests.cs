using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// <c>report recipients|payments|prefecture --out FILE</c> (interfaces.md §6–§7): the 統計 role writes CSV,
/// XLSX and PDF by the extension over a demo city, audited as its user; another role exits 3, a bad
/// extension or condition exits 2, and nothing is left half-written.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ReportCommandsTests(PostgresFixture fixture)
{
    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task The_statistician_writes_the_three_reports_in_each_format(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync("correct horse battery staple\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "toukei1", "--name", "統計 一郎", "--staff-no", "7001", "--roles", "統計", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shiharai1", "--name", "支払 太郎", "--staff-no", "3001", "--roles", "支払", "--user", "admin")).ExitCode);
        var seeded = await cli.RunAsync("demo", "seed", "--households", "12", "--seed", "5", "--user", "admin");
        Assert.True(seeded.ExitCode == 0, seeded.Error);

        var folder = Directory.CreateTempSubdirectory("fukushi-report-cli-").FullName;
        try
        {
            string Out(string name) => Path.Combine(folder, name);
            Assert.Equal(3, (await cli.RunAsync("report", "recipients", "--as-of", "2026-10-01", "--out", Out("r.csv"), "--user", "shiharai1")).ExitCode);
            Assert.Equal(2, (await cli.RunAsync("report", "recipients", "--as-of", "2026-10-01", "--out", Out("r.txt"), "--user", "toukei1")).ExitCode);
            Assert.Equal(2, (await cli.RunAsync("report", "payments", "--month", "2026/10", "--out", Out("p.csv"), "--user", "toukei1")).ExitCode);
            Assert.Equal(2, (await cli.RunAsync("report", "prefecture", "--year", "26", "--out", Out("y.csv"), "--user", "toukei1")).ExitCode);
            Assert.Empty(Directory.GetFiles(folder));

            foreach (var extension in new[] { "csv", "xlsx", "pdf" })
            {
                foreach (var args in new[]
                {
                    new[] { "report", "recipients", "--as-of", "2026-10-01", "--out", Out($"recipients.{extension}") },
                    ["report", "payments", "--month", "2026-10", "--out", Out($"payments.{extension}")],
                    ["report", "prefecture", "--year", "2026", "--out", Out($"prefecture.{extension}")],
                })
                {
                    var run = await cli.RunAsync([.. args, "--user", "toukei1"]);
                    Assert.True(run.ExitCode == 0, $"{string.Join(' ', args)}: {run.Error}");
                    Assert.Contains("sha256:", run.Output, StringComparison.Ordinal);
                }
            }

            var csv = Encoding.UTF8.GetString(File.ReadAllBytes(Out("recipients.csv")));
            Assert.StartsWith("\uFEFF受給者数調査\r\n基準日: 2026-10-01\r\n", csv, StringComparison.Ordinal);
            var total = csv.Split("\r\n").First(line => line.StartsWith("合計,", StringComparison.Ordinal)).Split(',');
            Assert.True(long.Parse(total[1], System.Globalization.CultureInfo.InvariantCulture) > 0, "the demo city has recipients");
            Assert.Equal("%PDF", Encoding.ASCII.GetString(File.ReadAllBytes(Out("payments.pdf")), 0, 4));
            Assert.Equal("PK", Encoding.ASCII.GetString(File.ReadAllBytes(Out("prefecture.xlsx")), 0, 2));
            Assert.Contains("補助金所要額（1円未満切捨て）,0", Encoding.UTF8.GetString(File.ReadAllBytes(Out("prefecture.csv"))), StringComparison.Ordinal);
            Assert.Equal(9, Directory.GetFiles(folder).Length); // no temporary file left

            await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.StatisticsReportWritten).ToListAsync();
            Assert.Equal(9, events.Count);
            Assert.All(events, e => Assert.Equal("toukei1", e.Actor));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
