using System.Globalization;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Uke;
using Xunit.Abstractions;

namespace FukushiIryo.Formats.Tests.Uke;

/// <summary>
/// Opt-in: reads the 12 real sample files of ../shared/data/uke-samples (external test material, never
/// copied into the repository; shared/data/README.md) when that folder exists next to the repository,
/// or where FUKUSHI_UKE_SAMPLES points. Without it the test reports that it read nothing and passes.
/// </summary>
public sealed class UkeSamplesTests(ITestOutputHelper output)
{
    [Fact]
    public void The_real_sample_files_read_without_file_errors_and_their_go_totals_agree()
    {
        var folder = FindSamples();
        if (folder is null)
        {
            output.WriteLine("uke-samples not found: nothing read (set FUKUSHI_UKE_SAMPLES to the cp932 folder to run this test).");
            return;
        }

        var files = Directory.GetFiles(folder, "*.UKE").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(12, files.Count);
        int receipts = 0;
        foreach (var path in files)
        {
            using var reader = UkeReader.Open(path, EncodingChoice.Cp932);
            var read = reader.Claims().ToList();
            receipts += read.Count;
            var warnings = read.SelectMany(receipt => receipt.Warnings).Concat(read.Select(receipt => receipt.Header).Distinct().SelectMany(header => header.Warnings)).ToList();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{Path.GetFileName(path)}: {reader.HeaderCount} headers, {read.Count} receipts, {reader.TotalsCount} GO, {warnings.Count} warnings ({string.Join("; ", warnings.Select(w => w.Column + ": " + w.Reason).Distinct())}), errors: {string.Join("; ", reader.Errors.Select(e => e.Line + " " + e.Column + " " + e.Reason))}"));
            Assert.Empty(reader.Errors);
            Assert.Equal(1, reader.TotalsCount);
            Assert.All(read, receipt => Assert.NotNull(receipt.Common.KanaName));
        }

        Assert.Equal(137, receipts);
    }

    private static string? FindSamples()
    {
        if (Environment.GetEnvironmentVariable("FUKUSHI_UKE_SAMPLES") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "uke-samples", "cp932");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
