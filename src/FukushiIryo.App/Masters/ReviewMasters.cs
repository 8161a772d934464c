using System.Globalization;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Masters;

/// <summary>
/// 請求期限 (claim deadline) of the 審査 rule R08: a claim is out of time when its 処理年月 is later
/// than its 診療月 plus <see cref="Months"/>. One row per period, keyed by the 処理年月's first day.
/// </summary>
public sealed class ClaimDeadline : DatedMasterRow
{
    /// <summary>請求期限 in months after the 診療月 (the shipped default: 60, an assumption to confirm).</summary>
    public int Months { get; set; }
}

internal sealed class ClaimDeadlineConfiguration : IEntityTypeConfiguration<ClaimDeadline>
{
    public void Configure(EntityTypeBuilder<ClaimDeadline> builder)
    {
        builder.ConfigureDated();
        builder.HasIndex(r => r.ValidFrom);
    }
}

/// <summary>Loads the masters of 審査 (Review) and their shipped defaults.</summary>
public static class ReviewMasters
{
    /// <summary>The 請求期限 in months in force on <paramref name="date"/> (the first day of the 処理年月).</summary>
    /// <exception cref="MasterDataMissingException">no row, or two, in force that day.</exception>
    public static async Task<int> ClaimDeadlineMonthsOnAsync(this FukushiDbContext db, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.ClaimDeadlines.AsNoTracking().ValidOn(date).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count switch
        {
            1 => rows[0].Months,
            0 => throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"請求期限マスタに、{date:yyyy-MM-dd} に有効な行がありません。")),
            _ => throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"請求期限マスタに、{date:yyyy-MM-dd} に有効な行が2つ以上あります。")),
        };
    }

    /// <summary>The shipped 請求期限 (Masters/Defaults/claim-deadlines.json) when the master is empty, added to the context (the caller saves). Returns how many.</summary>
    public static async Task<int> AddMissingDefaultsAsync(FukushiDbContext db, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.ClaimDeadlines.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var rows = await ClaimDeadlineDefaultsAsync(cancellationToken).ConfigureAwait(false);
        db.ClaimDeadlines.AddRange(rows.Select(row => MasterDefaults.Stamp(row, createdAt)));
        return rows.Count;
    }

    /// <summary>The shipped 請求期限 rows, not yet stamped.</summary>
    public static Task<IReadOnlyList<ClaimDeadline>> ClaimDeadlineDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<ClaimDeadline>("claim-deadlines.json", cancellationToken);
}
