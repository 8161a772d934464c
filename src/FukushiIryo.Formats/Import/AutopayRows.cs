using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Formats.Import;

/// <summary>点数表 of an autopay row (interfaces.md §5): 医科 / 歯科 / 調剤 / 訪問看護 / 療養費.</summary>
public enum AutopayScheduleKind
{
    /// <summary>医科.</summary>
    Medical,

    /// <summary>歯科.</summary>
    Dental,

    /// <summary>調剤 (always 外来).</summary>
    Pharmacy,

    /// <summary>訪問看護 (always 外来; 医療費 in yen, no points).</summary>
    HomeNursing,

    /// <summary>療養費 (always 外来; 医療費 in yen, no points).</summary>
    CareAllowance,
}

/// <summary>
/// One row of the built-in <c>autopay</c> CSV (自動償還データ, interfaces.md §5), typed. Identifiers are
/// kept as the digits written (a bad check digit is a warning for the check rules, not a file error);
/// the validated numbers are given where their check digit holds.
/// </summary>
public sealed class AutopayRow
{
    /// <summary>The physical line of the row.</summary>
    public long Line { get; init; }

    /// <summary>負担者番号 (8 digits).</summary>
    public required string PayerNumberText { get; init; }

    /// <summary>負担者番号 when its check digit holds.</summary>
    public PayerNumber? PayerNumber { get; init; }

    /// <summary>受給者番号 (7 digits).</summary>
    public required string RecipientNumberText { get; init; }

    /// <summary>受給者番号 when its check digit holds.</summary>
    public RecipientNumber? RecipientNumber { get; init; }

    /// <summary>保険者番号 as written (6 or 8 digits).</summary>
    public required string InsurerNumberText { get; init; }

    /// <summary>保険者番号 when its check digit holds (8 digits with <c>00</c> read as the 6-digit 国保 number).</summary>
    public InsurerNumber? InsurerNumber { get; init; }

    /// <summary>氏名カナ, NFKC-normalised (half-width kana read as full-width).</summary>
    public required string KanaName { get; init; }

    /// <summary>生年月日.</summary>
    public DateOnly BirthDate { get; init; }

    /// <summary>診療年月.</summary>
    public YearMonth ServiceMonth { get; init; }

    /// <summary>都道府県 (2 digits): the column's, or the city's when the column is absent or empty.</summary>
    public required string PrefectureCode { get; init; }

    /// <summary>医療機関コード (7 digits) as written.</summary>
    public required string ProviderCodeText { get; init; }

    /// <summary>医療機関コード when its check digit holds for the row's 都道府県 and 点数表 (医科, 歯科, 調剤 only: formats.md §6.5).</summary>
    public ProviderCode? ProviderCode { get; init; }

    /// <summary>医療機関名 as written.</summary>
    public required string ProviderName { get; init; }

    /// <summary>点数表.</summary>
    public AutopayScheduleKind Schedule { get; init; }

    /// <summary>入外区分: 入院 (true) or 外来.</summary>
    public bool Inpatient { get; init; }

    /// <summary>給付割合: the insurer's share in percent (70, 80, 90, 100).</summary>
    public int InsurerShareRate { get; init; }

    /// <summary>実日数.</summary>
    public int DaysOfCare { get; init; }

    /// <summary>点数; <c>null</c> when the row gives 医療費 instead.</summary>
    public long? Points { get; init; }

    /// <summary>医療費 in yen; <c>null</c> when the row gives 点数 instead.</summary>
    public long? MedicalCost { get; init; }

    /// <summary>窓口負担額: the insured self-pay paid at the counter, in yen.</summary>
    public long PatientShare { get; init; }

    /// <summary>食事療養額 in yen.</summary>
    public long MealAmount { get; init; }

    /// <summary>高額療養費 in yen; <c>null</c> = unknown (to be estimated, D5), 0 = known to be none.</summary>
    public long? HighCostRefund { get; init; }

    /// <summary>附加給付 in yen; <c>null</c> = unknown (to be estimated, D6), 0 = known to be none.</summary>
    public long? ExtraBenefit { get; init; }

    /// <summary>長期 (特定疾病療養受療証).</summary>
    public bool LongTerm { get; init; }

    /// <summary>他公費負担額 in yen; <c>null</c> = unknown or the column absent.</summary>
    public long? OtherPublicAmount { get; init; }

    /// <summary>災害共済 (absent column = false).</summary>
    public bool DisasterMutualAid { get; init; }
}

/// <summary>A row of the <c>paid-receipts</c> CSV (interfaces.md §5): the autopay columns plus 支払日 and 助成額.</summary>
public sealed class PaidClaimRow
{
    /// <summary>The autopay columns.</summary>
    public required AutopayRow Claim { get; init; }

    /// <summary>支払日.</summary>
    public DateOnly PaidOn { get; init; }

    /// <summary>助成額 in yen.</summary>
    public long SubsidyAmount { get; init; }
}

/// <summary>
/// Types the records of an <c>autopay</c> or <c>paid-receipts</c> file (read by <see cref="ImportFile"/>
/// with the built-in layout or a city's layout file). Unreadable values are file errors; doubtful
/// identifiers (a bad check digit) are warnings (interfaces.md §0: receipt data is judged by the rules).
/// </summary>
public static class AutopayRows
{
    private static readonly string[] Schedules = ["医科", "歯科", "調剤", "訪問看護", "療養費"];
    private static readonly string[] Settings = ["入院", "外来"];

    /// <summary>The row, or <c>null</c> when a file error was added to <paramref name="problems"/> (warnings may be added either way).</summary>
    /// <param name="record">A record of the file.</param>
    /// <param name="cityPrefectureCode">The city's 都道府県 (奈良 = 29), for rows without a 都道府県.</param>
    /// <param name="problems">Receives the row's file errors and warnings.</param>
    public static AutopayRow? Read(ImportRecord record, string cityPrefectureCode, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(cityPrefectureCode);
        ArgumentNullException.ThrowIfNull(problems);
        if (record.Problems.Count > 0)
        {
            foreach (var problem in record.Problems)
            {
                problems.Add(problem);
            }

            return null;
        }

        var errors = new List<ImportProblem>();
        string? payer = FieldParsers.Digits(record, "負担者番号", PayerNumber.Length, errors);
        string? recipient = FieldParsers.Digits(record, "受給者番号", RecipientNumber.Length, errors);
        string? insurer = FieldParsers.Digits(record, "保険者番号", InsurerNumber.NationalHealthInsuranceLength, InsurerNumber.Length, errors);
        if (insurer is { Length: 7 })
        {
            errors.Add(new ImportProblem(record.Line, "保険者番号", record.Raw("保険者番号") ?? string.Empty, "6 桁（国保）か 8 桁の数字で書いてください"));
            insurer = null;
        }

        string? kana = FieldParsers.RequiredText(record, "氏名カナ", errors);
        var birth = FieldParsers.Date(record, "生年月日", errors);
        var month = FieldParsers.Month(record, "診療年月", errors);
        string? provider = FieldParsers.Digits(record, "医療機関コード", ProviderCode.Length, errors);
        string? providerName = FieldParsers.RequiredText(record, "医療機関名", errors);
        string? schedule = FieldParsers.Choice(record, "点数表", Schedules, errors);
        string? setting = FieldParsers.Choice(record, "入外区分", Settings, errors);
        var rate = FieldParsers.Integer(record, "給付割合", errors);
        if (rate is { } r && r is not (70 or 80 or 90 or 100))
        {
            errors.Add(new ImportProblem(record.Line, "給付割合", record.Raw("給付割合") ?? string.Empty, "70, 80, 90, 100 のどれかで書いてください"));
        }

        var days = FieldParsers.Integer(record, "実日数", errors);
        var points = FieldParsers.Amount(record, "点数", errors, required: false);
        var cost = FieldParsers.Amount(record, "医療費", errors, required: false);
        if (points is null && cost is null && !errors.Exists(e => e.Column is "点数" or "医療費"))
        {
            errors.Add(new ImportProblem(record.Line, "点数", string.Empty, "点数か医療費のどちらかを書いてください"));
        }

        var counter = FieldParsers.Amount(record, "窓口負担額", errors);
        var meal = FieldParsers.Amount(record, "食事療養額", errors);
        var highCost = FieldParsers.Amount(record, "高額療養費", errors, required: false);
        var extra = FieldParsers.Amount(record, "附加給付", errors, required: false);
        var longTerm = FieldParsers.Flag(record, "長期", errors);
        string? prefecture = FieldParsers.OptionalText(record, "都道府県") is null
            ? cityPrefectureCode
            : FieldParsers.Digits(record, "都道府県", 2, errors);
        var otherPublic = FieldParsers.Amount(record, "他公費負担額", errors, required: false);
        var disaster = FieldParsers.Flag(record, "災害共済", errors, required: false);

        var kind = schedule switch
        {
            "歯科" => AutopayScheduleKind.Dental,
            "調剤" => AutopayScheduleKind.Pharmacy,
            "訪問看護" => AutopayScheduleKind.HomeNursing,
            "療養費" => AutopayScheduleKind.CareAllowance,
            _ => AutopayScheduleKind.Medical,
        };
        if (setting == "入院" && kind is AutopayScheduleKind.Pharmacy or AutopayScheduleKind.HomeNursing or AutopayScheduleKind.CareAllowance)
        {
            errors.Add(new ImportProblem(record.Line, "入外区分", record.Raw("入外区分") ?? string.Empty, $"{schedule}は外来です"));
        }

        foreach (var error in errors)
        {
            problems.Add(error);
        }

        // Only errors make the row unreadable; FieldParsers' warnings (a 和暦 after its era) go through with the row.
        if (errors.Exists(e => e.Severity == ImportSeverity.Error))
        {
            return null;
        }

        ProviderCode? providerCode = null;
        if (kind is AutopayScheduleKind.Medical or AutopayScheduleKind.Dental or AutopayScheduleKind.Pharmacy)
        {
            var fee = kind switch
            {
                AutopayScheduleKind.Dental => FeeSchedule.Dental,
                AutopayScheduleKind.Pharmacy => FeeSchedule.Pharmacy,
                _ => FeeSchedule.Medical,
            };
            if (!ProviderCode.TryParse(provider, prefecture, fee, out providerCode))
            {
                Warn(record, "医療機関コード", "医療機関コードの検証番号が合いません（formats.md §6.5）", problems);
            }
        }

        if (!PayerNumber.TryParse(payer, out var payerNumber))
        {
            Warn(record, "負担者番号", "負担者番号の検証番号が合いません", problems);
        }

        if (!RecipientNumber.TryParse(recipient, out var recipientNumber))
        {
            Warn(record, "受給者番号", "受給者番号の検証番号が合いません", problems);
        }

        if (!InsurerNumber.TryParse(insurer, out var insurerNumber))
        {
            Warn(record, "保険者番号", "保険者番号の検証番号が合いません", problems);
        }

        return new AutopayRow
        {
            Line = record.Line,
            PayerNumberText = payer!,
            PayerNumber = payerNumber,
            RecipientNumberText = recipient!,
            RecipientNumber = recipientNumber,
            InsurerNumberText = insurer!,
            InsurerNumber = insurerNumber,
            KanaName = kana!,
            BirthDate = birth!.Value,
            ServiceMonth = month!.Value,
            PrefectureCode = prefecture!,
            ProviderCodeText = provider!,
            ProviderCode = providerCode,
            ProviderName = record.Raw("医療機関名") ?? providerName!,
            Schedule = kind,
            Inpatient = setting == "入院",
            InsurerShareRate = rate!.Value,
            DaysOfCare = days!.Value,
            Points = points,
            MedicalCost = cost,
            PatientShare = counter!.Value,
            MealAmount = meal!.Value,
            HighCostRefund = highCost,
            ExtraBenefit = extra,
            LongTerm = longTerm!.Value,
            OtherPublicAmount = otherPublic,
            DisasterMutualAid = disaster ?? false,
        };
    }

    /// <summary>A <c>paid-receipts</c> row: the autopay columns plus 支払日 and 助成額; <c>null</c> on a file error.</summary>
    public static PaidClaimRow? ReadPaid(ImportRecord record, string cityPrefectureCode, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var receipt = Read(record, cityPrefectureCode, problems);
        if (record.Problems.Count > 0)
        {
            return null;
        }

        var errors = new List<ImportProblem>();
        var paidOn = FieldParsers.Date(record, "支払日", errors);
        var amount = FieldParsers.Amount(record, "助成額", errors);
        foreach (var error in errors)
        {
            problems.Add(error);
        }

        return receipt is null || errors.Exists(e => e.Severity == ImportSeverity.Error)
            ? null
            : new PaidClaimRow { Claim = receipt, PaidOn = paidOn!.Value, SubsidyAmount = amount!.Value };
    }

    private static void Warn(ImportRecord record, string column, string reason, ICollection<ImportProblem> problems) =>
        problems.Add(new ImportProblem(record.Line, column, record.Raw(column) ?? string.Empty, reason, ImportSeverity.Warning));
}
