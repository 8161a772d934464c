using System.Globalization;
using System.Text;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Uke;

/// <summary>
/// A streaming reader of レセプト電算 (UKE) files (formats.md §1; interfaces.md §5 <c>uke</c>; the
/// choices where the sources are silent are in docs/formats/uke.md).
/// </summary>
/// <remarks>
/// <para><see cref="Receipts"/> yields one <see cref="UkeClaim"/> at a time, under its header
/// (IR, UK or YK; one or more per file). Only the current receipt and a few counters are held,
/// whatever the size of the file.</para>
/// <para>Structural problems — no header, a record of a receipt before any RE, an RE or HO/KO
/// without its required fields or with a value that is not a number or date, a missing GO, GO
/// totals that disagree with the receipts — are file errors in <see cref="Errors"/>, with their
/// physical line numbers (0 for the file as a whole). They are complete only once
/// <see cref="Receipts"/> has been read to the end; the caller then rejects the whole file when
/// there is any (interfaces.md §0). Doubtful contents of a readable receipt are its
/// <see cref="UkeClaim.Warnings"/> (and its header's), for the check rules.</para>
/// <para>An unknown record type is kept as written on its receipt and counted in
/// <see cref="UnknownRecordTypes"/>; it is not an error.</para>
/// </remarks>
public sealed class UkeReader : IDisposable
{
    /// <summary>The most KO records a receipt may have (第一〜第四公費).</summary>
    public const int MaxPublicExpenses = 4;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Encoding _encoding;
    private readonly List<ImportProblem> _errors = [];
    private readonly Dictionary<string, int> _unknown = new(StringComparer.Ordinal);
    private readonly HashSet<DateNotation> _notations = [];
    private readonly Dictionary<string, string> _providerNames = new(StringComparer.Ordinal);
    private bool _started;

    /// <summary>Reads <paramref name="stream"/> in <paramref name="encoding"/> (CP932 for real UKE files).</summary>
    public UkeReader(Stream stream, Encoding encoding, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(encoding);
        _stream = stream;
        _encoding = encoding;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The encoding the file is read with.</summary>
    public Encoding Encoding => _encoding;

    /// <summary>File errors found so far (complete after <see cref="Receipts"/> has been read to the end).</summary>
    public IReadOnlyList<ImportProblem> Errors => _errors;

    /// <summary>Whether the file has a file error (so far).</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>The header records read.</summary>
    public int HeaderCount { get; private set; }

    /// <summary>The receipts read (RE records).</summary>
    public int ClaimCount { get; private set; }

    /// <summary>The GO records read (one per file, or one per concatenated file).</summary>
    public int TotalsCount { get; private set; }

    /// <summary>Record types the reader does not know, with how often each was seen (kept as written on their receipts).</summary>
    public IReadOnlyDictionary<string, int> UnknownRecordTypes => _unknown;

    /// <summary>The date notations seen in 請求年月, 診療年月 and 生年月日 (formats.md §1.3: "record which was seen").</summary>
    public IReadOnlyCollection<DateNotation> DateNotations => _notations;

    /// <summary>
    /// Opens a file. <paramref name="encoding"/>: <c>auto</c> (the default, interfaces.md §0) reads
    /// UTF-8 when the whole file decodes as UTF-8, else CP932.
    /// </summary>
    public static UkeReader Open(string path, EncodingChoice encoding = EncodingChoice.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new UkeReader(stream, InputEncoding.Resolve(encoding, stream));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The receipts in file order, read lazily. May be enumerated once.</summary>
    /// <exception cref="InvalidOperationException">the receipts were already read.</exception>
    public IEnumerable<UkeClaim> Claims()
    {
        if (_started)
        {
            throw new InvalidOperationException("The receipts of a UKE file can be read once.");
        }

        _started = true;
        return Read();
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private IEnumerable<UkeClaim> Read()
    {
        var (marking, fallback) = MarkingDecoderFallback.For(_encoding);
        using var text = new StreamReader(_stream, marking, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        bool utf8 = _encoding.CodePage == Encoding.UTF8.CodePage;
        long line = 0;
        long lastLine = 0;
        UkeHeader? header = null;
        UkeClaim? receipt = null;
        bool reportedNoHeader = false;
        bool afterTotals = false;
        bool pendingTotals = false;
        long sinceTotalsPayers = 0;
        long sinceTotalsPoints = 0;
        int sinceTotalsReceipts = 0;
        bool any = false;

        while (text.ReadLine() is { } content)
        {
            line++;
            if (line == 1 && utf8 && content.Length > 0 && content[0] == '\uFEFF')
            {
                content = content[1..];
            }

            if (content.Length == 0 || content.AsSpan().Trim().IsEmpty || content == "\u001A")
            {
                continue;
            }

            any = true;
            lastLine = line;
            if (fallback.Count > 0 && content.Contains('\uFFFD', StringComparison.Ordinal))
            {
                Error(line, string.Empty, string.Empty, $"文字コード {(utf8 ? "UTF-8" : "CP932")} として読めないバイトがあります");
                continue;
            }

            var record = new UkeRawRecord(line, content.Split(','));
            string type = record.RecordType.Trim();
            switch (type)
            {
                case "IR" or "UK" or "YK":
                    if (Close(ref receipt) is { } done)
                    {
                        Count(done, ref sinceTotalsPayers, ref sinceTotalsPoints, ref sinceTotalsReceipts);
                        yield return done;
                    }

                    header = ReadHeader(record, type);
                    HeaderCount++;
                    afterTotals = false;
                    pendingTotals = true;
                    break;

                case "GO":
                    if (Close(ref receipt) is { } last)
                    {
                        Count(last, ref sinceTotalsPayers, ref sinceTotalsPoints, ref sinceTotalsReceipts);
                        yield return last;
                    }

                    if (header is null)
                    {
                        // Receipts without a header are not built: their totals cannot be checked.
                        NoHeader(line, ref reportedNoHeader);
                    }
                    else
                    {
                        CheckTotals(record, sinceTotalsPayers, sinceTotalsPoints, sinceTotalsReceipts);
                    }

                    TotalsCount++;
                    sinceTotalsPayers = 0;
                    sinceTotalsPoints = 0;
                    sinceTotalsReceipts = 0;
                    afterTotals = true;
                    pendingTotals = false;
                    break;

                case "RE":
                    if (Close(ref receipt) is { } previous)
                    {
                        Count(previous, ref sinceTotalsPayers, ref sinceTotalsPoints, ref sinceTotalsReceipts);
                        yield return previous;
                    }

                    if (header is null)
                    {
                        NoHeader(line, ref reportedNoHeader);
                    }
                    else if (afterTotals)
                    {
                        Error(line, "RE", string.Empty, "GO（診療報酬請求書レコード）の後に、ヘッダーレコード（IR, UK, YK）なしでレセプトが続いています");
                    }

                    pendingTotals = true;
                    var common = ReadCommon(record, header?.FeeSchedule ?? FeeSchedule.Medical);
                    ClaimCount++;
                    if (header is not null)
                    {
                        receipt = new UkeClaim(header, common) { LastLine = line };
                        receipt.WarningList.AddRange(PendingWarnings);
                    }

                    PendingWarnings.Clear();
                    break;

                default:
                    if (header is null)
                    {
                        NoHeader(line, ref reportedNoHeader);
                        break;
                    }

                    if (receipt is null)
                    {
                        if (type is "HO" or "KO" or "SN" or "MF")
                        {
                            Error(line, type, string.Empty, $"レセプト共通レコード（RE）の前に {type} レコードがあります");
                        }
                        else
                        {
                            // Records between a header and its first RE (or after GO) are not part of a receipt.
                            Known(type);
                        }

                        break;
                    }

                    receipt.LastLine = line;
                    AddToReceipt(receipt, record, type);
                    break;
            }
        }

        if (Close(ref receipt) is { } final)
        {
            Count(final, ref sinceTotalsPayers, ref sinceTotalsPoints, ref sinceTotalsReceipts);
            yield return final;
        }

        if (!any)
        {
            Error(0, string.Empty, string.Empty, "ファイルが空です");
        }
        else if (pendingTotals)
        {
            Error(lastLine, "GO", string.Empty, "ファイルの最後に診療報酬請求書レコード（GO）がありません（ファイルが途中で切れているかもしれません）");
        }
    }

    /// <summary>Warnings found while reading an RE, before its receipt exists.</summary>
    private List<ImportProblem> PendingWarnings { get; } = [];

    private static UkeClaim? Close(ref UkeClaim? receipt)
    {
        var done = receipt;
        receipt = null;
        return done;
    }

    private static void Count(UkeClaim receipt, ref long payers, ref long points, ref int receipts)
    {
        payers += receipt.PayerCount;
        points += receipt.TotalPoints;
        receipts++;
    }

    private void NoHeader(long line, ref bool reported)
    {
        if (!reported)
        {
            Error(line, string.Empty, string.Empty, "ヘッダーレコード（医科・歯科 IR / 歯科 UK / 調剤 YK）がありません。UKE ファイルは IR, UK か YK で始まります");
            reported = true;
        }
    }

    private void Known(string type)
    {
        if (!UkeRecordTypes.Known.Contains(type))
        {
            _unknown[type] = _unknown.GetValueOrDefault(type) + 1;
        }
    }

    private UkeHeader ReadHeader(UkeRawRecord record, string type)
    {
        var header = new UkeHeader(record);
        var fields = new FieldReader(this, record, type, header.WarningList);
        string agency = fields.Required(2, "審査支払機関");
        header.Clearinghouse = agency switch
        {
            "1" => Clearinghouse.ShiharaiKikin,
            "2" => Clearinghouse.Kokuhoren,
            "" => default,
            _ => fields.Fail<Clearinghouse>(2, "審査支払機関", "1（支払基金）か 2（国保連）のはずです"),
        };

        string prefecture = fields.Required(3, "都道府県");
        if (prefecture.Length > 0 && !(prefecture.Length == 2 && prefecture.All(char.IsAsciiDigit) && prefecture is not "00" && string.CompareOrdinal(prefecture, "47") <= 0))
        {
            fields.Fail<int>(3, "都道府県", "01～47 の 2 桁のはずです");
        }

        header.PrefectureCode = prefecture;
        string schedule = fields.Required(4, "点数表");
        header.FeeSchedule = schedule switch
        {
            "1" => FeeSchedule.Medical,
            "3" => FeeSchedule.Dental,
            "4" => FeeSchedule.Pharmacy,
            "" => FeeSchedule.Medical,
            _ => fields.Fail<FeeSchedule>(4, "点数表", "1（医科）, 3（歯科）, 4（調剤）のどれかのはずです"),
        };

        string code = fields.Required(5, "医療機関コード");
        if (code.Length > 0 && !code.All(char.IsAsciiDigit))
        {
            fields.Fail<int>(5, "医療機関コード", "数字のはずです");
        }
        else if (code.Length > 0 && header.PrefectureCode.Length == 2)
        {
            header.ProviderCodeText = code;
            if (ProviderCode.TryParse(code, header.PrefectureCode, header.FeeSchedule, out var provider))
            {
                header.ProviderCode = provider;
            }
            else
            {
                fields.Warn(5, "医療機関コード", code.Length == ProviderCode.Length
                    ? "医療機関コードの検証番号が合いません（formats.md §6.5）"
                    : "医療機関コードが 7 桁ではありません");
            }
        }

        // Field positions of the three header forms (docs/formats/uke.md §2).
        (int name, int month, int volume) = (type, header.FeeSchedule) switch
        {
            ("YK", _) => (6, 7, 8),
            ("IR", FeeSchedule.Dental) => (0, 7, 0),
            _ => (7, 8, 9),
        };

        if (name > 0)
        {
            header.ProviderName = NullIfEmpty(record.Field(name).Trim());
        }

        header.ProviderName ??= _providerNames.GetValueOrDefault(header.ProviderCodeText);
        if (header.ProviderName is { } known && header.ProviderCodeText.Length > 0)
        {
            _providerNames[header.ProviderCodeText] = known;
        }

        var (billing, notation) = fields.Month(month, "請求年月");
        header.BillingMonth = billing;
        header.BillingMonthNotation = notation;
        header.MultiVolume = volume > 0 ? record.Field(volume).Trim() : string.Empty;
        return header;
    }

    private UkeClaimCommon ReadCommon(UkeRawRecord record, FeeSchedule schedule)
    {
        var common = new UkeClaimCommon(record);
        var fields = new FieldReader(this, record, "RE", PendingWarnings);
        common.ClaimNumber = fields.RequiredInt(2, "レセプト番号");
        string type = fields.Required(3, "レセプト種別");
        if (type.Length == 4 && type.All(char.IsAsciiDigit))
        {
            common.ClaimType = new UkeClaimType(type);
        }
        else if (type.Length > 0)
        {
            fields.Fail<int>(3, "レセプト種別", "4 桁の数字のはずです");
        }

        (common.ServiceMonth, common.ServiceMonthNotation) = fields.Month(4, "診療年月");
        common.Name = fields.Required(5, "氏名");
        string sex = fields.Required(6, "男女区分");
        common.Sex = sex switch
        {
            "1" => 1,
            "2" => 2,
            "" => 0,
            _ => fields.Fail<int>(6, "男女区分", "1（男）か 2（女）のはずです"),
        };

        (common.BirthDate, common.BirthDateNotation) = fields.Date(7, "生年月日");
        common.InsurerShareRate = fields.OptionalInt(8, "給付割合");
        int kana = schedule switch
        {
            FeeSchedule.Dental => 26,
            FeeSchedule.Pharmacy => 42,
            _ => 37,
        };
        common.KanaName = NullIfEmpty(record.Field(kana).Trim());
        return common;
    }

    private void AddToReceipt(UkeClaim receipt, UkeRawRecord record, string type)
    {
        var schedule = receipt.FeeSchedule;
        var fields = new FieldReader(this, record, type, receipt.WarningList);
        switch (type)
        {
            case "HO":
                if (receipt.Insurance is not null)
                {
                    Error(record.Line, "HO", string.Empty, "1 件のレセプトに保険者レコード（HO）が二つあります");
                    return;
                }

                receipt.Insurance = ReadInsurance(fields, record, schedule);
                break;

            case "KO":
                if (receipt.PublicExpenseList.Count == MaxPublicExpenses)
                {
                    Error(record.Line, "KO", string.Empty, "1 件のレセプトに公費レコード（KO）が 5 つ以上あります（第四公費まで）");
                    return;
                }

                receipt.PublicExpenseList.Add(ReadPublicExpense(fields, record, schedule, receipt.PublicExpenseList.Count + 1));
                break;

            case "SN":
                receipt.QualificationList.Add(new UkeQualification(record));
                break;

            case "MF":
                if (receipt.PatientShareRecord is not null)
                {
                    Error(record.Line, "MF", string.Empty, "1 件のレセプトに窓口負担額レコード（MF）が二つあります");
                    return;
                }

                receipt.PatientShareRecord = new UkePatientShareRecord(record);
                break;

            default:
                Known(type);
                receipt.OtherList.Add(record);
                break;
        }
    }

    private static UkeInsurance ReadInsurance(FieldReader fields, UkeRawRecord record, FeeSchedule schedule)
    {
        var insurance = new UkeInsurance(record);
        string number = record.Field(2).Trim();
        insurance.InsurerNumberText = number;
        if (number.Length == 0)
        {
            fields.Warn(2, "保険者番号", "保険者番号がありません");
        }
        else if (!number.All(char.IsAsciiDigit))
        {
            fields.Fail<int>(2, "保険者番号", "数字のはずです（国保の 6 桁は右詰めで前に空白 2 つ）");
        }
        else if (InsurerNumber.TryParse(number, out var insurer))
        {
            insurance.InsurerNumber = insurer;
        }
        else
        {
            fields.Warn(2, "保険者番号", number.Length is InsurerNumber.Length or InsurerNumber.NationalHealthInsuranceLength
                ? "保険者番号の検証番号が合いません（formats.md §6.1）"
                : "保険者番号が 6 桁（国保）か 8 桁ではありません");
        }

        insurance.CardSymbol = record.Field(3);
        insurance.CardNumber = record.Field(4);
        insurance.DaysOfCare = fields.OptionalInt(5, schedule == FeeSchedule.Pharmacy ? "処方箋受付回数" : "診療実日数");
        insurance.Points = fields.RequiredLong(6, "合計点数");

        // Positions by 点数表 (formats.md §1.7; docs/formats/uke.md §3).
        (int copay, int mealCount, int mealAmount) = schedule switch
        {
            FeeSchedule.Dental => (11, 7, 8),
            FeeSchedule.Pharmacy => (10, 0, 0),
            _ => (12, 8, 9),
        };
        insurance.PatientShare = fields.OptionalLong(copay, "負担金額");
        if (mealCount > 0)
        {
            insurance.MealCount = fields.OptionalInt(mealCount, "食事療養・生活療養回数");
            insurance.MealAmount = fields.OptionalLong(mealAmount, "食事療養・生活療養合計金額");
        }

        return insurance;
    }

    private static UkePublicExpense ReadPublicExpense(FieldReader fields, UkeRawRecord record, FeeSchedule schedule, int order)
    {
        var expense = new UkePublicExpense(record, order);
        string payer = fields.Required(2, "公費負担者番号");
        expense.PayerNumberText = payer;
        if (payer.Length > 0 && !payer.All(char.IsAsciiDigit))
        {
            fields.Fail<int>(2, "公費負担者番号", "数字のはずです");
        }
        else if (payer.Length > 0)
        {
            if (PayerNumber.TryParse(payer, out var number))
            {
                expense.PayerNumber = number;
            }
            else
            {
                fields.Warn(2, "公費負担者番号", payer.Length == PayerNumber.Length
                    ? "公費負担者番号の検証番号が合いません（formats.md §6.2）"
                    : "公費負担者番号が 8 桁ではありません");
            }
        }

        string recipient = record.Field(3).Trim();
        expense.RecipientNumberText = recipient;
        if (recipient.Length > 0 && !(recipient.Length == RecipientNumber.Length && MhlwCheckDigit.IsValid(recipient)))
        {
            fields.Warn(3, "公費受給者番号", recipient.Length == RecipientNumber.Length && recipient.All(char.IsAsciiDigit)
                ? "公費受給者番号の検証番号が合いません"
                : "公費受給者番号が 7 桁の数字ではありません");
        }

        expense.OptionalBenefit = record.Field(4).Trim();
        expense.DaysOfCare = fields.OptionalInt(5, schedule == FeeSchedule.Pharmacy ? "処方箋受付回数" : "診療実日数");
        expense.Points = fields.OptionalLong(6, "合計点数");
        switch (schedule)
        {
            case FeeSchedule.Pharmacy:
                expense.PatientShare = fields.OptionalLong(8, "一部負担金額");
                expense.CoveredPatientShare = fields.OptionalLong(10, "公費給付対象一部負担金");
                break;
            case FeeSchedule.Dental:
                expense.PatientShare = fields.OptionalLong(7, "負担金額");
                expense.CoveredPatientShare = fields.OptionalLong(8, "公費給付対象一部負担金");
                break;
            default:
                expense.PatientShare = fields.OptionalLong(7, "負担金額");
                expense.CoveredPatientShare = fields.OptionalLong(8, "公費給付対象外来一部負担金")
                    ?? fields.OptionalLong(9, "公費給付対象入院一部負担金");
                break;
        }

        return expense;
    }

    private void CheckTotals(UkeRawRecord record, long payers, long points, int receipts)
    {
        var fields = new FieldReader(this, record, "GO", []);
        long count = fields.RequiredLong(2, "総件数");
        long total = fields.RequiredLong(3, "総合計点数");
        if (record.Field(2).Trim().Length > 0 && count != payers)
        {
            Error(record.Line, "GO 総件数", record.Field(2), string.Create(
                CultureInfo.InvariantCulture,
                $"総件数がレセプトと合いません（レセプト {receipts} 件の HO と KO は {payers} 件）"));
        }

        if (record.Field(3).Trim().Length > 0 && total != points)
        {
            Error(record.Line, "GO 総合計点数", record.Field(3), string.Create(
                CultureInfo.InvariantCulture,
                $"総合計点数がレセプトと合いません（レセプト {receipts} 件の合計点数は {points}）"));
        }
    }

    private void Error(long line, string column, string value, string reason) =>
        _errors.Add(new ImportProblem(line, column, value, reason));

    private void Seen(DateNotation notation) => _notations.Add(notation);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Reads the fields of one record; errors go to the reader, warnings to <c>warnings</c>.</summary>
    private readonly struct FieldReader(UkeReader reader, UkeRawRecord record, string type, List<ImportProblem> warnings)
    {
        public string Required(int number, string name)
        {
            string value = record.Field(number).Trim();
            if (value.Length == 0)
            {
                reader.Error(record.Line, Column(name), string.Empty, number > record.Fields.Count
                    ? string.Create(CultureInfo.InvariantCulture, $"項目が足りません（{number} 番目の項目「{name}」がありません）")
                    : $"「{name}」がありません（必須の項目です）");
            }

            return value;
        }

        public T Fail<T>(int number, string name, string reason)
        {
            reader.Error(record.Line, Column(name), record.Field(number), reason);
            return default!;
        }

        public void Warn(int number, string name, string reason) =>
            warnings.Add(new ImportProblem(record.Line, Column(name), record.Field(number), reason, ImportSeverity.Warning));

        public int RequiredInt(int number, string name)
        {
            string value = Required(number, name);
            return value.Length == 0 ? 0 : (int)Digits(number, name, value, maxDigits: 9);
        }

        public long RequiredLong(int number, string name)
        {
            string value = Required(number, name);
            return value.Length == 0 ? 0 : Digits(number, name, value, maxDigits: 15);
        }

        public int? OptionalInt(int number, string name)
        {
            string value = record.Field(number).Trim();
            return value.Length == 0 ? null : (int)Digits(number, name, value, maxDigits: 9);
        }

        public long? OptionalLong(int number, string name)
        {
            string value = record.Field(number).Trim();
            return value.Length == 0 ? null : Digits(number, name, value, maxDigits: 15);
        }

        /// <summary>請求年月 / 診療年月: GYYMM (5 digits) or YYYYMM (6 digits).</summary>
        public (YearMonth Month, DateNotation Notation) Month(int number, string name)
        {
            string value = Required(number, name);
            if (value.Length == 0)
            {
                return default;
            }

            if (!(value.Length is 5 or 6 && value.All(char.IsAsciiDigit)))
            {
                return Fail<(YearMonth, DateNotation)>(number, name, "和暦 GYYMM（5 桁）か西暦 YYYYMM（6 桁）のはずです");
            }

            var result = ImportDate.TryParseMonth(value, value.Length == 5 ? ImportDateStyle.Wareki : ImportDateStyle.Yyyymmdd);
            return Outcome(number, name, result);
        }

        /// <summary>生年月日: GYYMMDD (7 digits) or YYYYMMDD (8 digits).</summary>
        public (DateOnly Date, DateNotation Notation) Date(int number, string name)
        {
            string value = Required(number, name);
            if (value.Length == 0)
            {
                return default;
            }

            if (!(value.Length is 7 or 8 && value.All(char.IsAsciiDigit)))
            {
                return Fail<(DateOnly, DateNotation)>(number, name, "和暦 GYYMMDD（7 桁）か西暦 YYYYMMDD（8 桁）のはずです");
            }

            var result = ImportDate.TryParseDate(value, value.Length == 7 ? ImportDateStyle.Wareki : ImportDateStyle.Yyyymmdd);
            return Outcome(number, name, result);
        }

        private (T Value, DateNotation Notation) Outcome<T>(int number, string name, DateParseResult<T> result)
            where T : struct
        {
            if (!result.TryGetValue(out T value))
            {
                return Fail<(T, DateNotation)>(number, name, result.ErrorMessage ?? "読めません");
            }

            if (result.HasWarning)
            {
                Warn(number, name, result.WarningMessage ?? "確認してください");
            }

            reader.Seen(result.Notation);
            return (value, result.Notation);
        }

        private long Digits(int number, string name, string value, int maxDigits)
        {
            if (!value.All(char.IsAsciiDigit))
            {
                return Fail<long>(number, name, "0 以上の整数（半角数字）のはずです");
            }

            if (value.TrimStart('0').Length > maxDigits)
            {
                return Fail<long>(number, name, "値が大きすぎます");
            }

            return long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private string Column(string name) => type + " " + name;
    }
}

/// <summary>The record types of the 記録条件仕様 that the reader knows (formats.md §1.4): others are counted as unknown.</summary>
public static class UkeRecordTypes
{
    /// <summary>Every record type of formats.md §1.4 (医科, 歯科, 調剤, DPC).</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(
        [
            "IR", "UK", "YK", "RE", "HO", "KO", "KH", "SN", "JD", "MF", "GR", "SY", "HS", "SI", "SS", "IY", "TO", "CO", "SJ",
            "TI", "TR", "TS", "SH", "CZ", "KI", "ST", "TK", "BU", "SB", "KK", "GA", "HH", "GT", "CD", "GO",
        ],
        StringComparer.Ordinal);
}
