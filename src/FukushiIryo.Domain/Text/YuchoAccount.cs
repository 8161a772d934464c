using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace FukushiIryo.Domain.Text;

/// <summary>The two kinds of ゆうちょ銀行 account that a passbook's 記号 tells apart.</summary>
public enum YuchoAccountKind
{
    /// <summary>通常貯金 / 総合口座: 記号 starts with 1.</summary>
    Ordinary,

    /// <summary>振替口座 (postal giro account): 記号 starts with 0.</summary>
    Giro,
}

/// <summary>Why a ゆうちょ 記号・番号 was refused.</summary>
public enum YuchoAccountError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>記号 is not five digits.</summary>
    SymbolNotFiveDigits,

    /// <summary>記号 starts with neither 1 (通常貯金) nor 0 (振替口座).</summary>
    SymbolFirstDigit,

    /// <summary>番号 is empty or has something other than digits.</summary>
    NumberNotDigits,

    /// <summary>番号 has too many digits: more than 8 for 通常貯金, more than 6 for 振替口座 (a
    /// seventh digit is accepted only as a leading 0).</summary>
    NumberTooLong,

    /// <summary>通常貯金 番号 whose last digit is not 1, or that has nothing before that 1.</summary>
    NumberLastDigit,

    /// <summary>The account number would be all zeros.</summary>
    AccountNumberZero,
}

/// <summary>
/// A ゆうちょ銀行 (Japan Post Bank) account entered as 記号・番号 (symbol and number) as printed on
/// the passbook, with its 全銀 form: bank 9900, 店番 (branch code), 預金種目 and 口座番号 (decisions.md
/// D16). It is validated when parsed, so an instance always has a valid 全銀 form.
/// </summary>
/// <remarks>
/// <para>
/// The rule, as ゆうちょ銀行 publishes it (「記号・番号から振込用の店名・預金種目・口座番号への変換の公式」):
/// </para>
/// <list type="bullet">
/// <item>通常貯金 / 総合口座 (記号 starts with 1): 店番 = the 2nd and 3rd digits of 記号 followed by 8;
/// 預金種目 普通; 口座番号 = 番号 without its last digit, which is always 1 (「桁数にかかわらず、番号の
/// 末尾1桁「1」を除いた数字」), zero-filled on the left to 7 digits. 番号 has up to 8 digits, usually 8;
/// shorter ones are accepted, as the published rule says "whatever the number of digits". A last
/// digit other than 1 is refused: it is a typing error, not a check digit we could verify.</item>
/// <item>振替口座 (記号 starts with 0): 店番 = the 2nd and 3rd digits of 記号 followed by 9; 預金種目
/// 当座; 口座番号 = 番号 zero-filled on the left to 7 digits. A 振替口座 number is written
/// 記号-1桁-番号 (e.g. 00120-3-123456); the single digit between is a check digit that a transfer
/// does not use, so it is not entered here, and 番号 has at most 6 digits. A 7-digit 番号 is
/// accepted only when it starts with 0 (already zero-filled): a 7-digit one that does not is most
/// likely that middle digit typed in front of 番号.</item>
/// </list>
/// <para>
/// Not handled: 通常貯蓄貯金 has the same 記号・番号 form but 預金種目 貯蓄 (4) in the published rule;
/// it cannot be told apart from the numbers, so it is not supported (such an account would be
/// written as 普通). Not checked, because no official source states them: that the 5th digit of
/// 記号 is 0 (it is in every published example), and the check digit that some third-party
/// libraries compute in the 4th digit of 記号.
/// </para>
/// <para>
/// Input is trimmed and put in NFKC first, so full-width digits (１２３４０) are accepted; after
/// that only ASCII digits are.
/// </para>
/// </remarks>
public sealed record YuchoAccount
{
    /// <summary>統一金融機関コード of ゆうちょ銀行.</summary>
    public const string BankCode = "9900";

    private YuchoAccount(string symbol, string number, YuchoAccountKind kind, string branchCode, string accountNumber)
    {
        Symbol = symbol;
        Number = number;
        Kind = kind;
        BranchCode = branchCode;
        AccountNumber = accountNumber;
    }

    /// <summary>記号 as entered, normalised to 5 ASCII digits.</summary>
    public string Symbol { get; }

    /// <summary>番号 as entered, normalised to ASCII digits.</summary>
    public string Number { get; }

    /// <summary>通常貯金 or 振替口座, from the first digit of 記号.</summary>
    public YuchoAccountKind Kind { get; }

    /// <summary>店番 (3 digits): the 全銀 branch code.</summary>
    public string BranchCode { get; }

    /// <summary>預金種目: 普通 for 通常貯金, 当座 for 振替口座.</summary>
    public AccountType AccountType => Kind == YuchoAccountKind.Ordinary ? AccountType.Ordinary : AccountType.Current;

    /// <summary>口座番号 (7 digits): the 全銀 account number.</summary>
    public string AccountNumber { get; }

    /// <summary>Parses 記号・番号 as on the passbook.</summary>
    /// <exception cref="FormatException">They are not a valid ゆうちょ 記号・番号; the message says why, in Japanese.</exception>
    public static YuchoAccount Parse(string symbol, string number)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(number);
        return TryParse(symbol, number, out YuchoAccount? account, out YuchoAccountError error)
            ? account
            : throw new FormatException(Describe(error));
    }

    /// <summary>Parses 記号・番号 as on the passbook; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(
        string? symbol,
        string? number,
        [NotNullWhen(true)] out YuchoAccount? account,
        out YuchoAccountError error)
    {
        account = null;
        string s = Normalize(symbol);
        string n = Normalize(number);
        error = Validate(s, n);
        if (error != YuchoAccountError.None)
        {
            return false;
        }

        bool ordinary = s[0] == '1';
        string digits = ordinary ? n[..^1] : n;
        string accountNumber = digits.PadLeft(7, '0'); // Validate keeps digits to 7 at most

        if (accountNumber.All(c => c == '0'))
        {
            error = YuchoAccountError.AccountNumberZero;
            return false;
        }

        account = new YuchoAccount(
            s,
            n,
            ordinary ? YuchoAccountKind.Ordinary : YuchoAccountKind.Giro,
            string.Concat(s.AsSpan(1, 2), ordinary ? "8" : "9"),
            accountNumber);
        return true;
    }

    /// <summary>A message for staff (Japanese) that says what is wrong.</summary>
    public static string Describe(YuchoAccountError error) => error switch
    {
        YuchoAccountError.None => "正しい記号・番号です。",
        YuchoAccountError.SymbolNotFiveDigits => "記号は5桁の数字で入力してください。",
        YuchoAccountError.SymbolFirstDigit => "記号は1（通常貯金）または0（振替口座）で始まります。",
        YuchoAccountError.NumberNotDigits => "番号は数字で入力してください。",
        YuchoAccountError.NumberTooLong => "番号の桁数が多すぎます（通常貯金は8桁まで、振替口座は6桁まで。振替口座の記号と番号の間の1桁は入力しません）。",
        YuchoAccountError.NumberLastDigit => "通常貯金の番号は末尾が1です。通帳の番号をそのまま入力してください。",
        YuchoAccountError.AccountNumberZero => "口座番号が0になる番号です。",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    private static string Normalize(string? text)
    {
        string trimmed = (text ?? string.Empty).Trim();
        try
        {
            return trimmed.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return "?"; // invalid UTF-16 (a lone surrogate): refused as not digits
        }
    }

    private static YuchoAccountError Validate(string symbol, string number)
    {
        if (symbol.Length != 5 || !symbol.All(char.IsAsciiDigit))
        {
            return YuchoAccountError.SymbolNotFiveDigits;
        }

        if (symbol[0] is not ('0' or '1'))
        {
            return YuchoAccountError.SymbolFirstDigit;
        }

        if (number.Length == 0 || !number.All(char.IsAsciiDigit))
        {
            return YuchoAccountError.NumberNotDigits;
        }

        if (symbol[0] == '1')
        {
            if (number.Length > 8)
            {
                return YuchoAccountError.NumberTooLong;
            }

            if (number.Length < 2 || number[^1] != '1')
            {
                return YuchoAccountError.NumberLastDigit;
            }
        }
        else if (number.Length > 7 || (number.Length == 7 && number[0] != '0'))
        {
            return YuchoAccountError.NumberTooLong;
        }

        return YuchoAccountError.None;
    }
}
