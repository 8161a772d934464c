using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>メモの追記 (append-only). Permission: <c>person.memo.record</c>.</summary>
public sealed class MemoModel(PersonNotes notes, FukushiDbContext db) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? CorrectsMemoId { get; set; }

    public long PersonId { get; private set; }

    public List<FieldProblem> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        PersonId = id;
        return await db.Persons.AnyAsync(p => p.Id == id).ConfigureAwait(false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        PersonId = id;
        if (!await db.Persons.AnyAsync(p => p.Id == id).ConfigureAwait(false))
        {
            return NotFound();
        }

        long? corrects = null;
        if (!string.IsNullOrWhiteSpace(CorrectsMemoId))
        {
            if (long.TryParse(CorrectsMemoId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                corrects = value;
            }
            else
            {
                Problems.Add(new("CorrectsMemoId", "訂正するメモの番号は数字で入力してください。"));
                return Page();
            }
        }

        Problems.AddRange(await notes.AddMemoAsync(id, Text, corrects, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false));
        return Problems.Count > 0 ? Page() : Redirect(string.Create(CultureInfo.InvariantCulture, $"/Persons/{id}/Household?done=memo#memo"));
    }
}
