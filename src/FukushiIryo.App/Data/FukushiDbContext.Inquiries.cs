using FukushiIryo.App.People;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>問合せ記録 (P20): append-only.</summary>
public sealed partial class FukushiDbContext
{
    public DbSet<Inquiry> Inquiries => Set<Inquiry>();
}
