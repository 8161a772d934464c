using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Pmh;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi pmh export --out FILE [--since DATE]</c> (interfaces.md §6–§7, 宛名管理, ADR 0028): writes
/// the PMH 医療費助成対象者情報 JSON, full or the difference since DATE (a JST date). The 個人番号 come
/// from the 宛名 vault at export time; persons without one are listed on stderr (宛名番号 only) and left
/// out. The file is written beside FILE and moved into place only when complete (owner-only permissions),
/// so a failure leaves nothing half-written.
/// </summary>
internal static class PmhCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var output = new Option<string>("--out") { Description = "出力するファイル（JSON、UTF-8）", Required = true };
        var since = new Option<string?>("--since") { Description = "この日（YYYY-MM-DD、日本時間）以降の差分だけを出力する（削除フラグつき）" };
        var export = new Command("export", "PMH 医療費助成対象者情報（JSON）を出力する。個人番号を含む（宛名管理）")
        {
            output,
            since,
        };
        export.SetAction(async (parsed, cancellationToken) =>
        {
            DateOnly? sinceDate = null;
            if (parsed.GetValue(since) is { } text)
            {
                sinceDate = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new CliExitException(ExitCodes.Usage, $"--since は YYYY-MM-DD の日付です: {text}");
            }

            var path = Path.GetFullPath(parsed.GetValue(output)!);
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "pmh export", cancellationToken).ConfigureAwait(false);
            await session.OpenAtenaVaultAsync(cancellationToken).ConfigureAwait(false);
            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder))
            {
                throw new CliExitException(ExitCodes.Rejected, $"出力先のフォルダがありません: {folder}");
            }

            var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            PmhExportResult result;
            try
            {
                var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using (var file = new FileStream(temporary, fileOptions))
                {
                    result = await session.Services.GetRequiredService<PmhExport>()
                        .WriteAsync(file, sinceDate, session.Actor, cancellationToken).ConfigureAwait(false);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (PmhExportRefusedException exception)
            {
                throw new CliExitException(ExitCodes.Rejected, exception.Message);
            }
            catch (AtenaVaultRefusedException exception)
            {
                throw new CliExitException(exception.NotPermitted ? ExitCodes.NotPermitted : ExitCodes.Rejected, exception.Message);
            }
            catch (IOException exception)
            {
                throw new CliExitException(ExitCodes.Environment, $"ファイルを書けません: {path}（{exception.Message}）");
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            var culture = CultureInfo.InvariantCulture;
            if (result.WithoutMyNumber.Count > 0)
            {
                await environment.Error.WriteLineAsync(string.Create(culture,
                    $"個人番号が登録されていないため出力しなかった人: {result.WithoutMyNumber.Count}人（宛名番号: {string.Join(", ", result.WithoutMyNumber)}）")).ConfigureAwait(false);
            }

            if (result.WithoutPeriod.Count > 0)
            {
                await environment.Error.WriteLineAsync(string.Create(culture,
                    $"有効期間の終了日がないため出力しなかった資格: {result.WithoutPeriod.Count}件（受給者番号: {string.Join(", ", result.WithoutPeriod)}）")).ConfigureAwait(false);
            }

            await environment.Out.WriteLineAsync(string.Create(culture,
                $"PMH 出力（{(sinceDate is { } day ? $"{day:yyyy-MM-dd} 以降の差分" : "全件")}）: 登録・更新 {result.Written}件、削除 {result.Deleted}件 → {path}")).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var pmh = new Command("pmh", "PMH（Public Medical Hub）連携");
        pmh.Subcommands.Add(export);
        return pmh;
    }
}
