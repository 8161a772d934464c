using System.Text;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Formats.Common;

/// <summary>
/// The encodings an import accepts (interfaces.md §0): <c>auto</c> reads UTF-8 (a BOM allowed)
/// when the bytes decode cleanly as UTF-8, else CP932 (Shift_JIS as Windows writes it).
/// </summary>
public static class InputEncoding
{
    /// <summary>Windows code page 932, the encoding of 住基/税務/UKE files and of 全銀 data.</summary>
    public static Encoding Cp932 { get; } = CreateCp932();

    /// <summary>UTF-8 that throws on invalid bytes instead of replacing them.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>CP932 that throws on bytes or characters it cannot map instead of writing '?' (the one instance, <see cref="Cp932Text.Strict"/>).</summary>
    public static Encoding StrictCp932 => Cp932Text.Strict;

    /// <summary>Resolves the <c>--encoding</c> option: auto, utf-8 or cp932.</summary>
    public static EncodingChoice ParseOption(string? option) => (option ?? "auto").Trim().ToUpperInvariant() switch
    {
        "AUTO" => EncodingChoice.Auto,
        "UTF-8" or "UTF8" => EncodingChoice.Utf8,
        "CP932" or "SHIFT_JIS" or "SJIS" or "WINDOWS-31J" => EncodingChoice.Cp932,
        _ => throw new ArgumentException($"Unknown encoding '{option}': use auto, utf-8 or cp932.", nameof(option)),
    };

    /// <summary>
    /// Decides the encoding of a whole file by reading it once as a stream (memory stays flat
    /// whatever the size): UTF-8 when every byte sequence is valid UTF-8, else CP932.
    /// The stream is left positioned at its start.
    /// </summary>
    public static Encoding Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("Encoding detection needs a seekable stream.", nameof(stream));
        }

        var start = stream.Position;
        var decoder = StrictUtf8.GetDecoder();
        var bytes = new byte[81920];
        var chars = new char[StrictUtf8.GetMaxCharCount(bytes.Length)];
        var isUtf8 = true;
        try
        {
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            isUtf8 = false;
        }

        stream.Position = start;
        return isUtf8 ? StrictUtf8 : StrictCp932;
    }

    /// <summary>Returns the encoding to read a file with, given the option.</summary>
    public static Encoding Resolve(EncodingChoice choice, Stream stream) => choice switch
    {
        EncodingChoice.Utf8 => StrictUtf8,
        EncodingChoice.Cp932 => StrictCp932,
        _ => Detect(stream),
    };

    private static Encoding CreateCp932()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }
}

/// <summary>The value of an import's <c>--encoding</c> option.</summary>
public enum EncodingChoice
{
    Auto,
    Utf8,
    Cp932,
}
