using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

public sealed partial class FukushiDbContext
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
}
