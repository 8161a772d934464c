using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Tests.Numbers;

public class MhlwCheckDigitTests
{
    [Theory]
    [InlineData("3312001", 5)] // formats.md §6.1 worked example 33120015
    [InlineData("5401602", 7)] // formats.md §6.2 worked example 54016027
    [InlineData("8813445", 7)] // rules-research.md §5.1: 88134457
    [InlineData("13306", 6)] // 国保 133066
    [InlineData("011011371", 9)] // formats.md §6.5 worked example 0110113719
    [InlineData("0", 0)]
    [InlineData("1", 8)]
    public void Compute_gives_the_documented_check_digit(string body, int expected) =>
        Assert.Equal(expected, MhlwCheckDigit.Compute(body));

    [Theory]
    [InlineData("54016027")]
    [InlineData("21116017")]
    [InlineData("21136015")]
    [InlineData("12131017")]
    [InlineData("88134457")]
    [InlineData("33120015")]
    [InlineData("01130012")]
    [InlineData("06130512")]
    [InlineData("07130024")]
    [InlineData("133066")]
    [InlineData("138057")]
    [InlineData("110080")]
    [InlineData("061234")]
    [InlineData("0110113719")]
    [InlineData("00")]
    public void IsValid_accepts_real_numbers(string full) => Assert.True(MhlwCheckDigit.IsValid(full));

    [Theory]
    [InlineData("88134458")] // the wrongly issued Tokyo マル子 number (rules-research.md §5.1)
    [InlineData("54016028")]
    [InlineData("33120016")]
    [InlineData("133067")]
    [InlineData("0110113718")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")] // a check digit alone has no body
    [InlineData(" 54016027")] // IsValid does not trim
    [InlineData("5401602７")] // full-width 7
    [InlineData("5401602a")]
    public void IsValid_rejects_wrong_or_malformed_numbers(string? full) => Assert.False(MhlwCheckDigit.IsValid(full));

    [Theory]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("１２")]
    [InlineData("1 2")]
    public void Compute_refuses_a_body_that_is_not_ascii_digits(string body) =>
        Assert.Throws<ArgumentException>(() => MhlwCheckDigit.Compute(body));

    [Property]
    public Property Compute_agrees_with_the_reference_rule() =>
        Prop.ForAll(
            Gen.Choose(1, 20).SelectMany(NumberGen.Digits).ToArbitrary(),
            body => MhlwCheckDigit.Compute(body) == CheckDigitReference.Mhlw(body));

    [Property]
    public Property A_body_with_its_check_digit_is_valid() =>
        Prop.ForAll(
            Gen.Choose(1, 20).SelectMany(NumberGen.Digits).ToArbitrary(),
            body => MhlwCheckDigit.IsValid(CheckDigitReference.WithCheck(body, CheckDigitReference.Mhlw)));

    // The 2-1 method catches every single-digit substitution, the check digit included: under weight 1 a
    // digit contributes itself, under weight 2 the digit sum of its double (0,2,4,6,8,1,3,5,7,9); both
    // maps are permutations of 0-9, so the sum mod 10, and with it the check digit, always changes.
    [Property]
    public Property Any_single_digit_substitution_is_detected() =>
        Prop.ForAll(
            Gen.Choose(2, 20)
                .SelectMany(length => NumberGen.Digits(length - 1)
                    .Select(body => CheckDigitReference.WithCheck(body, CheckDigitReference.Mhlw))
                    .Zip(NumberGen.Substitution(length), (full, change) => change.ApplyTo(full)))
                .ToArbitrary(),
            mutated => !MhlwCheckDigit.IsValid(mutated));
}
