using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Renewals;

/// <summary>更新の種類: the August 年度切替更新 or the April 年齢区分更新.</summary>
public enum RenewalKind
{
    /// <summary>年度切替更新 (8月).</summary>
    August = 1,

    /// <summary>年齢区分更新 (4月).</summary>
    April = 2,
}

/// <summary>Where one household stands in a renewal run.</summary>
public enum RenewalItemState
{
    /// <summary>対象: listed, no form sent yet.</summary>
    Listed = 1,

    /// <summary>送付済: the renewal form went out.</summary>
    FormSent = 2,

    /// <summary>返送済: the form came back (recorded on the fast entry screen).</summary>
    Returned = 3,

    /// <summary>決定済: the decide step processed the household (see <see cref="RenewalItem.Outcome"/>).</summary>
    Decided = 4,
}

/// <summary>What the decide step did to one household.</summary>
public enum RenewalOutcome
{
    /// <summary>更新: new 有効期間 and 受給資格証 for the eligible members.</summary>
    Renewed = 1,

    /// <summary>所得超過: the household lost its eligibility on 8/1.</summary>
    IncomeOverLimit = 2,

    /// <summary>更新未提出: no form returned by the end of the grace period; lost on 8/1.</summary>
    NotSubmitted = 3,

    /// <summary>年齢区分変更: new 受給資格証 because a child moved to another age bracket (April).</summary>
    BracketChanged = 4,

    /// <summary>年齢到達: a child reached the 18歳年度末 (and the parent, when no child is left, 対象児童なし).</summary>
    AgeLimit = 5,

    /// <summary>変更なし: nothing to change (April).</summary>
    Unchanged = 6,
}

/// <summary>
/// One renewal (更新) of a kind and a year: the August 年度切替更新 of 8/1/<see cref="Year"/> or the
/// April 年齢区分更新 of 4/1/<see cref="Year"/> (ADR 0019). Its households are its
/// <see cref="RenewalItem"/> rows; there is one run per kind and year.
/// </summary>
public sealed class RenewalRun
{
    public long Id { get; set; }

    public RenewalKind Kind { get; set; }

    /// <summary>The calendar year of the 8/1 (August) or of the 4/1 (April) the renewal takes effect.</summary>
    public int Year { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>The last forms step (null: never run).</summary>
    public DateTimeOffset? FormsRunAt { get; set; }

    /// <summary>The last decide step (null: never run).</summary>
    public DateTimeOffset? DecideRunAt { get; set; }

    public string? DecideRunBy { get; set; }
}

/// <summary>
/// One household (福祉世帯, by its head: the parent or carer, or an orphan without a recipient carer)
/// in a <see cref="RenewalRun"/>, with its state. A household is processed in its own transaction,
/// so a crash leaves each item either decided or not; a rerun skips the decided ones.
/// </summary>
public sealed class RenewalItem
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>The head recipient (親受給者, or the orphan).</summary>
    public long HeadRecipientId { get; set; }

    /// <summary>The head's 受給者番号, as listed (for the result list and the fast entry).</summary>
    public string HeadRecipientNumber { get; set; } = string.Empty;

    public RenewalItemState State { get; set; }

    /// <summary>When the renewal form was sent (forms step).</summary>
    public DateTimeOffset? FormSentAt { get; set; }

    /// <summary>受付日 of the returned form.</summary>
    public DateOnly? ReturnedOn { get; set; }

    public DateTimeOffset? ReturnedAt { get; set; }

    public string? ReturnedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public RenewalOutcome? Outcome { get; set; }

    /// <summary>New 受給資格証 (new 有効期間 or 公費負担者番号) the decision gave the household's recipients.</summary>
    public int Certificates { get; set; }

    /// <summary>Recipients of the household who lost their eligibility in the decision.</summary>
    public int Losses { get; set; }

    /// <summary>Why a household was held or a member left out, in Japanese (for the result list); null when nothing to say.</summary>
    public string? Note { get; set; }

    /// <summary>When the household's new 受給資格証 were printed in a batch print of the run (null: not yet).</summary>
    public DateTimeOffset? CertificatesPrintedAt { get; set; }

    /// <summary>When the household's 喪失通知書 was printed in a batch print of the run (null: not yet).</summary>
    public DateTimeOffset? NoticePrintedAt { get; set; }
}

internal sealed class RenewalRunConfiguration : IEntityTypeConfiguration<RenewalRun>
{
    public void Configure(EntityTypeBuilder<RenewalRun> builder)
    {
        builder.HasIndex(r => new { r.Kind, r.Year }).IsUnique();
        builder.Property(r => r.CreatedBy).HasMaxLength(100);
        builder.Property(r => r.DecideRunBy).HasMaxLength(100);
    }
}

internal sealed class RenewalItemConfiguration : IEntityTypeConfiguration<RenewalItem>
{
    public void Configure(EntityTypeBuilder<RenewalItem> builder)
    {
        builder.HasOne<RenewalRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Eligibility.Recipient>().WithMany().HasForeignKey(i => i.HeadRecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.RunId, i.HeadRecipientId }).IsUnique();
        builder.HasIndex(i => new { i.RunId, i.State });
        builder.Property(i => i.HeadRecipientNumber).HasMaxLength(7);
        builder.Property(i => i.ReturnedBy).HasMaxLength(100);
        builder.Property(i => i.DecidedBy).HasMaxLength(100);
        builder.Property(i => i.Note).HasMaxLength(1000);
    }
}
