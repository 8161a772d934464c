using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.DataUse;

/// <summary>Where a データ利用申請 stands.</summary>
public enum DataUseRequestStatus
{
    /// <summary>申請中.</summary>
    Requested = 1,

    /// <summary>承認: the requester may open the view until <see cref="DataUseRequest.AccessUntil"/>.</summary>
    Approved = 2,

    /// <summary>不承認.</summary>
    Rejected = 3,
}

/// <summary>
/// データ利用申請 (DataUseRequest, pia-controls P14): a staff member of another section (利用部署) asks
/// to see one view of the fixed catalogue (<see cref="DataUseViews"/>), only some of its items, only
/// the records of a period, on a stated legal basis; a 決裁 holder other than the requester approves;
/// the requester then sees just that (read-only) until <see cref="AccessUntil"/>. Never deleted.
/// </summary>
public sealed class DataUseRequest
{
    public long Id { get; set; }

    /// <summary>The requester's login: the only account that may open the approved view.</summary>
    public string RequestedBy { get; set; } = string.Empty;

    /// <summary>利用部署: the section the requester works for.</summary>
    public string Section { get; set; } = string.Empty;

    /// <summary>The view of <see cref="DataUseViews"/> asked for.</summary>
    public string ViewKey { get; set; } = string.Empty;

    /// <summary>The items of the view asked for, by key, comma-separated in the view's order.</summary>
    public string Items { get; set; } = string.Empty;

    /// <summary>The period of the records (first day, inclusive).</summary>
    public DateOnly RecordsFrom { get; set; }

    /// <summary>The period of the records (last day, inclusive).</summary>
    public DateOnly RecordsTo { get; set; }

    /// <summary>法的根拠: the provision that allows the section to use the data.</summary>
    public string LegalBasis { get; set; } = string.Empty;

    /// <summary>利用目的.</summary>
    public string Purpose { get; set; } = string.Empty;

    /// <summary>閲覧期限: the last day (JST, inclusive) the approved view may be opened.</summary>
    public DateOnly AccessUntil { get; set; }

    public DataUseRequestStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>決裁の所見 (required when not approved).</summary>
    public string? DecisionNote { get; set; }

    /// <summary>The item keys asked for.</summary>
    public IReadOnlyList<string> ItemKeys => Items.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class DataUseRequestConfiguration : IEntityTypeConfiguration<DataUseRequest>
{
    public void Configure(EntityTypeBuilder<DataUseRequest> builder)
    {
        builder.Ignore(r => r.ItemKeys);
        builder.HasIndex(r => new { r.RequestedBy, r.Status });
        builder.HasIndex(r => r.Status);
        builder.Property(r => r.RequestedBy).HasMaxLength(100);
        builder.Property(r => r.Section).HasMaxLength(100);
        builder.Property(r => r.ViewKey).HasMaxLength(40);
        builder.Property(r => r.Items).HasMaxLength(400);
        builder.Property(r => r.LegalBasis).HasMaxLength(400);
        builder.Property(r => r.Purpose).HasMaxLength(1000);
        builder.Property(r => r.DecidedBy).HasMaxLength(100);
        builder.Property(r => r.DecisionNote).HasMaxLength(1000);
    }
}
