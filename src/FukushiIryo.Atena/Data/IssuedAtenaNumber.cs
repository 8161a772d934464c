namespace FukushiIryo.Atena.Data;

/// <summary>
/// One 宛名番号 issued by the 宛名 module to a 住登外 person (住登外者の宛名番号発番; ADR 0027, 2026-11-29 section).
/// The table is the issuer's state: the next number is the highest <see cref="Sequence"/> plus one, and the unique
/// indexes on <see cref="Sequence"/> and <see cref="AtenaNumber"/> make two concurrent issues collide on insert
/// (the loser retries) instead of handing out the same number twice. Rows are never deleted.
/// </summary>
public sealed class IssuedAtenaNumber
{
    public long Id { get; set; }

    /// <summary>1, 2, 3, … in issue order.</summary>
    public long Sequence { get; set; }

    /// <summary>The 宛名番号 issued (<see cref="Vault.AtenaNumberIssuer.Format"/> of the sequence).</summary>
    public string AtenaNumber { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }

    public string IssuedBy { get; set; } = string.Empty;

    /// <summary>
    /// True when the number was already a person's in the welfare 台帳 or a link's in the vault (a 住基 number inside the 住登外 range,
    /// which the agreement with the 団体統合宛名システム rules out): the sequence is consumed, the number not handed out.
    /// </summary>
    public bool Skipped { get; set; }
}
