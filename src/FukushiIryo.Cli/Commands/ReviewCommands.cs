using System.CommandLine;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Review;
using FukushiIryo.Domain.Review;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi review run --month YYYY-MM</c> (interfaces.md §7, 審査): runs the check rules on the
/// 処理年月's claims, stores each claim's 可 / 要確認 / 否 with its findings (a claim already 承認 or
/// 否認 is left alone) and prints the counts per outcome and per rule.
/// </summary>
internal static class ReviewCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        var run = new Command("run", "処理年月のレセプトを審査し、可・要確認・否と理由を記録する（審査）") { month };
        run.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = MedicalClaimsImportCommands.ParseMonth(parsed.GetValue(month)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "review run", cancellationToken).ConfigureAwait(false);
            ReviewRunResult result;
            try
            {
                result = await session.Services.GetRequiredService<ReviewRun>().RunAsync(processing, session.Actor, cancellationToken).ConfigureAwait(false);
            }
            catch (MasterDataMissingException exception)
            {
                throw new CliExitException(ExitCodes.Environment, exception.Message);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(ToText(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var review = new Command("review", "審査");
        review.Subcommands.Add(run);
        return review;
    }

    /// <summary>The counts: per outcome, then per rule (claims with a finding of the rule), then the resolved claims left alone.</summary>
    public static string ToText(ReviewRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = ReviewRules.All.ToDictionary(rule => rule.Code, rule => rule.Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"審査 {result.Month}: {result.Reviewed} 件\n");
        text.Append(invariant, $"可 {result.ByOutcome[ReviewOutcome.Accepted]} 件 / 要確認 {result.ByOutcome[ReviewOutcome.NeedsReview]} 件 / 否 {result.ByOutcome[ReviewOutcome.Rejected]} 件\n");
        foreach (var (code, count) in result.ByRule)
        {
            text.Append(invariant, $"{code} {names.GetValueOrDefault(code, code)}: {count} 件\n");
        }

        if (result.SkippedResolved > 0)
        {
            text.Append(invariant, $"処理済み（承認・否認）のため再審査しなかったもの: {result.SkippedResolved} 件\n");
        }

        return text.ToString();
    }
}
