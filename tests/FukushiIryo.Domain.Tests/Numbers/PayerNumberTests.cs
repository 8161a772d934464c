using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Tests.Numbers;

public class PayerNumberTests
{
    // Real 公費負担者番号 (formats.md §6.2, rules-research.md §5.1).
    [Theory]
    [InlineData("54016027", "54", "01", "602")] // 難病, 北海道
    [InlineData("21116017", "21", "11", "601")] // 精神通院, 埼玉
    [InlineData("21136015", "21", "13", "601")] // 精神通院, 東京 (the UKE KO sample)
    [InlineData("12131017", "12", "13", "101")] // 生活保護, 東京
    [InlineData("88134457", "88", "13", "445")] // 東京 マル子
    public void Parses_real_numbers(string text, string law, string prefecture, string agency)
    {
        PayerNumber number = PayerNumber.Parse(text);
        Assert.Equal(text, number.ToString());
        Assert.Equal(law, number.LawCode);
        Assert.Equal(prefecture, number.PrefectureCode);
        Assert.Equal(agency, number.AgencyCode);
        Assert.Equal(text[^1] - '0', number.CheckDigit);
        Assert.True(PayerNumber.TryParse(text, out PayerNumber? again));
        Assert.Equal(number, again);
    }

    [Theory]
    [InlineData("88134458")] // the wrongly issued マル子 number of the Tokyo press release
    [InlineData("54016028")]
    [InlineData("54016127")]
    [InlineData("21116117")]
    [InlineData("31136015")]
    [InlineData("12131018")]
    [InlineData("88134467")]
    public void Rejects_a_mutated_number(string text)
    {
        Assert.False(PayerNumber.TryParse(text, out _));
        FormatException e = Assert.Throws<FormatException>(() => PayerNumber.Parse(text));
        Assert.Contains("check digit", e.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property A_body_with_its_computed_check_digit_parses_and_splits_into_its_parts() =>
        Prop.ForAll(
            NumberGen.Digits(7).ToArbitrary(),
            body =>
            {
                string text = CheckDigitReference.WithCheck(body, CheckDigitReference.Mhlw);
                return PayerNumber.TryParse(text, out PayerNumber? number)
                    && number.ToString() == text
                    && number.LawCode + number.PrefectureCode + number.AgencyCode == body;
            });

    [Property]
    public Property Any_single_digit_substitution_never_parses() =>
        Prop.ForAll(
            NumberGen.WithSubstitution(NumberGen.Digits(7).Select(s => CheckDigitReference.WithCheck(s, CheckDigitReference.Mhlw)), 8),
            c => !PayerNumber.TryParse(c.Change.ApplyTo(c.Value), out _));
}
