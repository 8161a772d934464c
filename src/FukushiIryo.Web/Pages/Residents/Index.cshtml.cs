using FukushiIryo.App.Linkage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Residents;

/// <summary>住基異動: the residents imports (latest first) with how many recipients each changed. Permission <c>residents.changes.view</c>.</summary>
public sealed class IndexModel(ResidentChanges changes) : PageModel
{
    public IReadOnlyList<ResidentImportItem> Imports { get; private set; } = [];

    public async Task OnGetAsync() => Imports = await changes.ImportsAsync().ConfigureAwait(false);
}
