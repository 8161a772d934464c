using System.Globalization;
using System.Security.Claims;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Income;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>
/// 所得判定 of one person (issue 8 §2): staff with <c>income.determine</c> (窓口・審査) choose a
/// 課税年度 and run the determination (<see cref="IncomeDeterminations.DetermineAsync"/> stores and
/// audits it); the page shows the result and every step of the computation (項目 / 金額, the same
/// lines as <c>fukushi income determine</c>), and the person's stored determinations. Figures and
/// steps are 地方税関係情報: they are shown only to roles with <c>person.sensitive.view</c>; other
/// roles see the outcome alone. Every view is audited.
/// </summary>
public sealed class IncomeModel(IncomeDeterminations determinations, FukushiDbContext db, TimeProvider clock) : PageModel
{
    public const string Screen = "所得判定";

    /// <summary>The 課税年度 asked for (西暦 4 digits; full-width accepted).</summary>
    [BindProperty]
    public string? TaxYear { get; set; }

    /// <summary>The stored determination to show (from the history, or the one just made); default the latest.</summary>
    [BindProperty(SupportsGet = true, Name = "determination")]
    public long? Selected { get; set; }

    public Person Person { get; private set; } = default!;

    public string? Name { get; private set; }

    /// <summary>The 課税年度 with a current tax row, newest first.</summary>
    public IReadOnlyList<int> TaxYears { get; private set; } = [];

    /// <summary>The 課税年度 whose income is in use today (decisions.md D9): the year chosen by default.</summary>
    public int YearInUse { get; private set; }

    public IReadOnlyList<IncomeDetermination> History { get; private set; } = [];

    /// <summary>The determination shown with its steps, or null when none is stored yet.</summary>
    public IncomeDetermination? Shown { get; private set; }

    public IReadOnlyList<IncomeStep> Steps { get; private set; } = [];

    /// <summary>Whether the viewer may see 地方税関係情報 (the figures and the steps).</summary>
    public bool FiguresShown { get; private set; }

    /// <summary>Why the determination asked for was not made.</summary>
    public string? Problem { get; private set; }

    /// <summary>The determination shown was made by the POST just before (status line).</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public bool JustDetermined { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        await AuditViewAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var text = (TaxYear ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();
        if (text.Length != 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var taxYear))
        {
            return await RefusedAsync("課税年度を西暦4桁で選んでください。").ConfigureAwait(false);
        }

        var baseDate = IncomeDeterminations.DefaultBaseDate(taxYear, JstClock.Today(clock));
        IncomeDeterminationOutcome outcome;
        try
        {
            outcome = await determinations.DetermineAsync(Person.AtenaNumber, taxYear, baseDate, User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (MasterDataMissingException exception)
        {
            return await RefusedAsync($"マスタが揃っていないため判定できません: {exception.Message} マスタ管理の担当者に連絡してください。").ConfigureAwait(false);
        }

        if (outcome.Report is not { } report)
        {
            return await RefusedAsync(string.Create(CultureInfo.InvariantCulture, $"{taxYear}年度課税の地方税関係情報がないため判定できません。")).ConfigureAwait(false);
        }

        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/Persons/{id}/Income?determination={report.Stored.Id}&done=true#result"));
    }

    /// <summary>The label of a 県市区分.</summary>
    public static string FundingShareText(FukushiIryo.App.Eligibility.FundingShare share) => Display.Label(share);

    /// <summary>An amount of a step: deductions (negative) with a minus sign, as staff write them.</summary>
    public static string Amount(long? amount) => amount switch
    {
        null => string.Empty,
        < 0 => "−" + Display.Yen(-amount.Value),
        _ => Display.Yen(amount),
    };

    /// <summary>The CSS class of a step: a deduction, a result line (＝…), a remark, or an income item.</summary>
    public static string StepClass(IncomeStep step) => step switch
    {
        { Amount: null } => "remark",
        { Item: var item } when item.StartsWith('＝') => "subtotal",
        { Amount: < 0 } => "deduction",
        _ => "income",
    };

    /// <summary>The page again with the problem (422); what it shows is a view, audited as such.</summary>
    private async Task<IActionResult> RefusedAsync(string problem)
    {
        Problem = problem;
        await AuditViewAsync().ConfigureAwait(false);
        return new PageResult { StatusCode = StatusCodes.Status422UnprocessableEntity };
    }

    private async Task AuditViewAsync()
    {
        db.AddAudit(new AuditEntry(User.Identity!.Name!, AuditEventType.PersonViewed, "person", Person.AtenaNumber, new Dictionary<string, object?>
        {
            ["screen"] = Screen,
            ["determination"] = Shown?.Id,
            ["sensitiveShown"] = FiguresShown,
        }, ClientAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));
        await db.SaveChangesAsync().ConfigureAwait(false);
    }

    private async Task<bool> LoadAsync(long id)
    {
        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id).ConfigureAwait(false);
        if (person is null)
        {
            return false;
        }

        Person = person;
        var today = JstClock.Today(clock);
        Name = await db.PersonRecords.AsNoTracking().Where(r => r.PersonId == id).AsOf(today)
            .Select(r => r.Name).SingleOrDefaultAsync().ConfigureAwait(false);
        FiguresShown = Permissions.Allows(Permissions.SensitiveView, User.FindAll(ClaimTypes.Role).Select(c => c.Value));
        TaxYears = await determinations.TaxYearsAsync(id).ConfigureAwait(false);
        YearInUse = IncomeYear.ForDate(today).TaxYear;
        History = await determinations.HistoryAsync(id).ConfigureAwait(false);
        Shown = Selected is { } selected ? History.FirstOrDefault(d => d.Id == selected) : History.Count > 0 ? History[0] : null;
        Steps = Shown is not null && FiguresShown ? IncomeDeterminations.StepsFromJson(Shown.Steps) : [];
        return true;
    }
}
