using FukushiIryo.App.Data;
using FukushiIryo.Domain.Eligibility;

namespace FukushiIryo.App.Eligibility;

/// <summary>受給者区分 (interfaces.md §4).</summary>
public enum RecipientKind
{
    /// <summary>父母.</summary>
    Parent = 1,

    /// <summary>養育者.</summary>
    Carer = 2,

    /// <summary>児童.</summary>
    Child = 3,

    /// <summary>父母のいない児童.</summary>
    Orphan = 4,
}

/// <summary>
/// 受給者: a parent, carer or child enrolled in the program, identified by its 受給者番号. Its
/// 資格 over time lives in <see cref="EligibilityRecord"/> rows.
/// </summary>
public sealed class Recipient : IVersionedAggregate
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    /// <summary>受給者番号: 7 digits with the MHLW check digit (decisions.md D10).</summary>
    public string RecipientNumber { get; set; } = string.Empty;

    public RecipientKind Kind { get; set; }

    /// <summary>親受給者: the parent or carer a child's subsidy is paid to; null for a parent, a carer or an orphan without a recipient carer.</summary>
    public long? ParentRecipientId { get; set; }

    public long? HouseholdId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>申請種別.</summary>
public enum ApplicationKind
{
    /// <summary>新規.</summary>
    New = 1,

    /// <summary>更新.</summary>
    Renewal = 2,

    /// <summary>変更.</summary>
    Change = 3,

    /// <summary>再交付.</summary>
    Reissue = 4,
}

/// <summary>決定結果: 認定 or 却下.</summary>
public enum DecisionResult
{
    Granted = 1,
    Rejected = 2,
}

/// <summary>給付区分 (給付方式).</summary>
public enum BenefitMethod
{
    /// <summary>現物給付.</summary>
    InKind = 1,

    /// <summary>自動償還.</summary>
    AutoReimbursement = 2,

    /// <summary>償還払い.</summary>
    ClaimReimbursement = 3,
}

/// <summary>県市区分.</summary>
public enum FundingShare
{
    /// <summary>県.</summary>
    Prefecture = 1,

    /// <summary>市.</summary>
    City = 2,
}

/// <summary>資格状態.</summary>
public enum EligibilityStatus
{
    /// <summary>有効.</summary>
    Active = 1,

    /// <summary>喪失.</summary>
    Lost = 2,
}

/// <summary>
/// 資格 of one recipient for a period: 資格管理画面 items 10–30 for a parent or carer and 31–45 for a
/// child (the child items are the same facts, so one row type holds both; the items that exist only
/// for one side are null on the other).
/// </summary>
public sealed class EligibilityRecord : HistoryRow
{
    public long RecipientId { get; set; }

    public EligibilityStatus Status { get; set; }

    /// <summary>申請種別.</summary>
    public ApplicationKind ApplicationKind { get; set; }

    /// <summary>申請理由.</summary>
    public string? ApplicationReason { get; set; }

    /// <summary>申請年月日.</summary>
    public DateOnly? AppliedOn { get; set; }

    /// <summary>職権: entered on the city's own authority, without an application.</summary>
    public bool ByAuthority { get; set; }

    /// <summary>ひとり親の状況.</summary>
    public string? SingleParentSituation { get; set; }

    /// <summary>ひとり親理由 (parent and carer rows).</summary>
    public SingleParentReason? SingleParentReason { get; set; }

    /// <summary>事由発生年月日.</summary>
    public DateOnly? ReasonArisenOn { get; set; }

    /// <summary>受給者（親／子）の状況.</summary>
    public string? RecipientSituation { get; set; }

    /// <summary>配偶者の状況.</summary>
    public string? SpouseSituation { get; set; }

    /// <summary>有期終了日.</summary>
    public DateOnly? FixedTermEnd { get; set; }

    /// <summary>決定年月日.</summary>
    public DateOnly? DecidedOn { get; set; }

    /// <summary>決定結果.</summary>
    public DecisionResult? DecisionResult { get; set; }

    /// <summary>決定理由.</summary>
    public string? DecisionReason { get; set; }

    /// <summary>有効期間 start.</summary>
    public DateOnly? CertificateValidFrom { get; set; }

    /// <summary>有効期間 end (inclusive, as printed on the 受給資格証).</summary>
    public DateOnly? CertificateValidTo { get; set; }

    /// <summary>給付区分.</summary>
    public BenefitMethod? BenefitMethod { get; set; }

    /// <summary>公費負担番号 (公費負担者番号).</summary>
    public string? PayerNumber { get; set; }

    /// <summary>資格取得日.</summary>
    public DateOnly? AcquiredOn { get; set; }

    /// <summary>他制度: another program the person receives.</summary>
    public string? OtherProgram { get; set; }

    /// <summary>県市区分.</summary>
    public FundingShare? FundingShare { get; set; }

    /// <summary>遠隔地 (child).</summary>
    public bool RemoteArea { get; set; }

    /// <summary>別居監護 (child).</summary>
    public bool SeparateCustody { get; set; }

    /// <summary>喪失日: the first day not eligible.</summary>
    public DateOnly? LostOn { get; set; }

    public LossReason? LossReason { get; set; }
}
