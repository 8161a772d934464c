using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.App.Documents;

/// <summary>
/// 振込不能通知 of one returned transfer (ADR 0032): the payment that could not be transferred (処理年月,
/// 振込指定日, amount, the account with its number masked but the last 4 digits, the bank's reason) and
/// the request to report a new account (記載事項変更届). Nothing is computed here.
/// </summary>
/// <param name="To">宛先: the payee as the 宛名 holds them.</param>
/// <param name="RecipientNumber">The payee's 受給者番号.</param>
/// <param name="NoticeDate">通知日.</param>
/// <param name="ProcessingMonth">処理年月 of the payment.</param>
/// <param name="PayDate">振込指定日 of the payment.</param>
/// <param name="Amount">The amount returned.</param>
/// <param name="BankName">金融機関名 of the account transferred to.</param>
/// <param name="BranchName">支店名.</param>
/// <param name="AccountNumber">口座番号 (printed masked).</param>
/// <param name="Reason">不能事由 (口座なし, 名義相違, 解約済, その他).</param>
public sealed record ReturnedTransferNoticeInput(
    Addressee To,
    string RecipientNumber,
    DateOnly NoticeDate,
    YearMonth ProcessingMonth,
    DateOnly PayDate,
    long Amount,
    string BankName,
    string BranchName,
    string AccountNumber,
    string Reason) : DocumentInput
{
    public override DocumentKind Kind => DocumentKind.ReturnedTransferNotice;
}

/// <summary>Renders <see cref="ReturnedTransferNoticeInput"/> on the notices' common page (<see cref="NoticePdf"/>).</summary>
internal static class ReturnedTransferNoticePdf
{
    public const string Title = "振込不能のお知らせ（口座の届出のお願い）";

    public static RenderedDocument Render(ReturnedTransferNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var notice = new NoticePdf(Title);
        var issuer = input.Issuer;
        notice.Header(issuer, input.To, input.NoticeDate, null, $"{issuer.Program}　{Title}");
        notice.Body($"{WarekiYearMonth.From(input.ProcessingMonth).ToLongString()}処理分の{issuer.Program}の助成金を次の口座へ振り込みましたが、金融機関から振込できなかったとの連絡がありました。助成金はお支払いできる状態のまま保留しています。");
        notice.Fields(
            [
                ("受給者番号", input.RecipientNumber),
                ("助成金の額", PaymentNoticePdf.Yen(input.Amount)),
                ("振込指定日", DocumentText.Date(input.PayDate)),
                ("振込先", $"{input.BankName}　{input.BranchName}　{PaymentNoticePdf.MaskAccountNumber(input.AccountNumber)}"),
                ("振込できなかった理由", input.Reason),
            ],
            labelWidth: 40);
        notice.Heading("お願い");
        notice.Body("お手数ですが、振込を受ける口座を確認のうえ、通帳など口座の分かるものをお持ちになり、担当窓口で支払口座の変更（記載事項変更届）をしてください。新しい口座を登録した後の支払日に、保留している助成金をまとめて振り込みます。");
        notice.Body("口座の名義は受給者（父母・養育者）本人のものに限ります。ご不明な点は担当までお問い合わせください。");
        return notice.Finish(input.Kind);
    }
}
