using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Importing;
using FukushiIryo.App.People;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Linkage;

/// <summary>A residents import as the 住基異動 screen lists it: the file and how many recipients it changed.</summary>
public sealed record ResidentImportItem(ImportedFile File, int RecipientChanges, int LossCandidates);

/// <summary>
/// One recipient's 住基異動 in an import: the 宛名 row before and after (名前・住所・世帯番号・続柄), the
/// 異動事由 and 異動日, the recipient numbers, and the 資格喪失候補 the same row raised.
/// </summary>
public sealed record ResidentChangeItem(
    ResidentChange Change,
    string AtenaNumber,
    IReadOnlyList<string> RecipientNumbers,
    PersonRecord? Before,
    PersonRecord After,
    IReadOnlyList<long> LossCandidateIds)
{
    public bool NameChanged => Before is null || Before.Name != After.Name || Before.NameKana != After.NameKana;

    public bool AddressChanged => Before is null || Before.Address != After.Address || Before.PostalCode != After.PostalCode;

    public bool HouseholdChanged => Before is null || Before.HouseholdNumber != After.HouseholdNumber || Before.RegistryRelationship != After.RegistryRelationship;
}

/// <summary>
/// The 住基異動 screen's data (ADR 0029): per residents import, what changed for recipients. Reading
/// an import's changes is a view of 宛名 and audited.
/// </summary>
public sealed class ResidentChanges(FukushiDbContext db)
{
    /// <summary>The residents imports, latest first, with their counts.</summary>
    public async Task<IReadOnlyList<ResidentImportItem>> ImportsAsync(CancellationToken cancellationToken = default)
    {
        var files = await db.ImportedFiles.AsNoTracking().Where(f => f.Kind == ResidentsImport.Kind)
            .OrderByDescending(f => f.ImportedAt).ThenByDescending(f => f.Id).Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = files.Select(f => f.Id).ToList();
        var changes = await db.ResidentChanges.AsNoTracking().Where(c => ids.Contains(c.ImportedFileId))
            .GroupBy(c => c.ImportedFileId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var candidates = await db.LossCandidates.AsNoTracking().Where(c => ids.Contains(c.ImportedFileId))
            .GroupBy(c => c.ImportedFileId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        return [.. files.Select(f => new ResidentImportItem(f, changes.GetValueOrDefault(f.Id), candidates.GetValueOrDefault(f.Id)))];
    }

    /// <summary>The recipients' changes of import <paramref name="importedFileId"/> (by 宛名番号), or null when it is no residents import.</summary>
    public async Task<(ImportedFile File, IReadOnlyList<ResidentChangeItem> Items)?> OfImportAsync(long importedFileId, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var file = await db.ImportedFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == importedFileId && f.Kind == ResidentsImport.Kind, cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return null;
        }

        var changes = await db.ResidentChanges.AsNoTracking().Where(c => c.ImportedFileId == importedFileId).OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var personIds = changes.Select(c => c.PersonId).Distinct().ToList();
        var recordIds = changes.SelectMany(c => new[] { c.BeforeRecordId, (long?)c.AfterRecordId }).OfType<long>().Distinct().ToList();
        var records = await db.PersonRecords.AsNoTracking().Where(r => recordIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken).ConfigureAwait(false);
        var atena = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.AtenaNumber, cancellationToken).ConfigureAwait(false);
        var recipients = (await db.Recipients.AsNoTracking().Where(r => personIds.Contains(r.PersonId)).Select(r => new { r.PersonId, r.RecipientNumber }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(r => r.PersonId, r => r.RecipientNumber);
        var candidates = (await db.LossCandidates.AsNoTracking().Where(c => c.ImportedFileId == importedFileId).Select(c => new { c.PersonId, c.Id }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(c => c.PersonId, c => c.Id);
        var items = changes.Select(c => new ResidentChangeItem(
            c,
            atena[c.PersonId],
            [.. recipients[c.PersonId].Order(StringComparer.Ordinal)],
            c.BeforeRecordId is { } before ? records.GetValueOrDefault(before) : null,
            records[c.AfterRecordId],
            [.. candidates[c.PersonId].Order()]))
            .OrderBy(i => i.AtenaNumber, StringComparer.Ordinal).ThenBy(i => i.Change.Id).ToList();

        db.AddAudit(new AuditEntry(actor, AuditEventType.ResidentChangesViewed, "import", importedFileId.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["file"] = file.FileName,
            ["persons"] = string.Join(",", items.Select(i => i.AtenaNumber).Distinct(StringComparer.Ordinal)),
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (file, items);
    }
}
