using System.Numerics;

namespace FukushiIryo.App.Demo;

/// <summary>
/// The demo generator's own pseudo-random numbers: PCG32 (O'Neill's <c>pcg32_random_r</c>, XSH RR
/// output over a 64-bit LCG), so that a seed gives the same population on every machine and every
/// .NET version (System.Random's algorithm is not specified). Integer arithmetic only: no floating
/// point anywhere in the draws. Not for anything secret.
/// </summary>
public sealed class DemoRandom
{
    private const ulong Multiplier = 6364136223846793005UL;

    private readonly ulong increment;
    private ulong state;

    /// <summary>Seeds the generator exactly as <c>pcg32_srandom_r(initState, initSequence)</c> does.</summary>
    public DemoRandom(ulong initState, ulong initSequence)
    {
        state = 0;
        increment = (initSequence << 1) | 1;
        NextUInt32();
        state = unchecked(state + initState);
        NextUInt32();
    }

    /// <summary>
    /// The stream of one item (e.g. one household) of a run: the seed and the item's index are mixed
    /// with SplitMix64, so that each household is generated alone and the same whatever comes before it.
    /// </summary>
    public static DemoRandom ForStream(long seed, long stream) =>
        new(SplitMix64(unchecked((ulong)seed) ^ SplitMix64(unchecked((ulong)stream) + 0x5DEECE66DUL)), unchecked((ulong)stream));

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt32()
    {
        var old = state;
        state = unchecked((old * Multiplier) + increment);
        var xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        var rotation = (int)(old >> 59);
        return BitOperations.RotateRight(xorShifted, rotation);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) without modulo bias.</summary>
    public int Next(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var limit = (uint)bound;
        var threshold = unchecked((uint)-(int)limit) % limit;
        while (true)
        {
            var value = NextUInt32();
            if (value >= threshold)
            {
                return (int)(value % limit);
            }
        }
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>] (both inclusive).</summary>
    public int Between(int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        return min + Next(max - min + 1);
    }

    /// <summary>A uniform amount in [<paramref name="min"/>, <paramref name="max"/>] (both inclusive), up to 2^31 wide.</summary>
    public long Between(long min, long max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        var width = max - min + 1;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, int.MaxValue, nameof(max));
        return min + Next((int)width);
    }

    /// <summary>True with probability <paramref name="perMille"/>/1000.</summary>
    public bool Chance(int perMille) => Next(1000) < perMille;

    /// <summary>A uniform day in [<paramref name="from"/>, <paramref name="to"/>] (both inclusive).</summary>
    public DateOnly Date(DateOnly from, DateOnly to) =>
        DateOnly.FromDayNumber(Between(from.DayNumber, to.DayNumber));

    /// <summary>One item, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(items.Count)];
    }

    /// <summary>One value by integer weights.</summary>
    public T Weighted<T>(IReadOnlyList<(T Value, int Weight)> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var total = 0;
        foreach (var choice in choices)
        {
            total += choice.Weight;
        }

        var draw = Next(total);
        foreach (var choice in choices)
        {
            if (draw < choice.Weight)
            {
                return choice.Value;
            }

            draw -= choice.Weight;
        }

        throw new InvalidOperationException("Unreachable: the draw is below the total weight.");
    }

    /// <summary>A string of <paramref name="length"/> random ASCII digits.</summary>
    public string Digits(int length)
    {
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + Next(10));
        }

        return new string(digits);
    }

    /// <summary>SplitMix64's finaliser (Steele, Lea, Flood 2014).</summary>
    internal static ulong SplitMix64(ulong value)
    {
        var z = unchecked(value + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
