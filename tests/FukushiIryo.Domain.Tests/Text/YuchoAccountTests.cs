using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Domain.Tests.Text;

public class YuchoAccountTests
{
    // Worked examples of decisions.md D16 and of ゆうちょ銀行's published rule.
    //
    // 通常貯金 (記号 starts with 1): 店番 = 記号's 2nd and 3rd digits + "8", 普通,
    //   口座番号 = 番号 without its last digit (always 1), zero-filled to 7.
    // 振替口座 (記号 starts with 0): 店番 = 記号's 2nd and 3rd digits + "9", 当座,
    //   口座番号 = 番号 zero-filled to 7.
    [Theory]
    // 記号 12340 → digits 2–3 "23" + "8" = 店番 238; 番号 12345671 without the final 1 = 1234567.
    [InlineData("12340", "12345671", "238", AccountType.Ordinary, "1234567")]
    // 記号 14030 → "40" + "8" = 408 (四〇八店); 番号 12345671 → 1234567.
    [InlineData("14030", "12345671", "408", AccountType.Ordinary, "1234567")]
    // 記号 10530 → "05" + "8" = 058 (〇五八店).
    [InlineData("10530", "12345671", "058", AccountType.Ordinary, "1234567")]
    // 記号 17300 → "73" + "8" = 738; 番号 19927651 → 1992765. (A public page gives 0199276 here,
    // taking the "right 7 digits" of the wrong end: the rule drops the last digit.)
    [InlineData("17300", "19927651", "738", AccountType.Ordinary, "1992765")]
    // 記号 15150 → "51" + "8" = 518; 番号 21111111 → 2111111.
    [InlineData("15150", "21111111", "518", AccountType.Ordinary, "2111111")]
    // A 7-digit 番号 (older passbook): 1234561 → 123456 → zero-filled 0123456.
    [InlineData("12340", "1234561", "238", AccountType.Ordinary, "0123456")]
    // 記号 01230 → "12" + "9" = 店番 129, 当座; 番号 123456 → 0123456.
    [InlineData("01230", "123456", "129", AccountType.Current, "0123456")]
    // 振替口座 00160-0-100001: the middle 0 is not entered; 記号 00160 → "01" + "9" = 019.
    [InlineData("00160", "100001", "019", AccountType.Current, "0100001")]
    // 記号 00580 → "05" + "9" = 059 (〇五九店); 番号 654321 → 0654321.
    [InlineData("00580", "654321", "059", AccountType.Current, "0654321")]
    // A short 振替 番号: 42 → 0000042.
    [InlineData("02290", "42", "229", AccountType.Current, "0000042")]
    // A 7-digit 振替 番号 already zero-filled is taken as it is.
    [InlineData("01230", "0123456", "129", AccountType.Current, "0123456")]
    // Full-width digits and surrounding spaces, as typed with an IME: NFKC and trimmed.
    [InlineData("１２３４０", " １２３４５６７１　", "238", AccountType.Ordinary, "1234567")]
    public void Converts_symbol_and_number_to_the_Zengin_form(
        string symbol, string number, string branchCode, AccountType accountKind, string accountNumber)
    {
        YuchoAccount account = YuchoAccount.Parse(symbol, number);

        Assert.Equal("9900", YuchoAccount.BankCode);
        Assert.Equal(branchCode, account.BranchCode);
        Assert.Equal(accountKind, account.AccountType);
        Assert.Equal(accountNumber, account.AccountNumber);
        Assert.Equal(
            accountKind == AccountType.Ordinary ? YuchoAccountKind.Ordinary : YuchoAccountKind.Giro,
            account.Kind);
    }

    [Fact]
    public void Keeps_the_symbol_and_number_as_entered_in_ASCII_digits()
    {
        YuchoAccount account = YuchoAccount.Parse("１２３４０", "１２３４５６７１");

        Assert.Equal("12340", account.Symbol);
        Assert.Equal("12345671", account.Number);
        Assert.Equal(YuchoAccount.Parse("12340", "12345671"), account);
    }

    [Theory]
    [InlineData("1234", "12345671", YuchoAccountError.SymbolNotFiveDigits)]
    [InlineData("123400", "12345671", YuchoAccountError.SymbolNotFiveDigits)]
    [InlineData("1234a", "12345671", YuchoAccountError.SymbolNotFiveDigits)]
    [InlineData("12-40", "12345671", YuchoAccountError.SymbolNotFiveDigits)]
    [InlineData("", "12345671", YuchoAccountError.SymbolNotFiveDigits)]
    [InlineData(null, "12345671", YuchoAccountError.SymbolNotFiveDigits)]
    [InlineData("٠١٢٣٤", "12345671", YuchoAccountError.SymbolNotFiveDigits)] // Arabic-Indic digits are not ASCII digits
    [InlineData("22340", "12345671", YuchoAccountError.SymbolFirstDigit)]
    [InlineData("92340", "12345671", YuchoAccountError.SymbolFirstDigit)]
    [InlineData("12340", "", YuchoAccountError.NumberNotDigits)]
    [InlineData("12340", null, YuchoAccountError.NumberNotDigits)]
    [InlineData("12340", "1234-5671", YuchoAccountError.NumberNotDigits)]
    [InlineData("12340", "1234567１x", YuchoAccountError.NumberNotDigits)]
    [InlineData("12340", "123456781", YuchoAccountError.NumberTooLong)] // 9 digits
    [InlineData("12340", "12345670", YuchoAccountError.NumberLastDigit)] // 通常 番号 ends with 1
    [InlineData("12340", "1", YuchoAccountError.NumberLastDigit)] // nothing before the 1
    [InlineData("12340", "01", YuchoAccountError.AccountNumberZero)]
    [InlineData("01230", "3123456", YuchoAccountError.NumberTooLong)] // the middle digit typed in front
    [InlineData("01230", "12345678", YuchoAccountError.NumberTooLong)]
    [InlineData("01230", "0", YuchoAccountError.AccountNumberZero)]
    [InlineData("01230", "0000000", YuchoAccountError.AccountNumberZero)]
    public void Refuses_invalid_input(string? symbol, string? number, YuchoAccountError expected)
    {
        Assert.False(YuchoAccount.TryParse(symbol, number, out YuchoAccount? account, out YuchoAccountError error));
        Assert.Null(account);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_throws_with_a_message_for_staff()
    {
        var e = Assert.Throws<FormatException>(() => YuchoAccount.Parse("12340", "12345670"));
        Assert.Equal(YuchoAccount.Describe(YuchoAccountError.NumberLastDigit), e.Message);
        Assert.Contains("末尾が1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_has_a_message()
    {
        foreach (YuchoAccountError error in Enum.GetValues<YuchoAccountError>())
        {
            Assert.False(string.IsNullOrWhiteSpace(YuchoAccount.Describe(error)));
        }
    }

    [Property]
    public Property Valid_input_gives_a_three_digit_branch_and_a_seven_digit_account() =>
        Prop.ForAll(
            (from first in Gen.Elements('0', '1')
             from rest in Gen.Choose(0, 9999)
             from body in Gen.Choose(1, first == '1' ? 9_999_999 : 999_999) // 通常 up to 8 digits with the final 1, 振替 up to 6
             select (Symbol: first + rest.ToString("D4", CultureInfo.InvariantCulture),
                     Number: first == '1'
                         ? body.ToString(CultureInfo.InvariantCulture) + "1"
                         : body.ToString(CultureInfo.InvariantCulture)))
                .ToArbitrary(),
            input =>
            {
                YuchoAccount account = YuchoAccount.Parse(input.Symbol, input.Number);
                bool ordinary = input.Symbol[0] == '1';
                return account.BranchCode.Length == 3
                    && account.BranchCode.All(char.IsAsciiDigit)
                    && account.BranchCode[..2] == input.Symbol[1..3]
                    && account.BranchCode[2] == (ordinary ? '8' : '9')
                    && account.AccountNumber.Length == 7
                    && account.AccountNumber.All(char.IsAsciiDigit)
                    && int.Parse(account.AccountNumber, CultureInfo.InvariantCulture)
                        == int.Parse(ordinary ? input.Number[..^1] : input.Number, CultureInfo.InvariantCulture)
                    && account.AccountType == (ordinary ? AccountType.Ordinary : AccountType.Current);
            });
}
