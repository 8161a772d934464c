using FukushiIryo.App.DataUse;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.DataUse;

/// <summary>
/// An approved data-use view (P14), read-only: only the approved items of the approved period's
/// records, only for the requester, only until the 閲覧期限; otherwise the refusal (403). Every
/// opening and refusal is audited by <see cref="DataUseRequests.OpenAsync"/>. Permission:
/// <c>datause.request</c>, then the grant itself.
/// </summary>
public sealed class ViewModel(DataUseRequests requests) : PageModel
{
    public DataUseViewResult Result { get; private set; } = new(null, null, [], []);

    public DataUseView? View { get; private set; }

    public async Task OnGetAsync(long id)
    {
        Result = await requests.OpenAsync(id, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted).ConfigureAwait(false);
        View = DataUseViews.Find(Result.Request?.ViewKey);
        if (Result.IsRefused)
        {
            Response.StatusCode = Result.Request is null ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        }
    }
}
