using FukushiIryo.Domain.Eligibility;
using FukushiIryo.App.Eligibility;

namespace FukushiIryo.App.Documents;

/// <summary>The documents the system prints.</summary>
public enum DocumentKind
{
    /// <summary>受給資格証 (card layout on A4).</summary>
    Certificate = 1,

    /// <summary>認定通知書.</summary>
    GrantNotice = 2,

    /// <summary>却下通知書.</summary>
    RejectionNotice = 3,

    /// <summary>喪失通知書.</summary>
    LossNotice = 4,

    /// <summary>受付簿 (P4): the dated list of receptions.</summary>
    ReceptionRegister = 5,

    /// <summary>支給決定通知書 of a payment run: one notice (a page or more) per payee.</summary>
    PaymentNotice = 6,
    /// <summary>更新申請書 (August renewal): one page per household, with what the city knows printed.</summary>
    RenewalForms = 7,

    /// <summary>本人開示 (P19): everything held on one person, its payments and who accessed it.</summary>
    PersonDisclosure = 8,

    /// <summary>返還請求書: one notice per 返還請求 (ADR 0033).</summary>
    RecoveryDemand = 9,

    /// <summary>督促状 of overdue 返還請求: one notice per 返還請求.</summary>
    RecoveryReminder = 10,

    /// <summary>振込不能通知: a returned transfer; asks the payee for a new account (ADR 0032).</summary>
    ReturnedTransferNotice = 11,

    /// <summary>統計 (受給者数調査・支払月報・県補助金): aggregate tables only, landscape.</summary>
    StatisticsReport = 12,
}

/// <summary>
/// What a document builder needs: plain values only (names, numbers, dates), so that building a
/// document is a pure function of its input (<see cref="DocumentRenderer.Render"/>).
/// </summary>
public abstract record DocumentInput
{
    public abstract DocumentKind Kind { get; }

    /// <summary>The city, section and head printed on the document.</summary>
    public DocumentIssuer Issuer { get; init; } = DocumentIssuer.Default;
}

/// <summary>宛先 of a notice: the name and address as the 宛名 holds them (any 住基 character).</summary>
/// <param name="PostalCode">郵便番号, 7 digits, or null.</param>
public sealed record Addressee(string Name, string? PostalCode = null, string? Address = null);

/// <summary>
/// 受給資格証 of one recipient. <paramref name="ReissuedOn"/> set = a 再交付: the card says 再交付 and
/// its date beside the date of the first 交付 (<paramref name="IssuedOn"/>).
/// </summary>
/// <param name="RecipientNumber">受給者番号 (7 digits).</param>
/// <param name="PayerNumber">公費負担者番号 (8 digits).</param>
/// <param name="Name">氏名 as the 宛名 holds it.</param>
/// <param name="BirthDate">生年月日 (printed in 和暦).</param>
/// <param name="ValidFrom">有効期間 start.</param>
/// <param name="ValidTo">有効期間 end, inclusive.</param>
/// <param name="BenefitMethod">給付区分.</param>
/// <param name="IssuedOn">交付年月日.</param>
/// <param name="ReissuedOn">再交付 date, or null for a first 交付.</param>
public sealed record CertificateInput(
    string RecipientNumber,
    string PayerNumber,
    string Name,
    DateOnly BirthDate,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    BenefitMethod BenefitMethod,
    DateOnly IssuedOn,
    DateOnly? ReissuedOn = null) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.Certificate;
}

/// <summary>A recipient granted by a 認定: one line of the 認定通知書.</summary>
/// <param name="AcquiredOn">資格取得日.</param>
/// <param name="ValidTo">有効期間 end, inclusive.</param>
public sealed record GrantedRecipient(
    string Name,
    string RecipientNumber,
    DateOnly AcquiredOn,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    BenefitMethod BenefitMethod);

/// <summary>認定通知書: the applicant (宛先) and every recipient the decision granted.</summary>
/// <param name="NoticeDate">通知日 (the date printed at the top).</param>
/// <param name="AppliedOn">申請年月日.</param>
/// <param name="NoticeNumber">文書番号, e.g. 奈子給第123号; null prints none.</param>
public sealed record GrantNoticeInput(
    Addressee To,
    DateOnly NoticeDate,
    DateOnly AppliedOn,
    IReadOnlyList<GrantedRecipient> Recipients,
    string? NoticeNumber = null) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.GrantNotice;
}

/// <summary>却下通知書: every reason is printed, numbered, in the order given.</summary>
/// <param name="PersonNames">The persons the application was for (the parent or carer and children).</param>
/// <param name="Reasons">却下の理由, at least one: the failed checks in Japanese.</param>
public sealed record RejectionNoticeInput(
    Addressee To,
    DateOnly NoticeDate,
    DateOnly AppliedOn,
    ApplicationKind ApplicationKind,
    IReadOnlyList<string> PersonNames,
    IReadOnlyList<string> Reasons,
    string? NoticeNumber = null) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.RejectionNotice;
}

/// <summary>A recipient whose eligibility ended: one line of the 喪失通知書.</summary>
/// <param name="LostOn">喪失日: the first day not eligible.</param>
/// <param name="Detail">A few words after the 事由 (e.g. 婚姻 の届出日), or null.</param>
public sealed record LostRecipient(string Name, string RecipientNumber, DateOnly LostOn, LossReason Reason, string? Detail = null);

/// <summary>喪失通知書: the addressee and every recipient who lost eligibility.</summary>
public sealed record LossNoticeInput(
    Addressee To,
    DateOnly NoticeDate,
    IReadOnlyList<LostRecipient> Recipients,
    string? NoticeNumber = null) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.LossNotice;
}

/// <summary>One reception (受付) of the 受付簿.</summary>
/// <param name="ReceptionNumber">受付番号.</param>
/// <param name="ReceivedOn">受付日.</param>
/// <param name="ApplicationKind">申請種別.</param>
/// <param name="ApplicantName">申請者 as the 宛名 holds the name.</param>
public sealed record ReceptionEntry(string ReceptionNumber, DateOnly ReceivedOn, ApplicationKind ApplicationKind, string ApplicantName);

/// <summary>
/// 受付簿 for the days <paramref name="From"/> to <paramref name="To"/> (inclusive): a table across
/// pages, in date order then 受付番号, each page numbered "n / N" and carrying who printed it when
/// (a list of persons: architecture.md §5).
/// </summary>
public sealed record ReceptionRegisterInput(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<ReceptionEntry> Entries,
    DateTimeOffset PrintedAt,
    string PrintedBy) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.ReceptionRegister;
}

/// <summary>One member of a household as its renewal form prints it.</summary>
/// <param name="Relationship">続柄 as the form prints it (本人, 子 …).</param>
/// <param name="ValidTo">The end of the 有効期間 in force (inclusive), or null.</param>
public sealed record RenewalFormMember(string Name, string RecipientNumber, DateOnly BirthDate, string Relationship, DateOnly? ValidTo);

/// <summary>
/// The 更新申請書 of one household: addressed to the head (the parent or carer, or the orphan), with
/// the members, the insurance and the account the city holds, to be checked, corrected and returned.
/// </summary>
/// <param name="Insurance">保険 as one line (種別・保険者番号), or null.</param>
/// <param name="Account">振込口座 as one line (金融機関・支店・種別・口座番号 with all but the last 3 digits masked), or null.</param>
public sealed record RenewalForm(
    Addressee To,
    string HeadRecipientNumber,
    IReadOnlyList<RenewalFormMember> Members,
    string? Insurance,
    string? Account);

/// <summary>更新申請書 of the August renewal of <paramref name="Year"/> (8/1/Year), one page (or more) per household.</summary>
/// <param name="DueDate">返送期限 printed on every form.</param>
public sealed record RenewalFormsInput(int Year, DateOnly NoticeDate, DateOnly DueDate, IReadOnlyList<RenewalForm> Forms) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.RenewalForms;
}

/// <summary>Several 受給資格証 in one PDF, one page each (a batch print); the kind is <see cref="DocumentKind.Certificate"/>.</summary>
public sealed record CertificateBatchInput(IReadOnlyList<CertificateInput> Certificates) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.Certificate;
}

/// <summary>Several 喪失通知書 in one PDF, each from a new page (a batch print); the kind is <see cref="DocumentKind.LossNotice"/>.</summary>
public sealed record LossNoticeBatchInput(IReadOnlyList<LossNoticeInput> Notices) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.LossNotice;
}

/// <summary>A rendered document: the PDF bytes, its title (also in the PDF's information), its pages.</summary>
public sealed record RenderedDocument(DocumentKind Kind, string Title, byte[] Pdf, int PageCount)
{
    /// <summary>A file name for the download: the kind and nothing personal, e.g. <c>certificate.pdf</c>.</summary>
    public string FileName => Kind switch
    {
        DocumentKind.Certificate => "certificate.pdf",
        DocumentKind.GrantNotice => "grant-notice.pdf",
        DocumentKind.RejectionNotice => "rejection-notice.pdf",
        DocumentKind.LossNotice => "loss-notice.pdf",
        DocumentKind.ReceptionRegister => "reception-register.pdf",
        DocumentKind.PaymentNotice => "payment-notice.pdf",
        DocumentKind.RenewalForms => "renewal-forms.pdf",
        DocumentKind.PersonDisclosure => "disclosure.pdf",
        DocumentKind.RecoveryDemand => "recovery-demand.pdf",
        DocumentKind.RecoveryReminder => "recovery-reminder.pdf",
        _ => "document.pdf",
    };
}
