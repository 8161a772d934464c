using FukushiIryo.App.Audit;

namespace FukushiIryo.App.Tests.Audit;

/// <summary>RFC 8785 (JCS) as the audit chain uses it; no database.</summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void Members_are_sorted_by_UTF16_code_units_as_in_RFC_8785_section_3_2_3()
    {
        // The RFC's own sorting example: the emoji (a surrogate pair, D83D DE00) sorts before
        // U+FB33 by UTF-16 code units, although its code point is higher.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        const string expected =
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Japanese_keys_sort_by_code_units_and_a_surrogate_pair_key_before_halfwidth_kana()
    {
        // 𠮷 is U+20BB7 (D842 DFB7); ｱ is U+FF71; 日 is U+65E5. Code point order would put 𠮷 last.
        const string input = """{"ｱ":1,"𠮷":2,"日":3,"a":4,"A":5,"":6}""";
        Assert.Equal("""{"":6,"A":5,"a":4,"日":3,"𠮷":2,"ｱ":1}""", CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Strings_and_literals_as_in_RFC_8785_section_3_2_2()
    {
        // The RFC's example without its floating-point numbers (refused here).
        const string input = """
            {
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}""";
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Only_the_JSON_stringify_escapes_are_used()
    {
        const string input = "[\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001F \\u007f\\u2028\\u2029/<>&'\\u65e5\u672c\"]";
        const string expected = "[\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \u007f\u2028\u2029/<>&'日本\"]";
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Whitespace_goes_and_nesting_is_kept()
    {
        const string input = " { \"b\" : [ 1 , { \"z\" : { } , \"y\" : [ ] } ] ,\n\t\"a\" : \"x\" } ";
        Assert.Equal("""{"a":"x","b":[1,{"y":[],"z":{}}]}""", CanonicalJson.Canonicalize(input));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("42", "42")]
    [InlineData("-42", "-42")]
    [InlineData("9007199254740991", "9007199254740991")]
    [InlineData("-9007199254740991", "-9007199254740991")]
    public void Integers_are_written_in_plain_decimal(string input, string expected) =>
        Assert.Equal($"[{expected}]", CanonicalJson.Canonicalize($"[{input}]"));

    [Theory]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("-0.0")]
    [InlineData("1e3")]
    [InlineData("2E-3")]
    [InlineData("333333333.33333329")]
    public void Floating_point_numbers_are_refused(string number)
    {
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize($"{{\"amount\":{number}}}"));
        Assert.Contains("not an integer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9007199254740992")]
    [InlineData("-9007199254740992")]
    [InlineData("9223372036854775807")]
    [InlineData("123456789012345678901234567890")]
    public void Integers_beyond_2_to_the_53_are_refused(string number)
    {
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize($"[{number}]"));
        Assert.Contains("2^53", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_member_names_are_refused() =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize("""{"a":1,"b":2,"a":3}"""));

    [Theory]
    [InlineData("[\"\\ud800\"]")]
    [InlineData("[\"x\\udc00y\"]")]
    [InlineData("{\"\\ud83d\":1}")]
    public void Lone_surrogates_are_refused(string input) =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{'a':1}")]
    [InlineData("[1,]")]
    [InlineData("NaN")]
    public void Text_that_is_not_JSON_is_refused(string input) =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(input));

    [Fact]
    public void Non_ASCII_is_written_as_UTF8_bytes()
    {
        var canonical = CanonicalJson.Canonicalize("\"\\u65e5\\ud83d\\ude00\"");
        Assert.Equal(new byte[] { 0x22, 0xE6, 0x97, 0xA5, 0xF0, 0x9F, 0x98, 0x80, 0x22 }, CanonicalJson.ToUtf8(canonical));
    }

    [Fact]
    public void A_lone_surrogate_has_no_UTF8_bytes() =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.ToUtf8("a\ud800"));

    [Fact]
    public void Canonical_text_is_its_own_canonical_form()
    {
        const string canonical = """{"":[],"a":{"b":[null,true,false,-1,"\u001f"]},"日本":"語"}""";
        Assert.Equal(canonical, CanonicalJson.Canonicalize(canonical));
    }
}
