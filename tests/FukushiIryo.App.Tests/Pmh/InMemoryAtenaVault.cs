using FukushiIryo.App.Linkage;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.App.Tests.Pmh;

/// <summary>
/// A stand-in for the 宛名 module's vault until its implementation lands (wip-atena): 宛名番号 → 個人番号
/// in memory, every reveal recorded (actor, purpose, the 宛名番号 asked for). Reveal refuses an actor
/// not listed in <see cref="Revealers"/>, as the real vault refuses one without 宛名管理.
/// </summary>
internal sealed class InMemoryAtenaVault : IAtenaVault
{
    private readonly Dictionary<string, MyNumber> numbers = new(StringComparer.Ordinal);

    private long issued;

    public HashSet<string> Revealers { get; } = new(StringComparer.Ordinal);

    public List<(string Actor, string Purpose, IReadOnlyList<string> AtenaNumbers)> Reveals { get; } = [];

    /// <summary>A valid 個人番号 from its first 11 digits (the check digit computed by trying each).</summary>
    public static MyNumber Number(string first11) =>
        Enumerable.Range(0, 10).Select(d => first11 + d).Where(MyNumber.IsValid).Select(MyNumber.Parse).Single();

    public Task LinkAsync(string atenaNumber, MyNumber myNumber, string actor, CancellationToken cancellationToken = default)
    {
        numbers[atenaNumber] = myNumber;
        return Task.CompletedTask;
    }

    public Task<string?> FindAtenaNumberAsync(MyNumber myNumber, string actor, CancellationToken cancellationToken = default) =>
        Task.FromResult<string?>(numbers.FirstOrDefault(pair => pair.Value.Equals(myNumber)).Key);

    public Task<bool> HasMyNumberAsync(string atenaNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(numbers.ContainsKey(atenaNumber));

    public Task<IReadOnlyDictionary<string, MyNumber>> RevealAsync(
        IReadOnlyCollection<string> atenaNumbers, string actor, string purpose, CancellationToken cancellationToken = default)
    {
        if (!Revealers.Contains(actor))
        {
            throw new AtenaVaultRefusedException("個人番号を表示する権限がありません。", notPermitted: true);
        }

        Reveals.Add((actor, purpose, [.. atenaNumbers]));
        IReadOnlyDictionary<string, MyNumber> found = atenaNumbers.Where(numbers.ContainsKey).Distinct(StringComparer.Ordinal)
            .ToDictionary(a => a, a => numbers[a], StringComparer.Ordinal);
        return Task.FromResult(found);
    }

    /// <summary>Issues 9000000001, 9000000002, … as the real issuer's 住登外 range does.</summary>
    public Task<string> IssueAtenaNumberAsync(string actor, CancellationToken cancellationToken = default) =>
        Task.FromResult("9" + Interlocked.Increment(ref issued).ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
}
