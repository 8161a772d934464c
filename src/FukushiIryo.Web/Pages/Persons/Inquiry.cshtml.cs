using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>問合せ記録 (P20): who asked, about whom, when, what was answered. Permission: <c>person.inquiry.record</c>.</summary>
public sealed class InquiryModel(PersonNotes notes, FukushiDbContext db, TimeProvider clock) : PageModel
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    [BindProperty]
    public InquiryForm Input { get; set; } = new();

    public long PersonId { get; private set; }

    public List<FieldProblem> Problems { get; } = [];

    public string? Error(string field) => FormDates.For(Problems, field);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        PersonId = id;
        var now = clock.GetUtcNow().ToOffset(Jst);
        Input = new InquiryForm { AskedOn = Display.Iso(DateOnly.FromDateTime(now.DateTime)), AskedTime = now.ToString("HH:mm", CultureInfo.InvariantCulture), Channel = "窓口" };
        return await db.Persons.AnyAsync(p => p.Id == id).ConfigureAwait(false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        PersonId = id;
        if (!await db.Persons.AnyAsync(p => p.Id == id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var date = FormDates.Read(Input.AskedOn, "AskedOn", "問合せ日", Problems);
        if (!TimeOnly.TryParseExact((Input.AskedTime ?? string.Empty).Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            Problems.Add(new("AskedTime", "問合せ時刻は 14:05 のように入力してください。"));
        }

        if (Problems.Count == 0)
        {
            var askedAt = new DateTimeOffset(date!.Value.ToDateTime(time), Jst);
            Problems.AddRange(await notes.RecordInquiryAsync(new InquiryEntry(id, Input.Inquirer, Input.Channel, askedAt, Input.Question, Input.Answer),
                User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false));
        }

        return Problems.Count > 0 ? Page() : Redirect(string.Create(CultureInfo.InvariantCulture, $"/Persons/{id}/Household?done=inquiry#inquiries"));
    }
}

/// <summary>The inquiry form as typed.</summary>
public sealed class InquiryForm
{
    public string? AskedOn { get; set; }

    public string? AskedTime { get; set; }

    public string? Inquirer { get; set; }

    public string? Channel { get; set; }

    public string? Question { get; set; }

    public string? Answer { get; set; }
}
