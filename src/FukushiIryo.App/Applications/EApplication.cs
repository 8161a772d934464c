using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Applications;

/// <summary>Where a received 電子申請 stands.</summary>
public enum EApplicationStatus
{
    /// <summary>登録待ち: received, waiting for staff to register it as a 新規申請.</summary>
    Pending = 1,

    /// <summary>登録済: the 新規申請 exists and the payload is purged.</summary>
    Registered = 2,
}

/// <summary>
/// 電子申請 (e-application, 評価書 システム6, P21): one 新規申請 received from the e-application
/// system (<c>POST /api/e-applications</c> or <c>fukushi import e-application</c>). The 個人番号 it
/// carried went to the 宛名 vault at intake; <see cref="Payload"/> is the application WITHOUT any
/// 個人番号 (<see cref="EApplicationPayload"/> as JSON), kept only until staff register it: then it is
/// set to null (the one deletion architecture.md §1.4 allows), audited. The row itself stays.
/// </summary>
public sealed class EApplication
{
    public long Id { get; set; }

    /// <summary>The e-application system's 受付番号 (<c>externalId</c>): a second one with it is refused.</summary>
    public string ExternalId { get; set; } = string.Empty;

    /// <summary>申請年月日 as sent.</summary>
    public DateOnly AppliedOn { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Who received it: <c>api:SYSTEM</c> for the endpoint, the operator's login for the CLI.</summary>
    public string ReceivedBy { get; set; } = string.Empty;

    public EApplicationStatus Status { get; set; }

    /// <summary>The application without 個人番号 (JSON of <see cref="EApplicationPayload"/>); null once purged.</summary>
    public string? Payload { get; set; }

    /// <summary>The 新規申請 registered from it.</summary>
    public long? ApplicationId { get; set; }

    /// <summary>When the payload was purged (UTC), at registration.</summary>
    public DateTimeOffset? PurgedAt { get; set; }

    public string? PurgedBy { get; set; }
}

internal sealed class EApplicationConfiguration : IEntityTypeConfiguration<EApplication>
{
    public void Configure(EntityTypeBuilder<EApplication> builder)
    {
        builder.ToTable("EApplications");
        builder.HasIndex(e => e.ExternalId).IsUnique();
        builder.HasIndex(e => e.Status);
        builder.Property(e => e.ExternalId).HasMaxLength(40);
        builder.Property(e => e.ReceivedBy).HasMaxLength(100);
        builder.Property(e => e.PurgedBy).HasMaxLength(100);
        builder.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A person of a received e-application, without the 個人番号: how the vault or the 台帳 matched them.</summary>
/// <param name="AtenaNumber">The 宛名番号 matched, or null when none was (staff pick the person at registration).</param>
/// <param name="Match"><c>vault</c> (the 個人番号 was already linked), <c>ledger</c> (one person of the 台帳 with this カナ氏名 and 生年月日; the number is now linked) or <c>none</c>.</param>
public sealed record EApplicationPerson(string Name, string NameKana, DateOnly BirthDate, string? AtenaNumber, string Match);

/// <summary>A child of a received e-application.</summary>
public sealed record EApplicationChild(
    EApplicationPerson Person, bool Insured, bool RemoteArea, bool SeparateCustody, bool InChildWelfareFacility, IReadOnlyList<string> OtherPrograms);

/// <summary>
/// What the welfare side keeps of an e-application until it is registered: every item of the
/// schema (docs/formats/e-application.schema.json) except the 個人番号, and the matches found.
/// </summary>
public sealed record EApplicationPayload(
    string ExternalId,
    DateTimeOffset? SubmittedAt,
    DateOnly AppliedOn,
    string? ApplicationReason,
    EApplicationPerson Applicant,
    string ApplicantRole,
    string? PhoneNumber,
    string? PostalCode,
    string? Address,
    string SingleParentReason,
    DateOnly ReasonArisenOn,
    DateOnly? FixedTermEnd,
    bool PublicAssistance,
    IReadOnlyList<string> OtherPrograms,
    string InsuranceKind,
    string InsurerNumber,
    string? CardSymbol,
    string? CardNumber,
    string? BankCode,
    string? BranchCode,
    string? AccountType,
    string? AccountNumber,
    string? YuchoSymbol,
    string? YuchoNumber,
    string AccountHolderKana,
    IReadOnlyList<EApplicationChild> Children);
