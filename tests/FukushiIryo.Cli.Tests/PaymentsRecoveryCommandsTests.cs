using System.Text;
using System.Text.RegularExpressions;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// <c>payments corrections import</c> and <c>payments recoveries …</c> (ADR 0033): a 再審査 file refused as a
/// whole then imported, the decrease made a 返還請求, a partial 戻入, the 出納 CSV, the 返還請求書, and the
/// write-off only as 決裁 (role, password and TOTP), with the contract's exit codes.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed partial class PaymentsRecoveryCommandsTests(PostgresFixture fixture)
{
    private static readonly string Mother = RecipientNumber.FromSerial(1).ToString();

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_reexamination_file_becomes_a_recovery_partly_repaid_listed_printed_and_written_off_by_decision(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        var (approverSecret, bothSecret) = await PaymentsCommandsTests.SetUpAsync(cli);
        Assert.Equal(0, (await cli.RunAsync("payments", "prepare", "--month", "2026-10", "--pay-date", "2026-11-20", "--user", "shiharai1")).ExitCode);
        var approved = await cli.RunWithInputAsync(PaymentsCommandsTests.ApproverPassword + "\n", "payments", "approve", "--month", "2026-10", "--password-stdin", "--totp", PaymentsCommandsTests.Code(approverSecret), "--user", "kessai1");
        Assert.True(approved.ExitCode == 0, approved.Error);
        long claim;
        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            claim = await db.MedicalClaims.Where(c => c.RecipientNumber == Mother).Select(c => c.Id).SingleAsync();
        }

        var folder = Directory.CreateTempSubdirectory("fukushi-kagocli-").FullName;
        try
        {
            const string Header = "レセプトID,区分,決定日,点数,保険自己負担額,高額療養費,附加給付,他公費負担額,理由\n";
            var bad = Path.Combine(folder, "bad.csv");
            File.WriteAllText(bad, Header + $"{claim},訂正,2026-11-05,,,,,,減点\n", new UTF8Encoding(true));
            Assert.Equal(3, (await cli.RunAsync("payments", "corrections", "import", bad, "--user", "kessai1")).ExitCode);
            var refused = await cli.RunAsync("payments", "corrections", "import", bad, "--user", "shiharai1");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("2 行目: 誤り 訂正する値", refused.Output, StringComparison.Ordinal);
            Assert.Contains("何も記録していません", refused.Output, StringComparison.Ordinal);

            var good = Path.Combine(folder, "good.csv");
            File.WriteAllText(good, Header + $"{claim},訂正,2026-11-05,,2000,,,,減点\n", new UTF8Encoding(true));
            var imported = await cli.RunAsync("payments", "corrections", "import", good, "--user", "shiharai1");
            Assert.True(imported.ExitCode == 0, imported.Error);
            Assert.Contains("助成額 2,500 円 → 1,500 円（差額 -1,000 円）", imported.Output, StringComparison.Ordinal);

            var created = await cli.RunAsync("payments", "recoveries", "create", "--payee", Mother, "--reason", "職員の判断", "--due", "2026-12-10", "--user", "shiharai1");
            Assert.True(created.ExitCode == 0, created.Error);
            var number = NumberPattern().Match(created.Output).Groups[1].Value;
            Assert.Contains("1,000 円、納期限 2026-12-10", created.Output, StringComparison.Ordinal);

            var repaid = await cli.RunAsync("payments", "recoveries", "repay", "--number", number, "--date", "2026-11-25", "--amount", "400", "--user", "shiharai1");
            Assert.True(repaid.ExitCode == 0, repaid.Error);
            Assert.Contains("収入済額 400 円 不納欠損額 0 円 未収額 600 円", repaid.Output, StringComparison.Ordinal);
            Assert.Equal(1, (await cli.RunAsync("payments", "recoveries", "repay", "--number", number, "--date", "2026-11-26", "--amount", "601", "--user", "shiharai1")).ExitCode);

            var csv = Path.Combine(folder, "suito.csv");
            Assert.Equal(0, (await cli.RunAsync("payments", "recoveries", "list", "--out", csv, "--as-of", "2026-11-30", "--user", "shiharai1")).ExitCode);
            Assert.Contains($"{number},{Mother},奈良 花子,", File.ReadAllText(csv), StringComparison.Ordinal);
            Assert.Contains(",1000,400,0,600,未納,2026-11-25,0", File.ReadAllText(csv), StringComparison.Ordinal);
            var pdf = Path.Combine(folder, "demand.pdf");
            Assert.Equal(0, (await cli.RunAsync("payments", "recoveries", "print", "--number", number, "--date", "2026-11-10", "--out", pdf, "--user", "shiharai1")).ExitCode);
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4), StringComparison.Ordinal);

            // 不納欠損: 支払 may not (exit 3); 決裁 without the password and code is a usage error (2), with a wrong password refused (3).
            Assert.Equal(3, (await cli.RunWithInputAsync("x\n", "payments", "recoveries", "write-off", "--number", number, "--reason", "所在不明", "--password-stdin", "--totp", "123456", "--user", "shiharai1")).ExitCode);
            Assert.Equal(2, (await cli.RunAsync("payments", "recoveries", "write-off", "--number", number, "--reason", "所在不明", "--user", "both1")).ExitCode);
            Assert.Equal(3, (await cli.RunWithInputAsync("wrong\n", "payments", "recoveries", "write-off", "--number", number, "--reason", "所在不明", "--password-stdin", "--totp", PaymentsCommandsTests.Code(bothSecret), "--user", "both1")).ExitCode);
            var written = await cli.RunWithInputAsync(PaymentsCommandsTests.BothPassword + "\n", "payments", "recoveries", "write-off", "--number", number, "--reason", "所在不明", "--password-stdin", "--totp", PaymentsCommandsTests.Code(bothSecret), "--user", "both1");
            Assert.True(written.ExitCode == 0, written.Error);
            Assert.Contains("未収額 600 円を不納欠損", written.Output, StringComparison.Ordinal);
            var list = await cli.RunAsync("payments", "recoveries", "list", "--user", "shiharai1");
            Assert.Contains("不納欠損額 600 円 未収額 0 円", list.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"返還請求 (\d{4}-\d{5}):")]
    private static partial Regex NumberPattern();
}
