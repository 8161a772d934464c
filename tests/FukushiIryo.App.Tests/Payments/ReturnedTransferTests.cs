using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Payments;
using FukushiIryo.App.People;
using FukushiIryo.App.Settings;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Payments;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using static FukushiIryo.App.Tests.Payments.PaymentsBLedger;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// 振込不能 end to end on both databases (ADR 0032): an exported run's transfer comes back, is recorded by hand
/// or from the bank's file (all or nothing), is held (not in the next run), and once the payee's account is
/// corrected and staff release it, is paid in the next run's 全銀 file exactly once. The paid claims stay paid.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ReturnedTransferTests(PostgresFixture fixture) : IDisposable
{
    private static readonly YearMonth October = new(2026, 10);
    private static readonly YearMonth November = new(2026, 11);
    private static readonly YearMonth December = new(2026, 12);
    private static readonly DateOnly OctoberPayDate = new(2026, 11, 20);
    private static readonly DateOnly NovemberPayDate = new(2026, 12, 18);
    private static readonly DateOnly DecemberPayDate = new(2027, 1, 20);
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-returns-").FullName;
    private readonly SettableClock clock = new(new DateTimeOffset(2026, 11, 10, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_returned_transfer_is_held_then_paid_once_in_a_later_run_after_the_account_is_corrected(string provider)
    {
        await using var database = await CreateAsync(provider, fixture, folder);
        await using var db = database.Open();
        var orphanClaim = await AddClaimAsync(db, Orphan, 202610, share: 2000, processingMonth: 202610);   // 2,000 − 500 = 1,500 to the orphan
        await AddClaimAsync(db, Mother, 202610, share: 3000, processingMonth: 202610);                     // 3,000 − 500 = 2,500 to 花子
        await PaymentRunTests.SettingsAsync(db);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await Runs(db).ApproveAsync(October, "kessai1");
        var returns = new ReturnedTransfers(db, clock);

        // Approved but not exported: nothing was transferred, nothing can come back.
        var notSent = await Assert.ThrowsAsync<ReturnedTransferRefusedException>(() =>
            returns.RecordAsync(new ReturnedTransferInput(October, Orphan, 1_500, ReturnedTransferReason.NoAccount), "shiharai1"));
        Assert.Contains("出力されていません", notSent.Message, StringComparison.Ordinal);
        await Export(db).ExportAsync(October, Path.Combine(folder, "october"), true, false, "shiharai1");

        // The bank's file: one good row and one whose amount is not what was transferred → nothing recorded.
        var bad = WriteReturns("bad.csv", $"202610,{Orphan},9900,238,1234567,1500,1", $"202610,{Mother},0162,001,1234567,2400,2");
        var refused = await returns.ImportAsync(bad, null, "shiharai1");
        Assert.False(refused.Imported);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("2,500 円と違います", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.ReturnedTransfers.CountAsync());
        Assert.Equal(0, await db.PaymentAdjustments.CountAsync());

        var good = WriteReturns("good.csv", $"202610,{Orphan},9900,238,1234567,1500,1");
        var imported = await returns.ImportAsync(good, null, "shiharai1");
        Assert.True(imported.Imported, string.Join("; ", imported.Problems));
        Assert.Equal(1_500, imported.Total);

        // The same return again (by hand) is refused; the paid claim stays paid.
        await Assert.ThrowsAsync<ReturnedTransferRefusedException>(() =>
            returns.RecordAsync(new ReturnedTransferInput(October, Orphan, 1_500, ReturnedTransferReason.NoAccount), "shiharai1"));
        var returned = await db.ReturnedTransfers.AsNoTracking().SingleAsync();
        var adjustment = await db.PaymentAdjustments.AsNoTracking().SingleAsync();
        Assert.Equal((Orphan, 1_500L, ReturnedTransferReason.NoAccount, ReturnedTransferSource.File, "9900", "1234567", 2L),
            (returned.RecipientNumber, returned.Amount, returned.Reason, returned.Source, returned.BankCode, returned.AccountNumber, returned.FileLine));
        Assert.Equal((PaymentAdjustmentKind.Retransfer, 1_500L, PaymentAdjustmentStatus.Held, ReturnedTransfer.AdjustmentSourceType, returned.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (adjustment.Kind, adjustment.Amount, adjustment.Status, adjustment.SourceType, adjustment.SourceId));
        Assert.True(await db.PaidClaims.AnyAsync(p => p.MedicalClaimId == orphanClaim));

        // The 振込不能通知 asks for a new account; printing it is audited.
        var notice = await new DocumentPrints(db, clock).PrintAsync(await returns.NoticeInputAsync(returned.Id), DocumentSubject.Recipient(Orphan), "shiharai1");
        Assert.Equal(DocumentKind.ReturnedTransferNotice, notice.Kind);
        await File.WriteAllBytesAsync(Path.Combine(folder, "notice.pdf"), notice.Pdf);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(notice.Pdf, 0, 4), StringComparison.Ordinal);

        // November: held, so not in the run; release is refused until the account is corrected.
        await AddClaimAsync(db, Mother, 202611, share: 2000, processingMonth: 202611);                     // 1,500 to 花子
        var held = await Runs(db).PrepareAsync(November, NovemberPayDate, "shiharai1");
        Assert.Equal((1, 1_500L, 0), (held.Payees, held.Total, held.Adjustments));
        var early = await Assert.ThrowsAsync<ReturnedTransferRefusedException>(() => returns.ReleaseAsync(returned.Id, "shiharai1"));
        Assert.Contains("記載事項変更", early.Message, StringComparison.Ordinal);

        clock.Now = clock.Now.AddDays(3);
        var person = await db.Recipients.Where(r => r.RecipientNumber == Orphan).Select(r => r.PersonId).SingleAsync();
        var version = await db.Persons.Where(p => p.Id == person).Select(p => p.Version).SingleAsync();
        var edit = await new PersonChanges(db, clock).EditBankAccountAsync(
            new LedgerEdit(person, version, LedgerEditKind.Change, new DateOnly(2026, 11, 13), new DateOnly(2026, 11, 13)),
            new BankAccountInput("0162", "001", AccountType.Ordinary, "7654321", "エンポウ ヒナ"), "madoguchi1");
        Assert.True(edit.IsSaved, string.Join("; ", edit.Problems));
        Assert.True((await returns.ListAsync()).Single().AccountCorrected);

        await returns.ReleaseAsync(returned.Id, "shiharai1");
        Assert.Equal(PaymentAdjustmentStatus.Pending, (await db.PaymentAdjustments.AsNoTracking().SingleAsync()).Status);
        await Assert.ThrowsAsync<ReturnedTransferRefusedException>(() => returns.ReleaseAsync(returned.Id, "shiharai1"));

        // Prepared again, the run pays the 再振込 to the new account; approved and exported: once in the 全銀 file.
        var november = await Runs(db).PrepareAsync(November, NovemberPayDate, "shiharai1");
        Assert.Equal((2, 1_500L + 1_500, 1, 1_500L), (november.Payees, november.Total, november.Adjustments, november.AdjustmentTotal));
        await Runs(db).ApproveAsync(November, "kessai1");
        await Export(db).ExportAsync(November, Path.Combine(folder, "november"), true, false, "shiharai1");
        var records = DataRecords(Path.Combine(folder, "november", "zengin-202611.txt"));
        var orphanRecords = records.Where(r => r[91..101] == "000" + Orphan).ToList();
        var paid = Assert.Single(orphanRecords);
        Assert.Equal(("0162", "001", "7654321", "0000001500"), (paid[1..5], paid[20..23], paid[43..50], paid[80..90]));
        Assert.Equal(PaymentAdjustmentStatus.Settled, (await db.PaymentAdjustments.AsNoTracking().SingleAsync()).Status);

        // December: settled, never paid again.
        var december = await Runs(db).PrepareAsync(December, DecemberPayDate, "shiharai1");
        Assert.Equal((0, 0L), (december.Adjustments, december.AdjustmentTotal));
        Assert.DoesNotContain(await db.PaymentPayees.Where(p => p.Preparation > 0 && p.RecipientNumber == Orphan).Select(p => p.PaymentRunId).ToListAsync(),
            runId => db.PaymentRuns.Any(r => r.Id == runId && r.ProcessingMonth == 202612));

        var events = await db.AuditEvents.Select(a => a.EventType).ToListAsync();
        Assert.Equal(1, events.Count(e => e == AuditEventType.PaymentReturnRecorded));
        Assert.Equal(1, events.Count(e => e == AuditEventType.PaymentReturnsImported));
        Assert.Equal(1, events.Count(e => e == AuditEventType.PaymentReturnReleased));
        Assert.Contains(AuditEventType.DocumentPrinted, events);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_return_entered_by_hand_is_refused_for_an_unknown_payee_or_another_amount(string provider)
    {
        await using var database = await CreateAsync(provider, fixture, folder);
        await using var db = database.Open();
        await AddClaimAsync(db, Mother, 202610, share: 3000, processingMonth: 202610);
        await PaymentRunTests.SettingsAsync(db);
        await Runs(db).PrepareAsync(October, OctoberPayDate, "shiharai1");
        await Runs(db).ApproveAsync(October, "kessai1");
        await Export(db).ExportAsync(October, folder, true, false, "shiharai1");
        var returns = new ReturnedTransfers(db, clock);

        var unknown = await Assert.ThrowsAsync<ReturnedTransferRefusedException>(() =>
            returns.RecordAsync(new ReturnedTransferInput(October, Orphan, 1_500, ReturnedTransferReason.Closed), "shiharai1"));
        Assert.Contains("振込先にありません", unknown.Message, StringComparison.Ordinal);
        var amount = await Assert.ThrowsAsync<ReturnedTransferRefusedException>(() =>
            returns.RecordAsync(new ReturnedTransferInput(October, Mother, 2_000, ReturnedTransferReason.Closed), "shiharai1"));
        Assert.Contains("2,500 円と違います", amount.Message, StringComparison.Ordinal);
        var month = await Assert.ThrowsAsync<ReturnedTransferRefusedException>(() =>
            returns.RecordAsync(new ReturnedTransferInput(November, Mother, 2_500, ReturnedTransferReason.Closed), "shiharai1"));
        Assert.Contains("承認済みの支払がありません", month.Message, StringComparison.Ordinal);

        var recorded = await returns.RecordAsync(new ReturnedTransferInput(October, Mother, 2_500, ReturnedTransferReason.Closed, "解約済と銀行から電話"), "shiharai1");
        Assert.Equal((ReturnedTransferSource.Manual, "解約済と銀行から電話", 2_500L), (recorded.Source, recorded.Note, recorded.Amount));
        Assert.Equal(PaymentAdjustmentStatus.Held, (await db.PaymentAdjustments.SingleAsync()).Status);
    }

    private PaymentRuns Runs(FukushiDbContext db) => new(db, clock);

    private PaymentExport Export(FukushiDbContext db) => new(db, clock, new SystemSettings(db, clock), new PaymentFileWriters());

    private string WriteReturns(string name, params string[] rows)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "処理年月,受給者番号,金融機関コード,支店コード,口座番号,金額,不能事由コード\r\n" + string.Concat(rows.Select(r => r + "\r\n")), new UTF8Encoding(true));
        return path;
    }

    /// <summary>The 全銀 data records (区分 2) of a file written with line ends; half-width kana are one byte each.</summary>
    private static List<string> DataRecords(string path) =>
        Encoding.Latin1.GetString(File.ReadAllBytes(path)).Split("\r\n").Where(r => r.StartsWith('2')).ToList();
}
