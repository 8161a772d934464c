namespace FukushiIryo.Atena.Data;

/// <summary>
/// One link 宛名番号 ↔ 個人番号 in the vault (個人番号紐付け). The number is never stored in clear: <see cref="Sealed"/>
/// holds it encrypted with AES-256-GCM under the key of <see cref="KeyVersion"/> (the 宛名番号 is the associated
/// data, so a sealed value cannot be moved to another row), and <see cref="LookupHash"/> is its HMAC-SHA256 under
/// the same key version, the index for the lookup by 個人番号. Links are history: a replaced link keeps its row,
/// superseded (<see cref="SupersededAt"/>), and nothing is deleted.
/// </summary>
public sealed class MyNumberLink
{
    public long Id { get; set; }

    /// <summary>宛名番号 (leading zeros significant).</summary>
    public string AtenaNumber { get; set; } = string.Empty;

    /// <summary>nonce (12 bytes) ‖ ciphertext (12 bytes) ‖ tag (16 bytes).</summary>
    public byte[] Sealed { get; set; } = [];

    /// <summary>HMAC-SHA256 of the 12 digits under the index key of <see cref="KeyVersion"/>.</summary>
    public byte[] LookupHash { get; set; } = [];

    /// <summary>The key ring's version that sealed and hashed this row.</summary>
    public int KeyVersion { get; set; }

    public DateTimeOffset LinkedAt { get; set; }

    public string LinkedBy { get; set; } = string.Empty;

    /// <summary>Where the link came from: <c>import:ID</c> (the welfare 取込履歴 row), <c>vault</c> (a call of LinkAsync).</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>When a newer link for the same 宛名番号 replaced this one; null while current.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    public string? SupersededBy { get; set; }
}
