using System.Text;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.Formats.Uke;

/// <summary>
/// Writes UKE records as the 記録条件仕様 files are written (formats.md §1.2): fields joined by commas
/// without quoting, CRLF line ends, CP932. Used for demo data, test fixtures and benchmarks; it
/// checks only what would make the file unreadable (a comma or line break inside a field), not the
/// contents; a character outside CP932 is replaced by the one rule of <see cref="Cp932Text"/> and listed in
/// <see cref="Replacements"/> (ADR 0038).
/// </summary>
public sealed class UkeWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly List<Cp932Replacement> _replacements = [];

    public UkeWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _writer = new StreamWriter(stream, InputEncoding.StrictCp932, bufferSize: 1 << 16, leaveOpen) { NewLine = "\r\n" };
    }

    /// <summary>The records written so far (= the physical line number of the last one).</summary>
    public long Lines { get; private set; }

    /// <summary>Each character replaced so far, with the line of its record.</summary>
    public IReadOnlyList<Cp932Replacement> Replacements => _replacements;

    /// <summary>Writes one record: <paramref name="fields"/>[0] is the record type.</summary>
    /// <exception cref="ArgumentException">a field holds a comma or a line break.</exception>
    public void Write(params ReadOnlySpan<string> fields)
    {
        if (fields.IsEmpty)
        {
            throw new ArgumentException("A record has at least its record type.", nameof(fields));
        }

        for (int i = 0; i < fields.Length; i++)
        {
            var field = fields[i] ?? string.Empty;
            if (field.AsSpan().IndexOfAny(",\r\n") >= 0)
            {
                throw new ArgumentException($"Field {i + 1} of a {fields[0]} record holds a comma or a line break, which UKE cannot carry.", nameof(fields));
            }

            if (i > 0)
            {
                _writer.Write(',');
            }

            _writer.Write(Cp932Text.Fit(field, _replacements, checked((int)Lines + 1)));
        }

        _writer.WriteLine();
        Lines++;
    }

    /// <summary>Flushes the buffered text to the stream.</summary>
    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
