using System.Globalization;

namespace FukushiIryo.Domain.Income;

/// <summary>One 国保 member of the household, for the 高額療養費 区分.</summary>
/// <param name="Label">How staff recognise the member in the steps (宛名番号 and role; never a 個人番号).</param>
/// <param name="Tax">The member's tax facts for the 課税年度; null when no tax row exists.</param>
public sealed record HighCostMember(string Label, IncomeTaxFacts? Tax);

/// <summary>
/// One row of the 国保 区分 thresholds (master HighCostIncomeBracket): the household falls in
/// <see cref="Category"/> when its 旧ただし書き所得 total is above <see cref="IncomeAbove"/>; the row
/// with no threshold is the lowest taxed one; <see cref="ForTaxExemptHousehold"/> marks the 住民税非課税 row.
/// </summary>
public sealed record HighCostBracket(string Category, long? IncomeAbove, bool ForTaxExemptHousehold);

/// <summary>The 区分 with its steps; <see cref="IncomeTotal"/> is the 旧ただし書き所得 total when it decided.</summary>
public sealed record HighCostCategoryResult(string Category, long? IncomeTotal, IReadOnlyList<IncomeStep> Steps);

/// <summary>
/// 高額療養費 区分 of a 国保 household from its members' tax data (decisions.md D5, rules-research.md
/// §3.3): a 未申告 member makes it the top 区分 (ア) before anything else; a household whose members
/// are all 住民税非課税 is the exempt 区分 (オ); otherwise the sum over the members of
/// max(0, 総所得金額等 − 基礎控除) is compared with the thresholds.
/// </summary>
public static class HighCostCategory
{
    public static HighCostCategoryResult Determine(IReadOnlyCollection<HighCostMember> members, long basicDeduction, IReadOnlyCollection<HighCostBracket> brackets)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(brackets);
        if (members.Count == 0)
        {
            throw new ArgumentException("A 国保 household has at least one member.", nameof(members));
        }

        var top = brackets.Where(b => b.IncomeAbove is not null && !b.ForTaxExemptHousehold).MaxBy(b => b.IncomeAbove)
            ?? throw new InvalidOperationException("The 国保 区分 master has no threshold row.");
        var exempt = brackets.SingleOrDefault(b => b.ForTaxExemptHousehold)
            ?? throw new InvalidOperationException("The 国保 区分 master has no 住民税非課税 row.");
        var lowest = brackets.SingleOrDefault(b => b.IncomeAbove is null && !b.ForTaxExemptHousehold)
            ?? throw new InvalidOperationException("The 国保 区分 master has no lowest taxed row.");

        var steps = new List<IncomeStep> { new(Text($"高額療養費 区分（国保、世帯の国保加入者 {members.Count}人）"), null) };
        var undeclared = members.Where(m => m.Tax?.IsUndeclared == true).ToList();
        if (undeclared.Count > 0)
        {
            steps.Add(new(Text($"未申告の加入者がいます（{string.Join("、", undeclared.Select(m => m.Label))}） → 区分 {top.Category}"), null));
            return new HighCostCategoryResult(top.Category, null, steps);
        }

        foreach (var member in members.Where(m => m.Tax is null))
        {
            steps.Add(new($"{member.Label}: 課税情報なし（所得 0円・非課税として扱う）", null));
        }

        if (members.All(m => m.Tax is null || m.Tax.IsResidentTaxExempt))
        {
            steps.Add(new(Text($"加入者全員が住民税非課税 → 区分 {exempt.Category}"), null));
            return new HighCostCategoryResult(exempt.Category, null, steps);
        }

        long total = 0;
        foreach (var member in members.Where(m => m.Tax is not null))
        {
            var aggregate = member.Tax!.AggregateIncomeWithSeparate ?? 0;
            var base_ = Math.Max(0, aggregate - basicDeduction);
            steps.Add(new(Text($"{member.Label}: 旧ただし書き所得 ＝ 総所得金額等 {aggregate:N0}円 − 基礎控除 {basicDeduction:N0}円（0円未満は0円）"), base_));
            total += base_;
        }

        steps.Add(new("＝ 旧ただし書き所得の合計", total));
        var bracket = brackets
            .Where(b => b.IncomeAbove is { } above && !b.ForTaxExemptHousehold && total > above)
            .MaxBy(b => b.IncomeAbove) ?? lowest;
        steps.Add(new(bracket.IncomeAbove is { } threshold
            ? Text($"{total:N0}円 は {threshold:N0}円 を超える → 区分 {bracket.Category}")
            : Text($"{total:N0}円 はどの基準額も超えない → 区分 {bracket.Category}"), null));
        return new HighCostCategoryResult(bracket.Category, total, steps);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
