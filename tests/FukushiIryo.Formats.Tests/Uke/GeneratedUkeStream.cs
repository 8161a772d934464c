using System.Globalization;
using FukushiIryo.Formats.Uke;

namespace FukushiIryo.Formats.Tests.Uke;

/// <summary>
/// A read-only stream of a synthetic UKE file of <c>receipts</c> 医科 receipts (IR, then RE, HO, KO,
/// SY, SI each, then GO), generated as it is read: the file never exists whole, in memory or on disk.
/// </summary>
public sealed class GeneratedUkeStream(int receipts) : Stream
{
    private const int Points = 1234;
    private readonly MemoryStream _chunk = new();
    private int _next;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_chunk.Position == _chunk.Length && !_done)
        {
            Refill();
        }

        return _chunk.Read(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Refill()
    {
        _chunk.SetLength(0);
        using (var writer = new UkeWriter(_chunk, leaveOpen: true))
        {
            if (_next == 0)
            {
                writer.Write("IR", "2", "29", "1", UkeFile.MedicalCode, "", "奈良テスト医院", "50801", "00", "0742-00-0000");
            }

            for (int i = 0; i < 1000 && _next < receipts; i++)
            {
                _next++;
                string number = _next.ToString(CultureInfo.InvariantCulture);
                writer.Write("RE", number, "1122", "50712", "奈良　花子" + (_next % 100).ToString("D2", CultureInfo.InvariantCulture), "2", "4070208", "70", "", "", "", "", "", number, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "ナラハナコ", "");
                writer.Write("HO", "  " + UkeFile.Kokuho, "１２３", number, "2", "1234", "", "", "", "", "", "", "", "", "");
                writer.Write("KO", UkeFile.Payer, UkeFile.Recipient, "", "2", "1234", "500", "", "", "", "", "");
                writer.Write("SY", "3721002", "50712", "1", "8002", "", "", "");
                writer.Write("SI", "11", "1", "111000110", "", "282", "1", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "1");
            }

            if (_next == receipts)
            {
                writer.Write("GO", (2L * receipts).ToString(CultureInfo.InvariantCulture), ((long)Points * receipts).ToString(CultureInfo.InvariantCulture), "99");
                _done = true;
            }
        }

        _chunk.Position = 0;
    }
}
