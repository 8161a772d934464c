using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.App.Exports;

/// <summary>What a bulk export of personal data is and who asked for it, for what.</summary>
/// <param name="Kind">A short code for the file name and the audit (<c>persons</c>, <c>audit-log</c>).</param>
/// <param name="Title">The Japanese name of the export, written in the file.</param>
/// <param name="Purpose">The purpose the user stated (P10), written in the file and the audit.</param>
/// <param name="Actor">The login of the user.</param>
/// <param name="ActorName">The user's name.</param>
/// <param name="Criteria">What was selected (search criteria, filters): audited, never written in the file.</param>
public sealed record ExportRequest(
    string Kind,
    string Title,
    string Purpose,
    string Actor,
    string ActorName,
    IReadOnlyDictionary<string, object?> Criteria);

public enum ExportStatus
{
    Written,

    /// <summary>A value looked like a 個人番号 (P16): the file was destroyed, nothing delivered.</summary>
    RefusedMyNumber,
}

/// <param name="Path">The written file (a temporary file the caller delivers and deletes); null when refused.</param>
public sealed record ExportResult(ExportStatus Status, string? Path, string FileName, long Rows, string? Sha256);

/// <summary>
/// Bulk exports of personal data (P10): the caller has checked the export permission and the
/// 再認証; this writes the CSV (UTF-8 with BOM, CRLF, RFC 4180, formula-safe) whose first line
/// carries who exported it, when and for what, scans every value for a 個人番号 (P16: a file that
/// holds one is destroyed and refused) and audits the export — written or refused — with its
/// purpose, its criteria, the number of rows and the file's SHA-256, never its contents.
/// </summary>
public sealed class PersonalDataExports(FukushiDbContext db, TimeProvider clock)
{
    public const int MinimumPurposeLength = 4;
    public const int MaximumPurposeLength = 200;

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>A Japanese message when the purpose is missing or out of bounds; null when it will do.</summary>
    public static string? CheckPurpose(string? purpose)
    {
        var text = purpose?.Trim() ?? string.Empty;
        return text.Length < MinimumPurposeLength
            ? $"出力の目的を{MinimumPurposeLength}文字以上で入力してください（例: 県への補助金申請の資料作成）。"
            : text.Length > MaximumPurposeLength ? $"出力の目的は{MaximumPurposeLength}文字以内で入力してください。" : null;
    }

    /// <summary>The first line of every export: who, when, for what.</summary>
    public static string StampLine(ExportRequest request, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        var jst = JstClock.ToJst(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return CsvText.Line(["出力者", request.Actor, request.ActorName, "出力日時", jst + " JST", "目的", request.Purpose.Trim(), request.Title]);
    }

    public async Task<ExportResult> WriteAsync(
        ExportRequest request, IReadOnlyList<string> columns, IAsyncEnumerable<IReadOnlyList<string?>> rows,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (CheckPurpose(request.Purpose) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var at = AppClock.Now(clock);
        var fileName = string.Create(CultureInfo.InvariantCulture,
            $"{request.Kind}_{JstClock.ToJst(at):yyyyMMdd-HHmmss}_{request.Actor}.csv");
        var folder = Path.Combine(Path.GetTempPath(), "fukushi-exports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".csv");
        long count = 0;
        var found = false;
        string sha256;
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var file = new FileStream(path, options))
            await using (var writer = new StreamWriter(file, Utf8WithBom))
            {
                await writer.WriteAsync(StampLine(request, at) + "\r\n").ConfigureAwait(false);
                await writer.WriteAsync(CsvText.Line(columns) + "\r\n").ConfigureAwait(false);
                await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    found |= row.Any(MyNumberPattern.Contains);
                    await writer.WriteAsync(CsvText.Line(row) + "\r\n").ConfigureAwait(false);
                    count++;
                }
            }

            await using (var read = File.OpenRead(path))
            {
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        var details = new Dictionary<string, object?>
        {
            ["kind"] = request.Kind,
            ["purpose"] = request.Purpose.Trim(),
            ["rows"] = count,
            ["file"] = fileName,
            ["sha256"] = found ? null : sha256,
        };
        foreach (var (key, value) in request.Criteria)
        {
            details["criteria." + key] = value;
        }

        if (found)
        {
            File.Delete(path);
            db.AddAudit(new AuditEntry(request.Actor, AuditEventType.ExportRefused, "export", request.Kind, details));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new ExportResult(ExportStatus.RefusedMyNumber, null, fileName, count, null);
        }

        db.AddAudit(new AuditEntry(request.Actor, AuditEventType.ExportCreated, "export", request.Kind, details));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new ExportResult(ExportStatus.Written, path, fileName, count, sha256);
    }
}
