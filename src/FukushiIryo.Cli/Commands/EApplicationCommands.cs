using System.CommandLine;
using System.Text;
using FukushiIryo.App.Applications;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi import e-application FILE</c> (ADR 0029, 窓口): one 電子申請 as JSON
/// (docs/formats/e-application.schema.json), as the e-application system's 取得画面 gives it. Problems
/// go to standard error one per field (exit 1), nothing kept; on acceptance the 個人番号 have gone to
/// the 宛名 vault (<c>--atena-db</c>) and the application waits on 電子申請（登録待ち）.
/// </summary>
internal static class EApplicationCommands
{
    public static Command Import(GlobalOptions options, CliEnvironment environment)
    {
        var file = new Argument<string>("FILE") { Description = "電子申請のJSONファイル（UTF-8）" };
        var command = new Command("e-application", "電子申請（JSON）を受け付ける（窓口）。個人番号は宛名の保管庫へ渡し、福祉側には残さない");
        command.Arguments.Add(file);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "import e-application", cancellationToken).ConfigureAwait(false);
            if (!File.Exists(path))
            {
                throw new CliExitException(ExitCodes.Rejected, $"ファイルがありません: {path}");
            }

            if (new FileInfo(path).Length > EApplications.MaxBytes)
            {
                throw new CliExitException(ExitCodes.Rejected, $"電子申請が大きすぎます（{EApplications.MaxBytes / 1024}KBまで）: {path}");
            }

            var json = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);

            // The 宛名 vault (--atena-db): its database must exist and be current, else exit 4.
            var vault = await session.OpenAtenaVaultAsync(cancellationToken).ConfigureAwait(false);
            var receipt = await new EApplications(session.Db, vault, environment.Clock).ReceiveAsync(json, session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);

            if (receipt.Saved is not { } saved || receipt.Payload is not { } payload)
            {
                foreach (var (field, message) in receipt.Problems.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    await environment.Error.WriteLineAsync(field.Length == 0 ? message : $"{field}: {message}").ConfigureAwait(false);
                }

                await environment.Error.WriteLineAsync("電子申請に誤りがあります。何も保存していません。").ConfigureAwait(false);
                return ExitCodes.Rejected;
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            var matched = payload.Children.Count(c => c.Person.AtenaNumber is not null);
            await environment.Out.WriteLineAsync($"電子申請 {saved.ExternalId} を受け付けました（申請者: {(payload.Applicant.AtenaNumber is null ? "未照合" : "照合済")}、対象児童 {payload.Children.Count} 人のうち照合済 {matched} 人）。").ConfigureAwait(false);
            await environment.Out.WriteLineAsync("画面の「電子申請（登録待ち）」から新規申請として登録してください。このファイルには個人番号が含まれます。速やかに完全消去してください。").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
