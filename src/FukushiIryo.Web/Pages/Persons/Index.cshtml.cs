using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>宛名検索. Criteria travel in a POST body, never in the URL (names stay out of logs and browser history).</summary>
public sealed class IndexModel(PersonSearch search, ReauthenticationGate gate) : PageModel
{
    public bool RecentlyReauthenticated { get; private set; }

    [BindProperty]
    public SearchInput Criteria { get; set; } = new();

    public PersonSearchPage? Result { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        DateOnly? birth = null;
        if (!string.IsNullOrWhiteSpace(Criteria.BirthDate))
        {
            var parsed = ImportDate.TryParseDate(Criteria.BirthDate);
            if (!parsed.TryGetValue(out var date))
            {
                Problem = $"生年月日が読めません（{parsed.ErrorMessage}）。例: H20.4.1、令和2年5月1日、2008-04-01";
                return Page();
            }

            birth = date;
        }

        var criteria = new PersonSearchCriteria(Criteria.AtenaNumber, Criteria.RecipientNumber, Criteria.Kana, Criteria.Name, birth, Criteria.Page);
        if (!criteria.IsEmpty)
        {
            Result = await search.SearchAsync(criteria, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
            RecentlyReauthenticated = await gate.IsRecentAsync(HttpContext).ConfigureAwait(false);
        }

        return Page();
    }
}

public sealed class SearchInput
{
    public string? Kana { get; set; }

    public string? Name { get; set; }

    public string? BirthDate { get; set; }

    public string? AtenaNumber { get; set; }

    public string? RecipientNumber { get; set; }

    public int Page { get; set; } = 1;
}
