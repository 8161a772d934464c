namespace FukushiIryo.Domain.Text;

/// <summary>
/// 預金種目 / 口座種別 (account kind) with its 全銀 code as the value (formats.md §3, data record
/// position 43).
/// </summary>
public enum AccountType
{
    /// <summary>普通 (ordinary deposit), code 1.</summary>
    Ordinary = 1,

    /// <summary>当座 (current account), code 2.</summary>
    Current = 2,

    /// <summary>貯蓄 (savings deposit), code 4.</summary>
    Savings = 4,

    /// <summary>その他, code 9.</summary>
    Other = 9,
}
