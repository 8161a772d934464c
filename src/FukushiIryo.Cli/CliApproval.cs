using System.CommandLine;
using FukushiIryo.App.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli;

/// <summary>
/// The options of a 決裁 act (interfaces.md §7): <c>--password-stdin</c> (the password is the first
/// line of stdin) and <c>--totp CODE</c>. Add them to a command with <see cref="AddTo"/> and call
/// <see cref="RequireAsync"/> after <see cref="CliSession.RequireUserAsync"/>.
/// </summary>
/// <remarks>
/// A command whose other acts need no 決裁 (<c>renew … --step forms</c>) builds it with
/// <c>required: false</c>; <see cref="RequireAsync"/> then refuses a missing password or code (exit 3).
/// </remarks>
internal sealed class CliApproval(bool required = true)
{
    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "決裁: 標準入力の1行目を本人のパスワードとして読む", Required = required };

    public Option<string> Totp { get; } = new("--totp") { Description = "決裁: 認証アプリの現在の確認コード（6桁）", Required = required };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(PasswordStdin);
        command.Options.Add(Totp);
    }

    /// <summary>
    /// Proves that the acting user is present: their password from stdin and a current, unused TOTP
    /// code, exactly as a web login with its second factor. Any failure exits 3 (not permitted) and
    /// counts toward the account's lockout; a replayed code is refused as such.
    /// </summary>
    public async Task RequireAsync(ParseResult parsed, CliSession session, StaffUser user, string act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(user);
        if (!parsed.GetValue(PasswordStdin) || string.IsNullOrWhiteSpace(parsed.GetValue(Totp)))
        {
            throw new CliExitException(ExitCodes.NotPermitted, $"{act} は決裁行為です。--password-stdin でパスワードを、--totp で確認コードを指定してください。");
        }

        var password = await session.Environment.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var code = parsed.GetValue(Totp) ?? string.Empty;
        var outcome = await session.Services.GetRequiredService<StaffStepUp>()
            .VerifyAsync(user, password ?? string.Empty, code, act, clientAddress: null, correlationId: session.CorrelationId, cancellationToken)
            .ConfigureAwait(false);
        if (outcome != StepUpOutcome.Accepted)
        {
            throw new CliExitException(ExitCodes.NotPermitted, $"決裁の本人確認に失敗しました: {StaffStepUp.Describe(outcome)}");
        }
    }
}
