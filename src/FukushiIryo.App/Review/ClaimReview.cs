using FukushiIryo.App.Data;
using FukushiIryo.Domain.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Review;

/// <summary>Where a claim's 審査 stands.</summary>
public enum ClaimReviewStatus
{
    /// <summary>未処理: as the rules left it; a re-run replaces it.</summary>
    Open = 1,

    /// <summary>承認: staff accepted the claim; a re-run never touches it.</summary>
    Approved = 2,

    /// <summary>否認: staff rejected the claim with a reason; a re-run never touches it.</summary>
    Rejected = 3,
}

/// <summary>
/// 審査結果 of one claim (レセプト): the outcome of <see cref="ReviewRules"/> (可 / 要確認 / 否) with its
/// findings, and the staff resolution. Never deleted: a re-run supersedes the claim's open result
/// (<see cref="SupersededAt"/>) and adds a new one; the current result is the one not superseded.
/// </summary>
public sealed class ClaimReview : IVersionedAggregate
{
    public long Id { get; set; }

    public long MedicalClaimId { get; set; }

    /// <summary>処理年月 of the claim (YYYYMM), copied for the queue's filter.</summary>
    public int ProcessingMonth { get; set; }

    /// <summary>医療機関コード of the claim, copied for the queue's filter.</summary>
    public string ProviderCode { get; set; } = string.Empty;

    /// <summary>The rules' outcome.</summary>
    public ReviewOutcome Outcome { get; set; }

    public ClaimReviewStatus Status { get; set; } = ClaimReviewStatus.Open;

    /// <summary>When the rules ran (UTC).</summary>
    public DateTimeOffset ReviewedAt { get; set; }

    /// <summary>Who ran them (login or batch).</summary>
    public string ReviewedBy { get; set; } = string.Empty;

    /// <summary>When a later run replaced this open result; null = current.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    /// <summary>否認の理由 (or a note on an approval).</summary>
    public string? ResolutionReason { get; set; }

    public List<ClaimReviewFinding> Findings { get; set; } = [];

    public long Version { get; set; }
}

/// <summary>One finding of a rule on a claim (code, severity, Japanese message).</summary>
public sealed class ClaimReviewFinding
{
    public long Id { get; set; }

    public long ClaimReviewId { get; set; }

    /// <summary>The rule's code (R00 …).</summary>
    public string Code { get; set; } = string.Empty;

    public ReviewSeverity Severity { get; set; }

    public string Message { get; set; } = string.Empty;
}

internal sealed class ClaimReviewConfiguration : IEntityTypeConfiguration<ClaimReview>
{
    public void Configure(EntityTypeBuilder<ClaimReview> builder)
    {
        builder.Property(r => r.ProviderCode).HasMaxLength(10);
        builder.Property(r => r.ReviewedBy).HasMaxLength(100);
        builder.Property(r => r.ResolvedBy).HasMaxLength(100);
        builder.Property(r => r.ResolutionReason).HasMaxLength(500);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<MedicalClaims.MedicalClaim>().WithMany().HasForeignKey(r => r.MedicalClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Findings).WithOne().HasForeignKey(f => f.ClaimReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.MedicalClaimId).IsUnique().HasFilter("\"SupersededAt\" IS NULL");
        builder.HasIndex(r => new { r.ProcessingMonth, r.Status });
    }
}

internal sealed class ClaimReviewFindingConfiguration : IEntityTypeConfiguration<ClaimReviewFinding>
{
    public void Configure(EntityTypeBuilder<ClaimReviewFinding> builder)
    {
        builder.Property(f => f.Code).HasMaxLength(10);
        builder.Property(f => f.Message).HasMaxLength(500);
        builder.HasIndex(f => new { f.Code, f.ClaimReviewId });
    }
}
