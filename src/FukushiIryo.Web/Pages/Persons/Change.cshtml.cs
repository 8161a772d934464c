using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>
/// 記載事項変更 (issue 9 item 5): one item of a person (氏名, 住所, 医療保険, 支払口座, 連絡先) as a
/// 変更 from a date or a 訂正 of a period, with the 届出日. Messages beside the fields; nothing saved
/// on bad input; a stale form is refused. Permission: <c>person.change</c>.
/// </summary>
public sealed class ChangeModel(PersonChanges changes, FukushiDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ChangeForm Input { get; set; } = new();

    public Person Person { get; private set; } = default!;

    public string? Name { get; private set; }

    public LedgerItem Item { get; private set; }

    public List<FieldProblem> Problems { get; } = [];

    public bool Stale { get; private set; }

    public string? Error(string field) => FormDates.For(Problems, field);

    public async Task<IActionResult> OnGetAsync(long id, string item)
    {
        if (!Enum.TryParse<LedgerItem>(item, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || !await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        Item = parsed;
        var today = Display.Iso(JstClock.Today(clock));
        Input = new ChangeForm { Version = Person.Version, ReportedOn = today, Kind = LedgerEditKind.Change };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string item)
    {
        if (!Enum.TryParse<LedgerItem>(item, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || !await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        Item = parsed;
        var (reported, effective) = ReadDates(Input.ReportedOn, Input.EffectiveOn, Input.Kind, JstClock.Today(clock), Problems);
        if (Problems.Count > 0)
        {
            return Page();
        }

        var edit = new LedgerEdit(id, Input.Version, Input.Kind, reported!.Value, effective!.Value);
        var actor = User.Identity!.Name!;
        var client = HttpContext.Connection.RemoteIpAddress?.ToString();
        LedgerEditResult result;
        try
        {
            result = Item switch
            {
                LedgerItem.Name => await changes.EditNameAsync(edit, new NameInput(Input.Name, Input.NameKana), actor, client).ConfigureAwait(false),
                LedgerItem.Address => await changes.EditAddressAsync(edit, new AddressInput(Input.PostalCode, Input.Address), actor, client).ConfigureAwait(false),
                LedgerItem.Insurance => await changes.EditInsuranceAsync(edit, new InsuranceInput(Input.InsuranceKind, Input.InsurerNumber, Input.InsurerName, Input.InsuredRole, Input.InsuredName, Input.CardSymbol, Input.CardNumber), actor, client).ConfigureAwait(false),
                LedgerItem.BankAccount => await changes.EditBankAccountAsync(edit, new BankAccountInput(Input.BankCode, Input.BranchCode, Input.AccountType, Input.AccountNumber, Input.HolderKana, Input.YuchoSymbol, Input.YuchoNumber), actor, client).ConfigureAwait(false),
                _ => await changes.EditContactAsync(edit, new ContactInput(Input.PhoneNumber), actor, client).ConfigureAwait(false),
            };
        }
        catch (ConcurrencyConflictException exception)
        {
            Stale = true;
            Problems.Add(new("Version", exception.Message));
            return Page();
        }

        if (!result.IsSaved)
        {
            Problems.AddRange(result.Problems);
            return Page();
        }

        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/Persons/{id}?asOf={Display.Iso(effective!.Value)}"));
    }

    /// <summary>
    /// 届出日 (required, not after <paramref name="today"/>) and the 変更日 or the day of the period
    /// corrected (default: the 届出日), as the page and the API read them.
    /// </summary>
    internal static (DateOnly? Reported, DateOnly? Effective) ReadDates(string? reportedOn, string? effectiveOn, LedgerEditKind kind, DateOnly today, List<FieldProblem> problems)
    {
        var reported = FormDates.Read(reportedOn, "ReportedOn", "届出日", problems);
        var effective = FormDates.Read(effectiveOn, "EffectiveOn", kind == LedgerEditKind.Correction ? "訂正する期間の日" : "変更日", problems, required: false) ?? reported;
        if (reported is { } r && r > today)
        {
            problems.Add(new("ReportedOn", "届出日が未来の日付です。"));
        }

        return (reported, effective);
    }

    private async Task<bool> LoadAsync(long id)
    {
        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id).ConfigureAwait(false);
        if (person is null)
        {
            return false;
        }

        Person = person;
        Name = await db.PersonRecords.AsNoTracking().Where(r => r.PersonId == id).AsOf(JstClock.Today(clock)).Select(r => r.Name).SingleOrDefaultAsync().ConfigureAwait(false);
        return true;
    }
}

/// <summary>The 記載事項変更 form as typed; the fields of the other items stay empty.</summary>
public sealed class ChangeForm
{
    public long Version { get; set; }

    public LedgerEditKind Kind { get; set; } = LedgerEditKind.Change;

    public string? ReportedOn { get; set; }

    public string? EffectiveOn { get; set; }

    public string? Name { get; set; }

    public string? NameKana { get; set; }

    public string? PostalCode { get; set; }

    public string? Address { get; set; }

    public InsuranceKind? InsuranceKind { get; set; }

    public string? InsurerNumber { get; set; }

    public string? InsurerName { get; set; }

    public InsuredRole? InsuredRole { get; set; }

    public string? InsuredName { get; set; }

    public string? CardSymbol { get; set; }

    public string? CardNumber { get; set; }

    public string? BankCode { get; set; }

    public string? BranchCode { get; set; }

    public AccountType? AccountType { get; set; }

    public string? AccountNumber { get; set; }

    public string? HolderKana { get; set; }

    public string? YuchoSymbol { get; set; }

    public string? YuchoNumber { get; set; }

    public string? PhoneNumber { get; set; }
}
