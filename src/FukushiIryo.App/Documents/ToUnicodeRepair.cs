using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace FukushiIryo.App.Documents;

/// <summary>
/// Works around PDFsharp 6.2.4 writing a character outside the BMP into a font's ToUnicode CMap as
/// its code point in hex (<c>&lt;20BB7&gt;</c> for 𠮷) where the CMap needs UTF-16
/// (<c>&lt;D842DFB7&gt;</c>): the glyph is drawn right, but a viewer copies or a search finds
/// U+20BB instead. The saved PDF is read back and each such entry rewritten; nothing else changes.
/// </summary>
internal static partial class ToUnicodeRepair
{
    /// <summary>The PDF with its ToUnicode CMaps repaired (the same bytes when nothing needed it).</summary>
    public static byte[] Apply(byte[] pdf)
    {
        using var input = new MemoryStream(pdf);
        using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        var changed = false;
        foreach (var item in document.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary { Stream: { } stream } dictionary)
            {
                continue;
            }

            var text = Encoding.ASCII.GetString(stream.UnfilteredValue);
            if (!text.Contains("begincmap", StringComparison.Ordinal))
            {
                continue;
            }

            var repaired = RepairCMap(text);
            if (!string.Equals(repaired, text, StringComparison.Ordinal))
            {
                dictionary.Elements.Remove("/Filter");
                dictionary.Elements.Remove("/DecodeParms");
                stream.Value = Encoding.ASCII.GetBytes(repaired);
                stream.Zip();
                changed = true;
            }
        }

        if (!changed)
        {
            return pdf;
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Rewrites every destination of more than four hex digits (a code point above U+FFFF) as UTF-16.</summary>
    internal static string RepairCMap(string cmap) =>
        LongDestination().Replace(cmap, match =>
        {
            var codePoint = int.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var utf16 = char.ConvertFromUtf32(codePoint);
            return $"<{(int)utf16[0]:X4}{(int)utf16[1]:X4}>";
        });

    [GeneratedRegex("<([0-9A-Fa-f]{5,6})>", RegexOptions.CultureInvariant)]
    private static partial Regex LongDestination();
}
