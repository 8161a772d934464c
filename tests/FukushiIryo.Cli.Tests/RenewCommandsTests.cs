using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Renewals;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// <c>fukushi renew august|april --year YYYY --step forms|decide</c> (interfaces.md §7): forms by 窓口
/// into <c>--out</c> (a rerun writes nothing), decide only by 決裁 with the password and a TOTP code,
/// April forms refused as usage (exit 2), and over demo data the decide step decides every household
/// (today is past the grace period of the 2026 renewal, so no form returned means 更新未提出).
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RenewCommandsTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";
    private const string ApproverPassword = "seven lanterns over the river";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Forms_then_decide_with_the_approvers_password_and_code(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(ApproverPassword + "\n", "users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--password-stdin", "--user", "admin")).ExitCode);
        var enrolled = await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "admin");
        Assert.True(enrolled.ExitCode == 0, enrolled.Error);
        var secret = new Uri(enrolled.Output.Split('\n')[0].Trim()).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "secret")[1];
        var seeded = await cli.RunAsync("demo", "seed", "--households", "12", "--seed", "5", "--as-of", "2026-07-10", "--user", "admin");
        Assert.True(seeded.ExitCode == 0, seeded.Error);

        var april = await cli.RunAsync("renew", "april", "--year", "2027", "--step", "forms", "--user", "madoguchi1");
        Assert.Equal(2, april.ExitCode);
        Assert.Contains("--step decide だけ", april.Error, StringComparison.Ordinal);

        var folder = Path.Combine(Path.GetTempPath(), "fukushi-renew-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var forms = await cli.RunAsync("renew", "august", "--year", "2026", "--step", "forms", "--out", folder, "--user", "madoguchi1");
            Assert.True(forms.ExitCode == 0, forms.Error);
            var pdf = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal("forms-001.pdf", Path.GetFileName(pdf));
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 5), StringComparison.Ordinal);
            Assert.Contains(pdf, forms.Output, StringComparison.Ordinal);

            var again = await cli.RunAsync("renew", "august", "--year", "2026", "--step", "forms", "--out", folder, "--user", "madoguchi1");
            Assert.True(again.ExitCode == 0, again.Error);
            Assert.Contains("新たに送付する更新申請書はありません", again.Output, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        // 窓口 may not decide; 決裁 must give the password and a code.
        Assert.Equal(3, (await cli.RunWithInputAsync(AdminPassword + "\n", "renew", "august", "--year", "2026", "--step", "decide", "--password-stdin", "--totp", "123456", "--user", "madoguchi1")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("renew", "august", "--year", "2026", "--step", "decide", "--user", "kessai1")).ExitCode);
        Assert.Equal(3, (await cli.RunWithInputAsync("wrong\n", "renew", "august", "--year", "2026", "--step", "decide", "--password-stdin", "--totp", Code(secret), "--user", "kessai1")).ExitCode);

        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            Assert.Equal(0, await db.RenewalItems.CountAsync(i => i.State == RenewalItemState.Decided));
        }

        // decide with --out also prints: every household lost for 更新未提出, so one PDF of 喪失通知書 and no cards.
        var printed = Path.Combine(Path.GetTempPath(), "fukushi-renew-print-" + Guid.NewGuid().ToString("N")[..8]);
        CliRun decide;
        try
        {
            decide = await cli.RunWithInputAsync(ApproverPassword + "\n", "renew", "august", "--year", "2026", "--step", "decide", "--password-stdin", "--totp", Code(secret), "--out", printed, "--user", "kessai1");
            Assert.True(decide.ExitCode == 0, decide.Error);
            var pdf = Assert.Single(Directory.GetFiles(printed));
            Assert.Equal("loss-not-submitted-001.pdf", Path.GetFileName(pdf));
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 5), StringComparison.Ordinal);
            Assert.Contains("喪失通知書（更新未提出）:", decide.Output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(printed))
            {
                Directory.Delete(printed, recursive: true);
            }
        }

        Assert.Contains("年度切替更新 2026: 今回決定", decide.Output, StringComparison.Ordinal);
        Assert.Contains("更新未提出:", decide.Output, StringComparison.Ordinal);

        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            var items = await db.RenewalItems.AsNoTracking().ToListAsync();
            Assert.NotEmpty(items);
            Assert.All(items, item => Assert.Equal((RenewalItemState.Decided, (RenewalOutcome?)RenewalOutcome.NotSubmitted), (item.State, item.Outcome)));
            var steps = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.RenewalStepRan).Select(e => e.Actor).ToListAsync();
            Assert.Equal(["madoguchi1", "madoguchi1", "kessai1"], steps);
            Assert.Contains(await db.AuditEvents.AsNoTracking().Where(e => e.Actor == "kessai1").Select(e => e.EventType).ToListAsync(), type => type == AuditEventType.StepUpSucceeded);
        }
    }

    private static string Code(string secret) =>
        new Totp(Base32Encoding.ToBytes(secret), 30, OtpHashMode.Sha1, 6).ComputeTotp(DateTime.UtcNow);
}
