using System.Globalization;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.App.Documents;

/// <summary>
/// 返還請求書 and 督促状 (ADR 0033): <see cref="Notices"/> in one PDF, each on its own page; a reminder
/// when <see cref="Reminder"/>. Plain values only: the 返還請求 service fills it.
/// </summary>
/// <param name="Reminder">督促状 instead of 返還請求書.</param>
/// <param name="NoticeDate">通知日.</param>
/// <param name="Notices">At least one.</param>
public sealed record RecoveryNoticeInput(bool Reminder, DateOnly NoticeDate, IReadOnlyList<RecoveryNotice> Notices) : DocumentInput
{
    public override DocumentKind Kind => Reminder ? DocumentKind.RecoveryReminder : DocumentKind.RecoveryDemand;
}

/// <summary>One 返還請求 as printed.</summary>
/// <param name="To">宛先 (the payee).</param>
/// <param name="Number">返還請求番号.</param>
/// <param name="RecipientNumber">The payee's 受給者番号.</param>
/// <param name="Amount">調定額.</param>
/// <param name="Repaid">収納済額 so far.</param>
/// <param name="DueDate">納期限 (for a reminder: the new 指定期限).</param>
/// <param name="OriginalDueDate">The first 納期限 (printed on a reminder).</param>
/// <param name="Lines">What it is made of.</param>
public sealed record RecoveryNotice(
    Addressee To,
    string Number,
    string RecipientNumber,
    long Amount,
    long Repaid,
    DateOnly DueDate,
    DateOnly OriginalDueDate,
    IReadOnlyList<RecoveryNoticeLine> Lines)
{
    /// <summary>What is to be paid now.</summary>
    public long Outstanding => Amount - Repaid;
}

/// <summary>One receipt behind a 返還請求: who was treated, when and where, and the amount to return with its reason.</summary>
public sealed record RecoveryNoticeLine(string PatientName, YearMonth? ServiceMonth, string ProviderName, long Amount, string Reason);

internal static class RecoveryNoticePdf
{
    private static readonly double[] Widths = [26, 24, 36, 24, 50];
    private static readonly string[] Header = ["受診者", "診療年月", "医療機関名", "返還額", "理由"];
    private static readonly TextAlign[] Align = [TextAlign.Left, TextAlign.Left, TextAlign.Left, TextAlign.Right, TextAlign.Left];

    public static RenderedDocument Render(RecoveryNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Notices.Count == 0)
        {
            throw new ArgumentException("返還請求書・督促状には返還請求が1件以上必要です。", nameof(input));
        }

        string title = input.Reminder ? "返還金督促状" : "返還請求書";
        using var notice = new NoticePdf(title);
        for (var i = 0; i < input.Notices.Count; i++)
        {
            if (i > 0)
            {
                notice.NextNotice();
            }

            var item = input.Notices[i];
            var issuer = input.Issuer;
            notice.ContinuationLabel = $"返還請求番号 {item.Number}　{item.To.Name}　様";
            notice.Header(issuer, item.To, input.NoticeDate, $"返還請求番号 {item.Number}", $"{issuer.Program}{title}");
            notice.Body(input.Reminder
                ? $"{DocumentText.Date(item.OriginalDueDate)}を納期限として請求した{issuer.Program}の返還金が、まだ納付されていません。次の額を{DocumentText.Date(item.DueDate)}までに納付してください。すでに納付された場合は、行き違いですのでご容赦ください。"
                : $"次のとおり支給した{issuer.Program}の助成金について、支給の対象とならない額がありましたので、{DocumentText.Date(item.DueDate)}までに返還してください。");
            notice.Fields(
                [
                    ("受給者番号", item.RecipientNumber),
                    ("返還請求額", Yen(item.Amount)),
                    ("納付済額", Yen(item.Repaid)),
                    ("今回納付額", Yen(item.Outstanding)),
                    (input.Reminder ? "指定期限" : "納期限", DocumentText.Date(item.DueDate)),
                ],
                labelWidth: 28);
            notice.Heading("返還の内訳");
            var rows = item.Lines
                .Select(l => new[] { l.PatientName, l.ServiceMonth is { } month ? WarekiYearMonth.From(month).ToLongString() : string.Empty, l.ProviderName, Yen(l.Amount), l.Reason })
                .Append(["合計", string.Empty, string.Empty, Yen(item.Amount), string.Empty])
                .ToList();
            notice.Table(Widths, Header, rows, Align);
            notice.Body($"同封の納付書により、金融機関または{issuer.City}{issuer.Section}の窓口で納付してください。納付が難しい場合は、納期限までに{issuer.Section}へご相談ください。");
            notice.Appeal(issuer);
        }

        return notice.Finish(input.Kind);
    }

    private static string Yen(long amount) => amount.ToString("#,0", CultureInfo.InvariantCulture) + "円";
}
