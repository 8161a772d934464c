using FukushiIryo.App.Masters;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>The masters of 支払 (Payments).</summary>
public sealed partial class FukushiDbContext
{
    /// <summary>一部負担金 (Masters, decisions.md D1).</summary>
    public DbSet<CopaymentRule> CopaymentRules => Set<CopaymentRule>();

    /// <summary>附加給付 (Masters, decisions.md D6).</summary>
    public DbSet<InsurerExtraBenefit> InsurerExtraBenefits => Set<InsurerExtraBenefit>();

    /// <summary>審査支払手数料 (Masters, decisions.md D17).</summary>
    public DbSet<ClearinghouseFee> ClearinghouseFees => Set<ClearinghouseFee>();
}
