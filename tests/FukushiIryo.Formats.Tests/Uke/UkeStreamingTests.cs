using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Uke;
using Xunit.Abstractions;

namespace FukushiIryo.Formats.Tests.Uke;

/// <summary>The heap is measured process-wide: no other test may run meanwhile.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

[Collection(nameof(HeapMeasurement))]
public sealed class UkeStreamingTests(ITestOutputHelper output)
{
    [Fact]
    public void Reading_200000_receipts_holds_no_more_memory_than_reading_10000()
    {
        const int Total = 200_000;
        using var reader = new UkeReader(new GeneratedUkeStream(Total), InputEncoding.StrictCp932);
        long at10k = 0;
        long at200k = 0;
        int count = 0;
        long points = 0;
        foreach (var receipt in reader.Claims())
        {
            count++;
            points += receipt.TotalPoints;
            if (count == 10_000)
            {
                at10k = GC.GetTotalMemory(forceFullCollection: true);
            }
            else if (count == Total)
            {
                at200k = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        output.WriteLine($"heap after 10,000 receipts: {at10k:N0} bytes; after 200,000: {at200k:N0} bytes");
        Assert.Equal(Total, count);
        Assert.Equal(1234L * Total, points);
        Assert.Empty(reader.Errors);

        // Had the reader kept its receipts (about 2 KB each), 190,000 more would add hundreds of MB.
        Assert.True(at200k - at10k < 4 * 1024 * 1024, $"The heap grew by {at200k - at10k:N0} bytes between 10,000 and 200,000 receipts.");
    }
}
