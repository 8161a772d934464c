using Microsoft.EntityFrameworkCore;
using FukushiIryo.App.Data;

namespace FukushiIryo.App.Masters;

/// <summary>
/// The shipped defaults of the income masters (Masters/Defaults/income-limits.json,
/// income-deductions.json, salary-deduction-bands.json, high-cost-limits.json,
/// high-cost-income-brackets.json), added by <see cref="MasterDefaults.EnsureLoadedAsync"/>. As for
/// the other masters, a default is added only when the master lacks a row of its kind: an
/// <see cref="IncomeLimit"/> when no row has its column; an <see cref="IncomeDeduction"/> when the
/// master is empty; a <see cref="SalaryDeductionBand"/> when no band starts on its day (its income
/// year); a <see cref="HighCostLimit"/> when no row has its 区分 and kind; a
/// <see cref="HighCostIncomeBracket"/> when no row has its 区分.
/// </summary>
public static class IncomeMasterDefaults
{
    /// <summary>Adds the missing defaults to the context (the caller saves); returns how many.</summary>
    public static async Task<int> AddMissingAsync(FukushiDbContext db, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var columns = (await db.IncomeLimits.Select(l => l.Column).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var limits = (await IncomeLimitDefaultsAsync(cancellationToken).ConfigureAwait(false)).Where(row => !columns.Contains(row.Column)).ToList();

        var deductions = await db.IncomeDeductions.AnyAsync(cancellationToken).ConfigureAwait(false)
            ? []
            : (await IncomeDeductionDefaultsAsync(cancellationToken).ConfigureAwait(false)).ToList();

        var bandStarts = (await db.SalaryDeductionBands.Select(b => b.ValidFrom).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var bands = (await SalaryDeductionBandDefaultsAsync(cancellationToken).ConfigureAwait(false)).Where(row => !bandStarts.Contains(row.ValidFrom)).ToList();

        var limitKinds = (await db.HighCostLimits.Select(l => new { l.Category, l.Kind }).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(k => (k.Category, k.Kind)).ToHashSet();
        var highCost = (await HighCostLimitDefaultsAsync(cancellationToken).ConfigureAwait(false)).Where(row => !limitKinds.Contains((row.Category, row.Kind))).ToList();

        var categories = (await db.HighCostIncomeBrackets.Select(b => b.Category).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var brackets = (await HighCostIncomeBracketDefaultsAsync(cancellationToken).ConfigureAwait(false)).Where(row => !categories.Contains(row.Category)).ToList();

        db.IncomeLimits.AddRange(limits.Select(row => MasterDefaults.Stamp(row, createdAt)));
        db.IncomeDeductions.AddRange(deductions.Select(row => MasterDefaults.Stamp(row, createdAt)));
        db.SalaryDeductionBands.AddRange(bands.Select(row => MasterDefaults.Stamp(row, createdAt)));
        db.HighCostLimits.AddRange(highCost.Select(row => MasterDefaults.Stamp(row, createdAt)));
        db.HighCostIncomeBrackets.AddRange(brackets.Select(row => MasterDefaults.Stamp(row, createdAt)));
        return limits.Count + deductions.Count + bands.Count + highCost.Count + brackets.Count;
    }

    public static Task<IReadOnlyList<IncomeLimit>> IncomeLimitDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<IncomeLimit>("income-limits.json", cancellationToken);

    public static Task<IReadOnlyList<IncomeDeduction>> IncomeDeductionDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<IncomeDeduction>("income-deductions.json", cancellationToken);

    public static Task<IReadOnlyList<SalaryDeductionBand>> SalaryDeductionBandDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<SalaryDeductionBand>("salary-deduction-bands.json", cancellationToken);

    public static Task<IReadOnlyList<HighCostLimit>> HighCostLimitDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<HighCostLimit>("high-cost-limits.json", cancellationToken);

    public static Task<IReadOnlyList<HighCostIncomeBracket>> HighCostIncomeBracketDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<HighCostIncomeBracket>("high-cost-income-brackets.json", cancellationToken);
}
