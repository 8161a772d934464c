using FukushiIryo.App.Payments;
using FukushiIryo.App.Settings;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// The export reads the run page by page and streams every file (ADR 0041, session 8): its files are
/// byte for byte those of the whole-file export kept as <see cref="PaymentExportReference"/> (zengin,
/// accounting, detail and held-out report; the notices page for page with the same text, since PDFsharp
/// names its font subsets afresh on each rendering), with the same CP932 replacements, whatever the page
/// size: one payee a page here, so that every file crosses pages.
/// </summary>
public sealed partial class PaymentRunTests
{
    [Theory]
    [MemberData(nameof(StreamedExportCases))]
    public async Task The_streamed_export_writes_the_bytes_of_the_whole_file_export_across_pages(string provider, bool newlines, bool cp932)
    {
        await using var database = await LedgerAsync(provider);
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);                           // 2,500
        await AddClaimAsync(db, Son, 202609, share: 1500);                              // 1,000 to the mother
        await AddClaimAsync(db, Mother, 202610, share: 800, provider: OtherProvider);  // 300, a second line for her
        await AddClaimAsync(db, Orphan, 202610, share: 2000);                           // 1,500, own account
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await Runs(db).ApproveAsync(October, "kessai1");
        await SettingsAsync(db);
        await new SystemSettings(db, Clock()).SetAsync(SystemSettings.PaymentAccountTitle, "扶助費𠮷", "admin"); // 𠮷: replaced in CP932, once a line

        var (expected, replacements) = await PaymentExportReference.ExportAsync(db, Clock(), October, newlines, cp932);
        var export = new PaymentExport(db, Clock(), new SystemSettings(db, Clock()), new PaymentFileWriters()) { PageSize = 1 };
        var result = await export.ExportAsync(October, Output, newlines, cp932, "shiharai1");

        Assert.Equal((2, 2_500L + 1_000 + 300 + 1_500), (result.Payees, result.Total));
        Assert.Equal(expected.Keys.Order(), result.Files.Select(f => f.Name).Order());
        foreach (var (name, bytes) in expected)
        {
            var written = await File.ReadAllBytesAsync(Path.Combine(Output, name));
            if (name.EndsWith(".pdf", StringComparison.Ordinal))
            {
                // PDFsharp names its font subsets afresh on each rendering: the notices compare by their pages' text.
                Assert.Equal(PageTexts(bytes), PageTexts(written));
            }
            else
            {
                Assert.True(bytes.AsSpan().SequenceEqual(written), name + " differs from the whole-file export");
            }
        }

        Assert.Equal(2, PageTexts(expected[PaymentExport.NoticesName(October)]).Count); // one page a payee
        Assert.Equal(replacements, result.Cp932Replacements);
        Assert.Equal(cp932 ? ["accounting-202610.csv 2行目: 𠮷（U+20BB7）→ 吉", "accounting-202610.csv 3行目: 𠮷（U+20BB7）→ 吉"] : [], result.Cp932Replacements);
        Assert.Empty(Directory.GetFiles(Output, ".*.tmp"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_streamed_export_with_a_held_out_payee_writes_the_bytes_of_the_whole_file_export(string provider)
    {
        await using var database = await LedgerAsync(provider, withPostBank: false); // the orphan's branch unknown: held out
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000);
        await AddClaimAsync(db, Orphan, 202610, share: 2000);
        await AddClaimAsync(db, Son, 202610, share: 1500);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await Runs(db).ApproveAsync(October, "kessai1");
        await SettingsAsync(db);

        var (expected, _) = await PaymentExportReference.ExportAsync(db, Clock(), October, true, true);
        var result = await new PaymentExport(db, Clock(), new SystemSettings(db, Clock()), new PaymentFileWriters()) { PageSize = 1 }
            .ExportAsync(October, Output, true, true, "shiharai1");

        Assert.Equal((1, 1, Orphan), (result.Payees, result.HeldOut.Count, result.HeldOut[0].RecipientNumber));
        foreach (var (name, bytes) in expected)
        {
            var written = await File.ReadAllBytesAsync(Path.Combine(Output, name));
            if (name.EndsWith(".pdf", StringComparison.Ordinal))
            {
                // PDFsharp names its font subsets afresh on each rendering: the notices compare by their pages' text.
                Assert.Equal(PageTexts(bytes), PageTexts(written));
            }
            else
            {
                Assert.True(bytes.AsSpan().SequenceEqual(written), name + " differs from the whole-file export");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_refused_export_leaves_the_existing_files_and_no_temporary_file(string provider)
    {
        await using var database = await ApprovedOctoberAsync(provider);
        await using var db = database.Open();
        var export = Export(db, new PaymentFileWriters());
        await export.ExportAsync(October, Output, true, false, "shiharai1");
        var before = Directory.GetFiles(Output).Order().Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();

        // The same files, another line ending for the 全銀 file: refused before the notices, nothing replaced.
        var refused = await Assert.ThrowsAsync<PaymentRunRefusedException>(() => export.ExportAsync(October, Output, false, false, "shiharai1"));

        Assert.Contains("zengin-202610.txt", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("accounting-202610.csv", refused.Message, StringComparison.Ordinal);
        var after = Directory.GetFiles(Output).Order().Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        Assert.Equal(before.Select(f => f.Item1), after.Select(f => f.Item1)); // no temporary file left
        Assert.All(before.Zip(after), pair => Assert.True(pair.First.Item2.AsSpan().SequenceEqual(pair.Second.Item2), pair.First.Item1));
    }

    private static List<string> PageTexts(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => p.Text)];
    }

    public static TheoryData<string, bool, bool> StreamedExportCases()
    {
        var cases = new TheoryData<string, bool, bool>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            cases.Add(provider, true, false);
            cases.Add(provider, false, true);
        }

        return cases;
    }
}
