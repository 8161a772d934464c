using System.Security.Claims;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Identity;

namespace FukushiIryo.Web;

/// <summary>
/// 再認証 inside a form (P5, P10): an export form carries the password and TOTP fields itself, so
/// that its own fields (criteria, purpose) are not lost on a detour through the 再認証 page. A
/// session re-authenticated within <see cref="SessionPolicy.ReauthenticationWindow"/> passes without them.
/// </summary>
public sealed class ReauthenticationGate(UserManager<StaffUser> users, StaffStepUp stepUp, StaffSessions sessions)
{
    public async Task<bool> IsRecentAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessionId = context.User.FindFirstValue(SessionValidation.SessionClaim);
        return sessionId is not null && await sessions.IsRecentlyReauthenticatedAsync(sessionId, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Null when the user may go on (recent, or the password and code just proved); else the Japanese reason.</summary>
    public async Task<string?> CheckAsync(HttpContext context, string? password, string? code, string purpose)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await IsRecentAsync(context).ConfigureAwait(false))
        {
            return null;
        }

        if (string.IsNullOrEmpty(password) || string.IsNullOrWhiteSpace(code))
        {
            return "出力の前に、パスワードと確認コードを入力してください（再認証）。";
        }

        var user = await users.GetUserAsync(context.User).ConfigureAwait(false);
        var sessionId = context.User.FindFirstValue(SessionValidation.SessionClaim);
        if (user is null || sessionId is null)
        {
            return "ログインし直してください。";
        }

        var outcome = await stepUp.VerifyAsync(user, password, code, purpose,
            context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier, context.RequestAborted).ConfigureAwait(false);
        if (outcome != StepUpOutcome.Accepted)
        {
            return StaffStepUp.Describe(outcome);
        }

        await sessions.MarkReauthenticatedAsync(sessionId, context.RequestAborted).ConfigureAwait(false);
        return null;
    }
}
