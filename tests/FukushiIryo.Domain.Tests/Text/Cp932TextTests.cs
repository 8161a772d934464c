using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Domain.Tests.Text;

/// <summary>The one CP932 replacement rule (docs/formats/cp932-replacement.md, ADR 0038).</summary>
public class Cp932TextTests
{
    [Theory]
    [InlineData("𠮷田 花子", "吉田 花子", "𠮷", "吉")] // U+20BB7 → the documented 吉
    [InlineData("𡈽屋 一郎", "土屋 一郎", "𡈽", "土")]
    [InlineData("森 鷗外", "森 鴎外", "鷗", "鴎")]
    [InlineData("剝離", "剥離", "剝", "剥")]
    [InlineData("𩸽 太郎", "〓 太郎", "𩸽", "〓")] // not in the table: the 下駄 〓 (U+3013)
    [InlineData("扶助費😀", "扶助費〓", "😀", "〓")]
    [InlineData("1丁目2番3−4", "1丁目2番3－4", "−", "－")] // JIS X 0208 minus → the CP932 (Windows) form
    [InlineData("〜", "～", "〜", "～")]
    [InlineData("葛\U000E0100城", "葛城", "\U000E0100", "")] // a variation selector (IVS) is dropped, its base kept
    public void A_character_cp932_cannot_hold_is_replaced_by_the_one_rule_and_reported(string text, string written, string original, string replacement)
    {
        var encoded = Cp932Text.Encode(text);

        Assert.Equal(written, Cp932Text.Strict.GetString(encoded.Bytes));
        var reported = Assert.Single(encoded.Replacements);
        Assert.Equal((1, original, replacement), (reported.Line, reported.Original, reported.Replacement));
    }

    [Theory]
    [InlineData("髙橋 﨑子")] // NEC/IBM extensions that CP932 holds: kept
    [InlineData("奈良 花子,ﾅﾗ ﾊﾅｺ,1000017")]
    [InlineData("～－￢∥")] // the Windows forms of CP932
    public void A_text_cp932_holds_is_written_as_it_is_with_nothing_reported(string text)
    {
        var encoded = Cp932Text.Encode(text);

        Assert.Equal(text, Cp932Text.Strict.GetString(encoded.Bytes));
        Assert.Empty(encoded.Replacements);
        Assert.True(Cp932Text.CanHold(text));
    }

    [Fact]
    public void The_report_names_the_line_the_code_point_and_the_replacement()
    {
        var encoded = Cp932Text.Encode("受給者番号,氏名\r\n1000017,奈良 花子\r\n1000025,𠮷田 𩸽子\r\n");

        Assert.Equal(["3行目: 𠮷（U+20BB7）→ 吉", "3行目: 𩸽（U+29E3D）→ 〓"], encoded.Replacements.Select(r => r.ToString()));
        Assert.Equal("受給者番号,氏名\r\n1000017,奈良 花子\r\n1000025,吉田 〓子\r\n", Cp932Text.Strict.GetString(encoded.Bytes));
    }

    [Fact]
    public void Every_variant_of_the_table_is_outside_cp932_and_its_replacement_inside()
    {
        foreach (var (variant, replacement) in Cp932Text.Variants)
        {
            Assert.False(Cp932Text.CanHold(variant), $"{variant} is in CP932: it needs no entry");
            Assert.True(Cp932Text.CanHold(replacement), $"{replacement} (for {variant}) is not in CP932");
        }

        Assert.True(Cp932Text.CanHold(Cp932Text.Geta));
        Assert.Equal(new byte[] { 0x81, 0xAC }, Cp932Text.Strict.GetBytes(Cp932Text.Geta));
    }

    [Property(MaxTest = 300)]
    public Property Any_text_encodes_without_throwing_and_reads_back_as_the_text_with_its_replacements() =>
        Prop.ForAll(
            Gen.Elements("a", "1", ",", "奈", "良", "ﾊ", "ア", "髙", "﨑", "𠮷", "𩸽", "😀", "剝", "\r\n", "\U000E0100").ArrayOf().Select(string.Concat).ToArbitrary(),
            text =>
            {
                var encoded = Cp932Text.Encode(text);
                var expected = new StringBuilder();
                foreach (var rune in text.EnumerateRunes())
                {
                    var s = rune.ToString();
                    expected.Append(Cp932Text.CanHold(s) ? s : encoded.Replacements.First(r => r.Original == s).Replacement);
                }

                return Cp932Text.Strict.GetString(encoded.Bytes) == expected.ToString()
                    && encoded.Replacements.Count == text.EnumerateRunes().Count(r => !Cp932Text.CanHold(r.ToString()));
            });
}
