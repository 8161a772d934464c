using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;

namespace FukushiIryo.Formats.Tests.Payments;

/// <summary>
/// Any writable transfers give a file of 120-byte records with CR LF, one data record per transfer in
/// order, names that are well-formed 全銀 text never ending in a kana whose mark was cut off, and a
/// trailer whose totals are the records' count and sum.
/// </summary>
public sealed class ZenginTransferFileProperties
{
    private static readonly Encoding Cp932 = CreateCp932();

    private static readonly ZenginHeader Header = new("0000000001", "ナラシ", new DateOnly(2027, 1, 4), "0162", "", "025", "", AccountType.Ordinary, "1");

    private static Gen<string> Name() =>
        Gen.ArrayOf(Gen.Elements("ア", "ガ", "パ", "ヴ", "ッ", "ョ", "ヲ", "ー", "・", "　", " ", "ｶﾞ", "ｷ", "ば"))
            .Select(pieces => "ナ" + string.Concat(pieces));

    private static Gen<ZenginTransfer> Transfer() =>
        Gen.Zip(Name(), Gen.Zip(Gen.Choose(1, int.MaxValue), Gen.Elements(1L, 1_000L, 1_000_000L)))
            .Select(t => new ZenginTransfer(
                "0001", "ミズホ", "001", "トウキヨウ", AccountType.Ordinary, "1234567", t.Item1, (t.Item2.Item1 * t.Item2.Item2 % ZenginTransferFile.MaxAmount) + 1, "1"));

    [Property(MaxTest = 200)]
    public Property Records_are_fixed_and_totals_agree() =>
        Prop.ForAll(
            Gen.ListOf(Transfer()).ToArbitrary(),
            transfers =>
            {
                using var stream = new MemoryStream();
                ZenginTransferFile.Write(stream, Header, transfers.ToList());
                byte[] bytes = stream.ToArray();
                if (bytes.Length != 122 * (transfers.Count + 3))
                {
                    return false;
                }

                var records = Enumerable.Range(0, transfers.Count + 3)
                    .Select(i => (Record: Cp932.GetString(bytes, i * 122, 120), End: Cp932.GetString(bytes, (i * 122) + 120, 2)))
                    .ToList();
                long sum = 0;
                bool ok = records.All(r => r.End == "\r\n") && records[0].Record[0] == '1' && records[^1].Record == "9".PadRight(120);
                for (int i = 0; ok && i < transfers.Count; i++)
                {
                    string data = records[i + 1].Record;
                    string name = data[50..80].TrimEnd(' ');
                    string whole = ZenginTransferFile.NormalizeName(transfers[i].PayeeName, int.MaxValue).Text;
                    long amount = long.Parse(data[80..90], CultureInfo.InvariantCulture);
                    sum += amount;
                    ok = data[0] == '2'
                        && ZenginText.IsWellFormed(name)
                        && whole.StartsWith(name, StringComparison.Ordinal)
                        && (whole.Length == name.Length || (name.Length >= 28 && whole[name.Length] is not (ZenginText.VoicedMark or ZenginText.SemiVoicedMark)))
                        && amount == transfers[i].Amount;
                }

                string trailer = records[^2].Record;
                return ok
                    && trailer[0] == '8'
                    && int.Parse(trailer[1..7], CultureInfo.InvariantCulture) == transfers.Count
                    && long.Parse(trailer[7..19], CultureInfo.InvariantCulture) == sum;
            });

    private static Encoding CreateCp932()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }
}
