using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Tests.Numbers;

public class ProviderCodeTests
{
    [Fact]
    public void Parses_the_documented_real_code_in_context()
    {
        // formats.md §6.5: 0110113719 = 北海道 01, 医科 1, code 0113719.
        ProviderCode code = ProviderCode.Parse("0113719", "01", FeeSchedule.Medical);
        Assert.Equal("0113719", code.Code);
        Assert.Equal("01", code.PrefectureCode);
        Assert.Equal(FeeSchedule.Medical, code.FeeSchedule);
        Assert.Equal("01", code.AreaCode);
        Assert.Equal("1371", code.ProviderNumber);
        Assert.Equal(9, code.CheckDigit);
        Assert.Equal("0110113719", code.ToTenDigitForm());
        Assert.Equal("0110113719", code.ToString());
    }

    [Theory]
    [InlineData("0110113719")]
    [InlineData(" 0110113719 ")]
    public void Parses_the_documented_real_code_in_ten_digit_form(string text)
    {
        ProviderCode code = ProviderCode.Parse(text);
        Assert.Equal(ProviderCode.Parse("0113719", "01", FeeSchedule.Medical), code);
        Assert.True(ProviderCode.TryParse(text, out ProviderCode? again));
        Assert.Equal(code, again);
    }

    [Theory]
    [InlineData("0113718", "01", FeeSchedule.Medical)] // wrong check digit
    [InlineData("0113729", "01", FeeSchedule.Medical)] // one digit of the code changed
    [InlineData("0113719", "02", FeeSchedule.Medical)] // right code, other prefecture
    [InlineData("0113719", "01", FeeSchedule.Dental)] // right code, other fee schedule
    [InlineData("0113719", "01", FeeSchedule.Pharmacy)]
    public void Rejects_a_code_whose_check_digit_does_not_fit_its_context(string text, string prefecture, FeeSchedule feeSchedule)
    {
        Assert.False(ProviderCode.TryParse(text, prefecture, feeSchedule, out _));
        FormatException e = Assert.Throws<FormatException>(() => ProviderCode.Parse(text, prefecture, feeSchedule));
        Assert.Contains("check digit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0110113718", "check digit")]
    [InlineData("0130113719", "check digit")]
    [InlineData("0120113719", "fee schedule digit")] // 2 is no fee schedule
    [InlineData("0160113719", "fee schedule digit")] // 訪問看護: no check rule documented (formats.md §6.5)
    [InlineData("0010113719", "01 to 47")]
    [InlineData("4810113719", "01 to 47")]
    [InlineData("110113719", "10 digits")]
    [InlineData("01101137190", "10 digits")]
    public void Rejects_a_wrong_ten_digit_form(string text, string reason)
    {
        Assert.False(ProviderCode.TryParse(text, out _));
        FormatException e = Assert.Throws<FormatException>(() => ProviderCode.Parse(text));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("48")]
    [InlineData("1")]
    [InlineData("001")]
    [InlineData("０１")]
    [InlineData("")]
    public void Rejects_a_prefecture_code_outside_01_to_47(string prefecture)
    {
        Assert.False(ProviderCode.TryParse("0113719", prefecture, FeeSchedule.Medical, out _));
        FormatException e = Assert.Throws<FormatException>(() => ProviderCode.Parse("0113719", prefecture, FeeSchedule.Medical));
        Assert.Contains("Prefecture code", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_fee_schedule_without_a_documented_check_rule()
    {
        const FeeSchedule homeNursing = (FeeSchedule)6;
        Assert.Throws<ArgumentOutOfRangeException>(() => ProviderCode.Parse("0113719", "01", homeNursing));
        Assert.False(ProviderCode.TryParse("0113719", "01", homeNursing, out _));
    }

    [Fact]
    public void Refuses_null_context()
    {
        Assert.Throws<ArgumentNullException>(() => ProviderCode.Parse("0113719", null!, FeeSchedule.Medical));
        Assert.Throws<ArgumentNullException>(() => ProviderCode.Parse(null!, "01", FeeSchedule.Medical));
        Assert.False(ProviderCode.TryParse("0113719", null, FeeSchedule.Medical, out _));
        Assert.False(ProviderCode.TryParse(null, "01", FeeSchedule.Medical, out _));
    }

    private static readonly FeeSchedule[] Schedules = [FeeSchedule.Medical, FeeSchedule.Dental, FeeSchedule.Pharmacy];

    /// <summary>(prefecture, fee schedule, 7-digit code) with the check digit computed by the reference rule.</summary>
    private static Gen<(string Prefecture, FeeSchedule FeeSchedule, string Code)> ValidCodes =>
        from prefecture in NumberGen.Prefecture
        from feeSchedule in Gen.Elements(Schedules)
        from first6 in NumberGen.Digits(6)
        select (prefecture, feeSchedule, first6 + (char)('0' + CheckDigitReference.Mhlw(prefecture + (int)feeSchedule + first6)));

    /// <summary>
    /// Synthetic 奈良県 (29) codes under 奈良市's 郡市区番号 01, with check digits computed here — plausible
    /// in shape, not taken from any list of real providers. Used only by the property below.
    /// </summary>
    private static readonly (string Prefecture, FeeSchedule FeeSchedule, string Code)[] SyntheticNaraCodes =
    [
        ("29", FeeSchedule.Medical, "0189808"),
        ("29", FeeSchedule.Medical, "0112479"),
        ("29", FeeSchedule.Dental, "0156662"),
        ("29", FeeSchedule.Pharmacy, "0198068"),
    ];

    [Property]
    public Property A_code_with_its_computed_check_digit_parses_in_both_forms() =>
        Prop.ForAll(
            ValidCodes.ToArbitrary(),
            c => ProviderCode.TryParse(c.Code, c.Prefecture, c.FeeSchedule, out ProviderCode? code)
                && code.Code == c.Code
                && code.ToTenDigitForm() == c.Prefecture + (int)c.FeeSchedule + c.Code
                && ProviderCode.Parse(code.ToTenDigitForm()) == code);

    [Property]
    public Property Any_single_digit_substitution_of_the_code_never_parses() =>
        Prop.ForAll(
            ValidCodes.Or(Gen.Elements(SyntheticNaraCodes))
                .Zip(NumberGen.Substitution(ProviderCode.Length), (c, change) => (c.Prefecture, c.FeeSchedule, Code: change.ApplyTo(c.Code)))
                .ToArbitrary(),
            c => !ProviderCode.TryParse(c.Code, c.Prefecture, c.FeeSchedule, out _));

    [Property]
    public Property The_synthetic_Nara_codes_are_valid_and_any_substitution_of_their_ten_digit_form_fails() =>
        Prop.ForAll(
            Gen.Elements(SyntheticNaraCodes).Zip(NumberGen.Substitution(ProviderCode.TenDigitLength), (c, change) => (c, change)).ToArbitrary(),
            t =>
            {
                ProviderCode code = ProviderCode.Parse(t.c.Code, t.c.Prefecture, t.c.FeeSchedule);
                return code.PrefectureCode == "29"
                    && code.AreaCode == "01"
                    && !ProviderCode.TryParse(t.change.ApplyTo(code.ToTenDigitForm()), out _);
            });

    // The fee schedule digit has weight 2 in the 2-1 sum, and 1, 3, 4 contribute 2, 6, 8: distinct, so the
    // same 7 digits are never valid under two fee schedules.
    [Property]
    public Property A_valid_code_is_invalid_under_any_other_fee_schedule() =>
        Prop.ForAll(
            ValidCodes.ToArbitrary(),
            c => Schedules.Where(s => s != c.FeeSchedule).All(other => !ProviderCode.TryParse(c.Code, c.Prefecture, other, out _)));
}
