using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Eligibility;

/// <summary><c>import recipients</c> (interfaces.md §4): the migration of the previous 受給者台帳, on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RecipientsImportTests(PostgresFixture fixture) : IDisposable
{
    private const string Header =
        "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号";

    private static readonly DateOnly Day = new(2026, 11, 2);
    private static readonly string Mother = RecipientNumber.FromSerial(1).ToString();
    private static readonly string Son = RecipientNumber.FromSerial(2).ToString();
    private static readonly string Daughter = RecipientNumber.FromSerial(3).ToString();
    private static readonly string Orphan = RecipientNumber.FromSerial(4).ToString();
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-recipients-").FullName;

    private static string[] Ledger(string motherValidTo = "2027-07-31") =>
    [
        // The children stand before their mother: the link is resolved after all rows are in.
        $"{Son},000102,児童,{Mother},新規,2024-04-01,2024-04-01,2024-08-01,2025-07-31,有効,,,,,,0,0,,現物給付,90290016,県,国保,00133066,奈良,1234,01,家族,,,,,,",
        $"{Daughter},000103,児童,{Mother},新規,2024-04-01,2024-04-01,2024-08-01,2025-07-31,有効,,,,,,1,0,,現物給付,90290016,県,国保,133066,奈良,1234,02,家族,,,,,,",
        $"{Mother},000101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,{motherValidTo},有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,123456,ﾅﾗ ﾊﾅｺ,0742-34-1111",
        // An orphan whose carer is not a recipient: the row carries the carer's account.
        $"{Orphan},000301,父母のいない児童,,新規,2023-04-01,2023-04-01,2023-08-01,2024-07-31,喪失,2024-03-31,年齢到達,,,,0,0,,自動償還,88134457,市,社保,01130012,12,345,,家族,9900,238,1,1234567,ｴﾝﾎﾟｳ ﾊﾙｺ,",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ledger_is_migrated_with_children_linked_insurance_accounts_and_unknown_payers_marked(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedPersonsAsync(database);
        var result = await ImportAsync(database, Write("recipients.csv", Ledger()));

        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal(4, result.Inserted);
        await using var db = database.Open();
        var recipients = await db.Recipients.ToDictionaryAsync(r => r.RecipientNumber);
        var mother = recipients[Mother];
        Assert.Equal(RecipientKind.Parent, mother.Kind);
        Assert.Equal(mother.Id, recipients[Son].ParentRecipientId);
        Assert.Equal(mother.Id, recipients[Daughter].ParentRecipientId);
        Assert.Equal(mother.HouseholdId, recipients[Son].HouseholdId);
        Assert.NotNull(mother.HouseholdId);
        Assert.Null(recipients[Orphan].ParentRecipientId);
        Assert.Equal(3, await db.HouseholdMembers.CountAsync(m => m.HouseholdId == mother.HouseholdId));

        var daughter = await db.EligibilityRecords.Where(e => e.RecipientId == recipients[Daughter].Id).AsOf(Day).SingleAsync();
        Assert.True(daughter.RemoteArea);
        Assert.Equal((BenefitMethod.InKind, "90290016", FundingShare.Prefecture), (daughter.BenefitMethod!.Value, daughter.PayerNumber, daughter.FundingShare!.Value));
        var orphan = await db.EligibilityRecords.SingleAsync(e => e.RecipientId == recipients[Orphan].Id);
        Assert.Equal((EligibilityStatus.Lost, LossReason.AgeLimit, new DateOnly(2024, 3, 31)), (orphan.Status, orphan.LossReason!.Value, orphan.LostOn!.Value));

        // 国保 given with the leading 00 is stored as 6 digits.
        var sonInsurance = await db.Insurances.SingleAsync(i => i.PersonId == recipients[Son].PersonId);
        Assert.Equal("133066", sonInsurance.InsurerNumber);
        var account = await db.BankAccounts.SingleAsync(a => a.PersonId == mother.PersonId);
        Assert.Equal(("0162", "001", AccountType.Ordinary, "0123456", "ナラ　ハナコ"), (account.BankCode, account.BranchCode, account.AccountType, account.AccountNumber, account.AccountHolderKana));
        Assert.False(await db.BankAccounts.AnyAsync(a => a.PersonId == recipients[Son].PersonId), "a child paid through its parent has no account of its own");
        Assert.Equal("0742-34-1111", (await db.Contacts.SingleAsync(c => c.PersonId == mother.PersonId)).PhoneNumber);

        // Payer numbers the master did not hold were added, marked 移行.
        var migrated = await db.PublicPayers.Where(p => p.IsMigrated).Select(p => p.PayerNumber).OrderBy(n => n).ToListAsync();
        Assert.Equal(["88134457", "90290016", "90290024"], migrated);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_numbers_unknown_persons_and_dangling_parents_write_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedPersonsAsync(database);
        var wrongCheckDigit = Mother[..6] + (char)('0' + ((Mother[6] - '0' + 1) % 10));
        var rows = Ledger();
        rows[0] = rows[0].Replace($",{Mother},新規", ",1234566,新規", StringComparison.Ordinal); // parent number not in file or 台帳 (valid check digit)
        rows[1] = rows[1].Replace("000103", "999999", StringComparison.Ordinal);                  // unknown 宛名番号
        rows[2] = rows[2].Replace(Mother, wrongCheckDigit, StringComparison.Ordinal)              // bad check digit
            .Replace(",国保,133066,", ",国保,01130012,", StringComparison.Ordinal);               // 国保 with an 8-digit number
        var result = await ImportAsync(database, Write("bad.csv", rows));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        var problems = result.Errors.Select(e => (e.Line, e.Column)).ToHashSet();
        Assert.Contains((4L, "受給者番号"), problems);
        Assert.Contains((4L, "保険者番号"), problems);
        Assert.Contains((3L, "宛名番号"), problems);
        Assert.Contains(result.Errors, e => e.Column == "親受給者番号" && e.Value == "1234566");
        await using var db = database.Open();
        Assert.Equal(0, await db.Recipients.CountAsync());
        Assert.Equal(0, await db.PublicPayers.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_migration_file_corrects_what_was_recorded_and_keeps_the_old_rows(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedPersonsAsync(database);
        await ImportAsync(database, Write("recipients-1.csv", Ledger()));
        long versionBefore;
        await using (var before = database.Open())
        {
            versionBefore = (await before.Recipients.SingleAsync(r => r.RecipientNumber == Mother)).Version;
        }

        var again = await ImportAsync(database, Write("recipients-2.csv", Ledger(motherValidTo: "2026-07-31")));

        Assert.Equal(ImportStatus.Imported, again.Status);
        Assert.Equal((0, 4), (again.Inserted, again.Updated));
        await using var db = database.Open();
        var mother = await db.Recipients.SingleAsync(r => r.RecipientNumber == Mother);
        var rows = await db.EligibilityRecords.Where(e => e.RecipientId == mother.Id).ToListAsync();
        Assert.Equal(new DateOnly(2026, 7, 31), rows.Single(r => r.SupersededAt is null).CertificateValidTo);
        Assert.Equal(new DateOnly(2027, 7, 31), rows.Single(r => r.SupersededAt is not null).CertificateValidTo);
        Assert.Equal(RecordKind.Correction, rows.Single(r => r.SupersededAt is null).Kind);
        Assert.Equal(versionBefore + 1, mother.Version);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task SeedPersonsAsync(TestDatabase database)
    {
        var path = Path.Combine(folder, "residents.csv");
        File.WriteAllText(path, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000103,0001,奈良 桜,ナラ サクラ,2021-01-15,2,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000301,,遠方 陽菜,エンポウ ヒナ,2005-08-20,2,,1000001,東京都千代田区千代田1番,2,,,") + "\n", new UTF8Encoding(true));
        await using var db = database.Open();
        var result = await new ResidentsImport(db, new SettableClock(DateTimeOffset.UnixEpoch.AddYears(56)))
            .RunAsync(new ImportRequest(path, "admin", Day, Migration: true));
        Assert.Equal(ImportStatus.Imported, result.Status);
    }

    private string Write(string name, IEnumerable<string> rows)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(true));
        return path;
    }

    private static async Task<ImportResult> ImportAsync(TestDatabase database, string path)
    {
        await using var db = database.Open();
        return await new RecipientsImport(db, new SettableClock(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero)))
            .RunAsync(new ImportRequest(path, "admin", Day));
    }
}
