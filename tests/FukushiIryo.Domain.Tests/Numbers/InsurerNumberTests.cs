using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Tests.Numbers;

public class InsurerNumberTests
{
    // Real 8-digit 保険者番号 (formats.md §6.1 and the UKE samples).
    [Theory]
    [InlineData("33120015", "33", "12", "001")]
    [InlineData("01130012", "01", "13", "001")] // 協会けんぽ 東京
    [InlineData("06130512", "06", "13", "051")]
    [InlineData("07130024", "07", "13", "002")]
    public void Parses_real_eight_digit_numbers(string text, string law, string prefecture, string insurer)
    {
        InsurerNumber number = InsurerNumber.Parse(text);
        Assert.False(number.IsNationalHealthInsurance);
        Assert.Equal(text, number.ToString());
        Assert.Equal(text, number.ToFixedWidth8());
        Assert.Equal(law, number.LawCode);
        Assert.Equal(prefecture, number.PrefectureCode);
        Assert.Equal(insurer, number.InsurerCode);
        Assert.Equal(text[^1] - '0', number.CheckDigit);
    }

    // Real 6-digit 国保 numbers (formats.md §6.1, from the UKE samples).
    [Theory]
    [InlineData("133066", "13", "306")]
    [InlineData("138057", "13", "805")]
    [InlineData("110080", "11", "008")]
    [InlineData("061234", "06", "123")]
    public void Parses_real_national_health_insurance_numbers(string text, string prefecture, string insurer)
    {
        InsurerNumber number = InsurerNumber.Parse(text);
        Assert.True(number.IsNationalHealthInsurance);
        Assert.Equal(text, number.ToString());
        Assert.Equal("00" + text, number.ToFixedWidth8());
        Assert.Null(number.LawCode);
        Assert.Equal(prefecture, number.PrefectureCode);
        Assert.Equal(insurer, number.InsurerCode);
    }

    [Theory]
    [InlineData("00133066", "133066")] // 法別 "00" in a fixed-width field (interfaces.md §4)
    [InlineData("  133066", "133066")] // UKE HO record: right-aligned with spaces (formats.md §1.7)
    [InlineData("00061234", "061234")]
    [InlineData("  061234", "061234")]
    [InlineData("133066  ", "133066")]
    [InlineData(" 01130012 ", "01130012")]
    public void Normalises_the_fixed_width_forms_of_a_number(string text, string canonical)
    {
        InsurerNumber number = InsurerNumber.Parse(text);
        Assert.Equal(canonical, number.ToString());
        Assert.Equal(InsurerNumber.Parse(canonical), number);
    }

    [Theory]
    [InlineData("33120016")]
    [InlineData("01130013")]
    [InlineData("06130612")]
    [InlineData("07130124")]
    [InlineData("133067")]
    [InlineData("138058")]
    [InlineData("110081")]
    [InlineData("061244")]
    [InlineData("00133067")] // normalised to 133067, whose check digit is wrong
    [InlineData("10133066")] // a non-zero 法別 in front of a 国保 number breaks the check digit
    public void Rejects_a_mutated_number(string text)
    {
        Assert.False(InsurerNumber.TryParse(text, out _));
        FormatException e = Assert.Throws<FormatException>(() => InsurerNumber.Parse(text));
        Assert.Contains("check digit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13306")]
    [InlineData("0133066")] // 7 digits: neither form
    [InlineData("000133066")]
    public void Rejects_other_lengths(string text)
    {
        FormatException e = Assert.Throws<FormatException>(() => InsurerNumber.Parse(text));
        Assert.Contains("6 digits (National Health Insurance) or 8 digits", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Valid 8-digit numbers with a 法別 other than "00".</summary>
    private static Gen<string> EightDigitNumbers =>
        NumberGen.Digits(7)
            .Where(body => !body.StartsWith("00", StringComparison.Ordinal))
            .Select(body => CheckDigitReference.WithCheck(body, CheckDigitReference.Mhlw));

    /// <summary>Valid 6-digit 国保 numbers.</summary>
    private static Gen<string> NationalHealthInsuranceNumbers =>
        NumberGen.Digits(5).Select(body => CheckDigitReference.WithCheck(body, CheckDigitReference.Mhlw));

    [Property]
    public Property An_eight_digit_body_with_its_check_digit_parses_as_itself() =>
        Prop.ForAll(
            EightDigitNumbers.ToArbitrary(),
            text => InsurerNumber.TryParse(text, out InsurerNumber? number)
                && !number.IsNationalHealthInsurance
                && number.ToString() == text
                && number.ToFixedWidth8() == text);

    [Property]
    public Property A_national_health_insurance_number_parses_in_all_three_forms_to_the_same_value() =>
        Prop.ForAll(
            NationalHealthInsuranceNumbers.ToArbitrary(),
            text =>
            {
                InsurerNumber six = InsurerNumber.Parse(text);
                InsurerNumber zeroPadded = InsurerNumber.Parse("00" + text);
                InsurerNumber spacePadded = InsurerNumber.Parse("  " + text);
                return six.IsNationalHealthInsurance
                    && six.ToString() == text
                    && six.ToFixedWidth8() == "00" + text
                    && zeroPadded == six
                    && spacePadded == six
                    && InsurerNumber.Parse(six.ToFixedWidth8()) == six;
            });

    // Every single-digit substitution is caught in both widths. In the 8-digit form this includes turning
    // the 法別 into "00" or out of it: leading zeros add nothing to the 2-1 sum, so the check over the
    // normalised 6 digits equals the check over all 8, and the substitution changed that sum.
    [Property]
    public Property Any_single_digit_substitution_of_an_eight_digit_form_never_parses() =>
        Prop.ForAll(
            NumberGen.WithSubstitution(EightDigitNumbers.Or(NationalHealthInsuranceNumbers.Select(n => "00" + n)), 8),
            c => !InsurerNumber.TryParse(c.Change.ApplyTo(c.Value), out _));

    [Property]
    public Property Any_single_digit_substitution_of_a_national_health_insurance_number_never_parses() =>
        Prop.ForAll(
            NumberGen.WithSubstitution(NationalHealthInsuranceNumbers, 6),
            c => !InsurerNumber.TryParse(c.Change.ApplyTo(c.Value), out _));
}
