using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Importing;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.App.Eligibility;

/// <summary>The vocabularies of the recipients file (interfaces.md §4), each with its value.</summary>
public static class RecipientVocabulary
{
    public static IReadOnlyDictionary<string, RecipientKind> Kinds { get; } = new Dictionary<string, RecipientKind>(StringComparer.Ordinal)
    {
        ["父母"] = RecipientKind.Parent, ["養育者"] = RecipientKind.Carer, ["児童"] = RecipientKind.Child, ["父母のいない児童"] = RecipientKind.Orphan,
    };

    public static IReadOnlyDictionary<string, ApplicationKind> ApplicationKinds { get; } = new Dictionary<string, ApplicationKind>(StringComparer.Ordinal)
    {
        ["新規"] = ApplicationKind.New, ["更新"] = ApplicationKind.Renewal, ["変更"] = ApplicationKind.Change, ["再交付"] = ApplicationKind.Reissue,
    };

    public static IReadOnlyDictionary<string, EligibilityStatus> Statuses { get; } = new Dictionary<string, EligibilityStatus>(StringComparer.Ordinal)
    {
        ["有効"] = EligibilityStatus.Active, ["喪失"] = EligibilityStatus.Lost,
    };

    /// <summary>喪失事由 (the names are the domain's, <see cref="EligibilityVocabulary.LossReasons"/>).</summary>
    public static IReadOnlyDictionary<string, LossReason> LossReasons { get; } =
        EligibilityVocabulary.LossReasons.ToDictionary(pair => pair.Name, pair => pair.Cause, StringComparer.Ordinal);

    /// <summary>ひとり親理由 (the names are the domain's, <see cref="EligibilityVocabulary.SingleParentReasons"/>).</summary>
    public static IReadOnlyDictionary<string, SingleParentReason> SingleParentReasons { get; } =
        EligibilityVocabulary.SingleParentReasons.ToDictionary(pair => pair.Name, pair => pair.Reason, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, BenefitMethod> BenefitMethods { get; } = new Dictionary<string, BenefitMethod>(StringComparer.Ordinal)
    {
        ["現物給付"] = BenefitMethod.InKind, ["自動償還"] = BenefitMethod.AutoReimbursement, ["償還払い"] = BenefitMethod.ClaimReimbursement,
    };

    public static IReadOnlyDictionary<string, FundingShare> FundingShares { get; } = new Dictionary<string, FundingShare>(StringComparer.Ordinal)
    {
        ["県"] = FundingShare.Prefecture, ["市"] = FundingShare.City,
    };

    public static IReadOnlyDictionary<string, InsuranceKind> InsuranceKinds { get; } = new Dictionary<string, InsuranceKind>(StringComparer.Ordinal)
    {
        ["国保"] = InsuranceKind.National, ["社保"] = InsuranceKind.Employee, ["後期"] = InsuranceKind.LateElderly, ["その他"] = InsuranceKind.Other,
    };

    public static IReadOnlyDictionary<string, InsuredRole> InsuredRoles { get; } = new Dictionary<string, InsuredRole>(StringComparer.Ordinal)
    {
        ["本人"] = InsuredRole.Insured, ["家族"] = InsuredRole.Dependant,
    };

    public static IReadOnlyDictionary<string, AccountType> AccountTypes { get; } = new Dictionary<string, AccountType>(StringComparer.Ordinal)
    {
        ["1"] = AccountType.Ordinary, ["2"] = AccountType.Current, ["4"] = AccountType.Savings,
    };

    public static IReadOnlyList<string> Flags { get; } = ["0", "1"];
}

/// <summary>One valid row of the recipients file.</summary>
public sealed record RecipientRow
{
    public long Line { get; init; }

    public string RecipientNumber { get; init; } = string.Empty;

    public string AtenaNumber { get; init; } = string.Empty;

    public RecipientKind Kind { get; init; }

    public string? ParentRecipientNumber { get; init; }

    public ApplicationKind ApplicationKind { get; init; }

    public DateOnly AppliedOn { get; init; }

    public DateOnly AcquiredOn { get; init; }

    public DateOnly ValidFrom { get; init; }

    public DateOnly ValidTo { get; init; }

    public EligibilityStatus Status { get; init; }

    public DateOnly? LostOn { get; init; }

    public LossReason? LossReason { get; init; }

    public SingleParentReason? SingleParentReason { get; init; }

    public DateOnly? ReasonArisenOn { get; init; }

    public DateOnly? FixedTermEnd { get; init; }

    public bool RemoteArea { get; init; }

    public bool SeparateCustody { get; init; }

    public string? OtherProgram { get; init; }

    public BenefitMethod BenefitMethod { get; init; }

    public string PayerNumber { get; init; } = string.Empty;

    public FundingShare FundingShare { get; init; }

    public InsuranceKind InsuranceKind { get; init; }

    public string InsurerNumber { get; init; } = string.Empty;

    public string? CardSymbol { get; init; }

    public string? CardNumber { get; init; }

    public string? CardSuffix { get; init; }

    public InsuredRole InsuredRole { get; init; }

    public string? BankCode { get; init; }

    public string? BranchCode { get; init; }

    public AccountType? AccountType { get; init; }

    public string? AccountNumber { get; init; }

    public string? AccountHolderKana { get; init; }

    public string? PhoneNumber { get; init; }

    public static RecipientRow? Read(ImportRecord record, ImportResult result, IReadOnlySet<string> knownAtena)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(knownAtena);
        if (record.Problems.Count > 0)
        {
            result.AddRange(record.Problems);
            return null;
        }

        var problems = new List<ImportProblem>();
        var number = Number(record, "受給者番号", problems, required: true);
        var atena = FieldParsers.Digits(record, "宛名番号", 1, 20, problems);
        if (atena is not null && !knownAtena.Contains(atena))
        {
            problems.Add(new ImportProblem(record.Line, "宛名番号", atena, "台帳にない宛名番号です（先に import residents --migration で住民を取り込んでください）"));
        }

        var kind = Map(record, "受給者区分", RecipientVocabulary.Kinds, problems, required: true);
        var isChild = kind is RecipientKind.Child or RecipientKind.Orphan;
        var parent = Number(record, "親受給者番号", problems, required: false);
        if (parent is not null && !isChild)
        {
            problems.Add(new ImportProblem(record.Line, "親受給者番号", parent, "親受給者番号は児童の行にだけ指定できます"));
        }

        var applicationKind = Map(record, "申請種別", RecipientVocabulary.ApplicationKinds, problems, required: true);
        var appliedOn = FieldParsers.Date(record, "申請年月日", problems, true);
        var acquiredOn = FieldParsers.Date(record, "資格取得日", problems, true);
        var validFrom = FieldParsers.Date(record, "有効期間開始", problems, true);
        var validTo = FieldParsers.Date(record, "有効期間終了", problems, true);
        if (validFrom is { } start && validTo is { } end && end < start)
        {
            problems.Add(new ImportProblem(record.Line, "有効期間終了", record["有効期間終了"] ?? string.Empty, "有効期間の終了が開始より前です"));
        }

        var status = Map(record, "資格状態", RecipientVocabulary.Statuses, problems, required: true);
        var lost = status == EligibilityStatus.Lost;
        var lostOn = FieldParsers.Date(record, "喪失日", problems, lost);
        var lossReason = Map(record, "喪失事由", RecipientVocabulary.LossReasons, problems, required: lost);
        if (!lost && (lostOn is not null || lossReason is not null))
        {
            problems.Add(new ImportProblem(record.Line, "喪失日", record["喪失日"] ?? string.Empty, "資格状態が有効の行に喪失日・喪失事由は指定できません"));
        }

        var singleParentReason = Map(record, "ひとり親理由", RecipientVocabulary.SingleParentReasons, problems, required: !isChild);
        var arisenOn = FieldParsers.Date(record, "事由発生年月日", problems, !isChild);
        var fixedTermEnd = FieldParsers.Date(record, "有期終了日", problems, false);
        var remote = FieldParsers.Choice(record, "遠隔地", RecipientVocabulary.Flags, problems, true);
        var separate = FieldParsers.Choice(record, "別居監護", RecipientVocabulary.Flags, problems, true);
        var method = Map(record, "給付区分", RecipientVocabulary.BenefitMethods, problems, required: true);
        var payer = PayerNumberOf(record, problems);
        var share = Map(record, "県市区分", RecipientVocabulary.FundingShares, problems, required: true);
        var insuranceKind = Map(record, "保険種別", RecipientVocabulary.InsuranceKinds, problems, required: true);
        var insurer = InsurerNumberOf(record, insuranceKind, problems);
        var role = Map(record, "扶養者区分", RecipientVocabulary.InsuredRoles, problems, required: true);

        // The bank columns may be empty on a child's row that names its parent or carer.
        var bankRequired = parent is null;
        var bank = FieldParsers.Digits(record, "金融機関コード", 1, 4, problems, bankRequired);
        var branch = FieldParsers.Digits(record, "支店コード", 1, 3, problems, bankRequired);
        if (bank is { Length: not 4 })
        {
            problems.Add(new ImportProblem(record.Line, "金融機関コード", bank, "金融機関コードは4桁です"));
        }

        if (branch is { Length: not 3 })
        {
            problems.Add(new ImportProblem(record.Line, "支店コード", branch, "支店コードは3桁です"));
        }

        var accountType = Map(record, "口座種別", RecipientVocabulary.AccountTypes, problems, required: bankRequired);
        var accountNumber = FieldParsers.Digits(record, "口座番号", 1, 7, problems, bankRequired);
        var holder = record["口座名義カナ"];
        if (bankRequired && string.IsNullOrEmpty(holder))
        {
            problems.Add(new ImportProblem(record.Line, "口座名義カナ", string.Empty, "必須の値がありません"));
        }

        result.AddRange(problems);
        if (problems.Any(problem => problem.Severity == ImportSeverity.Error))
        {
            return null;
        }

        return new RecipientRow
        {
            Line = record.Line,
            RecipientNumber = number!,
            AtenaNumber = atena!,
            Kind = kind!.Value,
            ParentRecipientNumber = parent,
            ApplicationKind = applicationKind!.Value,
            AppliedOn = appliedOn!.Value,
            AcquiredOn = acquiredOn!.Value,
            ValidFrom = validFrom!.Value,
            ValidTo = validTo!.Value,
            Status = status!.Value,
            LostOn = lostOn,
            LossReason = lossReason,
            SingleParentReason = singleParentReason,
            ReasonArisenOn = arisenOn,
            FixedTermEnd = fixedTermEnd,
            RemoteArea = remote == "1",
            SeparateCustody = separate == "1",
            OtherProgram = NullIfEmpty(record.Raw("他制度")),
            BenefitMethod = method!.Value,
            PayerNumber = payer!,
            FundingShare = share!.Value,
            InsuranceKind = insuranceKind!.Value,
            InsurerNumber = insurer!,
            CardSymbol = NullIfEmpty(record.Raw("記号")),
            CardNumber = NullIfEmpty(record.Raw("番号")),
            CardSuffix = NullIfEmpty(record["枝番"]),
            InsuredRole = role!.Value,
            BankCode = bank,
            BranchCode = branch,
            AccountType = accountType,
            AccountNumber = accountNumber?.PadLeft(7, '0'),
            AccountHolderKana = string.IsNullOrEmpty(holder) ? null : KanaNormalizer.ToCanonicalName(holder),
            PhoneNumber = NullIfEmpty(record["電話番号"]),
        };
    }

    public EligibilityRecord ToEligibility(long recipientId) => new()
    {
        RecipientId = recipientId,
        Status = Status,
        ApplicationKind = ApplicationKind,
        AppliedOn = AppliedOn,
        SingleParentReason = SingleParentReason,
        ReasonArisenOn = ReasonArisenOn,
        FixedTermEnd = FixedTermEnd,
        CertificateValidFrom = ValidFrom,
        CertificateValidTo = ValidTo,
        BenefitMethod = BenefitMethod,
        PayerNumber = PayerNumber,
        AcquiredOn = AcquiredOn,
        OtherProgram = OtherProgram,
        FundingShare = FundingShare,
        RemoteArea = RemoteArea,
        SeparateCustody = SeparateCustody,
        LostOn = LostOn,
        LossReason = LossReason,
    };

    public Insurance ToInsurance(long personId) => new()
    {
        PersonId = personId,
        InsuranceKind = InsuranceKind,
        InsurerNumber = InsurerNumber,
        InsuredRole = InsuredRole,
        CardSymbol = CardSymbol,
        CardNumber = CardNumber,
        CardSuffix = CardSuffix,
    };

    public BankAccount? ToBankAccount(long personId) => BankCode is null || BranchCode is null || AccountType is null || AccountNumber is null
        ? null
        : new BankAccount
        {
            PersonId = personId,
            BankCode = BankCode,
            BranchCode = BranchCode,
            AccountType = AccountType.Value,
            AccountNumber = AccountNumber,
            AccountHolderKana = AccountHolderKana ?? string.Empty,
        };

    /// <summary>Copies the data columns of <paramref name="from"/> onto <paramref name="to"/> (same type), keeping the history columns.</summary>
    public static void CopyData<T>(T from, T to)
        where T : HistoryRow
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite && p.DeclaringType == typeof(T)))
        {
            property.SetValue(to, property.GetValue(from));
        }
    }

    private static string? Number(ImportRecord record, string column, List<ImportProblem> problems, bool required)
    {
        var value = record[column];
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                problems.Add(new ImportProblem(record.Line, column, string.Empty, "必須の値がありません"));
            }

            return null;
        }

        if (!Domain.Numbers.RecipientNumber.TryParse(value, out var parsed))
        {
            problems.Add(new ImportProblem(record.Line, column, value, "受給者番号は7桁で、検証番号が正しいものを指定してください"));
            return null;
        }

        return parsed.ToString();
    }

    private static string? PayerNumberOf(ImportRecord record, List<ImportProblem> problems)
    {
        var value = record["公費負担者番号"];
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(new ImportProblem(record.Line, "公費負担者番号", string.Empty, "必須の値がありません"));
            return null;
        }

        if (!Domain.Numbers.PayerNumber.TryParse(value, out var parsed))
        {
            problems.Add(new ImportProblem(record.Line, "公費負担者番号", value, "公費負担者番号は8桁で、検証番号が正しいものを指定してください"));
            return null;
        }

        return parsed.ToString();
    }

    private static string? InsurerNumberOf(ImportRecord record, InsuranceKind? kind, List<ImportProblem> problems)
    {
        var value = record["保険者番号"];
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(new ImportProblem(record.Line, "保険者番号", string.Empty, "必須の値がありません"));
            return null;
        }

        if (!Domain.Numbers.InsurerNumber.TryParse(value, out var parsed))
        {
            problems.Add(new ImportProblem(record.Line, "保険者番号", value, "保険者番号は国保6桁（先頭00の8桁も可）、それ以外8桁で、検証番号が正しいものを指定してください"));
            return null;
        }

        if (kind is { } insuranceKind && (insuranceKind == InsuranceKind.National) != parsed.IsNationalHealthInsurance)
        {
            problems.Add(new ImportProblem(record.Line, "保険者番号", value, "保険種別と保険者番号の桁数が合いません（国保は6桁、それ以外は8桁）"));
            return null;
        }

        return parsed.ToString();
    }

    private static TValue? Map<TValue>(ImportRecord record, string column, IReadOnlyDictionary<string, TValue> vocabulary, List<ImportProblem> problems, bool required)
        where TValue : struct
    {
        var chosen = FieldParsers.Choice(record, column, vocabulary.Keys.ToList(), problems, required);
        return chosen is null ? null : vocabulary[chosen];
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
