using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Import;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Eligibility;

/// <summary>
/// <c>fukushi import recipients</c> (interfaces.md §4): migration of the previous system's 受給者台帳.
/// Rows are upserts keyed by 受給者番号; 給付区分, 公費負担者番号 and 県市区分 are taken as given.
/// A re-import of a recipient corrects what was recorded (the previous system is the source).
/// Read twice, streaming: pass 1 checks every row, pass 2 writes in one transaction.
/// </summary>
public sealed class RecipientsImport(FukushiDbContext db, TimeProvider clock)
{
    public const string Kind = "recipients";
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

        var knownAtena = (await db.Persons.AsNoTracking().Select(p => p.AtenaNumber).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var knownRecipients = (await db.Recipients.AsNoTracking().Select(r => r.RecipientNumber).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        var parentReferences = new List<(long Line, string Parent)>();
        var branches = await BranchCache.CreateAsync(db, cancellationToken).ConfigureAwait(false);
        foreach (var record in file.Records())
        {
            result.RowsRead++;
            var row = RecipientRow.Read(record, result, knownAtena);
            if (row is null)
            {
                continue;
            }

            await branches.CheckAsync(row, result, cancellationToken).ConfigureAwait(false);

            if (!inFile.Add(row.RecipientNumber))
            {
                result.Add(new ImportProblem(row.Line, "受給者番号", row.RecipientNumber, "同じ受給者番号がファイル内に2回あります"));
            }

            if (row.ParentRecipientNumber is { } parent)
            {
                parentReferences.Add((row.Line, parent));
            }
        }

        foreach (var (line, parent) in parentReferences.Where(reference => !inFile.Contains(reference.Parent) && !knownRecipients.Contains(reference.Parent)))
        {
            result.Add(new ImportProblem(line, "親受給者番号", parent, "この受給者番号の受給者がファイルにも台帳にもありません"));
        }

        if (!branches.MasterLoaded)
        {
            result.Notes.Add("金融機関マスタが未登録のため、金融機関・支店の照合は行っていません（fukushi masters update banks で登録できます）。");
        }

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

        var now = AppClock.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var importedFile = await opening.RegisterAsync(db, Kind, request.Actor, now, cancellationToken).ConfigureAwait(false);

        var payers = new MigratedPayers(db, now, request.Actor);
        await payers.LoadAsync(cancellationToken).ConfigureAwait(false);
        var batch = new List<RecipientRow>(BatchSize);
        var silent = new ImportResult();
        foreach (var record in file.Records())
        {
            batch.Add(RecipientRow.Read(record, silent, knownAtena)!);
            if (batch.Count == BatchSize)
            {
                await WriteBatchAsync(batch, payers, branches, request.Actor, now, result, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        await WriteBatchAsync(batch, payers, branches, request.Actor, now, result, cancellationToken).ConfigureAwait(false);
        await LinkChildrenAsync(file, knownAtena, request.Actor, now, cancellationToken).ConfigureAwait(false);
        if (payers.Added.Count > 0)
        {
            result.Notes.Add("公費負担者マスタに「移行」として追加した番号: " + string.Join(",", payers.Added) + "（システム管理で内容を補完してください）");
        }

        opening.Complete(db, importedFile);
        db.AddAudit(new AuditEntry(request.Actor, AuditEventType.RecipientsImported, "import", importedFile.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["file"] = result.FileName,
            ["sha256"] = file.Sha256,
            ["rowsRead"] = result.RowsRead,
            ["inserted"] = result.Inserted,
            ["updated"] = result.Updated,
            ["warnings"] = result.WarningCount,
            ["payersAdded"] = string.Join(",", payers.Added),
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        result.Status = ImportStatus.Imported;
        return result;
    }

    private async Task WriteBatchAsync(List<RecipientRow> batch, MigratedPayers payers, BranchCache branches, string actor, DateTimeOffset now, ImportResult result, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var atena = batch.Select(row => row.AtenaNumber).Distinct(StringComparer.Ordinal).ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => atena.Contains(p.AtenaNumber)).ToDictionaryAsync(p => p.AtenaNumber, p => p.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var numbers = batch.Select(row => row.RecipientNumber).ToList();
        var recipients = await db.Recipients.Where(r => numbers.Contains(r.RecipientNumber)).ToDictionaryAsync(r => r.RecipientNumber, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);

        var fresh = new List<(RecipientRow Row, Recipient Recipient)>();
        var pendingHouseholds = new Dictionary<Recipient, (RecipientRow Row, WelfareHousehold Household)>();
        foreach (var row in batch.Where(row => !recipients.ContainsKey(row.RecipientNumber)))
        {
            var household = new WelfareHousehold { CreatedAt = now, Version = 1 };
            var recipient = new Recipient { RecipientNumber = row.RecipientNumber, PersonId = persons[row.AtenaNumber], Kind = row.Kind, CreatedAt = now, Version = 1 };
            if (row.ParentRecipientNumber is null)
            {
                db.Households.Add(household);
            }

            db.Recipients.Add(recipient);
            fresh.Add((row, recipient));
            recipients[row.RecipientNumber] = recipient;
            if (row.ParentRecipientNumber is null)
            {
                // Keep the household with its recipient until the keys are known.
                pendingHouseholds[recipient] = (row, household);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (recipient, (row, household)) in pendingHouseholds)
        {
            recipient.HouseholdId = household.Id;
            History.PlanStart(new HouseholdMember
            {
                HouseholdId = household.Id,
                PersonId = recipient.PersonId,
                RelationshipToRecipient = "本人",
            }, Initial(row), now, actor).ApplyTo(db, now);
        }

        var isFresh = fresh.Select(f => f.Recipient.Id).ToHashSet();
        var recipientIds = recipients.Values.Select(r => r.Id).ToList();
        var personIds = persons.Values.ToList();
        var eligibility = (await db.EligibilityRecords.Where(e => recipientIds.Contains(e.RecipientId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(e => e.RecipientId);
        var insurance = (await db.Insurances.Where(e => personIds.Contains(e.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(e => e.PersonId);
        var accounts = (await db.BankAccounts.Where(e => personIds.Contains(e.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(e => e.PersonId);
        var contacts = (await db.Contacts.Where(e => personIds.Contains(e.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(e => e.PersonId);

        foreach (var row in batch)
        {
            var recipient = recipients[row.RecipientNumber];
            var personId = recipient.PersonId;
            payers.Ensure(row);
            var from = Initial(row);
            Record(eligibility[recipient.Id].ToList(), row.ToEligibility(recipient.Id), from, now, actor);
            Record(insurance[personId].ToList(), row.ToInsurance(personId), from, now, actor);
            if (row.ToBankAccount(personId) is { } account)
            {
                if (branches.Names(account.BankCode, account.BranchCode) is { } names)
                {
                    (account.BankName, account.BranchName) = names;
                }

                Record(accounts[personId].ToList(), account, from, now, actor);
            }

            if (row.PhoneNumber is { } phone)
            {
                Record(contacts[personId].ToList(), new Contact { PersonId = personId, PhoneNumber = phone }, from, now, actor);
            }

            if (isFresh.Contains(recipient.Id))
            {
                result.Inserted++;
            }
            else
            {
                db.Touch(recipient);
                result.Updated++;
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>Links each child to its parent or carer (who may stand later in the file) and puts it in their household.</summary>
    private async Task LinkChildrenAsync(ImportFile file, HashSet<string> knownAtena, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var silent = new ImportResult();
        var links = new List<RecipientRow>(BatchSize);
        foreach (var record in file.Records())
        {
            var row = RecipientRow.Read(record, silent, knownAtena)!;
            if (row.ParentRecipientNumber is not null)
            {
                links.Add(row);
            }

            if (links.Count == BatchSize)
            {
                await LinkAsync(links, actor, now, cancellationToken).ConfigureAwait(false);
                links.Clear();
            }
        }

        await LinkAsync(links, actor, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task LinkAsync(List<RecipientRow> rows, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var numbers = rows.SelectMany(row => new[] { row.RecipientNumber, row.ParentRecipientNumber! }).Distinct(StringComparer.Ordinal).ToList();
        var recipients = await db.Recipients.Where(r => numbers.Contains(r.RecipientNumber)).ToDictionaryAsync(r => r.RecipientNumber, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var child = recipients[row.RecipientNumber];
            var parent = recipients[row.ParentRecipientNumber!];
            if (child.ParentRecipientId == parent.Id && child.HouseholdId == parent.HouseholdId)
            {
                continue;
            }

            child.ParentRecipientId = parent.Id;
            if (child.HouseholdId != parent.HouseholdId && parent.HouseholdId is { } household)
            {
                child.HouseholdId = household;
                History.PlanStart(new HouseholdMember
                {
                    HouseholdId = household,
                    PersonId = child.PersonId,
                    RelationshipToRecipient = "子",
                }, Initial(row), now, actor).ApplyTo(db, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    private static DateOnly Initial(RecipientRow row) => row.AcquiredOn;

    /// <summary>Starts the item's history, or corrects it when the content differs (a re-import).</summary>
    private void Record<T>(List<T> current, T incoming, DateOnly from, DateTimeOffset now, string actor)
        where T : HistoryRow
    {
        if (current.Count == 0)
        {
            History.PlanStart(incoming, from, now, actor).ApplyTo(db, now);
            return;
        }

        History.PlanCorrection(current, row => RecipientRow.CopyData(incoming, row), now, actor).ApplyTo(db, now);
    }
}

/// <summary>公費負担者番号 the previous system used that the master does not hold: added, marked 移行.</summary>
internal sealed class MigratedPayers(FukushiDbContext db, DateTimeOffset now, string actor)
{
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    public List<string> Added { get; } = [];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var number in await db.PublicPayers.AsNoTracking().Select(p => p.PayerNumber).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            known.Add(number);
        }
    }

    public void Ensure(RecipientRow row)
    {
        if (!known.Add(row.PayerNumber))
        {
            return;
        }

        db.PublicPayers.Add(new PublicPayer
        {
            Program = PublicPayer.SingleParentProgram,
            PayerNumber = row.PayerNumber,
            BenefitMethod = row.BenefitMethod,
            IsMigrated = true,
            ValidFrom = new DateOnly(1973, 4, 1),
            CreatedAt = now,
            CreatedBy = actor,
            Note = "移行: 旧システムの受給者台帳から追加。対象年齢区分と有効期間を補完すること",
            Version = 1,
        });
        Added.Add(row.PayerNumber);
    }
}

/// <summary>
/// Checks each distinct bank + branch against the bank master once: a branch that is not current
/// (closed, unknown) is imported and flagged for staff (interfaces.md §4); the names of current
/// ones fill the account.
/// </summary>
internal sealed class BranchCache
{
    private readonly BankDirectory directory;
    private readonly Dictionary<(string Bank, string Branch), BranchCheck> seen = [];

    private BranchCache(BankDirectory directory, bool masterLoaded)
    {
        this.directory = directory;
        MasterLoaded = masterLoaded;
    }

    public bool MasterLoaded { get; }

    public static async Task<BranchCache> CreateAsync(FukushiDbContext db, CancellationToken cancellationToken) =>
        new(new BankDirectory(db), await db.BankBranches.AnyAsync(cancellationToken).ConfigureAwait(false));

    public async Task CheckAsync(RecipientRow row, ImportResult result, CancellationToken cancellationToken)
    {
        if (!MasterLoaded || row.BankCode is not { } bank || row.BranchCode is not { } branch)
        {
            return;
        }

        if (!seen.TryGetValue((bank, branch), out var check))
        {
            check = await directory.CheckAsync(bank, branch, cancellationToken).ConfigureAwait(false);
            seen[(bank, branch)] = check;
        }

        if (!check.IsCurrent)
        {
            result.Add(new ImportProblem(row.Line, "支店コード", $"{bank}-{branch}", check.Message + "（取り込み、職員の確認が必要です）", ImportSeverity.Warning));
        }
    }

    /// <summary>The kanji names of a current bank and branch seen in pass 1.</summary>
    public (string Bank, string Branch)? Names(string bank, string branch) =>
        seen.TryGetValue((bank, branch), out var check) && check.IsCurrent && check.BankName is not null && check.BranchName is not null
            ? (check.BankName, check.BranchName)
            : null;
}
