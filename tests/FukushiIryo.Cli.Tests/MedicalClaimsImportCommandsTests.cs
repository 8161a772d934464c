using System.Text;
using FukushiIryo.TestSupport;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>import claims</c> and <c>import paid-receipts</c> through the CLI: exit codes, roles and the summary.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class MedicalClaimsImportCommandsTests(PostgresFixture fixture)
{
    private const string Header = "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期";
    private const string Row = "90290024,0000125,133066,トウキョウ タロウ,1970-01-01,2026-09,0100102,奈良テスト医院,医科,外来,70,1,500,,1500,0,0,0,0";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Receipts_import_exit_codes_and_summary(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync("correct horse battery staple\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shinsa1", "--name", "審査 一子", "--staff-no", "3001", "--roles", "審査", "--user", "admin")).ExitCode);
        var folder = Path.GetDirectoryName(cli.AnchorFile)!;
        var good = Path.Combine(folder, "autopay.csv");
        File.WriteAllText(good, Header + "\n" + Row + "\n", new UTF8Encoding(true));
        var bad = Path.Combine(folder, "bad.csv");
        File.WriteAllText(bad, Header + "\n" + Row.Replace(",500,", ",五百円,", StringComparison.Ordinal) + "\n", new UTF8Encoding(true));

        Assert.Equal(3, (await cli.RunAsync("import", "receipts", good, "--month", "2026-10", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("import", "receipts", good, "--user", "shinsa1")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("import", "receipts", good, "--month", "2026-13", "--user", "shinsa1")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("import", "receipts", good, "--month", "2026-10", "--source", "other", "--user", "shinsa1")).ExitCode);
        Assert.Equal(1, (await cli.RunAsync("import", "receipts", Path.Combine(folder, "missing.csv"), "--month", "2026-10", "--user", "shinsa1")).ExitCode);
        var rejected = await cli.RunAsync("import", "receipts", bad, "--month", "2026-10", "--layout", "autopay", "--report-dir", folder, "--user", "shinsa1");
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("bad.csv:2: 点数", rejected.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "bad.csv.errors.csv")));

        var imported = await cli.RunAsync("import", "receipts", good, "--month", "2026-10", "--user", "shinsa1");
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("読込 1 行 / 新規 1 件", imported.Output, StringComparison.Ordinal);
        Assert.Contains("照合済 0 件 / 要確認 0 件 / 照合不能 1 件", imported.Output, StringComparison.Ordinal);
        var again = await cli.RunAsync("import", "receipts", good, "--month", "2026-10", "--user", "shinsa1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("取込済み", again.Output, StringComparison.Ordinal);

        var paid = Path.Combine(folder, "paid.csv");
        File.WriteAllText(paid, Header + ",支払日,助成額\n" + Row + ",2025-08-20,1000\n", new UTF8Encoding(true));
        Assert.Equal(3, (await cli.RunAsync("import", "paid-receipts", paid, "--user", "shinsa1")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("import", "paid-receipts", paid, "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }
}
