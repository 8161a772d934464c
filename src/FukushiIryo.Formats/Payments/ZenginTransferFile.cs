using System.Globalization;
using System.Text;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Formats.Payments;

/// <summary>
/// Writes a 全銀協 総合振込 file (種別コード 21, コード区分 0 JIS; formats.md §3, interfaces.md §6):
/// a header, one data record per transfer, the trailer with the totals and the end record, each
/// 120 bytes of half-width CP932, each followed by CR LF unless the bank wants no line breaks.
/// </summary>
/// <remarks>
/// <para>
/// Names are converted with <see cref="ZenginText.Convert"/> (small kana written large, ヲ → ｵ,
/// ・ → space, long vowel → <c>-</c>, …), their spaces trimmed at both ends and runs of spaces made
/// one, and then cut to the field by bytes without splitting a voiced kana from its ﾞ / ﾟ
/// (<see cref="ZenginText.FitToBytes"/>): 依頼人名 40 bytes, 受取人名 30, bank and branch names 15.
/// </para>
/// <para>
/// A record that cannot be written exactly (<see cref="Check(ZenginTransfer)"/>) is never written:
/// the caller holds it out and reports it; <see cref="Write"/> refuses the whole file (writing
/// nothing) if one slips through.
/// </para>
/// </remarks>
public static class ZenginTransferFile
{
    /// <summary>The length of every record, without the line break.</summary>
    public const int RecordLength = 120;

    /// <summary>種別コード of 総合振込.</summary>
    public const string KindCode = "21";

    /// <summary>The largest 振込金額 of one record (10 digits).</summary>
    public const long MaxAmount = 9_999_999_999;

    /// <summary>The largest 合計件数 of the trailer (6 digits).</summary>
    public const int MaxCount = 999_999;

    /// <summary>The largest 合計金額 of the trailer (12 digits).</summary>
    public const long MaxTotal = 999_999_999_999;

    /// <summary>Bytes of 振込依頼人名.</summary>
    public const int RequesterNameBytes = 40;

    /// <summary>Bytes of 受取人名.</summary>
    public const int PayeeNameBytes = 30;

    /// <summary>Bytes of a bank or branch name.</summary>
    public const int BankNameBytes = 15;

    /// <summary>The end record (データ区分 9).</summary>
    internal static readonly string EndRecord = "9".PadRight(RecordLength, ' ');

    private static readonly byte[] NewLine = [(byte)'\r', (byte)'\n'];

    /// <summary>
    /// Converts <paramref name="name"/> to 全銀 characters for a field of <paramref name="maxBytes"/>
    /// bytes: <see cref="ZenginText.Convert"/>, spaces trimmed at both ends and collapsed, then cut
    /// (<see cref="ZenginText.FitToBytes"/>).
    /// </summary>
    public static ZenginName NormalizeName(string name, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ZenginConversion conversion = ZenginText.Convert(name);
        string text = CollapseSpaces(conversion.Text);
        string fitted = ZenginText.FitToBytes(text, maxBytes).TrimEnd(' ');
        return new ZenginName(fitted, fitted.Length < text.Length, conversion.Rejected);
    }

    /// <summary>What makes the header unwritable; empty when it can be written.</summary>
    public static IReadOnlyList<ZenginProblem> Check(ZenginHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var problems = new List<ZenginProblem>();
        CheckDigits(problems, "振込依頼人コード", header.RequesterCode, 1, 10);
        CheckName(problems, "振込依頼人名", header.RequesterName, RequesterNameBytes, required: true);
        CheckDigits(problems, "仕向銀行番号", header.BankCode, 4, 4);
        CheckName(problems, "仕向銀行名", header.BankName, BankNameBytes, required: false);
        CheckDigits(problems, "仕向支店番号", header.BranchCode, 3, 3);
        CheckName(problems, "仕向支店名", header.BranchName, BankNameBytes, required: false);
        CheckAccountType(problems, header.AccountType);
        CheckAccountNumber(problems, header.AccountNumber);
        return problems;
    }

    /// <summary>
    /// What makes a transfer unwritable: a 受取人名 with a character that has no 全銀 form (or nothing
    /// left after conversion), a bank or branch name likewise, an amount of 0 or over
    /// 9,999,999,999, a code that is not all digits or has the wrong number of digits, an account
    /// number over 7 digits or all zeros, an unknown 預金種目. Empty when it can be written.
    /// </summary>
    public static IReadOnlyList<ZenginProblem> Check(ZenginTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var problems = new List<ZenginProblem>();
        CheckDigits(problems, "被仕向銀行番号", transfer.BankCode, 4, 4);
        CheckName(problems, "被仕向銀行名", transfer.BankName, BankNameBytes, required: false);
        CheckDigits(problems, "被仕向支店番号", transfer.BranchCode, 3, 3);
        CheckName(problems, "被仕向支店名", transfer.BranchName, BankNameBytes, required: false);
        CheckAccountType(problems, transfer.AccountType);
        CheckAccountNumber(problems, transfer.AccountNumber);
        CheckName(problems, "受取人名", transfer.PayeeName, PayeeNameBytes, required: true);
        if (transfer.Amount is < 1 or > MaxAmount)
        {
            problems.Add(new ZenginProblem(
                "振込金額",
                transfer.Amount.ToString(CultureInfo.InvariantCulture),
                transfer.Amount < 1 ? "振込金額が1円未満です。" : "振込金額が10桁（9,999,999,999円）を超えています。"));
        }

        CheckDigits(problems, "顧客コード1", transfer.CustomerCode, 1, 10);
        return problems;
    }

    /// <summary>
    /// Writes the whole file: header, <paramref name="transfers"/> in the given order, trailer, end.
    /// With <paramref name="newlines"/> every record (the end record too) is followed by CR LF;
    /// without, the records follow one another.
    /// </summary>
    /// <exception cref="ZenginRecordException">The header or a transfer cannot be written (see
    /// <see cref="Check(ZenginTransfer)"/>), or the totals exceed the trailer's digits; nothing has
    /// been written to <paramref name="stream"/>.</exception>
    public static void Write(Stream stream, ZenginHeader header, IReadOnlyList<ZenginTransfer> transfers, bool newlines = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes = Format(header, transfers, newlines);
        stream.Write(bytes);
    }

    /// <summary>The bytes <see cref="Write"/> writes.</summary>
    /// <exception cref="ZenginRecordException">As <see cref="Write"/>.</exception>
    public static byte[] Format(ZenginHeader header, IReadOnlyList<ZenginTransfer> transfers, bool newlines = true)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transfers);

        var problems = new List<ZenginProblem>(Check(header));
        var refused = new List<int>();
        long total = 0;
        for (int i = 0; i < transfers.Count; i++)
        {
            IReadOnlyList<ZenginProblem> found = Check(transfers[i]);
            if (found.Count > 0)
            {
                refused.Add(i + 1);
                problems.AddRange(found);
            }
            else
            {
                total += transfers[i].Amount; // at most 999,999 × 9,999,999,999: no overflow of long
            }
        }

        if (problems.Count > 0)
        {
            string where = refused.Count == 0 ? "the header" : "transfer(s) " + string.Join(", ", refused.Take(10));
            throw new ZenginRecordException($"The 全銀 file was not written: {where} cannot be written exactly.", problems);
        }

        if (transfers.Count > MaxCount || total > MaxTotal)
        {
            throw new ZenginRecordException(
                $"The 全銀 file was not written: {transfers.Count} transfers totalling {total} yen exceed the trailer's 6-digit count or 12-digit total.",
                [new ZenginProblem("合計", total.ToString(CultureInfo.InvariantCulture), "件数または合計金額が全銀ファイルの桁数を超えています。ファイルを分けてください。")]);
        }

        int lineLength = RecordLength + (newlines ? NewLine.Length : 0);
        using var output = new MemoryStream(lineLength * (transfers.Count + 3));
        void Emit(string record)
        {
            byte[] recordBytes = ZenginText.ToCp932Bytes(record);
            if (recordBytes.Length != RecordLength)
            {
                throw new InvalidOperationException($"A 全銀 record came out {recordBytes.Length} bytes long instead of {RecordLength}.");
            }

            output.Write(recordBytes);
            if (newlines)
            {
                output.Write(NewLine);
            }
        }

        Emit(HeaderRecord(header));
        foreach (ZenginTransfer transfer in transfers)
        {
            Emit(DataRecord(transfer));
        }

        Emit(TrailerRecord(transfers.Count, total));
        Emit(EndRecord);
        return output.ToArray();
    }

    internal static string HeaderRecord(ZenginHeader h) => new StringBuilder(RecordLength)
        .Append('1')
        .Append(KindCode)
        .Append('0') // コード区分: JIS
        .Append(Numeric(h.RequesterCode, 10))
        .Append(Text(h.RequesterName, RequesterNameBytes))
        .Append(h.TransferDate.ToString("MMdd", CultureInfo.InvariantCulture))
        .Append(h.BankCode)
        .Append(Text(h.BankName, BankNameBytes))
        .Append(h.BranchCode)
        .Append(Text(h.BranchName, BankNameBytes))
        .Append(AccountTypeCode(h.AccountType))
        .Append(Numeric(h.AccountNumber, 7))
        .Append(' ', 17)
        .ToString();

    internal static string DataRecord(ZenginTransfer t) => new StringBuilder(RecordLength)
        .Append('2')
        .Append(t.BankCode)
        .Append(Text(t.BankName, BankNameBytes))
        .Append(t.BranchCode)
        .Append(Text(t.BranchName, BankNameBytes))
        .Append("0000") // 手形交換所番号: unused
        .Append(AccountTypeCode(t.AccountType))
        .Append(Numeric(t.AccountNumber, 7))
        .Append(Text(t.PayeeName, PayeeNameBytes))
        .Append(t.Amount.ToString("D10", CultureInfo.InvariantCulture))
        .Append('0') // 新規コード: その他
        .Append(Numeric(t.CustomerCode, 10))
        .Append(' ', 10) // 顧客コード2: unused
        .Append('7') // 振込指定区分: テレ振込 (電信)
        .Append(' ') // 識別表示: no EDI情報
        .Append(' ', 7)
        .ToString();

    internal static string TrailerRecord(int count, long total) => new StringBuilder(RecordLength)
        .Append('8')
        .Append(count.ToString("D6", CultureInfo.InvariantCulture))
        .Append(total.ToString("D12", CultureInfo.InvariantCulture))
        .Append(' ', 101)
        .ToString();

    private static string Text(string name, int bytes) => NormalizeName(name, bytes).Text.PadRight(bytes, ' ');

    private static string Numeric(string digits, int length) => digits.PadLeft(length, '0');

    private static char AccountTypeCode(AccountType type) => (char)('0' + (int)type);

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c == ' ' && (builder.Length == 0 || builder[^1] == ' '))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().TrimEnd(' ');
    }

    private static void CheckDigits(List<ZenginProblem> problems, string field, string? value, int minLength, int maxLength)
    {
        value ??= string.Empty;
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            problems.Add(new ZenginProblem(field, value, $"{field}が数字ではありません。"));
        }
        else if (value.Length < minLength || value.Length > maxLength)
        {
            string digits = minLength == maxLength
                ? $"{maxLength}桁"
                : $"{maxLength}桁以内";
            problems.Add(new ZenginProblem(field, value, $"{field}は{digits}の数字です。"));
        }
    }

    private static void CheckAccountNumber(List<ZenginProblem> problems, string? value)
    {
        value ??= string.Empty;
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            problems.Add(new ZenginProblem("口座番号", value, "口座番号が数字ではありません。"));
        }
        else if (value.Length > 7)
        {
            problems.Add(new ZenginProblem("口座番号", value, "口座番号が7桁を超えています。"));
        }
        else if (value.All(c => c == '0'))
        {
            problems.Add(new ZenginProblem("口座番号", value, "口座番号がすべて0です。"));
        }
    }

    private static void CheckAccountType(List<ZenginProblem> problems, AccountType type)
    {
        if (!Enum.IsDefined(type))
        {
            problems.Add(new ZenginProblem("預金種目", ((int)type).ToString(CultureInfo.InvariantCulture), "預金種目は1（普通）、2（当座）、4（貯蓄）、9（その他）のいずれかです。"));
        }
    }

    private static void CheckName(List<ZenginProblem> problems, string field, string? value, int bytes, bool required)
    {
        ZenginName name = NormalizeName(value ?? string.Empty, bytes);
        if (!name.IsComplete)
        {
            string characters = string.Concat(name.Rejected.Select(r => r.Character).Distinct());
            problems.Add(new ZenginProblem(field, characters, $"{field}に全銀ファイルに書けない文字があります（{characters}）。カナで登録してください。"));
        }
        else if (required && name.Text.Length == 0)
        {
            problems.Add(new ZenginProblem(field, string.Empty, $"{field}がありません。"));
        }
    }
}
