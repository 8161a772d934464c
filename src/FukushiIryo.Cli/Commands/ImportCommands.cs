using System.CommandLine;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Income;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary><c>fukushi import residents|tax|recipients FILE</c> (interfaces.md §0, §1, §3, §4).</summary>
internal static class ImportCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var import = new Command("import", "ファイルの取込");
        import.Subcommands.Add(Residents(options, environment));
        import.Subcommands.Add(Tax(options, environment));
        import.Subcommands.Add(Recipients(options, environment));
        import.Subcommands.Add(MedicalClaimsImportCommands.Receipts(options, environment));
        import.Subcommands.Add(MedicalClaimsImportCommands.PaidReceipts(options, environment));
        import.Subcommands.Add(AtenaCommands.Import(options, environment));
        import.Subcommands.Add(EApplicationCommands.Import(options, environment));
        return import;
    }

    private static Command Tax(GlobalOptions options, CliEnvironment environment)
    {
        var common = new ImportOptions();
        var command = new Command("tax", "地方税関係情報（税務システムの抽出）を取り込む（審査）");
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
            await RunAsync(parsed, options, environment, common, "import tax", async (session, request) =>
            {
                var import = new TaxImport(session.Db, environment.Clock);
                return await import.RunAsync(request, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static Command Residents(GlobalOptions options, CliEnvironment environment)
    {
        var common = new ImportOptions();
        var migration = new Option<bool>("--migration") { Description = "初回移行: 目的外の行も含めすべて取り込む（システム管理）" };
        var command = new Command("residents", "住民・宛名情報（住基・統合宛名の抽出）を取り込む（審査）");
        common.AddTo(command);
        command.Options.Add(migration);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var isMigration = parsed.GetValue(migration);
            return await RunAsync(parsed, options, environment, common, isMigration ? "import residents --migration" : "import residents", async (session, request) =>
            {
                var import = new ResidentsImport(session.Db, environment.Clock);
                return await import.RunAsync(request with { Migration = isMigration }, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Recipients(GlobalOptions options, CliEnvironment environment)
    {
        var common = new ImportOptions();
        var command = new Command("recipients", "旧システムの受給者台帳を移行する（システム管理）");
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
            await RunAsync(parsed, options, environment, common, "import recipients", async (session, request) =>
            {
                var import = new RecipientsImport(session.Db, environment.Clock);
                return await import.RunAsync(request, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false));
        return command;
    }

    internal static async Task<int> RunAsync(
        ParseResult parsed,
        GlobalOptions options,
        CliEnvironment environment,
        ImportOptions common,
        string permission,
        Func<CliSession, ImportRequest, Task<ImportResult>> run,
        CancellationToken cancellationToken,
        IReadOnlyCollection<string>? builtInLayouts = null)
    {
        var path = parsed.GetValue(common.File)!;
        // Without --encoding, a layout file's own encoding applies (interfaces.md §0).
        EncodingChoice? encoding = null;
        try
        {
            if (parsed.GetValue(common.Encoding) is { } option)
            {
                encoding = InputEncoding.ParseOption(option);
            }
        }
        catch (ArgumentException exception)
        {
            throw new CliExitException(ExitCodes.Usage, exception.Message);
        }

        await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
        var user = await session.RequireUserAsync(parsed, options, permission, cancellationToken).ConfigureAwait(false);
        var mayViewSensitive = SensitiveItems.MayView(await session.Services.GetRequiredService<StaffAccounts>().RolesOfAsync(user).ConfigureAwait(false));
        if (!File.Exists(path))
        {
            throw new CliExitException(ExitCodes.Rejected, $"ファイルがありません: {path}");
        }

        var layout = parsed.GetValue(common.Layout);
        if (layout is not null && builtInLayouts is not null && builtInLayouts.Contains(layout))
        {
            // A built-in layout's name (import receipts --layout uke|autopay), not a layout file.
            layout = null;
        }

        if (layout is not null && !File.Exists(layout))
        {
            throw new CliExitException(ExitCodes.Rejected, $"レイアウトファイルがありません: {layout}");
        }

        var request = new ImportRequest(path, session.Actor, JstClock.Today(environment.Clock), encoding, layout, parsed.GetValue(common.DryRun));
        ImportResult result;
        try
        {
            result = await run(session, request).ConfigureAwait(false);
        }
        catch (ImportLayoutException exception)
        {
            throw new CliExitException(ExitCodes.Rejected, $"レイアウトファイルが正しくありません: {exception.Message}");
        }

        if (result.HasErrors)
        {
            var reportPath = ImportErrorReport.DefaultPath(path, parsed.GetValue(common.ReportDirectory));
            // 秘匿項目 (tax items, account, memo) are masked for an operator without the permission to see them (P11).
            var errors = SensitiveItems.ForViewer(result.Errors, mayViewSensitive);
            ImportErrorReport.Write(reportPath, errors);
            foreach (var error in errors.Take(1000))
            {
                await environment.Error.WriteLineAsync($"{Path.GetFileName(path)}:{error.Line}: {error.Column}: 「{error.Value}」 {error.Reason}").ConfigureAwait(false);
            }

            if (result.ErrorCount > 1000)
            {
                await environment.Error.WriteLineAsync($"ほか {result.ErrorCount - 1000} 件のエラーはエラーレポートを参照してください。").ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync($"エラーレポート: {reportPath}").ConfigureAwait(false);
            session.Db.AddAudit(new AuditEntry(session.Actor, AuditEventType.ImportErrorReportWritten, "file", result.FileName, new Dictionary<string, object?>
            {
                ["report"] = Path.GetFileName(reportPath),
                ["errors"] = result.ErrorCount,
                ["sha256"] = result.Sha256,
                ["masked"] = !mayViewSensitive,
            }));
            await session.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (result.Status == ImportStatus.Imported || result.HasErrors)
        {
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
        }

        foreach (var line in result.SummaryLines())
        {
            await environment.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return result.Status is ImportStatus.Imported or ImportStatus.Validated ? ExitCodes.Success : ExitCodes.Rejected;
    }

    /// <summary>The options every import shares.</summary>
    internal sealed class ImportOptions
    {
        public Argument<string> File { get; } = new("FILE") { Description = "取り込むファイル" };

        public Option<string?> Encoding { get; } = new("--encoding") { Description = "文字コード: auto（既定）, utf-8, cp932" };

        public Option<string?> Layout { get; } = new("--layout") { Description = "レイアウトファイル（JSON）" };

        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "検証だけ行い、書き込まない" };

        public Option<string?> ReportDirectory { get; } = new("--report-dir") { Description = "エラーレポートの出力先（既定: カレントディレクトリ）" };

        public void AddTo(Command command)
        {
            command.Arguments.Add(File);
            command.Options.Add(Encoding);
            command.Options.Add(Layout);
            command.Options.Add(DryRun);
            command.Options.Add(ReportDirectory);
        }
    }
}
