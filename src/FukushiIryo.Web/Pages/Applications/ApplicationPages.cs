using FukushiIryo.App.Applications;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Pages.Applications;

/// <summary>Names and 宛名番号 of the persons of applications, for the 申請 screens.</summary>
public sealed record PersonLabel(string AtenaNumber, string Name, DateOnly BirthDate);

internal static class ApplicationPages
{
    public static string Status(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Pending => "未決定",
        ApplicationStatus.Granted => "認定",
        _ => "却下",
    };

    public static async Task<Dictionary<long, PersonLabel>> LabelsAsync(FukushiDbContext db, IEnumerable<long> personIds, TimeProvider clock)
    {
        var ids = personIds.Distinct().ToList();
        var today = JstClock.Today(clock);
        var atena = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.AtenaNumber).ConfigureAwait(false);
        var records = await db.PersonRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId)).Current().ToListAsync().ConfigureAwait(false);
        return records.GroupBy(r => r.PersonId)
            .Select(g => g.Where(r => r.ValidFrom <= today).OrderByDescending(r => r.ValidFrom).FirstOrDefault() ?? g.First())
            .ToDictionary(r => r.PersonId, r => new PersonLabel(atena[r.PersonId], r.Name, r.BirthDate));
    }
}
