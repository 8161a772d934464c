using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi inquiry request --atena N --item 特定個人情報 --purpose TEXT [--procedure 事務]</c> and
/// <c>fukushi inquiry result --id N --result TEXT</c> (窓口 or 審査, pia-controls P15): an inquiry
/// through the 情報提供ネットワークシステム is checked against the 照会許可照合リスト of today and recorded,
/// or refused (exit 3, audited); its answer is entered when it comes back. There is no live
/// connection (ADR 0030): the command records, it does not send.
/// </summary>
internal static class InquiryCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var inquiry = new Command("inquiry", "情報照会（照会許可照合リストの確認と記録）");
        inquiry.Subcommands.Add(BuildRequest(options, environment));
        inquiry.Subcommands.Add(BuildResult(options, environment));
        return inquiry;
    }

    private static Command BuildRequest(GlobalOptions options, CliEnvironment environment)
    {
        var atena = new Option<string>("--atena") { Description = "宛名番号（個人番号は使いません）", Required = true };
        var item = new Option<string>("--item") { Description = "照会する特定個人情報（例: 地方税関係情報）", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "照会の目的", Required = true };
        var procedure = new Option<string?>("--procedure") { Description = "事務（省略時: " + NetworkInquiries.ThisProcedure + "）" };
        var command = new Command("request", "情報照会を照会許可照合リストで確かめて記録する（窓口・審査）") { atena, item, purpose, procedure };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "inquiry request", cancellationToken).ConfigureAwait(false);
            var outcome = await session.Services.GetRequiredService<NetworkInquiries>().RequestAsync(
                new NetworkInquiryEntry(parsed.GetValue(atena), parsed.GetValue(procedure) ?? NetworkInquiries.ThisProcedure, parsed.GetValue(item), parsed.GetValue(purpose)),
                session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            Reject(outcome.Problems);
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            if (outcome.Refusal is { } refusal)
            {
                throw new CliExitException(ExitCodes.NotPermitted, refusal);
            }

            var recorded = outcome.Inquiry!;
            await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"情報照会 {recorded.Id} を記録しました: {recorded.InformationItem}（情報提供者: {recorded.Provider}、根拠: {recorded.LegalBasis}）。結果が届いたら fukushi inquiry result --id {recorded.Id} で入力してください。")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildResult(GlobalOptions options, CliEnvironment environment)
    {
        var id = new Option<long>("--id") { Description = "情報照会の番号", Required = true };
        var result = new Option<string>("--result") { Description = "照会結果（届いた回答の内容）", Required = true };
        var command = new Command("result", "情報照会の結果を入力する（窓口・審査）") { id, result };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "inquiry result", cancellationToken).ConfigureAwait(false);
            var inquiryId = parsed.GetValue(id);
            Reject(await session.Services.GetRequiredService<NetworkInquiries>().RecordResultAsync(inquiryId, parsed.GetValue(result), session.Actor, cancellationToken: cancellationToken).ConfigureAwait(false));
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"情報照会 {inquiryId} の結果を入力しました。")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Reject(IReadOnlyList<FieldProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new CliExitException(ExitCodes.Rejected, string.Join("\n", problems.Select(p => p.Message)));
        }
    }
}
