using System.Diagnostics;
using System.Globalization;

namespace FukushiIryo.App.Renewals;

/// <summary>
/// Stopwatch sums per phase of the decide step, for the benchmark (bench/renew-august.sh): on when
/// the environment variable <c>FUKUSHI_RENEWAL_PROFILE</c> is 1, written to standard error at the end
/// of the step as <c>PROFILE renewal.decide phase=… ms=… count=…</c> lines. Off, it costs a branch.
/// </summary>
internal sealed class DecideProfile
{
    private readonly Dictionary<string, (long Ticks, long Count, TimeSpan Cpu)> sums = [];

    private readonly Dictionary<long, TimeSpan> cpuAtStart = [];

    public static DecideProfile? FromEnvironment() =>
        Environment.GetEnvironmentVariable("FUKUSHI_RENEWAL_PROFILE") == "1" ? new DecideProfile() : null;

    /// <summary>Starts a phase: its timestamp (the process CPU time is noted under it).</summary>
    public long Start()
    {
        var started = Stopwatch.GetTimestamp();
        cpuAtStart[started] = Environment.CpuUsage.TotalTime;
        return started;
    }

    public void Stop(string phase, long started)
    {
        var elapsed = Stopwatch.GetTimestamp() - started;
        var cpu = cpuAtStart.Remove(started, out var before) ? Environment.CpuUsage.TotalTime - before : TimeSpan.Zero;
        sums[phase] = sums.TryGetValue(phase, out var sum) ? (sum.Ticks + elapsed, sum.Count + 1, sum.Cpu + cpu) : (elapsed, 1, cpu);
    }

    /// <summary>
    /// Ends the warm-up (the first batch, which pays for JIT and EF's query and update compilation):
    /// the sums so far are kept under <c>warmup.</c> names, so that the plain names sum the later batches.
    /// </summary>
    public void EndWarmUp()
    {
        foreach (var (phase, sum) in sums.Where(p => !p.Key.StartsWith("setup", StringComparison.Ordinal)).ToList())
        {
            sums.Remove(phase);
            sums["warmup." + phase] = sum;
        }
    }

    public void Write(TextWriter writer)
    {
        foreach (var (phase, (ticks, count, cpu)) in sums.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PROFILE renewal.decide phase={phase} wall_ms={ticks * 1000.0 / Stopwatch.Frequency:F1} cpu_ms={cpu.TotalMilliseconds:F1} count={count}"));
        }
    }
}
