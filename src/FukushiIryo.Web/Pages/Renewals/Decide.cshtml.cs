using FukushiIryo.App.Masters;
using FukushiIryo.App.Renewals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RenewalService = FukushiIryo.App.Renewals.Renewals;

namespace FukushiIryo.Web.Pages.Renewals;

/// <summary>
/// 更新の決定 (permission <c>renewal.decide</c>, 決裁, 再認証 before the page as for an application's
/// decision): runs the decide step of the chosen kind and year. The form posts with htmx so that the
/// progress keeps polling while the step runs; without script it posts normally and shows the result.
/// </summary>
[RequiresReauthentication(IncludeGet = true)]
public sealed class DecideModel(RenewalService renewals, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public RenewalKind RenewalKind { get; private set; }

    public int RenewalYear { get; private set; }

    public RenewalSummary Summary { get; private set; } = default!;

    public RenewalDecideResult? Result { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The decided households not yet printed, per kind of document (the print buttons).</summary>
    public IReadOnlyDictionary<RenewalPrintKind, int> Unprinted { get; private set; } = new Dictionary<RenewalPrintKind, int>();

    public string PollUrl => $"/Renewals/Decide?handler=Progress&{RenewalPages.Query(RenewalKind, RenewalYear)}";

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);

    public async Task<IActionResult> OnGetProgressAsync()
    {
        if (!Choose())
        {
            return BadRequest();
        }

        Summary = await renewals.SummaryAsync(RenewalKind, RenewalYear).ConfigureAwait(false);
        return Partial("_Progress", (Summary, PollUrl));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Choose())
        {
            Problem = "更新の種類と年を確かめてください。";
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        try
        {
            Result = await renewals.DecideAsync(RenewalKind, RenewalYear, User.Identity!.Name!, cancellationToken: HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RenewalRefusedException or MasterDataMissingException)
        {
            Problem = exception.Message;
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        return await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);
    }

    /// <summary>
    /// The batch print of one kind (受給資格証 or a 喪失通知書 kind) of the decided households not yet
    /// printed: the PDF is the response; nothing due shows the page with a note.
    /// </summary>
    public async Task<IActionResult> OnPostPrintAsync(string? what)
    {
        if (!Choose() || !Enum.TryParse<RenewalPrintKind>(what, ignoreCase: false, out var printKind) || !RenewalService.PrintKinds(RenewalKind).Contains(printKind))
        {
            Problem = "印刷する書類を確かめてください。";
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        RenewalPrinted? printed;
        try
        {
            printed = await renewals.PrintAsync(RenewalKind, RenewalYear, printKind, User.Identity!.Name!, (_, _) => Task.CompletedTask, HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (RenewalRefusedException exception)
        {
            Problem = exception.Message;
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        if (printed is null)
        {
            Problem = $"新たに印刷する{RenewalService.Label(printKind)}はありません。";
            return await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);
        }

        return File(printed.Document.Pdf, "application/pdf", $"renewal-{RenewalPages.Key(RenewalKind)}-{RenewalYear}-{RenewalService.FileStem(printKind)}.pdf");
    }

    private bool Choose()
    {
        if (RenewalPages.ParseKind(Kind) is not { } kind)
        {
            return false;
        }

        RenewalKind = kind;
        RenewalYear = Year ?? RenewalPages.DefaultYear(kind, clock);
        return RenewalYear is >= 2000 and <= 9998;
    }

    private async Task<IActionResult> ShowAsync(int status)
    {
        if (!Choose())
        {
            RenewalKind = RenewalKind.August;
            RenewalYear = RenewalPages.DefaultYear(RenewalKind, clock);
        }

        Summary = await renewals.SummaryAsync(RenewalKind, RenewalYear).ConfigureAwait(false);
        Unprinted = await renewals.UnprintedAsync(RenewalKind, RenewalYear).ConfigureAwait(false);
        Response.StatusCode = status;
        return Page();
    }
}
