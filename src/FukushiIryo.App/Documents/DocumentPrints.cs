using System.Globalization;
using System.Security.Cryptography;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
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
    /// A batch print of several documents of one kind in one PDF (<see cref="LossNoticeBatchInput"/>):
    /// renders it, hands it to <paramref name="deliver"/> (which writes the file), and only then writes
    /// one <see cref="AuditEventType.DocumentPrinted"/> event per document (its subject, the PDF's
    /// SHA-256) in one save, together with whatever else the caller has pending (its marks).
    /// </summary>
    public async Task<RenderedDocument> PrintBatchAsync(
        LossNoticeBatchInput input, IReadOnlyList<DocumentSubject> subjects, string actor, Func<RenderedDocument, CancellationToken, Task> deliver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(deliver);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (subjects.Count != input.Notices.Count)
        {
            throw new ArgumentException("One subject per notice.", nameof(subjects));
        }

        var document = DocumentRenderer.Render(input);
        await deliver(document, cancellationToken).ConfigureAwait(false);
        var sha256 = Sha256(document.Pdf);
        foreach (var subject in subjects)
        {
            db.AddAudit(new AuditEntry(actor, AuditEventType.DocumentPrinted, subject.Type, subject.Id, new Dictionary<string, object?>
            {
                ["document"] = document.Kind.ToString(),
                ["batch"] = subjects.Count,
                ["pages"] = document.PageCount,
                ["sha256"] = sha256,
            }));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return document;
    }

    /// <summary>
    /// A batch 交付 of 受給資格証 in one PDF, one page each: renders it, hands it to
    /// <paramref name="deliver"/>, and only then adds each card's 交付履歴 row (<see cref="CertificateIssue"/>,
    /// 交付, the PDF's SHA-256) and its audit event in one save with whatever the caller has pending.
    /// </summary>
    public async Task<RenderedDocument> IssueCertificatesAsync(
        IReadOnlyList<(long RecipientId, CertificateInput Certificate)> certificates, string actor, Func<RenderedDocument, CancellationToken, Task> deliver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(deliver);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var document = DocumentRenderer.Render(new CertificateBatchInput([.. certificates.Select(c => c.Certificate)]));
        await deliver(document, cancellationToken).ConfigureAwait(false);
        var sha256 = Sha256(document.Pdf);
        var now = AppClock.Now(clock);
        var today = JstClock.Today(clock);
        foreach (var (recipientId, certificate) in certificates)
        {
            db.CertificateIssues.Add(new CertificateIssue
            {
                RecipientId = recipientId,
                Kind = CertificateIssueKind.Issue,
                ValidFrom = certificate.ValidFrom,
                ValidTo = certificate.ValidTo,
                IssuedOn = today,
                IssuedAt = now,
                IssuedBy = actor,
                Sha256 = sha256,
            });
            db.AddAudit(new AuditEntry(actor, AuditEventType.DocumentPrinted, "recipient", certificate.RecipientNumber, new Dictionary<string, object?>
            {
                ["document"] = document.Kind.ToString(),
                ["issueKind"] = nameof(CertificateIssueKind.Issue),
                ["validFrom"] = certificate.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["validTo"] = certificate.ValidTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["batch"] = certificates.Count,
                ["pages"] = document.PageCount,
                ["sha256"] = sha256,
            }));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return document;
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
}
