using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.People;

/// <summary>What staff search persons by (every field optional; at least one is needed).</summary>
public sealed record PersonSearchCriteria(
    string? AtenaNumber = null,
    string? RecipientNumber = null,
    string? Kana = null,
    string? Name = null,
    DateOnly? BirthDate = null,
    int Page = 1)
{
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(AtenaNumber) && string.IsNullOrWhiteSpace(RecipientNumber)
        && string.IsNullOrWhiteSpace(Kana) && string.IsNullOrWhiteSpace(Name) && BirthDate is null;
}

/// <summary>One person found.</summary>
public sealed record PersonSearchHit(
    long PersonId,
    string AtenaNumber,
    string Name,
    string NameKana,
    DateOnly BirthDate,
    Sex Sex,
    string Address,
    ResidencyStatus ResidencyStatus,
    IReadOnlyList<string> RecipientNumbers);

/// <summary>A page of results, paged on the server.</summary>
public sealed record PersonSearchPage(IReadOnlyList<PersonSearchHit> Hits, int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// 宛名検索: by 宛名番号 (prefix), 受給者番号, kana (prefix, 全角/半角 and ひらがな/カタカナ insensitive),
/// 漢字 name (part, spaces ignored) and birth date, among the records in force today. Every search
/// writes its audit event with its criteria (P9).
/// </summary>
public sealed class PersonSearch(FukushiDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>The current records whose name's grams hold all of the part's ({0}): a superset of the matches, from the GIN index.</summary>
    private const string NameCandidatesSql =
        "SELECT * FROM \"PersonRecords\" WHERE " + PersonNameGrams.SqlFunction + "(\"Name\") @> " + PersonNameGrams.SqlFunction + "({0})";

    /// <summary>The persons matching <paramref name="criteria"/> with their record in force today, in the search's order.</summary>
    private IQueryable<PersonAndRecord> Matching(PersonSearchCriteria criteria) => Matching(Filtered(criteria));

    private static IQueryable<PersonAndRecord> Matching(Filters filters) =>
        (from person in filters.Persons
         join record in filters.Records on person.Id equals record.PersonId
         select new PersonAndRecord { Person = person, Record = record })
        .OrderBy(row => row.Record.NameKanaKey).ThenBy(row => row.Person.AtenaNumber);

    /// <summary>The persons and the records in force today that <paramref name="criteria"/> selects, each on its own.</summary>
    private Filters Filtered(PersonSearchCriteria criteria)
    {
        var today = JstClock.Today(clock);
        var records = db.PersonRecords.AsQueryable();
        var persons = db.Persons.AsNoTracking();
        bool personsFiltered = false;

        if (!string.IsNullOrWhiteSpace(criteria.AtenaNumber))
        {
            var atena = criteria.AtenaNumber.Normalize(System.Text.NormalizationForm.FormKC).Trim();
            persons = persons.Where(p => p.AtenaNumber.StartsWith(atena));
            personsFiltered = true;
        }

        if (!string.IsNullOrWhiteSpace(criteria.RecipientNumber))
        {
            var number = criteria.RecipientNumber.Normalize(System.Text.NormalizationForm.FormKC).Trim();
            var holders = db.Recipients.Where(r => r.RecipientNumber == number).Select(r => r.PersonId);
            persons = persons.Where(p => holders.Contains(p.Id));
            personsFiltered = true;
        }

        if (!string.IsNullOrWhiteSpace(criteria.Name))
        {
            var name = PersonNameGrams.Compact(criteria.Name);
            if (!db.IsSqlite && name.Length > 0)
            {
                // PostgreSQL: the GIN index of the name's unigrams and bigrams (IX_PersonRecords_NameGrams,
                // ADR 0040) finds the candidates, whose grams hold all of the part's; Contains below stays the exact check.
                records = db.PersonRecords.FromSqlRaw(NameCandidatesSql, name);
            }

            records = records.Where(r => r.Name.Replace(" ", string.Empty).Replace("　", string.Empty).Contains(name));
        }

        records = records.AsNoTracking().AsOf(today);

        if (!string.IsNullOrWhiteSpace(criteria.Kana))
        {
            var key = KanaNormalizer.ToSearchKey(criteria.Kana);
            records = records.Where(r => r.NameKanaKey.StartsWith(key));
        }

        if (criteria.BirthDate is { } birth)
        {
            records = records.Where(r => r.BirthDate == birth);
        }

        return new Filters(persons, records, personsFiltered);
    }

    /// <summary>
    /// Every person matching <paramref name="criteria"/> (not paged), for a bulk export: streamed,
    /// in the search's order. Not audited here: the export audits itself with the criteria.
    /// </summary>
    public async IAsyncEnumerable<PersonSearchHit> AllMatchingAsync(PersonSearchCriteria criteria, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.IsEmpty)
        {
            yield break;
        }

        const int Batch = 500;
        for (var skip = 0; ; skip += Batch)
        {
            var rows = await Matching(criteria).Skip(skip).Take(Batch)
                .Select(row => new { row.Person.Id, row.Person.AtenaNumber, row.Record.Name, row.Record.NameKana, row.Record.BirthDate, row.Record.Sex, row.Record.Address, row.Record.ResidencyStatus })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var ids = rows.Select(row => row.Id).ToList();
            var numbers = (await db.Recipients.AsNoTracking().Where(r => ids.Contains(r.PersonId)).Select(r => new { r.PersonId, r.RecipientNumber }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToLookup(r => r.PersonId, r => r.RecipientNumber);
            foreach (var row in rows)
            {
                yield return new PersonSearchHit(row.Id, row.AtenaNumber, row.Name, row.NameKana, row.BirthDate, row.Sex, row.Address, row.ResidencyStatus, numbers[row.Id].Order(StringComparer.Ordinal).ToList());
            }

            if (rows.Count < Batch)
            {
                yield break;
            }
        }
    }

    public async Task<PersonSearchPage> SearchAsync(PersonSearchCriteria criteria, string actor, string? clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var page = Math.Max(1, criteria.Page);
        var filters = Filtered(criteria);
        var query = Matching(filters);
        var rows = criteria.IsEmpty
            ? []
            : await query
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(row => new { row.Person.Id, row.Person.AtenaNumber, row.Record.Name, row.Record.NameKana, row.Record.BirthDate, row.Record.Sex, row.Record.Address, row.Record.ResidencyStatus })
                .ToListAsync(cancellationToken).ConfigureAwait(false);

        // A short page is the last one: the total follows from it, without counting again (most searches by
        // number or birth date find a handful; bench/README.md, search latency). Otherwise count.
        var total = criteria.IsEmpty ? 0
            : rows.Count < PageSize && (page == 1 || rows.Count > 0) ? ((page - 1) * PageSize) + rows.Count
            : await CountAsync(filters, cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(row => row.Id).ToList();
        var numbers = (await db.Recipients.AsNoTracking().Where(r => ids.Contains(r.PersonId)).Select(r => new { r.PersonId, r.RecipientNumber }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(r => r.PersonId, r => r.RecipientNumber);

        db.AddAudit(new AuditEntry(actor, AuditEventType.PersonSearched, Details: new Dictionary<string, object?>
        {
            ["atenaNumber"] = criteria.AtenaNumber,
            ["recipientNumber"] = criteria.RecipientNumber,
            ["kana"] = criteria.Kana,
            ["name"] = criteria.Name,
            ["birthDate"] = criteria.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["page"] = page,
            ["total"] = total,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        return new PersonSearchPage(
            rows.Select(row => new PersonSearchHit(row.Id, row.AtenaNumber, row.Name, row.NameKana, row.BirthDate, row.Sex, row.Address, row.ResidencyStatus, numbers[row.Id].Order(StringComparer.Ordinal).ToList())).ToList(),
            page,
            PageSize,
            total);
    }

    /// <summary>
    /// The number of matches. Without a criterion on the person (宛名番号, 受給者番号) it counts the records
    /// alone: every record has its person (a foreign key), so the join adds no row and removes none, and the
    /// count can be an index-only scan (IX_PersonRecords_NameKanaKey_Current, ADR 0040).
    /// </summary>
    private static Task<int> CountAsync(Filters filters, CancellationToken cancellationToken) =>
        filters.PersonsFiltered ? Matching(filters).CountAsync(cancellationToken) : filters.Records.CountAsync(cancellationToken);

    /// <summary>The two sides of a search before they are joined.</summary>
    private sealed record Filters(IQueryable<Person> Persons, IQueryable<PersonRecord> Records, bool PersonsFiltered);
}

/// <summary>A person with the record in force (a query shape of <see cref="PersonSearch"/>).</summary>
internal sealed class PersonAndRecord
{
    public required Person Person { get; init; }

    public required PersonRecord Record { get; init; }
}
