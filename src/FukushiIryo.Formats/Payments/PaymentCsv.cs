using System.Text;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.Formats.Payments;

/// <summary>The encoding of a payment CSV (interfaces.md §6: UTF-8 with BOM by default, <c>--encoding cp932</c> on request).</summary>
public enum PaymentCsvEncoding
{
    /// <summary>UTF-8 with a byte order mark, which spreadsheets need to read Japanese text right.</summary>
    Utf8WithBom,

    /// <summary>CP932 (Shift_JIS as Windows writes it) for systems that read nothing else; a character it cannot write is replaced by the one rule of <see cref="Cp932Text"/> (docs/formats/cp932-replacement.md) and reported.</summary>
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

    /// <param name="replacements">With <see cref="PaymentCsvEncoding.Cp932"/>, gets each character replaced (its line is the file's, the header being line 1).</param>
    public static byte[] Format(IReadOnlyList<string> header, IEnumerable<IEnumerable<string?>> rows, PaymentCsvEncoding encoding, ICollection<Cp932Replacement>? replacements = null)
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
            PaymentCsvEncoding.Cp932 => EncodeCp932(content, replacements),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
        };
    }

    private static byte[] EncodeCp932(string content, ICollection<Cp932Replacement>? replacements)
    {
        var encoded = Cp932Text.Encode(content);
        foreach (var replacement in encoded.Replacements)
        {
            replacements?.Add(replacement);
        }

        return encoded.Bytes;
    }
}
