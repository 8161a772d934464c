using FukushiIryo.App.Documents;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>Documents: the 受給資格証 交付履歴 (ADR 0012). Prints themselves are audit events.</summary>
public sealed partial class FukushiDbContext
{
    public DbSet<CertificateIssue> CertificateIssues => Set<CertificateIssue>();
}
