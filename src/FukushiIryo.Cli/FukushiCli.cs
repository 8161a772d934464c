using System.CommandLine;
using FukushiIryo.Cli.Commands;

namespace FukushiIryo.Cli;

/// <summary>The <c>fukushi</c> command line (interfaces.md §7).</summary>
internal static class FukushiCli
{
    public static Task<int> RunAsync(string[] args, CliEnvironment environment) =>
        RunAsync(args, environment, BuildRoot(new GlobalOptions(), environment));

    /// <summary>Runs <paramref name="args"/> against a given command tree (tests add a probe command to the real one).</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await environment.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync("使い方は fukushi --help で確認できます。").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            }).ConfigureAwait(false);
        }
        catch (CliExitException exit)
        {
            await environment.Error.WriteLineAsync(exit.Message).ConfigureAwait(false);
            return exit.ExitCode;
        }
        catch (Exception fault) when (CliFaults.IsEnvironment(fault))
        {
            // The database went away or the disk filled up half-way: exit 4 with a message, not a stack trace.
            await environment.Error.WriteLineAsync(CliFaults.Describe(fault)).ConfigureAwait(false);
            return ExitCodes.Environment;
        }
    }

    /// <summary>The whole command tree; tests walk it against <see cref="CliPermissions"/>.</summary>
    public static RootCommand BuildRoot(GlobalOptions options, CliEnvironment environment)
    {
        var root = new RootCommand("福祉医療費助成システム（ひとり親家庭等医療費助成）の運用コマンド");
        options.AddTo(root);
        root.Subcommands.Add(DbCommands.Build(options, environment));
        root.Subcommands.Add(UsersCommands.Build(options, environment));
        root.Subcommands.Add(AuditCommands.Build(options, environment));
        root.Subcommands.Add(ImportCommands.Build(options, environment));
        root.Subcommands.Add(MastersCommands.Build(options, environment));
        root.Subcommands.Add(IncomeCommands.Build(options, environment));
        root.Subcommands.Add(ReviewCommands.Build(options, environment));
        root.Subcommands.Add(RenewCommands.Build(options, environment));
        root.Subcommands.Add(DemoCommands.Build(options, environment));
        root.Subcommands.Add(SettingsCommands.Build(options, environment));
        root.Subcommands.Add(ApiKeysCommands.Build(options, environment));
        root.Subcommands.Add(PaymentsCommands.Build(options, environment));
        root.Subcommands.Add(AtenaCommands.Build(options, environment));
        root.Subcommands.Add(InquiryCommands.Build(options, environment));
        root.Subcommands.Add(PmhCommands.Build(options, environment));
        root.Subcommands.Add(ReportCommands.Build(options, environment));
        return root;
    }
}

/// <summary>Options every command accepts.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Database { get; } = new("--db")
    {
        Description = "福祉データベース: sqlite:PATH または postgres:接続文字列（既定: 環境変数 FUKUSHI_DB、なければ sqlite:data/fukushi.db）",
        Recursive = true,
    };

    public Option<string?> AtenaDatabase { get; } = new("--atena-db")
    {
        Description = "宛名データベース（既定: 環境変数 FUKUSHI_ATENA_DB、なければ sqlite:data/atena.db）",
        Recursive = true,
    };

    public Option<string?> User { get; } = new("--user")
    {
        Description = "操作する職員のログインID",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Database);
        root.Options.Add(AtenaDatabase);
        root.Options.Add(User);
    }
}
