using System.Security.Claims;
using FukushiIryo.App.Data;
using FukushiIryo.App.Income;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>The person page: every 別添1 group, as of a date, with its history. Every view is audited.</summary>
public sealed class DetailModel(PersonProfile profiles, FukushiDbContext db, TimeProvider clock, FukushiIryo.App.Audit.AuditLog auditLog) : PageModel
{
    /// <summary>For the 監査 role: the latest views of this person's record (who, when, which screen); null for others.</summary>
    public IReadOnlyList<FukushiIryo.App.Audit.AuditEvent>? Viewers { get; private set; }

    public const string Screen = "宛名詳細";

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOfInput { get; set; }

    public PersonProfileView View { get; private set; } = default!;

    public string? Problem { get; private set; }

    /// <summary>養育費の申告, current and superseded (loaded only for roles that may see 地方税関係情報).</summary>
    public IReadOnlyList<ChildSupportDeclaration> ChildSupportDeclarations { get; private set; } = [];

    /// <summary>Whether the viewer may record a 養育費 申告 (窓口): the form is shown.</summary>
    public bool CanRecordChildSupport { get; private set; }

    /// <summary>Whether the viewer may run the 所得判定 (窓口・審査): the link to its page is shown.</summary>
    public bool CanDetermineIncome { get; private set; }

    /// <summary>Whether the viewer may enter a 記載事項変更 (窓口): the links are shown.</summary>
    public bool CanChange { get; private set; }

    /// <summary>Whether the viewer may record a 資格消滅: the link per recipient is shown.</summary>
    public bool CanRecordLoss { get; private set; }

    /// <summary>May produce the 本人開示 PDF (P19).</summary>
    public bool CanDisclose { get; private set; }

    /// <summary>The 養育費 form's initial values: the 課税年度 in use today, the person's version.</summary>
    public ChildSupportInput ChildSupportForm { get; private set; } = new();

    /// <summary>After a 養育費 entry: recorded / unchanged (from the redirect), for the status line.</summary>
    [BindProperty(SupportsGet = true, Name = "childSupport")]
    public string? ChildSupportDone { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")]
    public int? ChildSupportYear { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var asOf = JstClock.Today(clock);
        if (!string.IsNullOrWhiteSpace(AsOfInput))
        {
            var parsed = ImportDate.TryParseDate(AsOfInput);
            if (parsed.TryGetValue(out var date))
            {
                asOf = date;
            }
            else
            {
                Problem = $"基準日が読めません（{parsed.ErrorMessage}）。今日の時点で表示しています。";
            }
        }

        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var view = await profiles.LoadAsync(id, asOf, Permissions.Allows(Permissions.SensitiveView, roles), User.Identity!.Name!,
            HttpContext.Connection.RemoteIpAddress?.ToString(), Screen).ConfigureAwait(false);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        if (Permissions.Allows(Permissions.AuditView, roles))
        {
            // Read after this view was audited, so the list includes it.
            Viewers = await auditLog.ViewersOfAsync(view.Person.AtenaNumber, HttpContext.RequestAborted).ConfigureAwait(false);
        }

        CanDetermineIncome = Permissions.Allows(Permissions.IncomeDetermine, roles);
        CanChange = Permissions.Allows(Permissions.PersonChange, roles);
        CanRecordLoss = Permissions.Allows(Permissions.EligibilityLoss, roles);
        CanDisclose = Permissions.Allows(Permissions.PersonDisclosure, roles);
        if (view.SensitiveShown)
        {
            ChildSupportDeclarations = await FukushiIryo.App.Income.ChildSupportDeclarations.HistoryAsync(db, id).ConfigureAwait(false);
            CanRecordChildSupport = Permissions.Allows(Permissions.ChildSupportRecord, roles);
            ChildSupportForm = new ChildSupportInput
            {
                TaxYear = IncomeYear.ForDate(JstClock.Today(clock)).TaxYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Version = view.Person.Version,
            };
        }

        return Page();
    }
}
