using FukushiIryo.App.Applications;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>
/// 帳票の印刷 (permission <c>documents.print</c>, P11): the 受給資格証 of a recipient granted by an
/// application, the 認定通知書 / 却下通知書 of a decided application, and the 受付簿 of a period.
/// Each print is audited by <see cref="DocumentPrints"/>; the PDF is sent as a download.
/// </summary>
public sealed class PrintModel(FukushiDbContext db, TimeProvider clock) : PageModel
{
    public string? Problem { get; private set; }

    public IActionResult OnGet() => Redirect("/Applications");

    public async Task<IActionResult> OnPostCertificateAsync(long recipientId, long applicationId)
    {
        var application = await new ApplicationDecisions(db, clock).FindAsync(applicationId).ConfigureAwait(false);
        if (application is not { Status: ApplicationStatus.Granted })
        {
            return NotFound();
        }

        var parents = application.Children.Where(c => c.RecipientId is not null).Select(c => c.RecipientId!.Value).ToList();
        var belongs = parents.Contains(recipientId)
            || db.Recipients.Any(r => parents.Contains(r.Id) && r.ParentRecipientId == recipientId);
        if (!belongs)
        {
            return NotFound();
        }

        // On the day of the 資格取得 when the certificate is printed before it (a decision is later than the application).
        var today = JstClock.Today(clock);
        return await PrintAsync(() => new DocumentPrints(db, clock).IssueCertificateAsync(
            recipientId, CertificateIssueKind.Issue, User.Identity!.Name!, today < application.AppliedOn ? application.AppliedOn : null, ClientAddress)).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostNoticeAsync(long applicationId)
    {
        var decisions = new ApplicationDecisions(db, clock);
        var application = await decisions.FindAsync(applicationId).ConfigureAwait(false);
        if (application is null)
        {
            return NotFound();
        }

        return await PrintAsync(async () =>
        {
            var input = await decisions.NoticeAsync(applicationId).ConfigureAwait(false);
            return await new DocumentPrints(db, clock).PrintAsync(input, DocumentSubject.Application(application.ReceptionNumber), User.Identity!.Name!, ClientAddress).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostRegisterAsync(string? from, string? to)
    {
        if (!RegisterModel.TryPeriod(from, to, clock, out var start, out var end, out var problem))
        {
            Problem = problem;
            return Page();
        }

        var entries = await new ApplicationDecisions(db, clock).ReceptionsAsync(start, end).ConfigureAwait(false);
        var input = new ReceptionRegisterInput(start, end,
            [.. entries.Select(e => new ReceptionEntry(e.Application.ReceptionNumber, e.Application.AppliedOn, e.Application.ApplicationKind, e.ApplicantName))],
            clock.GetUtcNow(), User.Identity!.Name!);
        return await PrintAsync(() => new DocumentPrints(db, clock).PrintAsync(input, DocumentSubject.ReceptionRegister(start, end), User.Identity!.Name!, ClientAddress)).ConfigureAwait(false);
    }

    private string? ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    private async Task<IActionResult> PrintAsync(Func<Task<RenderedDocument>> print)
    {
        try
        {
            var document = await print().ConfigureAwait(false);
            return File(document.Pdf, "application/pdf", document.FileName);
        }
        catch (DocumentRefusedException exception)
        {
            Problem = exception.Message;
            return Page();
        }
    }
}
