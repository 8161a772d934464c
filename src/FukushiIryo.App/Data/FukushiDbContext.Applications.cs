using FukushiIryo.App.Applications;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>Applications (申請) with their children, and the number sequences (受付番号, 受給者番号).</summary>
public sealed partial class FukushiDbContext
{
    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationChild> ApplicationChildren => Set<ApplicationChild>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    /// <summary>電子申請 received, their payload (without 個人番号) kept until registered (ADR 0029).</summary>
    public DbSet<EApplication> EApplications => Set<EApplication>();
}
