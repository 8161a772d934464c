using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Payments;
using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 振込不能 (permission <c>payments.returns</c>, ADR 0032): the returned transfers with where their 再振込 stands;
/// record one from the bank's notice, import the bank's result file (all or nothing, refused rows listed), release
/// a held 再振込 once the account was corrected, print the 振込不能通知.
/// </summary>
public sealed class ReturnsModel(ReturnedTransfers returns, DocumentPrints prints) : PageModel
{
    public IReadOnlyList<ReturnedTransferView> Transfers { get; private set; } = [];

    [BindProperty]
    public string? Month { get; set; }

    [BindProperty]
    public string? RecipientNumber { get; set; }

    [BindProperty]
    public long? Amount { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public IFormFile? Layout { get; set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public IReadOnlyList<ImportProblem> FileProblems { get; private set; } = [];

    public async Task OnGetAsync() => Transfers = await returns.ListAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostRecordAsync()
    {
        if (PaymentPages.ParseMonth(Month) is not { } month || string.IsNullOrWhiteSpace(RecipientNumber) || Amount is not { } amount
            || !ReturnedTransferReasons.TryParse(Reason, out var reason))
        {
            Problem = "処理年月（YYYY-MM）、受給者番号、金額、不能事由を入力してください。";
            return await ShowAsync().ConfigureAwait(false);
        }

        try
        {
            var recorded = await returns.RecordAsync(new ReturnedTransferInput(month, RecipientNumber, amount, reason, Note), Actor, Address).ConfigureAwait(false);
            Done = $"振込不能 {recorded.Id} を記録しました。再振込は口座の訂正まで保留です。";

            // A recorded return empties the entry fields (the month stays for the next one), so that
            // pressing 記録する again cannot record the same return twice by accident.
            RecipientNumber = null;
            Amount = null;
            Reason = null;
            Note = null;
        }
        catch (ReturnedTransferRefusedException refused)
        {
            Problem = refused.Message;
        }

        return await ShowAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            Problem = "振込不能結果ファイルを選んでください。";
            return await ShowAsync().ConfigureAwait(false);
        }

        var folder = Directory.CreateTempSubdirectory("fukushi-returns-upload-").FullName;
        try
        {
            var path = Path.Combine(folder, Path.GetFileName(Upload.FileName));
            await using (var stream = System.IO.File.Create(path))
            {
                await Upload.CopyToAsync(stream).ConfigureAwait(false);
            }

            ReturnedTransferLayout? layout = null;
            if (Layout is { Length: > 0 })
            {
                using var reader = new StreamReader(Layout.OpenReadStream());
                layout = ReturnedTransferLayout.Parse(await reader.ReadToEndAsync().ConfigureAwait(false), Path.GetFileNameWithoutExtension(Layout.FileName));
            }

            var result = await returns.ImportAsync(path, layout, Actor, Address).ConfigureAwait(false);
            if (result.Imported)
            {
                Done = $"振込不能 {result.Rows.Count} 件（{PaymentPages.Yen(result.Total)}）を記録しました。";
            }
            else
            {
                Problem = "誤りがあるため何も記録していません。";
                FileProblems = result.Problems;
            }
        }
        catch (ImportLayoutException exception)
        {
            Problem = "配置ファイルが正しくありません: " + exception.Message;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return await ShowAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostReleaseAsync(long id)
    {
        try
        {
            await returns.ReleaseAsync(id, Actor, Address).ConfigureAwait(false);
            Done = $"振込不能 {id} の再振込を解除しました。次回の支払で振り込みます。";
        }
        catch (Exception exception) when (exception is ReturnedTransferRefusedException or ConcurrencyConflictException)
        {
            Problem = exception.Message;
        }

        return await ShowAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostNoticeAsync(long id)
    {
        try
        {
            var input = await returns.NoticeInputAsync(id).ConfigureAwait(false);
            var document = await prints.PrintAsync(input, DocumentSubject.Recipient(input.RecipientNumber), Actor, Address).ConfigureAwait(false);
            return File(document.Pdf, "application/pdf", $"returned-transfer-notice-{id}.pdf");
        }
        catch (ReturnedTransferRefusedException refused)
        {
            Problem = refused.Message;
            return await ShowAsync().ConfigureAwait(false);
        }
    }

    private string Actor => User.Identity!.Name!;

    private string? Address => HttpContext.Connection.RemoteIpAddress?.ToString();

    private async Task<IActionResult> ShowAsync()
    {
        Transfers = await returns.ListAsync().ConfigureAwait(false);
        return Page();
    }
}
