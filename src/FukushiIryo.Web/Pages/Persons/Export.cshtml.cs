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
public sealed class ExportModel(PersonSearch search, PersonalDataExports exports, ReauthenticationGate gate, UserManager<StaffUser> users)
    : ExportPageModel(exports, gate, users)
{
    public static readonly string[] Columns = ["宛名番号", "氏名", "氏名カナ", "生年月日", "性別", "住所", "住民区分", "受給者番号"];

    [BindProperty]
    public SearchInput Criteria { get; set; } = new();

    public IActionResult OnGet() => RedirectToPage("/Persons/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadReauthenticationAsync().ConfigureAwait(false);
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

        var selected = new Dictionary<string, object?>
        {
            ["atenaNumber"] = criteria.AtenaNumber,
            ["recipientNumber"] = criteria.RecipientNumber,
            ["kana"] = criteria.Kana,
            ["name"] = criteria.Name,
            ["birthDate"] = criteria.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return await DeliverAsync("persons", "宛名検索結果", selected, Columns, Rows(criteria)).ConfigureAwait(false);
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
