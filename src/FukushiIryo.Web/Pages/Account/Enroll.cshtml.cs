using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Account;

/// <summary>
/// Enrolment of the second factor, forced at the first web login: the key is issued on request
/// (a new issue replaces the old), shown once with the recovery codes, and the login completes
/// only with a valid code from the new key.
/// </summary>
public sealed class EnrollModel(LoginFlow flow, StaffTotp totp) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Login { get; private set; } = string.Empty;

    public TotpEnrollment? Enrollment { get; private set; }

    public string? Secret => Enrollment is null ? null : SecretOf(Enrollment.KeyUri);

    /// <summary>The key URI as a QR code (PNG, data URI) for the authenticator app to scan; rendered on the server, no script.</summary>
    public string? QrCodeDataUri
    {
        get
        {
            if (Enrollment is null)
            {
                return null;
            }

            using var generator = new QRCoder.QRCodeGenerator();
            using var data = generator.CreateQrCode(Enrollment.KeyUri, QRCoder.QRCodeGenerator.ECCLevel.M);
            var png = new QRCoder.PngByteQRCode(data).GetGraphic(6);
            return "data:image/png;base64," + Convert.ToBase64String(png);
        }
    }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await flow.HeldAsync(HttpContext).ConfigureAwait(false);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Login = user.UserName ?? string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync()
    {
        var user = await flow.HeldAsync(HttpContext).ConfigureAwait(false);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Login = user.UserName ?? string.Empty;
        Enrollment = await totp.EnrollAsync(Login, Login, HttpContext.RequestAborted).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await flow.HeldAsync(HttpContext).ConfigureAwait(false);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Login = user.UserName ?? string.Empty;
        var outcome = await totp.VerifyCodeAsync(user, (Code ?? string.Empty).Trim(), HttpContext.RequestAborted).ConfigureAwait(false);
        if (outcome == TotpOutcome.Accepted)
        {
            await flow.CompleteAsync(HttpContext, user).ConfigureAwait(false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Message = outcome == TotpOutcome.NotEnrolled
            ? "まだ鍵が発行されていません。「鍵を発行する」から始めてください。"
            : "確認コードが違います。鍵を登録し直す場合は、もう一度「鍵を発行する」を押してください（前の鍵は使えなくなります）。";
        return Page();
    }

    /// <summary>The base32 key of an otpauth URI, in groups of four for typing.</summary>
    public static string SecretOf(string keyUri)
    {
        ArgumentNullException.ThrowIfNull(keyUri);
        var query = new Uri(keyUri).Query.TrimStart('?').Split('&');
        var secret = query.Select(part => part.Split('=', 2)).FirstOrDefault(pair => pair[0] == "secret")?[1] ?? string.Empty;
        return string.Join(' ', secret.Chunk(4).Select(chunk => new string(chunk)));
    }
}
