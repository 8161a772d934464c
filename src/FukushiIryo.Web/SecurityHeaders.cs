namespace FukushiIryo.Web;

/// <summary>
/// Headers on every response (architecture.md §5): a Content-Security-Policy without inline
/// script or style, frame denial, nosniff, no referrer; pages (not static files) are not stored by
/// the browser, since they carry personal data.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!IsStaticFile(context.Request.Path))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context).ConfigureAwait(false);
    });

    private static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/css", StringComparison.Ordinal)
        || path.StartsWithSegments("/js", StringComparison.Ordinal)
        || path.StartsWithSegments("/lib", StringComparison.Ordinal);
}
