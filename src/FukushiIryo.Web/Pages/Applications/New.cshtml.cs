using FukushiIryo.App.Applications;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>
/// 新規申請の入力 (窓口, permission <c>application.enter</c>): the applicant and up to
/// <see cref="ChildRows"/> children by 宛名番号 (宛名検索), the reason, insurance, account (ゆうちょ
/// by 記号・番号) and contact. Bad input comes back with a message beside its field and nothing is
/// saved; a saved application gets its 受付番号 and shows the eligibility findings.
/// </summary>
public sealed class NewModel(FukushiDbContext db, TimeProvider clock) : PageModel
{
    public const int ChildRows = 4;

    [BindProperty]
    public ApplicationForm Input { get; set; } = new();

    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public void OnGet(string? applicant)
    {
        Input.ApplicantAtena = applicant;
        Input.AppliedOn = Display.Iso(JstClock.Today(clock));
        Pad();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await new ApplicationIntake(db, clock).ReceiveAsync(Input, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        if (!result.IsSaved)
        {
            Problems = result.Problems;
            Pad();
            return Page();
        }

        return Redirect($"/Applications/{result.Saved!.Id}?received=1");
    }

    /// <summary>The message for a field, or null.</summary>
    public string? Problem(string field) => Problems.TryGetValue(field, out var message) ? message : null;

    private void Pad()
    {
        while (Input.Children.Count < ChildRows)
        {
            Input.Children.Add(new ApplicationChildForm());
        }
    }
}
