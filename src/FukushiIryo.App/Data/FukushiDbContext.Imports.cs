using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

public sealed partial class FukushiDbContext
{
    public DbSet<ImportedFile> ImportedFiles => Set<ImportedFile>();

    public DbSet<LossCandidate> LossCandidates => Set<LossCandidate>();
}
