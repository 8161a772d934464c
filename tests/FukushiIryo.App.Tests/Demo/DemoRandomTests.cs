using FukushiIryo.App.Demo;

namespace FukushiIryo.App.Tests.Demo;

public sealed class DemoRandomTests
{
    [Fact]
    public void It_is_pcg32_as_the_reference_implementation_computes_it()
    {
        // pcg32-global-demo / pcg32-demo of the PCG C library: pcg32_srandom_r(&rng, 42u, 54u).
        var random = new DemoRandom(42, 54);
        uint[] expected = [0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e];
        Assert.Equal(expected, expected.Select(_ => random.NextUInt32()).ToArray());
    }

    [Fact]
    public void A_stream_is_the_same_for_the_same_seed_and_index_and_differs_otherwise()
    {
        static uint[] Draw(long seed, long stream)
        {
            var random = DemoRandom.ForStream(seed, stream);
            return Enumerable.Range(0, 8).Select(_ => random.NextUInt32()).ToArray();
        }

        Assert.Equal(Draw(7, 3), Draw(7, 3));
        Assert.NotEqual(Draw(7, 3), Draw(7, 4));
        Assert.NotEqual(Draw(7, 3), Draw(8, 3));
        Assert.NotEqual(Draw(-1, -1), Draw(-1, 0));
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_cover_it()
    {
        var random = DemoRandom.ForStream(1, 1);
        var seen = new int[7];
        for (var i = 0; i < 7_000; i++)
        {
            seen[random.Next(7)]++;
        }

        Assert.All(seen, count => Assert.InRange(count, 850, 1_150));
        for (var i = 0; i < 1_000; i++)
        {
            Assert.InRange(random.Between(-3, 3), -3, 3);
            Assert.InRange(random.Date(new DateOnly(2026, 2, 27), new DateOnly(2026, 3, 2)), new DateOnly(2026, 2, 27), new DateOnly(2026, 3, 2));
        }

        Assert.Equal(5, random.Between(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Between(2, 1));
    }

    [Fact]
    public void Weighted_choices_follow_their_weights()
    {
        var random = DemoRandom.ForStream(2, 0);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["a"] = 0, ["b"] = 0, ["never"] = 0 };
        for (var i = 0; i < 10_000; i++)
        {
            counts[random.Weighted<string>([("a", 900), ("b", 100), ("never", 0)])]++;
        }

        Assert.InRange(counts["a"], 8_700, 9_300);
        Assert.Equal(0, counts["never"]);
    }
}
