using FukushiIryo.Formats.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Payments;

/// <summary>How a <see cref="ReturnedTransfer"/> was recorded.</summary>
public enum ReturnedTransferSource
{
    /// <summary>手入力: entered by staff from the bank's notice.</summary>
    Manual = 1,

    /// <summary>ファイル: imported from the bank's 振込不能 result file.</summary>
    File = 2,
}

/// <summary>
/// 振込不能 (ADR 0032): a transfer of an exported payment run that the bank returned. The paid claims stay
/// paid; the money is owed again through a <see cref="PaymentAdjustment"/> (再振込, held until the payee's
/// account is corrected, then released to the next run). Never deleted; the account as transferred is kept.
/// </summary>
public sealed class ReturnedTransfer
{
    public long Id { get; set; }

    public long PaymentRunId { get; set; }

    /// <summary>処理年月 of the run (YYYYMM).</summary>
    public int ProcessingMonth { get; set; }

    /// <summary>振込指定日 of the run.</summary>
    public DateOnly PayDate { get; set; }

    /// <summary>The run's payee row that was returned.</summary>
    public long PaymentPayeeId { get; set; }

    public long PayeeRecipientId { get; set; }

    /// <summary>受給者番号 of the payee (顧客コード1).</summary>
    public string RecipientNumber { get; set; } = string.Empty;

    /// <summary>The account transferred to (the run's snapshot).</summary>
    public string BankCode { get; set; } = string.Empty;

    public string BranchCode { get; set; } = string.Empty;

    public string AccountNumber { get; set; } = string.Empty;

    /// <summary>The amount returned, yen: the payee's whole transfer.</summary>
    public long Amount { get; set; }

    public ReturnedTransferReason Reason { get; set; }

    /// <summary>Staff's note (その他 and anything the bank wrote).</summary>
    public string? Note { get; set; }

    public ReturnedTransferSource Source { get; set; }

    /// <summary>For a file: its name and SHA-256 and the row's line.</summary>
    public string? FileName { get; set; }

    public string? FileSha256 { get; set; }

    public long? FileLine { get; set; }

    /// <summary>The 再振込 owed again (Kind Retransfer, SourceType <see cref="AdjustmentSourceType"/>).</summary>
    public long PaymentAdjustmentId { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who released the 再振込 to the next run, once the account was corrected.</summary>
    public string? ReleasedBy { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>The <see cref="PaymentAdjustment.SourceType"/> of the 再振込 of a returned transfer.</summary>
    public const string AdjustmentSourceType = "returned-transfer";
}

internal sealed class ReturnedTransferConfiguration : IEntityTypeConfiguration<ReturnedTransfer>
{
    public void Configure(EntityTypeBuilder<ReturnedTransfer> builder)
    {
        builder.Property(r => r.RecipientNumber).HasMaxLength(20);
        builder.Property(r => r.BankCode).HasMaxLength(4);
        builder.Property(r => r.BranchCode).HasMaxLength(3);
        builder.Property(r => r.AccountNumber).HasMaxLength(7);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.Property(r => r.FileName).HasMaxLength(260);
        builder.Property(r => r.FileSha256).HasMaxLength(64);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
        builder.Property(r => r.ReleasedBy).HasMaxLength(100);
        builder.HasOne<PaymentRun>().WithMany().HasForeignKey(r => r.PaymentRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentPayee>().WithMany().HasForeignKey(r => r.PaymentPayeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentAdjustment>().WithMany().HasForeignKey(r => r.PaymentAdjustmentId).OnDelete(DeleteBehavior.Restrict);
        // A transfer comes back once: one return per run and payee.
        builder.HasIndex(r => new { r.PaymentRunId, r.PayeeRecipientId }).IsUnique();
        builder.HasIndex(r => r.PayeeRecipientId);
    }
}
