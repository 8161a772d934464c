using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Review;
using FukushiIryo.App.Security;
using FukushiIryo.App.Settings;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Review;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 支払処理 over HTTP, as the CLI: the 支払 role prepares (a Sunday refused with a message), the run's
/// payees show with their totals; the 支払 role cannot approve; a 決裁 user approves after 再認証; the
/// files download as one ZIP with the 全銀 file in it.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class PaymentPageTests(WebAppFixture app)
{
    private static readonly string Payer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Payer)}";
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";
    internal static readonly string MotherNumber = RecipientNumber.FromSerial(9901).ToString();
    internal const string Month = "2031-03";

    [Fact]
    public async Task The_payer_prepares_an_approver_approves_after_reauthentication_and_the_files_download()
    {
        await SeedAsync(app);
        using (var payer = await StaffSession.LoginAsync(app, Payer))
        {
            Assert.Contains("まだ準備されていません", await payer.Client.GetStringAsync($"/Payments?month={Month}"), StringComparison.Ordinal);
            var form = await payer.Client.GetStringAsync($"/Payments/Prepare?month={Month}");
            var sunday = await payer.PostFormWithTokenFromAsync("/Payments/Prepare", form, new() { ["Month"] = Month, ["PayDate"] = "2031-04-20" });
            Assert.Equal(HttpStatusCode.OK, sunday.StatusCode);
            Assert.Contains("休業日", await sunday.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var prepared = await payer.PostFormWithTokenFromAsync("/Payments/Prepare", form, new() { ["Month"] = Month, ["PayDate"] = "2031-04-18" });
            Assert.Equal($"/Payments?month={Month}", prepared.Headers.Location!.OriginalString);
            var page = await payer.Client.GetStringAsync($"/Payments?month={Month}");
            Assert.Contains("準備済（未承認）", page, StringComparison.Ordinal);
            Assert.Contains($"<td>{MotherNumber}</td>", page, StringComparison.Ordinal);
            Assert.Contains("2,500 円", page, StringComparison.Ordinal);
            Assert.Contains("新規", page, StringComparison.Ordinal);

            var denied = await payer.Client.GetAsync($"/Payments/Approve?month={Month}");
            Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using (var approver = await StaffSession.LoginAsync(app, Approver))
        {
            var first = await approver.Client.GetAsync($"/Payments/Approve?month={Month}");
            Assert.StartsWith("/Account/Reauthenticate", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var passed = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, Approver), ["ReturnUrl"] = $"/Payments/Approve?month={Month}" });
            Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
            var form = await approver.Client.GetStringAsync($"/Payments/Approve?month={Month}");
            Assert.Contains("この内容で承認する", form, StringComparison.Ordinal);
            var version = VersionPattern().Match(form).Groups[1].Value;
            var approved = await approver.PostFormWithTokenFromAsync("/Payments/Approve", form, new() { ["Month"] = Month, ["Version"] = version });
            Assert.Equal($"/Payments?month={Month}", approved.Headers.Location!.OriginalString);
        }

        await using (var db = app.OpenDb())
        {
            var run = await db.PaymentRuns.SingleAsync(r => r.ProcessingMonth == 203103);
            Assert.Equal((PaymentRunStatus.Approved, Approver, 2_500L), (run.Status, run.ApprovedBy, run.TotalAmount));
            Assert.Equal(1, await db.PaidClaims.CountAsync(p => p.PaymentRunId == run.Id));
        }

        using (var payer = await StaffSession.LoginAsync(app, Payer))
        {
            var form = await payer.Client.GetStringAsync($"/Payments/Export?month={Month}");
            var download = await payer.PostFormWithTokenFromAsync("/Payments/Export", form, new() { ["Month"] = Month });
            Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
            using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
            Assert.Equal(
                new[] { "accounting-203103.csv", "detail-203103.csv", "heldout-203103.csv", "manifest.json", "notices-203103.pdf", "zengin-203103.txt" },
                zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            Assert.Equal(4 * 122, zip.GetEntry("zengin-203103.txt")!.Length);
            Assert.Contains("出力済", await payer.Client.GetStringAsync($"/Payments?month={Month}"), StringComparison.Ordinal);
        }
    }

    /// <summary>A mother (account 南都 本店) with one 可 claim of 3,000円 (一部負担金 500円), the 依頼人 settings and the bank master rows.</summary>
    internal static async Task SeedAsync(WebAppFixture app)
    {
        var folder = Directory.CreateTempSubdirectory("fukushi-webpay-").FullName;
        try
        {
            await using var db = app.OpenDb();
            var clock = app.Clock;
            var residents = Path.Combine(folder, "residents.csv");
            File.WriteAllText(residents, string.Join("\n",
                "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
                "990101,9901,支払 花子,シハライ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,") + "\n", new UTF8Encoding(true));
            var recipients = Path.Combine(folder, "recipients.csv");
            File.WriteAllText(recipients, string.Join("\n",
                "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
                $"{MotherNumber},990101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,2031-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,1234567,ｼﾊﾗｲ ﾊﾅｺ,0742-34-1111") + "\n", new UTF8Encoding(true));
            Assert.Equal(ImportStatus.Imported, (await new ResidentsImport(db, clock).RunAsync(new ImportRequest(residents, "admin", new DateOnly(2026, 11, 2), Migration: true))).Status);
            var imported = await new RecipientsImport(db, clock).RunAsync(new ImportRequest(recipients, "admin", new DateOnly(2026, 11, 2)));
            Assert.True(imported.Status == ImportStatus.Imported, string.Join("; ", imported.Errors.Select(e => e.ToString())));
            // The bank master of the app's database (the shipped reference data on SQLite) or rows of our own.
            if (!await db.Banks.AnyAsync(b => b.BankCode == "0162"))
            {
                db.Banks.Add(new Bank { BankCode = "0162", Name = "南都", Kana = "ナント", Edition = "t" });
            }

            if (!await db.BankBranches.AnyAsync(b => b.BankCode == "0162" && b.BranchCode == "001"))
            {
                db.BankBranches.Add(new BankBranch { BankCode = "0162", BranchCode = "001", Name = "本店", Kana = "ホンテン", Edition = "t" });
            }

            await db.SaveChangesAsync();

            var settings = new SystemSettings(db, clock);
            await settings.SetAsync(SystemSettings.PaymentRequesterCode, "1234567890", "admin");
            await settings.SetAsync(SystemSettings.PaymentBankCode, "0162", "admin");
            await settings.SetAsync(SystemSettings.PaymentBranchCode, "001", "admin");
            await settings.SetAsync(SystemSettings.PaymentAccountNumber, "7654321", "admin");
            var recipientId = await db.Recipients.Where(r => r.RecipientNumber == MotherNumber).Select(r => r.Id).SingleAsync();
            var claim = new MedicalClaim
            {
                Source = MedicalClaimSource.Autopay, ProcessingMonth = 203103, ServiceMonth = 203102, ProviderCode = "0100102", PrefectureCode = "29",
                ProviderName = "奈良診療所", Schedule = MedicalClaimSchedule.Medical, InsurerShareRate = 70, Points = 1000, PatientShare = 3000,
                HighCostRefund = 0, ExtraBenefit = 0, OtherPublicAmount = 0, RecipientNumber = MotherNumber, InsurerNumber = "133066",
                RecipientId = recipientId, MatchStatus = MedicalClaimMatchStatus.Matched, ImportedAt = new DateTimeOffset(2031, 4, 2, 1, 0, 0, TimeSpan.Zero),
            };
            db.MedicalClaims.Add(claim);
            await db.SaveChangesAsync();
            db.ClaimReviews.Add(new ClaimReview
            {
                MedicalClaimId = claim.Id, ProcessingMonth = 203103, ProviderCode = "0100102", Outcome = ReviewOutcome.Accepted,
                Status = ClaimReviewStatus.Open, ReviewedAt = new DateTimeOffset(2031, 4, 2, 2, 0, 0, TimeSpan.Zero), ReviewedBy = "shinsa1",
            });
            await db.SaveChangesAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
