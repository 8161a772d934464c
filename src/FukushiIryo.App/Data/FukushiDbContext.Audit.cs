namespace FukushiIryo.App.Data;

public sealed partial class FukushiDbContext
{
    // Placeholder until the audit chain lands: saves without audit events.
    private Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken) =>
        BaseSaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
}
