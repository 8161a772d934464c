using System.Security.Claims;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>The person page: every 別添1 group, as of a date, with its history. Every view is audited.</summary>
public sealed class DetailModel(PersonProfile profiles, TimeProvider clock) : PageModel
{
    public const string Screen = "宛名詳細";

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOfInput { get; set; }

    public PersonProfileView View { get; private set; } = default!;

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var asOf = JstClock.Today(clock);
        if (!string.IsNullOrWhiteSpace(AsOfInput))
        {
            var parsed = ImportDate.TryParseDate(AsOfInput);
            if (parsed.TryGetValue(out var date))
            {
                asOf = date;
            }
            else
            {
                Problem = $"基準日が読めません（{parsed.ErrorMessage}）。今日の時点で表示しています。";
            }
        }

        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var view = await profiles.LoadAsync(id, asOf, Permissions.Allows(Permissions.SensitiveView, roles), User.Identity!.Name!,
            HttpContext.Connection.RemoteIpAddress?.ToString(), Screen).ConfigureAwait(false);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
