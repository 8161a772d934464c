using FukushiIryo.Domain.Text;

namespace FukushiIryo.Formats.Payments;

/// <summary>
/// The 依頼人 (the city) side of a 全銀 総合振込 file: the header record (データ区分 1, formats.md §3).
/// Names are given as staff enter them (full-width or half-width kana, as in the bank master) and are
/// converted to 全銀 characters when written (<see cref="ZenginTransferFile.NormalizeName"/>).
/// </summary>
/// <param name="RequesterCode">振込依頼人コード (委託者コード) assigned by the bank: up to 10 digits, zero-filled on the left.</param>
/// <param name="RequesterName">振込依頼人名, e.g. ナラシ; up to 40 bytes once converted (longer is cut).</param>
/// <param name="TransferDate">振込指定日: a bank business day (decisions.md D15; the caller checks it with the bank calendar). Written as MMDD.</param>
/// <param name="BankCode">仕向銀行番号: 4 digits.</param>
/// <param name="BankName">仕向銀行名; may be empty (many banks ignore it). Cut to 15 bytes.</param>
/// <param name="BranchCode">仕向支店番号: 3 digits.</param>
/// <param name="BranchName">仕向支店名; may be empty. Cut to 15 bytes.</param>
/// <param name="AccountType">預金種目 of the city's account.</param>
/// <param name="AccountNumber">口座番号 of the city's account: up to 7 digits, zero-filled on the left.</param>
public sealed record ZenginHeader(
    string RequesterCode,
    string RequesterName,
    DateOnly TransferDate,
    string BankCode,
    string BankName,
    string BranchCode,
    string BranchName,
    AccountType AccountType,
    string AccountNumber);

/// <summary>
/// One transfer (データ区分 2, formats.md §3): one payee's account and the sum paid to it.
/// </summary>
/// <param name="BankCode">被仕向銀行番号 (統一金融機関コード): 4 digits.</param>
/// <param name="BankName">被仕向銀行名 from the bank master (its full-width kana is fine); cut to 15 bytes.</param>
/// <param name="BranchCode">被仕向支店番号: 3 digits.</param>
/// <param name="BranchName">被仕向支店名 from the bank master; cut to 15 bytes.</param>
/// <param name="AccountType">預金種目: its 全銀 code is the enum value (1 普通, 2 当座, 4 貯蓄, 9 その他).</param>
/// <param name="AccountNumber">口座番号: 1 to 7 digits, zero-filled on the left.</param>
/// <param name="PayeeName">受取人名 (口座名義カナ) as stored; converted to 全銀 characters and cut to 30 bytes.</param>
/// <param name="Amount">振込金額 in yen: 1 … 9,999,999,999.</param>
/// <param name="CustomerCode">顧客コード1: the payee's 受給者番号, 1 to 10 digits, zero-filled on the left.</param>
public sealed record ZenginTransfer(
    string BankCode,
    string BankName,
    string BranchCode,
    string BranchName,
    AccountType AccountType,
    string AccountNumber,
    string PayeeName,
    long Amount,
    string CustomerCode);

/// <summary>
/// One reason why a record cannot be written to the 全銀 file. The payment run holds such a transfer
/// out of the file and reports it; nothing is written in its place.
/// </summary>
/// <param name="Field">The 全銀 field concerned, in Japanese (e.g. 受取人名).</param>
/// <param name="Value">The value as given (for a name: only the characters that cannot be written).</param>
/// <param name="Reason">Why, in Japanese, for staff.</param>
public sealed record ZenginProblem(string Field, string Value, string Reason);

/// <summary>
/// A name converted to 全銀 characters for a field of <c>maxBytes</c> bytes.
/// </summary>
/// <param name="Text">The text to write (cut to the field, not padded); only complete when <see cref="Rejected"/> is empty.</param>
/// <param name="WasCut">The converted name was longer than the field and was cut.</param>
/// <param name="Rejected">The characters that have no 全銀 form.</param>
public sealed record ZenginName(string Text, bool WasCut, IReadOnlyList<ZenginRejection> Rejected)
{
    /// <summary>Every character could be written.</summary>
    public bool IsComplete => Rejected.Count == 0;
}

/// <summary>
/// Thrown by <see cref="ZenginTransferFile.Write"/> when a record could not be written correctly:
/// nothing has been written to the stream.
/// </summary>
public sealed class ZenginRecordException : Exception
{
    public ZenginRecordException()
        : this("A 全銀 record cannot be written.")
    {
    }

    public ZenginRecordException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ZenginRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public ZenginRecordException(string message, IReadOnlyList<ZenginProblem> problems)
        : base(message)
    {
        Problems = problems;
    }

    /// <summary>What is wrong.</summary>
    public IReadOnlyList<ZenginProblem> Problems { get; }
}
