using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Review;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// The ledger of the 支払 B tests (ADR 0032): 花子 (1, 自動償還, account 南都 本店 1234567), her son 一郎
/// (2, 現物給付, paid to her), an orphan (4, 現物給付, own ゆうちょ account 9900-238 1234567); masters'
/// defaults; the bank master's rows. Amounts: 医科外来 一部負担金 500円 (shipped default).
/// </summary>
internal static class PaymentsBLedger
{
    public const string Provider = "0100102";
    public static readonly string Mother = RecipientNumber.FromSerial(1).ToString();
    public static readonly string Son = RecipientNumber.FromSerial(2).ToString();
    public static readonly string Orphan = RecipientNumber.FromSerial(4).ToString();

    /// <summary>Our 現物給付 公費負担者番号 in the shipped defaults.</summary>
    public const string InKindPayer = "90290016";

    public static async Task<TestDatabase> CreateAsync(string provider, PostgresFixture fixture, string folder)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        var residents = Path.Combine(folder, $"residents-{Guid.NewGuid():N}.csv");
        File.WriteAllText(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000301,0003,遠方 陽菜,エンポウ ヒナ,2010-08-20,2,世帯主,6308501,奈良県奈良市登大路町31番地,1,,,") + "\n", new UTF8Encoding(true));
        var recipients = Path.Combine(folder, $"recipients-{Guid.NewGuid():N}.csv");
        File.WriteAllText(recipients, string.Join("\n",
            "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
            $"{Son},000102,児童,{Mother},新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,,,,0,0,,現物給付,{InKindPayer},県,国保,133066,奈良,1234,01,家族,,,,,,",
            $"{Mother},000101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,1234567,ﾅﾗ ﾊﾅｺ,0742-34-1111",
            $"{Orphan},000301,父母のいない児童,,新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,,,,0,0,,現物給付,{InKindPayer},県,国保,133066,12,345,,家族,9900,238,1,1234567,ｴﾝﾎﾟｳ ﾋﾅ,") + "\n", new UTF8Encoding(true));
        await using var db = database.Open();
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var day = new DateOnly(2026, 11, 2);
        await MasterDefaults.EnsureLoadedAsync(db, clock.GetUtcNow());
        Assert.Equal(ImportStatus.Imported, (await new ResidentsImport(db, clock).RunAsync(new ImportRequest(residents, "admin", day, Migration: true))).Status);
        var imported = await new RecipientsImport(db, clock).RunAsync(new ImportRequest(recipients, "admin", day));
        Assert.True(imported.Status == ImportStatus.Imported, string.Join("; ", imported.Errors.Select(e => e.ToString())));
        db.Banks.AddRange(new Bank { BankCode = "0162", Name = "南都銀行", Kana = "ナント", Edition = "t" }, new Bank { BankCode = "9900", Name = "ゆうちょ銀行", Kana = "ユウチヨ", Edition = "t" });
        db.BankBranches.Add(new BankBranch { BankCode = "0162", BranchCode = "001", Name = "本店", Kana = "ホンテン", Edition = "t" });
        db.BankBranches.Add(new BankBranch { BankCode = "9900", BranchCode = "238", Name = "二三八", Kana = "ニサンハチ", Edition = "t" });
        await db.SaveChangesAsync();
        return database;
    }

    public static Task<long> RecipientIdAsync(FukushiDbContext db, string number) =>
        db.Recipients.Where(r => r.RecipientNumber == number).Select(r => r.Id).SingleAsync();

    /// <summary>A claim (医科外来, 高額療養費 and 附加給付 known to be none) with its current 審査 result.</summary>
    public static async Task<long> AddClaimAsync(
        FukushiDbContext db, string recipient, int serviceMonth, long share, int processingMonth,
        ReviewOutcome outcome = ReviewOutcome.Accepted, ClaimReviewStatus status = ClaimReviewStatus.Open,
        MedicalClaimSource source = MedicalClaimSource.Autopay, string? payerNumber = null, string? clearinghouse = null)
    {
        var recipientId = await RecipientIdAsync(db, recipient);
        var claim = new MedicalClaim
        {
            Source = source,
            Clearinghouse = clearinghouse,
            ProcessingMonth = processingMonth,
            ServiceMonth = serviceMonth,
            ProviderCode = Provider,
            PrefectureCode = "29",
            ProviderName = "奈良診療所",
            Schedule = MedicalClaimSchedule.Medical,
            InsurerShareRate = 70,
            Points = share * 10 / 3 / 10,
            PatientShare = share,
            HighCostRefund = 0,
            ExtraBenefit = 0,
            OtherPublicAmount = 0,
            PayerNumber = payerNumber,
            RecipientNumber = recipient,
            InsurerNumber = "133066",
            RecipientId = recipientId,
            MatchStatus = MedicalClaimMatchStatus.Matched,
            ImportedAt = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero),
        };
        db.MedicalClaims.Add(claim);
        await db.SaveChangesAsync();
        db.ClaimReviews.Add(new ClaimReview
        {
            MedicalClaimId = claim.Id,
            ProcessingMonth = processingMonth,
            ProviderCode = Provider,
            Outcome = outcome,
            Status = status,
            ReviewedAt = new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero),
            ReviewedBy = "shinsa1",
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return claim.Id;
    }
}
