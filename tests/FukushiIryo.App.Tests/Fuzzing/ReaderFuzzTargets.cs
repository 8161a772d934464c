using System.Text;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Income;
using FukushiIryo.App.Linkage;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Uke;

namespace FukushiIryo.App.Tests.Fuzzing;

/// <summary>
/// The four readers the fuzzer drives (issue 16 item 4), each as an import would use it: the whole input
/// is read to its end and every row is typed. A reader passes when it returns; any exception is a finding
/// (none is documented for bytes that merely are not a valid file: they give per-row or file problems).
/// </summary>
public static class ReaderFuzzTargets
{
    /// <summary>A fixed import date for 課税年度 (the tax reader accepts years up to the import year + 1).</summary>
    private static readonly DateOnly ImportDate = new(2026, 7, 1);

    /// <summary>The targets by name, as <c>scripts/fuzz.sh</c> and the tests name them.</summary>
    public static IReadOnlyDictionary<string, Func<byte[], IReadOnlyList<ImportProblem>>> All { get; } = new Dictionary<string, Func<byte[], IReadOnlyList<ImportProblem>>>(StringComparer.Ordinal)
    {
        ["uke"] = Uke,
        ["autopay"] = Autopay,
        ["residents"] = Residents,
        ["tax"] = Tax,
    };

    /// <summary>UKE (レセプト電算): encoding detected as <c>import receipts</c> does, every claim read; returns the file errors.</summary>
    public static IReadOnlyList<ImportProblem> Uke(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new UkeReader(stream, InputEncoding.Resolve(EncodingChoice.Auto, stream), leaveOpen: true);
        foreach (var claim in reader.Claims())
        {
            GC.KeepAlive(claim);
        }

        return reader.Errors;
    }

    /// <summary>自動償還データ CSV: the built-in autopay layout, every row typed by <see cref="AutopayRows"/>.</summary>
    public static IReadOnlyList<ImportProblem> Autopay(byte[] bytes) =>
        ReadImport(bytes, "autopay", record =>
        {
            var problems = new List<ImportProblem>();
            AutopayRows.Read(record, "29", problems);
            return problems;
        });

    /// <summary>住民記録 CSV: the built-in residents layout, every row typed by <see cref="ResidentRow"/>.</summary>
    public static IReadOnlyList<ImportProblem> Residents(byte[] bytes) =>
        ReadImport(bytes, "residents", record =>
        {
            var result = new ImportResult();
            ResidentRow.Read(record, result);
            return result.Errors;
        });

    /// <summary>税情報 CSV: the built-in tax layout, every row typed by <see cref="TaxRow"/>.</summary>
    public static IReadOnlyList<ImportProblem> Tax(byte[] bytes) =>
        ReadImport(bytes, "tax", record =>
        {
            var result = new ImportResult();
            TaxRow.Read(record, ImportDate, result);
            return result.Errors;
        });

    /// <summary>Reads the file with the built-in layout of <paramref name="kind"/>; returns its errors (file and rows).</summary>
    private static List<ImportProblem> ReadImport(byte[] bytes, string kind, Func<ImportRecord, IReadOnlyList<ImportProblem>> type)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fukushi-fuzz-{kind}-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var file = ImportFile.Open(path, ImportLayout.BuiltIn(kind));
            var errors = file.FileProblems.ToList();
            foreach (var record in file.Records())
            {
                errors.AddRange(type(record));
            }

            return errors;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>An input as pasteable C#: <c>Convert.FromHexString("…")</c>, with a readable preview.</summary>
    public static string Describe(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var preview = Encoding.UTF8.GetString(bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return $"Convert.FromHexString(\"{Convert.ToHexString(bytes)}\") /* {bytes.Length} bytes: {preview} */";
    }
}
