using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Tests.Numbers;

/// <summary>The pattern half of P16: which texts hold a candidate 個人番号, and where.</summary>
public sealed class MyNumberPatternTests
{
    // 123456789018 and 987654321093 pass the check digit; 123456789019 and 987654321094 do not.
    [Theory]
    [InlineData("123456789018", 0, 12)]
    [InlineData("番号は123456789018です", 3, 12)]
    [InlineData("1234 5678 9018", 0, 14)]
    [InlineData("メモ：1234-5678-9018。", 3, 14)]
    [InlineData("１２３４５６７８９０１８", 0, 12)]
    [InlineData("（987654321093）", 1, 12)]
    [InlineData("電話 0742-34-1111 番号 987654321093", 19, 12)]
    public void A_valid_number_is_found_where_it_is(string text, int start, int length)
    {
        var match = Assert.Single(MyNumberPattern.Find(text));
        Assert.Equal(new MyNumberMatch(start, length), match);
    }

    [Theory]
    [InlineData("123456789019")] // wrong check digit
    [InlineData("1234567890189")] // 13 digits
    [InlineData("23456789018")] // 11 digits
    [InlineData("0123456789018")] // the valid 12 inside a longer run
    [InlineData("1234 5678 9018 7777")] // four groups: a card number shape, not 4-4-4
    [InlineData("9999 1234 5678 9018")]
    [InlineData("1234  5678 9018")] // two separators
    [InlineData("0742-34-1111")]
    [InlineData("")]
    [InlineData("受給者番号 2900014 口座 1234567")]
    [InlineData("ABC987654321093")] // part of a token
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")] // a hash
    [InlineData("sha256 9f123456789018ab")] // 12 digits inside a hex string
    [InlineData("cli-0a1b2c3d123456789018e5f6a7b8c9d0")] // inside a GUID
    public void Other_texts_hold_none(string text) => Assert.Empty(MyNumberPattern.Find(text));

    [Fact]
    public void Every_candidate_in_a_text_is_found()
    {
        var matches = MyNumberPattern.Find("a 123456789018 b 987654321093 c 1234-5678-9018");
        Assert.Equal([new(2, 12), new(17, 12), new(32, 14)], matches);
    }

    [Property(MaxTest = 300)]
    public Property A_number_found_always_passes_the_check_digit(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        var digits = string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + random.Next(10))));
        var found = MyNumberPattern.Find("番号 " + digits + "。").Count == 1;
        return (found == MyNumber.IsValid(digits)).ToProperty();
    }
}
