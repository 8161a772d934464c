using System.Globalization;
using System.Text;

namespace FukushiIryo.Domain.Review;

/// <summary>
/// Renders docs/review-rules.md, the rule catalogue of 審査, from <see cref="ReviewRules.All"/>. A test
/// compares the committed file with it; FUKUSHI_UPDATE_DOCS=1 makes the test write it.
/// </summary>
public static class ReviewRuleDocument
{
    /// <summary>The environment variable that makes the document tests write instead of compare.</summary>
    public const string UpdateVariable = "FUKUSHI_UPDATE_DOCS";

    /// <summary>The document's path from the repository root.</summary>
    public const string RelativePath = "docs/review-rules.md";

    /// <summary>The document for <paramref name="rules"/>, with "\n" line ends.</summary>
    public static string Render(IEnumerable<ReviewRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        var text = new StringBuilder();
        text.Append("# 審査 check rules (レセプトの審査規則)\n\n");
        text.Append("Generated from `src/FukushiIryo.Domain/Review/ReviewRules.cs` by `ReviewRuleDocumentTests`; do not edit by hand.\n");
        text.Append("Regenerate with `FUKUSHI_UPDATE_DOCS=1 dotnet test tests/FukushiIryo.Domain.Tests --filter ReviewRuleDocumentTests`.\n\n");
        text.Append("Each rule is a pure function over one claim (レセプト), the linked recipient's registered facts, the history of claims ");
        text.Append("and the figures of the masters. A claim's outcome is the worst severity of its findings: 否 over 要確認 over 可. ");
        text.Append("The cases of each rule are written out in `tests/FukushiIryo.Domain.Tests/Review/ReviewRulesTests.cs`.\n\n");
        text.Append("| Code | 規則 | 判定 | Function |\n|---|---|---|---|\n");
        foreach (var rule in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {rule.Code} | {rule.Name} | {rule.Severities} | `ReviewRules.{rule.Check.Method.Name}` |\n");
        }

        foreach (var rule in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {rule.Code} {rule.Name}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"判定: {rule.Severities}\n\n");
            text.Append(rule.Description).Append('\n');
        }

        return text.ToString();
    }
}
