using FukushiIryo.App.MedicalClaims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Payments;

/// <summary>What a 再審査 result (国保連・支払基金) did to a paid receipt.</summary>
public enum ClaimCorrectionKind
{
    /// <summary>訂正: new 点数, 保険自己負担額, 高額療養費, 附加給付 or 他公費負担額.</summary>
    Corrected = 1,

    /// <summary>取下げ: the receipt was withdrawn; nothing of it is subsidised any more.</summary>
    Withdrawn = 2,
}

/// <summary>
/// 再審査結果 (過誤調整, ADR 0033): a new version of a paid receipt's values, never an edit of the receipt
/// or of its paid line. Holds the corrected values (null = unchanged from the receipt), what had been
/// paid for the receipt until then (the paid line's 助成額 plus earlier differences), the 助成額
/// recomputed with the corrected values, the difference, and the <see cref="PaymentAdjustment"/> the
/// difference became (none when it is 0). Never deleted.
/// </summary>
public sealed class ClaimCorrection
{
    public long Id { get; set; }

    public long MedicalClaimId { get; set; }

    /// <summary>The correction made before this one for the same receipt (versions chain), or null for the first.</summary>
    public long? PreviousCorrectionId { get; set; }

    public ClaimCorrectionKind Kind { get; set; }

    /// <summary>決定日 of the 再審査 (as the 審査支払機関 notified it).</summary>
    public DateOnly DecidedOn { get; set; }

    /// <summary>How it came: <c>manual</c> (the page or <c>payments corrections add</c>) or <c>import</c> (the CSV; <see cref="SourceLine"/> set).</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>The line of the imported file, when imported.</summary>
    public long? SourceLine { get; set; }

    /// <summary>SHA-256 of the imported file, when imported.</summary>
    public string? SourceFileSha256 { get; set; }

    /// <summary>Corrected 点数 (null = unchanged).</summary>
    public long? Points { get; set; }

    /// <summary>Corrected 保険自己負担額 (null = unchanged).</summary>
    public long? PatientShare { get; set; }

    /// <summary>Corrected 高額療養費 (null = unchanged).</summary>
    public long? HighCostRefund { get; set; }

    /// <summary>Corrected 附加給付 (null = unchanged).</summary>
    public long? ExtraBenefit { get; set; }

    /// <summary>Corrected 他公費負担額 (null = unchanged).</summary>
    public long? OtherPublicAmount { get; set; }

    /// <summary>What had been paid for the receipt before this correction: the paid line's 助成額 plus the differences since.</summary>
    public long PreviousSubsidy { get; set; }

    /// <summary>The 助成額 recomputed with the corrected values (0 for a 取下げ).</summary>
    public long NewSubsidy { get; set; }

    /// <summary>The 一部負担金 the corrected receipt bears (what its group's earlier receipts left of the group's amount).</summary>
    public long Copayment { get; set; }

    /// <summary>NewSubsidy − PreviousSubsidy: positive paid in the next run, negative offset or recovered.</summary>
    public long Difference { get; set; }

    /// <summary>The recomputation's steps (項目, 金額) as a JSON array.</summary>
    public string StepsJson { get; set; } = "[]";

    /// <summary>The adjustment the difference became; null when the difference is 0.</summary>
    public long? PaymentAdjustmentId { get; set; }

    public string Reason { get; set; } = string.Empty;

    public string RecordedBy { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class ClaimCorrectionConfiguration : IEntityTypeConfiguration<ClaimCorrection>
{
    public void Configure(EntityTypeBuilder<ClaimCorrection> builder)
    {
        builder.Property(c => c.Source).HasMaxLength(20);
        builder.Property(c => c.SourceFileSha256).HasMaxLength(64);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.Property(c => c.RecordedBy).HasMaxLength(100);
        builder.HasOne<MedicalClaim>().WithMany().HasForeignKey(c => c.MedicalClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ClaimCorrection>().WithMany().HasForeignKey(c => c.PreviousCorrectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentAdjustment>().WithMany().HasForeignKey(c => c.PaymentAdjustmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.MedicalClaimId);
        builder.HasIndex(c => c.PreviousCorrectionId).IsUnique();
    }
}
