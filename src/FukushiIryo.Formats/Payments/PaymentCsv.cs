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

/// <summary>
/// A payment CSV written line by line into a stream, for a file of any size: the same header and rows
/// give the same bytes as the whole-file <c>Format</c> of <see cref="PaymentAccountingCsv"/> and
/// <see cref="PaymentDetailCsv"/> (each line is encoded on its own, which for UTF-8 and CP932 is the same
/// as encoding the whole text), and the same CP932 replacements with the same line numbers. A character
/// that cannot be written throws after the lines before it were written: the stream must be one that is
/// thrown away on failure (a temporary file renamed only on success).
/// </summary>
public sealed class PaymentCsvWriter<TRow>
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream stream;
    private readonly Func<TRow, string?[]> fields;
    private readonly PaymentCsvEncoding encoding;
    private readonly ICollection<Cp932Replacement>? replacements;
    private int line = 1;

    internal PaymentCsvWriter(Stream stream, IReadOnlyList<string> header, Func<TRow, string?[]> fields, PaymentCsvEncoding encoding, ICollection<Cp932Replacement>? replacements)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!Enum.IsDefined(encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null);
        }

        this.stream = stream;
        this.fields = fields;
        this.encoding = encoding;
        this.replacements = replacements;
        if (encoding == PaymentCsvEncoding.Utf8WithBom)
        {
            stream.Write(Encoding.UTF8.Preamble);
        }

        WriteLine(CsvText.Line(header));
    }

    /// <summary>Rows written so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Writes one row after the ones before it.</summary>
    public void Add(TRow row)
    {
        WriteLine(CsvText.Line(fields(row)));
        Rows++;
    }

    private void WriteLine(string text)
    {
        text += "\r\n";
        if (encoding == PaymentCsvEncoding.Utf8WithBom)
        {
            stream.Write(Utf8.GetBytes(text));
        }
        else
        {
            var encoded = Cp932Text.Encode(text);
            foreach (var replacement in encoded.Replacements)
            {
                replacements?.Add(replacement with { Line = replacement.Line + line - 1 });
            }

            stream.Write(encoded.Bytes);
        }

        line += text.AsSpan().Count('\n');
    }
}
