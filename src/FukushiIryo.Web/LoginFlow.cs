using System.Security.Claims;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace FukushiIryo.Web;

/// <summary>
/// The steps of a staff login (P5): the password, then — when an administrator set it — a new
/// password, then the second factor (enrolment at the first login, a TOTP or recovery code after).
/// Between the steps the account is held in Identity's short-lived two-factor cookie, never in the
/// application cookie: nothing is reachable until the last step has passed. A password change
/// never skips the second factor.
/// </summary>
public sealed class LoginFlow(SignInManager<StaffUser> signIn, StaffSessions sessions, FukushiDbContext db)
{
    private const string LoginClaim = "login";

    /// <summary>After the password: remember the account for the next steps.</summary>
    public Task HoldAsync(HttpContext context, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(LoginClaim, user.UserName ?? string.Empty)],
            IdentityConstants.TwoFactorUserIdScheme);
        // The scheme's own lifetime applies (Identity's default: 5 minutes).
        return context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>The account held between the steps, or null (expired, or never held).</summary>
    public async Task<StaffUser?> HeldAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme).ConfigureAwait(false);
        var id = result.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is null ? null : await signIn.UserManager.FindByIdAsync(id).ConfigureAwait(false);
    }

    /// <summary>The page that comes next for a held account.</summary>
    public async Task<string> NextStepAsync(StaffUser user, StaffTotp totp)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(totp);
        if (user.MustChangePassword)
        {
            return "/Account/ChangePassword";
        }

        return await totp.IsEnrolledAsync(user).ConfigureAwait(false) ? "/Account/Code" : "/Account/Enroll";
    }

    /// <summary>The last step passed: a new server-side session and the application cookie.</summary>
    public async Task CompleteAsync(HttpContext context, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        await context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme).ConfigureAwait(false);
        var client = context.Connection.RemoteIpAddress?.ToString();
        var session = await sessions.StartAsync(user.Id, client, context.Request.Headers.UserAgent.ToString()).ConfigureAwait(false);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SessionValidation.SessionClaim, session.Id)]).ConfigureAwait(false);
        await signIn.UserManager.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        await AuditAsync(context, user.UserName!, AuditEventType.LoginSucceeded, null).ConfigureAwait(false);
    }

    public async Task AuditAsync(HttpContext context, string login, string eventType, string? reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = string.IsNullOrEmpty(login) ? "(未入力)" : login[..Math.Min(login.Length, AuditEntry.MaxActorLength)];
        db.AddAudit(new AuditEntry(actor, eventType, "user", string.IsNullOrEmpty(login) ? null : actor,
            new Dictionary<string, object?> { ["reason"] = reason },
            context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier));
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
