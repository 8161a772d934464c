using FukushiIryo.App.Payments;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>支払処理 (Payments): runs, payees, lines and the paid claims.</summary>
public sealed partial class FukushiDbContext
{
    public DbSet<PaymentRun> PaymentRuns => Set<PaymentRun>();

    public DbSet<PaymentPayee> PaymentPayees => Set<PaymentPayee>();

    public DbSet<PaymentLine> PaymentLines => Set<PaymentLine>();

    public DbSet<PaidClaim> PaidClaims => Set<PaidClaim>();

    /// <summary>支払調整: 再振込 and 過誤調整 amounts taken up by the next run.</summary>
    public DbSet<PaymentAdjustment> PaymentAdjustments => Set<PaymentAdjustment>();

    public DbSet<PaymentAdjustmentLine> PaymentAdjustmentLines => Set<PaymentAdjustmentLine>();

    public DbSet<SettledAdjustment> SettledAdjustments => Set<SettledAdjustment>();
}
