using System.Security.Claims;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace FukushiIryo.Web;

/// <summary>
/// Every request's cookie is checked against its server-side session (P8, P12): an ended, idle or
/// expired session, or an account that is disabled or past its validity, is signed out at once and
/// must log in again. Identity's security-stamp check runs first.
/// </summary>
public static class SessionValidation
{
    public const string SessionClaim = "sid";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await SecurityStampValidator.ValidatePrincipalAsync(context).ConfigureAwait(false);
        var principal = context.Principal;
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var sessionId = principal.FindFirstValue(SessionClaim);
        var userId = long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;
        var services = context.HttpContext.RequestServices;
        var verdict = sessionId is null || userId == 0
            ? SessionCheck.Unknown
            : await services.GetRequiredService<StaffSessions>().CheckAsync(sessionId, userId, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (verdict == SessionCheck.Valid)
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
        var db = services.GetRequiredService<FukushiDbContext>();
        db.AddAudit(new AuditEntry(principal.Identity.Name ?? "(unknown)", AuditEventType.SessionEnded, "user", principal.Identity.Name,
            new Dictionary<string, object?> { ["reason"] = verdict.ToString().ToLowerInvariant() },
            context.HttpContext.Connection.RemoteIpAddress?.ToString(), context.HttpContext.TraceIdentifier));
        await db.SaveChangesAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
