extern alias cli;

using System.Text;
using System.Text.RegularExpressions;
using CliEnvironment = cli::FukushiIryo.Cli.CliEnvironment;
using FukushiCli = cli::FukushiIryo.Cli.FukushiCli;
using GlobalOptions = cli::FukushiIryo.Cli.GlobalOptions;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The manuals in docs/manual (ADR 0039) stay true to the code: every <c>fukushi</c> command line in
/// their code blocks parses with the CLI's own command tree (names, options, required options), every
/// screenshot they show is one a browser journey saves under artifacts/screenshots/manual, and every
/// operator page the index links to exists.
/// </summary>
public sealed partial class ManualDocumentTests
{
    [Fact]
    public void Every_documented_command_parses_with_the_cli()
    {
        var commands = ManualFiles().SelectMany(file => CommandLines(File.ReadAllText(file)).Select(line => (File: Path.GetFileName(file), Line: line))).ToList();
        Assert.True(commands.Count >= 20, $"the manuals document the commands ({commands.Count} found)");
        Assert.Contains(commands, c => c.Line.StartsWith("fukushi db migrate", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Line.StartsWith("fukushi atena rotate-keys", StringComparison.Ordinal));
        Assert.All(commands, command =>
        {
            var root = FukushiCli.BuildRoot(new GlobalOptions(), new CliEnvironment());
            var parsed = root.Parse(Tokens(command.Line["fukushi ".Length..]));
            Assert.True(parsed.Errors.Count == 0, $"{command.File}: `{command.Line}`: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        });
    }

    [Fact]
    public void A_command_the_cli_does_not_know_is_caught()
    {
        var root = FukushiCli.BuildRoot(new GlobalOptions(), new CliEnvironment());
        Assert.NotEmpty(root.Parse(Tokens("users lock --login a --user admin")).Errors);
        Assert.NotEmpty(root.Parse(Tokens("masters update banks --user admin")).Errors); // FILE missing
        Assert.Empty(root.Parse(Tokens("masters update banks branches.csv --user admin")).Errors);
    }

    [Fact]
    public void Every_screenshot_the_manual_shows_is_saved_by_a_journey()
    {
        var sources = string.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot(), "tests", "FukushiIryo.Web.Tests"), "*.cs").Select(File.ReadAllText));
        var shown = ManualFiles().SelectMany(file => ImagePattern().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Name: m.Groups[1].Value))).ToList();
        Assert.True(shown.Count >= 40, $"the operator manual shows the journeys' screenshots ({shown.Count} found)");
        Assert.All(shown, image => Assert.True(
            sources.Contains($"\"{image.Name}\"", StringComparison.Ordinal) || sources.Contains($"\"{image.Name}.png\"", StringComparison.Ordinal),
            $"{image.File} shows {image.Name}.png, which no journey saves (WebAppFixture.ManualShot)"));
    }

    [Fact]
    public void Every_operator_page_in_the_index_exists_and_is_written_in_japanese()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "manual");
        var pages = PagePattern().Matches(File.ReadAllText(Path.Combine(folder, "operator.md"))).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(11, pages.Count);
        Assert.All(pages, page =>
        {
            var path = Path.Combine(folder, page);
            Assert.True(File.Exists(path), $"operator.md links {page}, which does not exist");
            Assert.StartsWith("# ", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Contains("対象:", File.ReadAllText(path), StringComparison.Ordinal);
        });
    }

    /// <summary>The lines of fenced code blocks that run <c>fukushi</c>, without a trailing comment or a stdin redirection.</summary>
    private static IEnumerable<string> CommandLines(string markdown)
    {
        var inBlock = false;
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (!inBlock || !line.StartsWith("fukushi ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var cut in new[] { " #", " < " })
            {
                var at = line.IndexOf(cut, StringComparison.Ordinal);
                if (at > 0)
                {
                    line = line[..at];
                }
            }

            yield return line.TrimEnd();
        }
    }

    /// <summary>Splits a command line as a POSIX shell does for plain words and "double" or 'single' quoted ones.</summary>
    private static List<string> Tokens(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        if (inToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static string[] ManualFiles() => Directory.GetFiles(Path.Combine(RepositoryRoot(), "docs", "manual"), "*.md");

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FukushiIryo.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("the repository root (FukushiIryo.sln) is not above the test assembly");
    }

    [GeneratedRegex(@"\(\.\./\.\./artifacts/screenshots/manual/([A-Za-z0-9-]+)\.png\)")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"\((op-[0-9]{2}-[a-z-]+\.md)\)")]
    private static partial Regex PagePattern();
}
