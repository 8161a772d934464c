using FukushiIryo.App.DataUse;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.DataUse;

/// <summary>
/// データ利用申請の決裁 (P14): every request, those 申請中 first; a 決裁 holder other than the requester
/// approves or rejects (with a reason) after 再認証. Permission: <c>datause.approve</c>.
/// </summary>
[RequiresReauthentication]
public sealed class ApproveModel(DataUseRequests requests) : PageModel
{
    public IReadOnlyList<DataUseRequest> Requests { get; private set; } = [];

    public string? Refusal { get; private set; }

    public string? Done { get; private set; }

    public bool IsOpen(DataUseRequest request) => requests.IsOpen(request);

    public async Task OnGetAsync(string? done, long? id)
    {
        Done = done switch
        {
            "approved" => $"データ利用申請 {id} を承認しました。",
            "rejected" => $"データ利用申請 {id} を不承認にしました。",
            _ => null,
        };
        Requests = await requests.AllAsync(HttpContext.RequestAborted).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostAsync(long requestId, string? decision, string? note)
    {
        var approve = decision == "approve";
        var outcome = await requests.DecideAsync(requestId, approve, note, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted).ConfigureAwait(false);
        if (outcome.IsDecided)
        {
            return Redirect($"/DataUse/Approve?done={(approve ? "approved" : "rejected")}&id={requestId}");
        }

        Refusal = outcome.Refusal;
        Requests = await requests.AllAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        return Page();
    }
}
