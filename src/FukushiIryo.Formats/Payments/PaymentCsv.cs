using System.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.Formats.Payments;

/// <summary>The encoding of a payment CSV (interfaces.md §6: UTF-8 with BOM by default, <c>--encoding cp932</c> on request).</summary>
public enum PaymentCsvEncoding
{
    /// <summary>UTF-8 with a byte order mark, which spreadsheets need to read Japanese text right.</summary>
    Utf8WithBom,

    /// <summary>CP932 (Shift_JIS as Windows writes it) for systems that read nothing else; a character it cannot write is an error.</summary>
    Cp932,
}

/// <summary>
/// The common writing of the payment CSVs: a header line and one line per row, each field defused
/// and quoted (<see cref="CsvText.Line"/>), CR LF after every line, the whole encoded at once so the
/// same rows always give the same bytes and nothing is written when a character cannot be encoded.
/// </summary>
internal static class PaymentCsv
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Format(IReadOnlyList<string> header, IEnumerable<IEnumerable<string?>> rows, PaymentCsvEncoding encoding)
    {
        var text = new StringBuilder();
        text.Append(CsvText.Line(header)).Append("\r\n");
        foreach (IEnumerable<string?> row in rows)
        {
            text.Append(CsvText.Line(row)).Append("\r\n");
        }

        string content = text.ToString();
        return encoding switch
        {
            PaymentCsvEncoding.Utf8WithBom => [.. Encoding.UTF8.Preamble, .. Utf8.GetBytes(content)],
            PaymentCsvEncoding.Cp932 => EncodeCp932(content),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
        };
    }

    private static byte[] EncodeCp932(string content)
    {
        try
        {
            return InputEncoding.StrictCp932.GetBytes(content);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"A value has a character that CP932 cannot write (U+{(int)e.CharUnknown:X4}); write the file in UTF-8.", nameof(content), e);
        }
    }
}
