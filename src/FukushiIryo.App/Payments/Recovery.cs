using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Payments;

/// <summary>Where a <see cref="Recovery"/> (返還請求) stands.</summary>
public enum RecoveryStatus
{
    /// <summary>未納: something is still outstanding (partly repaid or not at all).</summary>
    Open = 1,

    /// <summary>完納: repaid in full (戻入).</summary>
    Repaid = 2,

    /// <summary>不納欠損: what was outstanding was written off by 決裁.</summary>
    WrittenOff = 3,
}

/// <summary>
/// 返還請求 (ADR 0033): money a payee owes back (a 過誤調整 decrease that runs could not offset), made of
/// the outstanding part of one or more <see cref="PaymentAdjustment"/>s, which become
/// <see cref="PaymentAdjustmentStatus.MovedToRecovery"/>. 調定額 = <see cref="Amount"/>; outstanding =
/// Amount − Σ 戻入 − 不納欠損. Never deleted.
/// </summary>
public sealed class Recovery : IVersionedAggregate
{
    public long Id { get; set; }

    /// <summary>返還請求番号: YYYY-NNNNN (the year of issue and a serial).</summary>
    public string Number { get; set; } = string.Empty;

    /// <summary>The debtor (債務者): the payee who was paid.</summary>
    public long PayeeRecipientId { get; set; }

    /// <summary>調定額 (yen, positive).</summary>
    public long Amount { get; set; }

    /// <summary>納期限.</summary>
    public DateOnly DueDate { get; set; }

    public RecoveryStatus Status { get; set; }

    /// <summary>Why it was made (Japanese): 資格喪失, 職員の判断, 相殺されないまま N か月.</summary>
    public string Reason { get; set; } = string.Empty;

    public DateOnly IssuedOn { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>不納欠損額 (0 unless written off).</summary>
    public long WrittenOffAmount { get; set; }

    public string? WriteOffReason { get; set; }

    /// <summary>The 決裁 user who approved the write-off (never the one who made the 返還請求).</summary>
    public string? WrittenOffBy { get; set; }

    public DateTimeOffset? WrittenOffAt { get; set; }

    public long Version { get; set; }
}

/// <summary>One adjustment behind a <see cref="Recovery"/>: the part of it (positive yen) moved into the 返還請求.</summary>
public sealed class RecoveryItem
{
    public long Id { get; set; }

    public long RecoveryId { get; set; }

    public long PaymentAdjustmentId { get; set; }

    /// <summary>Yen owed back of that adjustment (its outstanding when moved, as a positive amount).</summary>
    public long Amount { get; set; }
}

/// <summary>戻入: a repayment received (partial or in full), recorded by 支払.</summary>
public sealed class RecoveryRepayment
{
    public long Id { get; set; }

    public long RecoveryId { get; set; }

    /// <summary>収納日.</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>Yen received (positive).</summary>
    public long Amount { get; set; }

    public string? Note { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>督促: a reminder sent for an overdue 返還請求, with the new 指定期限.</summary>
public sealed class RecoveryReminder
{
    public long Id { get; set; }

    public long RecoveryId { get; set; }

    public DateOnly SentOn { get; set; }

    /// <summary>指定期限 printed on the reminder.</summary>
    public DateOnly NewDueDate { get; set; }

    /// <summary>What was outstanding when sent.</summary>
    public long Outstanding { get; set; }

    public string SentBy { get; set; } = string.Empty;

    public DateTimeOffset SentAt { get; set; }
}

internal sealed class RecoveryConfiguration : IEntityTypeConfiguration<Recovery>
{
    public void Configure(EntityTypeBuilder<Recovery> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.CreatedBy).HasMaxLength(100);
        builder.Property(r => r.WriteOffReason).HasMaxLength(500);
        builder.Property(r => r.WrittenOffBy).HasMaxLength(100);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<Recipient>().WithMany().HasForeignKey(r => r.PayeeRecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => new { r.Status, r.DueDate });
        builder.HasIndex(r => r.PayeeRecipientId);
    }
}

internal sealed class RecoveryItemConfiguration : IEntityTypeConfiguration<RecoveryItem>
{
    public void Configure(EntityTypeBuilder<RecoveryItem> builder)
    {
        builder.HasOne<Recovery>().WithMany().HasForeignKey(i => i.RecoveryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentAdjustment>().WithMany().HasForeignKey(i => i.PaymentAdjustmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.PaymentAdjustmentId).IsUnique();
        builder.HasIndex(i => i.RecoveryId);
    }
}

internal sealed class RecoveryRepaymentConfiguration : IEntityTypeConfiguration<RecoveryRepayment>
{
    public void Configure(EntityTypeBuilder<RecoveryRepayment> builder)
    {
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
        builder.HasOne<Recovery>().WithMany().HasForeignKey(r => r.RecoveryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.RecoveryId);
    }
}

internal sealed class RecoveryReminderConfiguration : IEntityTypeConfiguration<RecoveryReminder>
{
    public void Configure(EntityTypeBuilder<RecoveryReminder> builder)
    {
        builder.Property(r => r.SentBy).HasMaxLength(100);
        builder.HasOne<Recovery>().WithMany().HasForeignKey(r => r.RecoveryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.RecoveryId);
    }
}
