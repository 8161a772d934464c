using System.Text;
using FukushiIryo.TestSupport;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>review run --month</c> through the CLI: exit codes, the 審査 role, and the counts per outcome and rule.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ReviewCommandsTests(PostgresFixture fixture)
{
    private const string Header = "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期";
    private const string Row = "90290024,0000125,133066,トウキョウ タロウ,1970-01-01,2026-09,0100102,奈良テスト医院,医科,外来,70,1,500,,1500,0,0,0,0";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Review_run_counts_outcomes_and_rules_for_the_reviewer_only(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync("correct horse battery staple\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shinsa1", "--name", "審査 一子", "--staff-no", "3001", "--roles", "審査", "--user", "admin")).ExitCode);
        var file = Path.Combine(Path.GetDirectoryName(cli.AnchorFile)!, "autopay.csv");
        File.WriteAllText(file, Header + "\n" + Row + "\n", new UTF8Encoding(true));
        Assert.Equal(0, (await cli.RunAsync("import", "receipts", file, "--month", "2026-10", "--user", "shinsa1")).ExitCode);

        Assert.Equal(3, (await cli.RunAsync("review", "run", "--month", "2026-10", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("review", "run", "--user", "shinsa1")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("review", "run", "--month", "2026-13", "--user", "shinsa1")).ExitCode);

        var run = await cli.RunAsync("review", "run", "--month", "2026-10", "--user", "shinsa1");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("審査 2026-10: 1 件", run.Output, StringComparison.Ordinal);
        Assert.Contains("可 0 件 / 要確認 1 件 / 否 0 件", run.Output, StringComparison.Ordinal);
        Assert.Contains("R00 受給者未照合: 1 件", run.Output, StringComparison.Ordinal);
        var empty = await cli.RunAsync("review", "run", "--month", "2026-11", "--user", "shinsa1");
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("審査 2026-11: 0 件", empty.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }
}
