using System.Globalization;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Formats.Payments;

/// <summary>What one accounting line of the 現物給付 settlement pays (decisions.md D17).</summary>
public enum InKindAccountingLineKind
{
    /// <summary>助成額（現物給付）: the 請求書's amount of the 審査支払機関 for the month.</summary>
    Subsidy = 1,

    /// <summary>審査支払手数料: 件数 × 単価 from the ClearinghouseFee master.</summary>
    Fee = 2,
}

/// <summary>One line of <c>accounting-inkind-YYYYMM.csv</c>: one 機関 and month, its subsidy or its fee.</summary>
/// <param name="PayDate">支払日 of the settlement.</param>
/// <param name="Subject">科目 (settings payment.account-title).</param>
/// <param name="ProcessingMonth">処理年月.</param>
/// <param name="ClearinghouseName">審査支払機関 (国保連, 支払基金).</param>
/// <param name="Kind">助成額 or 審査支払手数料.</param>
/// <param name="Count">件数.</param>
/// <param name="UnitPrice">単価 (the fee per 件); null for the subsidy line.</param>
/// <param name="Amount">金額 in yen.</param>
public sealed record InKindAccountingRow(
    DateOnly PayDate, string Subject, YearMonth ProcessingMonth, string ClearinghouseName, InKindAccountingLineKind Kind, int Count, long? UnitPrice, long Amount);

/// <summary>
/// Writes <c>accounting-inkind-YYYYMM.csv</c> (docs/formats/in-kind-settlement.md): the accounting lines of
/// an approved 現物給付 settlement, one per 機関 and month plus its fee line, never through the 全銀 file.
/// Same rows, same bytes.
/// </summary>
public static class InKindAccountingCsv
{
    /// <summary>The header line.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["支払日", "科目", "処理年月", "審査支払機関", "区分", "件数", "単価", "金額"];

    /// <summary>The 区分 as written.</summary>
    public static string KindName(InKindAccountingLineKind kind) => kind switch
    {
        InKindAccountingLineKind.Subsidy => "助成額（現物給付）",
        InKindAccountingLineKind.Fee => "審査支払手数料",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static byte[] Format(IReadOnlyList<InKindAccountingRow> rows, PaymentCsvEncoding encoding = PaymentCsvEncoding.Utf8WithBom, ICollection<Cp932Replacement>? replacements = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return PaymentCsv.Format(Columns, rows.Select(row => new string?[]
        {
            row.PayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            row.Subject,
            row.ProcessingMonth.ToNumber().ToString("D6", CultureInfo.InvariantCulture),
            row.ClearinghouseName,
            KindName(row.Kind),
            row.Count.ToString(CultureInfo.InvariantCulture),
            row.UnitPrice?.ToString(CultureInfo.InvariantCulture),
            row.Amount.ToString(CultureInfo.InvariantCulture),
        }), encoding, replacements);
    }
}
