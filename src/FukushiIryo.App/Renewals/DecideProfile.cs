using FukushiIryo.App.Data;

namespace FukushiIryo.App.Renewals;

/// <summary>
/// The phases of the decide step, summed in the shared <see cref="PhaseTimes"/> as
/// <c>renewal.decide.PHASE</c> (printed as <c>PHASE</c> lines at exit with <c>FUKUSHI_PHASE_TIMES=1</c>,
/// as bench/renew-august.sh does). The first batch, which pays for JIT and EF's query and update
/// compilation, is summed apart as <c>renewal.decide.warmup.PHASE</c> so that the plain names are the
/// steady state. Null (off) unless phase times are on: then a phase costs a null check.
/// </summary>
internal sealed class DecideProfile
{
    private bool warmedUp;

    public static DecideProfile? FromEnvironment() => PhaseTimes.Enabled ? new DecideProfile() : null;

    /// <summary>Ends the phase begun at <paramref name="started"/> (<see cref="PhaseTimes.Now"/>).</summary>
    public void Stop(string phase, PhaseTimes.Mark started)
    {
        var name = warmedUp || phase.StartsWith("setup", StringComparison.Ordinal) ? phase : "warmup." + phase;
        PhaseTimes.AddSince("renewal.decide." + name, started);
    }

    /// <summary>Ends the warm-up (the first batch): later phases are summed under their plain names.</summary>
    public void EndWarmUp() => warmedUp = true;
}
