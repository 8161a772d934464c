using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters;

/// <summary>
/// 喪失日の規則 (decisions.md D7): how the 喪失日 of one 喪失事由 is derived, for a period. One row
/// per cause and period; every cause of interfaces.md §4 has a row (shipped defaults).
/// </summary>
public sealed class LossRule : DatedMasterRow
{
    /// <summary>喪失事由.</summary>
    public LossReason Cause { get; set; }

    /// <summary>当日, 翌日, 18歳到達年度末の翌日, 更新年の8月1日, or 最後の児童の喪失日.</summary>
    public LossDateBasis Basis { get; set; }

    public LossDateRule ToRule() => new(Cause, Basis);
}

/// <summary>
/// 制度の優先順位 (decisions.md D3): how another program stands against ひとり親, for a period. One
/// row per program and period. The program code is what staff record as 他制度 (and 生活保護).
/// </summary>
public sealed class ProgramPrecedence : DatedMasterRow
{
    /// <summary>制度: the program as staff write it (生活保護, 心身障害者医療, 子ども医療, 難病 …).</summary>
    public string Program { get; set; } = string.Empty;

    /// <summary>対象外, 他制度優先, 他の公費が先, ひとり親が優先, or 助成しない.</summary>
    public PrecedenceEffect Effect { get; set; }

    /// <summary>法別番号 of a national 公費 (54 難病, 52 小児慢性 …), for reference; null for local programs.</summary>
    public string? LawNumber { get; set; }

    /// <summary>Order in the マスタ管理 list.</summary>
    public int SortOrder { get; set; }

    public ProgramPrecedenceRule ToRule() => new(Program, Effect);
}

/// <summary>
/// Loads the eligibility masters in force on a date into the domain's rule sets: what the
/// application, decision and loss services pass to <see cref="EligibilityCheck.Check"/> and
/// <see cref="LossRules"/> (docs/eligibility.md).
/// </summary>
public static class EligibilityMasters
{
    /// <summary>
    /// The <see cref="LossRule"/> rows in force on <paramref name="date"/> (the 喪失日's event date,
    /// or the decision date) as a <see cref="LossRuleSet"/>.
    /// </summary>
    /// <exception cref="MasterDataMissingException">a cause has no row in force, or two.</exception>
    public static async Task<LossRuleSet> LossRulesOnAsync(this FukushiDbContext db, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.LossRules.AsNoTracking().ValidOn(date).ToListAsync(cancellationToken).ConfigureAwait(false);
        return LossRuleSetOf(rows, date);
    }

    /// <summary>The rows (in force on <paramref name="date"/>) as a complete set, one rule per cause.</summary>
    /// <exception cref="MasterDataMissingException">a cause has no row in force, or two.</exception>
    public static LossRuleSet LossRuleSetOf(IEnumerable<LossRule> rows, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inForce = rows.ValidOn(date).ToList();
        var doubled = inForce.GroupBy(row => row.Cause).Where(group => group.Count() > 1).Select(group => group.Key.Japanese()).ToList();
        if (doubled.Count > 0)
        {
            throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"喪失日の規則マスタに、{date:yyyy-MM-dd} に有効な行が2つ以上ある喪失事由があります: {string.Join("、", doubled)}"));
        }

        var set = new LossRuleSet(inForce.Select(row => row.ToRule()));
        if (set.MissingCauses.Count > 0)
        {
            throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"喪失日の規則マスタに、{date:yyyy-MM-dd} に有効な行がない喪失事由があります: {string.Join("、", set.MissingCauses.Select(cause => cause.Japanese()))}"));
        }

        return set;
    }

    /// <summary>The <see cref="ProgramPrecedence"/> rows in force on <paramref name="date"/> (the application date) as <see cref="EligibilityRules"/>.</summary>
    /// <exception cref="MasterDataMissingException">a program has two rows in force.</exception>
    public static async Task<EligibilityRules> EligibilityRulesOnAsync(this FukushiDbContext db, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.ProgramPrecedences.AsNoTracking().ValidOn(date).ToListAsync(cancellationToken).ConfigureAwait(false);
        return EligibilityRulesOf(rows, date);
    }

    /// <summary>The rows (in force on <paramref name="date"/>) as <see cref="EligibilityRules"/>.</summary>
    /// <exception cref="MasterDataMissingException">a program has two rows in force.</exception>
    public static EligibilityRules EligibilityRulesOf(IEnumerable<ProgramPrecedence> rows, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inForce = rows.ValidOn(date).OrderBy(row => row.SortOrder).ThenBy(row => row.Program, StringComparer.Ordinal).ToList();
        var doubled = inForce.GroupBy(row => row.Program, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (doubled.Count > 0)
        {
            throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"制度の優先順位マスタに、{date:yyyy-MM-dd} に有効な行が2つ以上ある制度があります: {string.Join("、", doubled)}"));
        }

        return new EligibilityRules([.. inForce.Select(row => row.ToRule())]);
    }

    /// <summary>
    /// The shipped defaults (Masters/Defaults/loss-rules.json, program-precedence.json) the masters
    /// lack, added to the context (the caller saves): a <see cref="LossRule"/> when no row has its
    /// cause, a <see cref="ProgramPrecedence"/> when no row has its program. Returns how many.
    /// </summary>
    public static async Task<int> AddMissingDefaultsAsync(FukushiDbContext db, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var causes = (await db.LossRules.Select(rule => rule.Cause).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var rules = (await LossRuleDefaultsAsync(cancellationToken).ConfigureAwait(false)).Where(row => !causes.Contains(row.Cause)).ToList();
        var programs = (await db.ProgramPrecedences.Select(row => row.Program).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var precedence = (await ProgramPrecedenceDefaultsAsync(cancellationToken).ConfigureAwait(false)).Where(row => !programs.Contains(row.Program)).ToList();
        db.LossRules.AddRange(rules.Select(row => MasterDefaults.Stamp(row, createdAt)));
        db.ProgramPrecedences.AddRange(precedence.Select(row => MasterDefaults.Stamp(row, createdAt)));
        return rules.Count + precedence.Count;
    }

    /// <summary>The shipped 喪失日の規則 rows (decisions.md D7), not yet stamped.</summary>
    public static Task<IReadOnlyList<LossRule>> LossRuleDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<LossRule>("loss-rules.json", cancellationToken);

    /// <summary>The shipped 制度の優先順位 rows (decisions.md D3), not yet stamped.</summary>
    public static Task<IReadOnlyList<ProgramPrecedence>> ProgramPrecedenceDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<ProgramPrecedence>("program-precedence.json", cancellationToken);
}
