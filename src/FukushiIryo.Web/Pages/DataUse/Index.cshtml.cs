using FukushiIryo.App.DataUse;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.DataUse;

/// <summary>
/// データ利用申請 (P14): the signed-in staff member's own requests, with a link to each approved view
/// while it lasts, and the form of a new request (a view of the fixed catalogue, its items, the
/// period, the legal basis). Permission: <c>datause.request</c> (every staff account, ADR 0030).
/// </summary>
public sealed class IndexModel(DataUseRequests requests, TimeProvider clock) : PageModel
{
    [BindProperty]
    public DataUseRequestForm Input { get; set; } = new();

    public IReadOnlyList<DataUseRequest> Mine { get; private set; } = [];

    public List<FieldProblem> Problems { get; } = [];

    public long? Done { get; private set; }

    public string? Error(string field) => FormDates.For(Problems, field);

    public bool IsOpen(DataUseRequest request) => requests.IsOpen(request);

    public async Task OnGetAsync(long? done)
    {
        Done = done;
        var today = JstClock.Today(clock);
        Input = new DataUseRequestForm { ViewKey = DataUseViews.All[0].Key, AccessUntil = Display.Iso(today.AddMonths(1)) };
        Mine = await requests.MineAsync(User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var from = FormDates.Read(Input.RecordsFrom, "RecordsFrom", "対象期間の開始日", Problems);
        var to = FormDates.Read(Input.RecordsTo, "RecordsTo", "対象期間の終了日", Problems);
        var until = FormDates.Read(Input.AccessUntil, "AccessUntil", "閲覧期限", Problems);
        if (Problems.Count == 0)
        {
            // Items are posted as "view.item": only those of the chosen view count.
            var prefix = Input.ViewKey + ".";
            var items = Input.Items.Where(i => i.StartsWith(prefix, StringComparison.Ordinal)).Select(i => i[prefix.Length..]).ToList();
            var (request, problems) = await requests.RequestAsync(
                new DataUseRequestEntry(Input.Section, Input.ViewKey, items, from, to, Input.LegalBasis, Input.Purpose, until),
                User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted).ConfigureAwait(false);
            if (request is not null)
            {
                return Redirect($"/DataUse?done={request.Id}");
            }

            Problems.AddRange(problems);
        }

        Mine = await requests.MineAsync(User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
        return Page();
    }
}

/// <summary>The data-use request form as typed.</summary>
public sealed class DataUseRequestForm
{
    public string? Section { get; set; }

    public string? ViewKey { get; set; }

    /// <summary>Checked items as <c>view.item</c>.</summary>
    public List<string> Items { get; set; } = [];

    public string? RecordsFrom { get; set; }

    public string? RecordsTo { get; set; }

    public string? LegalBasis { get; set; }

    public string? Purpose { get; set; }

    public string? AccessUntil { get; set; }
}
