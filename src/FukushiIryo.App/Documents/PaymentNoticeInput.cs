using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.Documents;

/// <summary>
/// 支給決定通知書 of one payment run (<c>notices-YYYYMM.pdf</c>, interfaces.md §6): one notice per
/// payee, each starting on its own page, in the order given. The payment run fills it from what it
/// paid; nothing here is computed but the totals.
/// </summary>
/// <param name="ProcessingMonth">処理年月 of the run.</param>
/// <param name="NoticeDate">通知日 printed at the top of every notice.</param>
/// <param name="PayDate">支払日 (振込指定日).</param>
/// <param name="Payees">The payees, at least one.</param>
public sealed record PaymentNoticeInput(
    YearMonth ProcessingMonth,
    DateOnly NoticeDate,
    DateOnly PayDate,
    IReadOnlyList<PaymentNoticePayee> Payees) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.PaymentNotice;
}

/// <summary>One payee's notice: the addressee (the parent or carer; an orphan's own record), the account paid into and the claims paid.</summary>
/// <param name="To">宛先: name and address as the 宛名 holds them.</param>
/// <param name="RecipientNumber">The payee's 受給者番号.</param>
/// <param name="Account">The account paid into.</param>
/// <param name="Claims">The paid claims, at least one, in the order printed.</param>
/// <param name="NoticeNumber">文書番号, or null.</param>
/// <param name="Adjustment">支払調整 (再振込, 過誤調整) applied to the payee in the run, signed; 0 = none.</param>
public sealed record PaymentNoticePayee(
    Addressee To,
    string RecipientNumber,
    PaymentNoticeAccount Account,
    IReadOnlyList<PaymentNoticeClaim> Claims,
    string? NoticeNumber = null,
    long Adjustment = 0)
{
    /// <summary>支給額: the sum of the claims' 助成額 plus the adjustment (what is transferred).</summary>
    public long Total => Claims.Sum(c => c.Subsidy) + Adjustment;
}

/// <summary>振込先. The account number is printed masked except its last 4 digits.</summary>
/// <param name="BankName">金融機関名 as the bank master names it (e.g. 南都銀行).</param>
/// <param name="BranchName">支店名.</param>
/// <param name="AccountType">預金種目.</param>
/// <param name="AccountNumber">口座番号 (digits).</param>
/// <param name="HolderKana">口座名義 (カナ).</param>
public sealed record PaymentNoticeAccount(string BankName, string BranchName, AccountType AccountType, string AccountNumber, string HolderKana);

/// <summary>One paid claim as the notice lists it.</summary>
/// <param name="PatientName">受診者 as the 宛名 holds the name.</param>
/// <param name="ServiceMonth">診療年月.</param>
/// <param name="ProviderName">医療機関名.</param>
/// <param name="SelfPay">保険自己負担額.</param>
/// <param name="Copayment">一部負担金.</param>
/// <param name="Subsidy">助成額.</param>
public sealed record PaymentNoticeClaim(string PatientName, YearMonth ServiceMonth, string ProviderName, long SelfPay, long Copayment, long Subsidy);
