using System.CommandLine;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Exports;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Renewals;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi renew august|april --year YYYY --step forms|decide</c> (interfaces.md §7, ADR 0019).
/// <list type="bullet">
/// <item><c>august --step forms</c> (窓口): lists the households and writes the 更新申請書 of those
/// not yet sent into <c>--out DIR</c> (default <c>renewal-forms-YYYY</c>) as <c>forms-NNN.pdf</c>, the
/// next free number; a rerun with nothing new to send writes no file.</item>
/// <item><c>august|april --step decide</c> (決裁, <c>--password-stdin --totp CODE</c>): decides every
/// household not yet decided (in batches of households, a household never split), and prints the
/// counts. With <c>--out DIR</c> it then prints, one PDF per kind, the documents of the decided
/// households not yet printed: <c>certificates-NNN.pdf</c> (受給資格証), <c>loss-income-NNN.pdf</c>
/// (所得超過), <c>loss-not-submitted-NNN.pdf</c> (更新未提出), <c>loss-age-NNN.pdf</c> (April, 年齢到達);
/// a rerun prints nothing twice.</item>
/// <item><c>april --step forms</c>: the April update sends no forms; exits 2.</item>
/// </list>
/// </summary>
internal static class RenewCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var renew = new Command("renew", "更新（8月の年度切替更新・4月の年齢区分更新）");
        renew.Subcommands.Add(BuildKind(RenewalKind.August, "august", "年度切替更新（8月）: --step forms で更新申請書を送付、--step decide で決定（決裁）", options, environment));
        renew.Subcommands.Add(BuildKind(RenewalKind.April, "april", "年齢区分更新（4月）: --step decide で年齢到達の喪失と年齢区分の変わる受給者の新しい受給資格証（決裁）", options, environment));
        return renew;
    }

    private static Command BuildKind(RenewalKind kind, string name, string description, GlobalOptions options, CliEnvironment environment)
    {
        var year = new Option<int>("--year") { Description = "更新の年（8月1日または4月1日の年）", Required = true };
        var step = new Option<string>("--step") { Description = "forms（申請書の送付）または decide（決定、決裁）", Required = true };
        step.AcceptOnlyFromAmong("forms", "decide");
        var output = new Option<string?>("--out") { Description = "forms: 更新申請書のPDFを書き出すフォルダ（既定 renewal-forms-YYYY）。decide: 指定すると決定後に受給資格証と喪失通知書のPDFを書き出す" };
        var approval = new CliApproval(required: false);
        var command = new Command(name, description) { year, step, output };
        approval.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var theYear = parsed.GetValue(year);
            var theStep = parsed.GetValue(step)!;
            if (kind == RenewalKind.April && theStep == "forms")
            {
                throw new CliExitException(ExitCodes.Usage, "4月の年齢区分更新では申請書を送付しません（--step decide だけです）。");
            }

            if (theYear is < 2000 or > 9998)
            {
                throw new CliExitException(ExitCodes.Usage, $"--year は西暦4桁で指定してください: {theYear}");
            }

            var key = $"renew {name} --step {theStep}";
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            var user = await session.RequireUserAsync(parsed, options, key, cancellationToken).ConfigureAwait(false);
            var renewals = session.Services.GetRequiredService<Renewals>();
            var progress = environment.IsOutputTerminal ? new TerminalProgress(environment.Out, theStep == "forms" ? "申請書作成中" : "決定中") : null;
            string text;
            try
            {
                if (theStep == "forms")
                {
                    var folder = Path.GetFullPath(parsed.GetValue(output) ?? string.Create(CultureInfo.InvariantCulture, $"renewal-forms-{theYear}"));
                    string? written = null;
                    var result = await renewals.SendFormsAsync(theYear, session.Actor, async (document, token) =>
                    {
                        written = await WritePdfAsync(folder, "forms", document, "更新申請書を書き出せません（何も送付済みにしていません）", token).ConfigureAwait(false);
                    }, progress, cancellationToken).ConfigureAwait(false);
                    text = FormsText(result, written);
                }
                else
                {
                    await approval.RequireAsync(parsed, session, user, key, cancellationToken).ConfigureAwait(false);
                    var result = await renewals.DecideAsync(kind, theYear, session.Actor, progress, cancellationToken).ConfigureAwait(false);
                    text = DecideText(result);
                    if (parsed.GetValue(output) is { } outputFolder)
                    {
                        var folder = Path.GetFullPath(outputFolder);
                        var printed = new StringBuilder();
                        foreach (var what in Renewals.PrintKinds(kind))
                        {
                            var print = await PrintPdfAsync(renewals, kind, theYear, what, session.Actor, folder, cancellationToken).ConfigureAwait(false);
                            if (print is { Printed: var done, Path: var written })
                            {
                                printed.Append(CultureInfo.InvariantCulture, $"{Renewals.Label(what)}: {done.Documents} 通（{done.Households} 世帯、{done.Pdf.Pages} ページ）: {written}\n");
                            }
                        }

                        text += printed.Length > 0 ? printed.ToString() : "新たに印刷する受給資格証・喪失通知書はありません。\n";
                    }
                }
            }
            catch (RenewalRefusedException exception)
            {
                throw new CliExitException(ExitCodes.Rejected, exception.Message);
            }
            catch (MasterDataMissingException exception)
            {
                throw new CliExitException(ExitCodes.Environment, exception.Message);
            }
            finally
            {
                if (progress is not null)
                {
                    await environment.Out.WriteLineAsync().ConfigureAwait(false);
                }
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes the PDF as the next free <c>STEM-NNN.pdf</c> of <paramref name="folder"/> (through a temporary file); returns its path.</summary>
    private static async Task<string> WritePdfAsync(string folder, string stem, RenderedDocument document, string failure, CancellationToken cancellationToken)
    {
        try
        {
            var path = NextFree(folder, stem);
            await AtomicFile.WriteAllBytesAsync(path, document.Pdf, cancellationToken, overwrite: false).ConfigureAwait(false);
            return path;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliExitException(ExitCodes.Environment, $"{failure}: {exception.Message}");
        }
    }

    /// <summary>
    /// The batch print of <paramref name="what"/> streamed into the next free <c>STEM-NNN.pdf</c> of
    /// <paramref name="folder"/> (a temporary file beside it, renamed in when complete, before the print
    /// is recorded; ADR 0041); null when nothing is due.
    /// </summary>
    private static async Task<(RenewalPrintedPdf Printed, string Path)?> PrintPdfAsync(
        Renewals renewals, RenewalKind kind, int year, RenewalPrintKind what, string actor, string folder, CancellationToken cancellationToken)
    {
        string? path = null;
        try
        {
            var printed = await renewals.PrintAsync(kind, year, what, actor, () => new FileBatchPdf(path = NextFree(folder, Renewals.FileStem(what))), cancellationToken).ConfigureAwait(false);
            return printed is null ? null : (printed, path!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliExitException(ExitCodes.Environment, $"{Renewals.Label(what)}を書き出せません（印刷済みにしていません）: {exception.Message}");
        }
    }

    /// <summary>The next free <c>STEM-NNN.pdf</c> of <paramref name="folder"/> (created if missing).</summary>
    private static string NextFree(string folder, string stem)
    {
        Directory.CreateDirectory(folder);
        var number = 1;
        string path;
        while (File.Exists(path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{stem}-{number:000}.pdf"))))
        {
            number++;
        }

        return path;
    }

    public static string FormsText(RenewalFormsResult result, string? written)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"年度切替更新 {result.Year}: 対象 {result.Households} 世帯（今回追加 {result.NewlyListed} 世帯）\n");
        text.Append(written is null
            ? "新たに送付する更新申請書はありません。\n"
            : string.Create(invariant, $"更新申請書 {result.Sent} 世帯分（{result.Forms!.PageCount} ページ）: {written}\n"));
        return text.ToString();
    }

    public static string DecideText(RenewalDecideResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"{Renewals.Label(result.Kind)} {result.Year}: 今回決定 {result.DecidedNow} 世帯、決定済み {result.AlreadyDecided} 世帯\n");
        foreach (var (outcome, count) in result.Decided.Where(pair => pair.Value > 0))
        {
            text.Append(invariant, $"{Renewals.Label(outcome)}: {count} 世帯\n");
        }

        text.Append(invariant, $"新しい受給資格証: {result.Certificates} 人、喪失: {result.Losses} 人\n");
        if (result.Waiting > 0)
        {
            text.Append(invariant, $"返送待ち（{result.GraceEnds:yyyy-MM-dd} から更新未提出）: {result.Waiting} 世帯\n");
        }

        if (result.Held > 0)
        {
            text.Append(invariant, $"保留（理由は結果一覧）: {result.Held} 世帯\n");
        }

        return text.ToString();
    }

    /// <summary>"決定中 1,200 / 20,000 世帯" on one terminal line; written synchronously so that it ends before the summary.</summary>
    private sealed class TerminalProgress(TextWriter output, string label) : IProgress<RenewalProgress>
    {
        public void Report(RenewalProgress value)
        {
            if (value.Done % 100 != 0 && value.Done != value.Total)
            {
                return;
            }

            output.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} {value.Done:N0} / {value.Total:N0} 世帯"));
            output.Flush();
        }
    }
}
