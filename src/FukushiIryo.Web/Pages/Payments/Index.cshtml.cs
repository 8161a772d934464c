using FukushiIryo.App.Payments;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 支払処理 of a 処理年月 (permission <c>payments.view</c>): the run's state, totals and progress through
/// 準備 → 承認 → 出力, the payees with the change from last month, and the held-out payees with their
/// reasons; links to the steps the user's roles allow.
/// </summary>
public sealed class IndexModel(PaymentRuns runs, TimeProvider clock) : PageModel
{
    public string Month { get; private set; } = string.Empty;

    public PaymentRun? Run { get; private set; }

    public IReadOnlyList<PaymentPayee> Payees { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool CanPrepare { get; private set; }

    public bool CanApprove { get; private set; }

    public async Task OnGetAsync(string? month)
    {
        var roles = User.Claims.Where(c => c.Type == System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList();
        CanPrepare = Permissions.Allows(Permissions.PaymentsPrepare, roles);
        CanApprove = Permissions.Allows(Permissions.PaymentsApprove, roles);
        var today = Domain.Calendar.JstClock.Today(clock);
        var parsed = PaymentPages.ParseMonth(month) ?? new Domain.Calendar.YearMonth(today.Year, today.Month);
        if (month is not null && PaymentPages.ParseMonth(month) is null)
        {
            Problem = "処理年月は YYYY-MM で指定してください。";
        }

        Month = parsed.ToString();
        Run = await runs.FindAsync(parsed).ConfigureAwait(false);
        if (Run is not null)
        {
            Payees = await runs.PayeesAsync(Run).ConfigureAwait(false);
        }
    }
}
