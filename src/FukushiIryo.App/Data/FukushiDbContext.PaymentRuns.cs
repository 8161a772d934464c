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
}
