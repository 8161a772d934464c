using System.CommandLine;
using System.Globalization;
using FukushiIryo.Atena.Importing;
using FukushiIryo.Atena.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// The 宛名 module's commands (ADR 0027): <c>import atena FILE</c> (interfaces.md §2) and <c>atena rotate-keys</c>.
/// Both need 宛名管理 and the 宛名 database (<c>--atena-db</c>) besides the welfare one, where they are audited.
/// </summary>
internal static class AtenaCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var rotate = new Command("rotate-keys", "宛名モジュールの鍵を更新する: 新しい鍵の版を作り、すべての個人番号を暗号化し直し、索引を作り直す（宛名管理）");
        rotate.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "atena rotate-keys", cancellationToken).ConfigureAwait(false);
            await session.RequireAtenaDatabaseAsync(cancellationToken).ConfigureAwait(false);
            AtenaKeyRotationResult result;
            try
            {
                var progress = environment.IsOutputTerminal
                    ? new Progress<int>(count => environment.Out.Write($"\r再暗号化 {count.ToString(CultureInfo.InvariantCulture)} 件"))
                    : null;
                result = await session.Services.GetRequiredService<AtenaKeyRotation>().RotateAsync(session.Actor, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (AtenaKeyRingException exception)
            {
                throw new CliExitException(ExitCodes.Environment, exception.Message);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            if (environment.IsOutputTerminal)
            {
                await environment.Out.WriteLineAsync().ConfigureAwait(false);
            }

            await environment.Out.WriteLineAsync(
                $"宛名モジュールの鍵を更新しました: 版 {result.FromVersion.ToString(CultureInfo.InvariantCulture)} → {result.ToVersion.ToString(CultureInfo.InvariantCulture)}、再暗号化 {result.RowsResealed.ToString(CultureInfo.InvariantCulture)} 件。" +
                "古い版の鍵ファイルは、それ以前の宛名データベースのバックアップを復元する必要がなくなるまで保管してください。").ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var atena = new Command("atena", "宛名モジュール（個人番号の保管庫）の管理");
        atena.Subcommands.Add(rotate);
        return atena;
    }

    /// <summary><c>import atena FILE</c>: the 個人番号 link file (interfaces.md §2), all or nothing.</summary>
    public static Command Import(GlobalOptions options, CliEnvironment environment)
    {
        var common = new ImportCommands.ImportOptions();
        var command = new Command("atena", "個人番号の紐付けファイル（宛名番号, 個人番号）を宛名モジュールに取り込む（宛名管理）");
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
            await ImportCommands.RunAsync(parsed, options, environment, common, "import atena", async (session, request) =>
            {
                await session.RequireAtenaDatabaseAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await session.Services.GetRequiredService<AtenaImport>().RunAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (AtenaKeyRingException exception)
                {
                    throw new CliExitException(ExitCodes.Environment, exception.Message);
                }
            }, cancellationToken).ConfigureAwait(false));
        return command;
    }
}
