using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// <c>renew august --step decide --out DIR</c> on a full disk (session 8, ADR 0041): the batch print
/// streams into a temporary file beside its target; when the disk fills up in the middle, the command
/// exits 4, the folder holds no file (not even the temporary one) and nothing is recorded as printed (no
/// 文書印刷 event, no printed mark); the rerun into another folder prints every notice once and the
/// audit chain verifies.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RenewPrintFaultTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";
    private const string ApproverPassword = "seven lanterns over the river";

    [Fact]
    public async Task A_print_that_fills_the_disk_leaves_no_file_and_nothing_printed_and_the_rerun_prints_once()
    {
        await using var cli = await CliHarness.CreateAsync("sqlite", fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(ApproverPassword + "\n", "users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--password-stdin", "--user", "admin")).ExitCode);
        var enrolled = await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "admin");
        Assert.True(enrolled.ExitCode == 0, enrolled.Error);
        var secret = new Uri(enrolled.Output.Split('\n')[0].Trim()).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "secret")[1];
        var seeded = await cli.RunAsync("demo", "seed", "--households", "12", "--seed", "5", "--as-of", "2026-07-10", "--user", "admin");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var listed = await cli.RunAsync("renew", "august", "--year", "2026", "--step", "forms", "--out", Path.Combine(cli.Folder, "forms"), "--user", "madoguchi1");
        Assert.True(listed.ExitCode == 0, listed.Error);

        // A 64 KiB tmpfs: the 喪失通知書 (hundreds of KiB of embedded fonts) cannot fit.
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
            var failed = await cli.RunWithInputAsync(ApproverPassword + "\n", "renew", "august", "--year", "2026", "--step", "decide", "--password-stdin", "--totp", Code(secret, 0), "--out", full, "--user", "kessai1");
            Assert.Equal(4, failed.ExitCode);
            Assert.Contains("印刷済みにしていません", failed.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(full));
        }
        finally
        {
            await ExternalTool.RunAsync("umount", full);
        }

        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            Assert.True(await db.RenewalItems.AnyAsync());
            Assert.Equal(0, await db.RenewalItems.CountAsync(i => i.NoticePrintedAt != null || i.CertificatesPrintedAt != null));
            Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.DocumentPrinted));
        }

        var elsewhere = Path.Combine(cli.Folder, "printed");
        var rerun = await cli.RunWithInputAsync(ApproverPassword + "\n", "renew", "august", "--year", "2026", "--step", "decide", "--password-stdin", "--totp", Code(secret, 30), "--out", elsewhere, "--user", "kessai1");
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        var pdf = Assert.Single(Directory.GetFiles(elsewhere));
        Assert.Equal("loss-not-submitted-001.pdf", Path.GetFileName(pdf));
        Assert.True(new FileInfo(pdf).Length > 64 * 1024, "the notices would have fitted");
        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            var lost = await db.RenewalItems.CountAsync(i => i.Losses > 0);
            Assert.Equal(lost, await db.RenewalItems.CountAsync(i => i.NoticePrintedAt != null));
            var subjects = await db.AuditEvents.Where(e => e.EventType == AuditEventType.DocumentPrinted).Select(e => e.SubjectId).ToListAsync();
            Assert.Equal(lost, subjects.Count);
            Assert.Equal(lost, subjects.Distinct().Count());
        }

        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    /// <summary>The code of the 30-s step <paramref name="seconds"/> from now (a code serves once: each approval uses a later step).</summary>
    private static string Code(string secret, int seconds) =>
        new Totp(Base32Encoding.ToBytes(secret), 30, OtpHashMode.Sha1, 6).ComputeTotp(DateTime.UtcNow.AddSeconds(seconds));
}
