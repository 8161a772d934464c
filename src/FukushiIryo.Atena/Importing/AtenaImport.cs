using System.Globalization;
using System.Text.RegularExpressions;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Keys;
using FukushiIryo.Atena.Vault;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Import;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Atena.Importing;

/// <summary>
/// <c>fukushi import atena FILE</c> (interfaces.md §0, §2): <c>宛名番号, 個人番号</c> with optional <c>氏名カナ, 生年月日</c>
/// cross-checked against the welfare person of that 宛名番号. Read twice, streaming: the first pass checks every
/// row (check digit, duplicates in the file, a number linked to another 宛名番号, the cross-check), the second
/// writes all or nothing. The file's registry row (取込履歴, refusing the same bytes twice) and the audit entry are
/// in the welfare database; the links in the 宛名 database, committed first (ADR 0027). No problem, message or
/// report ever holds a 個人番号: the column's value is masked and any 12-digit run in a value is masked too.
/// </summary>
public sealed partial class AtenaImport(FukushiDbContext welfare, AtenaDbContext atena, AtenaKeyRing keys, TimeProvider clock)
{
    public const string Kind = "atena";
    public const string NumberColumn = "個人番号";
    private const int BatchSize = 500;

    public async Task<ImportResult> RunAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var opening = await ImportOpening.OpenAsync(welfare, Kind, request, cancellationToken).ConfigureAwait(false);
        var (file, result) = (opening.File, new ImportResult { FileName = opening.Result.FileName, Sha256 = opening.Result.Sha256 });
        result.AddRange(opening.Result.Errors.Select(Scrub));
        result.AddRange(opening.Result.Warnings.Select(Scrub));
        result.Status = opening.Result.Status;
        if (!opening.CanRead)
        {
            return result;
        }

        // Pass 1: check every row.
        var seenAtena = new Dictionary<string, long>(StringComparer.Ordinal);
        var seenNumbers = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<AtenaRow>(BatchSize);
        foreach (var record in file.Records())
        {
            result.RowsRead++;
            var row = AtenaRow.Read(record, result);
            if (row is null)
            {
                continue;
            }

            if (seenAtena.TryGetValue(row.AtenaNumber, out var earlier))
            {
                result.Add(new ImportProblem(row.Line, "宛名番号", row.AtenaNumber, $"同じ宛名番号がファイル内で重複しています（{earlier.ToString(CultureInfo.InvariantCulture)}行）"));
                continue;
            }

            seenAtena[row.AtenaNumber] = row.Line;
            // Duplicates are found by a keyed hash, so that the set in memory holds no number either.
            var fingerprint = Convert.ToHexString(MyNumberSeal.LookupHash(FingerprintKey, row.Number));
            if (seenNumbers.TryGetValue(fingerprint, out earlier))
            {
                result.Add(new ImportProblem(row.Line, NumberColumn, MyNumber.Mask, $"同じ個人番号がファイル内で重複しています（{earlier.ToString(CultureInfo.InvariantCulture)}行）"));
                continue;
            }

            seenNumbers[fingerprint] = row.Line;
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await CheckBatchAsync(batch, result, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        await CheckBatchAsync(batch, result, cancellationToken).ConfigureAwait(false);
        if (result.HasErrors)
        {
            result.Status = ImportStatus.Rejected;
            return result;
        }

        if (request.DryRun)
        {
            result.Status = ImportStatus.Validated;
            return result;
        }

        // Pass 2: write, all or nothing. The 宛名 transaction commits first: if the welfare commit then failed,
        // the file is not registered and a second import finds every link unchanged.
        var now = AppClock.Now(clock);
        await using var atenaTransaction = await atena.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var welfareTransaction = await welfare.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var importedFile = await opening.RegisterAsync(welfare, Kind, request.Actor, now, cancellationToken).ConfigureAwait(false);
        var source = "import:" + importedFile.Id.ToString(CultureInfo.InvariantCulture);
        var ignored = new ImportResult();
        var written = 0;
        foreach (var record in file.Records())
        {
            var row = AtenaRow.Read(record, ignored)!;
            var outcome = await AtenaVault.LinkCoreAsync(atena, keys, row.AtenaNumber, row.Number, request.Actor, source, now, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case AtenaVault.LinkOutcome.New:
                    result.Inserted++;
                    break;
                case AtenaVault.LinkOutcome.Replaced:
                    result.Updated++;
                    break;
                default:
                    result.Unchanged++;
                    break;
            }

            if (++written % BatchSize == 0)
            {
                await atena.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                atena.ChangeTracker.Clear();
            }
        }

        await atena.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        atena.ChangeTracker.Clear();
        opening.Complete(welfare, importedFile);
        // Complete copies the opening's counts; this import keeps its own (scrubbed) result.
        importedFile.RowsRead = result.RowsRead;
        importedFile.RowsImported = result.Inserted + result.Updated + result.Unchanged;
        importedFile.Warnings = result.WarningCount;
        welfare.AddAudit(new AuditEntry(request.Actor, AuditEventType.AtenaImported, "import", importedFile.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["file"] = result.FileName,
            ["sha256"] = file.Sha256,
            ["rowsRead"] = result.RowsRead,
            ["inserted"] = result.Inserted,
            ["replaced"] = result.Updated,
            ["unchanged"] = result.Unchanged,
            ["warnings"] = result.WarningCount,
            ["keyVersion"] = keys.Current.Version,
        }));
        await welfare.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await atenaTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await welfareTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        welfare.ChangeTracker.Clear();
        result.Status = ImportStatus.Imported;
        return result;
    }

    /// <summary>A problem as it may be shown: the 個人番号 column masked, any 12-digit run in a value masked.</summary>
    public static ImportProblem Scrub(ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var value = problem.Column == NumberColumn && problem.Value.Length > 0 ? MyNumber.Mask : TwelveDigits().Replace(problem.Value, MyNumber.Mask);
        return problem with { Value = value, Reason = TwelveDigits().Replace(problem.Reason, MyNumber.Mask) };
    }

    /// <summary>The key of the in-memory duplicate check: the ring's current key, else a key of this run only.</summary>
    private AtenaKey FingerprintKey => fingerprintKey ??= keys.Exists
        ? keys.Current
        : new AtenaKey(0, [], System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private AtenaKey? fingerprintKey;

    private async Task CheckBatchAsync(List<AtenaRow> batch, ImportResult result, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // The cross-check against the welfare 台帳: any current record of the person (names and dates have history).
        var numbers = batch.Select(row => row.AtenaNumber).ToList();
        var persons = await welfare.Persons.AsNoTracking().Where(p => numbers.Contains(p.AtenaNumber))
            .Select(p => new { p.Id, p.AtenaNumber }).ToDictionaryAsync(p => p.AtenaNumber, p => p.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var personIds = persons.Values.ToList();
        var records = (await welfare.PersonRecords.AsNoTracking().Current().Where(r => personIds.Contains(r.PersonId))
            .Select(r => new { r.PersonId, r.NameKanaKey, r.BirthDate }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(r => r.PersonId);
        foreach (var row in batch)
        {
            if (!persons.TryGetValue(row.AtenaNumber, out var personId))
            {
                result.Add(new ImportProblem(row.Line, "宛名番号", row.AtenaNumber,
                    row.KanaKey is null && row.BirthDate is null
                        ? "福祉の台帳にない宛名番号です（紐付けは取り込みます）"
                        : "福祉の台帳にない宛名番号のため、氏名カナ・生年月日は照合していません（紐付けは取り込みます）",
                    ImportSeverity.Warning));
            }
            else
            {
                var known = records[personId].ToList();
                if (row.KanaKey is not null && !known.Any(r => r.NameKanaKey == row.KanaKey))
                {
                    result.Add(new ImportProblem(row.Line, "氏名カナ", row.KanaText!, "氏名カナが台帳の氏名カナと一致しません"));
                }

                if (row.BirthDate is { } birth && !known.Any(r => r.BirthDate == birth))
                {
                    result.Add(new ImportProblem(row.Line, "生年月日", birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "生年月日が台帳の生年月日と一致しません"));
                }
            }

            var linked = await AtenaVault.FindCurrentAsync(atena, keys, row.Number, cancellationToken).ConfigureAwait(false);
            if (linked is not null && linked.AtenaNumber != row.AtenaNumber)
            {
                result.Add(new ImportProblem(row.Line, NumberColumn, MyNumber.Mask, "この個人番号は別の宛名番号に紐付いています"));
            }
        }
    }

    [GeneratedRegex("[0-9]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex TwelveDigits();

    private sealed record AtenaRow(long Line, string AtenaNumber, MyNumber Number, string? KanaText, string? KanaKey, DateOnly? BirthDate)
    {
        public static AtenaRow? Read(ImportRecord record, ImportResult result)
        {
            if (record.Problems.Count > 0)
            {
                result.AddRange(record.Problems.Select(Scrub));
                return null;
            }

            var problems = new List<ImportProblem>();
            var atenaNumber = FieldParsers.Digits(record, "宛名番号", 1, 20, problems);
            MyNumber? number = null;
            var raw = record[NumberColumn];
            if (string.IsNullOrWhiteSpace(raw))
            {
                problems.Add(new ImportProblem(record.Line, NumberColumn, string.Empty, "必須の値がありません"));
            }
            else if (!MyNumber.TryParse(raw, out number))
            {
                problems.Add(new ImportProblem(record.Line, NumberColumn, MyNumber.Mask, "個人番号は12桁の数字で、検査用数字（チェックデジット）が正しいものを書いてください"));
            }

            string? kanaText = null;
            string? kanaKey = null;
            if (record.Has("氏名カナ") && FieldParsers.OptionalText(record, "氏名カナ") is { Length: > 0 } kana)
            {
                kanaText = kana;
                kanaKey = KanaNormalizer.ToSearchKey(kana);
            }

            var birth = record.Has("生年月日") ? FieldParsers.Date(record, "生年月日", problems, required: false) : null;
            result.AddRange(problems.Select(Scrub));
            return problems.Any(p => p.Severity == ImportSeverity.Error) || atenaNumber is null || number is null
                ? null
                : new AtenaRow(record.Line, atenaNumber, number, kanaText, kanaKey, birth);
        }
    }
}
