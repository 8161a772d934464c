using System.Security.Cryptography;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Renewals;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using Child = FukushiIryo.App.Tests.Renewals.RenewalHousehold.Child;

namespace FukushiIryo.App.Tests.Renewals;

/// <summary>
/// The renewal's batch prints stream into their file (ADR 0041, session 8): across several chunks and
/// save slices they have the pages and text of the PDF rendered whole, the 交付履歴 rows and audit events
/// carry the final file's SHA-256 and the chain stays valid; a failure while writing leaves no file and
/// nothing recorded, and the rerun prints everything once; a household printed meanwhile by another
/// print refuses the save.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RenewalPrintTests(PostgresFixture fixture) : IDisposable
{
    private const string Clerk = "madoguchi1";
    private const string Approver = "kessai1";

    /// <summary>JST 2027-08-31 09:00: the grace period is over; the households not returned are lost.</summary>
    private static readonly DateTimeOffset GraceOver = new(2027, 8, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly string folder = Directory.CreateTempSubdirectory("renewal-print-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_print_streamed_across_chunks_and_slices_has_the_pages_and_text_of_the_whole_rendering_and_records_the_files_sha256(string provider)
    {
        await using var streamed = await DecidedAsync(provider);
        await using var whole = await DecidedAsync(provider);
        foreach (var (what, documents, document) in new[] { (RenewalPrintKind.Certificates, 7, "Certificate"), (RenewalPrintKind.NotSubmittedNotices, 2, "LossNotice") })
        {
            var path = Path.Combine(folder, $"{what}.pdf");
            RenewalPrintedPdf? printed;
            await using (var db = streamed.Open())
            {
                printed = await Streaming(db).PrintAsync(RenewalKind.August, 2027, what, Approver, () => new FileBatchPdf(path));
            }

            // Today's rendering: the whole batch in memory, in one chunk (under 400 pages).
            RenewalPrinted? expected;
            await using (var db = whole.Open())
            {
                expected = await new App.Renewals.Renewals(db, Clock()).PrintAsync(RenewalKind.August, 2027, what, Approver, (_, _) => Task.CompletedTask);
            }

            Assert.NotNull(printed);
            Assert.NotNull(expected);
            var bytes = await File.ReadAllBytesAsync(path);
            var pages = PageTexts(bytes);
            Assert.Equal(documents, printed.Documents);
            Assert.True(pages.Count >= documents, $"{pages.Count} pages: one chunk a page, so several chunks");
            Assert.Equal(PageTexts(expected.Document.Pdf), pages);
            Assert.True(bytes.Length > expected.Document.Pdf.Length, "each chunk embeds its own font subsets: several chunks make a larger file");
            Assert.Equal((expected.Document.PageCount, expected.Households, expected.Documents), (printed.Pdf.Pages, printed.Households, printed.Documents));
            Assert.Empty(Directory.GetFiles(folder, ".*.tmp"));

            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Equal(sha256, printed.Pdf.Sha256);
            await using var check = streamed.Open();
            var audits = await check.AuditEvents.AsNoTracking()
                .Where(e => e.EventType == AuditEventType.DocumentPrinted && e.Details.Contains($"\"document\":\"{document}\"")).ToListAsync();
            Assert.Equal(documents, audits.Count);
            Assert.All(audits, a => Assert.Contains($"\"sha256\":\"{sha256}\"", a.Details, StringComparison.Ordinal));
            Assert.All(audits, a => Assert.Contains($"\"batch\":{documents},", a.Details, StringComparison.Ordinal));
            await using var other = whole.Open();
            var expectedSubjects = await other.AuditEvents.AsNoTracking()
                .Where(e => e.EventType == AuditEventType.DocumentPrinted && e.Details.Contains($"\"document\":\"{document}\"")).OrderBy(e => e.Sequence).Select(e => e.SubjectId).ToListAsync();
            Assert.Equal(expectedSubjects, audits.OrderBy(a => a.Sequence).Select(a => a.SubjectId));
        }

        await using (var check = streamed.Open())
        {
            var issues = await check.CertificateIssues.AsNoTracking().OrderBy(i => i.Id).ToListAsync();
            Assert.Equal(7, issues.Count);
            var cards = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, "Certificates.pdf"))));
            Assert.All(issues, i => Assert.Equal(cards, i.Sha256));
            await using var other = whole.Open();
            Assert.Equal(
                await other.CertificateIssues.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.RecipientId, i.Kind, i.ValidFrom, i.ValidTo, i.IssuedOn, i.IssuedBy }).ToListAsync(),
                issues.Select(i => new { i.RecipientId, i.Kind, i.ValidFrom, i.ValidTo, i.IssuedOn, i.IssuedBy }));
            Assert.Equal((3, 2), (await check.RenewalItems.CountAsync(i => i.CertificatesPrintedAt != null), await check.RenewalItems.CountAsync(i => i.NoticePrintedAt != null)));
            var verified = await AuditVerifier.VerifyAsync(check, null);
            Assert.True(verified.Ok, verified.Message);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failure_while_writing_leaves_no_file_and_nothing_printed_and_the_rerun_prints_everything_once(string provider)
    {
        await using var database = await DecidedAsync(provider);
        var output = Path.Combine(folder, "out");
        Directory.CreateDirectory(output);
        foreach (var what in new[] { RenewalPrintKind.Certificates, RenewalPrintKind.NotSubmittedNotices })
        {
            await using (var db = database.Open())
            {
                var thrown = await Assert.ThrowsAsync<IOException>(() => Streaming(db).PrintAsync(
                    RenewalKind.August, 2027, what, Approver, () => new FullAfter(new FileBatchPdf(Path.Combine(output, $"{what}.pdf")), FullAfterBytes)));
                Assert.Equal("No space left on device", thrown.Message);
            }

            Assert.Empty(Directory.GetFiles(output)); // neither the PDF nor its temporary file
            await using var check = database.Open();
            Assert.Equal(0, await check.CertificateIssues.CountAsync());
            Assert.Equal(0, await check.AuditEvents.CountAsync(e => e.EventType == AuditEventType.DocumentPrinted));
            Assert.Equal(0, await check.RenewalItems.CountAsync(i => i.CertificatesPrintedAt != null || i.NoticePrintedAt != null));
        }

        foreach (var (what, documents) in new[] { (RenewalPrintKind.Certificates, 7), (RenewalPrintKind.NotSubmittedNotices, 2) })
        {
            var path = Path.Combine(output, $"{what}.pdf");
            await using (var db = database.Open())
            {
                var printed = await Streaming(db).PrintAsync(RenewalKind.August, 2027, what, Approver, () => new FileBatchPdf(path));
                Assert.Equal(documents, printed?.Documents);
            }

            Assert.True(new FileInfo(path).Length > FullAfterBytes, "the failure came in the middle of the file");
            await using (var db = database.Open())
            {
                Assert.Null(await Streaming(db).PrintAsync(RenewalKind.August, 2027, what, Approver, () => throw new InvalidOperationException("nothing is due")));
            }
        }

        await using (var check = database.Open())
        {
            Assert.Equal(7, await check.CertificateIssues.CountAsync());
            var subjects = await check.AuditEvents.Where(e => e.EventType == AuditEventType.DocumentPrinted).Select(e => e.SubjectId).ToListAsync();
            Assert.Equal(9, subjects.Count);
            Assert.Equal(9, subjects.Distinct().Count());
            Assert.Equal((3, 2), (await check.RenewalItems.CountAsync(i => i.CertificatesPrintedAt != null), await check.RenewalItems.CountAsync(i => i.NoticePrintedAt != null)));
            var verified = await AuditVerifier.VerifyAsync(check, null);
            Assert.True(verified.Ok, verified.Message);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_household_printed_meanwhile_by_another_print_refuses_the_save_and_records_nothing(string provider)
    {
        await using var database = await DecidedAsync(provider);
        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<RenewalRefusedException>(() => Streaming(db).PrintAsync(RenewalKind.August, 2027, RenewalPrintKind.Certificates, Approver, async (_, token) =>
            {
                // Another print marks one household between the file and the save.
                await using var other = database.Open();
                await other.RenewalItems.Where(i => i.HeadRecipientNumber == "2001041").ExecuteUpdateAsync(set => set.SetProperty(i => i.CertificatesPrintedAt, GraceOver), token);
            }));
            Assert.Contains("他の一括印刷", refused.Message, StringComparison.Ordinal);
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.CertificateIssues.CountAsync());
        Assert.Equal(0, await check.AuditEvents.CountAsync(e => e.EventType == AuditEventType.DocumentPrinted));
        Assert.Equal(["2001041"], await check.RenewalItems.Where(i => i.CertificatesPrintedAt != null).Select(i => i.HeadRecipientNumber).ToListAsync());
    }

    /// <summary>Bytes after which <see cref="FullAfter"/> reports a full disk (the certificates' PDF is larger).</summary>
    private const int FullAfterBytes = 40_000;

    /// <summary>A print in chunks of one page and save slices of three documents.</summary>
    private static App.Renewals.Renewals Streaming(FukushiIryo.App.Data.FukushiDbContext db) =>
        new(db, Clock()) { PrintPagesPerChunk = 1, PrintSaveSlice = 3 };

    private static SettableClock Clock() => new(GraceOver);

    private static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => new string([.. p.Text.Where(c => !char.IsWhiteSpace(c))]))];
    }

    /// <summary>
    /// Five households of the 2027 August renewal, decided after the grace period: three returned their
    /// form (renewed: 3 + 2 + 2 new 受給資格証), two did not (更新未提出: one 喪失通知書 each).
    /// </summary>
    private async Task<TestDatabase> DecidedAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        await RenewalHousehold.LoadMastersAsync(database);
        await RenewalHousehold.SeedAsync(database, "2001011", new Child("2001021", new DateOnly(2012, 6, 1)), new Child("2001031", new DateOnly(2015, 6, 1)));
        await RenewalHousehold.SeedAsync(database, "2001041", new Child("2001051", new DateOnly(2013, 10, 10)));
        await RenewalHousehold.SeedAsync(database, "2001061", new Child("2001071", new DateOnly(2016, 1, 1)));
        await RenewalHousehold.SeedAsync(database, "2001081", new Child("2001091", new DateOnly(2014, 5, 5)));
        await RenewalHousehold.SeedAsync(database, "2001111", new Child("2001121", new DateOnly(2011, 3, 3)));
        var clock = new SettableClock(new DateTimeOffset(2027, 6, 15, 0, 0, 0, TimeSpan.Zero));
        await using (var db = database.Open())
        {
            await new App.Renewals.Renewals(db, clock).SendFormsAsync(2027, Clerk, (_, _) => Task.CompletedTask);
        }

        foreach (var head in new[] { "2001011", "2001041", "2001061" })
        {
            await using var db = database.Open();
            await new App.Renewals.Renewals(db, clock).RecordReturnAsync(2027, head, new DateOnly(2027, 7, 10), Clerk);
        }

        clock.Now = GraceOver;
        await using (var db = database.Open())
        {
            var result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((3, 2, 7), (result.Decided[RenewalOutcome.Renewed], result.Decided[RenewalOutcome.NotSubmitted], result.Certificates));
        }

        return database;
    }

    /// <summary>A file output whose disk is full after <paramref name="limit"/> bytes.</summary>
    private sealed class FullAfter(IBatchPdfOutput inner, long limit) : IBatchPdfOutput
    {
        private readonly FullStream stream = new(inner.Stream, limit);

        public Stream Stream => stream;

        public Task<string> CompleteAsync(BatchPrinted batch, CancellationToken cancellationToken) => inner.CompleteAsync(batch, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private sealed class FullStream(Stream inner, long limit) : Stream
        {
            private long written;

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => written;

            public override long Position
            {
                get => written;
                set => throw new NotSupportedException();
            }

            public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                if (written + buffer.Length > limit)
                {
                    inner.Write(buffer[..(int)(limit - written)]);
                    inner.Flush();
                    throw new IOException("No space left on device");
                }

                inner.Write(buffer);
                written += buffer.Length;
            }

            public override void Flush() => inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
