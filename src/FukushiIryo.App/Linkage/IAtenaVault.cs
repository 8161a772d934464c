using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.App.Linkage;

/// <summary>
/// The welfare side's only way into the 宛名 module's 個人番号 vault (評価書 システム2; architecture.md §1.7,
/// §5; pia-controls.md P16). The welfare database never holds a 個人番号: callers pass one in
/// (<see cref="LinkAsync"/>, <see cref="FindAtenaNumberAsync"/>) or take one out for the one export that
/// needs it (<see cref="RevealAsync"/>, PMH) and never store it. Every call is audited by the vault with the
/// 宛名番号 and never the number. The implementation lives in the FukushiIryo.Atena project (its own
/// database, <c>FUKUSHI_ATENA_DB</c>, and its own key ring); hosts compose it.
/// </summary>
public interface IAtenaVault
{
    /// <summary>Stores (or replaces, keeping the old row superseded) the link 宛名番号 ↔ 個人番号; audited.</summary>
    /// <exception cref="AtenaVaultRefusedException">The 個人番号 is already linked to another 宛名番号.</exception>
    Task LinkAsync(string atenaNumber, MyNumber myNumber, string actor, CancellationToken cancellationToken = default);

    /// <summary>The 宛名番号 linked to a 個人番号, found through the keyed-hash (HMAC) index; null when none. Audited.</summary>
    Task<string?> FindAtenaNumberAsync(MyNumber myNumber, string actor, CancellationToken cancellationToken = default);

    /// <summary>Whether a 個人番号 is on file for the 宛名番号 (no disclosure, not audited as a reveal).</summary>
    Task<bool> HasMyNumberAsync(string atenaNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// The 個人番号 of each of <paramref name="atenaNumbers"/> that has one (others are absent from the result),
    /// decrypted for <paramref name="purpose"/>. Only an actor holding the 宛名管理 permission may reveal; every
    /// reveal is audited (one entry per call, with the count and purpose).
    /// </summary>
    /// <exception cref="AtenaVaultRefusedException">The actor may not reveal (NotPermitted).</exception>
    Task<IReadOnlyDictionary<string, MyNumber>> RevealAsync(
        IReadOnlyCollection<string> atenaNumbers, string actor, string purpose, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a new 宛名番号 for a 住登外 person (one not numbered by the 団体統合宛名システム), from the range reserved
    /// for 住登外 (ADR 0027); never the same number twice, also under concurrent calls. Audited (<c>atena.number_issued</c>).
    /// </summary>
    Task<string> IssueAtenaNumberAsync(string actor, CancellationToken cancellationToken = default);
}

/// <summary>The vault refused a call: <see cref="NotPermitted"/> for a missing permission (exit 3), else rejected input (exit 1).</summary>
public sealed class AtenaVaultRefusedException(string message, bool notPermitted = false) : InvalidOperationException(message)
{
    public bool NotPermitted { get; } = notPermitted;
}
