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

/// <summary>The pages of an export's paid payees in the files' order; <c>lines</c> false reads the payees alone.</summary>
public delegate IAsyncEnumerable<PaymentExportPage> PaymentExportPages(bool lines, CancellationToken cancellationToken);

/// <summary>
/// What an export writes, read from the approved run as stored (never computed again): the run's figures
/// and the held-out payees whole, the paid payees (not held out, amount above 0) with their lines page by
/// page (<see cref="Pages"/>, read again for each file), so that nothing held grows with the run (ADR 0041,
/// session 8).
/// </summary>
/// <param name="PayeeCount">Payees in the transfer file.</param>
/// <param name="Total">Their sum, yen.</param>
/// <param name="BankNames">金融機関名 and 支店名 of every account paid into, by code.</param>
public sealed record PaymentExportContent(
    YearMonth Month,
    DateOnly PayDate,
    PaymentRequester Requester,
    string AccountTitle,
    int PayeeCount,
    long Total,
    IReadOnlyList<PaymentPayee> HeldOut,
    DateOnly NoticeDate,
    IReadOnlyDictionary<(string Bank, string Branch), (string BankName, string BranchName)> BankNames,
    bool Newlines,
    bool Cp932,
    PaymentExportPages Pages)
{
    /// <summary>The characters the CP932 writers replaced (ADR 0038); empty for UTF-8.</summary>
    public Cp932ReplacementLog Cp932Replacements { get; } = new();
}

/// <summary>
/// The file writers of an export (Formats/Payments and App/Documents); each must be deterministic and
/// writes into its stream as it goes (a temporary file, thrown away if anything fails).
/// </summary>
public interface IPaymentFileWriters
{
    /// <summary>zengin-YYYYMM.txt: 全銀 総合振込.</summary>
    /// <exception cref="ZenginRecordException">A record cannot be written (after part of the file was).</exception>
    Task ZenginAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken);

    /// <summary>accounting-YYYYMM.csv: 支出命令データ.</summary>
    Task AccountingAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken);

    /// <summary>detail-YYYYMM.csv: one line per paid claim with every step.</summary>
    Task DetailAsync(PaymentExportContent content, Stream output, CancellationToken cancellationToken);

    /// <summary>notices-YYYYMM.pdf: 支給決定通知書, one page (or more) per payee (nothing when no payee is paid).</summary>
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

    /// <summary>Paid payees read per page (<see cref="PaymentRunReader.PageSize"/>); a test sets a small one to cross pages.</summary>
    public int PageSize { get; init; } = 1000;

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
        Directory.CreateDirectory(directory);

        // Every file streams into a temporary file beside its target (ADR 0041, session 8); none is renamed
        // until all are complete, so a failure or a full disk anywhere leaves no file at all. The stable
        // files come first: one that differs from what is there refuses the export before the notices.
        var stable = new List<AtomicFileWriter>();
        AtomicFileWriter? notices = null;
        try
        {
            var mark = PhaseTimes.Now();
            foreach (var (name, write) in new (string, Func<Stream, Task>)[]
            {
                (ZenginName(month), output => writers.ZenginAsync(content, output, cancellationToken)),
                (AccountingName(month), output => writers.AccountingAsync(content, output, cancellationToken)),
                (DetailName(month), output => writers.DetailAsync(content, output, cancellationToken)),
                (HeldOutName(month), output => output.WriteAsync(HeldOutReport(content), cancellationToken).AsTask()),
            })
            {
                var file = AtomicFileWriter.Create(Path.Combine(directory, name));
                stable.Add(file);
                await write(file.Stream).ConfigureAwait(false);
                await file.CompleteAsync(cancellationToken).ConfigureAwait(false);
                PhaseTimes.Lap("export." + name[..name.IndexOf('-', StringComparison.Ordinal)], ref mark);
                NoteHeap("export." + name);
            }

            var differing = new List<string>();
            foreach (var file in stable)
            {
                if (!await file.SameAsTargetAsync(cancellationToken).ConfigureAwait(false))
                {
                    differing.Add(Path.GetFileName(file.Path));
                }
            }

            if (differing.Count > 0)
            {
                throw new PaymentRunRefusedException($"出力先に内容の異なるファイルがあります: {string.Join(", ", differing)}。別の出力先を指定するか、ファイルを確認してください。");
            }

            notices = AtomicFileWriter.Create(Path.Combine(directory, NoticesName(month)));
            await writers.NoticesAsync(content, notices.Stream, cancellationToken).ConfigureAwait(false);
            await notices.CompleteAsync(cancellationToken).ConfigureAwait(false);
            PhaseTimes.Lap("export.notices", ref mark);
            NoteHeap("export.notices");
            foreach (var file in stable)
            {
                await file.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            await notices.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ZenginRecordException exception)
        {
            // The payees were checked at preparation and the header before writing; what is left is a record the bank cannot take.
            throw new PaymentRunRefusedException("全銀ファイルを書けません（何も出力していません）: " + string.Join(" ", exception.Problems.Select(p => p.Reason)));
        }
        finally
        {
            foreach (var file in stable)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }

            if (notices is not null)
            {
                await notices.DisposeAsync().ConfigureAwait(false);
            }
        }

        var files = stable.Append(notices!).Select(f => new PaymentExportFile(Path.GetFileName(f.Path), f.Length, f.Sha256)).ToList();
        var now = AppClock.Now(clock);
        var manifestFields = new Dictionary<string, object?>
        {
            ["処理年月"] = month.ToString(),
            ["振込指定日"] = run.PayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["exportedBy"] = actor,
            ["exportedAt"] = now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ["approvedBy"] = run.ApprovedBy,
            ["payees"] = content.PayeeCount,
            ["total"] = content.Total,
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
            ["payees"] = content.PayeeCount,
            ["total"] = content.Total,
            ["heldOutPayees"] = content.HeldOut.Count,
            ["files"] = string.Join(",", files.Select(f => $"{f.Name}:{f.Sha256}")),
        }.WithCp932Replacements(content.Cp932Replacements)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return new PaymentExportResult(month, directory, files, content.PayeeCount, content.Total, content.HeldOut)
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
            var archive = AtomicFile.CreateOwnerOnlyTemporary("fukushi-payments", "zip");
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

    /// <summary>
    /// The export's content from the stored run: its figures, the held-out payees, the bank names and the
    /// keys of the paid payees (a few dozen bytes each) held; their rows read page by page by each writer.
    /// </summary>
    /// <exception cref="PaymentRunRefusedException">A 依頼人 setting is missing or cannot be written to the 全銀 file.</exception>
    public async Task<PaymentExportContent> ContentAsync(PaymentRun run, YearMonth month, bool newlines, bool cp932, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var requester = await RequesterAsync(cancellationToken).ConfigureAwait(false);
        var title = await settings.GetAsync(SystemSettings.PaymentAccountTitle, cancellationToken).ConfigureAwait(false);
        var reader = new PaymentRunReader(db, run) { PageSize = PageSize };
        var keys = await reader.PaidKeysAsync(cancellationToken).ConfigureAwait(false);
        var heldOut = await reader.HeldOutAsync(cancellationToken).ConfigureAwait(false);
        var bankNames = await reader.BankNamesAsync(cancellationToken).ConfigureAwait(false);
        var noticeDate = DateOnly.FromDateTime(JstClock.ToJst(run.ApprovedAt ?? run.PreparedAt).DateTime);
        NoteHeap("export.content");
        var content = new PaymentExportContent(month, run.PayDate, requester, title, keys.Count, keys.Sum(k => k.Amount), heldOut,
            noticeDate, bankNames, newlines, cp932, (lines, token) => reader.PagesAsync(keys, lines, run.PayDate, token));

        // The payees were checked at preparation; the 依頼人 settings are checked here, before any file is begun.
        var problems = ZenginTransferFile.Check(PaymentFileWriters.Header(content));
        if (problems.Count > 0)
        {
            throw new PaymentRunRefusedException("全銀ファイルを書けません（何も出力していません）: " + string.Join(" ", problems.Select(p => p.Reason)));
        }

        return content;
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

    /// <summary>With <c>FUKUSHI_PHASE_TIMES=1</c>, the managed heap and the process's RSS after <paramref name="phase"/> (to see what the export holds).</summary>
    private static void NoteHeap(string phase)
    {
        if (PhaseTimes.Enabled)
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            PhaseTimes.Note(string.Create(CultureInfo.InvariantCulture,
                $"{phase} heap_mb={GC.GetTotalMemory(forceFullCollection: false) >> 20} rss_mb={process.WorkingSet64 >> 20} peak_rss_mb={process.PeakWorkingSet64 >> 20}"));
        }
    }

    private static string Key(YearMonth month) => ReviewRun.MonthKey(month).ToString("D6", CultureInfo.InvariantCulture);
}
