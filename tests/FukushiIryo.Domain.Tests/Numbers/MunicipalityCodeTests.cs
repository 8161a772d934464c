using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Tests.Numbers;

public class MunicipalityCodeTests
{
    [Theory]
    [InlineData("292010", "29201")] // 奈良市 (formats.md §6.4 worked example)
    [InlineData("290009", "29000")] // 奈良県
    [InlineData("131016", "13101")] // 千代田区
    [InlineData("011002", "01100")] // 札幌市
    public void Parses_published_codes(string text, string fiveDigits) => AssertValid(text, fiveDigits);

    // All 39 municipalities of 奈良県, copied from shared/data/japanpost/29NARA_municipalities.csv
    // (lg_code6_with_check_digit, lg_code5) so that the test needs no file at run time.
    [Theory]
    [InlineData("292010", "29201")] // 奈良市
    [InlineData("292028", "29202")] // 大和高田市
    [InlineData("292036", "29203")] // 大和郡山市
    [InlineData("292044", "29204")] // 天理市
    [InlineData("292052", "29205")] // 橿原市
    [InlineData("292061", "29206")] // 桜井市
    [InlineData("292079", "29207")] // 五條市
    [InlineData("292087", "29208")] // 御所市
    [InlineData("292095", "29209")] // 生駒市
    [InlineData("292109", "29210")] // 香芝市
    [InlineData("292117", "29211")] // 葛城市
    [InlineData("292125", "29212")] // 宇陀市
    [InlineData("293229", "29322")] // 山辺郡山添村
    [InlineData("293423", "29342")] // 生駒郡平群町
    [InlineData("293431", "29343")] // 生駒郡三郷町
    [InlineData("293440", "29344")] // 生駒郡斑鳩町
    [InlineData("293458", "29345")] // 生駒郡安堵町
    [InlineData("293610", "29361")] // 磯城郡川西町
    [InlineData("293628", "29362")] // 磯城郡三宅町
    [InlineData("293636", "29363")] // 磯城郡田原本町
    [InlineData("293857", "29385")] // 宇陀郡曽爾村
    [InlineData("293865", "29386")] // 宇陀郡御杖村
    [InlineData("294012", "29401")] // 高市郡高取町
    [InlineData("294021", "29402")] // 高市郡明日香村
    [InlineData("294241", "29424")] // 北葛城郡上牧町
    [InlineData("294250", "29425")] // 北葛城郡王寺町
    [InlineData("294268", "29426")] // 北葛城郡広陵町
    [InlineData("294276", "29427")] // 北葛城郡河合町
    [InlineData("294411", "29441")] // 吉野郡吉野町
    [InlineData("294420", "29442")] // 吉野郡大淀町
    [InlineData("294438", "29443")] // 吉野郡下市町
    [InlineData("294446", "29444")] // 吉野郡黒滝村
    [InlineData("294462", "29446")] // 吉野郡天川村
    [InlineData("294471", "29447")] // 吉野郡野迫川村
    [InlineData("294497", "29449")] // 吉野郡十津川村
    [InlineData("294501", "29450")] // 吉野郡下北山村
    [InlineData("294519", "29451")] // 吉野郡上北山村
    [InlineData("294527", "29452")] // 吉野郡川上村
    [InlineData("294535", "29453")] // 吉野郡東吉野村
    public void Parses_every_Nara_municipality(string text, string fiveDigits) => AssertValid(text, fiveDigits);

    private static void AssertValid(string text, string fiveDigits)
    {
        MunicipalityCode code = MunicipalityCode.Parse(text);
        Assert.Equal(text, code.ToString());
        Assert.Equal(fiveDigits, code.FiveDigitCode);
        Assert.Equal(text[..2], code.PrefectureCode);
        Assert.Equal(text[^1] - '0', code.CheckDigit);
        Assert.Equal(code, MunicipalityCode.FromFiveDigitCode(fiveDigits));
        Assert.True(MunicipalityCode.TryParse(text, out MunicipalityCode? again));
        Assert.Equal(code, again);
    }

    [Theory]
    [InlineData("292011")]
    [InlineData("292019")]
    [InlineData("290008")]
    [InlineData("131017")]
    [InlineData("011003")]
    [InlineData("292110")]
    public void Rejects_a_mutated_code(string text)
    {
        Assert.False(MunicipalityCode.TryParse(text, out _));
        FormatException e = Assert.Throws<FormatException>(() => MunicipalityCode.Parse(text));
        Assert.Contains("check digit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2920")]
    [InlineData("292010 0")]
    [InlineData("2920a")]
    public void FromFiveDigitCode_refuses_anything_but_five_digits(string text) =>
        Assert.Throws<FormatException>(() => MunicipalityCode.FromFiveDigitCode(text));

    [Fact]
    public void A_single_digit_change_can_go_unnoticed_when_the_check_digit_is_1()
    {
        // 29013: 2×6 + 9×5 + 0×4 + 1×3 + 3×2 = 66 ≡ 0 (mod 11) → check 1.
        // 09013: 0×6 + 9×5 + 0×4 + 1×3 + 3×2 = 54 ≡ 10 (mod 11) → 11 − 10 = 1 → check 1 as well.
        // (Synthetic codes, not real municipalities: they only show the fold of remainders 0 and 10.)
        Assert.True(MunicipalityCode.TryParse("290131", out _));
        Assert.True(MunicipalityCode.TryParse("090131", out _));
    }

    private static Gen<string> ValidCodes =>
        NumberGen.Digits(5).Select(body => CheckDigitReference.WithCheck(body, CheckDigitReference.Municipality));

    [Property]
    public Property A_body_with_its_computed_check_digit_parses() =>
        Prop.ForAll(
            NumberGen.Digits(5).ToArbitrary(),
            body =>
            {
                string text = CheckDigitReference.WithCheck(body, CheckDigitReference.Municipality);
                return MunicipalityCode.TryParse(text, out MunicipalityCode? code)
                    && code.ToString() == text
                    && MunicipalityCode.FromFiveDigitCode(body) == code;
            });

    // Why a single-digit change is not always caught. Changing body digit i from d to d' changes the sum
    // by w_i × (d' − d) with w_i in {6,5,4,3,2} and 0 < |d' − d| ≤ 9; 11 is prime and divides neither
    // factor, so the remainder r = sum mod 11 always changes. The check digit is (11 − r) mod 10, which
    // maps r = 0..10 to 1,0,9,8,…,2,1: injective except that r = 0 and r = 10 both give 1. So a change is
    // missed exactly when it moves r between 0 and 10, which needs the check digit to be 1. A change of
    // the check digit itself is always caught (the body, hence the expected digit, is unchanged).
    //
    // Guaranteed property: when the check digit is not 1, every single-digit substitution is caught.
    [Property]
    public Property Every_substitution_is_caught_when_the_check_digit_is_not_1() =>
        Prop.ForAll(
            NumberGen.WithSubstitution(ValidCodes.Where(code => code[^1] != '1'), MunicipalityCode.Length),
            c => !MunicipalityCode.TryParse(c.Change.ApplyTo(c.Value), out _));

    // Exact property, over all codes and with codes of check digit 1 sampled on purpose: a substituted
    // code parses if and only if a body digit changed and the remainder moved between 0 and 10.
    [Property]
    public Property A_substitution_goes_unnoticed_exactly_when_it_swaps_remainders_0_and_10() =>
        Prop.ForAll(
            NumberGen.WithSubstitution(ValidCodes.Or(ValidCodes.Where(code => code[^1] == '1')), MunicipalityCode.Length),
            c =>
            {
                string mutated = c.Change.ApplyTo(c.Value);
                bool expectedToParse = c.Change.Position < 5 && IsFold(
                    CheckDigitReference.MunicipalityRemainder(c.Value[..5]),
                    CheckDigitReference.MunicipalityRemainder(mutated[..5]));
                return MunicipalityCode.TryParse(mutated, out _) == expectedToParse;
            });

    private static bool IsFold(int before, int after) => (before, after) is (0, 10) or (10, 0);
}
