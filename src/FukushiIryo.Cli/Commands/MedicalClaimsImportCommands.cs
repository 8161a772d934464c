using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi import claims FILE --month YYYY-MM [--layout uke|autopay|LAYOUT.json] [--source kokuhoren|shiharai-kikin]</c>
/// and <c>fukushi import paid-receipts FILE</c> (interfaces.md §5, §7).
/// </summary>
internal static class MedicalClaimsImportCommands
{
    public static Command Receipts(GlobalOptions options, CliEnvironment environment)
    {
        var common = new ImportCommands.ImportOptions();
        var month = new Option<string>("--month") { Description = "処理年月 YYYY-MM（ファイルが届いた月）", Required = true };
        var source = new Option<string?>("--source") { Description = "審査支払機関: kokuhoren（既定）, shiharai-kikin（UKE は IR の値）" };
        var command = new Command("receipts", "レセプト（UKE）・自動償還データを取り込み、受給者と突合する（審査）");
        common.AddTo(command);
        command.Options.Add(month);
        command.Options.Add(source);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var processing = ParseMonth(parsed.GetValue(month)!);
            var sourceName = parsed.GetValue(source) ?? "kokuhoren";
            if (sourceName is not ("kokuhoren" or "shiharai-kikin"))
            {
                throw new CliExitException(ExitCodes.Usage, $"--source は kokuhoren か shiharai-kikin です: {sourceName}");
            }

            // --layout: uke / autopay name the built-in layouts; anything else is a layout file (autopay).
            var layout = parsed.GetValue(common.Layout);
            var builtIn = layout is "uke" or "autopay" ? layout : null;
            return await ImportCommands.RunAsync(parsed, options, environment, common, "import receipts", async (session, request) =>
            {
                var format = MedicalClaimsImport.Detect(request.FilePath, layout is null ? null : builtIn ?? "autopay");
                var import = new MedicalClaimsImport(session.Db, environment.Clock) { Progress = Progress(environment) };
                var result = await import.RunAsync(request, processing, format, sourceName, cancellationToken).ConfigureAwait(false);
                EndProgress(environment);
                return result;
            }, cancellationToken, builtInLayouts: ["uke", "autopay"]).ConfigureAwait(false);
        });
        return command;
    }

    public static Command PaidReceipts(GlobalOptions options, CliEnvironment environment)
    {
        var common = new ImportCommands.ImportOptions();
        var command = new Command("paid-receipts", "旧システムの支払済レセプトを移行する（システム管理）");
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
            await ImportCommands.RunAsync(parsed, options, environment, common, "import paid-receipts", async (session, request) =>
            {
                var import = new MedicalClaimsImport(session.Db, environment.Clock) { Progress = Progress(environment) };
                var result = await import.RunPaidAsync(request with { Migration = true }, cancellationToken).ConfigureAwait(false);
                EndProgress(environment);
                return result;
            }, cancellationToken).ConfigureAwait(false));
        return command;
    }

    internal static YearMonth ParseMonth(string text)
    {
        if (text.Length == 7 && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int month)
            && month is >= 1 and <= 12 && year >= 1900)
        {
            return new YearMonth(year, month);
        }

        throw new CliExitException(ExitCodes.Usage, $"--month は YYYY-MM で指定してください: {text}");
    }

    /// <summary>"取込中 12,000 件" on one terminal line; nothing when output is redirected.</summary>
    private static TerminalProgress? Progress(CliEnvironment environment) =>
        environment.IsOutputTerminal ? new TerminalProgress(environment.Out) : null;

    private static void EndProgress(CliEnvironment environment)
    {
        if (environment.IsOutputTerminal)
        {
            environment.Out.WriteLine();
        }
    }

    /// <summary>Written synchronously (not through a SynchronizationContext), so that it ends before the summary.</summary>
    private sealed class TerminalProgress(TextWriter output) : IProgress<long>
    {
        public void Report(long value)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\r取込中 {value:N0} 件"));
            output.Flush();
        }
    }
}
