using FukushiIryo.App.Data;
using FukushiIryo.App.MedicalClaims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Payments;

/// <summary>What a <see cref="PaymentAdjustment"/> (支払調整) is for.</summary>
public enum PaymentAdjustmentKind
{
    /// <summary>再振込: a returned transfer (振込不能) paid again once the account is put right. Positive.</summary>
    Retransfer = 1,

    /// <summary>過誤調整（追給）: a receipt corrected upward, or eligibility gained retroactively. Positive.</summary>
    CorrectionIncrease = 2,

    /// <summary>過誤調整（減額）: a receipt corrected downward or withdrawn, or eligibility lost retroactively. Negative: offset against the payee's next payments.</summary>
    CorrectionDecrease = 3,
}

/// <summary>Where a <see cref="PaymentAdjustment"/> stands.</summary>
public enum PaymentAdjustmentStatus
{
    /// <summary>未処理: taken up by the next payment run (a positive one paid, a negative one offset).</summary>
    Pending = 1,

    /// <summary>保留: not taken up yet (a returned transfer waiting for the account to be corrected).</summary>
    Held = 2,

    /// <summary>返還請求へ移行: what was outstanding of a negative adjustment became a 返還請求; runs no longer offset it.</summary>
    MovedToRecovery = 3,

    /// <summary>取消: withdrawn by staff before anything was settled (with a reason).</summary>
    Cancelled = 4,

    /// <summary>調整済: nothing outstanding any more (set by the approval that settled the last of it).</summary>
    Settled = 5,
}

/// <summary>
/// 支払調整: an amount owed to (positive) or by (negative) a payee outside the claims of a run (ADR 0026):
/// a returned transfer to pay again, or a 過誤調整 difference of one receipt. A payment run takes up every
/// <see cref="PaymentAdjustmentStatus.Pending"/> adjustment of its payees: positives are added, negatives
/// are offset against what the payee is paid in that run (never below 0; the rest stays outstanding).
/// What a run applied is a <see cref="PaymentAdjustmentLine"/> of its preparation, and becomes a
/// <see cref="SettledAdjustment"/> when the run is approved. Outstanding = <see cref="Amount"/> − the
/// settled sum. Never deleted.
/// </summary>
public sealed class PaymentAdjustment : IVersionedAggregate
{
    public long Id { get; set; }

    /// <summary>The payee (支払先) owed or owing: a parent or carer, or an orphan without a recipient carer.</summary>
    public long PayeeRecipientId { get; set; }

    /// <summary>The recipient (受給者) whose receipt or payment caused it.</summary>
    public long RecipientId { get; set; }

    /// <summary>The receipt (レセプト) concerned, when one is.</summary>
    public long? MedicalClaimId { get; set; }

    public PaymentAdjustmentKind Kind { get; set; }

    /// <summary>Signed yen: positive = owed to the payee, negative = owed by the payee.</summary>
    public long Amount { get; set; }

    public PaymentAdjustmentStatus Status { get; set; }

    /// <summary>Why (Japanese, for staff and the notice).</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>What produced it: <c>returned-transfer</c>, <c>claim-correction</c>, <c>eligibility-change</c>, …</summary>
    public string SourceType { get; set; } = string.Empty;

    /// <summary>The id of that source row (as text), when there is one.</summary>
    public string? SourceId { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string? StatusChangedBy { get; set; }

    public DateTimeOffset? StatusChangedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>What one preparation of a run applied of an adjustment (signed, same sign as the adjustment).</summary>
public sealed class PaymentAdjustmentLine
{
    public long Id { get; set; }

    public long PaymentRunId { get; set; }

    public int Preparation { get; set; }

    public long PaymentAdjustmentId { get; set; }

    public long PayeeRecipientId { get; set; }

    public PaymentAdjustmentKind Kind { get; set; }

    /// <summary>Signed yen applied in this preparation.</summary>
    public long Applied { get; set; }
}

/// <summary>
/// 調整済: what an approved run settled of an adjustment. Written at approval in its transaction, for the
/// lines of payees not held out; one row per adjustment and run.
/// </summary>
public sealed class SettledAdjustment
{
    public long Id { get; set; }

    public long PaymentAdjustmentId { get; set; }

    public long PaymentRunId { get; set; }

    public long PaymentAdjustmentLineId { get; set; }

    /// <summary>Signed yen settled.</summary>
    public long Applied { get; set; }
}

internal sealed class PaymentAdjustmentConfiguration : IEntityTypeConfiguration<PaymentAdjustment>
{
    public void Configure(EntityTypeBuilder<PaymentAdjustment> builder)
    {
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.Property(a => a.SourceType).HasMaxLength(50);
        builder.Property(a => a.SourceId).HasMaxLength(100);
        builder.Property(a => a.CreatedBy).HasMaxLength(100);
        builder.Property(a => a.StatusChangedBy).HasMaxLength(100);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<MedicalClaim>().WithMany().HasForeignKey(a => a.MedicalClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.Status, a.PayeeRecipientId });
        builder.HasIndex(a => a.PayeeRecipientId);
        builder.HasIndex(a => new { a.SourceType, a.SourceId });
    }
}

internal sealed class PaymentAdjustmentLineConfiguration : IEntityTypeConfiguration<PaymentAdjustmentLine>
{
    public void Configure(EntityTypeBuilder<PaymentAdjustmentLine> builder)
    {
        builder.HasOne<PaymentRun>().WithMany().HasForeignKey(l => l.PaymentRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentAdjustment>().WithMany().HasForeignKey(l => l.PaymentAdjustmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.PaymentRunId, l.Preparation, l.PaymentAdjustmentId }).IsUnique();
        builder.HasIndex(l => l.PaymentAdjustmentId);
    }
}

internal sealed class SettledAdjustmentConfiguration : IEntityTypeConfiguration<SettledAdjustment>
{
    public void Configure(EntityTypeBuilder<SettledAdjustment> builder)
    {
        builder.HasOne<PaymentAdjustment>().WithMany().HasForeignKey(s => s.PaymentAdjustmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentRun>().WithMany().HasForeignKey(s => s.PaymentRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentAdjustmentLine>().WithMany().HasForeignKey(s => s.PaymentAdjustmentLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.PaymentAdjustmentId, s.PaymentRunId }).IsUnique();
        builder.HasIndex(s => s.PaymentRunId);
    }
}
