using System.IO.Compression;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>masters update banks|postal FILE</c> with its exit codes and audit, on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class MastersCommandsTests(PostgresFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-masters-").FullName;

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_bank_edition_loads_and_a_later_one_marks_the_missing_branch_removed(string provider)
    {
        await using var cli = await WithUsersAsync(provider);
        var zip = Zip("zengin.zip",
            ("banks.csv", "bank_code,kana,name,hira,roma\n0162,ナント,南都,なんと,nanto\n"),
            ("branches.csv", "bank_code,branch_code,kana,name,hira,roma\n0162,010,ホンテン,本店営業部,,\n0162,025,ナラシヤクシヨ,奈良市役所出張所,,\n0162,030,サイダイジ,西大寺,,\n"));
        var first = await cli.RunAsync("masters", "update", "banks", zip, "--edition", "2026-06-01", "--user", "admin");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("金融機関: 追加 1、変更 0、廃止 0、変更なし 0（版 2026-06-01）", first.Output, StringComparison.Ordinal);
        Assert.Contains("店舗: 追加 3、", first.Output, StringComparison.Ordinal);

        // The same file again changes nothing.
        var again = await cli.RunAsync("masters", "update", "banks", zip, "--user", "hoshu");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("変更はありません", again.Output, StringComparison.Ordinal);

        // 保守委託 may update too: a branches.csv without 025 marks it removed.
        var branches = Write("branches.csv", "bank_code,branch_code,kana,name\n0162,010,ホンテン,本店営業部\n0162,030,サイダイジ,西大寺\n");
        var second = await cli.RunAsync("masters", "update", "banks", branches, "--edition", "2026-07-01", "--user", "hoshu");
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("店舗: 追加 0、変更 0、廃止 1、変更なし 2（版 2026-07-01）", second.Output, StringComparison.Ordinal);

        await using (var db = Open(cli))
        {
            var closed = await new BankDirectory(db).CheckAsync("0162", "025");
            Assert.Equal((BranchStatus.BranchClosed, "2026-07-01"), (closed.Status, closed.RemovedInEdition));
            Assert.Equal(
                ["admin", "hoshu", "hoshu"],
                await db.AuditEvents.Where(e => e.EventType == "masters.updated").OrderBy(e => e.Sequence).Select(e => e.Actor).ToListAsync());
        }

        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Postal_data_loads_from_KEN_ALL_and_JIGYOSYO(string provider)
    {
        await using var cli = await WithUsersAsync(provider);
        var kenAll = await cli.RunAsync("masters", "update", "postal", TestFile("TestData", "japanpost", "29NARA_KEN_ALL.CSV"), "--user", "admin");
        Assert.True(kenAll.ExitCode == 0, kenAll.Error);
        Assert.Contains("郵便番号（町域）: 追加 1,930、", kenAll.Output, StringComparison.Ordinal);
        var offices = await cli.RunAsync("masters", "update", "postal", TestFile("Shipped", "29NARA_JIGYOSYO.CSV"), "--user", "hoshu");
        Assert.True(offices.ExitCode == 0, offices.Error);
        Assert.Contains("大口事業所個別番号: 追加 169、", offices.Output, StringComparison.Ordinal);

        await using var db = Open(cli);
        var postal = new PostalDirectory(db);
        Assert.Equal(PostalCodeStatus.LargeOffice, (await postal.CheckAsync("630-8580")).Status);
        Assert.Equal(PostalCodeStatus.Address, (await postal.CheckAsync("630-8037")).Status);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_missing_file_exits_1_and_a_user_without_the_role_exits_3(string provider)
    {
        await using var cli = await WithUsersAsync(provider);
        var missing = await cli.RunAsync("masters", "update", "banks", Path.Combine(folder, "no-such.csv"), "--user", "admin");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("ファイルがありません", missing.Error, StringComparison.Ordinal);

        var banks = Write("banks.csv", "bank_code,kana,name\n0162,ナント,南都\n");
        var counter = await cli.RunAsync("masters", "update", "banks", banks, "--user", "madoguchi");
        Assert.Equal(3, counter.ExitCode);
        Assert.Contains("権限がありません", counter.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await cli.RunAsync("masters", "update", "banks", banks)).ExitCode);

        await using var db = Open(cli);
        Assert.Equal(0, await db.Banks.CountAsync());
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_file_with_errors_or_of_the_wrong_kind_exits_1_and_loads_nothing(string provider)
    {
        await using var cli = await WithUsersAsync(provider);
        var broken = Write("branches.csv", "bank_code,branch_code,kana,name\n0162,010,ホンテン,本店営業部\n0162,25,ナラシヤクシヨ,奈良市役所出張所\n");
        var run = await cli.RunAsync("masters", "update", "banks", broken, "--user", "admin");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("branches.csv 3行目 branch_code: 店舗コードは3桁の数字です（25）", run.Error, StringComparison.Ordinal);
        Assert.Contains("何も更新していません", run.Error, StringComparison.Ordinal);

        var wrongKind = await cli.RunAsync("masters", "update", "banks", TestFile("Shipped", "29NARA_JIGYOSYO.CSV"), "--user", "admin");
        Assert.Equal(1, wrongKind.ExitCode);
        Assert.Contains("金融機関マスタ（banks.csv / branches.csv）ではありません", wrongKind.Error, StringComparison.Ordinal);

        await using var db = Open(cli);
        Assert.Equal(0, await db.BankBranches.CountAsync());
        Assert.Equal(0, await db.LargeOfficePostalCodes.CountAsync());
    }

    [Fact]
    public async Task An_unknown_kind_or_option_exits_2()
    {
        await using var cli = await WithUsersAsync("sqlite");
        var banks = Write("banks.csv", "bank_code,kana,name\n0162,ナント,南都\n");
        Assert.Equal(2, (await cli.RunAsync("masters", "update", "towns", banks, "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("masters", "update", "banks", banks, "--colour", "red", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("masters", "update", "banks", "--user", "admin")).ExitCode);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string TestFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    private static FukushiDbContext Open(CliHarness cli) => FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));

    private async Task<CliHarness> WithUsersAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        var admin = await cli.RunAsync("users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理");
        Assert.True(admin.ExitCode == 0, admin.Error);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "hoshu", "--name", "保守 太郎", "--staff-no", "8001", "--roles", "保守委託", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);
        return cli;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private string Zip(string name, params (string Entry, string Text)[] entries)
    {
        var path = Path.Combine(folder, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, text) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
            writer.Write(text);
        }

        return path;
    }
}
