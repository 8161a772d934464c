using System.Globalization;
using System.Security.Cryptography;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.Formats.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FukushiIryo.App.Masters;

/// <summary>The files <c>fukushi masters update</c> takes: the bank master or the postal data.</summary>
public enum ReferenceMasterSet
{
    /// <summary>banks.csv and/or branches.csv (a zip may hold both).</summary>
    Banks,

    /// <summary>KEN_ALL.CSV / utf_ken_all.csv and/or JIGYOSYO.CSV, plain or zipped.</summary>
    Postal,
}

/// <summary>What loading one table of an edition changed.</summary>
/// <param name="Kind">The table.</param>
/// <param name="Source">The file (and zip entry) it was read from.</param>
/// <param name="Edition">The edition label given to added rows and to removed ones.</param>
/// <param name="Added">Keys new in this edition (or back after a removal).</param>
/// <param name="Changed">Keys whose data changed: the old row is marked removed and a new row added.</param>
/// <param name="Removed">Current rows missing from the edition, now marked removed.</param>
/// <param name="Unchanged">Rows the edition holds as they were.</param>
/// <param name="Duplicates">Lines of the file repeating a key already read (skipped).</param>
public sealed record ReferenceTableChange(
    ReferenceDataKind Kind,
    string Source,
    string Edition,
    int Added,
    int Changed,
    int Removed,
    int Unchanged,
    int Duplicates)
{
    public bool HasChanges => Added + Changed + Removed > 0;
}

/// <summary>What a load or an update did, table by table.</summary>
public sealed record ReferenceUpdateResult(IReadOnlyList<ReferenceTableChange> Tables)
{
    public int Added => Tables.Sum(table => table.Added);

    public int Changed => Tables.Sum(table => table.Changed);

    public int Removed => Tables.Sum(table => table.Removed);

    public int Unchanged => Tables.Sum(table => table.Unchanged);

    public bool HasChanges => Tables.Any(table => table.HasChanges);
}

/// <summary>
/// Loads the reference masters — the bank master (formats.md §4) and the postal code data
/// (formats.md §5) — from a whole edition at a time, in one transaction:
/// <list type="bullet">
/// <item>a row whose key the database does not hold as current is added, with the edition's label;</item>
/// <item>a row the database holds with the same data is left as it is (its <see cref="ReferenceRow.Edition"/> stays the one it came with);</item>
/// <item>a row whose data changed: the current row is marked <see cref="ReferenceRow.RemovedInEdition"/> and a new row is added;</item>
/// <item>a current row the edition lacks is marked removed. Nothing is ever deleted.</item>
/// </list>
/// Keys: a bank by 金融機関コード; a branch by 金融機関コード + 店舗コード; a 町域 by 郵便番号,
/// 団体コード, 町域名 and 町域名カナ (one code may cover many 町域, and one 町域名 may be read two ways);
/// a 大口事業所 by 個別番号 and name. Each file is a whole edition of its table: a branches.csv
/// alone leaves the banks as they are, but every branch missing from it is marked removed.
/// A file with any unreadable line loads nothing (<see cref="ReferenceDataException"/>).
/// Concurrent loads are serialised (PostgreSQL advisory lock; SQLite's write lock).
/// </summary>
public static class ReferenceMasters
{
    /// <summary>The edition label of the shipped bank master (zengin-code source-data of 2026-05-25).</summary>
    public const string ShippedBanksEdition = "2026-05-25";

    /// <summary>The edition label of the shipped postal data (日本郵便 snapshot of 2026-05-29).</summary>
    public const string ShippedPostalEdition = "2026-05-29";

    /// <summary>The longest edition label.</summary>
    public const int MaxEditionLength = 40;

    /// <summary>Serialises reference loads on PostgreSQL: key 0x46554B5553484952 ("FUKUSHIR").</summary>
    private const string LockSql = "SELECT pg_advisory_xact_lock(5068039785516910930)";

    private const string ResourcePrefix = "FukushiIryo.App.Masters.Reference.";

    private const int RetireBatch = 1000;

    /// <summary>The shipped files, embedded in the assembly, and the edition each is.</summary>
    private static readonly (string File, ReferenceDataKind Kind, string Edition)[] Shipped =
    [
        ("banks.csv", ReferenceDataKind.Banks, ShippedBanksEdition),
        ("branches.csv", ReferenceDataKind.Branches, ShippedBanksEdition),
        ("utf_ken_all.zip", ReferenceDataKind.PostalAddresses, ShippedPostalEdition),
        ("29NARA_JIGYOSYO.CSV", ReferenceDataKind.LargeOffices, ShippedPostalEdition),
    ];

    /// <summary>
    /// Loads each shipped file (embedded from <c>Masters/Reference/</c>) whose table is empty, and
    /// saves; a table that holds any row, current or removed, is left alone, so running it again
    /// changes nothing. Audited as <see cref="AuditEventType.MastersUpdated"/> when it loads anything.
    /// Meant for <c>fukushi db migrate</c> after the schema is current.
    /// </summary>
    public static async Task<ReferenceUpdateResult> EnsureLoadedAsync(
        FukushiDbContext db, DateTimeOffset now, string actor = "system", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The emptiness is judged under the same lock as the load, so that two concurrent runs
        // (two `db migrate`) cannot both load.
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var loads = new List<(ReferenceSource Source, string Sha256, string Edition)>();
        try
        {
            await LockAsync(db, cancellationToken).ConfigureAwait(false);
            foreach (var (file, kind, edition) in Shipped)
            {
                if (!await AnyRowAsync(db, kind, cancellationToken).ConfigureAwait(false))
                {
                    var stream = OpenShipped(file);
                    var sha = await Sha256Async(stream, cancellationToken).ConfigureAwait(false);
                    loads.Add((ReferenceSource.Open(stream, file), sha, edition));
                }
            }

            var result = loads.Count == 0
                ? new ReferenceUpdateResult([])
                : await LoadAsync(db, loads.Select(load => (load.Source, load.Sha256, (string?)load.Edition)).ToList(),
                    null, "shipped:", auditWithoutChanges: false, actor, now, cancellationToken).ConfigureAwait(false);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            foreach (var load in loads)
            {
                load.Source.Dispose();
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Loads a new edition from the file at <paramref name="path"/> (plain CSV or zip, see
    /// <see cref="ReferenceSource"/>) and saves, audited as <see cref="AuditEventType.MastersUpdated"/>.
    /// <paramref name="edition"/> labels it; null = the date of the data (the zip entry's time
    /// stamp, else the file's last write), as <c>yyyy-MM-dd</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ReferenceDataException">The file is not of <paramref name="set"/>, or has unreadable lines: nothing was loaded.</exception>
    public static async Task<ReferenceUpdateResult> UpdateAsync(
        FukushiDbContext db,
        ReferenceMasterSet set,
        string path,
        string? edition,
        string actor,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (edition is not null && (edition.Trim().Length == 0 || edition.Length > MaxEditionLength))
        {
            throw new ReferenceDataException(string.Create(CultureInfo.InvariantCulture,
                $"版の名前は1〜{MaxEditionLength}文字で指定してください。"));
        }

        string sha;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        await using (file.ConfigureAwait(false))
        {
            sha = await Sha256Async(file, cancellationToken).ConfigureAwait(false);
        }

        using var source = ReferenceSource.Open(path);
        var allowed = set == ReferenceMasterSet.Banks
            ? new[] { ReferenceDataKind.Banks, ReferenceDataKind.Branches }
            : [ReferenceDataKind.PostalAddresses, ReferenceDataKind.LargeOffices];
        var wrong = source.Tables.Where(table => !allowed.Contains(table.Kind)).ToList();
        if (wrong.Count > 0)
        {
            throw new ReferenceDataException(new ReferenceDataError(wrong[0].Name, 0, null, KindName(wrong[0].Kind),
                set == ReferenceMasterSet.Banks
                    ? "金融機関マスタ（banks.csv / branches.csv）ではありません"
                    : "郵便番号データ（KEN_ALL / utf_ken_all / JIGYOSYO）ではありません"));
        }

        var fallback = File.GetLastWriteTime(path);
        return await LoadAsync(db, [(source, sha, edition)], fallback, string.Empty, auditWithoutChanges: true, actor, now, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The Japanese name of a reference table, for messages.</summary>
    public static string KindName(ReferenceDataKind kind) => kind switch
    {
        ReferenceDataKind.Banks => "金融機関",
        ReferenceDataKind.Branches => "店舗",
        ReferenceDataKind.PostalAddresses => "郵便番号（町域）",
        ReferenceDataKind.LargeOffices => "大口事業所個別番号",
        _ => kind.ToString(),
    };

    private static async Task<ReferenceUpdateResult> LoadAsync(
        FukushiDbContext db,
        IReadOnlyList<(ReferenceSource Source, string Sha256, string? Edition)> loads,
        DateTime? fileTime,
        string sourcePrefix,
        bool auditWithoutChanges,
        string actor,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var duplicate = loads.SelectMany(load => load.Source.Tables).GroupBy(table => table.Kind).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ReferenceDataException(new ReferenceDataError(duplicate.Last().Name, 0, null, KindName(duplicate.Key),
                "同じ種類のファイルが2つあります"));
        }

        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            await LockAsync(db, cancellationToken).ConfigureAwait(false);

            var changes = new List<ReferenceTableChange>();
            foreach (var (source, sha, edition) in loads)
            {
                foreach (var table in source.Tables)
                {
                    var label = edition ?? DateLabel(table.LastWriteTime?.DateTime ?? fileTime ?? now.DateTime);
                    var name = sourcePrefix + (table.Name == source.Name ? source.Name : $"{source.Name}/{table.Name}");
                    var change = await SyncAsync(db, table, name, label, cancellationToken).ConfigureAwait(false);
                    changes.Add(change);
                    if (change.HasChanges)
                    {
                        db.ReferenceEditions.Add(new ReferenceEdition
                        {
                            Kind = change.Kind,
                            Label = label,
                            Source = Truncate(name, 300),
                            Sha256 = sha,
                            LoadedAt = AppClock.Truncate(now),
                            LoadedBy = actor,
                            Added = change.Added,
                            Changed = change.Changed,
                            Removed = change.Removed,
                            Unchanged = change.Unchanged,
                        });
                    }
                }
            }

            var result = new ReferenceUpdateResult(changes);
            if (auditWithoutChanges || result.HasChanges)
            {
                db.AddAudit(new AuditEntry(actor, AuditEventType.MastersUpdated, "reference_master",
                    string.Join(",", changes.Select(change => change.Kind.ToString())), AuditDetails(loads, changes)));
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static Dictionary<string, object?> AuditDetails(
        IReadOnlyList<(ReferenceSource Source, string Sha256, string? Edition)> loads, List<ReferenceTableChange> changes)
    {
        var details = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["files"] = string.Join(",", loads.Select(load => load.Source.Name)),
            ["sha256"] = string.Join(",", loads.Select(load => load.Sha256)),
        };
        foreach (var change in changes)
        {
            var prefix = change.Kind.ToString();
            details[prefix + ".source"] = change.Source;
            details[prefix + ".edition"] = change.Edition;
            details[prefix + ".added"] = change.Added;
            details[prefix + ".changed"] = change.Changed;
            details[prefix + ".removed"] = change.Removed;
            details[prefix + ".unchanged"] = change.Unchanged;
            details[prefix + ".duplicates"] = change.Duplicates;
        }

        return details;
    }

    private static Task<ReferenceTableChange> SyncAsync(
        FukushiDbContext db, ReferenceTable table, string source, string edition, CancellationToken cancellationToken) => table.Kind switch
        {
            ReferenceDataKind.Banks => new TableSync<Bank, BankRecord>(
                table.Kind,
                ZenginCodeCsv.ReadBanks,
                (r, e) => new Bank { BankCode = r.BankCode, Kana = r.Kana, Name = r.Name, Edition = e },
                row => row.BankCode,
                row => Join(row.Kana, row.Name)).RunAsync(db, table, source, edition, cancellationToken),
            ReferenceDataKind.Branches => new TableSync<BankBranch, BranchRecord>(
                table.Kind,
                ZenginCodeCsv.ReadBranches,
                (r, e) => new BankBranch { BankCode = r.BankCode, BranchCode = r.BranchCode, Kana = r.Kana, Name = r.Name, Edition = e },
                row => row.BankCode + row.BranchCode,
                row => Join(row.Kana, row.Name)).RunAsync(db, table, source, edition, cancellationToken),
            ReferenceDataKind.PostalAddresses => new TableSync<PostalAddress, PostalAddressRecord>(
                table.Kind,
                JapanPostCsv.ReadAddresses,
                (r, e) => new PostalAddress
                {
                    PostalCode = r.PostalCode,
                    MunicipalityCode = r.MunicipalityCode,
                    Prefecture = r.Prefecture,
                    City = r.City,
                    Town = r.Town,
                    PrefectureKana = r.PrefectureKana,
                    CityKana = r.CityKana,
                    TownKana = r.TownKana,
                    IsPartOfTown = r.IsPartOfTown,
                    IsKoazaNumbered = r.IsKoazaNumbered,
                    HasChome = r.HasChome,
                    CoversSeveralTowns = r.CoversSeveralTowns,
                    Edition = e,
                },
                row => Join(row.PostalCode, row.MunicipalityCode, row.Town, row.TownKana),
                row => Join(row.Prefecture, row.City, row.PrefectureKana, row.CityKana,
                    Flags(row.IsPartOfTown, row.IsKoazaNumbered, row.HasChome, row.CoversSeveralTowns))).RunAsync(db, table, source, edition, cancellationToken),
            ReferenceDataKind.LargeOffices => new TableSync<LargeOfficePostalCode, LargeOfficeRecord>(
                table.Kind,
                JapanPostCsv.ReadLargeOffices,
                (r, e) => new LargeOfficePostalCode
                {
                    PostalCode = r.PostalCode,
                    MunicipalityCode = r.MunicipalityCode,
                    OfficeName = r.OfficeName,
                    OfficeNameKana = r.OfficeNameKana,
                    Prefecture = r.Prefecture,
                    City = r.City,
                    Town = r.Town,
                    StreetAddress = r.StreetAddress,
                    PostOffice = r.PostOffice,
                    IsPostOfficeBox = r.IsPostOfficeBox,
                    HasSeveralCodes = r.HasSeveralCodes,
                    Edition = e,
                },
                row => Join(row.PostalCode, row.OfficeName),
                row => Join(row.MunicipalityCode, row.OfficeNameKana, row.Prefecture, row.City, row.Town, row.StreetAddress, row.PostOffice,
                    Flags(row.IsPostOfficeBox, row.HasSeveralCodes))).RunAsync(db, table, source, edition, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };

    /// <summary>PostgreSQL: the advisory lock until the transaction ends (re-entrant); SQLite: the transaction, begun IMMEDIATE, holds the write lock already.</summary>
    private static Task LockAsync(FukushiDbContext db, CancellationToken cancellationToken) =>
        db.IsSqlite ? Task.CompletedTask : db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);

    private static Task<bool> AnyRowAsync(FukushiDbContext db, ReferenceDataKind kind, CancellationToken cancellationToken) => kind switch
    {
        ReferenceDataKind.Banks => db.Banks.AnyAsync(cancellationToken),
        ReferenceDataKind.Branches => db.BankBranches.AnyAsync(cancellationToken),
        ReferenceDataKind.PostalAddresses => db.PostalAddresses.AnyAsync(cancellationToken),
        ReferenceDataKind.LargeOffices => db.LargeOfficePostalCodes.AnyAsync(cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Stream OpenShipped(string file) =>
        typeof(ReferenceMasters).Assembly.GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new InvalidOperationException($"The shipped reference file '{file}' is not embedded in the assembly.");

    private static async Task<string> Sha256Async(Stream stream, CancellationToken cancellationToken)
    {
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        stream.Position = 0;
        return Convert.ToHexStringLower(hash);
    }

    private static string DateLabel(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static string Join(params string[] parts) => string.Join('\u001F', parts);

    private static string Flags(params bool[] flags) => string.Concat(flags.Select(flag => flag ? '1' : '0'));

    /// <summary>Brings one table to one edition (see <see cref="ReferenceMasters"/>).</summary>
    private sealed class TableSync<TRow, TRecord>(
        ReferenceDataKind kind,
        Func<TextReader, string, ReferenceErrorLog, IEnumerable<TRecord>> read,
        Func<TRecord, string, TRow> create,
        Func<TRow, string> keyOf,
        Func<TRow, string> contentOf)
        where TRow : ReferenceRow
    {
        public async Task<ReferenceTableChange> RunAsync(
            FukushiDbContext db, ReferenceTable table, string source, string edition, CancellationToken cancellationToken)
        {
            var set = db.Set<TRow>();
            var current = new Dictionary<string, (long Id, string Content)>(StringComparer.Ordinal);
            var retire = new List<long>();
            await foreach (var row in set.AsNoTracking().Where(row => row.RemovedInEdition == null).AsAsyncEnumerable()
                .WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!current.TryAdd(keyOf(row), (row.Id, contentOf(row))))
                {
                    retire.Add(row.Id); // two current rows for one key: keep one
                }
            }

            var errors = new ReferenceErrorLog();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var changedRows = new List<TRow>();
            int added = 0, unchanged = 0, duplicates = 0;

            IEnumerable<TRow> NewRows()
            {
                using var reader = table.OpenText();
                foreach (var record in read(reader, table.Name, errors))
                {
                    var row = create(record, edition);
                    var key = keyOf(row);
                    if (!seen.Add(key))
                    {
                        duplicates++;
                    }
                    else if (current.Remove(key, out var old))
                    {
                        if (string.Equals(old.Content, contentOf(row), StringComparison.Ordinal))
                        {
                            unchanged++;
                        }
                        else
                        {
                            retire.Add(old.Id);
                            changedRows.Add(row);
                        }
                    }
                    else
                    {
                        added++;
                        yield return row;
                    }
                }
            }

            await db.BulkInsertAsync(NewRows(), cancellationToken).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                throw new ReferenceDataException(errors.Errors, errors.Count);
            }

            var removed = current.Count;
            retire.AddRange(current.Values.Select(row => row.Id));
            foreach (var batch in retire.Chunk(RetireBatch))
            {
                await set.Where(row => batch.Contains(row.Id))
                    .ExecuteUpdateAsync(setters => setters.SetProperty(row => row.RemovedInEdition, edition), cancellationToken)
                    .ConfigureAwait(false);
            }

            // After the old rows are retired, so that one key never has two current rows.
            await db.BulkInsertAsync(changedRows, cancellationToken).ConfigureAwait(false);
            return new ReferenceTableChange(kind, source, edition, added, changedRows.Count, removed, unchanged, duplicates);
        }
    }
}
