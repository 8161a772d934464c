using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Applications;

/// <summary>Where an application (申請) stands: 未決定 (waiting for 決裁), 認定 or 却下.</summary>
public enum ApplicationStatus
{
    /// <summary>未決定.</summary>
    Pending = 1,

    /// <summary>認定.</summary>
    Granted = 2,

    /// <summary>却下.</summary>
    Rejected = 3,
}

/// <summary>
/// 申請 (新規申請) of one household, as entered at the counter (窓口): the applicant (父母 or 養育者)
/// and the children (<see cref="ApplicationChild"/>), with its 受付番号 in the 受付簿 (P4). Entered by
/// one user, decided (<see cref="ApplicationStatus.Granted"/> or <see cref="ApplicationStatus.Rejected"/>)
/// by another with 決裁 (P2). Never deleted; the version guards the decision against a stale page.
/// </summary>
public sealed class Application : IVersionedAggregate
{
    public long Id { get; set; }

    /// <summary>受付番号: 年度 (和暦) and a per-年度 serial, e.g. R8-00001; never reused.</summary>
    public string ReceptionNumber { get; set; } = string.Empty;

    /// <summary>年度 of the 受付 (the sequence the number belongs to).</summary>
    public int ReceptionYear { get; set; }

    /// <summary>受付番号 serial within <see cref="ReceptionYear"/>.</summary>
    public int ReceptionSerial { get; set; }

    /// <summary>申請年月日 (= 受付日; the 資格取得日 on 認定, no back-dating).</summary>
    public DateOnly AppliedOn { get; set; }

    /// <summary>申請種別.</summary>
    public ApplicationKind ApplicationKind { get; set; }

    /// <summary>申請理由.</summary>
    public string? ApplicationReason { get; set; }

    public long ApplicantPersonId { get; set; }

    public ApplicantRole ApplicantRole { get; set; }

    /// <summary>ひとり親理由.</summary>
    public SingleParentReason SingleParentReason { get; set; }

    /// <summary>事由発生年月日.</summary>
    public DateOnly ReasonArisenOn { get; set; }

    /// <summary>有期終了日.</summary>
    public DateOnly? FixedTermEnd { get; set; }

    /// <summary>生活保護 (applicant).</summary>
    public bool PublicAssistance { get; set; }

    /// <summary>
    /// 他制度 of the applicant on the application date: program names of the ProgramPrecedence
    /// master (生活保護, 心身障害者医療, 子ども医療, 難病 …), one per line; null when none.
    /// </summary>
    public string? OtherPrograms { get; set; }

    /// <summary>保険種別 of the applicant.</summary>
    public InsuranceKind InsuranceKind { get; set; }

    /// <summary>保険者番号.</summary>
    public string InsurerNumber { get; set; } = string.Empty;

    /// <summary>被保険者証 記号.</summary>
    public string? CardSymbol { get; set; }

    /// <summary>被保険者証 番号.</summary>
    public string? CardNumber { get; set; }

    /// <summary>金融機関コード (ゆうちょ: 9900).</summary>
    public string BankCode { get; set; } = string.Empty;

    public string BankName { get; set; } = string.Empty;

    /// <summary>支店コード (ゆうちょ: derived from the 記号).</summary>
    public string BranchCode { get; set; } = string.Empty;

    public string BranchName { get; set; } = string.Empty;

    public AccountType AccountType { get; set; }

    /// <summary>口座番号 (7 digits).</summary>
    public string AccountNumber { get; set; } = string.Empty;

    /// <summary>口座名義人 (カナ).</summary>
    public string AccountHolderKana { get; set; } = string.Empty;

    /// <summary>電話番号 (連絡先).</summary>
    public string? PhoneNumber { get; set; }

    public ApplicationStatus Status { get; set; }

    /// <summary>The eligibility findings at entry, in Japanese, one per line (failures first, then 要確認).</summary>
    public string Findings { get; set; } = string.Empty;

    /// <summary>The login that entered it (入力者).</summary>
    public string EnteredBy { get; set; } = string.Empty;

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>The login that decided it (決裁者); never <see cref="EnteredBy"/>.</summary>
    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>決定年月日.</summary>
    public DateOnly? DecidedOn { get; set; }

    /// <summary>決定理由 (却下: the reasons, one per line).</summary>
    public string? DecisionReason { get; set; }

    public List<ApplicationChild> Children { get; set; } = [];

    public long Version { get; set; }
}

/// <summary>A child of an <see cref="Application"/>.</summary>
public sealed class ApplicationChild
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    /// <summary>Order on the form.</summary>
    public int Position { get; set; }

    public long PersonId { get; set; }

    /// <summary>健康保険に加入 (as the applicant's dependant).</summary>
    public bool Insured { get; set; }

    /// <summary>遠隔地.</summary>
    public bool RemoteArea { get; set; }

    /// <summary>別居監護.</summary>
    public bool SeparateCustody { get; set; }

    /// <summary>児童福祉施設 入所.</summary>
    public bool InChildWelfareFacility { get; set; }

    /// <summary>他制度 of the child on the application date, one per line (as <see cref="Application.OtherPrograms"/>); null when none.</summary>
    public string? OtherPrograms { get; set; }

    /// <summary>The recipient created by 認定; null before, or when the child was not eligible.</summary>
    public long? RecipientId { get; set; }
}

/// <summary>
/// A named counter (受付番号 per 年度, 受給者番号): the last value handed out. Advanced only inside
/// the transaction that uses the value, by one UPDATE, so that two users never get the same value
/// and a value is never reused (<see cref="NumberSequences"/>).
/// </summary>
public sealed class NumberSequence
{
    public string Name { get; set; } = string.Empty;

    public long LastValue { get; set; }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.ReceptionNumber).IsUnique();
        builder.HasIndex(a => new { a.ReceptionYear, a.ReceptionSerial }).IsUnique();
        builder.HasIndex(a => new { a.Status, a.AppliedOn });
        builder.HasIndex(a => a.AppliedOn);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.ApplicantPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Children).WithOne().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.ReceptionNumber).HasMaxLength(20);
        builder.Property(a => a.ApplicationReason).HasMaxLength(200);
        builder.Property(a => a.InsurerNumber).HasMaxLength(8);
        builder.Property(a => a.CardSymbol).HasMaxLength(40);
        builder.Property(a => a.CardNumber).HasMaxLength(40);
        builder.Property(a => a.BankCode).HasMaxLength(4);
        builder.Property(a => a.BankName).HasMaxLength(100);
        builder.Property(a => a.BranchCode).HasMaxLength(3);
        builder.Property(a => a.BranchName).HasMaxLength(100);
        builder.Property(a => a.AccountNumber).HasMaxLength(7);
        builder.Property(a => a.AccountHolderKana).HasMaxLength(100);
        builder.Property(a => a.PhoneNumber).HasMaxLength(20);
        builder.Property(a => a.OtherPrograms).HasMaxLength(OtherProgramList.MaxStoredLength);
        builder.Property(a => a.Findings).HasMaxLength(4000);
        builder.Property(a => a.EnteredBy).HasMaxLength(100);
        builder.Property(a => a.DecidedBy).HasMaxLength(100);
        builder.Property(a => a.DecisionReason).HasMaxLength(2000);
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class ApplicationChildConfiguration : IEntityTypeConfiguration<ApplicationChild>
{
    public void Configure(EntityTypeBuilder<ApplicationChild> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.ApplicationId, c.Position }).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(c => c.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.OtherPrograms).HasMaxLength(OtherProgramList.MaxStoredLength);
    }
}

internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(60);
    }
}
