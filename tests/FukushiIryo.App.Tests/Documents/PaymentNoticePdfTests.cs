using FukushiIryo.App.Documents;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.Tests.Documents;

/// <summary>
/// 支給決定通知書, read back with poppler: one notice per payee on its own page(s), the addressee, the
/// payment date, the masked account, each paid claim with its amounts, and the totals.
/// </summary>
public sealed class PaymentNoticePdfTests
{
    private static readonly Addressee Hanako = DocumentBuilderTests.To;
    private static readonly Addressee Jiro = new("奈良　次郎", "6300001", "奈良県奈良市北魚屋東町1番地");

    private static readonly PaymentNoticePayee First = new(
        Hanako,
        DocumentBuilderTests.RecipientNumber,
        new PaymentNoticeAccount("南都銀行", "奈良市役所出張所", AccountType.Ordinary, "1234567", "ﾖｼﾀﾞ ﾊﾅｺ"),
        [
            // rules-research.md §3.3 under a 健保組合 with a 25,000円 附加給付 cap: 24,030円.
            new(DocumentBuilderTests.Child, new YearMonth(2026, 9), "奈良県総合医療センター", 300_000, 1_000, 24_030),
            new(DocumentBuilderTests.Parent, new YearMonth(2026, 10), "なら歯科クリニック", 2_460, 500, 1_960),
        ]);

    private static readonly PaymentNoticePayee Second = new(
        Jiro,
        "1000033",
        new PaymentNoticeAccount("ゆうちょ銀行", "〇一八", AccountType.Current, "0012345", "ﾅﾗ ｼﾞﾛｳ"),
        [new("奈良　一郎", new YearMonth(2026, 8), "西大寺こどもクリニック", 3_000, 500, 2_500)],
        NoticeNumber: "奈子給第45号");

    private static PaymentNoticeInput Input(params PaymentNoticePayee[] payees) =>
        new(new YearMonth(2026, 11), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 10), payees);

    [Fact]
    public void Each_payee_has_a_notice_on_its_own_page_with_the_claims_and_the_total()
    {
        var document = DocumentRenderer.Render(Input(First, Second));
        File.WriteAllBytes(Path.Combine(Poppler.ArtifactsDirectory, "doc-07-payment-notice.pdf"), document.Pdf);
        Poppler.Png(document.Pdf, Path.Combine(Poppler.ArtifactsDirectory, "doc-07-payment-notice.png"));

        Assert.Equal((DocumentKind.PaymentNotice, "支給決定通知書", 2, "payment-notice.pdf"), (document.Kind, document.Title, document.PageCount, document.FileName));
        var page1 = Poppler.Compact(Poppler.Text(document.Pdf, 1, 1));
        var page2 = Poppler.Compact(Poppler.Text(document.Pdf, 2, 2));

        Assert.Contains("ひとり親家庭等医療費助成支給決定通知書", page1, StringComparison.Ordinal);
        Assert.Contains("〒630-8580", page1, StringComparison.Ordinal);
        Assert.Contains("𠮷田花子様", page1, StringComparison.Ordinal);
        Assert.Contains("令和8年11月処理分", page1, StringComparison.Ordinal);
        Assert.Contains("受給者番号1000017", page1, StringComparison.Ordinal);
        Assert.Contains("支給額25,990円", page1, StringComparison.Ordinal);
        Assert.Contains("支払日令和8年12月10日", page1, StringComparison.Ordinal);
        Assert.Contains("振込先南都銀行奈良市役所出張所普通***4567", page1, StringComparison.Ordinal);
        Assert.Contains("口座名義ヨシダハナコ", page1, StringComparison.Ordinal);
        Assert.Contains("受診者診療年月医療機関名保険自己負担額一部負担金助成額", page1, StringComparison.Ordinal);
        Assert.Contains("𠮷田さくら令和8年9月奈良県総合医療センター300,000円1,000円24,030円", page1, StringComparison.Ordinal);
        Assert.Contains("𠮷田花子令和8年10月なら歯科クリニック2,460円500円1,960円", page1, StringComparison.Ordinal);
        Assert.Contains("合計302,460円1,500円25,990円", page1, StringComparison.Ordinal);
        Assert.Contains("教示", page1, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567", page1, StringComparison.Ordinal);
        Assert.DoesNotContain("奈良次郎", page1, StringComparison.Ordinal);

        Assert.Contains("奈子給第45号", page2, StringComparison.Ordinal);
        Assert.Contains("奈良次郎様", page2, StringComparison.Ordinal);
        Assert.Contains("受給者番号1000033", page2, StringComparison.Ordinal);
        Assert.Contains("振込先ゆうちょ銀行〇一八当座***2345", page2, StringComparison.Ordinal);
        Assert.Contains("奈良一郎令和8年8月西大寺こどもクリニック3,000円500円2,500円", page2, StringComparison.Ordinal);
        Assert.Contains("合計3,000円500円2,500円", page2, StringComparison.Ordinal);
        Assert.DoesNotContain("𠮷田", page2, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payee_with_many_claims_continues_on_the_next_page_and_the_next_payee_starts_a_new_one()
    {
        var many = First with
        {
            Claims = [.. Enumerable.Range(1, 40).Select(i => new PaymentNoticeClaim($"受診者{i:D2}", new YearMonth(2026, 10), $"医療機関{i:D2}", 10_000, 500, 1_000 + i))],
        };

        var document = DocumentRenderer.Render(Input(many, Second));
        var text = Poppler.Text(document.Pdf);
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Select(Poppler.Compact).Where(p => p.Length > 0).ToList();

        Assert.True(document.PageCount >= 3, $"{document.PageCount} pages");
        Assert.Contains("受診者01", pages[0], StringComparison.Ordinal);
        Assert.Contains("支給決定通知書（続き）", pages[1], StringComparison.Ordinal);
        Assert.Contains("受診者診療年月医療機関名", pages[1], StringComparison.Ordinal); // header repeated
        // 40 × 1,000 + (1 + … + 40) = 40,820
        Assert.Contains("合計400,000円20,000円40,820円", Poppler.Compact(text), StringComparison.Ordinal);
        Assert.Contains("奈良次郎様", pages[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("受診者40", pages[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234567", "***4567")]
    [InlineData("0012345", "***2345")]
    [InlineData("12345", "*2345")]
    [InlineData("1234", "1234")]
    public void The_account_number_is_masked_but_its_last_4_digits(string number, string printed) =>
        Assert.Equal(printed, PaymentNoticePdf.MaskAccountNumber(number));

    [Fact]
    public void A_notice_without_payees_or_claims_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DocumentRenderer.Render(Input()));
        Assert.Throws<ArgumentException>(() => DocumentRenderer.Render(Input(First with { Claims = [] })));
    }
}
