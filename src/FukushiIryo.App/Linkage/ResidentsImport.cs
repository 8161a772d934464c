using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Import;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Linkage;

/// <summary>
/// <c>fukushi import residents</c> (interfaces.md §0, §1): the 住基 / 統合宛名 extract. Each row is an
/// upsert of one person with history. The file is read twice, streaming: the first pass checks
/// every row and learns which 住基 households the program concerns (purpose rule P1); the second
/// pass writes, in one transaction, only when the first found no file error. Memory grows with the
/// number of households and persons concerned (a set of keys), never with the rows' contents.
/// </summary>
public sealed class ResidentsImport(FukushiDbContext db, TimeProvider clock)
{
    public const string Kind = "residents";
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

        // Pass 1: read every row, collect file errors and the purpose facts.
        var purpose = await PurposeFacts.LoadAsync(db, request.ImportDate, cancellationToken).ConfigureAwait(false);
        var postal = await PostalCodeCache.CreateAsync(db, cancellationToken).ConfigureAwait(false);
        foreach (var record in file.Records())
        {
            result.RowsRead++;
            var row = ResidentRow.Read(record, result);
            if (row is not null)
            {
                purpose.Observe(row, request.ImportDate);
                await postal.CheckAsync(row, result, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!postal.MasterLoaded)
        {
            result.Notes.Add("郵便番号マスタが未登録のため、郵便番号の照合は行っていません（fukushi masters update postal で登録できます）。");
        }

        if (result.HasErrors)
        {
            result.Status = ImportStatus.Rejected;
            return result;
        }

        if (request.DryRun)
        {
            CountSkipped(file, result, purpose, request);
            result.Status = ImportStatus.Validated;
            return result;
        }

        // Pass 2: write, all or nothing.
        var now = AppClock.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var importedFile = await opening.RegisterAsync(db, Kind, request.Actor, now, cancellationToken).ConfigureAwait(false);

        var batch = new List<ResidentRow>(BatchSize);
        var ignored = new ImportResult();
        foreach (var record in file.Records())
        {
            var row = ResidentRow.Read(record, ignored)!;
            if (!request.Migration && !purpose.Concerns(row, request.ImportDate))
            {
                result.Skip(row.Line);
                continue;
            }

            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await WriteBatchAsync(batch, request, importedFile.Id, now, result, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        await WriteBatchAsync(batch, request, importedFile.Id, now, result, cancellationToken).ConfigureAwait(false);

        opening.Complete(db, importedFile);
        db.AddAudit(new AuditEntry(request.Actor, AuditEventType.ResidentsImported, "import", importedFile.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["file"] = result.FileName,
            ["sha256"] = file.Sha256,
            ["migration"] = request.Migration,
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

    private static void CountSkipped(ImportFile file, ImportResult result, PurposeFacts purpose, ImportRequest request)
    {
        if (request.Migration)
        {
            return;
        }

        var ignored = new ImportResult();
        foreach (var record in file.Records())
        {
            var row = ResidentRow.Read(record, ignored)!;
            if (!purpose.Concerns(row, request.ImportDate))
            {
                result.Skip(row.Line);
            }
        }
    }

    private async Task WriteBatchAsync(List<ResidentRow> batch, ImportRequest request, long importedFileId, DateTimeOffset now, ImportResult result, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var atenaNumbers = batch.Select(row => row.AtenaNumber).Distinct(StringComparer.Ordinal).ToList();
        var persons = await db.Persons.Where(p => atenaNumbers.Contains(p.AtenaNumber)).ToDictionaryAsync(p => p.AtenaNumber, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var personIds = persons.Values.Select(p => p.Id).ToList();
        var currentRows = (await db.PersonRecords.Where(r => personIds.Contains(r.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(r => r.PersonId);
        var recipientsByPerson = (await db.Recipients.AsNoTracking().Where(r => personIds.Contains(r.PersonId)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(r => r.PersonId);
        var pendingRows = new Dictionary<long, List<PersonRecord>>();
        var changes = new List<(ResidentChange Change, PersonRecord? Before, PersonRecord After)>();

        // New persons of the batch are inserted together to get their keys.
        var newPersons = atenaNumbers.Where(atena => !persons.ContainsKey(atena))
            .Select(atena => new Person { AtenaNumber = atena, CreatedAt = now, Version = 1 })
            .ToList();
        db.Persons.AddRange(newPersons);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var isNew = newPersons.Select(p => p.Id).ToHashSet();
        foreach (var person in newPersons)
        {
            persons[person.AtenaNumber] = person;
        }

        foreach (var row in batch)
        {
            var effective = row.EffectiveDate ?? request.ImportDate;
            var person = persons[row.AtenaNumber];
            if (isNew.Remove(person.Id))
            {
                var first = row.ToRecord(person.Id);
                History.PlanStart(first, effective, now, request.Actor).ApplyTo(db, now);
                pendingRows[person.Id] = [first];
                result.Inserted++;
                await RaiseCandidatesAsync(row, person, null, recipientsByPerson, importedFileId, now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var current = pendingRows.TryGetValue(person.Id, out var pending) ? pending : currentRows[person.Id].ToList();
            var before = current.FirstOrDefault(r => r.ValidFrom <= effective && (r.ValidTo is null || r.ValidTo > effective))
                ?? current.OrderBy(r => r.ValidFrom).FirstOrDefault();
            var incoming = row.ToRecord(person.Id);
            if (before is not null && SameContent(before, incoming))
            {
                result.Unchanged++;
                continue;
            }

            HistoryEdit<PersonRecord> edit;
            if (current.Count == 0)
            {
                edit = History.PlanStart(incoming, effective, now, request.Actor);
            }
            else if (row.EventReason == ResidentVocabulary.Correction)
            {
                // 職権修正: what the registry said was wrong from that day on.
                edit = History.PlanCorrection(current, record => CopyContent(incoming, record), now, request.Actor,
                    record => record.ValidTo is null || record.ValidTo > effective);
            }
            else
            {
                edit = History.PlanChange(current, effective, record => CopyContent(incoming, record), now, request.Actor);
            }

            edit.ApplyTo(db, now);
            if (recipientsByPerson[person.Id].Any())
            {
                // A recipient's 住基異動: kept for the 住基異動 screen as old → new rows of the history.
                var after = edit.Added.FirstOrDefault(r => r.ValidFrom <= effective && (r.ValidTo is null || r.ValidTo > effective)) ?? edit.Added[^1];
                changes.Add((new ResidentChange
                {
                    ImportedFileId = importedFileId,
                    PersonId = person.Id,
                    EventReason = row.EventReason,
                    EventDate = row.EventDate,
                    EffectiveDate = effective,
                }, before, after));
            }

            pendingRows[person.Id] = current.Except(edit.Superseded).Concat(edit.Added).ToList();
            db.Touch(person);
            result.Updated++;
            await RaiseCandidatesAsync(row, person, before, recipientsByPerson, importedFileId, now, cancellationToken).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (changes.Count > 0)
        {
            // The rows' keys are known once saved.
            foreach (var (change, before, after) in changes)
            {
                change.BeforeRecordId = before?.Id;
                change.AfterRecordId = after.Id;
                db.ResidentChanges.Add(change);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// 転出, 死亡 and 婚姻 of a recipient, and a new 妻（未届）/夫（未届） in a recipient's 住基 household,
    /// raise 資格喪失候補 (interfaces.md §1); nothing is lost automatically.
    /// </summary>
    private async Task RaiseCandidatesAsync(
        ResidentRow row, Person person, PersonRecord? before, ILookup<long, Recipient> recipientsByPerson, long importedFileId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.EventReason is { } reason && ResidentVocabulary.LossEvents.Contains(reason))
        {
            foreach (var recipient in recipientsByPerson[person.Id])
            {
                db.LossCandidates.Add(NewCandidate(recipient.Id, person.Id, reason, row.EventDate, importedFileId, now));
            }
        }

        var relationship = row.RegistryRelationship;
        var becamePartner = relationship is not null
            && ResidentVocabulary.CommonLawPartner.Contains(relationship)
            && !string.Equals(before?.RegistryRelationship, relationship, StringComparison.Ordinal);
        if (becamePartner && row.HouseholdNumber is { } household)
        {
            var today = row.EffectiveDate ?? JstClock.Today(clock);
            var recipientsInHousehold = await (
                from record in db.PersonRecords.AsOf(today)
                where record.HouseholdNumber == household && record.PersonId != person.Id
                join recipient in db.Recipients on record.PersonId equals recipient.PersonId
                where recipient.Kind == RecipientKind.Parent || recipient.Kind == RecipientKind.Carer
                select recipient.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var recipientId in recipientsInHousehold.Distinct())
            {
                db.LossCandidates.Add(NewCandidate(recipientId, person.Id, relationship!, row.EventDate, importedFileId, now));
            }
        }
    }

    private static LossCandidate NewCandidate(long recipientId, long personId, string cause, DateOnly? eventDate, long importedFileId, DateTimeOffset now) => new()
    {
        RecipientId = recipientId,
        PersonId = personId,
        Cause = cause,
        EventDate = eventDate,
        ImportedFileId = importedFileId,
        RaisedAt = now,
        Status = LossCandidateStatus.Open,
    };

    private static bool SameContent(PersonRecord a, PersonRecord b) =>
        a.Name == b.Name && a.NameKana == b.NameKana && a.BirthDate == b.BirthDate && a.Sex == b.Sex
        && a.ResidencyStatus == b.ResidencyStatus && a.PostalCode == b.PostalCode && a.Address == b.Address
        && a.HouseholdNumber == b.HouseholdNumber && a.RegistryRelationship == b.RegistryRelationship;

    private static void CopyContent(PersonRecord from, PersonRecord to)
    {
        to.Name = from.Name;
        to.NameKana = from.NameKana;
        to.NameKanaKey = from.NameKanaKey;
        to.BirthDate = from.BirthDate;
        to.Sex = from.Sex;
        to.ResidencyStatus = from.ResidencyStatus;
        to.PostalCode = from.PostalCode;
        to.Address = from.Address;
        to.HouseholdNumber = from.HouseholdNumber;
        to.RegistryRelationship = from.RegistryRelationship;
    }
}

/// <summary>One valid row of the residents file.</summary>
internal sealed record ResidentRow(
    long Line,
    string AtenaNumber,
    string? HouseholdNumber,
    string Name,
    string NameKana,
    DateOnly BirthDate,
    Sex Sex,
    string? RegistryRelationship,
    string? PostalCode,
    string Address,
    ResidencyStatus ResidencyStatus,
    string? EventReason,
    DateOnly? EventDate,
    DateOnly? NotifiedOn)
{
    /// <summary>A row's values take effect from 異動日, else 届出日, else the import date.</summary>
    public DateOnly? EffectiveDate => EventDate ?? NotifiedOn;

    public static ResidentRow? Read(ImportRecord record, ImportResult result)
    {
        if (record.Problems.Count > 0)
        {
            result.AddRange(record.Problems);
            return null;
        }

        var problems = new List<ImportProblem>();
        var atena = FieldParsers.Digits(record, "宛名番号", 1, 20, problems);
        var residency = FieldParsers.Choice(record, "住民区分", ResidentVocabulary.ResidencyCodes, problems, true);
        var registered = residency == "1";
        var household = FieldParsers.Digits(record, "世帯番号", 1, 20, problems, registered);
        var name = record.Raw("氏名")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            problems.Add(new ImportProblem(record.Line, "氏名", string.Empty, "必須の値がありません"));
        }

        var kanaValue = FieldParsers.RequiredText(record, "氏名カナ", problems);
        string? kana = null;
        if (kanaValue is not null)
        {
            kana = KanaNormalizer.ToCanonicalName(kanaValue);
            if (!KanaNormalizer.IsKatakanaName(kana))
            {
                problems.Add(new ImportProblem(record.Line, "氏名カナ", kanaValue, "カタカナで指定してください"));
            }
        }

        var birth = FieldParsers.Date(record, "生年月日", problems, true);
        var sex = FieldParsers.Choice(record, "性別", ResidentVocabulary.SexCodes, problems, true);
        var relationship = FieldParsers.Choice(record, "続柄", ResidentVocabulary.Relationships, problems, registered);
        var postal = PostalCodeOf(record, problems);
        var address = FieldParsers.RequiredText(record, "住所", problems);
        var reason = FieldParsers.Choice(record, "異動事由", ResidentVocabulary.EventReasons, problems, false);
        var eventDate = FieldParsers.Date(record, "異動日", problems, false);
        var notified = FieldParsers.Date(record, "届出日", problems, false);
        result.AddRange(problems);
        if (problems.Any(problem => problem.Severity == ImportSeverity.Error))
        {
            return null;
        }

        return new ResidentRow(
            record.Line,
            atena!,
            string.IsNullOrEmpty(household) ? null : household,
            name!,
            kana!,
            birth!.Value,
            (Sex)int.Parse(sex!, CultureInfo.InvariantCulture),
            relationship,
            postal,
            record.Raw("住所")!.Trim(),
            registered ? ResidencyStatus.Registered : ResidencyStatus.Unregistered,
            reason,
            eventDate,
            notified);
    }

    public PersonRecord ToRecord(long personId) => new()
    {
        PersonId = personId,
        Name = Name,
        NameKana = NameKana,
        NameKanaKey = KanaNormalizer.ToSearchKey(NameKana),
        BirthDate = BirthDate,
        Sex = Sex,
        ResidencyStatus = ResidencyStatus,
        PostalCode = PostalCode,
        Address = Address,
        HouseholdNumber = HouseholdNumber,
        RegistryRelationship = RegistryRelationship,
    };

    /// <summary>郵便番号: 7 digits with or without a hyphen (whether the masters know it is checked apart).</summary>
    private static string? PostalCodeOf(ImportRecord record, List<ImportProblem> problems)
    {
        var value = record["郵便番号"];
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var digits = value.Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 7 || !digits.All(char.IsAsciiDigit))
        {
            problems.Add(new ImportProblem(record.Line, "郵便番号", value, "郵便番号は7桁の数字（ハイフンは任意）で指定してください"));
            return null;
        }

        return digits;
    }
}

/// <summary>
/// Checks 郵便番号 against the postal masters (KEN_ALL and the 大口事業所 list), once per distinct
/// code: an unknown or abolished code is a warning, never an error (interfaces.md §1).
/// </summary>
internal sealed class PostalCodeCache
{
    private readonly PostalDirectory directory;
    private readonly Dictionary<string, PostalCodeCheck> seen = new(StringComparer.Ordinal);

    private PostalCodeCache(PostalDirectory directory, bool masterLoaded)
    {
        this.directory = directory;
        MasterLoaded = masterLoaded;
    }

    /// <summary>Whether the postal master holds any row; when it does not, nothing is checked.</summary>
    public bool MasterLoaded { get; }

    public static async Task<PostalCodeCache> CreateAsync(FukushiDbContext db, CancellationToken cancellationToken) =>
        new(new PostalDirectory(db), await db.PostalAddresses.AnyAsync(cancellationToken).ConfigureAwait(false));

    public async Task CheckAsync(ResidentRow row, ImportResult result, CancellationToken cancellationToken)
    {
        if (!MasterLoaded || row.PostalCode is not { } code)
        {
            return;
        }

        if (!seen.TryGetValue(code, out var check))
        {
            check = await directory.CheckAsync(code, cancellationToken).ConfigureAwait(false);
            seen[code] = check;
        }

        if (!check.IsKnown)
        {
            result.Add(new ImportProblem(row.Line, "郵便番号", code, check.Message + "（取り込みます）", ImportSeverity.Warning));
        }
    }
}
