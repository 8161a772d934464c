using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.Statistics;
using FukushiIryo.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi report recipients --as-of DATE | payments --month YYYY-MM | prefecture --year YYYY --out FILE</c>
/// (interfaces.md §6–§7, 統計, ADR 0034): the 受給者数調査, the 支払月報 and the 県補助金 claim, written
/// as CSV, XLSX or PDF by the file's extension. Aggregates only; layouts in docs/reports.md.
/// </summary>
internal static class ReportCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var report = new Command("report", "統計（受給者数調査・支払月報・県補助金）を CSV・XLSX・PDF で出力する（統計）");
        var asOf = new Option<string>("--as-of") { Description = "基準日 YYYY-MM-DD", Required = true };
        report.Subcommands.Add(Leaf("recipients", "受給者数調査（基準日の受給者数、新規認定・喪失、世帯数）", asOf, StatisticsReportKind.Recipients, "report recipients",
            text => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new CliExitException(ExitCodes.Usage, $"--as-of は YYYY-MM-DD で指定してください: {text}"),
            options, environment));
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM", Required = true };
        report.Subcommands.Add(Leaf("payments", "支払月報（処理年月の支払を診療月・保険・種別・給付方式・県市区分別に、年度累計つき）", month, StatisticsReportKind.Payments, "report payments",
            text => MedicalClaimsImportCommands.ParseMonth(text).FirstDay, options, environment));
        var year = new Option<string>("--year") { Description = "年度 YYYY（4月〜翌3月）", Required = true };
        report.Subcommands.Add(Leaf("prefecture", "県補助金（年度の県分の助成額、過誤調整、返還、1/2 の補助金所要額）", year, StatisticsReportKind.Prefecture, "report prefecture",
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && text.Length == 4 && y >= 1900
                ? new FiscalYear(y).Start
                : throw new CliExitException(ExitCodes.Usage, $"--year は西暦4桁の年度です（例: 2026）: {text}"),
            options, environment));
        return report;
    }

    private static Command Leaf(
        string name,
        string description,
        Option<string> condition,
        StatisticsReportKind kind,
        string path,
        Func<string, DateOnly> parse,
        GlobalOptions options,
        CliEnvironment environment)
    {
        var output = new Option<string>("--out") { Description = "出力ファイル（拡張子 .csv / .xlsx / .pdf で形式を選ぶ）", Required = true };
        var command = new Command(name, description + "（統計）") { condition, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var date = parse(parsed.GetValue(condition)!);
            var file = parsed.GetValue(output)!;
            if (StatisticsReports.FormatOf(file) is null)
            {
                throw new CliExitException(ExitCodes.Usage, $"--out の拡張子は .csv、.xlsx、.pdf のいずれかにしてください: {file}");
            }

            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, path, cancellationToken).ConfigureAwait(false);
            ReportFileResult result;
            try
            {
                result = await session.Services.GetRequiredService<StatisticsReports>()
                    .WriteAsync(kind, date, file, session.Actor, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliExitException(ExitCodes.Environment, $"ファイルを書き込めません（書きかけのファイルは残していません）: {file}（{exception.Message}）");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.Report.Title}（{string.Join("、", result.Report.Conditions)}）を {result.Path} に出力しました（{result.Bytes:N0} バイト sha256:{result.Sha256}）。\n")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
