using System.Net;
using System.Text;
using FukushiIryo.App.Audit;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 本人開示 (P19) from the person page: 窓口 finds the button, the PDF needs a purpose and the 再認証, is
/// delivered uncached and audited with its purpose; a role without <c>person.disclosure</c> is refused.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class DisclosurePageTests(WebAppFixture app)
{
    [Fact]
    public async Task The_counter_produces_the_disclosure_pdf_after_a_purpose_and_reauthentication()
    {
        var id = await PersonIdAsync("000101");
        using (var statistician = await StaffSession.LoginAsync(app, "toukei1"))
        {
            var denied = await statistician.Client.GetAsync($"/Persons/{id}/Disclosure");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var counter = await StaffSession.LoginAsync(app, "madoguchi1");
        Assert.Contains($"href=\"/Persons/{id}/Disclosure\"", await counter.Client.GetStringAsync($"/Persons/{id}"), StringComparison.Ordinal);
        var page = await counter.Client.GetStringAsync($"/Persons/{id}/Disclosure");
        Assert.Contains("本人開示（保有個人情報の開示）", page, StringComparison.Ordinal);
        Assert.Contains("宛名番号 <strong>000101</strong>", page, StringComparison.Ordinal);

        var noPurpose = await counter.PostFormWithTokenFromAsync($"/Persons/{id}/Disclosure", page, new() { ["Purpose"] = "" });
        Assert.Contains("出力の目的", await noPurpose.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noProof = await counter.PostFormWithTokenFromAsync($"/Persons/{id}/Disclosure", page, new() { ["Purpose"] = "本人からの開示請求" });
        Assert.Equal("text/html", noProof.Content.Headers.ContentType!.MediaType);

        var pdf = await counter.PostFormWithTokenFromAsync($"/Persons/{id}/Disclosure", page, new()
        {
            ["Purpose"] = "本人からの開示請求（窓口）",
            ["Password"] = WebAppFixture.Password,
            ["Code"] = StaffSession.CodeFor(app, "madoguchi1"),
        });
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", pdf.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes[..4]));

        await using var db = app.OpenDb();
        var audit = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EventType == AuditEventType.PersonDisclosed && e.Actor == "madoguchi1").OrderBy(e => e.Sequence).LastAsync();
        Assert.Equal(("person", "000101"), (audit.SubjectType, audit.SubjectId));
        Assert.Contains("\"purpose\":\"本人からの開示請求（窓口）\"", audit.Details, StringComparison.Ordinal);
        Assert.NotNull(audit.ClientAddress);
    }

    private async Task<long> PersonIdAsync(string atena)
    {
        await using var db = app.OpenDb();
        return await db.Persons.Where(p => p.AtenaNumber == atena).Select(p => p.Id).SingleAsync();
    }
}
