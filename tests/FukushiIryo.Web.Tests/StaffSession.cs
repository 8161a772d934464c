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

    public static async Task<StaffSession> LoginAsync(WebAppFixture app, string login, string password = WebAppFixture.Password)
    {
        var session = Start(app);
        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.Login"] = login, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
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

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
