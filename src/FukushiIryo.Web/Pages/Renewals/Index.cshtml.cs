using FukushiIryo.App.Documents;
using FukushiIryo.App.Renewals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RenewalService = FukushiIryo.App.Renewals.Renewals;

namespace FukushiIryo.Web.Pages.Renewals;

/// <summary>
/// 更新 (permission <c>renewal.forms</c>, 窓口): choose the August 年度切替更新 or the April 年齢区分更新
/// and the year; the progress (polled every 3 s while a step runs), the forms step (the PDF of the
/// households not yet sent, downloaded; nothing new: no PDF), links to the returned-form entry and
/// to the decide page, and the result list filtered by state and outcome.
/// </summary>
public sealed class IndexModel(RenewalService renewals, TimeProvider clock) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public RenewalItemState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public RenewalOutcome? Outcome { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public RenewalKind RenewalKind { get; private set; }

    public int RenewalYear { get; private set; }

    public RenewalSummary Summary { get; private set; } = default!;

    public IReadOnlyList<RenewalResultRow> Rows { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public string PollUrl => $"/Renewals?handler=Progress&{RenewalPages.Query(RenewalKind, RenewalYear)}";

    public async Task<IActionResult> OnGetAsync() => await ShowAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnGetProgressAsync()
    {
        if (!Choose())
        {
            return BadRequest();
        }

        Summary = await renewals.SummaryAsync(RenewalKind, RenewalYear).ConfigureAwait(false);
        return Partial("_Progress", (Summary, PollUrl));
    }

    public async Task<IActionResult> OnPostFormsAsync()
    {
        if (!Choose() || RenewalKind != RenewalKind.August)
        {
            Problem = "申請書を送付するのは8月の年度切替更新だけです。";
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        RenderedDocument? forms = null;
        try
        {
            await renewals.SendFormsAsync(RenewalYear, User.Identity!.Name!, (document, _) =>
            {
                forms = document;
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        }
        catch (RenewalRefusedException exception)
        {
            Problem = exception.Message;
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        if (forms is null)
        {
            Done = "新たに送付する更新申請書はありません。";
            return await ShowAsync().ConfigureAwait(false);
        }

        return File(forms.Pdf, "application/pdf", $"renewal-forms-{RenewalYear}.pdf");
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

    private async Task<IActionResult> ShowAsync(int status = StatusCodes.Status200OK)
    {
        if (!Choose())
        {
            RenewalKind = RenewalKind.August;
            RenewalYear = RenewalPages.DefaultYear(RenewalKind, clock);
            Problem ??= "更新の種類と年を確かめてください。";
            status = StatusCodes.Status400BadRequest;
        }

        Summary = await renewals.SummaryAsync(RenewalKind, RenewalYear).ConfigureAwait(false);
        PageNumber = Math.Max(1, PageNumber);
        Rows = await renewals.ResultsAsync(RenewalKind, RenewalYear, State, Outcome, (PageNumber - 1) * PageSize, PageSize).ConfigureAwait(false);
        Response.StatusCode = status;
        return Page();
    }
}
