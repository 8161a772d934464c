using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace FukushiIryo.App.Data;

/// <summary>
/// Per-phase Stopwatch sums for profiling bulk work (claims import, 審査 run, payment run, renewal decide step), switched on by the
/// environment variable <c>FUKUSHI_PHASE_TIMES=1</c>: each named phase adds its elapsed time and a
/// count, and at process exit the sums are written to standard error, one <c>PHASE name ms=… cpu_ms=… n=…</c>
/// line each, slowest first. cpu_ms is the process's CPU time (all threads, GC included) during the phase,
/// alloc_mb the bytes the process allocated during it (all threads):
/// on a loaded machine it says more than the wall time. Off (the default), a phase costs one static field read.
/// </summary>
public static class PhaseTimes
{
    private static readonly ConcurrentDictionary<string, long[]> Sums = new(StringComparer.Ordinal);

    /// <summary>True when <c>FUKUSHI_PHASE_TIMES</c> is set to 1.</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("FUKUSHI_PHASE_TIMES") == "1" && Register();

    /// <summary>Starts timing <paramref name="name"/>; dispose the result to add the elapsed time.</summary>
    public static Phase Start(string name) =>
        Enabled ? new(name, Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime.Ticks, GC.GetTotalAllocatedBytes()) : default;

    /// <summary>Where a phase started (wall and process CPU), for loops that time their phases back to back; default when off.</summary>
    public readonly record struct Mark(long Timestamp, TimeSpan Cpu, long Allocated);

    /// <summary>The mark of now (default when off: reading the clocks costs nothing then).</summary>
    public static Mark Now() => Enabled ? new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes()) : default;

    /// <summary>Adds the time since <paramref name="since"/> to <paramref name="name"/>. Off, it does nothing.</summary>
    public static void AddSince(string name, Mark since)
    {
        if (Enabled)
        {
            Add(name, since, Now());
        }
    }

    /// <summary>Ends the phase begun at <paramref name="mark"/> under <paramref name="name"/> and starts the next one there.</summary>
    public static void Lap(string name, ref Mark mark)
    {
        if (Enabled)
        {
            var now = Now();
            Add(name, mark, now);
            mark = now;
        }
    }

    /// <summary>Writes one <c>NOTE …</c> line (a size or a count worth knowing when profiling) to standard error, when enabled.</summary>
    public static void Note(string text)
    {
        if (Enabled)
        {
            Console.Error.WriteLine("NOTE " + text);
        }
    }

    /// <summary>The sums so far (wall and CPU milliseconds, count, megabytes allocated by the process), slowest first.</summary>
    public static IReadOnlyList<(string Name, double Milliseconds, double CpuMilliseconds, long Count, long AllocatedMegabytes)> Snapshot() =>
        Sums.Select(pair => (pair.Key, Stopwatch.GetElapsedTime(0, Interlocked.Read(ref pair.Value[0])).TotalMilliseconds,
                TimeSpan.FromTicks(Interlocked.Read(ref pair.Value[2])).TotalMilliseconds, Interlocked.Read(ref pair.Value[1]), Interlocked.Read(ref pair.Value[3]) >> 20))
            .OrderByDescending(row => row.Item3)
            .ToList();

    private static void Add(string name, Mark from, Mark to)
    {
        var sum = Sums.GetOrAdd(name, _ => new long[4]);
        Interlocked.Add(ref sum[0], to.Timestamp - from.Timestamp);
        Interlocked.Increment(ref sum[1]);
        Interlocked.Add(ref sum[2], (to.Cpu - from.Cpu).Ticks);
        Interlocked.Add(ref sum[3], to.Allocated - from.Allocated);
    }

    private static bool Register()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var (name, milliseconds, cpu, count, allocated) in Snapshot())
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PHASE {name} ms={milliseconds:F0} cpu_ms={cpu:F0} n={count} alloc_mb={allocated}"));
            }

            // The garbage collector's share: collections by generation, time paused, bytes allocated, and the JIT's.
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"NOTE gc gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F0} allocated_mb={GC.GetTotalAllocatedBytes() >> 20} jit_ms={System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount()}"));
        };
        return true;
    }

    /// <summary>A running phase (a struct: nothing is allocated).</summary>
    public readonly struct Phase(string? name, long started, long cpuStarted, long allocatedStarted) : IDisposable
    {
        public void Dispose()
        {
            if (name is null)
            {
                return;
            }

            var sum = Sums.GetOrAdd(name, _ => new long[4]);
            Interlocked.Add(ref sum[0], Stopwatch.GetTimestamp() - started);
            Interlocked.Increment(ref sum[1]);
            Interlocked.Add(ref sum[2], Environment.CpuUsage.TotalTime.Ticks - cpuStarted);
            Interlocked.Add(ref sum[3], GC.GetTotalAllocatedBytes() - allocatedStarted);
        }
    }
}
