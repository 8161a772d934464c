using FukushiIryo.App.Applications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>
/// 電子申請（登録待ち） (permission <c>application.enter</c>, ADR 0029): the e-applications received and
/// not yet registered; 「登録」 opens 新規申請の入力 prefilled. The 個人番号 are not here: they went to
/// the 宛名 vault at intake.
/// </summary>
public sealed class EApplicationsModel(EApplications applications) : PageModel
{
    public IReadOnlyList<PendingEApplication> Pending { get; private set; } = [];

    public async Task OnGetAsync() =>
        Pending = await applications.PendingAsync(User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);

    public static string MatchLabel(EApplicationPerson person) => person.Match switch
    {
        "vault" => "照合済（個人番号）",
        "ledger" => "照合済（氏名カナ・生年月日）",
        _ => "未照合（宛名検索で選んでください）",
    };
}
