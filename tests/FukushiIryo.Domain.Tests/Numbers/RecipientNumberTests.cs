using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Tests.Numbers;

public class RecipientNumberTests
{
    // No real 受給者番号 is published; these are computed by hand with the 2-1 method (decisions.md D10).
    [Theory]
    [InlineData("0000000", 0)] // the KO sample's 公費受給者番号 (formats.md §1.8)
    [InlineData("0000018", 1)]
    [InlineData("0001008", 100)]
    [InlineData("1234566", 123456)]
    [InlineData("2900017", 290001)]
    [InlineData("9999996", 999999)]
    public void Parses_valid_numbers_and_gives_the_serial(string text, int serial)
    {
        RecipientNumber number = RecipientNumber.Parse(text);
        Assert.Equal(text, number.ToString());
        Assert.Equal(serial, number.Serial);
        Assert.Equal(text[^1] - '0', number.CheckDigit);
        Assert.Equal(number, RecipientNumber.FromSerial(serial));
    }

    [Theory]
    [InlineData("0000001")]
    [InlineData("0000019")]
    [InlineData("1234567")]
    [InlineData("1234556")]
    [InlineData("2900018")]
    [InlineData("9999997")]
    public void Rejects_a_wrong_check_digit(string text)
    {
        Assert.False(RecipientNumber.TryParse(text, out _));
        FormatException e = Assert.Throws<FormatException>(() => RecipientNumber.Parse(text));
        Assert.Contains("check digit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    [InlineData(int.MinValue)]
    public void FromSerial_refuses_serials_outside_six_digits(int serial) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RecipientNumber.FromSerial(serial));

    [Property]
    public Property FromSerial_round_trips_through_text() =>
        Prop.ForAll(
            Gen.Choose(0, RecipientNumber.MaxSerial).ToArbitrary(),
            serial =>
            {
                RecipientNumber number = RecipientNumber.FromSerial(serial);
                return number.Serial == serial
                    && number.ToString().Length == RecipientNumber.Length
                    && RecipientNumber.Parse(number.ToString()) == number;
            });

    [Property]
    public Property A_serial_with_its_computed_check_digit_parses() =>
        Prop.ForAll(
            NumberGen.Digits(6).ToArbitrary(),
            serial =>
            {
                string text = CheckDigitReference.WithCheck(serial, CheckDigitReference.Mhlw);
                return RecipientNumber.TryParse(text, out RecipientNumber? number) && number.ToString() == text;
            });

    [Property]
    public Property Any_single_digit_substitution_never_parses() =>
        Prop.ForAll(
            NumberGen.WithSubstitution(NumberGen.Digits(6).Select(s => CheckDigitReference.WithCheck(s, CheckDigitReference.Mhlw)), 7),
            c => !RecipientNumber.TryParse(c.Change.ApplyTo(c.Value), out _));
}
