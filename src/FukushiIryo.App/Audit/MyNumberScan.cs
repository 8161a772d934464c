using System.Data.Common;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FukushiIryo.App.Audit;

/// <summary>A place that holds a candidate 個人番号: never the number itself.</summary>
/// <param name="Where">A table and column (<c>persons.Name</c>) or a file path.</param>
/// <param name="Locator">The row's key, or the file's line number.</param>
/// <param name="Position">The character position of the candidate in the value or line (1-based).</param>
public sealed record MyNumberFinding(string Where, string Locator, int Position);

/// <summary>The outcome of a scan: what was looked at and what was found.</summary>
public sealed record MyNumberScanResult(int Tables, int Columns, long Values, int Files, long Lines, IReadOnlyList<MyNumberFinding> Findings);

/// <summary>
/// The pattern half of P16: scans every text column of the welfare database, and the log and
/// export files an operator names, for 12-digit numbers that pass the 個人番号 check
/// (<see cref="MyNumberPattern"/>). Numeric columns are not text and are not read; columns of hashes
/// and stamps (hex or base64 of random bytes) are left out, as are 全銀 records (fixed-width digits
/// by nature; none are stored in the database). A finding names the place, never the digits.
/// </summary>
public sealed class MyNumberScan(FukushiDbContext db)
{
    /// <summary>Column names (ending) that hold hashes or random stamps, not text a person wrote.</summary>
    private static readonly string[] ExcludedColumnEndings = ["Hash", "Stamp", "Sha256", "Salt", "Token", "Key"];

    /// <summary>File names (ending) that are 全銀 transfer files: fixed-width digit records, excluded (P16).</summary>
    private static readonly string[] ExcludedFileEndings = [".zengin", ".zengin.txt"];

    public async Task<MyNumberScanResult> RunAsync(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var findings = new List<MyNumberFinding>();
        var (tables, columns, values) = await ScanDatabaseAsync(findings, cancellationToken).ConfigureAwait(false);
        var (fileCount, lines) = await ScanFilesAsync(files, findings, cancellationToken).ConfigureAwait(false);
        return new MyNumberScanResult(tables, columns, values, fileCount, lines, findings);
    }

    /// <summary>The text columns scanned per table (for the documentation and the tests).</summary>
    public IReadOnlyList<(string Table, IReadOnlyList<string> KeyColumns, IReadOnlyList<string> TextColumns)> TextColumns()
    {
        var tables = new Dictionary<string, (List<string> Keys, HashSet<string> Text)>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null || entity.FindPrimaryKey() is not { } primaryKey)
            {
                continue;
            }

            var identifier = StoreObjectIdentifier.Table(table, entity.GetSchema());
            if (!tables.TryGetValue(table, out var entry))
            {
                entry = (primaryKey.Properties.Select(p => p.GetColumnName(identifier)!).ToList(), new HashSet<string>(StringComparer.Ordinal));
                tables[table] = entry;
            }

            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(identifier);
                if (column is null || property.GetProviderClrType() is { } provider && provider != typeof(string)
                    || property.GetProviderClrType() is null && property.ClrType != typeof(string)
                    || ExcludedColumnEndings.Any(ending => column.EndsWith(ending, StringComparison.Ordinal))
                    || entry.Keys.Contains(column))
                {
                    continue;
                }

                entry.Text.Add(column);
            }
        }

        return tables.Where(t => t.Value.Text.Count > 0)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (t.Key, (IReadOnlyList<string>)t.Value.Keys, (IReadOnlyList<string>)t.Value.Text.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private async Task<(int Tables, int Columns, long Values)> ScanDatabaseAsync(List<MyNumberFinding> findings, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        var tables = 0;
        var columns = 0;
        long values = 0;
        try
        {
            foreach (var (table, keys, text) in TextColumns())
            {
                tables++;
                columns += text.Count;
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {string.Join(", ", keys.Concat(text).Select(Quote))} FROM {Quote(table)}";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    for (var i = 0; i < text.Count; i++)
                    {
                        var ordinal = keys.Count + i;
                        if (await reader.IsDBNullAsync(ordinal, cancellationToken).ConfigureAwait(false))
                        {
                            continue;
                        }

                        values++;
                        foreach (var match in MyNumberPattern.Find(reader.GetString(ordinal)))
                        {
                            findings.Add(new MyNumberFinding($"{table}.{text[i]}", KeyOf(reader, keys.Count), match.Start + 1));
                        }
                    }
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }

        return (tables, columns, values);
    }

    private static async Task<(int Files, long Lines)> ScanFilesAsync(IReadOnlyList<string> paths, List<MyNumberFinding> findings, CancellationToken cancellationToken)
    {
        var files = 0;
        long lines = 0;
        foreach (var path in paths.SelectMany(Expand))
        {
            if (ExcludedFileEndings.Any(ending => path.EndsWith(ending, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            files++;
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var number = 0L;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                number++;
                foreach (var match in MyNumberPattern.Find(line))
                {
                    findings.Add(new MyNumberFinding(path, number.ToString(CultureInfo.InvariantCulture), match.Start + 1));
                }
            }

            lines += number;
        }

        return (files, lines);
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : throw new FileNotFoundException($"ファイルまたはフォルダがありません: {path}", path);

    private static string KeyOf(DbDataReader reader, int keyCount) =>
        string.Join("/", Enumerable.Range(0, keyCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
