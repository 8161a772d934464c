using System.Net;
using System.Text.RegularExpressions;

namespace FukushiIryo.Web.Tests;

/// <summary>An HTTP client with cookies, logged in as one staff member, that posts forms with their antiforgery token.</summary>
public sealed partial class StaffSession : IDisposable
{
    private readonly HttpClient client;
    private readonly CookieContainer cookies;

    private StaffSession(HttpClient client, CookieContainer cookies)
    {
        this.client = client;
        this.cookies = cookies;
    }

    public HttpClient Client => client;

    /// <summary>A plain client over real HTTP to the Kestrel server: cookies kept, redirects not followed.</summary>
    public static HttpClient Anonymous(WebAppFixture app) => Anonymous(app, new CookieContainer());

    private static HttpClient Anonymous(WebAppFixture app, CookieContainer cookies)
    {
#pragma warning disable CA2000 // the client owns and disposes its handler
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = app.BaseAddress };
    }

    /// <summary>The session's cookies as a Cookie header, to replay them from another client.</summary>
    public string CookieHeader() => cookies.GetCookieHeader(client.BaseAddress!);

    /// <summary>A session that has not logged in (it can still post the login form).</summary>
    public static StaffSession Start(WebAppFixture app)
    {
        var cookies = new CookieContainer();
        return new StaffSession(Anonymous(app, cookies), cookies);
    }

    /// <summary>Logs in with the password and then the second factor (a TOTP code of a fresh step).</summary>
    public static async Task<StaffSession> LoginAsync(WebAppFixture app, string login, string password = WebAppFixture.Password, string? userAgent = null)
    {
        var session = Start(app);
        if (userAgent is not null)
        {
            session.client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.Login"] = login, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Code", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var code = await session.PostFormAsync("/Account/Code", new() { ["Code"] = CodeFor(app, login) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/", code.Headers.Location!.OriginalString);
        return session;
    }

    /// <summary>The TOTP code of the account at a step no earlier login used.</summary>
    public static string CodeFor(WebAppFixture app, string login) => CodeFor(app.TotpKeys[login], app.Clock.NextTotpStep());

    public static string CodeFor(string base32Key, DateTimeOffset at) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(string.Concat(base32Key.Where(c => !char.IsWhiteSpace(c))))).ComputeTotp(at.UtcDateTime);

    /// <summary>Posts a form without reading a page first (for a page the test has just read).</summary>
    public async Task<HttpResponseMessage> PostFormWithTokenFromAsync(string path, string page, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(path);

        // When the page has a form posting to this path, its own token must be there (a form with an
        // explicit action gets none unless asked for): take the token from inside that form.
        var action = path.Split('?')[0];
        var form = FormPattern().Matches(page).FirstOrDefault(m => string.Equals(WebUtility.HtmlDecode(m.Groups[1].Value).Split('?')[0], action, StringComparison.OrdinalIgnoreCase));
        if (form is not null)
        {
            page = form.Value;
        }

        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "the form carries an antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "the form carries an antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
