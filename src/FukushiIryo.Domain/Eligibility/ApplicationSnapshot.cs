using FukushiIryo.Domain.Income;

namespace FukushiIryo.Domain.Eligibility;

/// <summary>Who applies for the household: 父母 (a parent) or 養育者 (a carer).</summary>
public enum ApplicantRole
{
    /// <summary>父母: 配偶者のいない父又は母.</summary>
    Parent = 1,

    /// <summary>養育者: 配偶者のいない祖父・祖母・兄・姉等 raising the child.</summary>
    Carer = 2,
}

/// <summary>
/// The facts the eligibility check reads of one person (the applicant or a child), as on the
/// application date. <see cref="Id"/> is the caller's key (e.g. the 宛名番号 or a form row), returned
/// with each finding; <see cref="Name"/> is shown in the Japanese messages.
/// </summary>
/// <param name="Insured">健康保険に加入している (国保, 社保 本人・家族, 後期) on the application date.</param>
/// <param name="PublicAssistance">生活保護を受けている.</param>
/// <param name="OtherPrograms">他制度: the programs the person receives (codes of the ProgramPrecedence master, e.g. 心身障害者医療, 子ども医療, 難病).</param>
/// <param name="ResidesInCity">住所が市内 (住登者, or 住登外 living in the city as the 宛名 shows).</param>
public abstract record PersonFacts(
    string Id,
    string Name,
    DateOnly BirthDate,
    bool Insured,
    bool PublicAssistance,
    IReadOnlyList<string> OtherPrograms,
    bool ResidesInCity);

/// <summary>
/// The parent or carer who applies.
/// </summary>
/// <param name="RegistryRelationship">住基上の続柄 of the applicant in its 住基 世帯 (世帯主, 妻, 子 …), null when unknown.</param>
/// <param name="Reason">ひとり親理由.</param>
/// <param name="ReasonArisenOn">事由発生年月日.</param>
/// <param name="FixedTermEnd">有期終了日 (the last eligible day of a time-limited reason such as 拘禁 or 保護命令).</param>
public sealed record ApplicantFacts(
    string Id,
    string Name,
    DateOnly BirthDate,
    ApplicantRole Role,
    string? RegistryRelationship,
    SingleParentReason? Reason,
    DateOnly? ReasonArisenOn,
    DateOnly? FixedTermEnd,
    bool Insured,
    bool PublicAssistance,
    IReadOnlyList<string> OtherPrograms,
    bool ResidesInCity)
    : PersonFacts(Id, Name, BirthDate, Insured, PublicAssistance, OtherPrograms, ResidesInCity);

/// <summary>A child of the application.</summary>
/// <param name="LivesWithApplicant">同居: in the applicant's 住基 世帯 (or at the same address).</param>
/// <param name="RemoteArea">遠隔地: the child lives outside the city (e.g. for school) and is supported by the applicant.</param>
/// <param name="SeparateCustody">別居監護: the applicant has custody of a child who lives apart.</param>
/// <param name="InChildWelfareFacility">児童福祉施設 入所 (措置 into a facility, foster care included).</param>
public sealed record ChildFacts(
    string Id,
    string Name,
    DateOnly BirthDate,
    bool Insured,
    bool PublicAssistance,
    IReadOnlyList<string> OtherPrograms,
    bool ResidesInCity,
    bool LivesWithApplicant,
    bool RemoteArea,
    bool SeparateCustody,
    bool InChildWelfareFacility)
    : PersonFacts(Id, Name, BirthDate, Insured, PublicAssistance, OtherPrograms, ResidesInCity);

/// <summary>Another member of the applicant's 住基 世帯 (not the applicant, not a child of the application).</summary>
/// <param name="RegistryRelationship">住基上の続柄 (interfaces.md §1): 妻（未届）/夫（未届） is the 住基 sign of 事実婚.</param>
public sealed record OtherMemberFacts(string Id, string Name, string? RegistryRelationship);

/// <summary>The city's own income criterion for eligibility (decisions.md D4 (a); setting <c>eligibility.city-income-criterion</c>).</summary>
public enum CityIncomeCriterion
{
    /// <summary>none: no income test for eligibility (the default).</summary>
    None = 1,

    /// <summary>partial-allowance-limits: the 児童扶養手当 一部支給 limits must be met.</summary>
    PartialAllowanceLimits = 2,
}

/// <summary>The result of the income test of one tested person (parent or carer, 扶養義務者, spouse).</summary>
public sealed record IncomeCriterionFact(string PersonId, string Name, IncomeCriterion Criterion);

/// <summary>
/// A household's application as the eligibility check reads it (新規申請, 更新): the parent or carer,
/// each child, the other members of the 住基 世帯, and, when the city criterion is enabled, the
/// income test results — all as on <see cref="ApplicationDate"/>.
/// </summary>
public sealed record ApplicationSnapshot(
    DateOnly ApplicationDate,
    ApplicantFacts Applicant,
    IReadOnlyList<ChildFacts> Children,
    IReadOnlyList<OtherMemberFacts> OtherMembers,
    CityIncomeCriterion IncomeCriterion,
    IReadOnlyList<IncomeCriterionFact> IncomeResults);
