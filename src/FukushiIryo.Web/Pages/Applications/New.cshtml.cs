using FukushiIryo.App.Applications;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>
/// 新規申請の入力 (窓口, permission <c>application.enter</c>): the applicant and up to
/// <see cref="ChildRows"/> children by 宛名番号 (宛名検索; each number echoes the registered name
/// and birth date through htmx), each person's 他制度 (programs of the ProgramPrecedence master),
/// the reason, insurance, account (ゆうちょ by 記号・番号) and contact. Bad input comes back with a
/// message beside its field and nothing is saved; a saved application gets its 受付番号 and shows
/// the eligibility findings.
/// </summary>
/// <remarks>
/// Opened with <c>?eApplication=ID</c> (電子申請（登録待ち） → 登録), the form comes prefilled from the
/// received e-application (ADR 0029); saving it registers the e-application and purges its payload.
/// </remarks>
public sealed class NewModel(FukushiDbContext db, TimeProvider clock, EApplications eApplications) : PageModel
{
    public const int ChildRows = 4;

    [BindProperty]
    public ApplicationForm Input { get; set; } = new();

    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    /// <summary>The 他制度 staff can pick: the ProgramPrecedence rows in force today (and any name already on the form).</summary>
    public IReadOnlyList<string> ProgramChoices { get; private set; } = [];

    /// <summary>The e-application being registered (<c>?eApplication=ID</c>), else null.</summary>
    [BindProperty]
    public long? EApplicationId { get; set; }

    /// <summary>The received e-application shown above the form (the persons as the applicant wrote them).</summary>
    public EApplicationPayload? EApplication { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? applicant, long? eApplication)
    {
        Input.ApplicantAtena = applicant;
        Input.AppliedOn = Display.Iso(JstClock.Today(clock));
        if (eApplication is { } id)
        {
            var pending = await eApplications.FindPendingAsync(id, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
            if (pending is null)
            {
                return NotFound();
            }

            EApplicationId = id;
            EApplication = pending.Payload;
            Input = EApplications.FormOf(pending.Payload);
        }

        await PrepareAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = User.Identity!.Name!;
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var result = EApplicationId is { } id
            ? await eApplications.RegisterAsync(id, Input, actor, address).ConfigureAwait(false)
            : await new ApplicationIntake(db, clock).ReceiveAsync(Input, actor, address).ConfigureAwait(false);
        if (!result.IsSaved)
        {
            Problems = result.Problems;
            if (EApplicationId is { } pendingId)
            {
                EApplication = (await eApplications.FindPendingAsync(pendingId, actor, address).ConfigureAwait(false))?.Payload;
            }

            await PrepareAsync().ConfigureAwait(false);
            return Page();
        }

        return Redirect($"/Applications/{result.Saved!.Id}?received=1");
    }

    /// <summary>
    /// htmx: the name and birth date registered for the 宛名番号 typed in a field of the form (the
    /// applicant's or a child's, whichever the request carries), or why there is none.
    /// </summary>
    public async Task<IActionResult> OnGetPersonAsync()
    {
        var typed = Request.Query.Where(pair => pair.Key.EndsWith("Atena", StringComparison.Ordinal)).Select(pair => pair.Value.ToString()).FirstOrDefault();
        if (string.IsNullOrWhiteSpace(typed))
        {
            return Content(string.Empty, "text/html");
        }

        var echo = await new ApplicationIntake(db, clock).EchoAsync(typed, JstClock.Today(clock), User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        return Partial("_PersonEcho", echo);
    }

    /// <summary>The message for a field, or null.</summary>
    public string? Problem(string field) => Problems.TryGetValue(field, out var message) ? message : null;

    private async Task PrepareAsync()
    {
        var choices = (await OtherProgramList.ChoicesOnAsync(db, JstClock.Today(clock)).ConfigureAwait(false)).Select(choice => choice.Program).ToList();

        // A name posted that the master does not offer today stays on the form as it came.
        ProgramChoices = [.. choices.Union(OtherProgramList.Clean(Input.OtherPrograms.Concat(Input.Children.SelectMany(child => child.OtherPrograms))), StringComparer.Ordinal)];
        while (Input.Children.Count < ChildRows)
        {
            // An empty row is not a child: nothing in it is ticked.
            Input.Children.Add(new ApplicationChildForm());
        }
    }
}
