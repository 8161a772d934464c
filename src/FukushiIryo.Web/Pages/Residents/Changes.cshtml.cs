using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Residents;

/// <summary>
/// 住基異動 of one residents import: for each recipient the import changed, old → new 氏名・住所・世帯番号・続柄,
/// 異動事由 and 異動日, with links to the person and to the 資格喪失候補 it raised. A view of 宛名, audited.
/// Permission <c>residents.changes.view</c>.
/// </summary>
public sealed class ChangesModel(ResidentChanges changes) : PageModel
{
    public ImportedFile Import { get; private set; } = new();

    public IReadOnlyList<ResidentChangeItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var found = await changes.OfImportAsync(id, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        if (found is not { } result)
        {
            return NotFound();
        }

        (Import, Items) = result;
        return Page();
    }
}
