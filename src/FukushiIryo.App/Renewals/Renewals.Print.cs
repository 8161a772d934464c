using System.Runtime.CompilerServices;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Renewals;

/// <summary>What a batch print of a renewal run prints: the new certificates, or the 喪失通知書 of one cause.</summary>
public enum RenewalPrintKind
{
    /// <summary>受給資格証 of every recipient the decision gave a new one (更新, 年齢区分変更).</summary>
    Certificates = 1,

    /// <summary>喪失通知書 of the households lost for 所得超過 (August).</summary>
    IncomeOverLimitNotices = 2,

    /// <summary>喪失通知書 of the households lost for 更新未提出 (August).</summary>
    NotSubmittedNotices = 3,

    /// <summary>喪失通知書 of the households with a child lost for 年齢到達 (April; with the parent's 対象児童なし).</summary>
    AgeLimitNotices = 4,
}

/// <summary>One PDF of a batch print handed over in memory: its kind, the document, the households and documents (cards or notices) in it.</summary>
public sealed record RenewalPrinted(RenewalPrintKind Kind, RenderedDocument Document, int Households, int Documents);

/// <summary>One PDF of a batch print written to its output (a file, a download): its kind, the PDF as written (pages, SHA-256), the households and documents in it.</summary>
public sealed record RenewalPrintedPdf(RenewalPrintKind Kind, BatchPrinted Pdf, int Households, int Documents);

public sealed partial class Renewals
{
    /// <summary>The kinds a run of <paramref name="kind"/> prints, in the order the CLI writes them.</summary>
    public static IReadOnlyList<RenewalPrintKind> PrintKinds(RenewalKind kind) => kind == RenewalKind.August
        ? [RenewalPrintKind.Certificates, RenewalPrintKind.IncomeOverLimitNotices, RenewalPrintKind.NotSubmittedNotices]
        : [RenewalPrintKind.Certificates, RenewalPrintKind.AgeLimitNotices];

    public static string Label(RenewalPrintKind kind) => kind switch
    {
        RenewalPrintKind.Certificates => "受給資格証",
        RenewalPrintKind.IncomeOverLimitNotices => "喪失通知書（所得超過）",
        RenewalPrintKind.NotSubmittedNotices => "喪失通知書（更新未提出）",
        RenewalPrintKind.AgeLimitNotices => "喪失通知書（年齢到達）",
        _ => kind.ToString(),
    };

    /// <summary>The file name stem of a batch PDF (nothing personal): certificates, loss-income, loss-not-submitted, loss-age.</summary>
    public static string FileStem(RenewalPrintKind kind) => kind switch
    {
        RenewalPrintKind.Certificates => "certificates",
        RenewalPrintKind.IncomeOverLimitNotices => "loss-income",
        RenewalPrintKind.NotSubmittedNotices => "loss-not-submitted",
        RenewalPrintKind.AgeLimitNotices => "loss-age",
        _ => "documents",
    };

    /// <summary>The households decided but not yet printed, per kind the run prints (all zero when the run has not started).</summary>
    public async Task<IReadOnlyDictionary<RenewalPrintKind, int>> UnprintedAsync(RenewalKind kind, int year, CancellationToken cancellationToken = default)
    {
        var run = await db.RenewalRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == kind && r.Year == year, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<RenewalPrintKind, int>();
        foreach (var what in PrintKinds(kind))
        {
            counts[what] = run is null ? 0 : await Unprinted(run.Id, what).CountAsync(cancellationToken).ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>
    /// The batch print of <paramref name="what"/> with the PDF in memory, handed to <paramref name="deliver"/>
    /// (tests, small runs): as the streaming <see cref="PrintAsync(RenewalKind, int, RenewalPrintKind, string, Func{IBatchPdfOutput}, CancellationToken)"/>,
    /// whose promise it keeps; the CLI and the web page stream into a file instead.
    /// </summary>
    public async Task<RenewalPrinted?> PrintAsync(
        RenewalKind kind, int year, RenewalPrintKind what, string actor, Func<RenderedDocument, CancellationToken, Task> deliver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        InMemoryBatchPdf? output = null;
        var printed = await PrintAsync(kind, year, what, actor, () => output = new InMemoryBatchPdf(deliver), cancellationToken).ConfigureAwait(false);
        return printed is null ? null : new RenewalPrinted(what, output!.Document!, printed.Households, printed.Documents);
    }

    /// <summary>
    /// The batch print of <paramref name="what"/> after the decide step: one PDF with the documents of
    /// every decided household not yet printed for that kind (by 受給者番号 of the head), rendered as
    /// they are read into the output <paramref name="open"/> gives (ADR 0041: neither the PDF nor the
    /// documents' inputs are held whole). The PDF is written completely first (the output completed:
    /// a file renamed into place); only then are the 交付履歴 rows (certificates), one 文書印刷 audit
    /// event per document (with the SHA-256 of the file) and the households' printed marks saved
    /// together, in one transaction, so a failure to write the file leaves them unprinted and a rerun
    /// prints nothing twice. Null, with nothing opened, when nothing is due.
    /// </summary>
    public async Task<RenewalPrintedPdf?> PrintAsync(
        RenewalKind kind, int year, RenewalPrintKind what, string actor, Func<IBatchPdfOutput> open, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(open);
        if (!PrintKinds(kind).Contains(what))
        {
            throw new RenewalRefusedException($"{Label(kind)}では{Label(what)}を印刷しません。");
        }

        var run = await db.RenewalRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == kind && r.Year == year, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        db.ChangeTracker.Clear();
        var items = await Unprinted(run.Id, what).AsNoTracking().OrderBy(i => i.HeadRecipientNumber)
            .Select(i => new PrintItem(i.Id, i.HeadRecipientId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return null;
        }

        var effective = EffectiveDate(kind, year);
        var now = AppClock.Now(clock);
        var prints = new DocumentPrints(db, clock) { PagesPerChunk = PrintPagesPerChunk, SaveSlice = PrintSaveSlice };
        Task Mark(CancellationToken token) => MarkPrintedAsync(what, items, now, token);
        var printed = what == RenewalPrintKind.Certificates
            ? await prints.IssueCertificatesAsync(CertificatesAsync(items, effective, cancellationToken), actor, open, Mark, cancellationToken).ConfigureAwait(false)
                ?? throw new RenewalRefusedException("印刷する受給資格証がありません（決定後に資格が変更されています）。")
            : await prints.PrintLossNoticesAsync(LossNoticesAsync(items, effective, cancellationToken), actor, open, Mark, cancellationToken).ConfigureAwait(false)
                ?? throw new RenewalRefusedException("印刷する喪失通知書がありません（決定後に資格が変更されています）。");
        db.ChangeTracker.Clear();
        return new RenewalPrintedPdf(what, printed, items.Count, printed.Documents);
    }

    /// <summary>Pages per chunk of the batch PDFs (tests use a few to cross chunks).</summary>
    internal int PrintPagesPerChunk { get; init; } = PdfBatch.PagesPerChunk;

    /// <summary>Documents per SaveChanges when a batch print is saved (tests use a few to cross slices).</summary>
    internal int PrintSaveSlice { get; init; } = 2_000;

    /// <summary>A household to print: its item and head.</summary>
    private readonly record struct PrintItem(long Id, long HeadRecipientId);

    /// <summary>
    /// Marks the households printed (by one UPDATE per chunk of items, only where still unprinted), in the
    /// print's transaction: an item printed meanwhile by another print refuses the whole save.
    /// </summary>
    private async Task MarkPrintedAsync(RenewalPrintKind what, List<PrintItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Chunk(Chunk))
        {
            var ids = chunk.Select(i => i.Id).ToList();
            var marked = what == RenewalPrintKind.Certificates
                ? await db.RenewalItems.Where(i => EF.Parameter(ids).Contains(i.Id) && i.CertificatesPrintedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(i => i.CertificatesPrintedAt, now), cancellationToken).ConfigureAwait(false)
                : await db.RenewalItems.Where(i => EF.Parameter(ids).Contains(i.Id) && i.NoticePrintedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(i => i.NoticePrintedAt, now), cancellationToken).ConfigureAwait(false);
            if (marked != ids.Count)
            {
                throw new RenewalRefusedException($"同じ世帯の{Label(what)}を他の一括印刷が先に印刷済みにしました。この印刷は記録していません（書き出したPDFは使わず、印刷済みの分を確かめてください）。");
            }
        }
    }

    /// <summary>The cards of the households, chunk by chunk, in order.</summary>
    private async IAsyncEnumerable<(long RecipientId, CertificateInput Certificate)> CertificatesAsync(
        List<PrintItem> items, DateOnly effective, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Chunk(Chunk))
        {
            foreach (var card in await CertificatesAsync(chunk, effective, cancellationToken).ConfigureAwait(false))
            {
                yield return card;
            }
        }
    }

    /// <summary>The 喪失通知書 of the households that have one (<see cref="LostOnAsync"/>), chunk by chunk, in order.</summary>
    private async IAsyncEnumerable<(DocumentSubject Subject, LossNoticeInput Notice)> LossNoticesAsync(
        List<PrintItem> items, DateOnly effective, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var losses = new RecipientLosses(db, clock);
        var today = JstClock.Today(clock);
        foreach (var chunk in items.Chunk(Chunk))
        {
            var lost = await LostOnAsync(chunk, effective, cancellationToken).ConfigureAwait(false);
            foreach (var item in chunk)
            {
                if (lost.TryGetValue(item.HeadRecipientId, out var recipientId))
                {
                    var (notice, number) = await losses.LossNoticeAsync(recipientId, today, cancellationToken).ConfigureAwait(false);
                    yield return (DocumentSubject.Recipient(number), notice);
                }
            }
        }
    }

    /// <summary>The decided items of a run not yet printed for <paramref name="what"/>.</summary>
    private IQueryable<RenewalItem> Unprinted(long runId, RenewalPrintKind what)
    {
        var decided = db.RenewalItems.Where(i => i.RunId == runId && i.State == RenewalItemState.Decided);
        return what switch
        {
            RenewalPrintKind.Certificates => decided.Where(i => i.Certificates > 0 && i.CertificatesPrintedAt == null),
            RenewalPrintKind.IncomeOverLimitNotices => decided.Where(i => i.Outcome == RenewalOutcome.IncomeOverLimit && i.Losses > 0 && i.NoticePrintedAt == null),
            RenewalPrintKind.NotSubmittedNotices => decided.Where(i => i.Outcome == RenewalOutcome.NotSubmitted && i.Losses > 0 && i.NoticePrintedAt == null),
            RenewalPrintKind.AgeLimitNotices => decided.Where(i => i.Outcome == RenewalOutcome.AgeLimit && i.Losses > 0 && i.NoticePrintedAt == null),
            _ => decided.Where(_ => false),
        };
    }

    /// <summary>
    /// The cards of the households' recipients whose certificate starts on the effective date (the rows
    /// the decision wrote), with the 宛名 of that day; in the households' order, the head first.
    /// </summary>
    private async Task<List<(long RecipientId, CertificateInput Certificate)>> CertificatesAsync(PrintItem[] items, DateOnly effective, CancellationToken cancellationToken)
    {
        var heads = items.Select(i => i.HeadRecipientId).ToList();
        var recipients = await db.Recipients.AsNoTracking()
            .Where(r => EF.Parameter(heads).Contains(r.Id) || (r.ParentRecipientId != null && EF.Parameter(heads).Contains(r.ParentRecipientId.Value)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = recipients.Select(r => r.Id).ToList();
        var rows = (await db.EligibilityRecords.AsNoTracking()
                .Where(e => EF.Parameter(ids).Contains(e.RecipientId) && e.Status == EligibilityStatus.Active && e.CertificateValidFrom == effective)
                .AsOf(effective).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.RecipientId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.ValidFrom).First());
        var personIds = recipients.Select(r => r.PersonId).Distinct().ToList();
        var persons = (await db.PersonRecords.AsNoTracking().Where(p => EF.Parameter(personIds).Contains(p.PersonId)).Current()
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(p => p.PersonId);
        var today = JstClock.Today(clock);
        var cards = new List<(long, CertificateInput)>();
        foreach (var item in items)
        {
            var household = recipients.Where(r => r.Id == item.HeadRecipientId || r.ParentRecipientId == item.HeadRecipientId)
                .OrderBy(r => r.Id != item.HeadRecipientId).ThenBy(r => r.RecipientNumber, StringComparer.Ordinal);
            foreach (var recipient in household)
            {
                var person = persons[recipient.PersonId].Where(p => p.ValidFrom <= effective).OrderByDescending(p => p.ValidFrom).FirstOrDefault()
                    ?? persons[recipient.PersonId].OrderBy(p => p.ValidFrom).FirstOrDefault();
                if (rows.GetValueOrDefault(recipient.Id) is { CertificateValidFrom: { } from, CertificateValidTo: { } to, BenefitMethod: { } method, PayerNumber: { Length: > 0 } payer }
                    && person is not null)
                {
                    cards.Add((recipient.Id, new CertificateInput(recipient.RecipientNumber, payer, person.Name, person.BirthDate, from, to, method, today)));
                }
            }
        }

        return cards;
    }

    /// <summary>
    /// For each household, the member whose loss the notice is about: of the members lost on or before the
    /// effective date, those lost last (the renewal's own losses: on the effective date, or earlier for a
    /// 年齢到達 found late, whose 喪失日 is the day after the 18歳年度末), the head first, else the first child.
    /// A household without such a member is left out.
    /// </summary>
    private async Task<Dictionary<long, long>> LostOnAsync(PrintItem[] items, DateOnly effective, CancellationToken cancellationToken)
    {
        var heads = items.Select(i => i.HeadRecipientId).ToList();
        var recipients = await db.Recipients.AsNoTracking()
            .Where(r => EF.Parameter(heads).Contains(r.Id) || (r.ParentRecipientId != null && EF.Parameter(heads).Contains(r.ParentRecipientId.Value)))
            .Select(r => new { r.Id, r.ParentRecipientId, r.RecipientNumber }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = recipients.Select(r => r.Id).ToList();
        var lost = (await db.EligibilityRecords.AsNoTracking()
                .Where(e => EF.Parameter(ids).Contains(e.RecipientId) && e.Status == EligibilityStatus.Lost && e.LostOn != null && e.LostOn <= effective).Current()
                .Select(e => new { e.RecipientId, e.LostOn }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.RecipientId)
            .ToDictionary(g => g.Key, g => g.Max(e => e.LostOn!.Value));
        var result = new Dictionary<long, long>();
        foreach (var head in heads)
        {
            var first = recipients.Where(r => (r.Id == head || r.ParentRecipientId == head) && lost.ContainsKey(r.Id))
                .OrderByDescending(r => lost[r.Id]).ThenBy(r => r.Id != head).ThenBy(r => r.RecipientNumber, StringComparer.Ordinal).FirstOrDefault();
            if (first is not null)
            {
                result[head] = first.Id;
            }
        }

        return result;
    }
}
