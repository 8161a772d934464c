using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>The masters (dated rows with shipped defaults) and the 地方税関係情報.</summary>
public sealed partial class FukushiDbContext
{
    /// <summary>年齢区分 (Masters).</summary>
    public DbSet<AgeBracket> AgeBrackets => Set<AgeBracket>();

    /// <summary>公費負担者 (Masters, decisions.md D2).</summary>
    public DbSet<PublicPayer> PublicPayers => Set<PublicPayer>();

    /// <summary>金融機関休業日 (Masters, decisions.md D15).</summary>
    public DbSet<BankHoliday> BankHolidays => Set<BankHoliday>();

    /// <summary>喪失日の規則 (Masters, decisions.md D7).</summary>
    public DbSet<LossRule> LossRules => Set<LossRule>();

    /// <summary>制度の優先順位 (Masters, decisions.md D3).</summary>
    public DbSet<ProgramPrecedence> ProgramPrecedences => Set<ProgramPrecedence>();

    /// <summary>請求期限 (Masters, 審査 rule R08).</summary>
    public DbSet<ClaimDeadline> ClaimDeadlines => Set<ClaimDeadline>();

    /// <summary>地方税関係情報 (Income).</summary>
    public DbSet<TaxRecord> TaxRecords => Set<TaxRecord>();
}
