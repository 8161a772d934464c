using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Exports;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Documents;

/// <summary>
/// For whom a document is printed: the audit event's subject. Use the factory that fits; never a
/// name or a 個人番号.
/// </summary>
public sealed record DocumentSubject(string Type, string Id)
{
    /// <summary>A recipient, by 受給者番号 (受給資格証, 喪失通知書).</summary>
    public static DocumentSubject Recipient(string recipientNumber) => new("recipient", recipientNumber);

    /// <summary>An application, by 受付番号 (認定・却下通知書).</summary>
    public static DocumentSubject Application(string receptionNumber) => new("application", receptionNumber);

    /// <summary>The 受付簿 of a period.</summary>
    public static DocumentSubject ReceptionRegister(DateOnly from, DateOnly to) =>
        new("reception_register", string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}"));
}

/// <summary>A document the system refuses to print; the message is Japanese, for the staff.</summary>
public sealed class DocumentRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// Prints documents: renders the PDF (<see cref="DocumentRenderer"/>) and writes one audit event
/// (<see cref="AuditEventType.DocumentPrinted"/>) per print in the same save; a 受給資格証 also adds
/// its row to the 交付履歴 (<see cref="CertificateIssue"/>). The caller (page, API, CLI) checks the
/// permission and hands the bytes to the user.
/// </summary>
public sealed class DocumentPrints(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Prints a notice or the 受付簿 from its input. Certificates go through
    /// <see cref="IssueCertificateAsync"/> so that every one is in the 交付履歴.
    /// </summary>
    public async Task<RenderedDocument> PrintAsync(
        DocumentInput input, DocumentSubject subject, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (input is CertificateInput or CertificateBatchInput)
        {
            throw new ArgumentException("A 受給資格証 is printed with IssueCertificateAsync (交付履歴).", nameof(input));
        }

        var document = DocumentRenderer.Render(input);
        db.AddAudit(new AuditEntry(actor, AuditEventType.DocumentPrinted, subject.Type, subject.Id, new Dictionary<string, object?>
        {
            ["document"] = document.Kind.ToString(),
            ["pages"] = document.PageCount,
            ["sha256"] = Sha256(document.Pdf),
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return document;
    }

    /// <summary>
    /// The batch print of 喪失通知書 (after the renewal) streamed into one PDF (ADR 0041): the notices are
    /// rendered as <paramref name="notices"/> yields them into the output <paramref name="open"/> gives,
    /// which is completed (written whole, renamed into place) first; only then, in one transaction, one
    /// <see cref="AuditEventType.DocumentPrinted"/> event per notice (its subject, the final file's
    /// SHA-256) is saved, in slices, with whatever <paramref name="alsoSave"/> writes (the caller's
    /// printed marks). Null, with nothing opened or saved, when <paramref name="notices"/> is empty.
    /// </summary>
    public async Task<BatchPrinted?> PrintLossNoticesAsync(
        IAsyncEnumerable<(DocumentSubject Subject, LossNoticeInput Notice)> notices,
        string actor,
        Func<IBatchPdfOutput> open,
        Func<CancellationToken, Task> alsoSave,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notices);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(alsoSave);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var written = await WriteAsync(
            notices, n => n.Notice, n => n.Subject, DocumentKind.LossNotice, NoticePdf.LossBatchTitle,
            (output, items) => NoticePdf.WriteLossMany(output, items, PagesPerChunk), open, cancellationToken).ConfigureAwait(false);
        if (written is not { } batch)
        {
            return null;
        }

        var printed = batch.Printed;
        await SaveInSlicesAsync(batch.Kept, (slice, _) =>
        {
            foreach (var subject in slice)
            {
                db.AddAudit(new AuditEntry(actor, AuditEventType.DocumentPrinted, subject.Type, subject.Id, new Dictionary<string, object?>
                {
                    ["document"] = printed.Kind.ToString(),
                    ["batch"] = printed.Documents,
                    ["pages"] = printed.Pages,
                    ["sha256"] = printed.Sha256,
                }));
            }

            return Task.CompletedTask;
        }, alsoSave, cancellationToken).ConfigureAwait(false);
        return printed;
    }

    /// <summary>
    /// A batch 交付 of 受給資格証 streamed into one PDF, one page each (ADR 0041): the cards are rendered
    /// as <paramref name="certificates"/> yields them into the output <paramref name="open"/> gives,
    /// which is completed first; only then, in one transaction and in slices, each card's 交付履歴 row
    /// (<see cref="CertificateIssue"/>, 交付, the final file's SHA-256; bulk-inserted) and its audit event
    /// are saved with whatever <paramref name="alsoSave"/> writes. Null, with nothing opened or saved,
    /// when <paramref name="certificates"/> is empty.
    /// </summary>
    public async Task<BatchPrinted?> IssueCertificatesAsync(
        IAsyncEnumerable<(long RecipientId, CertificateInput Certificate)> certificates,
        string actor,
        Func<IBatchPdfOutput> open,
        Func<CancellationToken, Task> alsoSave,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(alsoSave);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var written = await WriteAsync(
            certificates, c => c.Certificate, c => new IssuedCard(c.RecipientId, c.Certificate.RecipientNumber, c.Certificate.ValidFrom, c.Certificate.ValidTo),
            DocumentKind.Certificate, CertificatePdf.BatchTitle, (output, items) => CertificatePdf.WriteMany(output, items, PagesPerChunk), open, cancellationToken).ConfigureAwait(false);
        if (written is not { } batch)
        {
            return null;
        }

        var printed = batch.Printed;
        var now = AppClock.Now(clock);
        var today = JstClock.Today(clock);
        await SaveInSlicesAsync(batch.Kept, async (slice, token) =>
        {
            await db.BulkInsertAsync(
                slice.Select(card => new CertificateIssue
                {
                    RecipientId = card.RecipientId,
                    Kind = CertificateIssueKind.Issue,
                    ValidFrom = card.ValidFrom,
                    ValidTo = card.ValidTo,
                    IssuedOn = today,
                    IssuedAt = now,
                    IssuedBy = actor,
                    Sha256 = printed.Sha256,
                }),
                token).ConfigureAwait(false);
            foreach (var card in slice)
            {
                db.AddAudit(new AuditEntry(actor, AuditEventType.DocumentPrinted, "recipient", card.RecipientNumber, new Dictionary<string, object?>
                {
                    ["document"] = printed.Kind.ToString(),
                    ["issueKind"] = nameof(CertificateIssueKind.Issue),
                    ["validFrom"] = card.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["validTo"] = card.ValidTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["batch"] = printed.Documents,
                    ["pages"] = printed.Pages,
                    ["sha256"] = printed.Sha256,
                }));
            }
        }, alsoSave, cancellationToken).ConfigureAwait(false);
        return printed;
    }

    /// <summary>
    /// 交付 or 再交付 of the 受給資格証 of <paramref name="recipientId"/>, from the eligibility in force
    /// on <paramref name="on"/> (default: today in Japan) and the 宛名 of that day. A 再交付 prints
    /// 再交付 with today's date beside the date of the first 交付 of the same 有効期間 (today's when
    /// none is recorded, e.g. a certificate of the previous system). Refused
    /// (<see cref="DocumentRefusedException"/>) when no eligibility is in force that day.
    /// </summary>
    public async Task<RenderedDocument> IssueCertificateAsync(
        long recipientId,
        CertificateIssueKind kind,
        string actor,
        DateOnly? on = null,
        string? clientAddress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = AppClock.Now(clock);
        var today = JstClock.Today(clock);
        var date = on ?? today;
        var recipient = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recipientId, cancellationToken).ConfigureAwait(false)
            ?? throw new DocumentRefusedException("受給者が見つかりません。");
        var eligibility = await db.EligibilityRecords.AsNoTracking()
            .Where(e => e.RecipientId == recipientId && e.Status == EligibilityStatus.Active)
            .AsOf(date)
            .OrderByDescending(e => e.ValidFrom)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (eligibility is null)
        {
            throw new DocumentRefusedException($"{DocumentText.Date(date)}に有効な受給資格がないため、受給資格証を交付できません。");
        }

        if (eligibility is not { CertificateValidFrom: { } validFrom, CertificateValidTo: { } validTo, BenefitMethod: { } method, PayerNumber: { Length: > 0 } payer })
        {
            throw new DocumentRefusedException("受給資格に有効期間・給付区分・公費負担者番号がそろっていないため、受給資格証を交付できません。");
        }

        var person = await db.PersonRecords.AsNoTracking()
            .Where(p => p.PersonId == recipient.PersonId && p.ValidFrom <= date)
            .Current()
            .OrderByDescending(p => p.ValidFrom)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new DocumentRefusedException("宛名（氏名・生年月日）がないため、受給資格証を交付できません。");

        DateOnly issuedOn = today;
        if (kind == CertificateIssueKind.Reissue)
        {
            var first = await db.CertificateIssues.AsNoTracking()
                .Where(i => i.RecipientId == recipientId && i.ValidFrom == validFrom && i.Kind == CertificateIssueKind.Issue)
                .OrderBy(i => i.Id)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            issuedOn = first?.IssuedOn ?? today;
        }

        var input = new CertificateInput(
            recipient.RecipientNumber,
            payer,
            person.Name,
            person.BirthDate,
            validFrom,
            validTo,
            method,
            issuedOn,
            kind == CertificateIssueKind.Reissue ? today : null);
        var document = DocumentRenderer.Render(input);
        var sha256 = Sha256(document.Pdf);
        db.CertificateIssues.Add(new CertificateIssue
        {
            RecipientId = recipientId,
            Kind = kind,
            ValidFrom = validFrom,
            ValidTo = validTo,
            IssuedOn = today,
            IssuedAt = now,
            IssuedBy = actor,
            Sha256 = sha256,
        });
        db.AddAudit(new AuditEntry(actor, AuditEventType.DocumentPrinted, "recipient", recipient.RecipientNumber, new Dictionary<string, object?>
        {
            ["document"] = document.Kind.ToString(),
            ["issueKind"] = kind.ToString(),
            ["validFrom"] = validFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["validTo"] = validTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["pages"] = document.PageCount,
            ["sha256"] = sha256,
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return document;
    }

    /// <summary>The 交付履歴 of a recipient: every 交付 and 再交付, the latest first.</summary>
    public Task<List<CertificateIssue>> CertificateHistoryAsync(long recipientId, CancellationToken cancellationToken = default) =>
        db.CertificateIssues.AsNoTracking().Where(i => i.RecipientId == recipientId)
            .OrderByDescending(i => i.IssuedAt).ThenByDescending(i => i.Id)
            .ToListAsync(cancellationToken);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Pages per chunk of a batch PDF (<see cref="PdfBatch.PagesPerChunk"/>; tests use a few to cross chunks).</summary>
    internal int PagesPerChunk { get; init; } = PdfBatch.PagesPerChunk;

    /// <summary>Documents whose 交付履歴 rows and audit events one SaveChanges writes (the change tracker is cleared after each).</summary>
    internal int SaveSlice { get; init; } = 2_000;

    /// <summary>Inputs rendered ahead of the database: what the reader of the batch may hold besides its chunk.</summary>
    private const int Buffered = 256;

    /// <summary>What a card's 交付履歴 row and audit event need, kept until the save (not the card's 宛名).</summary>
    private readonly record struct IssuedCard(long RecipientId, string RecipientNumber, DateOnly ValidFrom, DateOnly ValidTo);

    /// <summary>
    /// Renders <paramref name="items"/> into the output <paramref name="open"/> gives and completes it:
    /// the database side (this task) reads the items and hands their inputs through a bounded channel to
    /// the renderer (a thread-pool task running the synchronous <see cref="PdfBatch"/>), so that reading
    /// and rendering overlap and neither the inputs nor the PDF are ever held whole; of each item only
    /// <paramref name="keep"/> is kept for the save. Null, with nothing opened, when there is no item.
    /// A failure on either side stops both; the output is disposed uncompleted (no file).
    /// </summary>
    private static async Task<(BatchPrinted Printed, List<TKept> Kept)?> WriteAsync<TItem, TInput, TKept>(
        IAsyncEnumerable<TItem> items,
        Func<TItem, TInput> input,
        Func<TItem, TKept> keep,
        DocumentKind kind,
        string title,
        Func<Stream, IEnumerable<TInput>, int> write,
        Func<IBatchPdfOutput> open,
        CancellationToken cancellationToken)
    {
        var reader = items.GetAsyncEnumerator(cancellationToken);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.MoveNextAsync().ConfigureAwait(false))
            {
                return null;
            }

            var output = open();
            await using (output.ConfigureAwait(false))
            {
                var kept = new List<TKept>();
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var channel = Channel.CreateBounded<TInput>(new BoundedChannelOptions(Buffered) { SingleReader = true, SingleWriter = true });
                var render = Task.Run(
                    () =>
                    {
                        try
                        {
                            return write(output.Stream, Drain(channel.Reader, stop.Token));
                        }
                        catch
                        {
                            stop.Cancel(); // the reading side stops waiting for room in the channel
                            throw;
                        }
                    },
                    CancellationToken.None);
                try
                {
                    do
                    {
                        kept.Add(keep(reader.Current));
                        await channel.Writer.WriteAsync(input(reader.Current), stop.Token).ConfigureAwait(false);
                    }
                    while (await reader.MoveNextAsync().ConfigureAwait(false));

                    channel.Writer.Complete();
                }
                catch (Exception exception)
                {
                    channel.Writer.TryComplete(exception);
                    await stop.CancelAsync().ConfigureAwait(false);
                    try
                    {
                        await render.ConfigureAwait(false);
                    }
                    catch (Exception rendering) when (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        // The reading side was stopped by the renderer's failure (a full disk …): that failure is the one to report.
                        ExceptionDispatchInfo.Throw(rendering);
                    }
                    catch (Exception)
                    {
                        // The renderer stopped because the reading side failed: report the reading side's failure.
                    }

                    throw;
                }

                var pages = await render.ConfigureAwait(false);
                var partial = new BatchPrinted(kind, title, pages, kept.Count, string.Empty);
                var sha256 = await output.CompleteAsync(partial, cancellationToken).ConfigureAwait(false);
                return (partial with { Sha256 = sha256 }, kept);
            }
        }
    }

    /// <summary>The channel's items as a blocking sequence, for the synchronous renderer.</summary>
    private static IEnumerable<T> Drain<T>(ChannelReader<T> reader, CancellationToken cancellationToken)
    {
        while (reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Saves a printed batch in one transaction: <paramref name="slice"/> adds the rows and audit events of
    /// up to <see cref="SaveSlice"/> documents, SaveChanges writes them (the audit chain linked in order) and
    /// the change tracker is cleared before the next slice (what the caller had pending is saved with the
    /// first); <paramref name="alsoSave"/> runs last, in the same transaction. A failure rolls everything
    /// back and leaves nothing pending.
    /// </summary>
    private async Task SaveInSlicesAsync<TKept>(
        List<TKept> kept, Func<TKept[], CancellationToken, Task> slice, Func<CancellationToken, Task> alsoSave, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    foreach (var part in kept.Chunk(Math.Max(1, SaveSlice)))
                    {
                        await slice(part, cancellationToken).ConfigureAwait(false);
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                        db.ChangeTracker.Clear();
                    }

                    await alsoSave(cancellationToken).ConfigureAwait(false);
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                }
            }).ConfigureAwait(false);
        }
        catch
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingAudit();
            throw;
        }
    }
}

/// <summary>
/// Where the PDF of a batch print goes (ADR 0041): the renderer writes it into <see cref="Stream"/>
/// (forward only), then <see cref="CompleteAsync"/> makes it whole and durable (flushed, renamed into
/// place, rewound for a download) and returns the SHA-256 of the complete file, before anything is
/// saved. Disposed without completing (a failure, a full disk, a cancelled request), it leaves no file.
/// </summary>
public interface IBatchPdfOutput : IAsyncDisposable
{
    Stream Stream { get; }

    /// <summary>Completes the file of <paramref name="batch"/> (whose Sha256 is still empty); returns its SHA-256, lower-case hex.</summary>
    Task<string> CompleteAsync(BatchPrinted batch, CancellationToken cancellationToken);
}

/// <summary>A batch print's PDF as written: its kind and title, pages, documents in it and the SHA-256 of the file.</summary>
public sealed record BatchPrinted(DocumentKind Kind, string Title, int Pages, int Documents, string Sha256);

/// <summary>
/// A batch print's output in memory, for a caller that wants the bytes (<see cref="RenderedDocument"/>;
/// tests and small batches): complete, it hands them to its callback.
/// </summary>
public sealed class InMemoryBatchPdf(Func<RenderedDocument, CancellationToken, Task> deliver) : IBatchPdfOutput
{
    private readonly MemoryStream buffer = new();

    public Stream Stream => buffer;

    /// <summary>The document handed over, once complete.</summary>
    public RenderedDocument? Document { get; private set; }

    public async Task<string> CompleteAsync(BatchPrinted batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var bytes = buffer.ToArray();
        await buffer.DisposeAsync().ConfigureAwait(false);
        Document = new RenderedDocument(batch.Kind, batch.Title, bytes, batch.Pages);
        await deliver(Document, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public ValueTask DisposeAsync() => buffer.DisposeAsync();
}

/// <summary>
/// A batch print's output into a file, all or nothing (<see cref="AtomicFileWriter"/>): a temporary file
/// beside <paramref name="path"/>, renamed over it when complete; the SHA-256 is the writer's.
/// </summary>
public sealed class FileBatchPdf(string path) : IBatchPdfOutput
{
    private readonly AtomicFileWriter writer = AtomicFileWriter.Create(path);

    public Stream Stream => writer.Stream;

    public async Task<string> CompleteAsync(BatchPrinted batch, CancellationToken cancellationToken)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return writer.Sha256;
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
