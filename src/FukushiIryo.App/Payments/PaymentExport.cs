using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Exports;
using FukushiIryo.App.Review;
using FukushiIryo.App.Settings;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>The city as 振込依頼人 and 仕向 account (settings <c>payment.*</c>).</summary>
public sealed record PaymentRequester(
    string Code, string Name, string BankCode, string BankName, string BranchCode, string BranchName, AccountType AccountType, string AccountNumber);

/// <summary>
/// What an export writes, read from the approved run as stored (never computed again): the payees in the
/// transfer file (not held out, amount above 0) with their lines, and the held-out payees.
/// </summary>
public sealed record PaymentExportContent(
    YearMonth Month,
    DateOnly PayDate,
    PaymentRequester Requester,
    string AccountTitle,
    IReadOnlyList<PaymentPayee> Payees,
    IReadOnlyList<PaymentLine> Lines,
    IReadOnlyList<PaymentPayee> HeldOut,
    DateOnly NoticeDate,
    IReadOnlyDictionary<long, Addressee> Addressees,
    IReadOnlyDictionary<long, string?> ProviderNames,
    IReadOnlyDictionary<(string Bank, string Branch), (string BankName, string BranchName)> BankNames,
    IReadOnlyDictionary<long, string> RecipientNumbers,
    IReadOnlyDictionary<long, int?> DaysOfCare,
    bool Newlines,
    bool Cp932)
{
    /// <summary>The characters the CP932 writers replaced (ADR 0038); empty for UTF-8.</summary>
    public Cp932ReplacementLog Cp932Replacements { get; } = new();
}

/// <summary>The file writers of an export (Formats/Payments and App/Documents); each must be deterministic.</summary>
public interface IPaymentFileWriters
{
    /// <summary>zengin-YYYYMM.txt: 全銀 総合振込 bytes.</summary>
    byte[] Zengin(PaymentExportContent content);

    /// <summary>accounting-YYYYMM.csv: 支出命令データ.</summary>
    byte[] Accounting(PaymentExportContent content);

    /// <summary>detail-YYYYMM.csv: one line per paid claim with every step.</summary>
    byte[] Detail(PaymentExportContent content);

    /// <summary>notices-YYYYMM.pdf: 支給決定通知書, one page (or more) per payee, written into <paramref name="output"/> (nothing when no payee is paid).</summary>
    Task NoticesAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken);
}

/// <summary>One file written by an export.</summary>
public sealed record PaymentExportFile(string Name, long Bytes, string Sha256);

/// <summary>What an export wrote.</summary>
public sealed record PaymentExportResult(YearMonth Month, string Directory, IReadOnlyList<PaymentExportFile> Files, int Payees, long Total, IReadOnlyList<PaymentPayee> HeldOut)
{
    /// <summary>One line per character a CP932 file could not hold and what was written instead (ADR 0038).</summary>
    public IReadOnlyList<string> Cp932Replacements { get; init; } = [];
}

/// <summary>
/// <c>payments export</c> (interfaces.md §6): writes the approved run's files into a folder. The
/// zengin, accounting and detail files (and the held-out report) are byte-identical on every export; when
/// one of them already exists with different content nothing is written. Each file is written to a
/// temporary name and renamed, so none is ever half-written. The notices and the manifest are rewritten.
/// </summary>
public sealed class PaymentExport(FukushiDbContext db, TimeProvider clock, SystemSettings settings, IPaymentFileWriters writers)
{
    private static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ZenginName(YearMonth month) => $"zengin-{Key(month)}.txt";

    public static string AccountingName(YearMonth month) => $"accounting-{Key(month)}.csv";

    public static string DetailName(YearMonth month) => $"detail-{Key(month)}.csv";

    public static string NoticesName(YearMonth month) => $"notices-{Key(month)}.pdf";

    public static string HeldOutName(YearMonth month) => $"heldout-{Key(month)}.csv";

    public const string ManifestName = "manifest.json";

    /// <exception cref="PaymentRunRefusedException">Not approved; settings missing; a file exists with different content.</exception>
    public async Task<PaymentExportResult> ExportAsync(
        YearMonth month, string directory, bool newlines, bool cp932, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var runs = new PaymentRuns(db, clock);
        var run = await runs.FindAsync(month, cancellationToken).ConfigureAwait(false)
            ?? throw new PaymentRunRefusedException($"処理年月 {month} の支払は準備されていません。");
        if (run.Status == PaymentRunStatus.Prepared)
        {
            throw new PaymentRunRefusedException($"処理年月 {month} の支払はまだ承認されていません。承認（payments approve）の後に出力できます。");
        }

        var content = await ContentAsync(run, month, newlines, cp932, cancellationToken).ConfigureAwait(false);
        List<(string Name, byte[] Bytes)> stable;
        try
        {
            stable =
            [
                (ZenginName(month), writers.Zengin(content)),
                (AccountingName(month), writers.Accounting(content)),
                (DetailName(month), writers.Detail(content)),
                (HeldOutName(month), HeldOutReport(content)),
            ];
        }
        catch (ZenginRecordException exception)
        {
            // The payees were checked at preparation; what is left is the 依頼人 settings.
            throw new PaymentRunRefusedException("全銀ファイルを書けません（何も出力していません）: " + string.Join(" ", exception.Problems.Select(p => p.Reason)));
        }
        Directory.CreateDirectory(directory);
        var differing = stable.Where(file => File.Exists(Path.Combine(directory, file.Name))
            && !File.ReadAllBytes(Path.Combine(directory, file.Name)).AsSpan().SequenceEqual(file.Bytes)).Select(file => file.Name).ToList();
        if (differing.Count > 0)
        {
            throw new PaymentRunRefusedException($"出力先に内容の異なるファイルがあります: {string.Join(", ", differing)}。別の出力先を指定するか、ファイルを確認してください。");
        }

        // The notices (nearly all of the work, and of any size) stream into a temporary file first; the other
        // files are written only once they are complete, and the notices renamed in last (ADR 0041).
        await using var notices = AtomicFileWriter.Create(Path.Combine(directory, NoticesName(month)));
        await writers.NoticesAsync(content, notices.Stream, cancellationToken).ConfigureAwait(false);
        foreach (var (name, bytes) in stable)
        {
            await AtomicFile.WriteAllBytesAsync(Path.Combine(directory, name), bytes, cancellationToken).ConfigureAwait(false);
        }

        await notices.CommitAsync(cancellationToken).ConfigureAwait(false);
        var files = stable.Select(f => new PaymentExportFile(f.Name, f.Bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(f.Bytes))))
            .Append(new PaymentExportFile(NoticesName(month), notices.Length, notices.Sha256)).ToList();
        var now = AppClock.Now(clock);
        var manifestFields = new Dictionary<string, object?>
        {
            ["処理年月"] = month.ToString(),
            ["振込指定日"] = run.PayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["exportedBy"] = actor,
            ["exportedAt"] = now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ["approvedBy"] = run.ApprovedBy,
            ["payees"] = content.Payees.Count,
            ["total"] = content.Payees.Sum(p => p.Amount),
            ["heldOutPayees"] = content.HeldOut.Count,
            ["files"] = files.Select(f => new Dictionary<string, object> { ["name"] = f.Name, ["bytes"] = f.Bytes, ["sha256"] = f.Sha256 }).ToList(),
        };
        if (content.Cp932Replacements.Entries.Count > 0)
        {
            // The report of the replaced characters travels with the files (ADR 0038).
            manifestFields["cp932Replacements"] = content.Cp932Replacements.ReportLines();
        }

        var manifest = JsonSerializer.SerializeToUtf8Bytes(manifestFields, ManifestJson);

        await AtomicFile.WriteAllBytesAsync(Path.Combine(directory, ManifestName), manifest, cancellationToken).ConfigureAwait(false);

        db.ChangeTracker.Clear();
        var tracked = await db.PaymentRuns.SingleAsync(r => r.Id == run.Id, cancellationToken).ConfigureAwait(false);
        tracked.Status = PaymentRunStatus.Exported;
        tracked.ExportedBy = actor;
        tracked.ExportedAt = now;
        db.AddAudit(new AuditEntry(actor, AuditEventType.PaymentRunExported, "payment-run", month.ToString(), new Dictionary<string, object?>
        {
            ["month"] = month.ToString(),
            ["payees"] = content.Payees.Count,
            ["total"] = content.Payees.Sum(p => p.Amount),
            ["heldOutPayees"] = content.HeldOut.Count,
            ["files"] = string.Join(",", files.Select(f => $"{f.Name}:{f.Sha256}")),
        }.WithCp932Replacements(content.Cp932Replacements)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return new PaymentExportResult(month, directory, files, content.Payees.Count, content.Payees.Sum(p => p.Amount), content.HeldOut)
        {
            Cp932Replacements = content.Cp932Replacements.ReportLines(),
        };
    }

    /// <summary>
    /// The same export as <see cref="ExportAsync"/> (audited, the run marked exported) into a fresh
    /// temporary folder, returned as one ZIP for a download: a temporary file, read from its start and
    /// deleted when the stream is closed, so that the archive is never held in memory (ADR 0041). The
    /// folder is removed before returning.
    /// </summary>
    public async Task<Stream> ExportArchiveAsync(YearMonth month, bool newlines, bool cp932, string actor, CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateTempSubdirectory("fukushi-payments-").FullName;
        try
        {
            await ExportAsync(month, folder, newlines, cp932, actor, cancellationToken).ConfigureAwait(false);
            // Owner-only from its creation: the archive holds names and accounts, and the temporary folder is shared.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.DeleteOnClose };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var archive = new FileStream(Path.Combine(Path.GetTempPath(), $"fukushi-payments-{Guid.NewGuid():N}.zip"), options);
            try
            {
                await System.IO.Compression.ZipFile.CreateFromDirectoryAsync(folder, archive, System.IO.Compression.CompressionLevel.Optimal, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
                archive.Position = 0;
                return archive;
            }
            catch
            {
                await archive.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The export's content from the stored run.</summary>
    public async Task<PaymentExportContent> ContentAsync(PaymentRun run, YearMonth month, bool newlines, bool cp932, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var requester = await RequesterAsync(cancellationToken).ConfigureAwait(false);
        var title = await settings.GetAsync(SystemSettings.PaymentAccountTitle, cancellationToken).ConfigureAwait(false);
        var runs = new PaymentRuns(db, clock);
        var payees = await runs.PayeesAsync(run, cancellationToken).ConfigureAwait(false);
        var paid = payees.Where(p => !p.HeldOut && p.Amount > 0).ToList();
        var paidIds = paid.Select(p => p.PayeeRecipientId).ToHashSet();
        var lines = (await runs.LinesAsync(run, cancellationToken).ConfigureAwait(false)).Where(l => paidIds.Contains(l.PayeeRecipientId)).ToList();
        var addressees = await AddresseesAsync(paid.Select(p => p.PayeeRecipientId).Concat(lines.Select(l => l.RecipientId)).Distinct().ToList(), run.PayDate, cancellationToken).ConfigureAwait(false);
        var recipientIds = lines.Select(l => l.RecipientId).Distinct().ToList();
        var claimIds = lines.Select(l => l.MedicalClaimId).ToList();
        var numbers = new Dictionary<long, string>();
        var days = new Dictionary<long, int?>();
        var providers = new Dictionary<long, string?>();
        foreach (var chunk in recipientIds.Chunk(10_000))
        {
            foreach (var row in await db.Recipients.AsNoTracking().Where(r => chunk.Contains(r.Id)).Select(r => new { r.Id, r.RecipientNumber }).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                numbers[row.Id] = row.RecipientNumber;
            }
        }

        foreach (var chunk in claimIds.Chunk(10_000))
        {
            foreach (var row in await db.MedicalClaims.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.DaysOfCare, c.ProviderName }).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                days[row.Id] = row.DaysOfCare;
                providers[row.Id] = row.ProviderName;
            }
        }

        var bankCodes = paid.Select(p => p.BankCode!).Distinct().ToList();
        var bankNames = (await db.Banks.AsNoTracking().Where(b => bankCodes.Contains(b.BankCode) && b.RemovedInEdition == null).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(b => b.BankCode).ToDictionary(g => g.Key, g => g.First().Name);
        var branchNames = (await db.BankBranches.AsNoTracking().Where(b => bankCodes.Contains(b.BankCode) && b.RemovedInEdition == null).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(b => (b.BankCode, b.BranchCode)).ToDictionary(g => g.Key, g => g.First().Name);
        var names = paid.Select(p => (p.BankCode!, p.BranchCode!)).Distinct()
            .ToDictionary(k => k, k => (bankNames.GetValueOrDefault(k.Item1, k.Item1), branchNames.GetValueOrDefault(k, k.Item2)));
        var noticeDate = DateOnly.FromDateTime(JstClock.ToJst(run.ApprovedAt ?? run.PreparedAt).DateTime);
        return new PaymentExportContent(month, run.PayDate, requester, title, paid, lines, payees.Where(p => p.HeldOut).ToList(),
            noticeDate, addressees, providers, names, numbers, days, newlines, cp932);
    }

    /// <summary>The 依頼人 settings; refused when one that the bank needs was never set.</summary>
    public async Task<PaymentRequester> RequesterAsync(CancellationToken cancellationToken = default)
    {
        async Task<string> Required(string key)
        {
            var value = await settings.GetAsync(key, cancellationToken).ConfigureAwait(false);
            return value.Length > 0 ? value : throw new PaymentRunRefusedException($"システム設定 {key} が設定されていません（fukushi settings set {key} 値）。");
        }

        return new PaymentRequester(
            await Required(SystemSettings.PaymentRequesterCode).ConfigureAwait(false),
            await Required(SystemSettings.PaymentRequesterName).ConfigureAwait(false),
            await Required(SystemSettings.PaymentBankCode).ConfigureAwait(false),
            await settings.GetAsync(SystemSettings.PaymentBankName, cancellationToken).ConfigureAwait(false),
            await Required(SystemSettings.PaymentBranchCode).ConfigureAwait(false),
            await settings.GetAsync(SystemSettings.PaymentBranchName, cancellationToken).ConfigureAwait(false),
            (AccountType)int.Parse(await Required(SystemSettings.PaymentAccountType).ConfigureAwait(false), CultureInfo.InvariantCulture),
            await Required(SystemSettings.PaymentAccountNumber).ConfigureAwait(false));
    }

    /// <summary>The held-out report: 受給者番号, 宛名番号, 件数, 金額, 理由 (UTF-8 with BOM, or CP932).</summary>
    public static byte[] HeldOutReport(PaymentExportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder("受給者番号,宛名番号,件数,金額,理由\r\n");
        foreach (var payee in content.HeldOut.OrderBy(p => p.RecipientNumber, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{payee.RecipientNumber},{payee.AtenaNumber},{payee.ClaimCount},{payee.Amount},{Quote(payee.HeldOutReason ?? string.Empty)}\r\n");
        }

        if (!content.Cp932)
        {
            return [.. Utf8Bom.GetPreamble(), .. Utf8Bom.GetBytes(text.ToString())];
        }

        var encoded = Cp932Text.Encode(text.ToString());
        content.Cp932Replacements.Add(HeldOutName(content.Month), encoded.Replacements);
        return encoded.Bytes;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>The 氏名 and address in force on the pay date of each recipient (the latest known when none is).</summary>
    private async Task<Dictionary<long, Addressee>> AddresseesAsync(List<long> recipientIds, DateOnly date, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, Addressee>();
        foreach (var chunk in recipientIds.Chunk(10_000))
        {
            var rows = await db.Recipients.AsNoTracking().Where(r => chunk.Contains(r.Id))
                .Join(db.PersonRecords.AsNoTracking().Current(), r => r.PersonId, p => p.PersonId,
                    (r, p) => new { r.Id, p.Name, p.PostalCode, p.Address, p.ValidFrom, p.ValidTo })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var group in rows.GroupBy(r => r.Id))
            {
                var row = group.Where(r => r.ValidFrom <= date && (r.ValidTo is null || r.ValidTo > date)).MaxBy(r => r.ValidFrom)
                    ?? group.MaxBy(r => r.ValidFrom)!;
                found[group.Key] = new Addressee(row.Name, row.PostalCode, row.Address);
            }
        }

        return found;
    }

    private static string Key(YearMonth month) => ReviewRun.MonthKey(month).ToString("D6", CultureInfo.InvariantCulture);
}
