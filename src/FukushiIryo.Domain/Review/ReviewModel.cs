using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.Domain.Review;

/// <summary>How bad a finding of a check rule (審査) is.</summary>
public enum ReviewSeverity
{
    /// <summary>要確認: staff decide before the claim is paid.</summary>
    NeedsReview = 1,

    /// <summary>否: the claim is not paid.</summary>
    Rejected = 2,
}

/// <summary>A claim's outcome (glossary: 可 / 要確認 / 否): the worst severity of its findings.</summary>
public enum ReviewOutcome
{
    /// <summary>可: no finding.</summary>
    Accepted = 0,

    /// <summary>要確認: at least one finding, none 否.</summary>
    NeedsReview = 1,

    /// <summary>否: at least one 否 finding.</summary>
    Rejected = 2,
}

/// <summary>点数表 of a claim (the same values as the App's MedicalClaimSchedule).</summary>
public enum ClaimSchedule
{
    /// <summary>医科.</summary>
    Medical = 1,

    /// <summary>歯科.</summary>
    Dental = 2,

    /// <summary>調剤.</summary>
    Pharmacy = 3,

    /// <summary>訪問看護 (医療費 in yen).</summary>
    HomeNursing = 4,

    /// <summary>療養費 (医療費 in yen).</summary>
    CareAllowance = 5,
}

/// <summary>Where a claim came from (the App's MedicalClaimSource plus manual claims).</summary>
public enum ClaimOrigin
{
    /// <summary>A UKE file.</summary>
    Uke = 1,

    /// <summary>An autopay (自動償還) row.</summary>
    Autopay = 2,

    /// <summary>A paid claim migrated from the previous system: never paid again, always history.</summary>
    PaidMigrated = 3,

    /// <summary>A manual claim (償還払い) keyed by staff.</summary>
    Manual = 4,
}

/// <summary>
/// The facts of one claim (レセプト) that the check rules read, as imported: identifiers as written,
/// amounts in yen, null where the claim says nothing.
/// </summary>
public sealed record ReviewClaim
{
    /// <summary>The claim's id; among claims of equal keys the lower id was received first.</summary>
    public long Id { get; init; }

    public ClaimOrigin Origin { get; init; } = ClaimOrigin.Uke;

    /// <summary>The recipient the claim is linked to (照合済); null when not linked.</summary>
    public long? RecipientId { get; init; }

    /// <summary>診療年月.</summary>
    public YearMonth ServiceMonth { get; init; }

    /// <summary>処理年月: the month the claim was delivered or accepted.</summary>
    public YearMonth ProcessingMonth { get; init; }

    /// <summary>医療機関コード (7 digits) as written.</summary>
    public string ProviderCode { get; init; } = string.Empty;

    /// <summary>都道府県番号 (2 digits) of the provider.</summary>
    public string PrefectureCode { get; init; } = string.Empty;

    public ClaimSchedule Schedule { get; init; } = ClaimSchedule.Medical;

    /// <summary>入外: 入院 when true.</summary>
    public bool Inpatient { get; init; }

    /// <summary>給付割合: the insurer's share in percent (70, 80, 90).</summary>
    public int? InsurerShareRate { get; init; }

    public long? Points { get; init; }

    /// <summary>医療費 in yen where the claim has no 点数 (訪問看護, 療養費).</summary>
    public long? MedicalCost { get; init; }

    /// <summary>窓口負担額 / 一部負担金 in yen as given.</summary>
    public long? PatientShare { get; init; }

    /// <summary>他公費負担額 in yen; null = unknown.</summary>
    public long? OtherPublicAmount { get; init; }

    /// <summary>公費負担者番号 of other 公費 on the claim, comma-separated.</summary>
    public string? OtherPayerNumbers { get; init; }

    /// <summary>長期 (特定疾病療養受療証).</summary>
    public bool LongTerm { get; init; }

    /// <summary>災害共済 (JSC 災害共済給付).</summary>
    public bool DisasterMutualAid { get; init; }

    /// <summary>公費受給者番号 as written.</summary>
    public string? RecipientNumber { get; init; }

    /// <summary>保険者番号 as written.</summary>
    public string? InsurerNumber { get; init; }

    /// <summary>生年月日 as written.</summary>
    public DateOnly? BirthDate { get; init; }
}

/// <summary>One insurance (保険) of the recipient: the insurer and the days it covered, both ends inclusive.</summary>
public sealed record InsuranceSpell(string InsurerNumber, DatePeriod Period);

/// <summary>
/// The registered facts of the recipient a claim is linked to. Periods are whole days, both ends
/// inclusive; an open-ended period ends on <see cref="DateOnly.MaxValue"/>.
/// </summary>
public sealed record ReviewRecipient
{
    /// <summary>受給者番号 as registered.</summary>
    public string RecipientNumber { get; init; } = string.Empty;

    public DateOnly BirthDate { get; init; }

    /// <summary>資格期間: the days the person was eligible.</summary>
    public IReadOnlyList<DatePeriod> EligibilityPeriods { get; init; } = [];

    /// <summary>The insurances registered for the person.</summary>
    public IReadOnlyList<InsuranceSpell> Insurance { get; init; } = [];

    /// <summary>生活保護 periods known for the person.</summary>
    public IReadOnlyList<DatePeriod> PublicAssistancePeriods { get; init; } = [];
}

/// <summary>Figures the rules take from dated master data.</summary>
/// <param name="ClaimDeadlineMonths">
/// 請求期限: the last 処理年月 allowed is the 診療月 plus this many months (master ClaimDeadline).
/// </param>
public sealed record ReviewParameters(int ClaimDeadlineMonths);

/// <summary>Everything one claim is judged on.</summary>
/// <param name="Claim">The claim under review.</param>
/// <param name="Recipient">The linked recipient's registered facts; null when the claim is not linked.</param>
/// <param name="History">Other claims (imported, manual and migrated) of any person, for 重複請求; may contain the claim itself.</param>
/// <param name="Today">The day of the review (JST).</param>
/// <param name="Parameters">Master figures in force.</param>
/// <param name="Subsidy">
/// The claim as the 助成額 computation reads it, with its master terms resolved (高額療養費 区分 and limits,
/// 附加給付, 長期 cap, 一部負担金); null when the claim is not linked or its terms could not be resolved.
/// Rules R13–R15 read it.
/// </param>
public sealed record ReviewContext(
    ReviewClaim Claim,
    ReviewRecipient? Recipient,
    IReadOnlyList<ReviewClaim> History,
    DateOnly Today,
    ReviewParameters Parameters,
    Payments.SubsidyClaim? Subsidy = null);

/// <summary>One reason a claim is not simply 可.</summary>
/// <param name="Code">The rule's stable code (R01 …).</param>
/// <param name="Severity">要確認 or 否.</param>
/// <param name="Message">Japanese, for staff; never a 個人番号.</param>
public sealed record ReviewFinding(string Code, ReviewSeverity Severity, string Message);

/// <summary>A claim's outcome with its reasons, in rule order.</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, IReadOnlyList<ReviewFinding> Findings);
