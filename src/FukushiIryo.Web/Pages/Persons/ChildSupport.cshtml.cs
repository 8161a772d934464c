using System.Globalization;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Income;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>
/// 養育費の申告 (interfaces.md §3): staff (窓口) record the 児童養育費 and 受給者養育費 an applicant
/// declared for a 課税年度. The person page carries the small form that posts here; this page
/// shows the form again with the problem when an entry is refused (a bad value, or a stale form).
/// Permissions: <c>income.child_support.record</c> and <c>person.sensitive.view</c> (the amounts
/// are 地方税関係情報).
/// </summary>
public sealed class ChildSupportModel(FukushiDbContext db, TimeProvider clock) : PageModel
{
    public const string Screen = "養育費の申告";

    [BindProperty]
    public ChildSupportInput Input { get; set; } = new();

    public Person Person { get; private set; } = default!;

    public string? Name { get; private set; }

    /// <summary>Problems with the entry, by field label; shown above the form.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The form was read before someone else changed the person: reload before entering again.</summary>
    public bool Stale { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, int? year)
    {
        if (!await LoadPersonAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var taxYear = year ?? IncomeYear.ForDate(JstClock.Today(clock)).TaxYear;
        var current = await ChildSupportDeclarations.FindDeclaredAsync(db, id, taxYear).ConfigureAwait(false);
        Input = new ChildSupportInput
        {
            TaxYear = taxYear.ToString(CultureInfo.InvariantCulture),
            ReceivedByChild = current?.ReceivedByChild.ToString(CultureInfo.InvariantCulture),
            ReceivedByRecipient = current?.ReceivedByRecipient.ToString(CultureInfo.InvariantCulture),
            Version = Person.Version,
        };
        db.AddAudit(new AuditEntry(User.Identity!.Name!, AuditEventType.PersonViewed, "person", Person.AtenaNumber, new Dictionary<string, object?>
        {
            ["screen"] = Screen,
            ["taxYear"] = taxYear,
            ["sensitiveShown"] = true,
        }, ClientAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));
        await db.SaveChangesAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadPersonAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var taxYear = ParseYear(Input.TaxYear);
        var byChild = ParseAmount(Input.ReceivedByChild, "児童養育費");
        var byRecipient = ParseAmount(Input.ReceivedByRecipient, "受給者養育費");
        if (Problems.Count > 0)
        {
            return Page();
        }

        ChildSupportOutcome outcome;
        try
        {
            outcome = await ChildSupportDeclarations.RecordAsync(db, clock,
                new ChildSupportEntry(id, Input.Version, taxYear!.Value, byChild!.Value, byRecipient!.Value),
                User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString()).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException exception)
        {
            Stale = true;
            Problems.Add(exception.Message);
            return Page();
        }

        var done = outcome == ChildSupportOutcome.Recorded ? "recorded" : "unchanged";
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/Persons/{id}?childSupport={done}&year={taxYear}#child-support"));
    }

    private async Task<bool> LoadPersonAsync(long id)
    {
        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id).ConfigureAwait(false);
        if (person is null)
        {
            return false;
        }

        Person = person;
        Name = await db.PersonRecords.AsNoTracking().Where(r => r.PersonId == id).AsOf(JstClock.Today(clock))
            .Select(r => r.Name).SingleOrDefaultAsync().ConfigureAwait(false);
        return true;
    }

    private int? ParseYear(string? text)
    {
        var value = Normalize(text);
        var last = JstClock.Today(clock).Year + 1;
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year >= TaxImport.FirstTaxYear && year <= last)
        {
            return year;
        }

        Problems.Add(string.Create(CultureInfo.InvariantCulture, $"課税年度は西暦4桁（{TaxImport.FirstTaxYear}～{last}）で入力してください。"));
        return null;
    }

    /// <summary>An amount in yen: digits (full-width too), with or without thousands commas and a trailing 円.</summary>
    private long? ParseAmount(string? text, string label)
    {
        var value = Normalize(text).Replace(",", string.Empty, StringComparison.Ordinal);
        if (value.EndsWith('円'))
        {
            value = value[..^1];
        }

        if (value.Length == 0)
        {
            Problems.Add($"{label}を入力してください（受け取っていなければ 0）。");
            return null;
        }

        // At most 12 digits (under 1 兆円): beyond that it is a typing slip, not a declaration.
        if (value.Length > 12 || !value.All(char.IsAsciiDigit))
        {
            Problems.Add($"{label}は0以上の整数（円）で入力してください。");
            return null;
        }

        return long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static string Normalize(string? text) => (text ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();
}

/// <summary>The 養育費 form's fields, as typed (checked on post).</summary>
public sealed class ChildSupportInput
{
    public string? TaxYear { get; set; }

    public string? ReceivedByChild { get; set; }

    public string? ReceivedByRecipient { get; set; }

    /// <summary>The person's version the form was read with (optimistic concurrency).</summary>
    public long Version { get; set; }
}

/// <summary>What the 養育費 form partial shows: the person it posts for and the fields' values.</summary>
public sealed record ChildSupportFormView(long PersonId, ChildSupportInput Input);
