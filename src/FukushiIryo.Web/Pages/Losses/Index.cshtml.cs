using FukushiIryo.App.Linkage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Losses;

/// <summary>資格喪失候補 work list: candidates the 住基 import raised, waiting for staff. Permission: <c>eligibility.loss</c>.</summary>
public sealed class IndexModel(LossCandidates candidates) : PageModel
{
    public IReadOnlyList<LossCandidateItem> Items { get; private set; } = [];

    public bool All { get; private set; }

    public async Task OnGetAsync(bool all = false)
    {
        All = all;
        Items = await candidates.ListAsync(all).ConfigureAwait(false);
    }
}
