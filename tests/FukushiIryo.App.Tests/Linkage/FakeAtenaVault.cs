using System.Collections.Concurrent;
using FukushiIryo.App.Linkage;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.App.Tests.Linkage;

/// <summary>
/// An in-memory <see cref="IAtenaVault"/> for tests until the 宛名 module lands (wip-atena): links in a
/// dictionary, every call recorded (actor, method, 宛名番号; never the digits). Linked into the Web and
/// CLI test projects too.
/// </summary>
public sealed class FakeAtenaVault : IAtenaVault
{
    private readonly ConcurrentDictionary<string, MyNumber> links = new(StringComparer.Ordinal);

    private long issued;

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The 12-digit 個人番号 that starts with the 11 digits given (the one check digit that fits).</summary>
    public static string NumberFor(string elevenDigits) =>
        Enumerable.Range(0, 10).Select(d => elevenDigits + d.ToString(System.Globalization.CultureInfo.InvariantCulture)).Single(MyNumber.IsValid);

    public IReadOnlyDictionary<string, MyNumber> Links => links;

    public Task LinkAsync(string atenaNumber, MyNumber myNumber, string actor, CancellationToken cancellationToken = default)
    {
        if (links.Any(pair => pair.Value == myNumber && pair.Key != atenaNumber))
        {
            throw new AtenaVaultRefusedException("この個人番号は別の宛名番号に紐付いています。");
        }

        links[atenaNumber] = myNumber;
        Calls.Enqueue($"{actor} link {atenaNumber}");
        return Task.CompletedTask;
    }

    public Task<string?> FindAtenaNumberAsync(MyNumber myNumber, string actor, CancellationToken cancellationToken = default)
    {
        var found = links.FirstOrDefault(pair => pair.Value == myNumber).Key;
        Calls.Enqueue($"{actor} find {found ?? "-"}");
        return Task.FromResult(found);
    }

    public Task<bool> HasMyNumberAsync(string atenaNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(links.ContainsKey(atenaNumber));

    public Task<IReadOnlyDictionary<string, MyNumber>> RevealAsync(IReadOnlyCollection<string> atenaNumbers, string actor, string purpose, CancellationToken cancellationToken = default) =>
        throw new AtenaVaultRefusedException("テスト用の保管庫は開示しません。", notPermitted: true);

    /// <summary>Issues 9000000001, 9000000002, … as the real issuer's 住登外 range does.</summary>
    public Task<string> IssueAtenaNumberAsync(string actor, CancellationToken cancellationToken = default) =>
        Task.FromResult("9" + Interlocked.Increment(ref issued).ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
}
