using FukushiIryo.App.Data;

namespace FukushiIryo.App.People;

/// <summary>
/// 福祉世帯: the household as the program sees it (the parent or carer and the children, with the
/// other members that matter to the income test), which may differ from the 住基 世帯.
/// </summary>
public sealed class WelfareHousehold : IVersionedAggregate
{
    public long Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// 福祉世帯情報 items 1–8: one member of a welfare household for a period: ValidFrom is the
/// 該当日 and ValidTo the 非該当日. 氏名, 住民コード and 年齢 come from the person.
/// </summary>
public sealed class HouseholdMember : HistoryRow
{
    public long HouseholdId { get; set; }

    public long PersonId { get; set; }

    /// <summary>住基上の続柄 (interfaces.md §1 vocabulary).</summary>
    public string? RegistryRelationship { get; set; }

    /// <summary>本人（子ども）から見た続柄, e.g. 母, 父, 祖母.</summary>
    public string? RelationshipToChild { get; set; }

    /// <summary>受給者との関係, e.g. 本人, 子, 扶養義務者.</summary>
    public string? RelationshipToRecipient { get; set; }
}
