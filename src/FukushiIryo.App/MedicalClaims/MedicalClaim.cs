using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.MedicalClaims;

/// <summary>Where a claim (レセプト) came from.</summary>
public enum MedicalClaimSource
{
    /// <summary>A UKE file (レセプト電算) from 国保連 or 支払基金.</summary>
    Uke = 1,

    /// <summary>A 自動償還 (autopay) CSV row.</summary>
    Autopay = 2,

    /// <summary>A paid claim migrated from the previous system (<c>import paid-receipts</c>): never paid again.</summary>
    PaidMigrated = 3,

    /// <summary>償還払い: a recipient's receipt (領収書) entered by staff on the 償還払い入力 screen (<see cref="ManualClaimEntry"/>).</summary>
    Manual = 4,
}

/// <summary>点数表 of a claim (interfaces.md §5).</summary>
public enum MedicalClaimSchedule
{
    /// <summary>医科.</summary>
    Medical = 1,

    /// <summary>歯科.</summary>
    Dental = 2,

    /// <summary>調剤 (外来).</summary>
    Pharmacy = 3,

    /// <summary>訪問看護 (外来; 医療費 in yen).</summary>
    HomeNursing = 4,

    /// <summary>療養費 (外来; 医療費 in yen).</summary>
    CareAllowance = 5,
}

/// <summary>The result of matching (突合, interfaces.md §5).</summary>
public enum MedicalClaimMatchStatus
{
    /// <summary>照合済: linked to a recipient by strong keys.</summary>
    Matched = 1,

    /// <summary>要確認: a weak match (kana and birth date only, disagreeing keys, two candidates); never linked, staff decide.</summary>
    NeedsReview = 2,

    /// <summary>照合不能: no recipient matches; kept (claim data is never skipped).</summary>
    Unmatched = 3,
}

/// <summary>
/// レセプト (受診記録): one imported UKE claim, autopay row or migrated paid claim, as read (identifiers
/// as written, amounts in yen, months as <c>YYYYMM</c> integers) with the matching result. The records
/// as written are kept in <see cref="RawRecords"/>. Flat on purpose: bulk inserted (BulkInsert).
/// </summary>
public sealed class MedicalClaim
{
    public long Id { get; set; }

    public MedicalClaimSource Source { get; set; }

    /// <summary>The file it came from (取込履歴); null for a claim entered by hand (<see cref="MedicalClaimSource.Manual"/>).</summary>
    public long? ImportedFileId { get; set; }

    /// <summary>The staff member who entered a manual claim (償還払い); null for imported claims.</summary>
    public string? EnteredBy { get; set; }

    /// <summary>The physical line of the claim (the RE record of a UKE claim); for a manual claim its row on the entry screen.</summary>
    public long SourceLine { get; set; }

    /// <summary>審査支払機関 for UKE: kokuhoren / shiharai-kikin; null for autopay and migrated rows.</summary>
    public string? Clearinghouse { get; set; }

    /// <summary>処理年月 (<c>--month</c>) as YYYYMM; for a migrated paid claim the month of its 支払日.</summary>
    public int ProcessingMonth { get; set; }

    /// <summary>診療年月 as YYYYMM.</summary>
    public int ServiceMonth { get; set; }

    /// <summary>医療機関コード (7 digits) as written.</summary>
    public string ProviderCode { get; set; } = string.Empty;

    /// <summary>都道府県 (2 digits) of the provider.</summary>
    public string PrefectureCode { get; set; } = string.Empty;

    public string? ProviderName { get; set; }

    public MedicalClaimSchedule Schedule { get; set; }

    /// <summary>入外: 入院 when true.</summary>
    public bool Inpatient { get; set; }

    /// <summary>給付割合 (insurer's share, percent).</summary>
    public int? InsurerShareRate { get; set; }

    /// <summary>実日数.</summary>
    public int? DaysOfCare { get; set; }

    /// <summary>点数; null where the claim gives 医療費 instead.</summary>
    public long? Points { get; set; }

    /// <summary>医療費 in yen (訪問看護, 療養費).</summary>
    public long? MedicalCost { get; set; }

    /// <summary>一部負担金 / 窓口負担額 in yen as given; null when the claim gives none (derived from 点数 later, D12).</summary>
    public long? PatientShare { get; set; }

    /// <summary>食事療養額 in yen.</summary>
    public long? MealAmount { get; set; }

    /// <summary>高額療養費 in yen; null = unknown (D5), 0 = none.</summary>
    public long? HighCostRefund { get; set; }

    /// <summary>附加給付 in yen; null = unknown (D6), 0 = none.</summary>
    public long? ExtraBenefit { get; set; }

    /// <summary>他公費負担額 in yen; null = unknown.</summary>
    public long? OtherPublicAmount { get; set; }

    /// <summary>他公費: 公費負担者番号 of the claim's other 公費 (UKE KO records not of our programme), comma-separated.</summary>
    public string? OtherPayerNumbers { get; set; }

    /// <summary>長期 (特定疾病療養受療証).</summary>
    public bool LongTerm { get; set; }

    /// <summary>災害共済.</summary>
    public bool DisasterMutualAid { get; set; }

    /// <summary>公費負担者番号 as read (ours for UKE: the KO of our programme).</summary>
    public string? PayerNumber { get; set; }

    /// <summary>公費受給者番号 as read.</summary>
    public string? RecipientNumber { get; set; }

    /// <summary>保険者番号 as read (spaces removed).</summary>
    public string? InsurerNumber { get; set; }

    /// <summary>被保険者証等の記号 as read.</summary>
    public string? CardSymbol { get; set; }

    /// <summary>被保険者証等の番号 as read.</summary>
    public string? CardNumber { get; set; }

    /// <summary>氏名カナ as read.</summary>
    public string? KanaName { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>The recipient linked by strong keys (照合済); null otherwise.</summary>
    public long? RecipientId { get; set; }

    /// <summary>For 要確認: the recipient the weak keys point at (a suggestion for staff, not a link).</summary>
    public long? SuggestedRecipientId { get; set; }

    public MedicalClaimMatchStatus MatchStatus { get; set; }

    /// <summary>Why the match ended as it did (Japanese, for staff).</summary>
    public string MatchReason { get; set; } = string.Empty;

    /// <summary>The reader's warnings (doubtful contents for the check rules), one "列: 理由" a line.</summary>
    public string? Warnings { get; set; }

    /// <summary>支払日 of a migrated paid claim.</summary>
    public DateOnly? PaidOn { get; set; }

    /// <summary>助成額 in yen of a migrated paid claim.</summary>
    public long? SubsidyAmount { get; set; }

    /// <summary>The records as written (UKE: one record a line; CSV: the row's values).</summary>
    public string RawRecords { get; set; } = string.Empty;

    public DateTimeOffset ImportedAt { get; set; }
}

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<MedicalClaim>
{
    public void Configure(EntityTypeBuilder<MedicalClaim> builder)
    {
        builder.Property(r => r.Clearinghouse).HasMaxLength(20);
        builder.Property(r => r.ProviderCode).HasMaxLength(10);
        builder.Property(r => r.PrefectureCode).HasMaxLength(2);
        builder.Property(r => r.ProviderName).HasMaxLength(200);
        builder.Property(r => r.OtherPayerNumbers).HasMaxLength(100);
        builder.Property(r => r.PayerNumber).HasMaxLength(8);
        builder.Property(r => r.RecipientNumber).HasMaxLength(20);
        builder.Property(r => r.InsurerNumber).HasMaxLength(8);
        builder.Property(r => r.CardSymbol).HasMaxLength(40);
        builder.Property(r => r.CardNumber).HasMaxLength(40);
        builder.Property(r => r.KanaName).HasMaxLength(100);
        builder.Property(r => r.MatchReason).HasMaxLength(200);
        builder.Property(r => r.EnteredBy).HasMaxLength(100);
        builder.HasIndex(r => r.ImportedFileId);
        builder.HasIndex(r => new { r.RecipientId, r.ServiceMonth });
        builder.HasIndex(r => new { r.ProcessingMonth, r.MatchStatus });
    }
}
