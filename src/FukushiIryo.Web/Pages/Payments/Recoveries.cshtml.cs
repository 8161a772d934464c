using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 返還請求 and 支払調整 (permission <c>payments.adjust</c>): the adjustments with what is outstanding, the
/// 返還請求 with their balance; make one from a payee's outstanding decreases (staff decision) or by the rules
/// (sweep), record a 戻入, print the 返還請求書, issue the 督促状 of the overdue, and download the 出納 list.
/// Write-off (不納欠損) is on <c>/Payments/WriteOff</c> (決裁).
/// </summary>
public sealed class RecoveriesModel(Recoveries recoveries, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Payee { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    [BindProperty]
    [Display(Name = "収納日")]
    public DateOnly? ReceivedOn { get; set; }

    [BindProperty]
    public long? Amount { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "基準日")]
    public DateOnly? AsOf { get; set; }

    public IReadOnlyList<RecoveryBalance> List { get; private set; } = [];

    public IReadOnlyList<(PaymentAdjustment Adjustment, long Outstanding)> Adjustments { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(AppClock.Now(clock).UtcDateTime);

    public async Task OnGetAsync()
    {
        List = await recoveries.ListAsync().ConfigureAwait(false);
        Adjustments = await recoveries.AdjustmentsAsync(100).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostCreateAsync() => ActAsync(async () =>
    {
        var made = await recoveries.CreateAsync(Payee?.Trim() ?? string.Empty, Reason ?? string.Empty, User.Identity!.Name!).ConfigureAwait(false);
        return $"返還請求 {made.Number}（{PaymentPages.Yen(made.Amount)}、納期限 {Display.Date(made.DueDate)}）を作成しました。";
    });

    public async Task<IActionResult> OnPostSweepAsync() =>
        await RefuseUnreadableAsOfAsync().ConfigureAwait(false) ?? await ActAsync(async () =>
        {
            var made = await recoveries.SweepAsync(AsOf ?? Today, User.Identity!.Name!).ConfigureAwait(false);
            return $"規則により返還請求 {made.Count} 件を作成しました。";
        }).ConfigureAwait(false);

    public Task<IActionResult> OnPostRepayAsync() => ActAsync(async () =>
    {
        if (ReceivedOn is not { } date || Amount is not { } amount)
        {
            throw new RecoveryRefusedException(FormDates.Error(ModelState, nameof(ReceivedOn)) ?? "収納日と戻入額を入力してください。");
        }

        var balance = await recoveries.RepayAsync(Number ?? string.Empty, date, amount, User.Identity!.Name!).ConfigureAwait(false);
        return $"返還請求 {balance.Recovery.Number} の戻入 {PaymentPages.Yen(amount)} を記録しました（未収額 {PaymentPages.Yen(balance.Outstanding)}）。";
    });

    public async Task<IActionResult> OnGetDemandAsync()
    {
        try
        {
            var document = await recoveries.DemandAsync(Number ?? string.Empty, Today, User.Identity!.Name!).ConfigureAwait(false);
            return File(document.Pdf, "application/pdf", $"recovery-demand-{Number}.pdf");
        }
        catch (RecoveryRefusedException refused)
        {
            Problem = refused.Message;
            await OnGetAsync().ConfigureAwait(false);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemindAsync()
    {
        if (await RefuseUnreadableAsOfAsync().ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var (overdue, pdf) = await recoveries.RemindAsync(AsOf ?? Today, User.Identity!.Name!).ConfigureAwait(false);
        if (pdf is not null)
        {
            return File(pdf.Pdf, "application/pdf", "recovery-reminder.pdf");
        }

        Done = "納期限を過ぎた未納の返還請求はありません。";
        await OnGetAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostLedgerAsync()
    {
        if (await RefuseUnreadableAsOfAsync().ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var date = AsOf ?? Today;
        var csv = await recoveries.LedgerCsvAsync(date, User.Identity!.Name!).ConfigureAwait(false);
        return File(csv, "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"recoveries-{date:yyyyMMdd}.csv"));
    }

    /// <summary>A 基準日 typed but unreadable is shown beside its field rather than silently read as today.</summary>
    private async Task<IActionResult?> RefuseUnreadableAsOfAsync()
    {
        if (FormDates.Error(ModelState, nameof(AsOf)) is null)
        {
            return null;
        }

        await OnGetAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task<IActionResult> ActAsync(Func<Task<string>> act)
    {
        try
        {
            Done = await act().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RecoveryRefusedException or ConcurrencyConflictException)
        {
            Problem = exception.Message;
        }

        await OnGetAsync().ConfigureAwait(false);
        return Page();
    }
}
