using System.Globalization;
using System.Text;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.Documents;

/// <summary>
/// 支給決定通知書 of a payment run: for each payee, on a new page, the addressee, the payment (支給額,
/// 支払日, 振込先 with the account number masked but its last 4 digits), the paid claims in a table
/// (受診者, 診療年月, 医療機関名, 保険自己負担額, 一部負担金, 助成額) with their total, and the 教示.
/// A payee with many claims continues on the next page, the table header repeated.
/// </summary>
internal static class PaymentNoticePdf
{
    /// <summary>The document title (also the PDF's information).</summary>
    public const string Title = "支給決定通知書";

    private static readonly double[] Widths = [28, 26, 40, 24, 20, 22];
    private static readonly string[] Header = ["受診者", "診療年月", "医療機関名", "保険自己負担額", "一部負担金", "助成額"];
    private static readonly TextAlign[] Align = [TextAlign.Left, TextAlign.Left, TextAlign.Left, TextAlign.Right, TextAlign.Right, TextAlign.Right];

    public static RenderedDocument Render(PaymentNoticeInput input)
    {
        Check(input);
        using var notice = new NoticePdf(Title);
        for (var i = 0; i < input.Payees.Count; i++)
        {
            AddPayee(notice, input, input.Payees[i], first: i == 0);
        }

        return notice.Finish(input.Kind);
    }

    /// <summary>
    /// The same notices as <see cref="Render"/>, page for page, written into <paramref name="output"/> in
    /// chunks (<see cref="PdfBatch"/>): the memory held does not grow with the payees. Returns the pages.
    /// </summary>
    public static int Write(PaymentNoticeInput input, Stream output, int pagesPerChunk = PdfBatch.PagesPerChunk)
    {
        Check(input);
        return Write(input, input.Payees, output, pagesPerChunk);
    }

    /// <summary>
    /// The notices of <paramref name="payees"/> (made one by one as they are drawn, so that a run of any
    /// size never holds them all) with the dates of <paramref name="run"/> (whose own payees are ignored).
    /// </summary>
    public static int Write(PaymentNoticeInput run, IEnumerable<PaymentNoticePayee> payees, Stream output, int pagesPerChunk = PdfBatch.PagesPerChunk)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(payees);
        using var writer = Writer(run, output, pagesPerChunk);
        foreach (var payee in payees)
        {
            writer.Add(payee);
        }

        return writer.Finish();
    }

    /// <summary>
    /// The same notices added one payee at a time (<see cref="PdfBatchWriter{TChunk, TItem}.Add"/>), for a caller
    /// that reads its payees between awaits; <see cref="PdfBatchWriter{TChunk, TItem}.Finish"/> ends the PDF.
    /// </summary>
    public static PdfBatchWriter<NoticePdf, PaymentNoticePayee> Writer(PaymentNoticeInput run, Stream output, int pagesPerChunk = PdfBatch.PagesPerChunk)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new PdfBatchWriter<NoticePdf, PaymentNoticePayee>(output, Title, () => new NoticePdf(Title), (notice, payee, first) =>
        {
            CheckPayee(payee);
            AddPayee(notice, run, payee, first);
        }, pagesPerChunk);
    }

    /// <summary>One payee's notice, from a new page unless it is the document's (or chunk's) first.</summary>
    private static void AddPayee(NoticePdf notice, PaymentNoticeInput run, PaymentNoticePayee payee, bool first)
    {
        if (!first)
        {
            notice.NextNotice();
        }

        Payee(notice, run, payee);
    }

    /// <summary>口座番号 with every digit but the last 4 replaced by *, e.g. ***4567.</summary>
    public static string MaskAccountNumber(string accountNumber)
    {
        ArgumentNullException.ThrowIfNull(accountNumber);
        return accountNumber.Length <= 4 ? accountNumber : new string('*', accountNumber.Length - 4) + accountNumber[^4..];
    }

    /// <summary>"86,430円".</summary>
    public static string Yen(long amount) => amount.ToString("#,0", CultureInfo.InvariantCulture) + "円";

    private static void Check(PaymentNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Payees.Count == 0)
        {
            throw new ArgumentException("支給決定通知書には支払先が1件以上必要です。", nameof(input));
        }

        foreach (var payee in input.Payees)
        {
            CheckPayee(payee);
        }
    }

    private static void CheckPayee(PaymentNoticePayee payee)
    {
        if (payee.Claims.Count == 0 && payee.Adjustment == 0)
        {
            throw new ArgumentException("支給決定通知書の支払先には支払うレセプトか支払調整が1件以上必要です。", nameof(payee));
        }
    }

    private static void Payee(NoticePdf notice, PaymentNoticeInput input, PaymentNoticePayee payee)
    {
        var issuer = input.Issuer;
        notice.ContinuationLabel = $"受給者番号 {payee.RecipientNumber}　{payee.To.Name}　様";
        notice.Header(issuer, payee.To, input.NoticeDate, payee.NoticeNumber, $"{issuer.Program}{Title}");
        notice.Body($"{WarekiYearMonth.From(input.ProcessingMonth).ToLongString()}処理分の{issuer.Program}について、次のとおり支給することに決定したので通知します。助成金は支払日に次の口座へ振り込みます。");

        var account = payee.Account;
        notice.Fields(
            [
                ("受給者番号", payee.RecipientNumber),
                ("支給額", Yen(payee.Total)),
                ("支払日", DocumentText.Date(input.PayDate)),
                ("振込先", $"{account.BankName}　{account.BranchName}　{AccountTypeName(account.AccountType)}　{MaskAccountNumber(account.AccountNumber)}"),
                ("口座名義", account.HolderKana.Normalize(NormalizationForm.FormKC)), // ﾖｼﾀﾞ → ヨシダ: half-width kana read badly in print
            ],
            labelWidth: 28);

        notice.Heading("支給の内訳");
        var rows = payee.Claims
            .Select(c => new[]
            {
                c.PatientName,
                WarekiYearMonth.From(c.ServiceMonth).ToLongString(),
                c.ProviderName,
                Yen(c.SelfPay),
                Yen(c.Copayment),
                Yen(c.Subsidy),
            })
            .Concat(payee.Adjustment == 0 ? [] : new[] { new[] { "支払調整（再振込・過誤調整）", string.Empty, string.Empty, string.Empty, string.Empty, Yen(payee.Adjustment) } })
            .Append(["合計", string.Empty, string.Empty, Yen(payee.Claims.Sum(c => c.SelfPay)), Yen(payee.Claims.Sum(c => c.Copayment)), Yen(payee.Total)])
            .ToList();
        notice.Table(Widths, Header, rows, Align);
        notice.Body("助成額は、保険診療の自己負担額から、高額療養費・附加給付・他の公費の負担額と一部負担金を差し引いた額です。入院時の食事療養・生活療養の標準負担額は助成の対象になりません。");
        notice.Appeal(issuer);
    }

    private static string AccountTypeName(AccountType type) => type switch
    {
        AccountType.Ordinary => "普通",
        AccountType.Current => "当座",
        AccountType.Savings => "貯蓄",
        _ => "その他",
    };
}
