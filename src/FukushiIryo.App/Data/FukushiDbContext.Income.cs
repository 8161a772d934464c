using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>The income masters (dated rows with shipped defaults) and the stored 所得判定.</summary>
public sealed partial class FukushiDbContext
{
    /// <summary>所得制限限度額 (Masters, decisions.md D4).</summary>
    public DbSet<IncomeLimit> IncomeLimits => Set<IncomeLimit>();

    /// <summary>所得判定の控除額 (Masters, decisions.md D19).</summary>
    public DbSet<IncomeDeduction> IncomeDeductions => Set<IncomeDeduction>();

    /// <summary>給与所得控除 by income year (Masters).</summary>
    public DbSet<SalaryDeductionBand> SalaryDeductionBands => Set<SalaryDeductionBand>();

    /// <summary>高額療養費 自己負担限度額 (Masters, decisions.md D5, D13).</summary>
    public DbSet<HighCostLimit> HighCostLimits => Set<HighCostLimit>();

    /// <summary>国保 高額療養費 区分 thresholds (Masters, decisions.md D5).</summary>
    public DbSet<HighCostIncomeBracket> HighCostIncomeBrackets => Set<HighCostIncomeBracket>();

    /// <summary>所得判定 results, kept (Income, decisions.md D9).</summary>
    public DbSet<IncomeDetermination> IncomeDeterminations => Set<IncomeDetermination>();
}
