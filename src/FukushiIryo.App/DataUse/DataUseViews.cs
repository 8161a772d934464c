using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.DataUse;

/// <summary>One item (column) of a data-use view.</summary>
public sealed record DataUseItem(string Key, string Label);

/// <summary>
/// A view of the fixed catalogue: its items and how the records of a period are chosen. The query
/// returns every item of the view; <see cref="DataUseRequests"/> keeps only the approved ones.
/// </summary>
public sealed record DataUseView(
    string Key,
    string Title,
    string PeriodMeaning,
    IReadOnlyList<DataUseItem> Items,
    Func<FukushiDbContext, DateOnly, DateOnly, DateOnly, CancellationToken, Task<List<Dictionary<string, string>>>> Query)
{
    /// <summary>The label of <paramref name="itemKey"/>, or the key.</summary>
    public string LabelOf(string itemKey) => Items.FirstOrDefault(i => i.Key == itemKey)?.Label ?? itemKey;
}

/// <summary>
/// The fixed catalogue of views another section may ask for (P14). A view is defined here, in code,
/// never typed by the requester: adding one is a change reviewed like any other. 個人番号 is in none.
/// </summary>
public static class DataUseViews
{
    /// <summary>受給者（資格取得）: recipients whose 資格取得日 falls in the period.</summary>
    public static DataUseView Recipients { get; } = new(
        "recipients",
        "受給者（資格取得日で選ぶ）",
        "資格取得日が期間内の受給者",
        [
            new("recipientNumber", "受給者番号"),
            new("name", "氏名"),
            new("birthDate", "生年月日"),
            new("address", "住所"),
            new("acquiredOn", "資格取得日"),
            new("benefitMethod", "給付方式"),
        ],
        RecipientRowsAsync);

    /// <summary>医療費の請求（診療月）: claims whose 診療月 falls in the period.</summary>
    public static DataUseView Claims { get; } = new(
        "claims",
        "医療費の請求（診療月で選ぶ）",
        "診療月が期間内の請求（月の初日で比べます）",
        [
            new("recipientNumber", "受給者番号"),
            new("serviceMonth", "診療月"),
            new("providerCode", "医療機関コード"),
            new("medicalCost", "医療費（円）"),
            new("patientShare", "患者負担額（円）"),
        ],
        ClaimRowsAsync);

    /// <summary>Every view, in the order of the request form.</summary>
    public static IReadOnlyList<DataUseView> All { get; } = [Recipients, Claims];

    public static DataUseView? Find(string? key) => All.FirstOrDefault(v => string.Equals(v.Key, key, StringComparison.Ordinal));

    private static async Task<List<Dictionary<string, string>>> RecipientRowsAsync(FukushiDbContext db, DateOnly from, DateOnly to, DateOnly today, CancellationToken cancellationToken)
    {
        var records = await db.EligibilityRecords.AsNoTracking().Current()
            .Where(r => r.AcquiredOn != null && r.AcquiredOn >= from && r.AcquiredOn <= to)
            .Join(db.Recipients, r => r.RecipientId, p => p.Id, (r, p) => new { r.RecipientId, p.RecipientNumber, p.PersonId, r.AcquiredOn, r.BenefitMethod, r.ValidFrom })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var first = records.GroupBy(r => r.RecipientId).Select(g => g.OrderBy(r => r.ValidFrom).First()).ToList();
        var personIds = first.Select(r => r.PersonId).Distinct().ToList();
        var people = (await db.PersonRecords.AsNoTracking().AsOf(today).Where(r => personIds.Contains(r.PersonId)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.First());
        return first
            .OrderBy(r => r.AcquiredOn).ThenBy(r => r.RecipientNumber, StringComparer.Ordinal)
            .Select(r =>
            {
                people.TryGetValue(r.PersonId, out var person);
                return new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["recipientNumber"] = r.RecipientNumber,
                    ["name"] = person?.Name ?? string.Empty,
                    ["birthDate"] = person is null ? string.Empty : Iso(person.BirthDate),
                    ["address"] = person?.Address ?? string.Empty,
                    ["acquiredOn"] = r.AcquiredOn is { } acquired ? Iso(acquired) : string.Empty,
                    ["benefitMethod"] = r.BenefitMethod is { } method
                        ? RecipientVocabulary.BenefitMethods.FirstOrDefault(pair => pair.Value == method).Key ?? string.Empty
                        : string.Empty,
                };
            })
            .ToList();
    }

    private static async Task<List<Dictionary<string, string>>> ClaimRowsAsync(FukushiDbContext db, DateOnly from, DateOnly to, DateOnly today, CancellationToken cancellationToken)
    {
        var first = (from.Year * 100) + from.Month;
        var last = (to.Year * 100) + to.Month;
        var claims = await db.MedicalClaims.AsNoTracking()
            .Where(c => c.ServiceMonth >= first && c.ServiceMonth <= last)
            .OrderBy(c => c.ServiceMonth).ThenBy(c => c.Id)
            .Select(c => new { c.RecipientNumber, c.ServiceMonth, c.ProviderCode, c.MedicalCost, c.PatientShare })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return claims.Select(c => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["recipientNumber"] = c.RecipientNumber ?? string.Empty,
            ["serviceMonth"] = Domain.Calendar.YearMonth.FromNumber(c.ServiceMonth).ToString(),
            ["providerCode"] = c.ProviderCode,
            ["medicalCost"] = c.MedicalCost?.ToString("N0", CultureInfo.InvariantCulture) ?? string.Empty,
            ["patientShare"] = c.PatientShare?.ToString("N0", CultureInfo.InvariantCulture) ?? string.Empty,
        }).ToList();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
