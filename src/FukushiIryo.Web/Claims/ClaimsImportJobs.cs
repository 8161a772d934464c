using System.Collections.Concurrent;
using FukushiIryo.App.Data;
using FukushiIryo.App.Importing;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Claims;

/// <summary>One claim of an imported file as the report shows it: line, 受給者番号 as read, match result.</summary>
public sealed record ImportedClaimRow(long Line, string? RecipientNumber, string ProviderCode, int ServiceMonth, MedicalClaimMatchStatus MatchStatus, string MatchReason);

/// <summary>
/// An upload being imported in the background (レセプト取込 page): the claims written so far, an
/// estimate of the total (counted from the file before the import starts), and at the end the
/// import's result and the per-claim match results. Read by the page's htmx poll.
/// </summary>
public sealed class ClaimsImportJob
{
    private long written;

    public required string Id { get; init; }

    /// <summary>The staff member who started it: only they see it.</summary>
    public required string Owner { get; init; }

    public required string FileName { get; init; }

    public required YearMonth ProcessingMonth { get; init; }

    /// <summary>Claims in the file as counted before the import (UKE: RE records; CSV: data lines).</summary>
    public long EstimatedTotal { get; init; }

    public long Written => Interlocked.Read(ref written);

    public bool Done { get; private set; }

    public ImportResult? Result { get; private set; }

    /// <summary>The claims written, in file order (at most <see cref="ClaimsImportJobs.MaxRowsShown"/>).</summary>
    public IReadOnlyList<ImportedClaimRow> Rows { get; private set; } = [];

    /// <summary>An unexpected failure (nothing was written: the import is one transaction).</summary>
    public string? Failure { get; private set; }

    internal void Report(long value) => Interlocked.Exchange(ref written, value);

    internal void Finish(ImportResult? result, IReadOnlyList<ImportedClaimRow> rows, string? failure)
    {
        Result = result;
        Rows = rows;
        Failure = failure;
        Done = true;
    }
}

/// <summary>
/// Runs uploaded claims files through <see cref="MedicalClaimsImport"/> on a background task keyed by an
/// id, each in a DI scope of its own, so that the request returns at once and the page polls for progress.
/// Jobs are kept in memory (for the page only; the import itself is recorded in 取込履歴 and the audit
/// log) and forgotten an hour after they finish. The uploaded copy is deleted when the import ends.
/// </summary>
public sealed partial class ClaimsImportJobs(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<ClaimsImportJobs> logger)
{
    /// <summary>Claims listed in the page's report; the rest are counted.</summary>
    public const int MaxRowsShown = 1000;

    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (ClaimsImportJob Job, DateTimeOffset Started)> jobs = new(StringComparer.Ordinal);

    /// <summary>Starts the import of <paramref name="path"/> (a copy of the upload in a folder of its own, deleted at the end).</summary>
    public ClaimsImportJob Start(string path, string actor, YearMonth month, MedicalClaimFileFormat format, string source, string? clientAddress, string? correlationId)
    {
        Forget();
        var job = new ClaimsImportJob
        {
            Id = Guid.NewGuid().ToString("N"),
            Owner = actor,
            FileName = Path.GetFileName(path),
            ProcessingMonth = month,
            EstimatedTotal = Estimate(path, format),
        };
        jobs[job.Id] = (job, DateTimeOffset.UtcNow);
        _ = Task.Run(() => RunAsync(job, path, month, format, source, clientAddress, correlationId, lifetime.ApplicationStopping));
        return job;
    }

    /// <summary>The job of <paramref name="id"/> if <paramref name="actor"/> started it.</summary>
    public ClaimsImportJob? Find(string? id, string actor) =>
        id is not null && jobs.TryGetValue(id, out var entry) && string.Equals(entry.Job.Owner, actor, StringComparison.Ordinal) ? entry.Job : null;

    private async Task RunAsync(ClaimsImportJob job, string path, YearMonth month, MedicalClaimFileFormat format, string source, string? clientAddress, string? correlationId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FukushiDbContext>();
            db.AuditClientAddress = clientAddress;
            db.AuditCorrelationId = correlationId;
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var today = JstClock.Today(clock);
            var import = new MedicalClaimsImport(db, clock) { Progress = new Progress(job) };
            var result = await import.RunAsync(new ImportRequest(path, job.Owner, today), month, format, source, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ImportedClaimRow> rows = [];
            if (result.Status == ImportStatus.Imported)
            {
                var kind = format == MedicalClaimFileFormat.Uke ? MedicalClaimsImport.UkeKind : MedicalClaimsImport.AutopayKind;
                var fileId = await db.ImportedFiles.AsNoTracking().Where(f => f.Kind == kind && f.Sha256 == result.Sha256).Select(f => f.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
                rows = await db.MedicalClaims.AsNoTracking().Where(c => c.ImportedFileId == fileId).OrderBy(c => c.SourceLine).Take(MaxRowsShown)
                    .Select(c => new ImportedClaimRow(c.SourceLine, c.RecipientNumber, c.ProviderCode, c.ServiceMonth, c.MatchStatus, c.MatchReason))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
            }

            job.Finish(result, rows, null);
        }
#pragma warning disable CA1031 // a background import must end its job whatever happened; the error is logged
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, job.Id);
            job.Finish(null, [], "取込中にエラーが発生しました。何も取り込んでいません。システム管理者に連絡してください。");
        }
        finally
        {
            TryDelete(path);
        }
    }

    private static long Estimate(string path, MedicalClaimFileFormat format)
    {
        long count = 0;
        bool first = true;
        foreach (var line in File.ReadLines(path, System.Text.Encoding.Latin1))
        {
            if (format == MedicalClaimFileFormat.Uke)
            {
                count += line.StartsWith("RE,", StringComparison.Ordinal) ? 1 : 0;
            }
            else if (!first && line.Trim().Length > 0)
            {
                count++;
            }

            first = false;
        }

        return count;
    }

    private void Forget()
    {
        var cutoff = DateTimeOffset.UtcNow - KeptFor;
        foreach (var (id, entry) in jobs)
        {
            if (entry.Job.Done && entry.Started < cutoff)
            {
                jobs.TryRemove(id, out _);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(path);
            File.Delete(path);
            if (folder is not null)
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "claims import {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string jobId);

    private sealed class Progress(ClaimsImportJob job) : IProgress<long>
    {
        public void Report(long value) => job.Report(value);
    }
}
