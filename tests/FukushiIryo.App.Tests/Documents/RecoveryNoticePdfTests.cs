using FukushiIryo.App.Documents;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.App.Tests.Documents;

/// <summary>返還請求書 and 督促状 (ADR 0033), read back with poppler: the amounts, the 納期限 and the receipts behind them.</summary>
public sealed class RecoveryNoticePdfTests
{
    private static readonly RecoveryNotice Notice = new(
        DocumentBuilderTests.To,
        "2026-00001",
        DocumentBuilderTests.RecipientNumber,
        Amount: 3_000,
        Repaid: 1_000,
        DueDate: new DateOnly(2026, 12, 10),
        OriginalDueDate: new DateOnly(2026, 12, 10),
        [
            new(DocumentBuilderTests.Child, new YearMonth(2026, 9), "奈良診療所", 1_500, "受給資格の期間外の受診"),
            new(DocumentBuilderTests.Child, new YearMonth(2026, 10), "奈良診療所", 1_500, "受給資格の期間外の受診"),
        ]);

    [Fact]
    public void The_demand_shows_the_amount_what_was_repaid_the_due_date_and_each_receipt()
    {
        var document = DocumentRenderer.Render(new RecoveryNoticeInput(false, new DateOnly(2026, 11, 10), [Notice]));
        File.WriteAllBytes(Path.Combine(Poppler.ArtifactsDirectory, "doc-10-recovery-demand.pdf"), document.Pdf);
        Poppler.Png(document.Pdf, Path.Combine(Poppler.ArtifactsDirectory, "doc-10-recovery-demand.png"));

        Assert.Equal((DocumentKind.RecoveryDemand, "返還請求書", 1), (document.Kind, document.Title, document.PageCount));
        var text = Poppler.Compact(Poppler.Text(document.Pdf));
        Assert.Contains("ひとり親家庭等医療費助成返還請求書", text, StringComparison.Ordinal);
        Assert.Contains("返還請求番号2026-00001", text, StringComparison.Ordinal);
        Assert.Contains("返還請求額3,000円", text, StringComparison.Ordinal);
        Assert.Contains("納付済額1,000円", text, StringComparison.Ordinal);
        Assert.Contains("今回納付額2,000円", text, StringComparison.Ordinal);
        Assert.Contains("納期限令和8年12月10日", text, StringComparison.Ordinal);
        Assert.Contains("令和8年9月奈良診療所1,500円受給資格の期間外の受診", text, StringComparison.Ordinal);
        Assert.Contains("合計3,000円", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reminder_names_the_first_due_date_and_the_new_one()
    {
        var reminder = Notice with { DueDate = new DateOnly(2027, 1, 10) };
        var document = DocumentRenderer.Render(new RecoveryNoticeInput(true, new DateOnly(2026, 12, 11), [reminder, reminder with { Number = "2026-00002" }]));
        File.WriteAllBytes(Path.Combine(Poppler.ArtifactsDirectory, "doc-11-recovery-reminder.pdf"), document.Pdf);

        Assert.Equal((DocumentKind.RecoveryReminder, "返還金督促状", 2), (document.Kind, document.Title, document.PageCount));
        var page1 = Poppler.Compact(Poppler.Text(document.Pdf, 1, 1));
        Assert.Contains("令和8年12月10日を納期限として請求した", page1, StringComparison.Ordinal);
        Assert.Contains("指定期限令和9年1月10日", page1, StringComparison.Ordinal);
        Assert.Contains("2026-00002", Poppler.Compact(Poppler.Text(document.Pdf, 2, 2)), StringComparison.Ordinal);
    }
}
