using System.Text;
using FukushiIryo.TestSupport;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>import residents</c> and <c>import recipients</c> through the CLI: every exit code, the report and the summary.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ImportCommandsTests(PostgresFixture fixture)
{
    private const string ResidentsHeader = "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Residents_import_exit_codes_report_and_summary(string provider)
    {
        await using var cli = await ReadyAsync(provider);
        var folder = Path.GetDirectoryName(cli.AnchorFile)!;
        var good = Path.Combine(folder, "residents.csv");
        File.WriteAllText(good, ResidentsHeader + "\n"
            + "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,\n"
            + "000102,0001,奈良 一郎,ナラ イチロウ,2015-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,\n"
            + "000201,0002,春日 太郎,カスガ タロウ,1960-03-03,1,世帯主,6308213,奈良県奈良市登大路町1番地,1,,,\n", new UTF8Encoding(true));

        var byCounter = await cli.RunAsync("import", "residents", good, "--user", "madoguchi1");
        Assert.Equal(3, byCounter.ExitCode);
        var migrationByReviewer = await cli.RunAsync("import", "residents", good, "--migration", "--user", "shinsa1");
        Assert.Equal(3, migrationByReviewer.ExitCode);
        Assert.Equal(2, (await cli.RunAsync("import", "residents", good, "--encoding", "latin1", "--user", "shinsa1")).ExitCode);
        Assert.Equal(1, (await cli.RunAsync("import", "residents", Path.Combine(folder, "missing.csv"), "--user", "shinsa1")).ExitCode);

        var dryRun = await cli.RunAsync("import", "residents", good, "--dry-run", "--user", "shinsa1");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("--dry-run", dryRun.Output, StringComparison.Ordinal);

        var imported = await cli.RunAsync("import", "residents", good, "--user", "shinsa1");
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("読込 3 行 / 新規 2 件", imported.Output, StringComparison.Ordinal);
        Assert.Contains("対象外（目的外のため取り込まず保存もしない）行: 4", imported.Output, StringComparison.Ordinal);

        var again = await cli.RunAsync("import", "residents", good, "--user", "shinsa1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("取込済み", again.Output, StringComparison.Ordinal);

        var bad = Path.Combine(folder, "bad.csv");
        File.WriteAllText(bad, ResidentsHeader + "\n000103,0001,\"奈良, 桜\",ナラ サクラ,2021-02-30,2,子,6308501,奈良県奈良市登大路町30番地,1,,,\n", new UTF8Encoding(true));
        var reportDir = Path.Combine(folder, "reports");
        Directory.CreateDirectory(reportDir);
        var rejected = await cli.RunAsync("import", "residents", bad, "--report-dir", reportDir, "--user", "shinsa1");
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("bad.csv:2: 生年月日: 「2021-02-30」", rejected.Error, StringComparison.Ordinal);
        var report = await File.ReadAllBytesAsync(Path.Combine(reportDir, "bad.csv.errors.csv"));
        Assert.Equal(Encoding.UTF8.GetPreamble(), report[..3]);
        var lines = Encoding.UTF8.GetString(report[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("行,列,値,理由", lines[0]);
        Assert.StartsWith("2,生年月日,2021-02-30,", lines[1], StringComparison.Ordinal);

        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Tax_import_exit_codes_report_and_summary(string provider)
    {
        await using var cli = await ReadyAsync(provider);
        var folder = Path.GetDirectoryName(cli.AnchorFile)!;
        var residents = Path.Combine(folder, "residents.csv");
        File.WriteAllText(residents, ResidentsHeader + "\n"
            + "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,\n"
            + "000102,0001,奈良 一郎,ナラ イチロウ,2015-04-02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,\n", new UTF8Encoding(true));
        Assert.Equal(0, (await cli.RunAsync("import", "residents", residents, "--user", "shinsa1")).ExitCode);

        var header = string.Join(",", FukushiIryo.App.Demo.DemoFiles.TaxHeader);
        string Row(string atena, string year, string undeclared, string salary) =>
            string.Join(",", new[] { atena, year, undeclared }.Concat(FukushiIryo.App.Income.TaxItems.All.Select(item =>
                undeclared == "1" || item.Name is "児童養育費" or "受給者養育費" ? string.Empty : item.Name == "給与収入" ? salary : "0")));
        var good = Path.Combine(folder, "tax.csv");
        File.WriteAllText(good, header + "\n" + Row("000101", "2026", "0", "2400000") + "\n" + Row("000102", "2026", "1", "") + "\n" + Row("000999", "2026", "0", "1000000") + "\n", new UTF8Encoding(true));

        Assert.Equal(3, (await cli.RunAsync("import", "tax", good, "--user", "madoguchi1")).ExitCode);
        Assert.Equal(1, (await cli.RunAsync("import", "tax", Path.Combine(folder, "missing.csv"), "--user", "shinsa1")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("import", "tax", good, "--bogus", "--user", "shinsa1")).ExitCode);
        var dryRun = await cli.RunAsync("import", "tax", good, "--dry-run", "--user", "shinsa1");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("--dry-run", dryRun.Output, StringComparison.Ordinal);

        var imported = await cli.RunAsync("import", "tax", good, "--user", "shinsa1");
        Assert.True(imported.ExitCode == 0, imported.Error + imported.Output);
        Assert.Contains("読込 3 行 / 新規 2 件 / 更新 0 件 / 変更なし 0 件 / 対象外 1 件", imported.Output, StringComparison.Ordinal);
        Assert.Contains("対象外（目的外のため取り込まず保存もしない）行: 4", imported.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("2400000", imported.Output + imported.Error, StringComparison.Ordinal);
        var again = await cli.RunAsync("import", "tax", good, "--user", "shinsa1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("取込済み", again.Output, StringComparison.Ordinal);

        var bad = Path.Combine(folder, "tax-bad.csv");
        File.WriteAllText(bad, header + "\n" + Row("000101", "2025", "0", "2300000") + "\n" + Row("000102", "R8", "0", "0") + "\n", new UTF8Encoding(true));
        var reportDir = Path.Combine(folder, "reports");
        Directory.CreateDirectory(reportDir);
        var rejected = await cli.RunAsync("import", "tax", bad, "--report-dir", reportDir, "--user", "shinsa1");
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("tax-bad.csv:3: 課税年度: 「R8」", rejected.Error, StringComparison.Ordinal);
        Assert.Contains("1行も取り込んでいません", rejected.Output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(reportDir, "tax-bad.csv.errors.csv"), Encoding.UTF8);
        Assert.Equal("行,列,値,理由", lines[0].TrimStart('\uFEFF'));
        Assert.StartsWith("3,課税年度,R8,", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);

        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    [Fact]
    public async Task A_city_extract_in_cp932_with_its_own_headers_is_read_through_a_layout_file()
    {
        await using var cli = await ReadyAsync("sqlite");
        var folder = Path.GetDirectoryName(cli.AnchorFile)!;
        var layout = Path.Combine(folder, "nara-jyuki.json");
        File.WriteAllText(layout, """
            {
              "format": "csv",
              "encoding": "cp932",
              "header": true,
              "dateStyle": "wareki",
              "columns": [
                { "field": "宛名番号", "source": "宛名ＣＤ" },
                { "field": "世帯番号", "source": "世帯ＣＤ" },
                { "field": "氏名", "source": "漢字氏名" },
                { "field": "氏名カナ", "source": "カナ氏名" },
                { "field": "生年月日" },
                { "field": "性別", "source": "性別ＣＤ" },
                { "field": "続柄" },
                { "field": "郵便番号" },
                { "field": "住所" },
                { "field": "住民区分" },
                { "field": "異動事由" },
                { "field": "異動日" },
                { "field": "届出日" }
              ],
              "ignore": ["予備"]
            }
            """);
        var extract = Path.Combine(folder, "jyuki.csv");
        File.WriteAllText(extract,
            "宛名ＣＤ,世帯ＣＤ,漢字氏名,カナ氏名,生年月日,性別ＣＤ,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日,予備\r\n"
            + "000101,0001,奈良 花子,ﾅﾗ ﾊﾅｺ,S63.05.12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,,x\r\n"
            + "000102,0001,奈良 一郎,ﾅﾗ ｲﾁﾛｳ,H21.04.02,1,子,6308501,奈良県奈良市登大路町30番地,1,,,,\r\n",
            FukushiIryo.Formats.Common.InputEncoding.Cp932);

        var run = await cli.RunAsync("import", "residents", extract, "--layout", layout, "--user", "shinsa1");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("新規 2 件", run.Output, StringComparison.Ordinal);

        var missingLayout = await cli.RunAsync("import", "residents", extract, "--layout", Path.Combine(folder, "none.json"), "--user", "shinsa1");
        Assert.Equal(1, missingLayout.ExitCode);
    }

    [Fact]
    public async Task An_operator_without_the_sensitive_permission_sees_account_values_masked_in_the_error_report()
    {
        await using var cli = await ReadyAsync("sqlite");
        var folder = Path.GetDirectoryName(cli.AnchorFile)!;
        var residents = Path.Combine(folder, "residents.csv");
        File.WriteAllText(residents, ResidentsHeader + "\n"
            + "000101,0001,奈良 花子,ナラ ハナコ,1988-05-12,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,,,\n", new UTF8Encoding(true));
        Assert.Equal(0, (await cli.RunAsync("import", "residents", residents, "--migration", "--user", "admin")).ExitCode);

        var mother = FukushiIryo.Domain.Numbers.RecipientNumber.FromSerial(101).ToString();
        var ledger = Path.Combine(folder, "recipients.csv");
        File.WriteAllText(ledger, string.Join("\n",
            "受給者番号,宛名番号,受給者区分,親受給者番号,申請種別,申請年月日,資格取得日,有効期間開始,有効期間終了,資格状態,喪失日,喪失事由,ひとり親理由,事由発生年月日,有期終了日,遠隔地,別居監護,他制度,給付区分,公費負担者番号,県市区分,保険種別,保険者番号,記号,番号,枝番,扶養者区分,金融機関コード,支店コード,口座種別,口座番号,口座名義カナ,電話番号",
            $"{mother},000101,父母,,新規,2024-02-30,2024-04-01,2026-08-01,2027-07-31,有効,,,離婚,2023-12-20,,0,0,,自動償還,90290024,県,国保,133066,奈良,1234,00,本人,0162,001,1,98A765,ﾅﾗ ﾊﾅｺ,0742-34-1111") + "\n", new UTF8Encoding(true));

        // システム管理 runs the migration but does not hold the permission to see 秘匿項目.
        var run = await cli.RunAsync("import", "recipients", ledger, "--report-dir", folder, "--user", "admin");
        Assert.Equal(1, run.ExitCode);
        var report = File.ReadAllText(Path.Combine(folder, "recipients.csv.errors.csv"));
        Assert.Contains("2,口座番号,＊＊＊＊,", report, StringComparison.Ordinal);
        Assert.Contains("2,申請年月日,2024-02-30,", report, StringComparison.Ordinal);
        Assert.DoesNotContain("98A765", report, StringComparison.Ordinal);
        Assert.DoesNotContain("98A765", run.Error, StringComparison.Ordinal);
        Assert.Contains("口座番号: 「＊＊＊＊」", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_into_a_missing_database_exits_4()
    {
        await using var cli = await CliHarness.CreateAsync("sqlite", fixture);
        var run = await cli.RunAsync("import", "residents", "whatever.csv", "--user", "shinsa1");
        Assert.Equal(4, run.ExitCode);
    }

    private async Task<CliHarness> ReadyAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync("correct horse battery staple\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shinsa1", "--name", "審査 一子", "--staff-no", "3001", "--roles", "審査", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);
        return cli;
    }
}
