using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.App.Tests.Fuzzing;

/// <summary>
/// The fuzzer's inputs: a small valid file per reader (the seed), mutated by a random number of
/// structure-aware edits (a field replaced by a hostile value, fields and lines dropped, repeated or
/// swapped, separators and quotes inserted, the file cut short) and byte-level edits (bits flipped,
/// bytes inserted, the encoding switched), plus wholly random bytes. Shrinking removes lines, halves,
/// fields and single bytes, so a failure is reported with a small input.
/// </summary>
public static class FuzzInputs
{
    /// <summary>Values that have broken parsers elsewhere: empty, signs, overflow, impossible dates, 和暦, full-width, control and surrogate characters, quotes.</summary>
    private static readonly string[] Hostile =
    [
        "", " ", "　", "-", "-1", "-0", "+1", "0", "00000000", "1e5", "0x10", "１２３", "9223372036854775807", "9223372036854775808",
        "99999999999999999999999999", "2147483648", "-2147483649", "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "0001-01-01",
        "R99.99.99", "H31.4.31", "R1.5.1", "令和元年5月1日", "S64.1.8", "M1.1.1", "5010230", "4070208", "9999999", "50713", "59999", "99",
        "202613", "2026-00", "2026/1", "ﾅﾗ ﾊﾅｺ", "ナラ　ハナコ", "𠮷", "\uFFFD", "\u0000", "\u001F", "\u007F", "\"", "\"\"", "\"x", "x\"",
        "a\"b", ",", "\r", "\n", "\r\n", "IR", "RE", "HO", "KO", "GO", "SY", "医科", "歯科", "調剤", "訪問看護", "療養費", "入院", "外来",
        "世帯主", "子", "1", "2", "3", "9", "70", "100", "101", "１", new string('9', 400), new string('ア', 300),
    ];

    /// <summary>The seed file of each target (valid, small; every number synthetic).</summary>
    public static IReadOnlyDictionary<string, string[]> Seeds { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["uke"] =
        [
            "IR,2,29,1,0100102,,奈良テスト医院,50801,00,0742-00-0000",
            "RE,1,1112,50712,奈良　花子,2,4070208,70,,,,,,,,,,,,,,,,,,,,,,,,,,,,,ナラハナコ,",
            "HO,  292011,１２３,４５,2,1000,,,,,,,,,",
            "KO,81292013,0000125,,2,1000,500,,,,,",
            "RE,2,1112,50712,奈良　一郎,1,3210402,70,,,,,,,,,,,,,,,,,,,,,,,,,,,,,ナライチロウ,",
            "HO,01292010,１２３,４５,3,438,,,,,,1310,,,",
            "GO,3,1438,99",
        ],
        ["autopay"] =
        [
            "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期,都道府県,他公費負担額,災害共済",
            "81292013,0000125,292011,ﾅﾗ ﾊﾅｺ,1995-02-08,2025-12,0100102,奈良テスト医院,医科,外来,70,2,1234,,3700,0,,0,0,,,",
            "81292013,0000125,00292011,ナラ タロウ,R2.5.1,R07.12,0100207,奈良テスト歯科,歯科,入院,80,14,5000,,10000,1380,2000,,1,29,1500,1",
            "81292013,0000125,01292010,ナラ ジロウ,2020-05-01,202512,0100409,奈良訪問看護,訪問看護,外来,70,4,,32000,9600,0,0,0,0,,,",
        ],
        ["residents"] =
        [
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000301,0003,遠方 陽菜,エンポウ ヒナ,H22.8.20,2,世帯主,630-8501,\"奈良県奈良市登大路町31番地, 2階\",1,転入,2026-04-01,2026-04-03",
        ],
        ["tax"] = TaxSeed(),
    };

    /// <summary>Inputs for <paramref name="target"/>: mostly mutated seeds, sometimes random bytes.</summary>
    public static Arbitrary<byte[]> For(string target)
    {
        var seed = Seeds[target];
        var mutated = Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, 8)).Select(pair => Mutate(seed, new Random(pair.Item1), pair.Item2));
        var random = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));
        var lines = Gen.ArrayOf(Gen.Elements(Hostile.Concat(seed).ToArray())).Select(pieces => Encode(string.Join("\r\n", pieces), utf8: true));
        return Arb.From(Gen.Frequency((8, mutated), (1, random), (1, lines)), Shrink);
    }

    /// <summary>Smaller inputs than <paramref name="bytes"/>: without a line, a half, a field, a byte.</summary>
    public static IEnumerable<byte[]> Shrink(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            yield break;
        }

        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' && i + 1 < bytes.Length)
            {
                lineStarts.Add(i + 1);
            }
        }

        lineStarts.Add(bytes.Length);
        if (lineStarts.Count > 2)
        {
            for (int line = 0; line < lineStarts.Count - 1; line++)
            {
                yield return Remove(bytes, lineStarts[line], lineStarts[line + 1] - lineStarts[line]);
            }
        }

        yield return bytes[..(bytes.Length / 2)];
        yield return bytes[(bytes.Length / 2)..];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)',')
            {
                int end = Array.IndexOf(bytes, (byte)',', i + 1);
                if (end > i + 1)
                {
                    yield return Remove(bytes, i + 1, end - i - 1);
                }
            }
        }

        if (bytes.Length <= 512)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                yield return Remove(bytes, i, 1);
            }
        }
    }

    /// <summary>The seed after <paramref name="edits"/> random edits, in UTF-8 or CP932.</summary>
    public static byte[] Mutate(string[] seed, Random random, int edits)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(random);
        var lines = seed.Select(line => line.Split(',').ToList()).ToList();
        var byteEdits = 0;
        for (int edit = 0; edit < edits; edit++)
        {
            if (lines.Count == 0)
            {
                lines.Add([string.Empty]);
            }

            var line = lines[random.Next(lines.Count)];
            if (line.Count == 0)
            {
                line.Add(string.Empty);
            }

            switch (random.Next(10))
            {
                case 0 or 1 or 2:
                    line[random.Next(line.Count)] = Hostile[random.Next(Hostile.Length)];
                    break;
                case 3:
                    line.RemoveAt(random.Next(line.Count));
                    break;
                case 4:
                    line.Insert(random.Next(line.Count + 1), Hostile[random.Next(Hostile.Length)]);
                    break;
                case 5:
                    lines.RemoveAt(random.Next(lines.Count));
                    break;
                case 6:
                    lines.Insert(random.Next(lines.Count + 1), [.. lines[random.Next(lines.Count)]]);
                    break;
                case 7:
                    var other = random.Next(lines.Count);
                    var at = lines.IndexOf(line);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                default:
                    byteEdits++;
                    break;
            }
        }

        var lineEnd = random.Next(4) switch { 0 => "\n", 1 => "\r", _ => "\r\n" };
        var text = string.Join(lineEnd, lines.Select(fields => string.Join(",", fields))) + (random.Next(3) == 0 ? string.Empty : lineEnd);
        var bytes = Encode(text, utf8: random.Next(2) == 0);
        if (random.Next(3) == 0)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }

        for (int edit = 0; edit < byteEdits && bytes.Length > 0; edit++)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes = [.. bytes[..at], (byte)random.Next(256), .. bytes[at..]];
                    break;
                case 2:
                    bytes = bytes[..at];
                    break;
                default:
                    bytes = [.. bytes[..at], "\",\r\n"u8[random.Next(4)], .. bytes[at..]];
                    break;
            }
        }

        return bytes;
    }

    private static byte[] Encode(string text, bool utf8) =>
        utf8 ? Encoding.UTF8.GetBytes(text) : Cp932.GetBytes(text);

    private static readonly Encoding Cp932 = CreateCp932();

    private static Encoding CreateCp932()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }

    private static byte[] Remove(byte[] bytes, int start, int count) => [.. bytes[..start], .. bytes[(start + count)..]];

    /// <summary>A header of the built-in tax layout's columns and two rows: one declared (amounts in yen), one 未申告.</summary>
    private static string[] TaxSeed()
    {
        var columns = ImportLayout.BuiltIn("tax").Columns.Select(column => column.SourceName ?? column.Field).ToList();
        string Value(string column, bool undeclared) => column switch
        {
            "宛名番号" => "000101",
            "課税年度" => "2026",
            "未申告" => undeclared ? "1" : "0",
            _ when undeclared => string.Empty,
            "給与収入" => "2400000",
            "総所得" or "合計所得" or "総所得金額等" => "1560000",
            _ => "0",
        };
        return
        [
            string.Join(",", columns),
            string.Join(",", columns.Select(column => Value(column, undeclared: false))),
            string.Join(",", columns.Select(column => Value(column, undeclared: true))),
        ];
    }
}
