using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi apikeys add --system NAME --permissions p1,p2 | list | disable ID</c> (ADR 0018,
/// システム管理): the API keys of external systems. <c>add</c> prints the key once; only its hash is kept.
/// </summary>
internal static class ApiKeysCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var keys = new Command("apikeys", "外部システムのAPIキー（システム管理）");
        keys.Subcommands.Add(Add(options, environment));
        keys.Subcommands.Add(List(options, environment));
        keys.Subcommands.Add(Disable(options, environment));
        return keys;
    }

    private static Command Add(GlobalOptions options, CliEnvironment environment)
    {
        var system = new Option<string>("--system") { Description = "外部システム名（英数字・-・_・.）", Required = true };
        var permissions = new Option<string>("--permissions") { Description = "与える権限（カンマ区切り）: " + string.Join(",", ApiKeys.Grantable), Required = true };
        var validFrom = new Option<string?>("--valid-from") { Description = "有効期間の開始日（既定: 今日）" };
        var validTo = new Option<string?>("--valid-to") { Description = "この日から使えなくなる日（終了日の翌日）" };
        var command = new Command("add", "APIキーを発行する（キーはこの一度だけ表示）") { system, permissions, validFrom, validTo };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var from = ParseDate(parsed.GetValue(validFrom), "--valid-from");
            var to = ParseDate(parsed.GetValue(validTo), "--valid-to");
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "apikeys add", cancellationToken).ConfigureAwait(false);
            IssuedApiKey issued;
            try
            {
                issued = await session.Services.GetRequiredService<ApiKeys>().AddAsync(
                    parsed.GetValue(system)!, parsed.GetValue(permissions)!.Split([',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    from, to, session.Actor, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiKeyRefusedException exception)
            {
                throw new CliExitException(ExitCodes.Rejected, exception.Message);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteLineAsync(issued.Secret).ConfigureAwait(false);
            await environment.Error.WriteLineAsync(
                $"APIキー {issued.Key.Id}（{issued.Key.SystemName}、権限 {issued.Key.Permissions}）を発行しました。キーは今だけ表示します。X-Api-Key ヘッダーで送ってください。").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(GlobalOptions options, CliEnvironment environment)
    {
        var command = new Command("list", "APIキーの一覧（ID・システム・権限・有効期間・状態、タブ区切り。キーは表示しない）");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "apikeys list", cancellationToken).ConfigureAwait(false);
            var keys = await session.Services.GetRequiredService<ApiKeys>().ListAsync(session.Actor, cancellationToken).ConfigureAwait(false);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            var today = JstClock.Today(session.Services.GetRequiredService<TimeProvider>());
            await environment.Out.WriteLineAsync("ID\tシステム\t権限\t開始日\t終了日\t状態").ConfigureAwait(false);
            foreach (var key in keys)
            {
                var state = key.DisabledAt is not null ? "無効" : key.IsUsableOn(today) ? "有効" : "期間外";
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{key.Id}\t{key.SystemName}\t{key.Permissions}\t{Iso(key.ValidFrom)}\t{(key.ValidTo is { } to ? Iso(to) : string.Empty)}\t{state}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Disable(GlobalOptions options, CliEnvironment environment)
    {
        var id = new Argument<long>("ID") { Description = "apikeys list のID" };
        var command = new Command("disable", "APIキーを無効にする（以後のAPI呼出しは401）") { id };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "apikeys disable", cancellationToken).ConfigureAwait(false);
            try
            {
                var key = await session.Services.GetRequiredService<ApiKeys>().DisableAsync(parsed.GetValue(id), session.Actor, cancellationToken).ConfigureAwait(false);
                await environment.Out.WriteLineAsync($"APIキー {key.Id}（{key.SystemName}）を無効にしました。").ConfigureAwait(false);
            }
            catch (ApiKeyRefusedException exception)
            {
                throw new CliExitException(ExitCodes.Rejected, exception.Message);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static DateOnly? ParseDate(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var result = ImportDate.TryParseDate(value);
        return result.TryGetValue(out var date)
            ? date
            : throw new CliExitException(ExitCodes.Usage, $"{option} の日付が読めません: {value}（{result.ErrorMessage}）");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
