using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Tests.Numbers;

/// <summary>
/// The input rules every number type shares: surrounding white space is trimmed; only ASCII digits are
/// accepted (callers apply NFKC first); null, empty, non-digit and wrong-length inputs are refused with
/// distinct messages; a message repeats at most the value itself.
/// </summary>
public class InputRulesTests
{
    /// <summary>
    /// Parse, TryParse, a valid sample and its ToString() for each type, by name so that the test cases stay
    /// serialisable.
    /// </summary>
    private static (Func<string, object> Parse, Func<string?, bool> TryParse, string Valid, string Canonical) Type(string name) => name switch
    {
        nameof(RecipientNumber) => (s => RecipientNumber.Parse(s), s => RecipientNumber.TryParse(s, out _), "1234566", "1234566"),
        nameof(PayerNumber) => (s => PayerNumber.Parse(s), s => PayerNumber.TryParse(s, out _), "54016027", "54016027"),
        nameof(InsurerNumber) => (s => InsurerNumber.Parse(s), s => InsurerNumber.TryParse(s, out _), "01130012", "01130012"),
        nameof(ProviderCode) => (s => ProviderCode.Parse(s), s => ProviderCode.TryParse(s, out _), "0110113719", "0110113719"),
        "ProviderCodeInContext" => (
            s => ProviderCode.Parse(s, "01", FeeSchedule.Medical),
            s => ProviderCode.TryParse(s, "01", FeeSchedule.Medical, out _),
            "0113719",
            "0110113719"), // ToString() is the 10-digit form
        nameof(MunicipalityCode) => (s => MunicipalityCode.Parse(s), s => MunicipalityCode.TryParse(s, out _), "292010", "292010"),
        nameof(MyNumber) => (s => MyNumber.Parse(s), s => MyNumber.TryParse(s, out _), "983205673214", MyNumber.Mask),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> Types =>
    [
        nameof(RecipientNumber),
        nameof(PayerNumber),
        nameof(InsurerNumber),
        nameof(ProviderCode),
        "ProviderCodeInContext",
        nameof(MunicipalityCode),
        nameof(MyNumber),
    ];

    [Theory]
    [MemberData(nameof(Types))]
    public void Surrounding_white_space_is_trimmed_and_the_canonical_digits_round_trip(string type)
    {
        var (parse, tryParse, valid, canonical) = Type(type);
        object plain = parse(valid);
        Assert.Equal(plain, parse("  " + valid + " \t"));
        Assert.Equal(plain, parse("\u3000" + valid + "\r\n")); // a full-width space is white space too
        Assert.True(tryParse(" " + valid + " "));
        Assert.Equal(canonical, plain.ToString());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Null_is_refused(string type)
    {
        var (parse, tryParse, _, _) = Type(type);
        Assert.Throws<ArgumentNullException>(() => parse(null!));
        Assert.False(tryParse(null));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Empty_non_digit_and_wrong_length_inputs_are_refused_with_distinct_messages(string type)
    {
        var (parse, tryParse, valid, _) = Type(type);
        string fullWidth = new(valid.Select(c => (char)(c - '0' + '０')).ToArray());
        string letter = valid[..^1] + "A";
        string[] inputs = ["", "   ", fullWidth, letter, valid[..^1], valid + "0"];
        foreach (string input in inputs)
        {
            Assert.False(tryParse(input), input);
        }

        string empty = Assert.Throws<FormatException>(() => parse("")).Message;
        string blank = Assert.Throws<FormatException>(() => parse("   ")).Message;
        string notDigits = Assert.Throws<FormatException>(() => parse(fullWidth)).Message;
        string notDigitsLetter = Assert.Throws<FormatException>(() => parse(letter)).Message;
        string tooShort = Assert.Throws<FormatException>(() => parse(valid[..^1])).Message;
        string tooLong = Assert.Throws<FormatException>(() => parse(valid + "0")).Message;

        Assert.Equal(empty, blank);
        Assert.Contains("empty", empty, StringComparison.Ordinal);
        Assert.Contains("only the ASCII digits 0-9", notDigits, StringComparison.Ordinal);
        Assert.Contains("NFKC", notDigits, StringComparison.Ordinal);
        Assert.Contains("only the ASCII digits 0-9", notDigitsLetter, StringComparison.Ordinal);
        Assert.Contains("must have", tooShort, StringComparison.Ordinal);
        Assert.Contains("must have", tooLong, StringComparison.Ordinal);
        Assert.Equal(4, new[] { empty, notDigits, tooShort, tooLong }.Distinct().Count());
    }

    [Theory]
    [InlineData(nameof(RecipientNumber))]
    [InlineData(nameof(PayerNumber))]
    [InlineData(nameof(InsurerNumber))]
    [InlineData(nameof(MunicipalityCode))]
    public void A_message_repeats_the_trimmed_value_and_nothing_more(string type)
    {
        var (parse, _, _, _) = Type(type);
        string message = Assert.Throws<FormatException>(() => parse("  12x4\n")).Message;
        Assert.EndsWith(": '12x4'", message, StringComparison.Ordinal);

        string longValue = new('9', 100);
        string longMessage = Assert.Throws<FormatException>(() => parse(longValue)).Message;
        Assert.DoesNotContain(longValue, longMessage, StringComparison.Ordinal);
        Assert.Contains(new string('9', 32) + "…'", longMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_inside_a_value_are_not_copied_into_a_message()
    {
        string message = Assert.Throws<FormatException>(() => PayerNumber.Parse("5401\n6027")).Message;
        Assert.DoesNotContain('\n', message);
    }
}
