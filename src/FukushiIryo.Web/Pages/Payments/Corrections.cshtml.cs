using System.ComponentModel.DataAnnotations;
using FukushiIryo.App.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>
/// 再審査結果 (過誤調整; permission <c>payments.adjust</c>): one result entered by hand (確認 shows the
/// recomputed 助成額 and the difference before recording), or a CSV imported all or nothing with a report
/// per row; the latest results below.
/// </summary>
public sealed class CorrectionsModel(ClaimCorrections corrections, EligibilityAdjustments eligibility) : PageModel
{
    [BindProperty]
    public long? ClaimId { get; set; }

    [BindProperty]
    public bool Withdrawn { get; set; }

    [BindProperty]
    [Display(Name = "決定日")]
    public DateOnly? DecidedOn { get; set; }

    [BindProperty]
    public long? Points { get; set; }

    [BindProperty]
    public long? PatientShare { get; set; }

    [BindProperty]
    public long? HighCostRefund { get; set; }

    [BindProperty]
    public long? ExtraBenefit { get; set; }

    [BindProperty]
    public long? OtherPublicAmount { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? RecipientNumber { get; set; }

    public ClaimCorrectionPreview? Preview { get; private set; }

    public ClaimCorrectionImportResult? Imported { get; private set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public IReadOnlyList<ClaimCorrection> Recent { get; private set; } = [];

    public async Task OnGetAsync() => Recent = await corrections.RecentAsync(50).ConfigureAwait(false);

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (BuildRequest() is { } request)
        {
            try
            {
                Preview = await corrections.PreviewAsync(request).ConfigureAwait(false);
            }
            catch (ClaimCorrectionRefusedException refused)
            {
                Problem = refused.Message;
            }
        }

        await OnGetAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync()
    {
        if (BuildRequest() is { } request)
        {
            try
            {
                var correction = await corrections.RecordAsync(request, User.Identity!.Name!).ConfigureAwait(false);
                Done = $"レセプトID {correction.MedicalClaimId} の再審査結果を記録しました（差額 {PaymentPages.Yen(correction.Difference)}）。";
                ClaimId = null;
            }
            catch (ClaimCorrectionRefusedException refused)
            {
                Problem = refused.Message;
            }
        }

        await OnGetAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            Problem = "取り込むファイルを選んでください。";
        }
        else
        {
            var stream = Upload.OpenReadStream();
            await using (stream.ConfigureAwait(false))
            {
                Imported = await corrections.ImportAsync(stream, User.Identity!.Name!).ConfigureAwait(false);
            }
        }

        await OnGetAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostEligibilityAsync()
    {
        try
        {
            var lines = await eligibility.ApplyAsync(string.IsNullOrWhiteSpace(RecipientNumber) ? null : RecipientNumber.Trim(), User.Identity!.Name!).ConfigureAwait(false);
            Done = $"資格の期間外の支払済みレセプト {lines.Count} 件を減額の支払調整にしました（合計 {PaymentPages.Yen(-lines.Sum(l => l.PaidSoFar))}）。";
        }
        catch (ClaimCorrectionRefusedException refused)
        {
            Problem = refused.Message;
        }

        await OnGetAsync().ConfigureAwait(false);
        return Page();
    }

    private ClaimCorrectionRequest? BuildRequest()
    {
        if (ClaimId is not { } id || DecidedOn is not { } decided)
        {
            Problem = FormDates.Error(ModelState, nameof(DecidedOn)) is null ? "レセプトIDと決定日を入力してください。" : "入力に誤りがあります。項目の横のメッセージを確認してください。";
            return null;
        }

        return new ClaimCorrectionRequest(id, Withdrawn ? ClaimCorrectionKind.Withdrawn : ClaimCorrectionKind.Corrected, decided, Reason ?? string.Empty,
            Withdrawn ? null : Points, Withdrawn ? null : PatientShare, Withdrawn ? null : HighCostRefund, Withdrawn ? null : ExtraBenefit, Withdrawn ? null : OtherPublicAmount);
    }
}
