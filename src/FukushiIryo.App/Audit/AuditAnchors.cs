using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Audit;

/// <summary>
/// The audit chain's anchors outside the database (architecture.md §5): a text file to which the
/// latest sequence number and hash are appended at the end of every batch, import and day, so that
/// <see cref="AuditVerifier"/> also detects a truncated tail or a re-hashed chain.
/// <para>
/// Where the file is: the path given to the constructor; <see cref="Resolve"/> takes an option,
/// else the <c>FUKUSHI_AUDIT_ANCHORS</c> environment variable, else <c>data/audit-anchors.log</c>
/// relative to the working directory (beside the default SQLite database). Keep it on other
/// storage than the database, or copy it there, and back it up: whoever can rewrite both the
/// database and this file can rewrite history.
/// </para>
/// <para>
/// One line per anchor, UTF-8, LF: <c>SEQUENCE HASH TIME</c>, e.g.
/// <c>42 9f86d0…0a08 2026-11-29T04:23:33.123456Z</c> (decimal sequence, 64 lowercase hex, the UTC
/// time the line was written). Lines are only ever appended; each is forced to disk.
/// </para>
/// </summary>
public sealed class AuditAnchors
{
    public const string PathVariable = "FUKUSHI_AUDIT_ANCHORS";
    public const string DefaultPath = "data/audit-anchors.log";

    private readonly TimeProvider clock;

    public AuditAnchors(string path, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = System.IO.Path.GetFullPath(path);
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>The anchor file's full path.</summary>
    public string FilePath { get; }

    /// <summary>The anchor file's path: <paramref name="option"/>, else <c>FUKUSHI_AUDIT_ANCHORS</c>, else <see cref="DefaultPath"/> (full paths).</summary>
    public static string ResolvePath(string? option = null)
    {
        var chosen = new[] { option, Environment.GetEnvironmentVariable(PathVariable) }
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) ?? DefaultPath;
        return System.IO.Path.GetFullPath(chosen);
    }

    /// <summary>The anchors at <see cref="ResolvePath"/>.</summary>
    public static AuditAnchors Resolve(string? option = null, TimeProvider? clock = null) => new(ResolvePath(option), clock);

    /// <summary>
    /// Appends the chain's latest sequence number and hash, and returns the anchor written; writes
    /// nothing (and returns null) when the chain is empty or the file's last line already holds them.
    /// </summary>
    public async Task<AuditAnchor?> AppendAsync(FukushiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (latest is null)
        {
            return null;
        }

        var anchors = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (anchors.Count > 0 && anchors[^1].Sequence == latest.Sequence && anchors[^1].Hash == latest.Hash)
        {
            return null;
        }

        var anchor = new AuditAnchor(latest.Sequence, latest.Hash, AuditChain.ToChainInstant(clock.GetUtcNow()));
        var directory = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var bytes = Encoding.UTF8.GetBytes(anchor.ToLine() + "\n");
        var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        return anchor;
    }

    /// <summary>Every anchor in the file, in file order; none when the file does not exist.</summary>
    /// <exception cref="FormatException">A line is not an anchor (the message names the line).</exception>
    public async Task<IReadOnlyList<AuditAnchor>> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        var lines = await File.ReadAllLinesAsync(FilePath, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var anchors = new List<AuditAnchor>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            anchors.Add(AuditAnchor.Parse(lines[i], $"{FilePath} line {(i + 1).ToString(CultureInfo.InvariantCulture)}"));
        }

        return anchors;
    }
}

/// <summary>One anchor line: the chain had reached <paramref name="Sequence"/> with <paramref name="Hash"/> at <paramref name="WrittenAt"/>.</summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTimeOffset WrittenAt)
{
    /// <summary>The line as written to the anchor file (without the line feed).</summary>
    public string ToLine() =>
        string.Create(CultureInfo.InvariantCulture, $"{Sequence} {Hash} {AuditChain.FormatInstant(WrittenAt)}");

    /// <summary>Parses <see cref="ToLine"/>'s form; <paramref name="where"/> names the line in the error.</summary>
    public static AuditAnchor Parse(string line, string where = "anchor")
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence < 1
            || !AuditChain.IsHash(parts[1]))
        {
            throw new FormatException($"{where}: not an audit anchor (SEQUENCE HASH TIME): '{line}'.");
        }

        DateTimeOffset writtenAt;
        try
        {
            writtenAt = AuditChain.ParseInstant(parts[2]);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{where}: not an audit anchor time (yyyy-MM-ddTHH:mm:ss.ffffffZ): '{line}'.", e);
        }

        return new AuditAnchor(sequence, parts[1], writtenAt);
    }
}
