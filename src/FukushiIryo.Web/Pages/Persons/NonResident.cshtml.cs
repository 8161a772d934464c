using System.Globalization;
using FukushiIryo.App.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>
/// 住登外者の登録: a person not in the 住基 gets a 宛名番号 issued by the 宛名 module and a 台帳 entry with 住民区分 住登外.
/// Permission: <c>person.nonresident.register</c>.
/// </summary>
public sealed class NonResidentModel(NonResidentRegistration registration) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? NameKana { get; set; }

    [BindProperty]
    public string? BirthDate { get; set; }

    [BindProperty]
    public string? Sex { get; set; }

    [BindProperty]
    public string? PostalCode { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    /// <summary>After a registration: the 宛名番号 issued and the new person.</summary>
    public string? IssuedAtenaNumber { get; private set; }

    public long? IssuedPersonId { get; private set; }

    public List<FieldProblem> Problems { get; } = [];

    public void OnGet(string? issued, long? person)
    {
        if (issued is { Length: > 0 and <= 20 } && issued.All(char.IsAsciiDigit) && person is > 0)
        {
            IssuedAtenaNumber = issued;
            IssuedPersonId = person;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var birth = FormDates.Read(BirthDate, "BirthDate", "生年月日", Problems);
        App.People.Sex? sex = Sex switch
        {
            "1" => App.People.Sex.Male,
            "2" => App.People.Sex.Female,
            "9" => App.People.Sex.Unknown,
            _ => null,
        };
        var result = await registration.RegisterAsync(new NonResidentInput(Name, NameKana, birth, sex, PostalCode, Address), User.Identity!.Name!).ConfigureAwait(false);
        // A date the form could not read is reported once, as the form read it.
        Problems.AddRange(result.Problems.Where(problem => problem.Field != "BirthDate" || Problems.All(p => p.Field != "BirthDate")));
        if (Problems.Count > 0)
        {
            return Page();
        }

        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/Persons/NonResident?issued={result.AtenaNumber}&person={result.PersonId}"));
    }
}
