using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Settings;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// The notices of an export stream into their file (ADR 0041): the manifest's size and SHA-256 are
/// those of the file, its pages are the payees' in order, and a failure in the middle of them (a full
/// disk) leaves no file at all, not even the other files, and the run approved, not exported.
/// </summary>
public sealed partial class PaymentRunTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_streamed_notices_are_one_page_per_payee_and_the_manifest_holds_their_size_and_sha256(string provider)
    {
        await using var database = await ApprovedOctoberAsync(provider);
        await using var db = database.Open();
        var result = await Export(db, new PaymentFileWriters()).ExportAsync(October, Output, true, false, "shiharai1");

        var path = Path.Combine(Output, "notices-202610.pdf");
        var bytes = await File.ReadAllBytesAsync(path);
        var listed = result.Files.Single(f => f.Name == "notices-202610.pdf");
        Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), (listed.Bytes, listed.Sha256));
        using (var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Output, "manifest.json"))))
        {
            var entry = manifest.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "notices-202610.pdf");
            Assert.Equal((listed.Bytes, listed.Sha256), (entry.GetProperty("bytes").GetInt64(), entry.GetProperty("sha256").GetString()));
        }

        using var pdf = PdfDocument.Open(bytes);
        var pages = pdf.GetPages().Select(p => new string([.. p.Text.Where(c => !char.IsWhiteSpace(c))])).ToList();
        Assert.Equal(2, pages.Count); // 花子 (her and her son's claims), then the orphan: in 受給者番号 order
        Assert.Contains($"受給者番号{Mother}", pages[0], StringComparison.Ordinal);
        Assert.Contains("支給額3,500円", pages[0], StringComparison.Ordinal);
        Assert.Contains($"受給者番号{Orphan}", pages[1], StringComparison.Ordinal);
        Assert.Contains("支給額1,500円", pages[1], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Output, ".*.tmp"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failure_in_the_middle_of_the_notices_leaves_no_file_and_the_run_not_exported(string provider)
    {
        await using var database = await ApprovedOctoberAsync(provider);
        await using var db = database.Open();

        var failing = Export(db, new NoticesFailingHalfway());
        var thrown = await Assert.ThrowsAsync<IOException>(() => failing.ExportAsync(October, Output, true, false, "shiharai1"));

        Assert.Equal("No space left on device", thrown.Message);
        Assert.Empty(Directory.GetFiles(Output)); // neither the notices nor their temporary file, nor the zengin/CSV files
        await using (var check = database.Open())
        {
            Assert.Equal(PaymentRunStatus.Approved, await check.PaymentRuns.Where(r => r.ProcessingMonth == 202610).Select(r => r.Status).SingleAsync());
            Assert.Equal(0, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.PaymentRunExported));
        }

        var retried = await Export(db, new PaymentFileWriters()).ExportAsync(October, Output, true, false, "shiharai1");
        Assert.Equal(5, retried.Files.Count);
    }

    [Fact]
    public async Task Notices_on_a_full_disk_leave_no_file_and_the_run_not_exported()
    {
        await using var database = await ApprovedOctoberAsync("sqlite");
        await using var db = database.Open();

        // A 64 KiB tmpfs: the other files fit, the notices (hundreds of KiB of embedded fonts) do not.
        var full = Path.Combine(folder, "full");
        Directory.CreateDirectory(full);
        var (mounted, why) = await ExternalTool.RunAsync("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full);
        if (!mounted)
        {
            // Needs root (CI runs as root); say so rather than pass.
            Assert.Fail("cannot mount a small tmpfs to simulate a full disk (run the tests as root): " + why);
        }

        try
        {
            var thrown = await Assert.ThrowsAsync<IOException>(() => Export(db, new PaymentFileWriters()).ExportAsync(October, full, true, false, "shiharai1"));
            Assert.Equal(28, thrown.HResult); // ENOSPC, as CliFaults reads it
            Assert.Empty(Directory.GetFiles(full));
            Assert.Equal(PaymentRunStatus.Approved, await db.PaymentRuns.AsNoTracking().Where(r => r.ProcessingMonth == 202610).Select(r => r.Status).SingleAsync());
        }
        finally
        {
            await ExternalTool.RunAsync("umount", full);
        }

        var elsewhere = await Export(db, new PaymentFileWriters()).ExportAsync(October, Output, true, false, "shiharai1");
        Assert.True(elsewhere.Files.Single(f => f.Name == "notices-202610.pdf").Bytes > 64 * 1024, "the notices would have fitted");
    }

    /// <summary>The export's folder (the ledger's CSV files are in <c>folder</c>).</summary>
    private string Output => Path.Combine(folder, "export");

    /// <summary>October prepared and approved: 花子 3,500円 (hers 2,500 and her son's 1,000), the orphan 1,500円; the 依頼人 settings set.</summary>
    private async Task<TestDatabase> ApprovedOctoberAsync(string provider)
    {
        var database = await LedgerAsync(provider);
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);
        await AddClaimAsync(db, Son, 202609, share: 1500);
        await AddClaimAsync(db, Orphan, 202610, share: 2000);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await Runs(db).ApproveAsync(October, "kessai1");
        await SettingsAsync(db);
        return database;
    }

    private static PaymentExport Export(FukushiIryo.App.Data.FukushiDbContext db, IPaymentFileWriters writers) =>
        new(db, Clock(), new SystemSettings(db, Clock()), writers);

    /// <summary>The real writers, but the notices stop with a full disk after their first bytes.</summary>
    private sealed class NoticesFailingHalfway : IPaymentFileWriters
    {
        private readonly PaymentFileWriters inner = new();

        public Task ZenginAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken) => inner.ZenginAsync(content, output, cancellationToken);

        public Task AccountingAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken) => inner.AccountingAsync(content, output, cancellationToken);

        public Task DetailAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken) => inner.DetailAsync(content, output, cancellationToken);

        public async Task NoticesAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            await inner.NoticesAsync(content, buffer, cancellationToken);
            await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)(buffer.Length / 2)), cancellationToken);
            await output.FlushAsync(cancellationToken);
            throw new IOException("No space left on device");
        }
    }
}
