using DocumentFormat.OpenXml.Packaging;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Demo;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Review;
using FukushiIryo.App.Statistics;
using FukushiIryo.App.Tests.Demo;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Statistics;

/// <summary>
/// Issue 14 "done when": over the demo city, paid month by month (with one 過誤調整 taken up by a later
/// run), the 支払月報, the 県補助金 and the 受給者数調査 reconcile to the yen with the payment detail,
/// summed here independently from the stored lines; the XLSX is read back with the expected cells.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DemoCityStatisticsTests(PostgresFixture fixture) : IDisposable
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9)));

    private static readonly Dictionary<int, DateOnly> PayDates = new()
    {
        [202608] = new DateOnly(2026, 9, 25),
        [202609] = new DateOnly(2026, 10, 23),
        [202610] = new DateOnly(2026, 11, 27),
    };

    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-demo-city-stats-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reports_of_the_demo_city_reconcile_with_the_payment_detail(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var population = await DemoTestData.GenerateAsync(60, 11);
        await using (var db = database.Open())
        {
            await MasterDefaults.EnsureLoadedAsync(db, Clock.GetUtcNow());
            await ReferenceMasters.EnsureLoadedAsync(db, Clock.GetUtcNow());
            await new DemoSeeder(db, Clock).SeedAsync(population, "admin");
        }

        DemoFiles.Write(population, folder, out var files);
        var months = files.Select(f => f.ProcessingMonth).Distinct().Order().ToList();
        foreach (var month in files.GroupBy(f => f.ProcessingMonth))
        {
            foreach (var file in month)
            {
                await using var db = database.Open();
                var path = Path.Combine(folder, file.FileName);
                await new MedicalClaimsImport(db, Clock).RunAsync(
                    new ImportRequest(path, "reviewer", new DateOnly(2026, 11, 29)), month.Key, MedicalClaimsImport.Detect(path, null));
            }

            await using (var db = database.Open())
            {
                await new ReviewRun(db, Clock).RunAsync(month.Key, "reviewer");
            }
        }

        foreach (var month in months)
        {
            await using var db = database.Open();
            if (month != months[0])
            {
                // A 過誤調整（減額） of a claim paid earlier: the later run offsets it.
                // Its payee has claims this month, so that the run has something to offset it against.
                var key = ReviewRun.MonthKey(month);
                var payeesThisMonth = (await db.MedicalClaims.Where(c => c.ProcessingMonth == key && c.RecipientId != null)
                        .Join(db.Recipients, c => c.RecipientId, r => r.Id, (c, r) => r.ParentRecipientId ?? r.Id).ToListAsync())
                    .ToHashSet();
                var candidates = await db.PaymentLines.Join(db.PaidClaims, l => l.Id, p => p.PaymentLineId, (l, p) => l)
                    .Where(l => l.Subsidy > 500).OrderBy(l => l.Id).ToListAsync();
                var earlier = candidates.FirstOrDefault(l => payeesThisMonth.Contains(l.PayeeRecipientId)) ?? candidates[0];

                // With a 追給 of 1,200 on the same payee, the 減額 of 300 is always offset in this run.
                foreach (var (kind, amount) in new[] { (PaymentAdjustmentKind.CorrectionIncrease, 1_200L), (PaymentAdjustmentKind.CorrectionDecrease, -300L) })
                {
                    db.PaymentAdjustments.Add(new PaymentAdjustment
                    {
                        PayeeRecipientId = earlier.PayeeRecipientId,
                        RecipientId = earlier.RecipientId,
                        MedicalClaimId = earlier.MedicalClaimId,
                        Kind = kind,
                        Amount = amount,
                        Status = PaymentAdjustmentStatus.Pending,
                        Reason = "テスト: 過誤調整",
                        SourceType = "claim-correction",
                        CreatedBy = "shiharai1",
                        CreatedAt = Clock.GetUtcNow(),
                    });
                }

                await db.SaveChangesAsync();
            }

            var runs = new PaymentRuns(db, Clock);
            await runs.PrepareAsync(month, PayDates[ReviewRun.MonthKey(month)], "shiharai1");
            await runs.ApproveAsync(month, "kessai1");
        }

        // A 戻入 of 500 円 received in 2026-10 on a 返還請求 made of the 減額, and an approved 現物給付 請求書 of 2026-10.
        long refundRecipient;
        await using (var db = database.Open())
        {
            var decrease = await db.PaymentAdjustments.FirstAsync(a => a.Kind == PaymentAdjustmentKind.CorrectionDecrease);
            refundRecipient = decrease.RecipientId;
            var recovery = new Recovery
            {
                Number = "2026-00001", PayeeRecipientId = decrease.PayeeRecipientId, Amount = 500, DueDate = new DateOnly(2026, 11, 30),
                Status = RecoveryStatus.Repaid, Reason = "テスト", IssuedOn = new DateOnly(2026, 10, 1), CreatedBy = "shiharai1", CreatedAt = Clock.GetUtcNow(),
            };
            db.Recoveries.Add(recovery);
            await db.SaveChangesAsync();
            db.RecoveryItems.Add(new RecoveryItem { RecoveryId = recovery.Id, PaymentAdjustmentId = decrease.Id, Amount = 500 });
            db.RecoveryRepayments.Add(new RecoveryRepayment { RecoveryId = recovery.Id, ReceivedOn = new DateOnly(2026, 10, 15), Amount = 500, RecordedBy = "shiharai1", RecordedAt = Clock.GetUtcNow() });
            db.InKindInvoices.Add(new InKindInvoice
            {
                ProcessingMonth = 202610, Clearinghouse = ClearinghouseFee.Kokuhoren, InvoiceCount = 3, InvoiceAmount = 9_000, FeePerClaim = 40, FeeAmount = 120,
                Status = InKindInvoiceStatus.Approved, RecordedBy = "shiharai1", RecordedAt = Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        await using var check = database.Open();
        var approved = await check.PaymentRuns.AsNoTracking().ToListAsync();
        var paidLines = await check.PaidClaims.AsNoTracking()
            .Join(check.PaymentLines.AsNoTracking(), p => p.PaymentLineId, l => l.Id, (p, l) => new { p.PaymentRunId, Line = l })
            .ToListAsync();
        var settled = await check.SettledAdjustments.AsNoTracking().ToListAsync();
        Assert.True(paidLines.Count >= 30, $"only {paidLines.Count} paid claims");
        Assert.Contains(settled, s => s.Applied < 0);
        Assert.Contains(settled, s => s.Applied > 0);

        var queries = new StatisticsQueries(check);
        foreach (var run in approved)
        {
            var lines = paidLines.Where(p => p.PaymentRunId == run.Id).Select(p => p.Line).ToList();
            var report = await queries.MonthlyReportAsync(YearMonth.FromNumber(run.ProcessingMonth));
            var detailTotal = report.Tables[0].Rows[^1];
            Assert.Equal(lines.Count, detailTotal.Cells[5].Number);
            Assert.Equal(lines.Sum(l => l.SelfPay), detailTotal.Cells[8].Number);
            Assert.Equal(lines.Sum(l => l.HighCostRefund), detailTotal.Cells[9].Number);
            Assert.Equal(lines.Sum(l => l.ExtraBenefit), detailTotal.Cells[10].Number);
            Assert.Equal(lines.Sum(l => l.Copayment), detailTotal.Cells[11].Number);
            Assert.Equal(lines.Sum(l => l.Subsidy), detailTotal.Cells[12].Number);
            Assert.Equal(lines.Sum(l => l.Subsidy), report.Tables[0].Rows.Where(r => !r.IsTotal).Sum(r => r.Cells[12].Number!.Value));

            // The paid total on the settlement table is what the run transferred.
            var paid = report.Tables[3].Rows.Single(r => r.Cells[0].Text == "支払額（口座振込）");
            Assert.Equal(run.TotalAmount, paid.Cells[2].Number);
            var decrease = report.Tables[3].Rows.Single(r => r.Cells[0].Text == "過誤調整（減額）");
            Assert.Equal(settled.Where(s => s.PaymentRunId == run.Id && s.Applied < 0).Sum(s => s.Applied), decrease.Cells[2].Number);
        }

        var october = await queries.MonthlyReportAsync(new YearMonth(2026, 10));
        var settlement = october.Tables[3].Rows.ToDictionary(r => r.Cells[0].Text!);
        Assert.Equal(500L, settlement["返還（戻入）"].Cells[2].Number);
        Assert.Equal(9_000L, settlement["現物給付（審査支払機関との精算）"].Cells[2].Number);
        Assert.Equal(120L, settlement["審査支払手数料"].Cells[2].Number);
        Assert.Equal(3L, settlement["審査支払手数料"].Cells[1].Number);

        // 県補助金: 県 cases decided here from each line's recipient's 資格 on the 1st of the 診療月.
        long prefecture = 0, city = 0;
        foreach (var line in paidLines.Select(p => p.Line))
        {
            var first = YearMonth.FromNumber(line.ServiceMonth).FirstDay;
            var share = await check.EligibilityRecords.AsNoTracking().Where(e => e.RecipientId == line.RecipientId).AsOf(first)
                .Select(e => e.FundingShare).FirstOrDefaultAsync();
            if (share == FundingShare.Prefecture)
            {
                prefecture += line.Subsidy;
            }
            else
            {
                city += line.Subsidy;
            }
        }

        Assert.True(prefecture > 0 && city > 0, $"県 {prefecture} 市 {city}: the demo city should have both");
        var claim = await queries.PrefectureClaimAsync(new FiscalYear(2026));
        var summary = claim.Tables[0].Rows.ToDictionary(r => r.Cells[0].Text!, r => r.Cells[1]);
        Assert.Equal(prefecture, summary["県 助成額"].Number);
        var prefectureCorrections = summary["県 過誤調整"].Number!.Value;
        var decreaseClaim = await check.PaymentAdjustments.Where(a => a.Kind == PaymentAdjustmentKind.CorrectionDecrease)
            .Join(check.MedicalClaims, a => a.MedicalClaimId, c => c.Id, (a, c) => c.ServiceMonth).FirstAsync();
        var refundShare = await check.EligibilityRecords.AsNoTracking().Where(e => e.RecipientId == refundRecipient)
            .AsOf(YearMonth.FromNumber(decreaseClaim).FirstDay).Select(e => e.FundingShare).FirstOrDefaultAsync();
        var prefectureRefund = refundShare == FundingShare.Prefecture ? 500L : 0L;
        Assert.Equal(prefectureRefund, summary["県 返還（控除）"].Number);
        Assert.Equal(prefecture + prefectureCorrections - prefectureRefund, summary["補助対象額"].Number);
        Assert.Equal((prefecture + prefectureCorrections - prefectureRefund) / 2, summary["補助金所要額（1円未満切捨て）"].Number);
        Assert.Equal(city, claim.Tables[1].Rows[^1].Cells[7].Number);
        Assert.Equal(settled.Sum(s => s.Applied), prefectureCorrections + (await queries.AdjustmentsAsync(new YearMonth(2026, 4), new YearMonth(2027, 3))).Where(a => a.Share == FundingShare.City).Sum(a => a.Amount));

        // 受給者数調査: the active recipients counted independently, every breakdown adding up to them.
        var asOf = new DateOnly(2026, 10, 1);
        var active = await check.EligibilityRecords.AsNoTracking().Where(e => e.Status == EligibilityStatus.Active).AsOf(asOf)
            .Select(e => e.RecipientId).Distinct().CountAsync();
        var survey = await queries.RecipientSurveyAsync(asOf);
        var total = survey.Tables[0].Rows[^1].Cells.Skip(1).Select(c => c.Number!.Value).ToList();
        Assert.Equal(active, total[0]);
        Assert.Equal(total[0], total[1] + total[2]);
        Assert.Equal(total[0], total[3] + total[4] + total[5] + total[6] + total[7]);
        Assert.Equal(total[0], total[8] + total[9] + total[10] + total[11]);

        // The XLSX of the last month, written as the CLI does (audited), read back.
        var last = approved.OrderBy(r => r.ProcessingMonth).Last();
        var lastLines = paidLines.Where(p => p.PaymentRunId == last.Id).Select(p => p.Line).ToList();
        var xlsx = Path.Combine(folder, "monthly.xlsx");
        var written = await new StatisticsReports(check, Clock).WriteAsync(StatisticsReportKind.Payments, YearMonth.FromNumber(last.ProcessingMonth).FirstDay, xlsx, "toukei1");
        using (var document = SpreadsheetDocument.Open(xlsx, false))
        {
            var sheet = XlsxReader.Sheets(document)["診療月別内訳"];
            var header = ReportXlsx.HeaderRow(written.Report);
            Assert.Equal("助成額", sheet[$"M{header}"].Text);
            var totalRow = header + (uint)written.Report.Tables[0].Rows.Count;
            Assert.Equal("合計", sheet[$"A{totalRow}"].Text);
            Assert.Equal(lastLines.Sum(l => l.Subsidy), sheet[$"M{totalRow}"].Number);
            Assert.Equal(lastLines.Count, sheet[$"F{totalRow}"].Number);
        }

        // Each report renders as a PDF (landscape A4); FUKUSHI_STATS_ARTIFACTS keeps them to look at.
        var keep = Environment.GetEnvironmentVariable("FUKUSHI_STATS_ARTIFACTS");
        foreach (var (name, report) in new[] { ("payments", written.Report), ("prefecture", claim), ("recipients", survey) })
        {
            var pdf = StatisticsReports.Render(report, ReportFormat.Pdf, "toukei1", Clock.GetUtcNow());
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
            if (!string.IsNullOrEmpty(keep))
            {
                Directory.CreateDirectory(keep);
                await File.WriteAllBytesAsync(Path.Combine(keep, $"{name}-{provider}.pdf"), pdf);
                await File.WriteAllBytesAsync(Path.Combine(keep, $"{name}-{provider}.xlsx"), StatisticsReports.Render(report, ReportFormat.Xlsx, "toukei1", Clock.GetUtcNow()));
                await File.WriteAllBytesAsync(Path.Combine(keep, $"{name}-{provider}.csv"), StatisticsReports.Render(report, ReportFormat.Csv, "toukei1", Clock.GetUtcNow()));
            }
        }

        var audit = await check.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.StatisticsReportWritten).SingleAsync();
        Assert.Equal("toukei1", audit.Actor);
        Assert.Contains(written.Sha256, audit.Details, StringComparison.Ordinal);
    }
}
