using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Linkage;

/// <summary>
/// 情報照会 (P15): an inquiry through the 情報提供ネットワークシステム is checked against today's
/// 照会許可照合リスト and recorded, or refused with the reason (audited); the answer is entered when it
/// comes back. Permission: <c>linkage.inquiry</c>.
/// </summary>
public sealed class InquiriesModel(NetworkInquiries inquiries) : PageModel
{
    [BindProperty]
    public NetworkInquiryForm Input { get; set; } = new();

    public IReadOnlyList<InquiryAllowListRow> Allowed { get; private set; } = [];

    public IReadOnlyList<(NetworkInquiry Inquiry, string AtenaNumber)> Recent { get; private set; } = [];

    public List<FieldProblem> Problems { get; } = [];

    public string? Refusal { get; private set; }

    public string? Done { get; private set; }

    public string? Error(string field) => FormDates.For(Problems, field);

    public async Task OnGetAsync(string? done, long? id)
    {
        Input = new NetworkInquiryForm { Procedure = NetworkInquiries.ThisProcedure };
        Done = done switch
        {
            "request" => $"情報照会 {id} を記録しました。結果が届いたら下の一覧で入力してください。",
            "result" => $"情報照会 {id} の結果を入力しました。",
            _ => null,
        };
        await LoadAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await inquiries.RequestAsync(new NetworkInquiryEntry(Input.AtenaNumber, Input.Procedure, Input.InformationItem, Input.Purpose),
            User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        if (outcome.Inquiry is { } recorded)
        {
            return Redirect($"/Linkage/Inquiries?done=request&id={recorded.Id}");
        }

        Problems.AddRange(outcome.Problems);
        Refusal = outcome.Refusal;

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostResultAsync(long inquiryId, string? result)
    {
        var problems = await inquiries.RecordResultAsync(inquiryId, result, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        if (problems.Count == 0)
        {
            return Redirect($"/Linkage/Inquiries?done=result&id={inquiryId}");
        }

        Problems.AddRange(problems.Select(p => p with { Field = "Result" + inquiryId }));
        Input = new NetworkInquiryForm { Procedure = NetworkInquiries.ThisProcedure };
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        Allowed = await inquiries.AllowedTodayAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        Recent = await inquiries.RecentAsync(100, HttpContext.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>The 情報照会 form as typed.</summary>
public sealed class NetworkInquiryForm
{
    public string? AtenaNumber { get; set; }

    public string? Procedure { get; set; }

    public string? InformationItem { get; set; }

    public string? Purpose { get; set; }
}
