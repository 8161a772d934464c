using System.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.Formats.Tests.Common;

public sealed class InputEncodingTests
{
    private const string Line = "宛名番号,氏名,氏名カナ\r\n000123,奈良 花子,ﾅﾗ ﾊﾅｺ\r\n";

    [Fact]
    public void Utf8_bytes_are_read_as_utf8()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Line));
        var encoding = InputEncoding.Detect(stream);
        Assert.Equal(65001, encoding.CodePage);
        Assert.Equal(0, stream.Position);
        Assert.Equal(Line, new StreamReader(stream, encoding).ReadToEnd());
    }

    [Fact]
    public void Utf8_with_a_bom_is_read_as_utf8_and_the_bom_is_not_part_of_the_text()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Line)).ToArray();
        using var stream = new MemoryStream(bytes);
        var encoding = InputEncoding.Detect(stream);
        Assert.Equal(65001, encoding.CodePage);
        Assert.Equal(Line, new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true).ReadToEnd());
    }

    [Fact]
    public void Cp932_bytes_are_read_as_cp932()
    {
        using var stream = new MemoryStream(InputEncoding.Cp932.GetBytes(Line));
        var encoding = InputEncoding.Detect(stream);
        Assert.Equal(932, encoding.CodePage);
        Assert.Equal(Line, new StreamReader(stream, encoding).ReadToEnd());
    }

    [Fact]
    public void A_utf8_sequence_split_across_read_buffers_is_still_utf8()
    {
        // 81,920 bytes per read: put a 3-byte character across the boundary.
        var text = new string('a', 81919) + "奈良";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        Assert.Equal(65001, InputEncoding.Detect(stream).CodePage);
    }

    [Theory]
    [InlineData(null, EncodingChoice.Auto)]
    [InlineData("auto", EncodingChoice.Auto)]
    [InlineData("utf-8", EncodingChoice.Utf8)]
    [InlineData("UTF8", EncodingChoice.Utf8)]
    [InlineData("cp932", EncodingChoice.Cp932)]
    public void The_encoding_option_is_parsed(string? option, EncodingChoice expected) =>
        Assert.Equal(expected, InputEncoding.ParseOption(option));

    [Fact]
    public void An_unknown_encoding_option_is_refused() =>
        Assert.Throws<ArgumentException>(() => InputEncoding.ParseOption("latin1"));
}
