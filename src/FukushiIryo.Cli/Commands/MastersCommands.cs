using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.Formats.Reference;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi masters update banks|postal FILE [--edition LABEL]</c> (interfaces.md §7, システム管理 or
/// 保守委託): loads a new edition of the bank master or of the postal data (docs/masters.md).
/// </summary>
internal static class MastersCommands
{
    private const int MaxErrorsPrinted = 50;

    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var update = new Command("update", "参照マスタ（金融機関・郵便番号）を新しい版に更新する（システム管理・保守委託）");
        update.Subcommands.Add(Update(options, environment, ReferenceMasterSet.Banks, "banks",
            "金融機関マスタを更新する: zengin-code の banks.csv / branches.csv（見出しで判別）、または両方を収めた zip"));
        update.Subcommands.Add(Update(options, environment, ReferenceMasterSet.Postal, "postal",
            "郵便番号データを更新する: KEN_ALL.CSV / utf_ken_all.csv / JIGYOSYO.CSV（そのまま、または zip）"));
        var masters = new Command("masters", "マスタの管理");
        masters.Subcommands.Add(update);
        return masters;
    }

    private static Command Update(GlobalOptions options, CliEnvironment environment, ReferenceMasterSet set, string name, string description)
    {
        var file = new Argument<string>("FILE") { Description = "読み込むファイル（CSV または zip）" };
        var edition = new Option<string?>("--edition")
        {
            Description = "版の名前（1〜40文字。既定: データの日付 yyyy-MM-dd — zip 内のファイルの日付、なければファイルの更新日）",
        };
        var command = new Command(name, description) { file, edition };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "masters update " + name, cancellationToken).ConfigureAwait(false);
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliExitException(ExitCodes.Rejected, $"ファイルがありません: {path}");
            }

            ReferenceUpdateResult result;
            try
            {
                result = await ReferenceMasters.UpdateAsync(
                    session.Db, set, Path.GetFullPath(path), parsed.GetValue(edition), session.Actor, AppClock.Now(environment.Clock), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ReferenceDataException exception)
            {
                foreach (var error in exception.Errors.Take(MaxErrorsPrinted))
                {
                    await environment.Error.WriteLineAsync(error.ToString()).ConfigureAwait(false);
                }

                if (exception.TotalCount > MaxErrorsPrinted)
                {
                    await environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"ほか {exception.TotalCount - MaxErrorsPrinted} 件")).ConfigureAwait(false);
                }

                throw new CliExitException(ExitCodes.Rejected, string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(path)} は読み込めません（誤り {exception.TotalCount} 件）。何も更新していません。"));
            }
            catch (FileNotFoundException)
            {
                throw new CliExitException(ExitCodes.Rejected, $"ファイルがありません: {path}");
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await WriteSummaryAsync(environment.Out, set, Path.GetFileName(path), result).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteSummaryAsync(TextWriter output, ReferenceMasterSet set, string file, ReferenceUpdateResult result)
    {
        await output.WriteLineAsync(set == ReferenceMasterSet.Banks
            ? $"金融機関マスタを読み込みました: {file}"
            : $"郵便番号データを読み込みました: {file}").ConfigureAwait(false);
        foreach (var table in result.Tables)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{ReferenceMasters.KindName(table.Kind)}: 追加 {table.Added:N0}、変更 {table.Changed:N0}、廃止 {table.Removed:N0}、変更なし {table.Unchanged:N0}" +
                $"（版 {table.Edition}{(table.Duplicates > 0 ? $"、重複して読み飛ばした行 {table.Duplicates:N0}" : string.Empty)}）")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(result.HasChanges
            ? string.Create(CultureInfo.InvariantCulture,
                $"合計: 追加 {result.Added:N0}、変更 {result.Changed:N0}、廃止 {result.Removed:N0}、変更なし {result.Unchanged:N0}")
            : "変更はありません（すべて現在の版と同じです）。").ConfigureAwait(false);
    }
}
