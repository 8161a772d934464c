using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// レセプト取込 over HTTP: a file with an error is refused whole after the background job ends, the
/// progress fragment then shows the row, column and reason, and nothing is written; an unknown job is
/// not found; a form without a file is answered beside the field.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class ClaimsImportPageTests(WebAppFixture app)
{
    private const string Header = "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期";

    [Fact]
    public async Task A_file_with_an_error_is_refused_with_its_row_report_and_nothing_is_written()
    {
        var mother = FukushiIryo.Domain.Numbers.RecipientNumber.FromSerial(101).ToString();
        var csv = string.Join("\n", Header,
            $"90290024,{mother},133066,ナラ ハナコ,1988-05-12,2026-10,9999982,取込テスト医院,医科,外来,70,2,1000,,3000,0,0,0,0",
            $"90290024,{mother},133066,ナラ ハナコ,1988-05-12,2026-13,9999982,取込テスト医院,医科,外来,70,2,1000,,3000,0,0,0,0") + "\n";
        using var reviewer = await StaffSession.LoginAsync(app, "role" + RoleNames.All.ToList().IndexOf(RoleNames.Reviewer));
        var form = await reviewer.Client.GetStringAsync("/Review/Import");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value);

        using (var empty = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("2030-04"), "Month" }, { new StringContent("auto"), "Layout" }, { new StringContent("kokuhoren"), "Source" } })
        {
            var refused = await reviewer.Client.PostAsync("/Review/Import", empty);
            Assert.Contains("取り込むファイルを選んでください。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("2030-04"), "Month" },
            { new StringContent("auto"), "Layout" },
            { new StringContent("kokuhoren"), "Source" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", "bad-203004.csv" },
        };
        var started = await reviewer.Client.PostAsync("/Review/Import", content);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var job = JobPattern().Match(started.Headers.Location!.OriginalString).Groups[1].Value;
        Assert.NotEmpty(job);

        string fragment = string.Empty;
        for (int i = 0; i < 100 && !fragment.Contains("取込結果", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            fragment = await reviewer.Client.GetStringAsync($"/Review/Import?handler=Progress&job={job}");
        }

        Assert.Contains("ファイルに誤りがあるため、取り込んでいません（エラー 1 件）", fragment, StringComparison.Ordinal);
        Assert.Matches("<td>3</td><td>エラー</td><td>診療年月</td><td>2026-13</td>", fragment);
        Assert.DoesNotContain("hx-trigger", fragment, StringComparison.Ordinal); // the poll stops
        await using (var db = app.OpenDb())
        {
            Assert.Equal(0, await db.MedicalClaims.CountAsync(c => c.ProviderCode == "9999982"));
        }

        // An unknown job id is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Client.GetAsync("/Review/Import?handler=Progress&job=" + new string('0', 32))).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("job=([0-9a-f]{32})")]
    private static partial Regex JobPattern();
}
