using FukushiIryo.App.Data;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Payments;
using FukushiIryo.Domain.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Payments;

/// <summary>Where a monthly payment run (支払処理) stands.</summary>
public enum PaymentRunStatus
{
    /// <summary>準備済: computed, not yet decided; may be prepared again.</summary>
    Prepared = 1,

    /// <summary>承認済 (支払決定): decided by 決裁; its claims are paid; never run again.</summary>
    Approved = 2,

    /// <summary>出力済: the files were written at least once (an export may be repeated, byte-identical).</summary>
    Exported = 3,
}

/// <summary>
/// 支払処理 of one 処理年月 (interfaces.md §6–§7): prepared by 支払, approved by 決裁 (another user),
/// exported. One row per month. Each preparation numbers its lines and payees
/// (<see cref="Preparation"/>): the current ones are those of the run's number, earlier ones stay as
/// they were (nothing is deleted).
/// </summary>
public sealed class PaymentRun : IVersionedAggregate
{
    public long Id { get; set; }

    /// <summary>処理年月 as YYYYMM (unique).</summary>
    public int ProcessingMonth { get; set; }

    /// <summary>振込指定日: a bank business day (decisions.md D15).</summary>
    public DateOnly PayDate { get; set; }

    public PaymentRunStatus Status { get; set; }

    /// <summary>The number of the current preparation (1, 2, …).</summary>
    public int Preparation { get; set; }

    public string PreparedBy { get; set; } = string.Empty;

    public DateTimeOffset PreparedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public string? ExportedBy { get; set; }

    public DateTimeOffset? ExportedAt { get; set; }

    /// <summary>Claims paid (lines of payees not held out).</summary>
    public int ClaimCount { get; set; }

    /// <summary>Payees in the transfer file.</summary>
    public int PayeeCount { get; set; }

    /// <summary>The sum paid, yen.</summary>
    public long TotalAmount { get; set; }

    /// <summary>Payees held out (no account, unknown bank or branch, an unwritable name).</summary>
    public int HeldOutPayeeCount { get; set; }

    /// <summary>The sum held out, yen (paid in a later run once the account is put right).</summary>
    public long HeldOutAmount { get; set; }

    /// <summary>現物給付 claims left out: settled with the 審査支払機関 (D17).</summary>
    public int InKindClaimCount { get; set; }

    /// <summary>Claims whose 助成額 is 0 (kept as lines, nothing transferred for them).</summary>
    public int ZeroClaimCount { get; set; }

    /// <summary>Adjustments (支払調整: 再振込, 過誤調整) applied to payees not held out.</summary>
    public int AdjustmentCount { get; set; }

    /// <summary>Their signed sum, yen (included in <see cref="TotalAmount"/>).</summary>
    public long AdjustmentTotal { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// One payee (支払先) of a preparation: the parent or carer a child's subsidy goes to (interfaces.md §5),
/// with the account as the ledger held it at preparation (a snapshot), the 受取人名 as the 全銀 file writes
/// it, the total and the change from the last approved month. A held-out payee is not in the transfer
/// file and its claims stay unpaid.
/// </summary>
public sealed class PaymentPayee
{
    public long Id { get; set; }

    public long PaymentRunId { get; set; }

    public int Preparation { get; set; }

    /// <summary>The recipient paid: a parent or carer, or an orphan without a recipient carer.</summary>
    public long PayeeRecipientId { get; set; }

    /// <summary>受給者番号 of the payee (顧客コード1).</summary>
    public string RecipientNumber { get; set; } = string.Empty;

    /// <summary>宛名番号 of the payee.</summary>
    public string AtenaNumber { get; set; } = string.Empty;

    public string? BankCode { get; set; }

    /// <summary>被仕向銀行名: the master's kana in 全銀 half-width, at most 15 bytes.</summary>
    public string? BankName { get; set; }

    public string? BranchCode { get; set; }

    /// <summary>被仕向支店名: the master's kana in 全銀 half-width, at most 15 bytes.</summary>
    public string? BranchName { get; set; }

    public AccountType? AccountType { get; set; }

    public string? AccountNumber { get; set; }

    /// <summary>口座名義カナ as the ledger holds it.</summary>
    public string? AccountHolderKana { get; set; }

    /// <summary>受取人名: <see cref="AccountHolderKana"/> normalised for the 全銀 file, at most 30 bytes.</summary>
    public string? PayeeName { get; set; }

    /// <summary>What is transferred: the claims' 助成額 plus <see cref="AdjustmentAmount"/> (never negative).</summary>
    public long Amount { get; set; }

    /// <summary>The signed sum of the adjustments (支払調整) applied to this payee in this preparation.</summary>
    public long AdjustmentAmount { get; set; }

    public int ClaimCount { get; set; }

    /// <summary>What the payee was paid in the last approved month before this one; null = not paid then.</summary>
    public long? PreviousAmount { get; set; }

    public bool HeldOut { get; set; }

    /// <summary>Why the payee is held out (Japanese, for staff).</summary>
    public string? HeldOutReason { get; set; }
}

/// <summary>
/// One paid claim (支払明細) of a preparation: the claim, its recipient and payee, the copayment group and
/// every amount of the <see cref="SubsidyResult"/>, with its steps as JSON.
/// </summary>
public sealed class PaymentLine
{
    public long Id { get; set; }

    public long PaymentRunId { get; set; }

    public int Preparation { get; set; }

    public long MedicalClaimId { get; set; }

    public long RecipientId { get; set; }

    public long PayeeRecipientId { get; set; }

    /// <summary>処理年月 of the claim (YYYYMM): M or earlier.</summary>
    public int ClaimProcessingMonth { get; set; }

    /// <summary>診療年月 (YYYYMM).</summary>
    public int ServiceMonth { get; set; }

    public string ProviderCode { get; set; } = string.Empty;

    public ClaimKind Kind { get; set; }

    public bool LongTerm { get; set; }

    public long TotalCost { get; set; }

    public long SelfPay { get; set; }

    public bool SelfPayDerived { get; set; }

    public long LongTermReduction { get; set; }

    public long HighCostRefund { get; set; }

    public bool HighCostEstimated { get; set; }

    public long ExtraBenefit { get; set; }

    public bool ExtraBenefitEstimated { get; set; }

    public long OtherPublicAmount { get; set; }

    public long MealAmount { get; set; }

    public long Target { get; set; }

    public long Copayment { get; set; }

    public long Subsidy { get; set; }

    /// <summary>The steps (項目, 金額) as a JSON array.</summary>
    public string StepsJson { get; set; } = "[]";
}

/// <summary>
/// 支払済: a claim paid by an approved run. Its key is the claim: the database itself refuses to pay a
/// claim twice. Written at approval, in the approval's transaction.
/// </summary>
public sealed class PaidClaim
{
    public long MedicalClaimId { get; set; }

    public long PaymentRunId { get; set; }

    public long PaymentLineId { get; set; }
}

internal sealed class PaymentRunConfiguration : IEntityTypeConfiguration<PaymentRun>
{
    public void Configure(EntityTypeBuilder<PaymentRun> builder)
    {
        builder.HasIndex(r => r.ProcessingMonth).IsUnique();
        builder.Property(r => r.PreparedBy).HasMaxLength(100);
        builder.Property(r => r.ApprovedBy).HasMaxLength(100);
        builder.Property(r => r.ExportedBy).HasMaxLength(100);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class PaymentPayeeConfiguration : IEntityTypeConfiguration<PaymentPayee>
{
    public void Configure(EntityTypeBuilder<PaymentPayee> builder)
    {
        builder.Property(p => p.RecipientNumber).HasMaxLength(20);
        builder.Property(p => p.AtenaNumber).HasMaxLength(20);
        builder.Property(p => p.BankCode).HasMaxLength(4);
        builder.Property(p => p.BankName).HasMaxLength(15);
        builder.Property(p => p.BranchCode).HasMaxLength(3);
        builder.Property(p => p.BranchName).HasMaxLength(15);
        builder.Property(p => p.AccountNumber).HasMaxLength(7);
        builder.Property(p => p.AccountHolderKana).HasMaxLength(100);
        builder.Property(p => p.PayeeName).HasMaxLength(30);
        builder.Property(p => p.HeldOutReason).HasMaxLength(300);
        builder.HasOne<PaymentRun>().WithMany().HasForeignKey(p => p.PaymentRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.PaymentRunId, p.Preparation, p.PayeeRecipientId }).IsUnique();
    }
}

internal sealed class PaymentLineConfiguration : IEntityTypeConfiguration<PaymentLine>
{
    public void Configure(EntityTypeBuilder<PaymentLine> builder)
    {
        builder.Property(l => l.ProviderCode).HasMaxLength(10);
        builder.HasOne<PaymentRun>().WithMany().HasForeignKey(l => l.PaymentRunId).OnDelete(DeleteBehavior.Restrict);
        // No foreign key to MedicalClaims, and no index on MedicalClaimId alone (it served that key's check when a
        // claim is deleted; no query reads lines by claim, they go through PaidClaims or the run): the preparation
        // writes a line only for a claim it has just selected in its transaction, claims are never deleted, and
        // the claim a line pays is guarded where it matters, by PaidClaims' own key to MedicalClaims at
        // approval. The per-row check (and the row lock it takes on every claim) and the index cost the
        // preparation's COPY ≈ 1.5 s of server CPU at 250,000 lines (ADR 0023, session 8).
        builder.HasIndex(l => new { l.PaymentRunId, l.Preparation, l.MedicalClaimId }).IsUnique();
        builder.HasIndex(l => new { l.RecipientId, l.ServiceMonth });
    }
}

internal sealed class PaidClaimConfiguration : IEntityTypeConfiguration<PaidClaim>
{
    public void Configure(EntityTypeBuilder<PaidClaim> builder)
    {
        builder.HasKey(p => p.MedicalClaimId);
        builder.Property(p => p.MedicalClaimId).ValueGeneratedNever();
        builder.HasOne<MedicalClaim>().WithMany().HasForeignKey(p => p.MedicalClaimId).OnDelete(DeleteBehavior.Restrict);
        // No foreign key to PaymentRuns: PaymentRunId is the run of the paid line, which its own key to
        // PaymentRuns already guards (the approval writes both from the same line). A third check per paid
        // claim cost the approval's INSERT a quarter of its time (ADR 0023, session 6).
        builder.HasOne<PaymentLine>().WithMany().HasForeignKey(p => p.PaymentLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PaymentRunId);
    }
}
