using System.Globalization;
using FukushiIryo.App.Masters.Editing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Masters;

/// <summary>
/// The one form of every master and action (新しい値・行の追加・訂正・終了・取下げ・補完): the fields
/// come from the master's descriptor, the checks and the save from <see cref="MasterEditor"/>.
/// A refused change shows the messages beside the fields (422); a stale form shows the conflict (409).
/// </summary>
public sealed class EditModel(MasterEditor editor) : PageModel
{
    /// <summary>The prefix of a field's form name (<c>f.payerNumber</c>).</summary>
    public const string FieldPrefix = "f.";

    public MasterTable Table { get; private set; } = default!;

    public MasterAction Action { get; private set; }

    public IReadOnlyList<MasterFieldInfo> Fields { get; private set; } = [];

    /// <summary>The row acted on (all actions but Add).</summary>
    public MasterRowView? Row { get; private set; }

    public DateOnly Today => editor.Today;

    /// <summary>The form's values by field key (as typed, or the row's).</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string? ValidFrom { get; set; }

    [BindProperty]
    public string? ValidTo { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public long? Version { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? Problem { get; private set; }

    public bool Conflicted { get; private set; }

    public bool ShowsFields => Action is MasterAction.Add or MasterAction.NewFigure or MasterAction.Correct or MasterAction.Complete;

    public bool ShowsFrom => Action is MasterAction.Add or MasterAction.NewFigure or MasterAction.Correct or MasterAction.Complete;

    public bool ShowsLast => !Table.SingleDay && Action is MasterAction.Add or MasterAction.Correct or MasterAction.Complete or MasterAction.End;

    public async Task<IActionResult> OnGetAsync(string table, string op, long? id)
    {
        if (await LoadAsync(table, op, id).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        if (Row is { } row)
        {
            if (!row.Actions.Contains(Action))
            {
                Problem = "この行には今この操作はできません。一覧から操作を選び直してください。";
            }

            Version = row.Version;
            foreach (var (key, value) in row.Values)
            {
                Values[key] = value;
            }

            Note = Action is MasterAction.NewFigure or MasterAction.Withdraw ? null : row.Note;
            if (Action is MasterAction.Correct or MasterAction.Complete)
            {
                ValidFrom = Display.Iso(row.ValidFrom);
                ValidTo = row.ValidTo is { } end ? Display.Iso(end.AddDays(-1)) : null;
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string table, string op, long? id)
    {
        if (await LoadAsync(table, op, id).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        foreach (var field in Fields)
        {
            Values[field.Key] = Request.Form.TryGetValue(FieldPrefix + field.Key, out var posted) ? posted.ToString() : null;
        }

        var result = await editor.ApplyAsync(
            Table,
            new MasterChange(Action, id, Version, ValidFrom, ValidTo, Note, Values),
            User.Identity!.Name!,
            HttpContext.Connection.RemoteIpAddress?.ToString(),
            HttpContext.TraceIdentifier,
            HttpContext.RequestAborted).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case MasterEditOutcome.Saved:
                return Redirect(string.Create(CultureInfo.InvariantCulture,
                    $"/Masters/{Table.Key}?saved={result.RowId}&done={MasterScreens.Slug(Action)}#row-{result.RowId}"));
            case MasterEditOutcome.NotFound:
                return NotFound();
            case MasterEditOutcome.Conflict:
                Conflicted = true;
                Problem = result.Message;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                Errors = result.Errors;
                Problem = result.Message;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
        }

        // Show the row as it is now, beside what was typed.
        if (id is { } rowId)
        {
            Row = (await editor.RowsAsync(Table, HttpContext.RequestAborted).ConfigureAwait(false)).SingleOrDefault(r => r.Id == rowId);
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string table, string op, long? id)
    {
        if (MasterCatalog.Find(table) is not { } found || MasterScreens.FromSlug(op) is not { } chosen || (chosen == MasterAction.Add) != (id is null))
        {
            return NotFound();
        }

        Table = found;
        Action = chosen;
        Fields = await editor.FieldsAsync(found, HttpContext.RequestAborted).ConfigureAwait(false);
        if (id is { } rowId)
        {
            Row = (await editor.RowsAsync(found, HttpContext.RequestAborted).ConfigureAwait(false)).SingleOrDefault(r => r.Id == rowId);
            if (Row is null)
            {
                return NotFound();
            }
        }

        return null;
    }
}
