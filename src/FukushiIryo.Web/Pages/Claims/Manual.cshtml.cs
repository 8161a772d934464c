using System.Security.Claims;
using System.Text.Encodings.Web;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Claims;

/// <summary>
/// 償還払い入力 (issue 11; docs/adr/0020-manual-claims.md): the recipient's receipts typed row by row —
/// 受給者番号 (the name is echoed through htmx), then per row 医療機関コード・名称, 診療年月 (和暦 or 西暦), 点数表,
/// 入外, 実日数, 点数 or 医療費, 窓口負担額, 高額療養費・附加給付 (blank = unknown), 長期. Enter in a row adds
/// the next one (wwwroot/js/manual-claims.js; without script the 行を追加 button does). Saved through
/// <see cref="ManualClaimEntry"/>: errors beside the fields and nothing saved, or each claim's 審査 result.
/// Permission: <c>claims.manual.enter</c>.
/// </summary>
public sealed class ManualModel(ManualClaimEntry entry, HtmlEncoder encoder) : PageModel
{
    /// <summary>Rows a form may carry (a page of receipts; more are entered in a second save).</summary>
    public const int MaxRows = 50;

    [BindProperty]
    public string? RecipientNumber { get; set; }

    [BindProperty]
    public List<ManualClaimLine> Lines { get; set; } = [];

    public ManualClaimRecipient? Recipient { get; private set; }

    public ManualClaimResult? Result { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public int ProcessingMonth { get; private set; }

    public bool CanResolve => Permissions.Allows(Permissions.ReviewResolve, User.FindAll(ClaimTypes.Role).Select(c => c.Value));

    public static string Key(int row, string field) => row < 0 ? field : $"{row}.{field}";

    public string? Error(int row, string field) => Errors.GetValueOrDefault(Key(row, field));

    /// <summary>The error beside a field (encoded), or nothing.</summary>
    public IHtmlContent FieldError(int row, string field) => Error(row, field) is { } message
        ? new HtmlContentBuilder().AppendHtml("<span class=\"field-error\" role=\"alert\" id=\"").Append(ErrorId(row, field)!).AppendHtml("\">").Append(message).AppendHtml("</span>")
        : HtmlString.Empty;

    /// <summary>The id of the error beside a field, for the field's aria-describedby; null (no attribute) when it has none.</summary>
    public string? ErrorId(int row, string field) => Error(row, field) is null ? null : row < 0 ? $"error-{field}" : $"error-{row}-{field}";

    /// <summary>"true" for the field's aria-invalid when it has an error; null (no attribute) otherwise.</summary>
    public string? Invalid(int row, string field) => Error(row, field) is null ? null : "true";

    public async Task OnGetAsync()
    {
        ProcessingMonth = entry.ProcessingMonthNow();
        if (!string.IsNullOrWhiteSpace(RecipientNumber))
        {
            Recipient = await entry.LookUpAsync(RecipientNumber, User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
        }

        Lines = [new ManualClaimLine()];
    }

    /// <summary>The name echoed beside the 受給者番号 (htmx, on change); recorded as a 宛名検索.</summary>
    public async Task<IActionResult> OnGetRecipientAsync(string? recipientNumber)
    {
        if (string.IsNullOrWhiteSpace(recipientNumber))
        {
            return Content(string.Empty, "text/html; charset=utf-8");
        }

        var recipient = await entry.LookUpAsync(recipientNumber, User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
        var html = recipient is null
            ? "<span class=\"field-error\" role=\"alert\">その受給者番号の受給者はいません。</span>"
            : $"<strong>{encoder.Encode(recipient.Name)}</strong>（生年月日 {encoder.Encode(Display.Date(recipient.BirthDate))}）";
        return Content(html, "text/html; charset=utf-8");
    }

    /// <summary>行を追加 without script: the form again with one more blank row.</summary>
    public async Task<IActionResult> OnPostAddRowAsync()
    {
        ModelState.Clear();
        await EchoAsync().ConfigureAwait(false);
        if (Lines.Count < MaxRows)
        {
            Lines.Add(new ManualClaimLine());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (Lines.Count > MaxRows)
        {
            Lines = Lines.Take(MaxRows).ToList();
        }

        Result = await entry.SaveAsync(RecipientNumber, Lines, User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
        ProcessingMonth = Result.ProcessingMonth;
        if (!Result.Ok)
        {
            foreach (var error in Result.Errors)
            {
                Errors.TryAdd(Key(error.Row, error.Field), error.Message);
            }

            await EchoAsync().ConfigureAwait(false);
            if (Lines.Count == 0)
            {
                Lines.Add(new ManualClaimLine());
            }

            return Page();
        }

        // Saved: the recipient stays for the next receipts; the rows start again.
        await EchoAsync().ConfigureAwait(false);
        Lines = [new ManualClaimLine()];
        return Page();
    }

    private async Task EchoAsync()
    {
        ProcessingMonth = entry.ProcessingMonthNow();
        Recipient = await entry.FindRecipientAsync(RecipientNumber, HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
