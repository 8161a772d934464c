using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.Formats.Import;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Income;

/// <summary>
/// <c>fukushi import tax</c> (interfaces.md §0, §3): the 税務システム extract of 地方税関係情報, one
/// row per person and 課税年度. Read twice, streaming, like the other 台帳 imports (ADR 0004):
/// pass 1 types every row and refuses a person and year given twice; pass 2, only when pass 1
/// found no file error, applies the purpose rule (P1) batch by batch and writes in one
/// transaction. A row whose person the 台帳 does not hold, or who does not concern the program,
/// is skipped and never stored. A row equal to the current record of its person and year changes
/// nothing; a different one supersedes it (the old row is kept, <see cref="TaxRecords"/>).
/// Staff-entered 養育費 (<see cref="ChildSupport"/>) lives in its own table: an import never
/// touches it. Memory holds the set of (宛名番号, 課税年度) keys of the file, never its values.
/// </summary>
public sealed class TaxImport(FukushiDbContext db, TimeProvider clock)
{
    public const string Kind = "tax";

    /// <summary>The earliest 課税年度 accepted (平成2年度): older records serve no 所得判定. The latest is the import year + 1.</summary>
    public const int FirstTaxYear = 1990;
    private const int BatchSize = 500;

    public async Task<ImportResult> RunAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var opening = await ImportOpening.OpenAsync(db, Kind, request, cancellationToken).ConfigureAwait(false);
        var (file, result) = (opening.File, opening.Result);
        if (!opening.CanRead)
        {
            return result;
        }

        // Pass 1: type every row; one person and year may appear once.
        var seen = new Dictionary<(string Atena, int Year), long>();
        foreach (var record in file.Records())
        {
            result.RowsRead++;
            var row = TaxRow.Read(record, request.ImportDate, result);
            if (row is null)
            {
                continue;
            }

            if (seen.TryGetValue((row.AtenaNumber, row.TaxYear), out var firstLine))
            {
                result.Add(new ImportProblem(row.Line, TaxItems.AtenaNumberColumn, row.AtenaNumber,
                    string.Create(CultureInfo.InvariantCulture, $"同じ宛名番号・課税年度（{row.TaxYear}）の行が {firstLine} 行目にもあります")));
            }
            else
            {
                seen[(row.AtenaNumber, row.TaxYear)] = row.Line;
            }
        }

        seen.Clear();
        if (result.HasErrors)
        {
            result.Status = ImportStatus.Rejected;
            return result;
        }

        var purpose = await PurposeFacts.LoadAsync(db, request.ImportDate, cancellationToken, includeKnownPersons: false).ConfigureAwait(false);
        if (request.DryRun)
        {
            await ForEachBatchAsync(file, request, purpose, result, (_, _) => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
            result.Status = ImportStatus.Validated;
            return result;
        }

        // Pass 2: write, all or nothing.
        var now = AppClock.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var importedFile = await opening.RegisterAsync(db, Kind, request.Actor, now, cancellationToken).ConfigureAwait(false);
        var source = SourceOf(result);
        await ForEachBatchAsync(file, request, purpose, result, (batch, persons) => WriteBatchAsync(batch, persons, request, source, now, result, cancellationToken), cancellationToken).ConfigureAwait(false);

        opening.Complete(db, importedFile);
        db.AddAudit(new AuditEntry(request.Actor, AuditEventType.TaxImported, "import", importedFile.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["file"] = result.FileName,
            ["sha256"] = file.Sha256,
            ["rowsRead"] = result.RowsRead,
            ["inserted"] = result.Inserted,
            ["updated"] = result.Updated,
            ["unchanged"] = result.Unchanged,
            ["skipped"] = result.SkippedLines.Count,
            ["warnings"] = result.WarningCount,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        result.Status = ImportStatus.Imported;
        return result;
    }

    /// <summary>Where the rows came from (<see cref="TaxRecord.Source"/>): the file's name and SHA-256.</summary>
    private static string SourceOf(ImportResult result)
    {
        var name = result.FileName.Length > 200 ? result.FileName[..200] : result.FileName;
        return $"import tax {name} sha256:{result.Sha256}";
    }

    /// <summary>
    /// Reads the file again in batches, resolves each batch's persons and applies the purpose rule:
    /// the rows kept are handed to <paramref name="write"/> with their person ids; the others are
    /// counted as skipped.
    /// </summary>
    private async Task ForEachBatchAsync(
        ImportFile file,
        ImportRequest request,
        PurposeFacts purpose,
        ImportResult result,
        Func<List<TaxRow>, IReadOnlyDictionary<string, long>, Task> write,
        CancellationToken cancellationToken)
    {
        var batch = new List<TaxRow>(BatchSize);
        var ignored = new ImportResult();
        foreach (var record in file.Records())
        {
            batch.Add(TaxRow.Read(record, request.ImportDate, ignored)!);
            if (batch.Count == BatchSize)
            {
                await ProcessAsync().ConfigureAwait(false);
            }
        }

        await ProcessAsync().ConfigureAwait(false);

        async Task ProcessAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var concerned = await ConcernedPersonsAsync(batch, purpose, request.ImportDate, cancellationToken).ConfigureAwait(false);
            var kept = new List<TaxRow>(batch.Count);
            foreach (var row in batch)
            {
                if (concerned.ContainsKey(row.AtenaNumber))
                {
                    kept.Add(row);
                }
                else
                {
                    result.Skip(row.Line);
                }
            }

            await write(kept, concerned).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>
    /// The persons of the batch that the program concerns, by 宛名番号 → person id: in the 台帳, and
    /// concerned by P1 given their birth date and 住基 household on the import date.
    /// </summary>
    private async Task<Dictionary<string, long>> ConcernedPersonsAsync(List<TaxRow> batch, PurposeFacts purpose, DateOnly importDate, CancellationToken cancellationToken)
    {
        var atenaNumbers = batch.Select(row => row.AtenaNumber).Distinct(StringComparer.Ordinal).ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => atenaNumbers.Contains(p.AtenaNumber))
            .Select(p => new { p.Id, p.AtenaNumber }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = persons.Select(p => p.Id).ToList();
        var facts = await db.PersonRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId)).AsOf(importDate)
            .Select(r => new { r.PersonId, r.BirthDate, r.HouseholdNumber })
            .ToDictionaryAsync(r => r.PersonId, cancellationToken).ConfigureAwait(false);
        var concerned = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            var fact = facts.GetValueOrDefault(person.Id);
            if (purpose.ConcernsPerson(person.AtenaNumber, fact?.BirthDate, fact?.HouseholdNumber, importDate))
            {
                concerned[person.AtenaNumber] = person.Id;
            }
        }

        return concerned;
    }

    private async Task WriteBatchAsync(
        List<TaxRow> batch, IReadOnlyDictionary<string, long> persons, ImportRequest request, string source, DateTimeOffset now, ImportResult result, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var ids = persons.Values.Distinct().ToList();
        var current = await db.TaxRecords.Where(r => ids.Contains(r.PersonId)).Current()
            .ToDictionaryAsync(r => (r.PersonId, r.TaxYear), cancellationToken).ConfigureAwait(false);
        foreach (var row in batch)
        {
            var next = row.Record;
            next.PersonId = persons[row.AtenaNumber];
            next.Source = source;
            var before = current.GetValueOrDefault((next.PersonId, next.TaxYear));
            if (before is not null && TaxRow.SameContent(before, next))
            {
                result.Unchanged++;
                continue;
            }

            TaxRecords.PlanRecord(before, next, now, request.Actor).ApplyTo(db);
            if (before is null)
            {
                result.Inserted++;
            }
            else
            {
                result.Updated++;
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }
}
