using System.Globalization;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Formats.Uke;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.MedicalClaims;

/// <summary><c>import claims</c> (UKE, autopay) and <c>import paid-receipts</c> (interfaces.md §0, §5), on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class MedicalClaimsImportTests(PostgresFixture fixture) : IDisposable
{
    private const string AutopayHeader = "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期";
    private const string OurPayer = "90290024";
    private const string TokyoPayer = "81292013";
    private const string Provider = "0100102";
    private static readonly DateOnly Day = new(2026, 11, 2);
    private static readonly YearMonth October = new(2026, 10);
    private static readonly string Mother = RecipientNumber.FromSerial(1).ToString();
    private static readonly string Son = RecipientNumber.FromSerial(2).ToString();
    private static readonly string Orphan = RecipientNumber.FromSerial(4).ToString();
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-receipts-").FullName;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_UKE_file_is_imported_and_matched_and_the_unknown_kept_as_unmatched(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var path = WriteUke("202610.UKE", Uke());

        var result = await ImportAsync(database, path, MedicalClaimFileFormat.Uke);

        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal((4, 4), (result.RowsRead, result.Inserted));
        await using var db = database.Open();
        var ids = await db.Recipients.ToDictionaryAsync(r => r.RecipientNumber, r => r.Id);
        var receipts = await db.MedicalClaims.OrderBy(r => r.SourceLine).ToListAsync();
        Assert.Equal(
            [(MedicalClaimMatchStatus.Matched, ids[Mother], (long?)null), (MedicalClaimMatchStatus.Matched, ids[Son], null), (MedicalClaimMatchStatus.Unmatched, null, null), (MedicalClaimMatchStatus.NeedsReview, null, ids[RecipientNumber.FromSerial(3).ToString()])],
            receipts.Select(r => (r.MatchStatus, r.RecipientId, r.SuggestedRecipientId)).ToList());
        var first = receipts[0];
        Assert.Equal((MedicalClaimSource.Uke, 202610, 202609, Provider, MedicalClaimSchedule.Medical, false), (first.Source, first.ProcessingMonth, first.ServiceMonth, first.ProviderCode, first.Schedule, first.Inpatient));
        Assert.Equal((1000L, (long?)3000, OurPayer, Mother, "133066"), (first.Points!.Value, first.PatientShare, first.PayerNumber, first.RecipientNumber, first.InsurerNumber));
        Assert.Equal("kokuhoren", first.Clearinghouse);
        Assert.StartsWith("RE,1,1112,202609,", first.RawRecords, StringComparison.Ordinal);
        Assert.Contains("\nKO," + OurPayer + "," + Mother, first.RawRecords, StringComparison.Ordinal);
        // The Tokyo patient's KO is someone else's 公費: kept as 他公費, its number is not taken as ours.
        Assert.Equal((TokyoPayer, (string?)null), (receipts[2].OtherPayerNumbers, receipts[2].RecipientNumber));
        var file = await db.ImportedFiles.SingleAsync(f => f.Kind == MedicalClaimsImport.UkeKind);
        Assert.Equal((MedicalClaimsImport.UkeKind, 4, 4), (file.Kind, file.RowsRead, file.RowsImported));
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.EventType == AuditEventType.MedicalClaimsImported));
        Assert.Contains("照合済 2 件 / 要確認 1 件 / 照合不能 1 件", result.Notes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_UKE_file_with_a_file_error_imports_nothing_and_the_same_file_is_refused_twice(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var broken = Uke(goPoints: 3999);
        var rejected = await ImportAsync(database, WriteUke("broken.UKE", broken), MedicalClaimFileFormat.Uke);
        Assert.Equal(ImportStatus.Rejected, rejected.Status);
        Assert.Contains(rejected.Errors, e => e.Line == broken.Count);
        await using (var db = database.Open())
        {
            Assert.Equal(0, await db.MedicalClaims.CountAsync());
            Assert.Equal(0, await db.ImportedFiles.CountAsync(f => f.Kind == MedicalClaimsImport.UkeKind));
        }

        var good = WriteUke("good.UKE", Uke());
        Assert.Equal(ImportStatus.Imported, (await ImportAsync(database, good, MedicalClaimFileFormat.Uke)).Status);
        Assert.Equal(ImportStatus.AlreadyImported, (await ImportAsync(database, good, MedicalClaimFileFormat.Uke)).Status);
        await using var check = database.Open();
        Assert.Equal(4, await check.MedicalClaims.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_autopay_file_is_imported_matched_and_all_or_nothing(string provider)
    {
        await using var database = await LedgerAsync(provider);
        string[] rows =
        [
            $"{OurPayer},{Mother},133066,ﾅﾗ ﾊﾅｺ,1988-05-12,2026-09,{Provider},奈良テスト医院,医科,外来,70,2,1000,,3000,0,,0,0",
            // The number agrees, the birth date and kana do not: 要確認.
            $"{OurPayer},{Mother},133066,ヤマダ タロウ,1990-01-01,2026-09,{Provider},奈良テスト医院,医科,入院,70,5,8000,,24000,1380,12000,0,0",
            // A recipient whose eligibility was lost in 2024: still linked (資格期間外 is a check rule).
            $"{OurPayer},{Orphan},01130012,エンポウ ヒナ,2005-08-20,2026-09,{Provider},奈良テスト医院,医科,外来,70,1,500,,1500,0,0,0,0",
            $"{OurPayer},0000126,133066,トウキョウ タロウ,1970-01-01,2026-09,{Provider},奈良テスト医院,医科,外来,70,1,500,,1500,0,0,0,0",
        ];
        var broken = WriteCsv("broken.csv", AutopayHeader, [.. rows, $"{OurPayer},{Mother},133066,ﾅﾗ ﾊﾅｺ,1988-05-12,2026-09,{Provider},奈良テスト医院,医科,外来,70,2,千,,3000,0,,0,0"]);
        var rejected = await ImportAsync(database, broken, MedicalClaimFileFormat.Autopay);
        Assert.Equal(ImportStatus.Rejected, rejected.Status);
        Assert.Contains(rejected.Errors, e => e.Line == 6 && e.Column == "点数");

        var result = await ImportAsync(database, WriteCsv("autopay.csv", AutopayHeader, rows), MedicalClaimFileFormat.Autopay);

        Assert.Equal(ImportStatus.Imported, result.Status);
        await using var db = database.Open();
        var ids = await db.Recipients.ToDictionaryAsync(r => r.RecipientNumber, r => r.Id);
        var receipts = await db.MedicalClaims.OrderBy(r => r.SourceLine).ToListAsync();
        Assert.Equal(
            [(MedicalClaimMatchStatus.Matched, ids[Mother]), (MedicalClaimMatchStatus.NeedsReview, null), (MedicalClaimMatchStatus.Matched, ids[Orphan]), (MedicalClaimMatchStatus.Unmatched, (long?)null)],
            receipts.Select(r => (r.MatchStatus, r.RecipientId)).ToList());
        var inpatient = receipts[1];
        Assert.Equal((true, 8000L, 24000L, 1380L, (long?)12000, (long?)0, ids[Mother]), (inpatient.Inpatient, inpatient.Points!.Value, inpatient.PatientShare!.Value, inpatient.MealAmount!.Value, inpatient.HighCostRefund, inpatient.ExtraBenefit, inpatient.SuggestedRecipientId!.Value));
        Assert.Null(receipts[0].HighCostRefund);
        Assert.Equal((MedicalClaimSource.Autopay, "kokuhoren", 202610), (receipts[0].Source, receipts[0].Clearinghouse, receipts[0].ProcessingMonth));
        // 0000126 has a wrong check digit: not a file error, a warning kept on the claim for the check rules.
        Assert.Contains("受給者番号", receipts[3].Warnings ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_large_file_matched_against_the_whole_ledger_links_as_batch_by_batch(string provider)
    {
        // Files of WholeLedgerFrom claims or more load the ledger once (ADR 0025 session 5); the links must not change.
        string[] rows =
        [
            $"{OurPayer},{Mother},133066,ﾅﾗ ﾊﾅｺ,1988-05-12,2026-09,{Provider},奈良テスト医院,医科,外来,70,2,1000,,3000,0,,0,0",
            $"{OurPayer},{Mother},133066,ヤマダ タロウ,1990-01-01,2026-09,{Provider},奈良テスト医院,医科,入院,70,5,8000,,24000,1380,12000,0,0",
            $"{OurPayer},{Son},133066,ナラ イチロウ,2009-04-03,2026-09,{Provider},奈良テスト医院,医科,外来,70,1,500,,1500,0,0,0,0",
            $"{OurPayer},{Orphan},01130012,エンポウ ヒナ,2005-08-20,2026-09,{Provider},奈良テスト医院,医科,外来,70,1,500,,1500,0,0,0,0",
            $"{OurPayer},{RecipientNumber.FromSerial(99)},133066,ナラ サクラ,2021-01-15,2026-09,{Provider},奈良テスト医院,医科,外来,70,1,500,,1500,0,0,0,0",
            $"{OurPayer},0000126,133066,トウキョウ タロウ,1970-01-01,2026-09,{Provider},奈良テスト医院,医科,外来,70,1,500,,1500,0,0,0,0",
        ];
        var csv = WriteCsv("ledger.csv", AutopayHeader, rows);
        var uke = WriteUke("ledger.UKE", Uke());
        var batchByBatch = new List<(MedicalClaimMatchStatus, string?, string?, string)>();
        var wholeLedger = new List<(MedicalClaimMatchStatus, string?, string?, string)>();
        foreach (var (threshold, links) in new[] { (long.MaxValue, batchByBatch), (0L, wholeLedger) })
        {
            await using var database = await LedgerAsync(provider);
            await using (var db = database.Open())
            {
                var import = new MedicalClaimsImport(db, Clock()) { WholeLedgerFrom = threshold };
                Assert.Equal(ImportStatus.Imported, (await import.RunAsync(new ImportRequest(csv, "reviewer", Day), October, MedicalClaimFileFormat.Autopay)).Status);
                Assert.Equal(ImportStatus.Imported, (await import.RunAsync(new ImportRequest(uke, "reviewer", Day), October, MedicalClaimFileFormat.Uke)).Status);
            }

            await using var check = database.Open();
            var numbers = await check.Recipients.ToDictionaryAsync(r => r.Id, r => r.RecipientNumber);
            links.AddRange((await check.MedicalClaims.ToListAsync()).OrderBy(r => r.Source).ThenBy(r => r.SourceLine)
                .Select(r => (r.MatchStatus, r.RecipientId is { } id ? numbers[id] : null, r.SuggestedRecipientId is { } s ? numbers[s] : null, r.MatchReason)));
        }

        string daughter = RecipientNumber.FromSerial(3).ToString();
        Assert.Equal(
            [
                (MedicalClaimMatchStatus.Matched, Mother, null, "受給者番号と生年月日が一致"),
                (MedicalClaimMatchStatus.Matched, Son, null, "保険者番号・記号番号・生年月日が一致"),
                (MedicalClaimMatchStatus.Unmatched, null, null, "一致する受給者がいない"),
                (MedicalClaimMatchStatus.NeedsReview, null, daughter, "氏名カナと生年月日だけが一致（弱い一致）"),
                (MedicalClaimMatchStatus.Matched, Mother, null, "受給者番号と生年月日が一致"),
                (MedicalClaimMatchStatus.NeedsReview, null, Mother, "受給者番号は一致するが生年月日・氏名カナが一致しない"),
                (MedicalClaimMatchStatus.Matched, Son, null, "受給者番号と氏名カナが一致"),
                (MedicalClaimMatchStatus.Matched, Orphan, null, "受給者番号と生年月日が一致"),
                (MedicalClaimMatchStatus.NeedsReview, null, daughter, "氏名カナと生年月日だけが一致（弱い一致）"),
                (MedicalClaimMatchStatus.Unmatched, null, null, "受給者番号が台帳にない"),
            ],
            batchByBatch);
        Assert.Equal(batchByBatch, wholeLedger);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Paid_receipts_are_migrated_with_their_payment_date_and_amount(string provider)
    {
        await using var database = await LedgerAsync(provider);
        var path = WriteCsv("paid.csv", AutopayHeader + ",支払日,助成額",
        [
            $"{OurPayer},{Mother},133066,ナラ ハナコ,1988-05-12,2025-06,{Provider},奈良テスト医院,医科,外来,70,2,1000,,3000,0,0,0,0,2025-08-20,2500",
        ]);
        await using (var db = database.Open())
        {
            var result = await new MedicalClaimsImport(db, Clock()).RunPaidAsync(new ImportRequest(path, "admin", Day, Migration: true));
            Assert.Equal(ImportStatus.Imported, result.Status);
        }

        await using var check = database.Open();
        var receipt = await check.MedicalClaims.SingleAsync();
        Assert.Equal((MedicalClaimSource.PaidMigrated, new DateOnly(2025, 8, 20), 2500L, 202508, 202506, MedicalClaimMatchStatus.Matched),
            (receipt.Source, receipt.PaidOn!.Value, receipt.SubsidyAmount!.Value, receipt.ProcessingMonth, receipt.ServiceMonth, receipt.MatchStatus));
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventType == AuditEventType.PaidClaimsImported));
        Assert.Equal(MedicalClaimsImport.PaidKind, (await check.ImportedFiles.OrderBy(f => f.Id).LastAsync()).Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_generated_file_of_10000_receipts_imports(string provider)
    {
        await using var database = await LedgerAsync(provider);
        const int count = 10_000;
        var file = new List<string[]> { Ir() };
        for (int i = 1; i <= count; i++)
        {
            file.Add(Re(i, "トウキョウタロウ", "19700101"));
            file.Add(Ho("138057", "都", (i % 1000).ToString(CultureInfo.InvariantCulture), "100"));
        }

        file.Add(["GO", count.ToString(CultureInfo.InvariantCulture), (100L * count).ToString(CultureInfo.InvariantCulture), "99"]);
        var result = await ImportAsync(database, WriteUke("big.UKE", file), MedicalClaimFileFormat.Uke);

        Assert.Equal((ImportStatus.Imported, count), (result.Status, result.Inserted));
        await using var db = database.Open();
        Assert.Equal(count, await db.MedicalClaims.CountAsync(r => r.MatchStatus == MedicalClaimMatchStatus.Unmatched));
    }

    /// <summary>Opt-in: the real sample files of ../shared/data/uke-samples, when the folder exists (never copied).</summary>
    [Fact]
    public async Task The_real_UKE_samples_import_with_their_Tokyo_patients_unmatched()
    {
        var samples = FindSamples();
        if (samples is null)
        {
            return;
        }

        await using var database = await LedgerAsync("sqlite");
        foreach (var path in Directory.GetFiles(samples, "*.UKE").Order(StringComparer.Ordinal))
        {
            var result = await ImportAsync(database, path, MedicalClaimsImport.Detect(path, null));
            Assert.True(result.Status == ImportStatus.Imported, $"{Path.GetFileName(path)}: {string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Line} {e.Column} {e.Reason}"))}");
        }

        await using var db = database.Open();
        Assert.True(await db.MedicalClaims.AnyAsync());
        Assert.Equal(0, await db.MedicalClaims.CountAsync(r => r.MatchStatus != MedicalClaimMatchStatus.Unmatched));
    }

    [Fact]
    public void The_format_is_taken_from_the_layout_the_extension_or_the_content()
    {
        var uke = WriteUke("noext", Uke());
        var csv = WriteCsv("noext2", AutopayHeader, []);
        Assert.Equal(MedicalClaimFileFormat.Uke, MedicalClaimsImport.Detect(uke, null));
        Assert.Equal(MedicalClaimFileFormat.Autopay, MedicalClaimsImport.Detect(csv, null));
        Assert.Equal(MedicalClaimFileFormat.Autopay, MedicalClaimsImport.Detect(uke, "autopay"));
        Assert.Equal(MedicalClaimFileFormat.Uke, MedicalClaimsImport.Detect(Path.Combine(folder, "x.uke"), null));
        Assert.Equal(MedicalClaimFileFormat.Autopay, MedicalClaimsImport.Detect(Path.Combine(folder, "x.CSV"), null));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string? FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "uke-samples", "cp932");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static SettableClock Clock() => new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    private static string[] Ir() => ["IR", "2", "29", "1", Provider, "", "奈良テスト医院", "202610", "00", "0742-00-0000"];

    private static string[] Re(int number, string kana, string birth)
    {
        var fields = new string[38];
        Array.Fill(fields, string.Empty);
        (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[36]) =
            ("RE", number.ToString(CultureInfo.InvariantCulture), "1112", "202609", "奈良　花子", "2", birth, "70", kana);
        return fields;
    }

    private static string[] Ho(string insurer, string symbol, string number, string points, string copay = "") =>
        ["HO", insurer.Length == 6 ? "  " + insurer : insurer, symbol, number, "2", points, "", "", "", "", "", copay, "", "", ""];

    private static string[] Ko(string payer, string recipient) => ["KO", payer, recipient, "", "2", "1000", "500", "", "", "", "", ""];

    /// <summary>
    /// Four claims: 花子 by 受給者番号 (our KO), 一郎 by insurance keys, a Tokyo patient (another 公費), 桜 by kana
    /// and birth only (another insurer): GO counts HO and KO records (6) and sums the points.
    /// </summary>
    private static List<string[]> Uke(long goPoints = 4000) =>
    [
        Ir(),
        Re(1, "ナラハナコ", "19880512"), Ho("133066", "奈良", "1234", "1000", "3000"), Ko(OurPayer, Mother),
        Re(2, "ナライチロウ", "20090402"), Ho("133066", "奈良", "１２３４", "1000"),
        Re(3, "トウキョウタロウ", "19700101"), Ho("138057", "都", "99", "1000"), Ko(TokyoPayer, "0000125"),
        Re(4, "ナラサクラ", "20210115"), Ho("01292010", "１", "２", "1000"),
        ["GO", "6", goPoints.ToString(CultureInfo.InvariantCulture), "99"],
    ];

    private string WriteUke(string name, IEnumerable<string[]> records)
    {
        var path = Path.Combine(folder, name);
        using var stream = File.Create(path);
        using var writer = new UkeWriter(stream);
        foreach (var record in records)
        {
            writer.Write(record);
        }

        return path;
    }

    private string WriteCsv(string name, string header, IEnumerable<string> rows)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(true));
        return path;
    }

    private static async Task<ImportResult> ImportAsync(TestDatabase database, string path, MedicalClaimFileFormat format)
    {
        await using var db = database.Open();
        return await new MedicalClaimsImport(db, Clock()).RunAsync(new ImportRequest(path, "reviewer", Day), October, format);
    }

    /// <summary>The 台帳 of RecipientsImportTests: 花子 (1), 一郎 (2), 桜 (3) with 国保 133066 奈良-1234, and an orphan (4) lost in 2024.</summary>
    private async Task<TestDatabase> LedgerAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        var residents = Path.Combine(folder, $"residents-{Guid.NewGuid():N}.csv");
        File.WriteAllText(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000103,0001,奈良 桜,ナラ サクラ,2021-01-15,2,子,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000301,,遠方 陽菜,エンポウ ヒナ,2005-08-20,2,,1000001,東京都千代田区千代田1番,2,,,") + "\n", new UTF8Encoding(true));
        var daughter = RecipientNumber.FromSerial(3).ToString();
        var recipients = Path.Combine(folder, $"recipients-{Guid.NewGuid():N}.csv");
        File.WriteAllText(recipients, string.Join("\n",
            "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
            $"{Son},000102,児童,{Mother},新規,2024-04-01,2024-04-01,2024-08-01,2025-07-31,有効,,,,,,0,0,,現物給付,90290016,県,国保,00133066,奈良,1234,01,家族,,,,,,",
            $"{daughter},000103,児童,{Mother},新規,2024-04-01,2024-04-01,2024-08-01,2025-07-31,有効,,,,,,1,0,,現物給付,90290016,県,国保,133066,奈良,1234,02,家族,,,,,,",
            $"{Mother},000101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,{OurPayer},県,国保,133066,奈良,1234,00,本人,0162,001,1,123456,ﾅﾗ ﾊﾅｺ,0742-34-1111",
            $"{Orphan},000301,父母のいない児童,,新規,2023-04-01,2023-04-01,2023-08-01,2024-07-31,喪失,2024-03-31,年齢到達,,,,0,0,,自動償還,88134457,市,社保,01130012,12,345,,家族,9900,238,1,1234567,ｴﾝﾎﾟｳ ﾊﾙｺ,") + "\n", new UTF8Encoding(true));
        await using var db = database.Open();
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(ImportStatus.Imported, (await new ResidentsImport(db, clock).RunAsync(new ImportRequest(residents, "admin", Day, Migration: true))).Status);
        Assert.Equal(ImportStatus.Imported, (await new RecipientsImport(db, clock).RunAsync(new ImportRequest(recipients, "admin", Day))).Status);
        return database;
    }
}
