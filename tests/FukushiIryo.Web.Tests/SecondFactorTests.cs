using System.Net;
using System.Text.RegularExpressions;
using FukushiIryo.App.Audit;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>The login steps in the web app (P5): second factor on every login, enrolment, forced password change, lockout.</summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class SecondFactorTests(WebAppFixture app)
{
    [Fact]
    public async Task The_password_alone_opens_nothing()
    {
        using var staff = StaffSession.Start(app);
        var response = await staff.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "madoguchi1", ["Input.Password"] = WebAppFixture.Password });
        Assert.StartsWith("/Account/Code", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var home = await staff.Client.GetAsync("/Persons");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_that_served_once_is_refused_the_second_time()
    {
        var at = app.Clock.NextTotpStep();
        var code = StaffSession.CodeFor(app.TotpKeys["madoguchi1"], at);

        using var first = StaffSession.Start(app);
        await first.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "madoguchi1", ["Input.Password"] = WebAppFixture.Password });
        Assert.Equal("/", (await first.PostFormAsync("/Account/Code", new() { ["Code"] = code })).Headers.Location!.OriginalString);

        using var second = StaffSession.Start(app);
        await second.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "madoguchi1", ["Input.Password"] = WebAppFixture.Password });
        var replayed = await second.PostFormAsync("/Account/Code", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("この確認コードは使用済みです", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.TotpReplayed && e.Actor == "madoguchi1"));
    }

    [Fact]
    public async Task The_first_login_enrols_the_second_factor_before_anything_opens()
    {
        using var staff = StaffSession.Start(app);
        var response = await staff.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "mitouroku1", ["Input.Password"] = WebAppFixture.Password });
        Assert.StartsWith("/Account/Enroll", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var issued = await staff.PostFormAsync("/Account/Enroll?handler=Issue", new());
        var page = await issued.Content.ReadAsStringAsync();
        var secret = SecretPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(secret));
        Assert.Equal(10, RecoveryPattern().Count(page));

        // The key URI as a QR code for the authenticator app: a PNG drawn on the server.
        var qr = System.Text.RegularExpressions.Regex.Match(page, "<img src=\"data:image/png;base64,([^\"]+)\" alt=\"認証アプリに登録する鍵のQRコード\"");
        Assert.True(qr.Success, "the enrolment page shows the QR code");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(System.Net.WebUtility.HtmlDecode(qr.Groups[1].Value))[..4]);

        var done = await staff.PostFormWithTokenFromAsync("/Account/Enroll", page, new() { ["Code"] = StaffSession.CodeFor(secret, app.Clock.NextTotpStep()) });
        Assert.Equal("/", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/Persons")).StatusCode);
    }

    [Fact]
    public async Task A_password_set_by_an_administrator_is_changed_first_and_the_second_factor_still_follows()
    {
        using var staff = StaffSession.Start(app);
        var response = await staff.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "henkou1", ["Input.Password"] = WebAppFixture.Password });
        Assert.StartsWith("/Account/ChangePassword", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var weak = await staff.PostFormAsync("/Account/ChangePassword", new() { ["NewPassword"] = "password1234", ["Confirmation"] = "password1234" });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("よく使われる", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        const string chosen = "秋篠川の桜並木を歩く春の朝";
        var changed = await staff.PostFormAsync("/Account/ChangePassword", new() { ["NewPassword"] = chosen, ["Confirmation"] = chosen });
        Assert.StartsWith("/Account/Code", changed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.Client.GetAsync("/Persons")).StatusCode);
        var code = await staff.PostFormAsync("/Account/Code", new() { ["Code"] = StaffSession.CodeFor(app, "henkou1") });
        Assert.Equal("/", code.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        using var staff = StaffSession.Start(app);
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            last = await staff.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "lockout1", ["Input.Password"] = "wrong password " + attempt });
        }

        Assert.Contains("ロックされています", await last!.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var right = await staff.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "lockout1", ["Input.Password"] = WebAppFixture.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // still locked: the right password does not get through
    }

    [GeneratedRegex("<code id=\"totp-secret\">([A-Z2-7 ]+)</code>")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("<li><code>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}</code></li>")]
    private static partial Regex RecoveryPattern();
}
