using FukushiIryo.App.Data;

namespace FukushiIryo.App.People;

/// <summary>
/// A person (宛名) known to the program: parent, carer, child, 扶養義務者 or household member.
/// The identity is the 宛名番号 (<see cref="AtenaNumber"/>) given by the 団体統合宛名システム; what
/// changes over time lives in <see cref="PersonRecord"/> rows. Never holds a 個人番号.
/// </summary>
public sealed class Person : IVersionedAggregate
{
    public long Id { get; set; }

    /// <summary>宛名番号 (住民コード): a string, leading zeros significant.</summary>
    public string AtenaNumber { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>性別 as the 住基 codes it: 1 男, 2 女, 9 不明.</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
    Unknown = 9,
}

/// <summary>住民区分: 住登者 (registered in the city) or 住登外 (not registered).</summary>
public enum ResidencyStatus
{
    Registered = 1,
    Unregistered = 2,
}

/// <summary>
/// What the 宛名 says of a person for a period (資格管理画面 items 1–9 and 28): names, birth date,
/// sex, residency, address and the 住基 household. A 住基 異動 is a change; a 職権修正 of a wrong
/// value is a correction.
/// </summary>
public sealed class PersonRecord : HistoryRow
{
    public long PersonId { get; set; }

    /// <summary>漢字氏名, kept in its original characters (including those outside CP932).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>カナ氏名 (full-width katakana).</summary>
    public string NameKana { get; set; } = string.Empty;

    /// <summary>The kana search key: 全角/半角 and ひらがな/カタカナ folded, spaces removed.</summary>
    public string NameKanaKey { get; set; } = string.Empty;

    /// <summary>本国名使用有無: the name is the person's home-country name rather than a 通称.</summary>
    public bool UsesHomeCountryName { get; set; }

    public DateOnly BirthDate { get; set; }

    public Sex Sex { get; set; }

    public ResidencyStatus ResidencyStatus { get; set; }

    /// <summary>郵便番号, 7 digits without hyphen.</summary>
    public string? PostalCode { get; set; }

    public string Address { get; set; } = string.Empty;

    /// <summary>住基 世帯番号; empty for 住登外.</summary>
    public string? HouseholdNumber { get; set; }

    /// <summary>住基上の続柄 (interfaces.md §1 vocabulary); empty for 住登外.</summary>
    public string? RegistryRelationship { get; set; }
}

/// <summary>連絡先情報: 自宅・携帯電話番号.</summary>
public sealed class Contact : HistoryRow
{
    public long PersonId { get; set; }

    public string PhoneNumber { get; set; } = string.Empty;
}

/// <summary>
/// メモ情報: what staff heard from the applicant, 民生委員 certificates, other programs, 児童福祉施設,
/// 生活保護 and other notes. Append-only: a memo is never edited or deleted; a correction is a new
/// memo that names the one it corrects.
/// </summary>
public sealed class Memo
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public string Text { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    /// <summary>The memo this one corrects, if any.</summary>
    public long? CorrectsMemoId { get; set; }
}
