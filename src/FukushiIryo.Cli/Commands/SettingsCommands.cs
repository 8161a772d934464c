using System.CommandLine;
using FukushiIryo.App.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary><c>fukushi settings set KEY VALUE</c> (interfaces.md §7) and <c>settings list</c>.</summary>
internal static class SettingsCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var settings = new Command("settings", "システム設定（システム管理）");
        settings.Subcommands.Add(Set(options, environment));
        settings.Subcommands.Add(List(options, environment));
        return settings;
    }

    private static Command Set(GlobalOptions options, CliEnvironment environment)
    {
        var key = new Argument<string>("KEY") { Description = "設定名: " + string.Join(", ", SystemSettings.Definitions.Select(d => d.Key)) };
        var value = new Argument<string>("VALUE") { Description = "新しい値" };
        var command = new Command("set", "システム設定を変更する（変更は監査ログに記録）") { key, value };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var name = parsed.GetValue(key)!;
            if (SystemSettings.Find(name) is null)
            {
                throw new CliExitException(ExitCodes.Usage,
                    $"設定 {name} はありません。設定できるのは {string.Join(", ", SystemSettings.Definitions.Select(d => d.Key))} です。");
            }

            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "settings set", cancellationToken).ConfigureAwait(false);
            var store = session.Services.GetRequiredService<SystemSettings>();
            try
            {
                var old = await store.SetAsync(name, parsed.GetValue(value)!, session.Actor, cancellationToken).ConfigureAwait(false);
                await environment.Out.WriteLineAsync($"{name} を変更しました（変更前: {old}）。").ConfigureAwait(false);
            }
            catch (FormatException exception)
            {
                throw new CliExitException(ExitCodes.Rejected, $"{name} の値が正しくありません: {exception.Message}");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(GlobalOptions options, CliEnvironment environment)
    {
        var command = new Command("list", "システム設定の一覧（設定名・値・説明、タブ区切り）");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "settings list", cancellationToken).ConfigureAwait(false);
            var store = session.Services.GetRequiredService<SystemSettings>();
            await environment.Out.WriteLineAsync("設定名\t値\t説明").ConfigureAwait(false);
            foreach (var definition in SystemSettings.Definitions)
            {
                var current = await store.GetAsync(definition.Key, cancellationToken).ConfigureAwait(false);
                await environment.Out.WriteLineAsync($"{definition.Key}\t{current}\t{definition.Description}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
