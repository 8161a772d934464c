using FukushiIryo.App.Masters.Editing;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Masters;

/// <summary>マスタ管理: the list of the dated masters with how many rows are in force, to come, or to complete.</summary>
public sealed class IndexModel(MasterEditor editor) : PageModel
{
    public IReadOnlyList<(MasterTable Table, IReadOnlyList<MasterRowView> Rows)> Tables { get; private set; } = [];

    public DateOnly Today => editor.Today;

    public bool CanEdit => Permissions.Allows(Permissions.MastersEdit, User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value));

    public async Task OnGetAsync()
    {
        var tables = new List<(MasterTable, IReadOnlyList<MasterRowView>)>();
        foreach (var table in MasterCatalog.All)
        {
            tables.Add((table, await editor.RowsAsync(table, HttpContext.RequestAborted).ConfigureAwait(false)));
        }

        Tables = tables;
    }
}
