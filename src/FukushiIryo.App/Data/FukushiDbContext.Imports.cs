using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

public sealed partial class FukushiDbContext
{
    public DbSet<ImportedFile> ImportedFiles => Set<ImportedFile>();

    public DbSet<LossCandidate> LossCandidates => Set<LossCandidate>();

    /// <summary>住基異動 of recipients per residents import (the 住基異動 screen, ADR 0029).</summary>
    public DbSet<ResidentChange> ResidentChanges => Set<ResidentChange>();
}
