using System.Diagnostics.CodeAnalysis;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>受付簿 (P4): the receptions of a period by date and 受付番号 (permission <c>person.view</c>); printed through <see cref="PrintModel"/>.</summary>
public sealed class RegisterModel(FukushiDbContext db, TimeProvider clock) : PageModel
{
    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public string? Problem { get; private set; }

    public bool CanPrint { get; private set; }

    public List<(Application Application, string ApplicantName)> Entries { get; private set; } = [];

    public async Task OnGetAsync(string? from, string? to)
    {
        CanPrint = Permissions.Allows(Permissions.DocumentsPrint, User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value));
        if (!TryPeriod(from, to, clock, out var start, out var end, out var problem))
        {
            Problem = problem;
            var today = JstClock.Today(clock);
            (start, end) = (today, today);
        }

        (From, To) = (start, end);
        Entries = await new ApplicationDecisions(db, clock).ReceptionsAsync(start, end).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(User.Identity!.Name!, AuditEventType.PersonViewed, "reception_register", $"{Display.Iso(start)}..{Display.Iso(end)}", new Dictionary<string, object?>
        {
            ["screen"] = "受付簿",
            ["rows"] = Entries.Count,
        }, ClientAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));
        await db.SaveChangesAsync().ConfigureAwait(false);
    }

    /// <summary>The period of the 受付簿: both dates (default today), from ≤ to, at most a year.</summary>
    public static bool TryPeriod(string? from, string? to, TimeProvider clock, out DateOnly start, out DateOnly end, [NotNullWhen(false)] out string? problem)
    {
        var today = JstClock.Today(clock);
        start = end = today;
        problem = null;
        if (!string.IsNullOrWhiteSpace(from) && !ImportDate.TryParseDate(from).TryGetValue(out start))
        {
            problem = "開始日が正しい日付ではありません。";
            return false;
        }

        if (!string.IsNullOrWhiteSpace(to) && !ImportDate.TryParseDate(to).TryGetValue(out end))
        {
            problem = "終了日が正しい日付ではありません。";
            return false;
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            end = string.IsNullOrWhiteSpace(from) ? today : start;
        }

        if (end < start || end > start.AddYears(1))
        {
            problem = "期間は開始日から1年以内で、終了日は開始日以後にしてください。";
            return false;
        }

        return true;
    }
}
