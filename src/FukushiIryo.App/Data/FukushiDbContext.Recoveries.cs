using FukushiIryo.App.Payments;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>過誤調整 and 返還 (ADR 0033): 再審査 results, 返還請求, 戻入 and 督促.</summary>
public sealed partial class FukushiDbContext
{
    /// <summary>再審査結果: corrected or withdrawn paid receipts (new versions of their values).</summary>
    public DbSet<ClaimCorrection> ClaimCorrections => Set<ClaimCorrection>();

    /// <summary>返還請求.</summary>
    public DbSet<Recovery> Recoveries => Set<Recovery>();

    public DbSet<RecoveryItem> RecoveryItems => Set<RecoveryItem>();

    /// <summary>戻入.</summary>
    public DbSet<RecoveryRepayment> RecoveryRepayments => Set<RecoveryRepayment>();

    /// <summary>督促.</summary>
    public DbSet<RecoveryReminder> RecoveryReminders => Set<RecoveryReminder>();
}
