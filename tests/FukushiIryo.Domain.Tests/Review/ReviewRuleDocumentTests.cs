using System.Text;
using FukushiIryo.Domain.Review;

namespace FukushiIryo.Domain.Tests.Review;

/// <summary>
/// docs/review-rules.md is generated from the rule catalogue. With FUKUSHI_UPDATE_DOCS=1 the test writes
/// the file instead of comparing.
/// </summary>
public sealed class ReviewRuleDocumentTests
{
    [Fact]
    public void Docs_review_rules_md_is_the_one_generated_from_the_code()
    {
        var rendered = ReviewRuleDocument.Render(ReviewRules.All);
        var path = Path.Combine(RepositoryRoot(), ReviewRuleDocument.RelativePath);
        if (Environment.GetEnvironmentVariable(ReviewRuleDocument.UpdateVariable) == "1")
        {
            File.WriteAllText(path, rendered, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
        Assert.True(committed == rendered,
            $"{ReviewRuleDocument.RelativePath} is not the one generated from the code. Regenerate it with "
            + $"`{ReviewRuleDocument.UpdateVariable}=1 dotnet test tests/FukushiIryo.Domain.Tests --filter ReviewRuleDocumentTests` and commit it.");
    }

    [Fact]
    public void The_document_lists_every_rule_with_its_function()
    {
        var rendered = ReviewRuleDocument.Render(ReviewRules.All);
        Assert.All(ReviewRules.All, rule =>
        {
            Assert.Contains($"| {rule.Code} | {rule.Name} |", rendered, StringComparison.Ordinal);
            Assert.Contains($"## {rule.Code} {rule.Name}", rendered, StringComparison.Ordinal);
        });
        Assert.Contains("`ReviewRules.OutsideEligibility`", rendered, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FukushiIryo.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (FukushiIryo.sln) was not found above " + AppContext.BaseDirectory);
    }
}
