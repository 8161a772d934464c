using FukushiIryo.Formats.Uke;

namespace FukushiIryo.Formats.Tests.Uke;

/// <summary>
/// Builds synthetic UKE files for the tests (formats.md §1), record by record, in CP932 with CRLF.
/// Field positions follow docs/formats/uke.md; every number used is synthetic.
/// </summary>
public sealed class UkeFile
{
    /// <summary>A valid 6-digit 国保 insurer number (奈良市: 29 201, check 1).</summary>
    public const string Kokuho = "292011";

    /// <summary>A valid 8-digit insurer number (法別 01, 奈良 29, 201, check 0).</summary>
    public const string Shaho = "01292010";

    /// <summary>A valid 公費負担者番号 (法別 81, 奈良 29, 201, check 3).</summary>
    public const string Payer = "81292013";

    /// <summary>A valid 7-digit 公費受給者番号 (000012 + check 5).</summary>
    public const string Recipient = "0000125";

    /// <summary>Valid 医療機関コード in 奈良 (29): 医科, 歯科, 調剤.</summary>
    public const string MedicalCode = "0100102";
    public const string DentalCode = "0100207";
    public const string PharmacyCode = "0100304";

    private readonly List<string[]> _records = [];

    /// <summary>The records so far, one array of fields each (field 1 first).</summary>
    public IReadOnlyList<string[]> Records => _records;

    /// <summary>Adds a record as its fields.</summary>
    public UkeFile Add(params string[] fields)
    {
        _records.Add(fields);
        return this;
    }

    /// <summary>IR 医科 (formats.md §1.5): 審査支払機関, 都道府県, 点数表, 医療機関コード, 予備, 名称, 請求年月, マルチボリューム, 電話.</summary>
    public UkeFile Ir(string month = "50801", string code = MedicalCode, string agency = "2", string prefecture = "29", string schedule = "1", string name = "奈良テスト医院") =>
        Add("IR", agency, prefecture, schedule, code, "", name, month, "00", "0742-00-0000");

    /// <summary>IR in the ORCA 歯科 form: no 名称, 請求年月 in field 7.</summary>
    public UkeFile IrDental(string month = "50801", string code = DentalCode) =>
        Add("IR", "1", "29", "3", code, "", month, "0742-00-0001", "");

    /// <summary>UK (歯科): like IR 医科, field 9 unnamed, マルチボリューム in field 10.</summary>
    public UkeFile Uk(string month = "50801", string code = DentalCode, string name = "奈良テスト歯科") =>
        Add("UK", "1", "29", "3", code, "", name, month, "", "00");

    /// <summary>YK (調剤): 審査支払機関, 都道府県, 点数表, 薬局コード, 名称, 請求年月, マルチボリューム, 電話.</summary>
    public UkeFile Yk(string month = "50801", string code = PharmacyCode, string name = "奈良テスト薬局") =>
        Add("YK", "2", "29", "4", code, name, month, "00", "0742-00-0002");

    /// <summary>RE 医科: 38 fields, カナ in field 37.</summary>
    public UkeFile Re(int number, string type = "1112", string month = "50712", string name = "奈良　花子", string sex = "2", string birth = "4070208", string rate = "70", string kana = "ナラハナコ", int kanaField = 37, int length = 38)
    {
        var fields = new string[length];
        Array.Fill(fields, string.Empty);
        fields[0] = "RE";
        fields[1] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields[2] = type;
        fields[3] = month;
        fields[4] = name;
        fields[5] = sex;
        fields[6] = birth;
        fields[7] = rate;
        fields[kanaField - 1] = kana;
        return Add(fields);
    }

    /// <summary>HO 医科: 保険者番号 (8 bytes, a 国保 number right-aligned with two spaces), 記号, 番号, 実日数, 合計点数, …, 負担金額 (field 12).</summary>
    public UkeFile Ho(string insurer = Kokuho, string points = "1000", string copay = "", string symbol = "１２３", string number = "４５", string days = "2") =>
        Add("HO", insurer.Length == 6 ? "  " + insurer : insurer, symbol, number, days, points, "", "", "", "", "", copay, "", "", "");

    /// <summary>KO 医科: 負担者番号, 受給者番号, 任意給付区分, 実日数, 合計点数, 負担金額, 外来一部負担金, 入院一部負担金, 予備, 食事回数, 食事金額.</summary>
    public UkeFile Ko(string payer = Payer, string recipient = Recipient, string points = "1000", string patient = "500") =>
        Add("KO", payer, recipient, "", "2", points, patient, "", "", "", "", "");

    /// <summary>GO: 総件数, 総合計点数, マルチボリューム識別.</summary>
    public UkeFile Go(long count, long points) =>
        Add("GO", count.ToString(System.Globalization.CultureInfo.InvariantCulture), points.ToString(System.Globalization.CultureInfo.InvariantCulture), "99");

    /// <summary>The file's bytes: CP932, CRLF.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new UkeWriter(stream, leaveOpen: true))
        {
            foreach (var record in _records)
            {
                writer.Write(record);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A reader over the file's bytes.</summary>
    public UkeReader Open() => new(new MemoryStream(ToBytes()), Formats.Common.InputEncoding.StrictCp932);
}
