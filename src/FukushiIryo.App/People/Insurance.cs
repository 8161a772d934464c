using FukushiIryo.App.Data;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.People;

/// <summary>保険種別 of interfaces.md §4.</summary>
public enum InsuranceKind
{
    /// <summary>国保.</summary>
    National = 1,

    /// <summary>社保 (協会けんぽ, 健保組合, 共済 …).</summary>
    Employee = 2,

    /// <summary>後期.</summary>
    LateElderly = 3,

    /// <summary>その他.</summary>
    Other = 9,
}

/// <summary>扶養者区分: 本人 (the insured) or 家族 (a dependant).</summary>
public enum InsuredRole
{
    Insured = 1,
    Dependant = 2,
}

/// <summary>医療保険関係情報 items 1–11 of one person for a period.</summary>
public sealed class Insurance : HistoryRow
{
    public long PersonId { get; set; }

    public InsuranceKind InsuranceKind { get; set; }

    /// <summary>保険者番号: 6 digits for 国保, 8 otherwise (validated by the domain value).</summary>
    public string InsurerNumber { get; set; } = string.Empty;

    public string? InsurerName { get; set; }

    public string? InsurerAddress { get; set; }

    public string? InsurerPhone { get; set; }

    public InsuredRole InsuredRole { get; set; }

    /// <summary>被保険者氏名.</summary>
    public string? InsuredName { get; set; }

    /// <summary>被保険者住所.</summary>
    public string? InsuredAddress { get; set; }

    /// <summary>被保険者証 記号.</summary>
    public string? CardSymbol { get; set; }

    /// <summary>被保険者証 番号.</summary>
    public string? CardNumber { get; set; }

    /// <summary>個人識別番号 (枝番).</summary>
    public string? CardSuffix { get; set; }

    /// <summary>資格取得日 of the insurance.</summary>
    public DateOnly? AcquiredOn { get; set; }

    /// <summary>資格喪失日 of the insurance (first day not insured).</summary>
    public DateOnly? LostOn { get; set; }
}

/// <summary>支払口座関係情報 items 1–7: the account a payee is paid into, for a period.</summary>
public sealed class BankAccount : HistoryRow
{
    public long PersonId { get; set; }

    /// <summary>金融機関コード (4 digits).</summary>
    public string BankCode { get; set; } = string.Empty;

    public string BankName { get; set; } = string.Empty;

    /// <summary>支店コード (3 digits).</summary>
    public string BranchCode { get; set; } = string.Empty;

    public string BranchName { get; set; } = string.Empty;

    public AccountType AccountType { get; set; }

    /// <summary>口座番号 (7 digits, zero-filled).</summary>
    public string AccountNumber { get; set; } = string.Empty;

    /// <summary>口座名義人 in kana.</summary>
    public string AccountHolderKana { get; set; } = string.Empty;
}
