using FukushiIryo.App.Data;
using FukushiIryo.Formats.Import;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Importing;

/// <summary>
/// The start every 台帳 import shares (interfaces.md §0): the layout (built-in or a layout file),
/// the file opened with its encoding, refusal of bytes imported before, and the header problems.
/// </summary>
public sealed class ImportOpening : IDisposable
{
    private ImportOpening(ImportLayout layout, ImportFile file, ImportResult result)
    {
        Layout = layout;
        File = file;
        Result = result;
    }

    public ImportLayout Layout { get; }

    public ImportFile File { get; }

    public ImportResult Result { get; }

    /// <summary>False when the file was imported before or its header is wrong: <see cref="Result"/> says which.</summary>
    public bool CanRead => Result.Status == ImportStatus.Imported && !Result.HasErrors;

    public static async Task<ImportOpening> OpenAsync(FukushiDbContext db, string kind, ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var layout = request.LayoutPath is null ? ImportLayout.BuiltIn(kind) : ImportLayout.Load(request.LayoutPath, kind);
        var file = ImportFile.Open(request.FilePath, layout, request.Encoding);
        var result = new ImportResult { FileName = Path.GetFileName(request.FilePath), Sha256 = file.Sha256 };
        if (await db.ImportedFiles.AnyAsync(f => f.Kind == kind && f.Sha256 == file.Sha256, cancellationToken).ConfigureAwait(false))
        {
            result.Status = ImportStatus.AlreadyImported;
        }
        else
        {
            result.AddRange(file.FileProblems);
            result.Status = result.HasErrors ? ImportStatus.Rejected : ImportStatus.Imported;
        }

        return new ImportOpening(layout, file, result);
    }

    /// <summary>Records the file as imported (inside the import's transaction) and returns its row.</summary>
    public async Task<ImportedFile> RegisterAsync(FukushiDbContext db, string kind, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var importedFile = new ImportedFile { Kind = kind, FileName = Result.FileName, Sha256 = File.Sha256, ImportedAt = now, ImportedBy = actor };
        db.ImportedFiles.Add(importedFile);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return importedFile;
    }

    /// <summary>Copies the summary's counts onto the file's row (saved with the import's last save).</summary>
    public void Complete(FukushiDbContext db, ImportedFile importedFile)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(importedFile);
        importedFile.RowsRead = Result.RowsRead;
        importedFile.RowsImported = Result.Inserted + Result.Updated + Result.Unchanged;
        importedFile.RowsSkipped = Result.SkippedLines.Count;
        importedFile.Warnings = Result.WarningCount;
        db.ImportedFiles.Update(importedFile);
    }

    public void Dispose() => File.Dispose();
}
