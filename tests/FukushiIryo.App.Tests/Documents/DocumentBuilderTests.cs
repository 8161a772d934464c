using FukushiIryo.Domain.Eligibility;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.App.Tests.Documents;

/// <summary>
/// The document builders, read back with poppler: every field is in the text (names outside CP932
/// such as 𠮷 included, dates in 和暦), fonts embedded as subsets, metadata without personal data,
/// the 受付簿 numbered across pages. Each document is also rendered to artifacts/screenshots once.
/// </summary>
public sealed class DocumentBuilderTests
{
    internal const string Parent = "𠮷田　花子";
    internal const string Child = "𠮷田　さくら";
    internal const string RecipientNumber = "1000017";
    internal const string ChildNumber = "1000025";
    internal const string PayerNumber = "81290116";

    internal static readonly Addressee To = new(Parent, "6308580", "奈良県奈良市二条大路南一丁目1番1号　𠮷田ハイツ101号");

    internal static CertificateInput Certificate(DateOnly? reissuedOn = null) => new(
        RecipientNumber, PayerNumber, Child, new DateOnly(2015, 4, 2),
        new DateOnly(2026, 8, 1), new DateOnly(2027, 7, 31), BenefitMethod.InKind, new DateOnly(2026, 8, 3), reissuedOn);

    [Fact]
    public void The_sample_numbers_have_valid_check_digits()
    {
        Assert.True(MhlwCheckDigit.IsValid(RecipientNumber));
        Assert.True(MhlwCheckDigit.IsValid(ChildNumber));
        Assert.True(MhlwCheckDigit.IsValid(PayerNumber));
    }

    [Fact]
    public void The_certificate_shows_every_field_with_wareki_dates_and_the_city()
    {
        var document = DocumentRenderer.Render(Certificate());
        Save(document, "doc-01-certificate");

        var text = Poppler.Compact(Poppler.Text(document.Pdf));
        Assert.Equal((DocumentKind.Certificate, "受給資格証", 1), (document.Kind, document.Title, document.PageCount));
        Assert.Contains("ひとり親家庭等医療費助成受給資格証", text, StringComparison.Ordinal);
        Assert.Contains("受給者番号1000017", text, StringComparison.Ordinal);
        Assert.Contains("公費負担者番号81290116", text, StringComparison.Ordinal);
        Assert.Contains("氏名𠮷田さくら", text, StringComparison.Ordinal);
        Assert.Contains("生年月日平成27年4月2日", text, StringComparison.Ordinal);
        Assert.Contains("有効期間令和8年8月1日から令和9年7月31日まで", text, StringComparison.Ordinal);
        Assert.Contains("給付区分現物給付", text, StringComparison.Ordinal);
        Assert.Contains("交付年月日令和8年8月3日", text, StringComparison.Ordinal);
        Assert.Contains("奈良市子ども給付課", text, StringComparison.Ordinal);
        Assert.DoesNotContain("再交付", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reissued_certificate_says_reissue_with_its_date_beside_the_first_issue()
    {
        var document = DocumentRenderer.Render(Certificate(reissuedOn: new DateOnly(2026, 10, 15)));
        Save(document, "doc-02-certificate-reissued");

        var text = Poppler.Compact(Poppler.Text(document.Pdf));
        Assert.Equal("受給資格証（再交付）", document.Title);
        Assert.Contains("交付年月日令和8年8月3日再交付令和8年10月15日", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_in_the_first_year_of_an_era_is_written_gannen()
    {
        var document = DocumentRenderer.Render(Certificate() with { BirthDate = new DateOnly(2019, 5, 1) });
        Assert.Contains("生年月日令和元年5月1日", Poppler.Compact(Poppler.Text(document.Pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_metadata_holds_the_title_and_the_system_and_nothing_personal()
    {
        var info = Poppler.Info(DocumentRenderer.Render(Certificate()).Pdf);
        Assert.Matches(@"(?m)^Title:\s+受給資格証$", info);
        Assert.Matches(@"(?m)^Creator:\s+福祉医療費助成システム \(FukushiIryo\)$", info);
        Assert.DoesNotMatch(@"(?m)^(Author|Subject|Keywords):[ \t]*\S", info);
        Assert.DoesNotContain("𠮷", info, StringComparison.Ordinal);
        Assert.DoesNotContain(RecipientNumber, info, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fonts_are_embedded_as_subsets_with_unicode_maps_and_names_use_the_registry_font()
    {
        var fonts = Poppler.Fonts(DocumentRenderer.Render(Certificate()).Pdf);
        var rows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Matches(@"\+IPA\S+\s.*\syes\s+yes\s+yes\s", row));
        Assert.Contains(rows, row => row.Contains("+IPAexGothic", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains("+IPAmjMincho", StringComparison.Ordinal));
    }

    [Fact]
    public void The_subsets_keep_a_document_small()
    {
        // The fonts are 6 to 46 MB whole; a subset of the glyphs used is a few tens of kilobytes.
        Assert.InRange(DocumentRenderer.Render(Certificate()).Pdf.Length, 1_000, 400_000);
    }

    [Fact]
    public void The_grant_notice_names_the_addressee_and_every_granted_recipient()
    {
        var input = new GrantNoticeInput(
            To,
            new DateOnly(2026, 8, 3),
            new DateOnly(2026, 7, 20),
            [
                new GrantedRecipient(Parent, RecipientNumber, new DateOnly(2026, 7, 20), new DateOnly(2026, 7, 20), new DateOnly(2027, 7, 31), BenefitMethod.AutoReimbursement),
                new GrantedRecipient(Child, ChildNumber, new DateOnly(2026, 7, 20), new DateOnly(2026, 7, 20), new DateOnly(2027, 7, 31), BenefitMethod.InKind),
            ],
            "奈子給第1234号");
        var document = DocumentRenderer.Render(input);
        Save(document, "doc-03-grant-notice");

        var text = Poppler.Compact(Poppler.Text(document.Pdf));
        Assert.Equal("受給資格認定通知書", document.Title);
        Assert.Contains("ひとり親家庭等医療費助成受給資格認定通知書", text, StringComparison.Ordinal);
        Assert.Contains("奈子給第1234号", text, StringComparison.Ordinal);
        Assert.Contains("令和8年8月3日", text, StringComparison.Ordinal);
        Assert.Contains("〒630-8580", text, StringComparison.Ordinal);
        Assert.Contains("奈良県奈良市二条大路南一丁目1番1号𠮷田ハイツ101号", text, StringComparison.Ordinal);
        Assert.Contains("𠮷田花子様", text, StringComparison.Ordinal);
        Assert.Contains("奈良市長", text, StringComparison.Ordinal);
        Assert.Contains("令和8年7月20日付けで申請のあった", text, StringComparison.Ordinal);
        Assert.Contains("𠮷田花子1000017令和8年7月20日令和8年7月20日から自動償還", text, StringComparison.Ordinal);
        Assert.Contains("𠮷田さくら1000025令和8年7月20日令和8年7月20日から現物給付", text, StringComparison.Ordinal);
        Assert.Contains("令和9年7月31日まで", text, StringComparison.Ordinal);
        Assert.DoesNotContain("教示", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rejection_notice_lists_every_reason_numbered_and_the_appeal()
    {
        string[] reasons =
        [
            "児童が18歳に達した日以後の最初の3月31日を過ぎています（対象児童：𠮷田さくら、生年月日：平成19年4月1日）。",
            "健康保険の加入が確認できません。",
            "世帯に妻（未届）または夫（未届）の方がいるため、ひとり親家庭に当たりません。住民基本台帳の記載が事実と異なる場合は、その旨を申し出てください。",
        ];
        var input = new RejectionNoticeInput(To, new DateOnly(2026, 8, 3), new DateOnly(2026, 7, 20), ApplicationKind.New, [Parent, Child], reasons);
        var document = DocumentRenderer.Render(input);
        Save(document, "doc-04-rejection-notice");

        var text = Poppler.Compact(Poppler.Text(document.Pdf));
        Assert.Equal("受給資格申請却下通知書", document.Title);
        Assert.Contains("申請種別：新規", text, StringComparison.Ordinal);
        Assert.Contains("対象者𠮷田花子𠮷田さくら", text, StringComparison.Ordinal);
        for (var i = 0; i < reasons.Length; i++)
        {
            // Wrapped over lines, every character is still there, after its number.
            Assert.Contains($"{i + 1}．{Poppler.Compact(reasons[i])}", text, StringComparison.Ordinal);
        }

        Assert.Contains("教示", text, StringComparison.Ordinal);
        Assert.Contains("3か月以内に、奈良市長に対して審査請求をすることができます", text, StringComparison.Ordinal);
        Assert.Contains("奈良市を被告として", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loss_notice_gives_each_loss_date_and_cause_and_the_appeal()
    {
        var input = new LossNoticeInput(
            To,
            new DateOnly(2027, 4, 5),
            [
                new LostRecipient(Parent, RecipientNumber, new DateOnly(2027, 3, 15), LossReason.Marriage, "婚姻届出日 令和9年3月14日"),
                new LostRecipient(Child, ChildNumber, new DateOnly(2027, 4, 1), LossReason.AgeLimit),
            ]);
        var document = DocumentRenderer.Render(input);
        Save(document, "doc-05-loss-notice");

        var text = Poppler.Compact(Poppler.Text(document.Pdf));
        Assert.Equal("受給資格喪失通知書", document.Title);
        Assert.Contains("𠮷田花子1000017令和9年3月15日婚姻（婚姻届出日令和9年3月14日）", text, StringComparison.Ordinal);
        Assert.Contains("𠮷田さくら1000025令和9年4月1日年齢到達", text, StringComparison.Ordinal);
        Assert.Contains("奈良市子ども給付課へ返還してください", text, StringComparison.Ordinal);
        Assert.Contains("教示", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reception_register_is_in_date_order_across_numbered_pages()
    {
        // 65 receptions given out of order: 30 a page, so 3 pages.
        var entries = Enumerable.Range(1, 65)
            .Select(i => new ReceptionEntry(
                $"R8-{i:D5}",
                new DateOnly(2026, 4, 1).AddDays((i - 1) / 3),
                i % 4 == 0 ? ApplicationKind.Change : ApplicationKind.New,
                i == 31 ? Parent : $"申請者　{i:D3}"))
            .Reverse()
            .ToList();
        var input = new ReceptionRegisterInput(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), entries, new DateTimeOffset(2026, 5, 1, 0, 30, 0, TimeSpan.Zero), "madoguchi1");
        var document = DocumentRenderer.Render(input);
        Save(document, "doc-06-reception-register");

        Assert.Equal(3, document.PageCount);
        Assert.Matches(@"(?m)^Pages:\s+3$", Poppler.Info(document.Pdf));
        var page1 = Poppler.Compact(Poppler.Text(document.Pdf, 1, 1));
        var page2 = Poppler.Compact(Poppler.Text(document.Pdf, 2, 2));
        var page3 = Poppler.Compact(Poppler.Text(document.Pdf, 3, 3));

        Assert.Contains("受付簿", page1, StringComparison.Ordinal);
        Assert.Contains("期間：令和8年4月1日〜令和8年4月30日", page1, StringComparison.Ordinal);
        Assert.Contains("件数：65件", page1, StringComparison.Ordinal);
        Assert.Contains("受付番号受付日申請種別申請者", page2, StringComparison.Ordinal);
        Assert.Contains("R8-00001令和8年4月1日新規申請者001", page1, StringComparison.Ordinal);
        Assert.Contains("R8-00004令和8年4月2日変更申請者004", page1, StringComparison.Ordinal);
        Assert.Contains("R8-00030", page1, StringComparison.Ordinal);
        Assert.DoesNotContain("R8-00031", page1, StringComparison.Ordinal);
        Assert.Contains("R8-00031令和8年4月11日新規𠮷田花子", page2, StringComparison.Ordinal);
        Assert.Contains("R8-00060", page2, StringComparison.Ordinal);
        Assert.DoesNotContain("R8-00061", page2, StringComparison.Ordinal);
        Assert.Contains("R8-00065令和8年4月22日", page3, StringComparison.Ordinal);
        Assert.True(page1.IndexOf("R8-00001", StringComparison.Ordinal) < page1.IndexOf("R8-00002", StringComparison.Ordinal));

        Assert.Contains("1/3ページ", page1, StringComparison.Ordinal);
        Assert.Contains("2/3ページ", page2, StringComparison.Ordinal);
        Assert.Contains("3/3ページ", page3, StringComparison.Ordinal);
        Assert.All(new[] { page1, page2, page3 }, page => Assert.Contains("出力者：madoguchi1出力日時：令和8年5月1日09:30", page, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_reception_register_is_one_page_that_says_so()
    {
        var document = DocumentRenderer.Render(new ReceptionRegisterInput(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), [], DateTimeOffset.UnixEpoch, "madoguchi1"));
        var text = Poppler.Compact(Poppler.Text(document.Pdf));
        Assert.Equal(1, document.PageCount);
        Assert.Contains("この期間の受付はありません。", text, StringComparison.Ordinal);
        Assert.Contains("1/1ページ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_that_cannot_make_a_document_are_refused()
    {
        Assert.Throws<ArgumentException>(() => DocumentRenderer.Render(new RejectionNoticeInput(To, new DateOnly(2026, 8, 3), new DateOnly(2026, 7, 20), ApplicationKind.New, [Parent], [])));
        Assert.Throws<ArgumentException>(() => DocumentRenderer.Render(new LossNoticeInput(To, new DateOnly(2026, 8, 3), [])));
        Assert.Throws<ArgumentException>(() => DocumentRenderer.Render(new GrantNoticeInput(To, new DateOnly(2026, 8, 3), new DateOnly(2026, 7, 20), [])));
        Assert.Throws<ArgumentException>(() => DocumentRenderer.Render(Certificate() with { ValidTo = new DateOnly(2026, 7, 31) }));
    }

    private static void Save(RenderedDocument document, string name)
    {
        File.WriteAllBytes(Path.Combine(Poppler.ArtifactsDirectory, $"{name}.pdf"), document.Pdf);
        Poppler.Png(document.Pdf, Path.Combine(Poppler.ArtifactsDirectory, $"{name}.png"));
    }
}
