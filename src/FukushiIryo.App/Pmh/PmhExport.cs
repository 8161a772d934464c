using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.App.Settings;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Formats.Pmh;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Pmh;

/// <summary>What a PMH export wrote and what it left out (ADR 0028).</summary>
/// <param name="Written">Records written with 削除フラグ false (new or changed 受給者証 versions).</param>
/// <param name="Deleted">Records written with 削除フラグ true (versions superseded since the date).</param>
/// <param name="WithoutMyNumber">宛名番号 of persons left out because the vault holds no 個人番号 for them, sorted.</param>
/// <param name="WithoutPeriod">受給者番号 of versions left out because they have no 有効期間 end, sorted.</param>
public sealed record PmhExportResult(long Written, long Deleted, IReadOnlyList<string> WithoutMyNumber, IReadOnlyList<string> WithoutPeriod);

/// <summary>The export cannot run as configured (the 機関別受給者証種別ID is not set): rejected input, exit 1.</summary>
public sealed class PmhExportRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// PMH export (interfaces.md §6, anchors.md §1c, ADR 0028): the 医療費助成対象者差分履歴情報 of every
/// 受給者証 version (a current, active EligibilityRecord with its 有効期間), streamed as one JSON array.
/// Full, or the difference since a JST date: versions recorded since then and versions of persons
/// whose 基本5情報 or 所得判定 changed since then (削除フラグ false, the same 履歴キー replaces), and
/// versions superseded since then that had been sent (削除フラグ true). The 個人番号 is read from the
/// vault (<see cref="IAtenaVault.RevealAsync"/>) batch by batch at the moment of writing and is never
/// stored; persons without one are left out and reported. Audited as <see cref="AuditEventType.PmhExported"/>.
/// </summary>
public sealed class PmhExport(FukushiDbContext db, IAtenaVault vault, SystemSettings settings, TimeProvider clock)
{
    /// <summary>受給者証名 sent to PMH: the name printed on our 受給資格証.</summary>
    public const string CertificationName = "ひとり親家庭等医療費助成受給資格証";

    /// <summary>The purpose the vault records for each reveal.</summary>
    public const string RevealPurpose = "PMH 医療費助成対象者情報の連携";

    private const int BatchSize = 500;

    public async Task<PmhExportResult> WriteAsync(Stream output, DateOnly? since, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var typeId = await settings.GetAsync(SystemSettings.PmhCertificateTypeId, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(typeId))
        {
            throw new PmhExportRefusedException(
                $"機関別受給者証種別ID（PMH の制度マスタで設定した値）が未設定です。fukushi settings set {SystemSettings.PmhCertificateTypeId} 値 で設定してください。");
        }

        var today = JstClock.Today(clock);
        DateTimeOffset? from = since is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime() : null;
        var withoutMyNumber = new SortedSet<string>(StringComparer.Ordinal);
        var withoutPeriod = new SortedSet<string>(StringComparer.Ordinal);
        long written = 0, deleted = 0;

        var changedRecipients = from is { } instant ? await ChangedRecipientsAsync(instant, cancellationToken).ConfigureAwait(false) : null;
        await using (var writer = new PmhRecipientWriter(output))
        {
            foreach (var isDeleted in new[] { false, true })
            {
                if (isDeleted && from is null)
                {
                    break;
                }

                long after = 0;
                while (true)
                {
                    var batch = await VersionsAsync(isDeleted, from, changedRecipients, after, cancellationToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    after = batch[^1].Row.Id;
                    var records = await RecordsAsync(batch, typeId, isDeleted, today, actor, withoutMyNumber, withoutPeriod, cancellationToken).ConfigureAwait(false);
                    foreach (var record in records)
                    {
                        await writer.WriteAsync(record, cancellationToken).ConfigureAwait(false);
                        if (isDeleted)
                        {
                            deleted++;
                        }
                        else
                        {
                            written++;
                        }
                    }
                }
            }

            await writer.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.PmhExported, Details: new Dictionary<string, object?>
        {
            ["since"] = since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["written"] = written,
            ["deleted"] = deleted,
            ["withoutMyNumber"] = withoutMyNumber.Count,
            ["withoutPeriod"] = withoutPeriod.Count,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new PmhExportResult(written, deleted, [.. withoutMyNumber], [.. withoutPeriod]);
    }

    /// <summary>The 履歴キー of a version: the 受給者番号 and the row's id (a change or correction makes a new row, hence a new key).</summary>
    public static string HistoryKey(string recipientNumber, long eligibilityRecordId) =>
        string.Create(CultureInfo.InvariantCulture, $"{recipientNumber}-{eligibilityRecordId}");

    private sealed record Version(EligibilityRecord Row, Recipient Recipient, string AtenaNumber, long? ParentPersonId);

    private async Task<List<Version>> VersionsAsync(bool isDeleted, DateTimeOffset? from, List<long>? changedRecipients, long after, CancellationToken cancellationToken)
    {
        var rows = db.EligibilityRecords.AsNoTracking()
            .Where(e => e.Status == EligibilityStatus.Active && e.DecisionResult != DecisionResult.Rejected);
        if (isDeleted)
        {
            // Sent before the date (recorded earlier) and replaced or withdrawn since.
            var instant = from!.Value;
            rows = rows.Where(e => e.SupersededAt != null && e.SupersededAt >= instant && e.RecordedAt < instant);
        }
        else
        {
            rows = rows.Current();
            if (from is { } instant)
            {
                var changed = changedRecipients ?? [];
                rows = rows.Where(e => e.RecordedAt >= instant || changed.Contains(e.RecipientId));
            }
        }

        rows = rows.Where(e => e.Id > after).OrderBy(e => e.Id).Take(BatchSize);
        var found = await (from row in rows
                           join recipient in db.Recipients on row.RecipientId equals recipient.Id
                           join person in db.Persons on recipient.PersonId equals person.Id
                           join parent in db.Recipients on recipient.ParentRecipientId equals parent.Id into parents
                           from parent in parents.DefaultIfEmpty()
                           select new { row, recipient, person.AtenaNumber, ParentPersonId = parent == null ? (long?)null : parent.PersonId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. found.Select(f => new Version(f.row, f.recipient, f.AtenaNumber, f.ParentPersonId)).OrderBy(v => v.Row.Id)];
    }

    /// <summary>Recipients whose person's 基本5情報 changed, or whose (or whose parent's) 所得判定 was made, since <paramref name="from"/>.</summary>
    private async Task<List<long>> ChangedRecipientsAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var persons = await db.PersonRecords.AsNoTracking()
            .Where(r => r.RecordedAt >= from || (r.SupersededAt != null && r.SupersededAt >= from)).Select(r => r.PersonId)
            .Union(db.IncomeDeterminations.AsNoTracking().Where(d => d.DeterminedAt >= from).Select(d => d.PersonId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var direct = await db.Recipients.AsNoTracking().Where(r => persons.Contains(r.PersonId)).Select(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var children = await db.Recipients.AsNoTracking()
            .Where(r => r.ParentRecipientId != null && direct.Contains(r.ParentRecipientId.Value)).Select(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. direct.Concat(children).Distinct()];
    }

    private async Task<List<PmhRecipientRecord>> RecordsAsync(
        List<Version> batch, string typeId, bool isDeleted, DateOnly today, string actor,
        SortedSet<string> withoutMyNumber, SortedSet<string> withoutPeriod, CancellationToken cancellationToken)
    {
        var personIds = batch.Select(v => v.Recipient.PersonId).Distinct().ToList();
        var incomePersonIds = batch.Select(v => v.ParentPersonId ?? v.Recipient.PersonId).Distinct().ToList();
        var personRows = await db.PersonRecords.AsNoTracking().Current().Where(r => personIds.Contains(r.PersonId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var persons = personRows.GroupBy(r => r.PersonId).ToDictionary(
            g => g.Key,
            g => g.FirstOrDefault(r => r.ValidFrom <= today && (r.ValidTo is null || r.ValidTo > today)) ?? g.MaxBy(r => r.ValidFrom)!);
        var determinations = (await db.IncomeDeterminations.AsNoTracking().Where(d => incomePersonIds.Contains(d.PersonId))
                .Select(d => new { d.PersonId, d.DeterminedAt, d.Id, d.HighCostCategory })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(d => d.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.DeterminedAt).ThenByDescending(d => d.Id).First().HighCostCategory);

        var exportable = new List<(Version Version, DateOnly From, DateOnly To)>();
        foreach (var version in batch)
        {
            var row = version.Row;
            // The 受給資格証's 有効期間 cut to the row's own period (a change inside the period splits it).
            var validFrom = row.CertificateValidFrom is { } certificateFrom && certificateFrom > row.ValidFrom ? certificateFrom : row.ValidFrom;
            var lastDay = row.ValidTo?.AddDays(-1);
            var validTo = row.CertificateValidTo is { } certificateTo && (lastDay is null || certificateTo < lastDay) ? certificateTo : lastDay;
            if (validTo is null || validTo < validFrom || !persons.ContainsKey(version.Recipient.PersonId))
            {
                withoutPeriod.Add(version.Recipient.RecipientNumber);
                continue;
            }

            exportable.Add((version, validFrom, validTo.Value));
        }

        var atenaNumbers = exportable.Select(e => e.Version.AtenaNumber).Distinct(StringComparer.Ordinal).ToList();
        var myNumbers = atenaNumbers.Count == 0
            ? new Dictionary<string, MyNumber>()
            : await vault.RevealAsync(atenaNumbers, actor, RevealPurpose, cancellationToken).ConfigureAwait(false);
        var records = new List<PmhRecipientRecord>(exportable.Count);
        foreach (var (version, validFrom, validTo) in exportable)
        {
            if (!myNumbers.TryGetValue(version.AtenaNumber, out var myNumber))
            {
                withoutMyNumber.Add(version.AtenaNumber);
                continue;
            }

            var person = persons[version.Recipient.PersonId];
            var row = version.Row;
            records.Add(new PmhRecipientRecord(
                typeId,
                myNumber.RevealDigits(),
                new PmhBasicFiveInfo(person.Name, person.NameKana, person.Address, person.BirthDate, ((int)person.Sex).ToString(CultureInfo.InvariantCulture)),
                IsNotDisclosed: false,
                InsurerNumber: row.PayerNumber is { Length: 8 } payer && payer.All(char.IsAsciiDigit) ? payer : null,
                CertificationName,
                version.Recipient.RecipientNumber,
                Segment: null,
                IncomeSegment: determinations.GetValueOrDefault(version.ParentPersonId ?? version.Recipient.PersonId),
                IsAlwaysReimbursement: row.BenefitMethod == BenefitMethod.ClaimReimbursement,
                validFrom,
                validTo,
                HistoryKey(version.Recipient.RecipientNumber, row.Id),
                isDeleted));
        }

        return records;
    }
}
