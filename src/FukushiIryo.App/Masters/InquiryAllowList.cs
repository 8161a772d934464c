using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Masters;

/// <summary>
/// 照会許可照合リスト (InquiryAllowList, 評価書 III-6 and pia-controls P15): one 情報照会 the welfare
/// side may make through the 情報提供ネットワークシステム — a 事務 × 特定個人情報 with its 根拠条文 and
/// the body that provides it — for a validity period. An inquiry that matches no row in force on its
/// day is refused (<see cref="Linkage.NetworkInquiries"/>).
/// </summary>
public sealed class InquiryAllowListRow : DatedMasterRow
{
    /// <summary>事務: the 事務 the inquiry is made for (番号利用条例 別表第1 の項の事務).</summary>
    public string Procedure { get; set; } = string.Empty;

    /// <summary>特定個人情報: the kind of information asked for (地方税関係情報, 医療保険関係情報 …).</summary>
    public string InformationItem { get; set; } = string.Empty;

    /// <summary>情報提供者: the body that holds the information (他の市町村, 医療保険者 …).</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>根拠条文: the legal basis (番号利用法 第19条第9号, 規則, 条例 別表 …).</summary>
    public string LegalBasis { get; set; } = string.Empty;
}

internal sealed class InquiryAllowListRowConfiguration : IEntityTypeConfiguration<InquiryAllowListRow>
{
    public void Configure(EntityTypeBuilder<InquiryAllowListRow> builder)
    {
        builder.ConfigureDated();
        builder.Property(r => r.Procedure).HasMaxLength(100);
        builder.Property(r => r.InformationItem).HasMaxLength(100);
        builder.Property(r => r.Provider).HasMaxLength(100);
        builder.Property(r => r.LegalBasis).HasMaxLength(400);
        builder.HasIndex(r => new { r.Procedure, r.InformationItem, r.ValidFrom });
    }
}

/// <summary>Loads the 照会許可照合リスト and its shipped defaults.</summary>
public static class InquiryMasters
{
    /// <summary>
    /// The allow-list rows in force on <paramref name="date"/> for <paramref name="procedure"/> ×
    /// <paramref name="informationItem"/> (exact, ordinal): none means the inquiry is not allowed.
    /// </summary>
    public static Task<List<InquiryAllowListRow>> AllowedInquiriesOnAsync(this FukushiDbContext db, string procedure, string informationItem, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.InquiryAllowList.AsNoTracking()
            .Where(row => row.Procedure == procedure && row.InformationItem == informationItem)
            .ValidOn(date)
            .OrderBy(row => row.ValidFrom)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The shipped rows (Masters/Defaults/inquiry-allow-list.json) when the master is empty, added to the context (the caller saves). Returns how many.</summary>
    public static async Task<int> AddMissingDefaultsAsync(FukushiDbContext db, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.InquiryAllowList.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var rows = await InquiryAllowListDefaultsAsync(cancellationToken).ConfigureAwait(false);
        db.InquiryAllowList.AddRange(rows.Select(row => MasterDefaults.Stamp(row, createdAt)));
        return rows.Count;
    }

    /// <summary>The shipped 照会許可照合リスト rows, not yet stamped.</summary>
    public static Task<IReadOnlyList<InquiryAllowListRow>> InquiryAllowListDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<InquiryAllowListRow>("inquiry-allow-list.json", cancellationToken);
}
