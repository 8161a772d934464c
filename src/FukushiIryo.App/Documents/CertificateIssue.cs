using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Documents;

/// <summary>交付 (first issue of a certificate for a 有効期間) or 再交付 (a replacement, e.g. lost or damaged).</summary>
public enum CertificateIssueKind
{
    /// <summary>交付.</summary>
    Issue = 1,

    /// <summary>再交付.</summary>
    Reissue = 2,
}

/// <summary>
/// 受給資格証の交付履歴: one row per certificate printed for a recipient, append-only (never updated,
/// never deleted; ADR 0012). A 再交付 is a row of kind <see cref="CertificateIssueKind.Reissue"/>:
/// the card it prints says 再交付 with that day, beside the day of the first 交付 of the same 有効期間.
/// </summary>
public sealed class CertificateIssue
{
    public long Id { get; set; }

    public long RecipientId { get; set; }

    public CertificateIssueKind Kind { get; set; }

    /// <summary>有効期間 start as printed.</summary>
    public DateOnly ValidFrom { get; set; }

    /// <summary>有効期間 end as printed (inclusive).</summary>
    public DateOnly ValidTo { get; set; }

    /// <summary>The day of this 交付 or 再交付 (Japan).</summary>
    public DateOnly IssuedOn { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The staff login that printed it.</summary>
    public string IssuedBy { get; set; } = string.Empty;

    /// <summary>SHA-256 (lowercase hex) of the PDF handed out, to match a printed file to its row.</summary>
    public string Sha256 { get; set; } = string.Empty;
}

internal sealed class CertificateIssueConfiguration : IEntityTypeConfiguration<CertificateIssue>
{
    public void Configure(EntityTypeBuilder<CertificateIssue> builder)
    {
        builder.HasKey(issue => issue.Id);
        builder.HasIndex(issue => new { issue.RecipientId, issue.ValidFrom });
        builder.HasOne<Eligibility.Recipient>().WithMany().HasForeignKey(issue => issue.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(issue => issue.IssuedBy).HasMaxLength(100);
        builder.Property(issue => issue.Sha256).HasMaxLength(64);
    }
}
