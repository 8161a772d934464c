using System.Globalization;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Formats.Payments;

/// <summary>
/// The 全銀 総合振込 file of <see cref="ZenginTransferFile.Format"/> written record by record into a
/// stream, for a file of any size: the header at once, each transfer as it is given, the trailer (count
/// and total of what was written) and the end record at <see cref="Finish"/>. The same header and
/// transfers give the same bytes as <see cref="ZenginTransferFile.Format"/>.
/// </summary>
/// <remarks>
/// A record that cannot be written exactly is not refused at once: every problem is collected and
/// <see cref="Finish"/> throws the same <see cref="ZenginRecordException"/> as
/// <see cref="ZenginTransferFile.Format"/> would. By then part of the file has been written, so the
/// stream must be one that is thrown away on failure (a temporary file renamed only on success).
/// </remarks>
public sealed class ZenginTransferWriter
{
    private static readonly byte[] NewLine = [(byte)'\r', (byte)'\n'];

    private readonly Stream stream;
    private readonly bool newlines;
    private readonly List<ZenginProblem> problems;
    private readonly List<int> refused = [];
    private int count;
    private long total;
    private bool finished;

    /// <summary>Writes the header record of <paramref name="header"/> into <paramref name="stream"/> (its problems are reported at <see cref="Finish"/>).</summary>
    public ZenginTransferWriter(Stream stream, ZenginHeader header, bool newlines = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        this.stream = stream;
        this.newlines = newlines;
        problems = [.. ZenginTransferFile.Check(header)];
        if (problems.Count == 0)
        {
            Emit(ZenginTransferFile.HeaderRecord(header));
        }
    }

    /// <summary>Transfers given so far.</summary>
    public int Count => count;

    /// <summary>The sum of the transfers written so far, yen.</summary>
    public long Total => total;

    /// <summary>Writes the data record of <paramref name="transfer"/> (after the ones before it).</summary>
    public void Add(ZenginTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (finished)
        {
            throw new InvalidOperationException("The 全銀 file is finished.");
        }

        count++;
        var found = ZenginTransferFile.Check(transfer);
        if (found.Count > 0)
        {
            refused.Add(count);
            problems.AddRange(found);
            return;
        }

        total += transfer.Amount; // at most 999,999 × 9,999,999,999 before the check below: no overflow of long
        if (problems.Count == 0)
        {
            Emit(ZenginTransferFile.DataRecord(transfer));
        }
    }

    /// <summary>Writes the trailer (件数 and 合計金額) and the end record.</summary>
    /// <exception cref="ZenginRecordException">A record could not be written, or the totals exceed the trailer's digits (as <see cref="ZenginTransferFile.Format"/>).</exception>
    public void Finish()
    {
        if (finished)
        {
            throw new InvalidOperationException("The 全銀 file is finished.");
        }

        finished = true;
        if (problems.Count > 0)
        {
            string where = refused.Count == 0 ? "the header" : "transfer(s) " + string.Join(", ", refused.Take(10));
            throw new ZenginRecordException($"The 全銀 file was not written: {where} cannot be written exactly.", problems);
        }

        if (count > ZenginTransferFile.MaxCount || total > ZenginTransferFile.MaxTotal)
        {
            throw new ZenginRecordException(
                $"The 全銀 file was not written: {count} transfers totalling {total} yen exceed the trailer's 6-digit count or 12-digit total.",
                [new ZenginProblem("合計", total.ToString(CultureInfo.InvariantCulture), "件数または合計金額が全銀ファイルの桁数を超えています。ファイルを分けてください。")]);
        }

        Emit(ZenginTransferFile.TrailerRecord(count, total));
        Emit(ZenginTransferFile.EndRecord);
    }

    private void Emit(string record)
    {
        byte[] bytes = ZenginText.ToCp932Bytes(record);
        if (bytes.Length != ZenginTransferFile.RecordLength)
        {
            throw new InvalidOperationException($"A 全銀 record came out {bytes.Length} bytes long instead of {ZenginTransferFile.RecordLength}.");
        }

        stream.Write(bytes);
        if (newlines)
        {
            stream.Write(NewLine);
        }
    }
}
