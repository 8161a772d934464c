using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Payments;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// 過誤調整 and 返還 over HTTP (ADR 0033): the 支払 role sees a pending decrease, makes it a 返還請求, records
/// a partial 戻入, downloads the 返還請求書 and the 出納 CSV; only a 決裁 user, after 再認証, writes it off;
/// the 再審査 page refuses an unknown receipt with a message.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed partial class RecoveryPageTests(WebAppFixture app)
{
    private static readonly string Payer = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Payer)}";
    private static readonly string Approver = $"role{RoleNames.All.ToList().IndexOf(RoleNames.Approver)}";
    internal static readonly string PayeeNumber = RecipientNumber.FromSerial(9931).ToString();

    [Fact]
    public async Task A_decrease_becomes_a_recovery_partly_repaid_and_written_off_by_an_approver_after_reauthentication()
    {
        await SeedAsync(app);
        string number;
        using (var payer = await StaffSession.LoginAsync(app, Payer))
        {
            var page = await payer.Client.GetStringAsync("/Payments/Recoveries");
            Assert.Contains("−1,200 円", page.Replace("-1,200", "−1,200", StringComparison.Ordinal), StringComparison.Ordinal);
            var created = await payer.PostFormWithTokenFromAsync("/Payments/Recoveries?handler=Create", page, new() { ["Payee"] = PayeeNumber, ["Reason"] = "職員の判断" });
            var createdPage = await created.Content.ReadAsStringAsync();
            var match = NumberPattern().Match(createdPage);
            Assert.True(match.Success, createdPage);
            number = match.Groups[1].Value;
            Assert.Contains("1,200 円", createdPage, StringComparison.Ordinal);

            var repaid = await payer.PostFormWithTokenFromAsync("/Payments/Recoveries?handler=Repay", createdPage, new() { ["Number"] = number, ["ReceivedOn"] = "2031-05-01", ["Amount"] = "200" });
            Assert.Contains("未収額 1,000 円", await repaid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var pdf = await payer.Client.GetAsync($"/Payments/Recoveries?handler=Demand&number={number}");
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
            var csv = await payer.PostFormWithTokenFromAsync("/Payments/Recoveries?handler=Ledger", createdPage, new() { ["AsOf"] = "2031-12-31" });
            Assert.Contains($"{number},{PayeeNumber},返還 花子,", Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

            var corrections = await payer.Client.GetStringAsync("/Payments/Corrections");
            var preview = await payer.PostFormWithTokenFromAsync("/Payments/Corrections?handler=Preview", corrections, new() { ["ClaimId"] = "987654321", ["DecidedOn"] = "2031-05-01", ["PatientShare"] = "100", ["Reason"] = "減点" });
            Assert.Contains("レセプトID 987654321 のレセプトはありません。", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var denied = await payer.Client.GetAsync("/Payments/WriteOff");
            Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using (var approver = await StaffSession.LoginAsync(app, Approver))
        {
            Assert.Contains("/Account/AccessDenied", (await approver.Client.GetAsync("/Payments/Recoveries")).Headers.Location!.OriginalString, StringComparison.Ordinal);
            var first = await approver.Client.GetAsync("/Payments/WriteOff");
            Assert.StartsWith("/Account/Reauthenticate", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var passed = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, Approver), ["ReturnUrl"] = "/Payments/WriteOff" });
            Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
            var form = await approver.Client.GetStringAsync("/Payments/WriteOff");
            Assert.Contains(number, form, StringComparison.Ordinal);
            var written = await approver.PostFormWithTokenFromAsync("/Payments/WriteOff", form, new() { ["Number"] = number, ["Reason"] = "所在不明" });
            Assert.Contains($"返還請求 {number} の未収額 1,000 円 を不納欠損にしました", await written.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var db = app.OpenDb();
        var recovery = await db.Recoveries.SingleAsync(r => r.Number == number);
        Assert.Equal((RecoveryStatus.WrittenOff, 1_000L, Approver), (recovery.Status, recovery.WrittenOffAmount, recovery.WrittenOffBy));
    }

    /// <summary>A payee with a pending 減額 of 1,200円 (a 再審査 result recorded earlier).</summary>
    internal static async Task SeedAsync(WebAppFixture app)
    {
        var folder = Directory.CreateTempSubdirectory("fukushi-webkago-").FullName;
        try
        {
            await using var db = app.OpenDb();
            var residents = Path.Combine(folder, "residents.csv");
            File.WriteAllText(residents, string.Join("\n",
                "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日",
                "993101,9931,返還 花子,ヘンカン ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,") + "\n", new UTF8Encoding(true));
            var recipients = Path.Combine(folder, "recipients.csv");
            File.WriteAllText(recipients, string.Join("\n",
                "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
                $"{PayeeNumber},993101,父母,,新規,2024-04-01,2024-04-01,2024-08-01,2031-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,1234567,ﾍﾝｶﾝ ﾊﾅｺ,0742-34-1111") + "\n", new UTF8Encoding(true));
            Assert.Equal(ImportStatus.Imported, (await new ResidentsImport(db, app.Clock).RunAsync(new ImportRequest(residents, "admin", new DateOnly(2026, 11, 2), Migration: true))).Status);
            var imported = await new RecipientsImport(db, app.Clock).RunAsync(new ImportRequest(recipients, "admin", new DateOnly(2026, 11, 2)));
            Assert.True(imported.Status == ImportStatus.Imported, string.Join("; ", imported.Errors.Select(e => e.ToString())));
            var payee = await db.Recipients.Where(r => r.RecipientNumber == PayeeNumber).Select(r => r.Id).SingleAsync();
            db.PaymentAdjustments.Add(new PaymentAdjustment
            {
                PayeeRecipientId = payee, RecipientId = payee, Kind = PaymentAdjustmentKind.CorrectionDecrease, Amount = -1_200,
                Status = PaymentAdjustmentStatus.Pending, Reason = "再審査による減額", SourceType = ClaimCorrections.SourceType,
                CreatedBy = "seed", CreatedAt = app.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"返還請求 (\d{4}-\d{5})（")]
    private static partial Regex NumberPattern();
}
