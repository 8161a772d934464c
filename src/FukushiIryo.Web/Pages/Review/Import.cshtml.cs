using System.Globalization;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Web.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Review;

/// <summary>
/// レセプト取込 (issue 11): upload a UKE file or an autopay CSV with its 処理年月 and layout; the import
/// (<see cref="MedicalClaimsImport"/>, the same service as <c>fukushi import receipts</c>) runs in the
/// background (<see cref="ClaimsImportJobs"/>) while the page polls with htmx for the progress bar, and
/// ends with the per-row report (errors, warnings, each claim's match result) or the refusal of a file
/// imported before. Permissions: <c>review.resolve</c> (the folder) and <c>import.receipts</c>.
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportModel(ClaimsImportJobs jobs, TimeProvider clock) : PageModel
{
    /// <summary>A month's UKE file of the city is a few tens of MB; 512 MB leaves room.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    [BindProperty]
    public string? Month { get; set; }

    [BindProperty]
    public string Layout { get; set; } = "auto";

    [BindProperty]
    public string Source { get; set; } = "kokuhoren";

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Job { get; set; }

    public ClaimsImportJob? Current { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public IActionResult OnGet()
    {
        if (Job is not null)
        {
            Current = jobs.Find(Job, Actor);
            if (Current is null)
            {
                return NotFound();
            }
        }

        Month ??= YearMonth.Of(JstClock.Today(clock)).ToString();
        return Page();
    }

    /// <summary>The progress fragment the page polls (htmx); the report once the job is done.</summary>
    public IActionResult OnGetProgress()
    {
        Current = jobs.Find(Job, Actor);
        return Current is null ? NotFound() : Partial("_ImportProgress", this);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var month = ParseMonth(Month);
        if (month is null)
        {
            Errors[nameof(Month)] = "処理年月は YYYY-MM で入力してください。";
        }

        if (Layout is not ("auto" or "uke" or "autopay"))
        {
            Errors[nameof(Layout)] = "形式を選んでください。";
        }

        if (Source is not ("kokuhoren" or "shiharai-kikin"))
        {
            Errors[nameof(Source)] = "審査支払機関を選んでください。";
        }

        if (Upload is null || Upload.Length == 0)
        {
            Errors[nameof(Upload)] = "取り込むファイルを選んでください。";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        // The upload is copied under its own name (its extension tells the format) into a folder of its own.
        var folder = Directory.CreateTempSubdirectory("fukushi-upload-").FullName;
        var name = Path.GetFileName(Upload!.FileName.Replace('\\', '/')).Trim();
        var path = Path.Combine(folder, name.Length == 0 || name.Trim('.').Length == 0 || name.Length > 200 ? "upload" : name);
        await using (var target = System.IO.File.Create(path))
        {
            await Upload.CopyToAsync(target, HttpContext.RequestAborted).ConfigureAwait(false);
        }

        var format = MedicalClaimsImport.Detect(path, Layout == "auto" ? null : Layout);
        var job = jobs.Start(path, Actor, month!.Value, format, Source, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.TraceIdentifier);
        return RedirectToPage("/Review/Import", new { job = job.Id });
    }

    public string Percent(ClaimsImportJob job) =>
        job.EstimatedTotal <= 0 ? "0" : Math.Min(100, job.Written * 100 / job.EstimatedTotal).ToString(CultureInfo.InvariantCulture);

    private string Actor => User.Identity!.Name!;

    /// <summary>A 処理年月 typed as YYYY-MM (the ISO month form of the imports), or null.</summary>
    internal static YearMonth? ParseMonth(string? text) =>
        ImportDate.TryParseMonth(text, ImportDateStyle.Iso) is { IsSuccess: true } month ? month.Value : null;
}
