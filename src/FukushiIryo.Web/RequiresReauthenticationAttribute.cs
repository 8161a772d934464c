using System.Security.Claims;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FukushiIryo.Web;

/// <summary>
/// 再認証 (P5, P10): the acts of a page marked with this — exports and changes of permissions — run
/// only when the user proved the password and a TOTP code again within the session's
/// <see cref="SessionPolicy.ReauthenticationWindow"/>; otherwise the user is sent to
/// <c>/Account/Reauthenticate</c> and comes back to the page. By default only the acts (POST) are
/// guarded; <see cref="IncludeGet"/> guards reading too (a download by GET).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresReauthenticationAttribute : Attribute, IAsyncPageFilter
{
    public bool IncludeGet { get; init; }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (!IncludeGet && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var sessionId = context.HttpContext.User.FindFirstValue(SessionValidation.SessionClaim);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        if (sessionId is not null && await sessions.IsRecentlyReauthenticatedAsync(sessionId, context.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            await next().ConfigureAwait(false);
            return;
        }

        // After a POST, come back to the page itself (the user repeats the act); after a GET, to the same address.
        var back = HttpMethods.IsGet(request.Method) ? request.GetEncodedPathAndQuery() : request.Path.ToString();
        context.Result = new RedirectToPageResult("/Account/Reauthenticate", new { ReturnUrl = back });
    }
}
