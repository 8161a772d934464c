using System.Globalization;
using FukushiIryo.App.People;
using FukushiIryo.App.Renewals;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RenewalService = FukushiIryo.App.Renewals.Renewals;

namespace FukushiIryo.Web.Pages.Renewals;

/// <summary>
/// 返送の記録 (permission <c>renewal.forms</c>): the fast entry of returned renewal forms. The cursor
/// stays in the 受給者番号 field: type a number (any member's) and Enter; the 受付日 stays as set. The
/// last entries are listed under the form. A number already recorded is said so and changes nothing.
/// </summary>
public sealed class ReturnsModel(RenewalService renewals, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public string? RecipientNumber { get; set; }

    [BindProperty]
    public string? ReturnedOn { get; set; }

    public int RenewalYear { get; private set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public RenewalSummary Summary { get; private set; } = default!;

    public IReadOnlyList<RenewalResultRow> Returned { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        ReturnedOn ??= JstClock.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        RenewalYear = Year ?? RenewalPages.DefaultYear(RenewalKind.August, clock);
        var problems = new List<FieldProblem>();
        if (FormDates.Read(ReturnedOn, nameof(ReturnedOn), "受付日", problems) is not { } returnedOn)
        {
            Problem = problems[0].Message;
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        var number = (RecipientNumber ?? string.Empty).Trim();
        if (number.Length != 7 || !number.All(char.IsAsciiDigit))
        {
            Problem = $"受給者番号は7桁の数字です: {number}";
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        try
        {
            var result = await renewals.RecordReturnAsync(RenewalYear, number, returnedOn, User.Identity!.Name!).ConfigureAwait(false);
            Done = result.AlreadyRecorded
                ? $"{number}: {result.HeadName} 様の世帯（{result.Item.HeadRecipientNumber}）はすでに返送済です（{Display.Date(result.Item.ReturnedOn)}）。"
                : $"{number}: {result.HeadName} 様の世帯（{result.Item.HeadRecipientNumber}）を返送済にしました。";
        }
        catch (RenewalRefusedException exception)
        {
            Problem = exception.Message;
            return await ShowAsync(StatusCodes.Status422UnprocessableEntity).ConfigureAwait(false);
        }

        ModelState.Remove(nameof(RecipientNumber));
        RecipientNumber = null;
        return await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private async Task<IActionResult> ShowAsync(int status)
    {
        RenewalYear = Year ?? RenewalPages.DefaultYear(RenewalKind.August, clock);
        Summary = await renewals.SummaryAsync(RenewalKind.August, RenewalYear).ConfigureAwait(false);
        Returned = await renewals.ResultsAsync(RenewalKind.August, RenewalYear, RenewalItemState.Returned, take: 20).ConfigureAwait(false);
        Response.StatusCode = status;
        return Page();
    }
}
