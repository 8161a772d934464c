using System.Globalization;
using System.Security.Claims;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Review;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Review;

/// <summary>
/// 審査キュー: the claims whose 審査 result is open, filtered by 処理年月, rule and 医療機関コード; each
/// with its findings and the forms 承認, 否認 (reason), 照合の訂正 (受給者番号); and 一括承認 of one
/// rule's claims in the filter. A stale form (the result changed since it was shown) is refused
/// with 409. A form runs the 審査 of a 処理年月 (<see cref="ReviewRun"/>, permission <c>review.run</c>).
/// Permission: <c>review.resolve</c>.
/// </summary>
public sealed class IndexModel(ReviewQueueService queue, ReviewRun reviewRun, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rule { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Provider { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ReviewQueuePage Result { get; private set; } = default!;

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public static IReadOnlyList<ReviewRule> Rules => ReviewRules.All;

    /// <summary>The 処理年月 of the run form: the one typed, else the filter's, else this month (JST).</summary>
    [BindProperty]
    public string? RunMonth { get; set; }

    public bool CanRun => Permissions.Allows(Permissions.ReviewRun, User.FindAll(ClaimTypes.Role).Select(c => c.Value));

    public string RunMonthShown => RunMonth ?? (string.IsNullOrWhiteSpace(Month) ? YearMonth.Of(JstClock.Today(clock)).ToString() : Month.Trim());

    /// <summary>審査の実行: runs the rules over the claims of <see cref="RunMonth"/> and shows that month's queue.</summary>
    public async Task<IActionResult> OnPostRunAsync()
    {
        if (!CanRun)
        {
            return Forbid();
        }

        if (ImportModel.ParseMonth(RunMonth) is not { } month)
        {
            Problem = "審査する処理年月は YYYY-MM で入力してください。";
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        try
        {
            var result = await reviewRun.RunAsync(month, Actor, HttpContext.RequestAborted).ConfigureAwait(false);
            Month = month.ToString();
            Done = string.Create(CultureInfo.InvariantCulture,
                $"処理年月 {month} の審査を実行しました: {result.Reviewed} 件（可 {result.ByOutcome[ReviewOutcome.Accepted]} 件・要確認 {result.ByOutcome[ReviewOutcome.NeedsReview]} 件・否 {result.ByOutcome[ReviewOutcome.Rejected]} 件）、処理済みのため対象外 {result.SkippedResolved} 件。");
            return await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);
        }
        catch (MasterDataMissingException exception)
        {
            Problem = exception.Message;
            return await ShowAsync(StatusCodes.Status409Conflict).ConfigureAwait(false);
        }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!TryFilter(out var filter))
        {
            return Page();
        }

        Result = await queue.SearchAsync(filter, PageNumber).ConfigureAwait(false);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(long reviewId, long version) =>
        ActAsync(() => queue.ApproveAsync(reviewId, version, Actor), "承認しました。");

    public Task<IActionResult> OnPostRejectAsync(long reviewId, long version, string? reason) =>
        ActAsync(() => queue.RejectAsync(reviewId, version, reason ?? string.Empty, Actor), "否認しました。");

    public Task<IActionResult> OnPostRematchAsync(long reviewId, long version, string? recipientNumber) =>
        ActAsync(() => queue.RematchAsync(reviewId, version, recipientNumber ?? string.Empty, Actor), "照合を訂正し、審査をやり直しました。");

    public Task<IActionResult> OnPostBulkAsync(int count, long shownAtTicks)
    {
        if (string.IsNullOrWhiteSpace(Rule))
        {
            Problem = "一括承認するチェック規則を選んでください。";
            return ShowAsync(StatusCodes.Status400BadRequest);
        }

        return ActAsync(async () =>
        {
            _ = TryFilter(out var filter);
            var approved = await queue.BulkApproveAsync(filter, Rule, count, new DateTimeOffset(shownAtTicks, TimeSpan.Zero), Actor).ConfigureAwait(false);
            Done = string.Create(CultureInfo.InvariantCulture, $"{approved} 件を一括承認しました（ほかの指摘もあるものは残しています）。");
        }, null);
    }

    private string Actor => User.Identity!.Name!;

    private async Task<IActionResult> ActAsync(Func<Task> act, string? done)
    {
        if (!TryFilter(out _))
        {
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        try
        {
            await act().ConfigureAwait(false);
            Done ??= done;
            return await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            Problem = exception.Message.Split(" (Parameter", 2)[0];
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException exception)
        {
            Problem = exception.Message;
            return await ShowAsync(StatusCodes.Status409Conflict).ConfigureAwait(false);
        }
    }

    private async Task<IActionResult> ShowAsync(int status)
    {
        if (TryFilter(out var filter))
        {
            Result = await queue.SearchAsync(filter, PageNumber).ConfigureAwait(false);
        }

        Response.StatusCode = status;
        return Page();
    }

    private bool TryFilter(out ReviewQueueFilter filter)
    {
        filter = new ReviewQueueFilter();
        YearMonth? month = null;
        if (!string.IsNullOrWhiteSpace(Month))
        {
            var text = Month.Trim();
            if (text.Length != 7 || text[4] != '-'
                || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)
                || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m)
                || m is < 1 or > 12 || year < 1900)
            {
                Problem = "処理年月は YYYY-MM で入力してください。";
                Result = new ReviewQueuePage([], 0, 1, ReviewQueueService.PageSize, DateTimeOffset.UtcNow);
                return false;
            }

            month = new YearMonth(year, m);
        }

        filter = new ReviewQueueFilter(month, string.IsNullOrWhiteSpace(Rule) ? null : Rule.Trim(), string.IsNullOrWhiteSpace(Provider) ? null : Provider.Trim());
        return true;
    }
}
