using FukushiIryo.App.MedicalClaims;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

public sealed partial class FukushiDbContext
{
    public DbSet<MedicalClaim> MedicalClaims => Set<MedicalClaim>();
}
