using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Linkage;

/// <summary>Where a 資格喪失候補 stands in the staff's work list.</summary>
public enum LossCandidateStatus
{
    /// <summary>未確認: waiting for staff.</summary>
    Open = 1,

    /// <summary>確認済: staff confirmed the candidate and recorded the loss.</summary>
    Resolved = 2,

    /// <summary>取下げ: staff looked and found nothing to lose (the reason is kept).</summary>
    Dismissed = 3,
}

/// <summary>
/// 資格喪失候補: a 住基 change that may end a recipient's eligibility (転出, 死亡, 婚姻, a new
/// 妻（未届）/夫（未届） in the household: interfaces.md §1). Nothing is lost automatically; staff
/// look at each candidate and decide.
/// </summary>
public sealed class LossCandidate
{
    public long Id { get; set; }

    public long RecipientId { get; set; }

    /// <summary>The person whose 住基 row raised the candidate (the recipient, or the new partner).</summary>
    public long PersonId { get; set; }

    /// <summary>異動事由 (転出, 死亡, 婚姻) or 続柄 (妻（未届）, 夫（未届）).</summary>
    public string Cause { get; set; } = string.Empty;

    public DateOnly? EventDate { get; set; }

    public long ImportedFileId { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public LossCandidateStatus Status { get; set; }

    /// <summary>When staff confirmed or dismissed the candidate (UTC).</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The login of the staff member who confirmed or dismissed it.</summary>
    public string? ResolvedBy { get; set; }

    /// <summary>What staff decided: the cause and 喪失日 recorded, or the reason for dismissing it.</summary>
    public string? Resolution { get; set; }
}

internal sealed class LossCandidateConfiguration : IEntityTypeConfiguration<LossCandidate>
{
    public void Configure(EntityTypeBuilder<LossCandidate> builder)
    {
        builder.HasIndex(c => new { c.Status, c.RecipientId });
        builder.Property(c => c.Cause).HasMaxLength(20);
        builder.Property(c => c.ResolvedBy).HasMaxLength(100);
        builder.Property(c => c.Resolution).HasMaxLength(500);
        builder.HasOne<Eligibility.Recipient>().WithMany().HasForeignKey(c => c.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<People.Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Importing.ImportedFile>().WithMany().HasForeignKey(c => c.ImportedFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
