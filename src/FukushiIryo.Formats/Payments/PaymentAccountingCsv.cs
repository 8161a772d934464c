using System.Globalization;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Formats.Payments;

/// <summary>
/// One line of the 支出命令データ (accounting CSV, interfaces.md §6): one payee of a payment run
/// (or, for 現物給付, one 審査支払機関 per month, decisions.md D17, without a 受給者番号).
/// </summary>
/// <param name="PayDate">支払日 (the 振込指定日).</param>
/// <param name="Subject">科目 (the budget item, from settings).</param>
/// <param name="RecipientNumber">受給者番号 of the payee; null for a line that is not a person.</param>
/// <param name="AtenaNumber">宛名番号 of the payee; null for a line that is not a person.</param>
/// <param name="BankCode">金融機関コード (4 digits).</param>
/// <param name="BranchCode">支店コード (3 digits).</param>
/// <param name="AccountType">口座種別, written as its 全銀 code; null when there is no account.</param>
/// <param name="AccountNumber">口座番号, written zero-filled to 7 digits as in the 全銀 file.</param>
/// <param name="AccountHolderKana">口座名義カナ, written as given (the caller passes the form it writes to the 全銀 file).</param>
/// <param name="Count">件数: the number of paid claims.</param>
/// <param name="Amount">金額 in yen.</param>
public sealed record PaymentAccountingRow(
    DateOnly PayDate,
    string Subject,
    string? RecipientNumber,
    string? AtenaNumber,
    string BankCode,
    string BranchCode,
    AccountType? AccountType,
    string AccountNumber,
    string AccountHolderKana,
    int Count,
    long Amount);

/// <summary>
/// Writes <c>accounting-YYYYMM.csv</c>, the 支出命令データ (interfaces.md §6; columns in
/// docs/formats/payment-detail.md). Rows are written in the order given; the same rows give the
/// same bytes.
/// </summary>
public static class PaymentAccountingCsv
{
    /// <summary>The header line, exactly as interfaces.md §6 names the columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["支払日", "科目", "受給者番号", "宛名番号", "金融機関コード", "支店コード", "口座種別", "口座番号", "口座名義カナ", "件数", "金額"];

    /// <summary>Writes the header and the rows.</summary>
    /// <remarks>With <see cref="PaymentCsvEncoding.Cp932"/>, a character CP932 cannot write is replaced by the rule of <see cref="Cp932Text"/>.</remarks>
    public static void Write(Stream stream, IReadOnlyList<PaymentAccountingRow> rows, PaymentCsvEncoding encoding = PaymentCsvEncoding.Utf8WithBom)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Format(rows, encoding));
    }

    /// <summary>The bytes <see cref="Write"/> writes.</summary>
    public static byte[] Format(IReadOnlyList<PaymentAccountingRow> rows, PaymentCsvEncoding encoding = PaymentCsvEncoding.Utf8WithBom, ICollection<Cp932Replacement>? replacements = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return PaymentCsv.Format(Columns, rows.Select(Fields), encoding, replacements);
    }

    /// <summary>A writer of the same file row by row into <paramref name="stream"/> (the header written at once).</summary>
    public static PaymentCsvWriter<PaymentAccountingRow> Writer(Stream stream, PaymentCsvEncoding encoding = PaymentCsvEncoding.Utf8WithBom, ICollection<Cp932Replacement>? replacements = null) =>
        new(stream, Columns, Fields, encoding, replacements);

    private static string?[] Fields(PaymentAccountingRow row) =>
    [
        row.PayDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.Subject,
        row.RecipientNumber,
        row.AtenaNumber,
        row.BankCode,
        row.BranchCode,
        row.AccountType is { } type ? ((int)type).ToString(CultureInfo.InvariantCulture) : string.Empty,
        row.AccountNumber.Length is > 0 and < 7 ? row.AccountNumber.PadLeft(7, '0') : row.AccountNumber,
        row.AccountHolderKana,
        row.Count.ToString(CultureInfo.InvariantCulture),
        row.Amount.ToString(CultureInfo.InvariantCulture),
    ];
}
