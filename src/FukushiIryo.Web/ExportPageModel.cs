using FukushiIryo.App.Exports;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web;

/// <summary>
/// A page that delivers a bulk export of personal data (P10): the purpose and the inline 再認証 fields
/// (<c>_ExportFields</c>), then <see cref="PersonalDataExports"/> writes, audits and scans the file, and
/// the page streams it and deletes it. A problem is shown on the page, nothing delivered.
/// </summary>
public abstract class ExportPageModel(PersonalDataExports exports, ReauthenticationGate gate, UserManager<StaffUser> users) : PageModel
{
    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Problem { get; protected set; }

    public bool RecentlyReauthenticated { get; private set; }

    /// <summary>Call first: whether the form may leave out the 再認証 fields.</summary>
    protected async Task LoadReauthenticationAsync() =>
        RecentlyReauthenticated = await gate.IsRecentAsync(HttpContext).ConfigureAwait(false);

    /// <summary>Checks the purpose and the 再認証, writes the export and returns the file (or this page with the problem).</summary>
    /// <param name="kind">The export's code (file name, audit).</param>
    /// <param name="title">Its Japanese name, written in the file.</param>
    /// <param name="criteria">What was selected, for the audit.</param>
    protected async Task<IActionResult> DeliverAsync(
        string kind, string title, IReadOnlyDictionary<string, object?> criteria,
        IReadOnlyList<string> columns, IAsyncEnumerable<IReadOnlyList<string?>> rows)
    {
        if (PersonalDataExports.CheckPurpose(Purpose) is { } purposeProblem)
        {
            Problem = purposeProblem;
            return Page();
        }

        if (await gate.CheckAsync(HttpContext, Password, Code, "export " + kind).ConfigureAwait(false) is { } authProblem)
        {
            Password = null;
            Code = null;
            Problem = authProblem;
            return Page();
        }

        var user = await users.GetUserAsync(User).ConfigureAwait(false);
        var request = new ExportRequest(kind, title, Purpose!, User.Identity!.Name!, user?.DisplayName ?? string.Empty, criteria);
        var result = await exports.WriteAsync(request, columns, rows, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Status != ExportStatus.Written)
        {
            Problem = "出力するデータに個人番号らしき数字が含まれていたため、出力を中止しました（この中止も記録されています）。システム管理者に連絡してください。";
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        var stream = new FileStream(result.Path!, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return File(stream, "text/csv; charset=utf-8", result.FileName);
    }
}
