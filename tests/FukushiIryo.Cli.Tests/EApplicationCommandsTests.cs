using FukushiIryo.App.Data;
using FukushiIryo.App.Audit;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>import e-application FILE</c> (ADR 0029): problems per field with exit 1 and nothing kept, acceptance, 窓口 only, exit 4 without a vault.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class EApplicationCommandsTests(PostgresFixture fixture)
{
    private static readonly string MotherNumber = NumberFor("45678901234");
    private static readonly string ChildNumber = NumberFor("56789012345");

    /// <summary>The 12-digit 個人番号 that starts with the 11 digits given (the one check digit that fits).</summary>
    private static string NumberFor(string elevenDigits) =>
        Enumerable.Range(0, 10).Select(d => elevenDigits + d.ToString(System.Globalization.CultureInfo.InvariantCulture)).Single(MyNumber.IsValid);

    private static string Json(string childNumber) => $$"""
        {
          "schemaVersion": "1", "externalId": "CLI-0001", "appliedOn": "2026-11-01",
          "applicant": { "myNumber": "{{MotherNumber}}", "name": "生駒　光", "nameKana": "イコマ　ヒカリ", "birthDate": "1992-03-04", "role": "Parent" },
          "singleParentReason": "Bereavement", "reasonArisenOn": "2026-05-01",
          "insurance": { "kind": "Employee", "insurerNumber": "06290019" },
          "account": { "yuchoSymbol": "14010", "yuchoNumber": "12345671", "holderKana": "イコマ ヒカリ" },
          "children": [ { "myNumber": "{{childNumber}}", "name": "生駒　陽", "nameKana": "イコマ　ヨウ", "birthDate": "2018-08-08" } ],
          "consent": { "informationInquiry": true, "declarationTrue": true }
        }
        """;

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_bad_file_exits_1_with_its_fields_a_good_one_is_kept_without_my_numbers_and_only_the_counter_may_run_it(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi", "--name", "窓口 職員", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shinsa", "--name", "審査 職員", "--staff-no", "2001", "--roles", "審査", "--user", "admin")).ExitCode);
        var folder = Directory.CreateTempSubdirectory("fukushi-eapp-").FullName;
        try
        {
            var bad = Path.Combine(folder, "bad.json");
            var wrong = ChildNumber[..11] + (char)('0' + ((ChildNumber[11] - '0' + 1) % 10));
            await File.WriteAllTextAsync(bad, Json(wrong));
            var refused = await cli.RunAsync("import", "e-application", bad, "--user", "madoguchi");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("children[0].myNumber: 個人番号が正しくありません（検査用数字が合いません）。\n", refused.Error, StringComparison.Ordinal);
            Assert.Contains("何も保存していません。", refused.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, refused.Error + refused.Output, StringComparison.Ordinal);

            var good = Path.Combine(folder, "good.json");
            await File.WriteAllTextAsync(good, Json(ChildNumber));
            Assert.Equal(3, (await cli.RunAsync("import", "e-application", good, "--user", "shinsa")).ExitCode);
            var accepted = await cli.RunAsync("import", "e-application", good, "--user", "madoguchi");
            Assert.True(accepted.ExitCode == 0, accepted.Error);
            Assert.Contains("電子申請 CLI-0001 を受け付けました（申請者: 未照合、対象児童 1 人のうち照合済 0 人）。", accepted.Output, StringComparison.Ordinal);

            await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
            {
                // The refused file asked the vault nothing; the accepted one looked up both persons (audited by the vault).
                Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.AtenaLookedUp && e.Actor == "madoguchi"));
                var row = await db.EApplications.SingleAsync();
                Assert.Equal(("CLI-0001", "madoguchi"), (row.ExternalId, row.ReceivedBy));
                Assert.DoesNotContain(MotherNumber, row.Payload!, StringComparison.Ordinal);
                Assert.Contains("\"yuchoSymbol\":\"14010\"", row.Payload!, StringComparison.Ordinal);
            }

            Assert.Equal(0, (await cli.RunAsync("audit", "scan", "--user", "admin")).ExitCode);
            cli.AtenaDatabase = "sqlite:" + Path.Combine(folder, "no-such-atena.db");
            var noVault = await cli.RunAsync("import", "e-application", good, "--user", "madoguchi");
            Assert.Equal(4, noVault.ExitCode);
            Assert.Contains("宛名データベースがありません", noVault.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
