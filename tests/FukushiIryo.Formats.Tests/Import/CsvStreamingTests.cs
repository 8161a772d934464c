using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Tests.Uke;

namespace FukushiIryo.Formats.Tests.Import;

/// <summary>
/// The CSV reader streams: the heap is measured process-wide, so this runs in the collection that no
/// other test runs beside (<see cref="HeapMeasurement"/>).
/// </summary>
[Collection(nameof(HeapMeasurement))]
public sealed class CsvStreamingTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Reading_200000_rows_does_not_hold_the_rows_in_memory()
    {
        var path = Path.Combine(_files.Directory, "large.csv");
        using (var writer = new StreamWriter(path, append: false, TempFiles.Utf8NoBom))
        {
            writer.Write(Residents.Header + "\r\n");
            for (int i = 0; i < 200_000; i++)
            {
                writer.Write(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
                writer.Write(",0000456,\"奈良, 花子\",ナラ ハナコ,1990-04-01,2,世帯主,630-8580,奈良市二条大路南一丁目1番1号,1,,,\r\n");
            }
        }

        Assert.True(new FileInfo(path).Length > 20_000_000);
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("residents"));
        long count = 0;
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        foreach (var record in file.Records())
        {
            count++;
            if (count % 20_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        Assert.Equal(200_000, count);
        Assert.True(peak < 4_000_000, $"memory grew by {peak:N0} bytes while reading");
    }
}
