using FukushiIryo.App.Data;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Payments;

namespace FukushiIryo.App.Payments;

/// <summary>
/// Turns linked claims (MedicalClaim with a RecipientId) into <see cref="SubsidyClaim"/> inputs with their
/// master terms resolved (CopaymentRule, HighCostLimit and the 区分, InsurerExtraBenefit, 長期 cap) for
/// <see cref="SubsidyComputation"/>. Loads the masters once per call: built for a whole payment run.
/// </summary>
/// <remarks>Work in progress on branch wip-compute: the body below is replaced there.</remarks>
public sealed class ClaimSubsidyTerms(FukushiDbContext db)
{
    /// <summary>The inputs of <paramref name="claims"/>, in their order. Every claim must be linked to a recipient.</summary>
    public Task<IReadOnlyList<SubsidyClaim>> BuildAsync(IReadOnlyList<MedicalClaim> claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        _ = db;
        throw new NotSupportedException("ClaimSubsidyTerms is being built on branch wip-compute.");
    }
}
