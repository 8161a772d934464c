using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>The second factor's own rows (the TOTP key itself is in Identity's AspNetUserTokens).</summary>
public sealed partial class FukushiDbContext
{
    /// <summary>Hashed, single-use recovery codes (<see cref="StaffTotp"/>).</summary>
    public DbSet<StaffRecoveryCode> StaffRecoveryCodes => Set<StaffRecoveryCode>();
}
