using FukushiIryo.App.Income;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>養育費の申告, recorded by staff apart from the imported 地方税関係情報 (ADR 0007).</summary>
public sealed partial class FukushiDbContext
{
    public DbSet<ChildSupportDeclaration> ChildSupportDeclarations => Set<ChildSupportDeclaration>();
}
