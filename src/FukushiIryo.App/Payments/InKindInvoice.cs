using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Payments;

/// <summary>Where a 現物給付 請求書 stands.</summary>
public enum InKindInvoiceStatus
{
    /// <summary>記録済: entered (or corrected) and reconciled; may be entered again until approved.</summary>
    Recorded = 1,

    /// <summary>承認済 (支払決定): approved by 決裁; its accounting lines are written; never changed again.</summary>
    Approved = 2,
}

/// <summary>
/// 現物給付 請求書 (decisions.md D17, ADR 0032): what a 審査支払機関 (国保連 / 支払基金) bills the city for the
/// 現物給付 receipts of one 処理年月 — count and 助成額 — reconciled against our 審査 results of that
/// month's 現物給付 receipts, with its 審査支払手数料 from the <see cref="Masters.ClearinghouseFee"/> master.
/// One row per 機関 and month; the reconciliation's figures are stored with it (what was approved stays
/// as it was). Never deleted.
/// </summary>
public sealed class InKindInvoice : IVersionedAggregate
{
    public long Id { get; set; }

    /// <summary>処理年月 (YYYYMM).</summary>
    public int ProcessingMonth { get; set; }

    /// <summary>審査支払機関: <see cref="Masters.ClearinghouseFee.Kokuhoren"/> or <see cref="Masters.ClearinghouseFee.ShiharaiKikin"/>.</summary>
    public string Clearinghouse { get; set; } = string.Empty;

    /// <summary>請求件数 on the 請求書.</summary>
    public int InvoiceCount { get; set; }

    /// <summary>請求金額 (助成額) on the 請求書, yen.</summary>
    public long InvoiceAmount { get; set; }

    /// <summary>Our 現物給付 receipts of the month and 機関 whose 審査 is 可.</summary>
    public int OurCount { get; set; }

    /// <summary>Their 助成額 as we compute it (SubsidyComputation), yen.</summary>
    public long OurAmount { get; set; }

    /// <summary>Our receipts of the month and 機関 not 可 (否, 否認, 要確認, or not linked to a recipient).</summary>
    public int NotAcceptedCount { get; set; }

    /// <summary>審査支払手数料 per 件 (the master's row in force on the month's first day).</summary>
    public long FeePerClaim { get; set; }

    /// <summary>手数料 = <see cref="InvoiceCount"/> × <see cref="FeePerClaim"/>.</summary>
    public long FeeAmount { get; set; }

    /// <summary>The receipts behind the differences, as JSON [{"レセプト":id, "受給者番号":…, "理由":…, "助成額":…}].</summary>
    public string DifferencesJson { get; set; } = "[]";

    public InKindInvoiceStatus Status { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>振込予定日 / 支払日 of the settlement (the accounting lines' 支払日), set at approval.</summary>
    public DateOnly? PayDate { get; set; }

    public long Version { get; set; }

    /// <summary>件数の差 = 請求 − ours.</summary>
    public int CountDifference => InvoiceCount - OurCount;

    /// <summary>金額の差 = 請求 − ours.</summary>
    public long AmountDifference => InvoiceAmount - OurAmount;
}

internal sealed class InKindInvoiceConfiguration : IEntityTypeConfiguration<InKindInvoice>
{
    public void Configure(EntityTypeBuilder<InKindInvoice> builder)
    {
        builder.Property(i => i.Clearinghouse).HasMaxLength(20);
        builder.Property(i => i.RecordedBy).HasMaxLength(100);
        builder.Property(i => i.ApprovedBy).HasMaxLength(100);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.CountDifference);
        builder.Ignore(i => i.AmountDifference);
        builder.HasIndex(i => new { i.ProcessingMonth, i.Clearinghouse }).IsUnique();
    }
}
