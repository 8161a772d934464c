using System.Globalization;
using FukushiIryo.App.Exports;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>
/// 宛名検索結果のCSV出力 (P10): every person matching the search's criteria, for a stated purpose,
/// after a 再認証; the file's first line names who exported it, when and why; audited.
/// Criteria travel in the POST body, as in the search.
/// </summary>
public sealed class ExportModel(PersonSearch search, PersonalDataExports exports, ReauthenticationGate gate, UserManager<StaffUser> users) : PageModel
{
    public static readonly string[] Columns = ["宛名番号", "氏名", "氏名カナ", "生年月日", "性別", "住所", "住民区分", "受給者番号"];

    [BindProperty]
    public SearchInput Criteria { get; set; } = new();

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Problem { get; private set; }

    public bool RecentlyReauthenticated { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Persons/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        RecentlyReauthenticated = await gate.IsRecentAsync(HttpContext).ConfigureAwait(false);
        DateOnly? birth = null;
        if (!string.IsNullOrWhiteSpace(Criteria.BirthDate))
        {
            if (!ImportDate.TryParseDate(Criteria.BirthDate).TryGetValue(out var date))
            {
                Problem = "生年月日が読めません。検索からやり直してください。";
                return Page();
            }

            birth = date;
        }

        var criteria = new PersonSearchCriteria(Criteria.AtenaNumber, Criteria.RecipientNumber, Criteria.Kana, Criteria.Name, birth);
        if (criteria.IsEmpty)
        {
            Problem = "検索条件がありません。検索してから出力してください。";
            return Page();
        }

        if (PersonalDataExports.CheckPurpose(Purpose) is { } purposeProblem)
        {
            Problem = purposeProblem;
            return Page();
        }

        if (await gate.CheckAsync(HttpContext, Password, Code, "export persons").ConfigureAwait(false) is { } authProblem)
        {
            Password = null;
            Code = null;
            Problem = authProblem;
            return Page();
        }

        var user = await users.GetUserAsync(User).ConfigureAwait(false);
        var request = new ExportRequest("persons", "宛名検索結果", Purpose!, User.Identity!.Name!, user?.DisplayName ?? string.Empty, new Dictionary<string, object?>
        {
            ["atenaNumber"] = criteria.AtenaNumber,
            ["recipientNumber"] = criteria.RecipientNumber,
            ["kana"] = criteria.Kana,
            ["name"] = criteria.Name,
            ["birthDate"] = criteria.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        var result = await exports.WriteAsync(request, Columns, Rows(criteria), HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Status != ExportStatus.Written)
        {
            Problem = "出力するデータに個人番号らしき数字が含まれていたため、出力を中止しました。システム管理者に連絡してください。";
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        var stream = new FileStream(result.Path!, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return File(stream, "text/csv; charset=utf-8", result.FileName);
    }

    private async IAsyncEnumerable<IReadOnlyList<string?>> Rows(PersonSearchCriteria criteria)
    {
        await foreach (var hit in search.AllMatchingAsync(criteria, HttpContext.RequestAborted).ConfigureAwait(false))
        {
            yield return
            [
                hit.AtenaNumber,
                hit.Name,
                hit.NameKana,
                hit.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Display.Sex(hit.Sex),
                hit.Address,
                Display.Residency(hit.ResidencyStatus),
                string.Join(" ", hit.RecipientNumbers),
            ];
        }
    }
}
