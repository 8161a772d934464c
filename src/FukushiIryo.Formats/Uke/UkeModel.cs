using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Uke;

/// <summary>審査支払機関 — who sends the claims (IR/UK/YK field 2; formats.md §1.5).</summary>
public enum Clearinghouse
{
    /// <summary>1 社会保険診療報酬支払基金 (社保).</summary>
    ShiharaiKikin = 1,

    /// <summary>2 国民健康保険団体連合会 (国保連).</summary>
    Kokuhoren = 2,
}

/// <summary>One UKE record kept as written: its record type, its fields (field 1 = the record type) and its physical line.</summary>
/// <param name="Line">The physical line number (1-based).</param>
/// <param name="Fields">All fields, split at commas, as written (index 0 is the 2-letter record type).</param>
public sealed record UkeRawRecord(long Line, IReadOnlyList<string> Fields)
{
    /// <summary>The 2-letter record identifier (<c>SY</c>, <c>SI</c>, …).</summary>
    public string RecordType => Fields[0];

    /// <summary>Field <paramref name="number"/> (1-based as in the 記録条件仕様), or "" when the record is shorter.</summary>
    public string Field(int number) => number >= 1 && number <= Fields.Count ? Fields[number - 1] : string.Empty;
}

/// <summary>
/// A header record — IR 医療機関情報 (医科, and 歯科 in the ORCA form), UK (歯科) or YK 薬局情報 (調剤) —
/// and the receipts that follow it up to the next header (formats.md §1.2, §1.5; docs/formats/uke.md).
/// </summary>
public sealed class UkeHeader
{
    internal UkeHeader(UkeRawRecord record) => Record = record;

    /// <summary>The record as written.</summary>
    public UkeRawRecord Record { get; }

    /// <summary>The physical line of the header.</summary>
    public long Line => Record.Line;

    /// <summary><c>IR</c>, <c>UK</c> or <c>YK</c>.</summary>
    public string RecordType => Record.RecordType;

    /// <summary>審査支払機関 (field 2).</summary>
    public Clearinghouse Clearinghouse { get; internal set; }

    /// <summary>都道府県番号 (field 3, 2 digits; 奈良 = 29).</summary>
    public string PrefectureCode { get; internal set; } = string.Empty;

    /// <summary>点数表 (field 4): 医科 1, 歯科 3, 調剤 4.</summary>
    public FeeSchedule FeeSchedule { get; internal set; }

    /// <summary>医療機関コード (薬局コード) as written (digits, field 5).</summary>
    public string ProviderCodeText { get; internal set; } = string.Empty;

    /// <summary>The code with a valid check digit (formats.md §6.5), or <c>null</c> (then <see cref="Warnings"/> says why).</summary>
    public ProviderCode? ProviderCode { get; internal set; }

    /// <summary>医療機関名称 (薬局名称); <c>null</c> when the header form has none (歯科 IR) and no earlier header of the same provider named it.</summary>
    public string? ProviderName { get; internal set; }

    /// <summary>請求年月.</summary>
    public YearMonth BillingMonth { get; internal set; }

    /// <summary>How 請求年月 was written: <see cref="DateNotation.WarekiCode"/> (GYYMM) or <see cref="DateNotation.Compact"/> (YYYYMM).</summary>
    public DateNotation BillingMonthNotation { get; internal set; }

    /// <summary>マルチボリューム識別情報 as written (<c>00</c> = a single volume), or "".</summary>
    public string MultiVolume { get; internal set; } = string.Empty;

    /// <summary>Doubtful values of the header (a provider code with a bad check digit, a 和暦 after its era): for the rules, not file errors.</summary>
    public IReadOnlyList<ImportProblem> Warnings => WarningList;

    internal List<ImportProblem> WarningList { get; } = [];
}

/// <summary>
/// The レセプト種別 code (RE field 3; formats.md §1.6): 4 digits = 点数表, 保険の種別 (1 医保, 2 公費単独,
/// 3 後期高齢者, 4 退職者), 併用 (1 単独, 2–5: with 1–4 公費; for 公費単独 the number of 公費), 本人/家族 and 入外.
/// </summary>
public sealed record UkeClaimType(string Code)
{
    /// <summary>Digit 1: the 点数表 (1 医科, 3 歯科, 4 調剤).</summary>
    public int FeeScheduleDigit => Code[0] - '0';

    /// <summary>Digit 2: 1 医保, 2 公費単独, 3 後期高齢者, 4 退職者.</summary>
    public int InsuranceKind => Code[1] - '0';

    /// <summary>Whether the receipt is 公費単独 (no insurer; digit 2 = 2).</summary>
    public bool IsPublicOnly => InsuranceKind == 2;

    /// <summary>Digit 3 as written (1 単独, 2 二併, 3 三併, …).</summary>
    public int CombinationDigit => Code[2] - '0';

    /// <summary>Digit 4: 本人/家族/未就学者/高齢受給者 with 入院 (odd) or 入院外 (even, 0 included).</summary>
    public int PatientDigit => Code[3] - '0';

    /// <summary>
    /// 入院 when digit 4 is odd (1, 3, 5, 7, 9), 入院外 when even (2, 4, 6, 8, 0). 調剤 receipts
    /// (digit 1 = 4) are always 入院外 (interfaces.md §5: 調剤 is 外来).
    /// </summary>
    public bool IsInpatient => FeeScheduleDigit != (int)FeeSchedule.Pharmacy && PatientDigit % 2 == 1;

    public override string ToString() => Code;
}

/// <summary>RE — レセプト共通レコード (formats.md §1.6): the fields the system uses; the rest stay in <see cref="Record"/>.</summary>
public sealed class UkeClaimCommon
{
    internal UkeClaimCommon(UkeRawRecord record) => Record = record;

    /// <summary>The record as written.</summary>
    public UkeRawRecord Record { get; }

    /// <summary>レセプト番号 (field 2), sequential in the file.</summary>
    public int ClaimNumber { get; internal set; }

    /// <summary>レセプト種別 (field 3).</summary>
    public UkeClaimType ClaimType { get; internal set; } = new("0000");

    /// <summary>診療年月 (調剤: 調剤年月), field 4.</summary>
    public YearMonth ServiceMonth { get; internal set; }

    /// <summary>How 診療年月 was written (GYYMM or YYYYMM).</summary>
    public DateNotation ServiceMonthNotation { get; internal set; }

    /// <summary>氏名 (漢字) as written, field 5.</summary>
    public string Name { get; internal set; } = string.Empty;

    /// <summary>男女区分 (field 6): 1 男, 2 女.</summary>
    public int Sex { get; internal set; }

    /// <summary>生年月日 (field 7).</summary>
    public DateOnly BirthDate { get; internal set; }

    /// <summary>How 生年月日 was written (GYYMMDD or YYYYMMDD).</summary>
    public DateNotation BirthDateNotation { get; internal set; }

    /// <summary>給付割合 (field 8) in percent, e.g. 70; <c>null</c> when empty.</summary>
    public int? InsurerShareRate { get; internal set; }

    /// <summary>カタカナ（氏名） as written (医科 field 37, 歯科 26, 調剤 42); <c>null</c> when empty or absent.</summary>
    public string? KanaName { get; internal set; }
}

/// <summary>HO — 保険者レコード (formats.md §1.7); positions differ for 歯科 and 調剤.</summary>
public sealed class UkeInsurance
{
    internal UkeInsurance(UkeRawRecord record) => Record = record;

    /// <summary>The record as written.</summary>
    public UkeRawRecord Record { get; }

    /// <summary>保険者番号 as written without the spaces around it (a 国保 number <c>"  133066"</c> gives <c>133066</c>); "" when empty.</summary>
    public string InsurerNumberText { get; internal set; } = string.Empty;

    /// <summary>The insurer number when it is 6 or 8 digits with a valid check digit (8 digits with <c>00</c> read as 6), else <c>null</c> with a warning.</summary>
    public InsurerNumber? InsurerNumber { get; internal set; }

    /// <summary>被保険者証等の記号 as written (often full-width).</summary>
    public string CardSymbol { get; internal set; } = string.Empty;

    /// <summary>被保険者証等の番号 as written (often full-width).</summary>
    public string CardNumber { get; internal set; } = string.Empty;

    /// <summary>診療実日数 (調剤: 処方箋受付回数).</summary>
    public int? DaysOfCare { get; internal set; }

    /// <summary>合計点数.</summary>
    public long Points { get; internal set; }

    /// <summary>負担金額 医療保険 (一部負担金額) in yen; <c>null</c> when empty (often).</summary>
    public long? PatientShare { get; internal set; }

    /// <summary>食事療養・生活療養 回数 (医科, 歯科); <c>null</c> when empty.</summary>
    public int? MealCount { get; internal set; }

    /// <summary>食事療養・生活療養 合計金額 in yen (医科, 歯科); <c>null</c> when empty.</summary>
    public long? MealAmount { get; internal set; }
}

/// <summary>KO — 公費レコード (formats.md §1.8), one per 公費 in priority order.</summary>
public sealed class UkePublicExpense
{
    internal UkePublicExpense(UkeRawRecord record, int order)
    {
        Record = record;
        Order = order;
    }

    /// <summary>The record as written.</summary>
    public UkeRawRecord Record { get; }

    /// <summary>1 for 第一公費 … 4 for 第四公費 (the order of the KO records).</summary>
    public int Order { get; }

    /// <summary>公費負担者番号 as written (digits).</summary>
    public string PayerNumberText { get; internal set; } = string.Empty;

    /// <summary>The payer number when it is 8 digits with a valid check digit (formats.md §6.2), else <c>null</c> with a warning.</summary>
    public PayerNumber? PayerNumber { get; internal set; }

    /// <summary>公費受給者番号 as written (7 digits; empty for some programmes).</summary>
    public string RecipientNumberText { get; internal set; } = string.Empty;

    /// <summary>任意給付区分 as written.</summary>
    public string OptionalBenefit { get; internal set; } = string.Empty;

    /// <summary>診療実日数 (調剤: 処方箋受付回数).</summary>
    public int? DaysOfCare { get; internal set; }

    /// <summary>合計点数; <c>null</c> when empty.</summary>
    public long? Points { get; internal set; }

    /// <summary>負担金額 公費 (調剤: 一部負担金額) in yen: what the patient pays under this 公費; <c>null</c> when empty.</summary>
    public long? PatientShare { get; internal set; }

    /// <summary>公費給付対象一部負担金 in yen (医科: 外来 field 8, else 入院 field 9; 歯科 8; 調剤 10); <c>null</c> when empty.</summary>
    public long? CoveredPatientShare { get; internal set; }
}

/// <summary>SN — 資格確認レコード (R02+; formats.md §1.4): kept as text, one per payer confirmed.</summary>
public sealed class UkeQualification
{
    internal UkeQualification(UkeRawRecord record) => Record = record;

    /// <summary>The record as written.</summary>
    public UkeRawRecord Record { get; }

    /// <summary>負担者種別コード (field 2).</summary>
    public string PayerKind => Record.Field(2);

    /// <summary>確認区分コード (field 3).</summary>
    public string ConfirmationKind => Record.Field(3);

    /// <summary>保険者番号等（資格確認） (field 4), spaces around it removed.</summary>
    public string InsurerNumberText => Record.Field(4).Trim();

    /// <summary>記号 (field 5).</summary>
    public string CardSymbol => Record.Field(5);

    /// <summary>番号 (field 6).</summary>
    public string CardNumber => Record.Field(6);

    /// <summary>枝番 (field 7).</summary>
    public string CardSuffix => Record.Field(7);

    /// <summary>受給者番号 (field 8).</summary>
    public string RecipientNumberText => Record.Field(8).Trim();
}

/// <summary>
/// MF — 窓口負担額レコード (R02+). Its field list was not found (formats.md §1.4, Q2): only field 2
/// (窓口負担額区分) is named; every field stays in <see cref="Record"/>.
/// </summary>
public sealed class UkePatientShareRecord
{
    internal UkePatientShareRecord(UkeRawRecord record) => Record = record;

    /// <summary>The record as written.</summary>
    public UkeRawRecord Record { get; }

    /// <summary>窓口負担額区分 (field 2) as written.</summary>
    public string Category => Record.Field(2);
}

/// <summary>
/// One receipt: its RE and the records up to the next RE, header or GO. HO, KO, SN and MF are typed;
/// every other record (SY, SI, IY, HS, SS, CZ, an unknown type, …) is kept as written in
/// <see cref="OtherRecords"/>.
/// </summary>
public sealed class UkeClaim
{
    internal UkeClaim(UkeHeader header, UkeClaimCommon common)
    {
        Header = header;
        Common = common;
    }

    /// <summary>The header (IR/UK/YK) the receipt follows.</summary>
    public UkeHeader Header { get; }

    /// <summary>The RE record.</summary>
    public UkeClaimCommon Common { get; }

    /// <summary>The physical line of the RE record.</summary>
    public long Line => Common.Record.Line;

    /// <summary>The physical line of the receipt's last record.</summary>
    public long LastLine { get; internal set; }

    /// <summary>The HO record; <c>null</c> for a 公費単独 receipt.</summary>
    public UkeInsurance? Insurance { get; internal set; }

    /// <summary>The KO records in order (第一公費 first), 0 to 4.</summary>
    public IReadOnlyList<UkePublicExpense> PublicExpenses => PublicExpenseList;

    /// <summary>The SN records.</summary>
    public IReadOnlyList<UkeQualification> Qualifications => QualificationList;

    /// <summary>The MF record, if any.</summary>
    public UkePatientShareRecord? PatientShareRecord { get; internal set; }

    /// <summary>Every other record of the receipt, in file order, as written.</summary>
    public IReadOnlyList<UkeRawRecord> OtherRecords => OtherList;

    /// <summary>Doubtful contents (bad check digits, an empty 保険者番号, a 和暦 after its era) for the check rules: not file errors.</summary>
    public IReadOnlyList<ImportProblem> Warnings => WarningList;

    /// <summary>The receipt's 点数表 (its header's).</summary>
    public FeeSchedule FeeSchedule => Header.FeeSchedule;

    /// <summary>合計点数: the HO's, or for a 公費単独 receipt the first KO's (0 when it has none).</summary>
    public long TotalPoints => Insurance?.Points ?? (PublicExpenseList.Count > 0 ? PublicExpenseList[0].Points ?? 0 : 0);

    /// <summary>How many payers the receipt bills (HO and KO records): what GO 総件数 counts (formats.md §1.4).</summary>
    public int PayerCount => (Insurance is null ? 0 : 1) + PublicExpenseList.Count;

    internal List<UkePublicExpense> PublicExpenseList { get; } = [];

    internal List<UkeQualification> QualificationList { get; } = [];

    internal List<UkeRawRecord> OtherList { get; } = [];

    internal List<ImportProblem> WarningList { get; } = [];
}
