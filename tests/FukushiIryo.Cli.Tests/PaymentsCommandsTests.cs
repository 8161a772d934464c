using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Review;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Review;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// <c>payments prepare|approve|export</c> (interfaces.md §7): roles, a non-business pay date, self-approval,
/// the 決裁 with password and TOTP, the closed month, exporting twice byte-identical and a differing
/// existing file refused, with the exit codes of the contract.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PaymentsCommandsTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";
    internal const string ApproverPassword = "seven lanterns over the river";
    internal const string BothPassword = "eleven paper cranes at dawn";
    private static readonly string Mother = RecipientNumber.FromSerial(1).ToString();
    private static readonly string Son = RecipientNumber.FromSerial(2).ToString();

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_month_is_prepared_approved_by_another_user_and_exported_identically_twice(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        var (approverSecret, bothSecret) = await SetUpAsync(cli);
        var output = Path.Combine(Path.GetTempPath(), "fukushi-payout-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Assert.Equal(2, (await cli.RunAsync("payments", "prepare", "--month", "2026-10", "--pay-date", "2026-11-20", "--bogus", "--user", "shiharai1")).ExitCode);
            Assert.Equal(2, (await cli.RunAsync("payments", "prepare", "--month", "2026-10", "--pay-date", "20261120", "--user", "shiharai1")).ExitCode);
            var sunday = await cli.RunAsync("payments", "prepare", "--month", "2026-10", "--pay-date", "2026-11-22", "--user", "shiharai1");
            Assert.Equal(1, sunday.ExitCode);
            Assert.Contains("休業日", sunday.Error, StringComparison.Ordinal);
            Assert.Equal(3, (await cli.RunAsync("payments", "prepare", "--month", "2026-10", "--pay-date", "2026-11-20", "--user", "kessai1")).ExitCode);
            Assert.Equal(1, (await cli.RunAsync("payments", "export", "--month", "2026-10", "--out", output, "--user", "shiharai1")).ExitCode); // nothing prepared

            // A user holding both roles prepares: the same user cannot approve (exit 3, before any password is read).
            var byBoth = await cli.RunAsync("payments", "prepare", "--month", "2026-10", "--pay-date", "2026-11-20", "--user", "both1");
            Assert.True(byBoth.ExitCode == 0, byBoth.Error);
            var self = await cli.RunWithInputAsync(BothPassword + "\n", "payments", "approve", "--month", "2026-10", "--password-stdin", "--totp", Code(bothSecret), "--user", "both1");
            Assert.Equal(3, self.ExitCode);
            Assert.Contains("自己承認", self.Error, StringComparison.Ordinal);

            var prepared = await cli.RunAsync("payments", "prepare", "--month", "2026-10", "--pay-date", "2026-11-20", "--user", "shiharai1");
            Assert.True(prepared.ExitCode == 0, prepared.Error);
            Assert.Contains("2 回目", prepared.Output, StringComparison.Ordinal);
            Assert.Contains("支払先 1 人 / レセプト 2 件 / 合計 3,500 円", prepared.Output, StringComparison.Ordinal);

            Assert.Equal(3, (await cli.RunWithInputAsync(AdminPassword + "\n", "payments", "approve", "--month", "2026-10", "--password-stdin", "--totp", "123456", "--user", "shiharai1")).ExitCode);
            Assert.Equal(3, (await cli.RunWithInputAsync("wrong\n", "payments", "approve", "--month", "2026-10", "--password-stdin", "--totp", Code(approverSecret), "--user", "kessai1")).ExitCode);
            Assert.Equal(1, (await cli.RunAsync("payments", "export", "--month", "2026-10", "--out", output, "--user", "shiharai1")).ExitCode); // not approved
            var approved = await cli.RunWithInputAsync(ApproverPassword + "\n", "payments", "approve", "--month", "2026-10", "--password-stdin", "--totp", Code(approverSecret), "--user", "kessai1"); // the refused password never spent the code
            Assert.True(approved.ExitCode == 0, approved.Error);
            Assert.Contains("承認しました", approved.Output, StringComparison.Ordinal);
            Assert.Equal(1, (await cli.RunAsync("payments", "prepare", "--month", "2026-10", "--pay-date", "2026-11-20", "--user", "shiharai1")).ExitCode);

            var first = await cli.RunAsync("payments", "export", "--month", "2026-10", "--out", output, "--user", "shiharai1");
            Assert.True(first.ExitCode == 0, first.Error);
            string[] stable = ["zengin-202610.txt", "accounting-202610.csv", "detail-202610.csv"];
            var bytes = stable.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(output, name)));
            Assert.Equal(4 * 122, bytes["zengin-202610.txt"].Length); // header, one payee, trailer, end
            Assert.Equal("8000001000000003500", Encoding.ASCII.GetString(bytes["zengin-202610.txt"], 244, 19));
            Assert.True(File.Exists(Path.Combine(output, "notices-202610.pdf")));
            Assert.True(File.Exists(Path.Combine(output, "manifest.json")));

            var second = await cli.RunAsync("payments", "export", "--month", "2026-10", "--out", output, "--user", "shiharai1");
            Assert.True(second.ExitCode == 0, second.Error);
            Assert.All(stable, name => Assert.Equal(bytes[name], File.ReadAllBytes(Path.Combine(output, name))));

            var noNewlines = Path.Combine(output, "flat");
            Assert.Equal(0, (await cli.RunAsync("payments", "export", "--month", "2026-10", "--out", noNewlines, "--no-newlines", "--encoding", "cp932", "--user", "shiharai1")).ExitCode);
            Assert.Equal(4 * 120, new FileInfo(Path.Combine(noNewlines, "zengin-202610.txt")).Length);

            // CP932 cannot hold 𠮷 (U+20BB7): the one rule writes 吉 and the replacement is reported on stderr,
            // in the manifest and in the audit (ADR 0038); nothing was replaced above.
            Assert.DoesNotContain("cp932Replacements", File.ReadAllText(Path.Combine(noNewlines, "manifest.json")), StringComparison.Ordinal);
            Assert.Equal(0, (await cli.RunAsync("settings", "set", "payment.account-title", "扶助費𠮷", "--user", "admin")).ExitCode);
            var replacedOut = Path.Combine(output, "cp932");
            var replaced = await cli.RunAsync("payments", "export", "--month", "2026-10", "--out", replacedOut, "--encoding", "cp932", "--user", "shiharai1");
            Assert.True(replaced.ExitCode == 0, replaced.Error);
            Assert.Contains("CP932 で書けない文字を置き換えました: accounting-202610.csv 2行目: 𠮷（U+20BB7）→ 吉", replaced.Error, StringComparison.Ordinal);
            var cp932 = FukushiIryo.Domain.Text.Cp932Text.Strict;
            Assert.Contains(",扶助費吉,", cp932.GetString(File.ReadAllBytes(Path.Combine(replacedOut, "accounting-202610.csv"))), StringComparison.Ordinal);
            Assert.Contains("accounting-202610.csv 2行目: 𠮷（U+20BB7）→ 吉", System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(replacedOut, "manifest.json"))).RootElement.GetProperty("cp932Replacements")[0].GetString(), StringComparison.Ordinal);
            await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
            {
                var exported = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == FukushiIryo.App.Audit.AuditEventType.PaymentRunExported).OrderByDescending(e => e.Sequence).FirstAsync();
                Assert.Contains("accounting-202610.csv:2:U+20BB7", exported.Details, StringComparison.Ordinal);
                Assert.DoesNotContain("𠮷", exported.Details, StringComparison.Ordinal);
            }

            File.WriteAllText(Path.Combine(output, "accounting-202610.csv"), "changed by hand");
            var refused = await cli.RunAsync("payments", "export", "--month", "2026-10", "--out", output, "--user", "shiharai1");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("accounting-202610.csv", refused.Error, StringComparison.Ordinal);
            Assert.Equal(bytes["zengin-202610.txt"], File.ReadAllBytes(Path.Combine(output, "zengin-202610.txt")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    internal static string Code(string secret) =>
        new Totp(Base32Encoding.ToBytes(secret), 30, OtpHashMode.Sha1, 6).ComputeTotp(DateTime.UtcNow);

    /// <summary>Users (admin, shiharai1 支払, kessai1 決裁, both1 支払+決裁), the 台帳 by the import commands, settings, two 可 claims.</summary>
    internal static async Task<(string Approver, string Both)> SetUpAsync(CliHarness cli)
    {
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shiharai1", "--name", "支払 太郎", "--staff-no", "3001", "--roles", "支払", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(ApproverPassword + "\n", "users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--password-stdin", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(BothPassword + "\n", "users", "add", "--login", "both1", "--name", "兼務 次郎", "--staff-no", "5002", "--roles", "支払,決裁", "--password-stdin", "--user", "admin")).ExitCode);
        string Secret(CliRun enrolled) => new Uri(enrolled.Output.Split('\n')[0].Trim()).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "secret")[1];
        var approver = Secret(await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "admin"));
        var both = Secret(await cli.RunAsync("users", "totp-enroll", "--login", "both1", "--user", "admin"));
        foreach (var (key, value) in new[] { ("payment.requester-code", "1234567890"), ("payment.requester-name", "ナラシ"), ("payment.bank-code", "0162"), ("payment.branch-code", "001"), ("payment.account-number", "7654321") })
        {
            var set = await cli.RunAsync("settings", "set", key, value, "--user", "admin");
            Assert.True(set.ExitCode == 0, set.Error);
        }

        var folder = Directory.CreateTempSubdirectory("fukushi-paycli-").FullName;
        var residents = Path.Combine(folder, "residents.csv");
        File.WriteAllText(residents, string.Join("\n",
            "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
            "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,",
            "000102,0001,奈良 一郎,ナラ イチロウ,2009-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,") + "\n", new UTF8Encoding(true));
        var recipients = Path.Combine(folder, "recipients.csv");
        File.WriteAllText(recipients, string.Join("\n",
            "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
            $"{Son},000102,児童,{Mother},新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,,,,0,0,,現物給付,90290016,県,国保,133066,奈良,1234,01,家族,,,,,,",
            $"{Mother},000101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,2027-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,1234567,ﾅﾗ ﾊﾅｺ,0742-34-1111") + "\n", new UTF8Encoding(true));
        try
        {
            var importedResidents = await cli.RunAsync("import", "residents", residents, "--migration", "--report-dir", folder, "--user", "admin");
            Assert.True(importedResidents.ExitCode == 0, importedResidents.Error);
            var importedRecipients = await cli.RunAsync("import", "recipients", recipients, "--report-dir", folder, "--user", "admin");
            Assert.True(importedRecipients.ExitCode == 0, importedRecipients.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        db.Banks.Add(new Bank { BankCode = "0162", Name = "南都", Kana = "ナント", Edition = "t" });
        db.BankBranches.Add(new BankBranch { BankCode = "0162", BranchCode = "001", Name = "本店", Kana = "ホンテン", Edition = "t" });
        await db.SaveChangesAsync();
        foreach (var (number, share) in new[] { (Mother, 3000L), (Son, 1500L) })
        {
            var recipientId = await db.Recipients.Where(r => r.RecipientNumber == number).Select(r => r.Id).SingleAsync();
            var claim = new MedicalClaim
            {
                Source = MedicalClaimSource.Autopay, ProcessingMonth = 202610, ServiceMonth = 202609, ProviderCode = "0100102", PrefectureCode = "29",
                ProviderName = "奈良診療所", Schedule = MedicalClaimSchedule.Medical, InsurerShareRate = 70, Points = share / 3, PatientShare = share,
                HighCostRefund = 0, ExtraBenefit = 0, OtherPublicAmount = 0, RecipientNumber = number, InsurerNumber = "133066",
                RecipientId = recipientId, MatchStatus = MedicalClaimMatchStatus.Matched, ImportedAt = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero),
            };
            db.MedicalClaims.Add(claim);
            await db.SaveChangesAsync();
            db.ClaimReviews.Add(new ClaimReview
            {
                MedicalClaimId = claim.Id, ProcessingMonth = 202610, ProviderCode = "0100102", Outcome = ReviewOutcome.Accepted,
                Status = ClaimReviewStatus.Open, ReviewedAt = new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero), ReviewedBy = "shinsa1",
            });
            await db.SaveChangesAsync();
        }

        return (approver, both);
    }
}
