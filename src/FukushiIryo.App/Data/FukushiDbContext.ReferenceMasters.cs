using FukushiIryo.App.Masters;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>The reference masters that come from outside editions: banks and postal codes.</summary>
public sealed partial class FukushiDbContext
{
    /// <summary>金融機関 (統一金融機関コード).</summary>
    public DbSet<Bank> Banks => Set<Bank>();

    /// <summary>金融機関の店舗.</summary>
    public DbSet<BankBranch> BankBranches => Set<BankBranch>();

    /// <summary>郵便番号 (KEN_ALL).</summary>
    public DbSet<PostalAddress> PostalAddresses => Set<PostalAddress>();

    /// <summary>大口事業所個別番号 (JIGYOSYO).</summary>
    public DbSet<LargeOfficePostalCode> LargeOfficePostalCodes => Set<LargeOfficePostalCode>();

    /// <summary>The editions of the reference masters loaded so far.</summary>
    public DbSet<ReferenceEdition> ReferenceEditions => Set<ReferenceEdition>();
}
