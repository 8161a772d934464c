using System.CommandLine;
using System.Globalization;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary><c>fukushi users add|update|enable|disable|list|totp-enroll</c> (interfaces.md §7).</summary>
internal static class UsersCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var users = new Command("users", "職員アカウントの管理（システム管理）");
        users.Subcommands.Add(Add(options, environment));
        users.Subcommands.Add(Update(options, environment));
        users.Subcommands.Add(SetEnabled(options, environment, enabled: true));
        users.Subcommands.Add(SetEnabled(options, environment, enabled: false));
        users.Subcommands.Add(List(options, environment));
        users.Subcommands.Add(TotpEnroll(options, environment));
        return users;
    }

    private static Command Add(GlobalOptions options, CliEnvironment environment)
    {
        var login = new Option<string>("--login") { Description = "ログインID", Required = true };
        var name = new Option<string>("--name") { Description = "氏名", Required = true };
        var staffNumber = new Option<string>("--staff-no") { Description = "職員番号", Required = true };
        var roles = new Option<string>("--roles") { Description = "ロール（カンマ区切り）: " + string.Join(",", RoleNames.All), Required = true };
        var validFrom = new Option<string?>("--valid-from") { Description = "有効期間の開始日（既定: 今日）" };
        var validTo = new Option<string?>("--valid-to") { Description = "有効期間の終了日" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "標準入力の1行目をパスワードとして設定する" };
        var command = new Command("add", "職員アカウントを作成する（最初のアカウントは --user 不要で、システム管理ロールが必要）")
        {
            login, name, staffNumber, roles, validFrom, validTo, passwordStdin,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            var accounts = session.Services.GetRequiredService<StaffAccounts>();
            var roleList = SplitRoles(parsed.GetValue(roles));
            if (await accounts.IsBootstrapAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!roleList.Contains(RoleNames.SystemAdmin))
                {
                    throw new CliExitException(ExitCodes.NotPermitted,
                        $"最初のアカウントには {RoleNames.SystemAdmin} ロールが必要です。");
                }

                session.UseActor(parsed.GetValue(login)!);
            }
            else
            {
                await session.RequireUserAsync(parsed, options, "users add", cancellationToken).ConfigureAwait(false);
            }

            var account = new NewStaffAccount(
                parsed.GetValue(login)!,
                parsed.GetValue(name)!,
                parsed.GetValue(staffNumber)!,
                roleList,
                ParseDate(parsed.GetValue(validFrom), "--valid-from"),
                ParseDate(parsed.GetValue(validTo), "--valid-to"),
                parsed.GetValue(passwordStdin) ? await ReadPasswordAsync(environment).ConfigureAwait(false) : null);
            return await ReportAsync(await accounts.AddAsync(account, session.Actor, cancellationToken).ConfigureAwait(false), session).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Update(GlobalOptions options, CliEnvironment environment)
    {
        var login = new Option<string>("--login") { Description = "ログインID", Required = true };
        var roles = new Option<string?>("--roles") { Description = "新しいロール（カンマ区切り、全体を置き換え）" };
        var validTo = new Option<string?>("--valid-to") { Description = "有効期間の終了日（異動・退職）" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "標準入力の1行目を新しいパスワードとして設定する" };
        var command = new Command("update", "職員アカウントを変更する") { login, roles, validTo, passwordStdin };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "users update", cancellationToken).ConfigureAwait(false);
            var rolesValue = parsed.GetValue(roles);
            var change = new StaffAccountChange(
                parsed.GetValue(login)!,
                rolesValue is null ? null : SplitRoles(rolesValue),
                ParseDate(parsed.GetValue(validTo), "--valid-to"),
                parsed.GetValue(passwordStdin) ? await ReadPasswordAsync(environment).ConfigureAwait(false) : null);
            var accounts = session.Services.GetRequiredService<StaffAccounts>();
            return await ReportAsync(await accounts.UpdateAsync(change, session.Actor, cancellationToken).ConfigureAwait(false), session).ConfigureAwait(false);
        });
        return command;
    }

    private static Command SetEnabled(GlobalOptions options, CliEnvironment environment, bool enabled)
    {
        var login = new Option<string>("--login") { Description = "ログインID", Required = true };
        var name = enabled ? "enable" : "disable";
        var command = new Command(name, enabled ? "職員アカウントを有効にする" : "職員アカウントを無効にする（全セッション終了）") { login };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "users " + name, cancellationToken).ConfigureAwait(false);
            var accounts = session.Services.GetRequiredService<StaffAccounts>();
            return await ReportAsync(await accounts.SetEnabledAsync(parsed.GetValue(login)!, enabled, session.Actor, cancellationToken).ConfigureAwait(false), session).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List(GlobalOptions options, CliEnvironment environment)
    {
        var command = new Command("list", "職員アカウントの一覧（タブ区切り）");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "users list", cancellationToken).ConfigureAwait(false);
            var accounts = session.Services.GetRequiredService<StaffAccounts>();
            var rows = await accounts.ListAsync(session.Actor, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteLineAsync("ログインID\t氏名\t職員番号\tロール\t有効期間開始\t有効期間終了\t状態\tパスワード").ConfigureAwait(false);
            foreach (var row in rows)
            {
                var state = row.IsDisabled ? "無効" : row.IsActiveToday ? "有効" : "期間外";
                await environment.Out.WriteLineAsync(string.Join('\t',
                    row.Login,
                    row.DisplayName,
                    row.StaffNumber,
                    string.Join(",", row.Roles),
                    Iso(row.ValidFrom),
                    row.ValidTo is { } to ? Iso(to) : string.Empty,
                    state,
                    row.HasPassword ? "設定済" : "未設定")).ConfigureAwait(false);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command TotpEnroll(GlobalOptions options, CliEnvironment environment)
    {
        var login = new Option<string>("--login") { Description = "ログインID", Required = true };
        var command = new Command("totp-enroll", "二要素認証（TOTP）の鍵と回復コードを発行する（以前の鍵と回復コードは無効になる）。1行目: otpauth:// URI、続いて回復コード1行に1つ") { login };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "users totp-enroll", cancellationToken).ConfigureAwait(false);
            var totp = session.Services.GetRequiredService<StaffTotp>();
            var enrollment = await totp.EnrollAsync(parsed.GetValue(login)!, session.Actor, cancellationToken).ConfigureAwait(false)
                ?? throw new CliExitException(ExitCodes.Rejected, $"ログインID {parsed.GetValue(login)} のアカウントはありません。");
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteLineAsync(enrollment.KeyUri).ConfigureAwait(false);
            foreach (var code in enrollment.RecoveryCodes)
            {
                await environment.Out.WriteLineAsync(code).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ReportAsync(AccountResult result, CliSession session)
    {
        if (result.Outcome == AccountOutcome.Ok)
        {
            await AuditAnchorsWriter.AppendAsync(session, CancellationToken.None).ConfigureAwait(false);
            await session.Environment.Out.WriteLineAsync(result.Message).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        throw new CliExitException(result.Outcome switch
        {
            AccountOutcome.Usage => ExitCodes.Usage,
            AccountOutcome.NotPermitted => ExitCodes.NotPermitted,
            _ => ExitCodes.Rejected,
        }, result.Message);
    }

    private static List<string> SplitRoles(string? value) =>
        (value ?? string.Empty).Split([',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

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

    private static async Task<string> ReadPasswordAsync(CliEnvironment environment)
    {
        var line = await environment.In.ReadLineAsync().ConfigureAwait(false);
        return string.IsNullOrEmpty(line)
            ? throw new CliExitException(ExitCodes.Rejected, "標準入力の1行目にパスワードがありません。")
            : line;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
