using System.Security.Claims;
using System.Text.Encodings.Web;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FukushiIryo.Web.Api;

/// <summary>
/// The authentication of /api/v1 (ADR 0018): a machine client sends its system's key in
/// <c>X-Api-Key</c> (scheme <see cref="ApiKeyScheme"/>); staff use their cookie session. The policy
/// scheme <see cref="ApiScheme"/> picks one by the header, and answers a refusal of either with a
/// problem (401/403), never with a redirect to the login page.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string ApiKeyScheme = "ApiKey";

    public const string ApiScheme = "Api";

    public const string HeaderName = "X-Api-Key";

    /// <summary>A permission granted to the key (one claim each); staff hold theirs through roles.</summary>
    public const string PermissionClaim = "fukushi:permission";

    /// <summary>The key's id.</summary>
    public const string KeyClaim = "fukushi:apikey";

    public static bool IsApiKey(ClaimsPrincipal user) =>
        user?.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyScheme };

    /// <summary>Whether <paramref name="user"/> holds <paramref name="permission"/>: by a staff role, or granted to its API key.</summary>
    public static bool Holds(ClaimsPrincipal user, string permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IsApiKey(user)
            ? user.HasClaim(PermissionClaim, permission) && !ApiKeys.NeverGranted.Contains(permission, StringComparer.Ordinal)
            : Permissions.RolesFor(permission).Any(user.IsInRole)
                || (Permissions.HeldByEveryAccount(permission) && user.Identity?.IsAuthenticated == true);
    }

    public static AuthenticationBuilder AddApiKey(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyScheme, null);
        builder.AddPolicyScheme(ApiScheme, "API (key or staff session)", options =>
        {
            options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(HeaderName) ? ApiKeyScheme : IdentityConstants.ApplicationScheme;
            options.ForwardChallenge = ApiKeyScheme;
            options.ForwardForbid = ApiKeyScheme;
        });
        return builder;
    }
}

/// <summary>Reads <c>X-Api-Key</c>: a key not found, disabled or outside its period fails (401).</summary>
internal sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyAuthentication.HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.FindUsableAsync(values.ToString(), Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateResult.Fail("API key not found, disabled or out of its period");
        }

        var identity = new ClaimsIdentity(ApiKeyAuthentication.ApiKeyScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, ApiKeys.ActorOf(key.SystemName)));
        identity.AddClaim(new Claim(ApiKeyAuthentication.KeyClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var permission in key.PermissionList.Except(ApiKeys.NeverGranted, StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(ApiKeyAuthentication.PermissionClaim, permission));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.ApiKeyScheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "認証されていません",
            "有効なAPIキー（X-Api-Key）か、ログイン中の職員のセッションが必要です。");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "権限がありません", "この操作の権限がありません。");
}

/// <summary>RFC 7807 problem details in Japanese, written outside an endpoint (authentication).</summary>
internal static class ApiProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted).ConfigureAwait(false);
    }
}
