namespace FukushiIryo.Domain.Numbers;

/// <summary>
/// 点数表 — the fee schedule under which a provider bills. The value of each member is its
/// 点数表番号, the digit that enters the check digit of a <see cref="ProviderCode"/> and that the UKE
/// IR record carries.
/// </summary>
/// <remarks>
/// Only the schedules whose provider-code check digit formats.md §6.5 documents are listed
/// (医科 1, 歯科 3, 調剤 4). Other schedules (訪問看護 …) are to be added together with a documented
/// check-digit rule; <see cref="ProviderCode"/> refuses any value not listed here.
/// </remarks>
public enum FeeSchedule
{
    /// <summary>医科 (点数表番号 1).</summary>
    Medical = 1,

    /// <summary>歯科 (点数表番号 3).</summary>
    Dental = 3,

    /// <summary>調剤 (点数表番号 4).</summary>
    Pharmacy = 4,
}
