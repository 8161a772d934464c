using System.Globalization;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Formats.Payments;

/// <summary>
/// One paid claim (レセプト) of a payment run with every step of its 助成額 (SubsidyResult): one line
/// of <c>detail-YYYYMM.csv</c>. Flat, so the run can fill it from what it stored as well as from a
/// fresh computation (<see cref="From"/>). Never holds a 個人番号.
/// </summary>
public sealed record PaymentDetailRow
{
    /// <summary>処理年月 of the run.</summary>
    public YearMonth ProcessingMonth { get; init; }

    /// <summary>支払日 (振込指定日).</summary>
    public DateOnly PayDate { get; init; }

    /// <summary>The claim's id in the system (MedicalClaim), to trace a line back.</summary>
    public long ClaimId { get; init; }

    /// <summary>受給者番号 of the patient (受診者).</summary>
    public string RecipientNumber { get; init; } = string.Empty;

    /// <summary>受給者番号 of the payee (the parent or carer; the child itself for an orphan without a carer).</summary>
    public string PayeeRecipientNumber { get; init; } = string.Empty;

    /// <summary>診療年月.</summary>
    public YearMonth ServiceMonth { get; init; }

    /// <summary>医療機関コード.</summary>
    public string ProviderCode { get; init; } = string.Empty;

    /// <summary>レセプト種別: 点数表 and 入外.</summary>
    public ClaimKind Kind { get; init; }

    /// <summary>実日数; null when the claim does not give it.</summary>
    public int? DaysOfCare { get; init; }

    /// <summary>総医療費.</summary>
    public long TotalCost { get; init; }

    /// <summary>保険自己負担額.</summary>
    public long SelfPay { get; init; }

    /// <summary>The self-pay was derived from 点数 (D12) rather than given.</summary>
    public bool SelfPayDerived { get; init; }

    /// <summary>長期 (特定疾病療養受療証).</summary>
    public bool LongTerm { get; init; }

    /// <summary>What the 長期 cap took off the self-pay.</summary>
    public long LongTermReduction { get; init; }

    /// <summary>高額療養費 deducted.</summary>
    public long HighCostRefund { get; init; }

    /// <summary>高額療養費 was estimated (D5).</summary>
    public bool HighCostEstimated { get; init; }

    /// <summary>附加給付 deducted.</summary>
    public long ExtraBenefit { get; init; }

    /// <summary>附加給付 was estimated (D6).</summary>
    public bool ExtraBenefitEstimated { get; init; }

    /// <summary>他公費負担額 deducted.</summary>
    public long OtherPublicAmount { get; init; }

    /// <summary>食事療養額 (never paid, D14).</summary>
    public long MealAmount { get; init; }

    /// <summary>対象額.</summary>
    public long Target { get; init; }

    /// <summary>一部負担金 charged on this claim.</summary>
    public long Copayment { get; init; }

    /// <summary>助成額.</summary>
    public long Subsidy { get; init; }

    /// <summary>The line of a claim and its computed result.</summary>
    /// <exception cref="ArgumentException">The result is not the claim's.</exception>
    public static PaymentDetailRow From(
        YearMonth processingMonth,
        DateOnly payDate,
        string recipientNumber,
        string payeeRecipientNumber,
        SubsidyClaim claim,
        SubsidyResult result)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(result);
        if (claim.ClaimId != result.ClaimId)
        {
            throw new ArgumentException($"The result of claim {result.ClaimId} was given with claim {claim.ClaimId}.", nameof(result));
        }

        return new PaymentDetailRow
        {
            ProcessingMonth = processingMonth,
            PayDate = payDate,
            ClaimId = claim.ClaimId,
            RecipientNumber = recipientNumber,
            PayeeRecipientNumber = payeeRecipientNumber,
            ServiceMonth = claim.ServiceMonth,
            ProviderCode = claim.ProviderCode,
            Kind = claim.Kind,
            DaysOfCare = claim.DaysOfCare,
            TotalCost = result.TotalCost,
            SelfPay = result.SelfPay,
            SelfPayDerived = result.SelfPayDerived,
            LongTerm = claim.LongTerm,
            LongTermReduction = result.LongTermReduction,
            HighCostRefund = result.HighCostRefund,
            HighCostEstimated = result.HighCostEstimated,
            ExtraBenefit = result.ExtraBenefit,
            ExtraBenefitEstimated = result.ExtraBenefitEstimated,
            OtherPublicAmount = result.OtherPublicAmount,
            MealAmount = result.MealAmount,
            Target = result.Target,
            Copayment = result.Copayment,
            Subsidy = result.Subsidy,
        };
    }
}

/// <summary>
/// Writes <c>detail-YYYYMM.csv</c> (interfaces.md §6): one line per paid claim with every step of the
/// computation; the columns are documented in docs/formats/payment-detail.md. Rows are written in
/// the order given (the run passes them in a defined order); the same rows give the same bytes.
/// </summary>
public static class PaymentDetailCsv
{
    /// <summary>The header line.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "処理年月", "支払日", "レセプトID", "受給者番号", "支払先受給者番号", "診療年月", "医療機関コード", "点数表", "入外", "実日数",
        "総医療費", "保険自己負担額", "算出区分", "長期", "長期減額", "高額療養費", "高額療養費推計", "附加給付", "附加給付推計",
        "他公費", "食事療養額", "対象額", "一部負担金", "助成額",
    ];

    /// <summary>Writes the header and the rows.</summary>
    /// <remarks>With <see cref="PaymentCsvEncoding.Cp932"/>, a character CP932 cannot write is replaced by the rule of <see cref="Cp932Text"/>.</remarks>
    public static void Write(Stream stream, IReadOnlyList<PaymentDetailRow> rows, PaymentCsvEncoding encoding = PaymentCsvEncoding.Utf8WithBom)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Format(rows, encoding));
    }

    /// <summary>The bytes <see cref="Write"/> writes.</summary>
    public static byte[] Format(IReadOnlyList<PaymentDetailRow> rows, PaymentCsvEncoding encoding = PaymentCsvEncoding.Utf8WithBom, ICollection<Cp932Replacement>? replacements = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return PaymentCsv.Format(Columns, rows.Select(Fields), encoding, replacements);
    }

    /// <summary>A writer of the same file row by row into <paramref name="stream"/> (the header written at once).</summary>
    public static PaymentCsvWriter<PaymentDetailRow> Writer(Stream stream, PaymentCsvEncoding encoding = PaymentCsvEncoding.Utf8WithBom, ICollection<Cp932Replacement>? replacements = null) =>
        new(stream, Columns, Fields, encoding, replacements);

    /// <summary>点数表 as interfaces.md §5 names it.</summary>
    public static string ScheduleName(ClaimKind kind) => kind switch
    {
        ClaimKind.MedicalOutpatient or ClaimKind.MedicalInpatient => "医科",
        ClaimKind.DentalOutpatient or ClaimKind.DentalInpatient => "歯科",
        ClaimKind.Pharmacy => "調剤",
        ClaimKind.HomeNursing => "訪問看護",
        ClaimKind.CareAllowance => "療養費",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown claim kind."),
    };

    private static string?[] Fields(PaymentDetailRow row) =>
    [
        row.ProcessingMonth.ToString(),
        row.PayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Number(row.ClaimId),
        row.RecipientNumber,
        row.PayeeRecipientNumber,
        row.ServiceMonth.ToString(),
        row.ProviderCode,
        ScheduleName(row.Kind),
        ClaimKinds.IsInpatient(row.Kind) ? "入院" : "外来",
        row.DaysOfCare?.ToString(CultureInfo.InvariantCulture),
        Number(row.TotalCost),
        Number(row.SelfPay),
        row.SelfPayDerived ? "算出" : "記載",
        Flag(row.LongTerm),
        Number(row.LongTermReduction),
        Number(row.HighCostRefund),
        Flag(row.HighCostEstimated),
        Number(row.ExtraBenefit),
        Flag(row.ExtraBenefitEstimated),
        Number(row.OtherPublicAmount),
        Number(row.MealAmount),
        Number(row.Target),
        Number(row.Copayment),
        Number(row.Subsidy),
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "1" : "0";
}
