using FukushiIryo.App.Receipts;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

public sealed partial class FukushiDbContext
{
    public DbSet<Receipt> Receipts => Set<Receipt>();
}
