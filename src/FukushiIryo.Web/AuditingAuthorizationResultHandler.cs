using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace FukushiIryo.Web;

/// <summary>
/// Writes an audit event for every request refused for lack of a permission (who, which path,
/// which permission), then answers as usual (the access-denied page, 403).
/// </summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var db = context.RequestServices.GetRequiredService<FukushiDbContext>();
            var permissions = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).Where(p => p is not null) ?? [];
            db.AddAudit(new AuditEntry(context.User.Identity.Name ?? "(unknown)", AuditEventType.AccessDenied, "path", context.Request.Path.Value,
                new Dictionary<string, object?> { ["permission"] = string.Join(",", permissions) },
                context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier));
            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        }

        await inner.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
