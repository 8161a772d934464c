using FukushiIryo.App.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Linkage;

/// <summary>Where a 情報照会 stands.</summary>
public enum NetworkInquiryStatus
{
    /// <summary>照会中: recorded, the answer not yet entered.</summary>
    Requested = 1,

    /// <summary>回答済: the answer that came back was entered.</summary>
    Answered = 2,
}

/// <summary>
/// 情報照会 (NetworkInquiry, pia-controls P15): an inquiry to another body through the
/// 情報提供ネットワークシステム, recorded only when the 照会許可照合リスト allowed it on its day; the answer
/// is entered by staff when it comes back (there is no live connection, ADR 0030). The person is
/// named by 宛名番号: the 個人番号 stays in the 宛名 module. Never deleted; the answer is entered once.
/// </summary>
public sealed class NetworkInquiry
{
    public long Id { get; set; }

    /// <summary>The person the inquiry is about.</summary>
    public long PersonId { get; set; }

    /// <summary>事務 (as on the allow-list row).</summary>
    public string Procedure { get; set; } = string.Empty;

    /// <summary>特定個人情報 asked for (as on the allow-list row).</summary>
    public string InformationItem { get; set; } = string.Empty;

    /// <summary>情報提供者 of the allow-list row.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>根拠条文 of the allow-list row, copied so the record keeps the basis it was made under.</summary>
    public string LegalBasis { get; set; } = string.Empty;

    /// <summary>The allow-list row that allowed it.</summary>
    public long AllowListRowId { get; set; }

    /// <summary>照会の目的 (what the answer is needed for: 所得判定, 資格の確認 …).</summary>
    public string Purpose { get; set; } = string.Empty;

    public NetworkInquiryStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string RequestedBy { get; set; } = string.Empty;

    /// <summary>照会結果: what came back, as staff enter it (null while 照会中).</summary>
    public string? Result { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string? AnsweredBy { get; set; }
}

internal sealed class NetworkInquiryConfiguration : IEntityTypeConfiguration<NetworkInquiry>
{
    public void Configure(EntityTypeBuilder<NetworkInquiry> builder)
    {
        builder.HasIndex(i => new { i.PersonId, i.RequestedAt });
        builder.HasIndex(i => i.Status);
        builder.Property(i => i.Procedure).HasMaxLength(100);
        builder.Property(i => i.InformationItem).HasMaxLength(100);
        builder.Property(i => i.Provider).HasMaxLength(100);
        builder.Property(i => i.LegalBasis).HasMaxLength(400);
        builder.Property(i => i.Purpose).HasMaxLength(500);
        builder.Property(i => i.RequestedBy).HasMaxLength(100);
        builder.Property(i => i.Result).HasMaxLength(2000);
        builder.Property(i => i.AnsweredBy).HasMaxLength(100);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Masters.InquiryAllowListRow>().WithMany().HasForeignKey(i => i.AllowListRowId).OnDelete(DeleteBehavior.Restrict);
    }
}
