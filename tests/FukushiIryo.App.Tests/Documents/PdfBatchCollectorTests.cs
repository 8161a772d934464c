using FukushiIryo.App.Documents;

namespace FukushiIryo.App.Tests.Documents;

/// <summary>
/// When a batch collects its garbage (ADR 0041, session 8): after every chunk by default, or, given a
/// growth, only once the managed heap has grown by it since the last collection left it (the heap's
/// readings are given here in MB).
/// </summary>
public sealed class PdfBatchCollectorTests
{
    [Fact]
    public void A_chunk_collects_only_once_the_heap_has_grown_64_MB_since_the_last_collection()
    {
        // The heap at the start, then at each reading: the end of a chunk and, after a collection, what it left.
        var readings = new Queue<long>([100, 130, 163, 164, 120, 150, 183, 184, 110]);
        var collections = 0;
        var collector = new PdfBatchCollector(() => readings.Dequeue() << 20, () => collections++, growth: 64L << 20);

        var collected = new List<int>();
        for (var chunk = 1; chunk <= 6; chunk++)
        {
            var before = collections;
            collector.ChunkDone();
            if (collections > before)
            {
                collected.Add(chunk);
            }
        }

        // 130 (+30), 163 (+63): no; 164 (+64): collect, left 120; 150 (+30), 183 (+63): no; 184 (+64): collect, left 110.
        Assert.Equal([3, 6], collected);
        Assert.Equal(2, collector.Collections);
        Assert.Empty(readings);
    }

    [Fact]
    public void By_default_every_chunk_collects()
    {
        var collections = 0;
        var collector = new PdfBatchCollector(() => 100L << 20, () => collections++);

        collector.ChunkDone();
        collector.ChunkDone();

        Assert.Equal((2, 2), (collections, collector.Collections));
    }
}
