using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.People;

/// <summary>
/// 問合せ記録 (評価書 P20): who asked, about whom, when, and what staff answered. Append-only: a
/// record is never edited or deleted.
/// </summary>
public sealed class Inquiry
{
    public long Id { get; set; }

    /// <summary>The person asked about.</summary>
    public long PersonId { get; set; }

    /// <summary>問合せ者: who asked (本人, 母, 医療機関, 他課 …) as staff write it.</summary>
    public string Inquirer { get; set; } = string.Empty;

    /// <summary>受付方法: 窓口, 電話 or 文書.</summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary>When the question was asked (UTC).</summary>
    public DateTimeOffset AskedAt { get; set; }

    /// <summary>問合せ内容.</summary>
    public string Question { get; set; } = string.Empty;

    /// <summary>回答内容: what was answered (what was disclosed).</summary>
    public string Answer { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = string.Empty;
}

internal sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> builder)
    {
        builder.HasIndex(i => new { i.PersonId, i.AskedAt });
        builder.Property(i => i.Inquirer).HasMaxLength(100);
        builder.Property(i => i.Channel).HasMaxLength(10);
        builder.Property(i => i.Question).HasMaxLength(2000);
        builder.Property(i => i.Answer).HasMaxLength(2000);
        builder.Property(i => i.RecordedBy).HasMaxLength(100);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
