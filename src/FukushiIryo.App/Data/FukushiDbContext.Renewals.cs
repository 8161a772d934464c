using FukushiIryo.App.Renewals;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>更新 (Renewals): the August 年度切替更新 and the April 年齢区分更新.</summary>
public sealed partial class FukushiDbContext
{
    public DbSet<RenewalRun> RenewalRuns => Set<RenewalRun>();

    public DbSet<RenewalItem> RenewalItems => Set<RenewalItem>();
}
