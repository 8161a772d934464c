using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using Microsoft.AspNetCore.Identity;

namespace FukushiIryo.App.Security;

/// <summary>The result of proving the password and a second factor again.</summary>
public enum StepUpOutcome
{
    Accepted,
    WrongPassword,
    WrongCode,

    /// <summary>The TOTP code of a step already used: refused (CLI exit 3).</summary>
    ReplayedCode,
    LockedOut,

    /// <summary>The account has no password or no TOTP key yet.</summary>
    NotReady,
}

/// <summary>
/// 再認証 and 決裁 authentication (P5, interfaces.md §7): an already identified staff member gives the
/// password and a current TOTP code again, exactly as at a web login with its second factor —
/// before an export or a change of permissions on the web, and for every 決裁 act in the CLI.
/// Failures count toward the account's lockout (web and CLI alike); a code is single-use.
/// </summary>
public sealed class StaffStepUp(FukushiDbContext db, UserManager<StaffUser> users, StaffTotp totp)
{
    /// <summary>Japanese message for a refused outcome (never says which of the two was wrong beyond what a login says).</summary>
    public static string Describe(StepUpOutcome outcome) => outcome switch
    {
        StepUpOutcome.Accepted => "本人確認ができました。",
        StepUpOutcome.WrongPassword => "パスワードが違います。",
        StepUpOutcome.WrongCode => "確認コードが違います。",
        StepUpOutcome.ReplayedCode => "この確認コードは使用済みです。次のコードが表示されてから入力してください。",
        StepUpOutcome.LockedOut => "失敗が続いたため、このアカウントは一時的にロックされています。",
        StepUpOutcome.NotReady => "このアカウントにはパスワードまたは二要素認証が設定されていません。",
        _ => outcome.ToString(),
    };

    /// <param name="purpose">What the proof is for (audited), e.g. <c>export</c>, <c>permissions</c>, <c>payments approve</c>.</param>
    public async Task<StepUpOutcome> VerifyAsync(
        StaffUser user, string password, string code, string purpose, string? clientAddress, string? correlationId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(purpose);
        var login = user.UserName ?? string.Empty;
        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            await AuditFailureAsync(login, AuditEventType.LoginFailed, "locked-out", purpose, clientAddress, correlationId, cancellationToken).ConfigureAwait(false);
            return StepUpOutcome.LockedOut;
        }

        if (string.IsNullOrEmpty(user.PasswordHash) || !await totp.IsEnrolledAsync(user).ConfigureAwait(false))
        {
            await AuditFailureAsync(login, AuditEventType.LoginFailed, "not-ready", purpose, clientAddress, correlationId, cancellationToken).ConfigureAwait(false);
            return StepUpOutcome.NotReady;
        }

        // CheckPasswordAsync rehashes a weaker stored hash on success, as at a login.
        if (!await users.CheckPasswordAsync(user, password ?? string.Empty).ConfigureAwait(false))
        {
            await users.AccessFailedAsync(user).ConfigureAwait(false);
            await AuditFailureAsync(login, AuditEventType.LoginFailed, "password", purpose, clientAddress, correlationId, cancellationToken).ConfigureAwait(false);
            return await users.IsLockedOutAsync(user).ConfigureAwait(false) ? StepUpOutcome.LockedOut : StepUpOutcome.WrongPassword;
        }

        var outcome = await totp.VerifyCodeAsync(user, (code ?? string.Empty).Trim(), cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case TotpOutcome.Accepted:
                await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
                db.AddAudit(new AuditEntry(login, AuditEventType.StepUpSucceeded, "user", login,
                    new Dictionary<string, object?> { ["purpose"] = purpose }, clientAddress, correlationId));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return StepUpOutcome.Accepted;
            case TotpOutcome.Replayed:
                return StepUpOutcome.ReplayedCode;
            case TotpOutcome.LockedOut:
                return StepUpOutcome.LockedOut;
            case TotpOutcome.NotEnrolled:
                return StepUpOutcome.NotReady;
            default:
                return await users.IsLockedOutAsync(user).ConfigureAwait(false) ? StepUpOutcome.LockedOut : StepUpOutcome.WrongCode;
        }
    }

    private async Task AuditFailureAsync(string login, string eventType, string reason, string purpose, string? clientAddress, string? correlationId, CancellationToken cancellationToken)
    {
        db.AddAudit(new AuditEntry(login, eventType, "user", login,
            new Dictionary<string, object?> { ["reason"] = reason, ["purpose"] = purpose }, clientAddress, correlationId));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
