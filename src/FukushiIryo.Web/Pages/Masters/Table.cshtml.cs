using FukushiIryo.App.Masters.Editing;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Masters;

/// <summary>One master's rows with their validity (適用中・適用予定・終了・取下げ), filterable by a date.</summary>
public sealed class TableModel(MasterEditor editor) : PageModel
{
    public MasterTable Table { get; private set; } = default!;

    public IReadOnlyList<MasterFieldInfo> Fields { get; private set; } = [];

    public IReadOnlyList<MasterRowView> Rows { get; private set; } = [];

    public int TotalRows { get; private set; }

    public DateOnly Today => editor.Today;

    /// <summary>この日に有効な値: the date asked for, if any.</summary>
    public DateOnly? On { get; private set; }

    [BindProperty(SupportsGet = true, Name = "on")]
    public string? OnInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "saved")]
    public long? Saved { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public string? Problem { get; private set; }

    public string? SavedMessage => Saved is null ? null : MasterScreens.FromSlug(Done) is { } action ? MasterEditor.SavedMessage(action) : "保存しました。";

    public bool CanEdit => Permissions.Allows(Permissions.MastersEdit, User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value));

    public async Task<IActionResult> OnGetAsync(string table)
    {
        if (MasterCatalog.Find(table) is not { } found)
        {
            return NotFound();
        }

        Table = found;
        Fields = await editor.FieldsAsync(found, HttpContext.RequestAborted).ConfigureAwait(false);
        var rows = await editor.RowsAsync(found, HttpContext.RequestAborted).ConfigureAwait(false);
        TotalRows = rows.Count;
        if (!string.IsNullOrWhiteSpace(OnInput))
        {
            var parsed = ImportDate.TryParseDate(OnInput);
            if (parsed.TryGetValue(out var date))
            {
                On = date;
                rows = [.. rows.Where(row => row.IsValidOn(date))];
            }
            else
            {
                Problem = $"日付が読めません（{parsed.ErrorMessage}）。例: 2027-04-01、R9.4.1、令和9年4月1日";
            }
        }

        Rows = rows;
        return Page();
    }
}
