using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>inquiry request</c> and <c>inquiry result</c> (情報照会, P15) with their exit codes, on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class InquiryCommandsTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Recorded = new(2026, 6, 10, 9, 0, 0, TimeSpan.FromHours(9));

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task An_unlisted_inquiry_exits_3_with_the_reason_and_is_audited_an_allowed_one_is_recorded_and_answered(string provider)
    {
        await using var cli = await WithDataAsync(provider);
        var refused = await cli.RunAsync("inquiry", "request", "--atena", "000101", "--item", "国税関係情報", "--purpose", "所得の確認", "--user", "madoguchi");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("照会許可照合リストにないため、行えません", refused.Error, StringComparison.Ordinal);

        var allowed = await cli.RunAsync("inquiry", "request", "--atena", "000101", "--item", "地方税関係情報", "--purpose", "転入前の課税状況（所得判定）", "--user", "madoguchi");
        Assert.True(allowed.ExitCode == 0, allowed.Error);
        Assert.Contains("を記録しました: 地方税関係情報（情報提供者: 他の市町村（課税地）、根拠: 番号利用法 第19条第9号", allowed.Output, StringComparison.Ordinal);

        await using var db = Open(cli);
        var id = (await db.NetworkInquiries.AsNoTracking().SingleAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answered = await cli.RunAsync("inquiry", "result", "--id", id, "--result", "令和7年度 非課税", "--user", "shinsa");
        Assert.True(answered.ExitCode == 0, answered.Error);
        Assert.Equal(1, (await cli.RunAsync("inquiry", "result", "--id", id, "--result", "二度目", "--user", "shinsa")).ExitCode);

        var inquiry = await db.NetworkInquiries.AsNoTracking().SingleAsync();
        Assert.Equal(("madoguchi", "shinsa", "令和7年度 非課税"), (inquiry.RequestedBy, inquiry.AnsweredBy, inquiry.Result));
        Assert.Equal(["linkage.inquiry_refused", "linkage.inquiry_requested", "linkage.inquiry_answered"],
            await db.AuditEvents.AsNoTracking().Where(e => e.EventType.StartsWith("linkage.")).OrderBy(e => e.Sequence).Select(e => e.EventType).ToListAsync());
        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Roles_without_the_permission_and_a_role_less_account_exit_3_and_an_unknown_person_exits_1(string provider)
    {
        await using var cli = await WithDataAsync(provider);
        Assert.Equal(3, (await cli.RunAsync("inquiry", "request", "--atena", "000101", "--item", "地方税関係情報", "--purpose", "p", "--user", "shiharai")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("inquiry", "request", "--atena", "000101", "--item", "地方税関係情報", "--purpose", "p", "--user", "riyou")).ExitCode);
        var unknown = await cli.RunAsync("inquiry", "request", "--atena", "999999", "--item", "地方税関係情報", "--purpose", "p", "--user", "shinsa");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("宛名番号 999999 の方は台帳にいません。", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync("inquiry", "request", "--atena", "000101", "--user", "shinsa")).ExitCode);
        await using var db = Open(cli);
        Assert.Equal(0, await db.NetworkInquiries.CountAsync());
    }

    private static FukushiDbContext Open(CliHarness cli) => FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));

    private async Task<CliHarness> WithDataAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理")).ExitCode);
        foreach (var (login, role, number) in new[] { ("madoguchi", "窓口", "1001"), ("shinsa", "審査", "2001"), ("shiharai", "支払", "3001"), ("riyou", "", "4001") })
        {
            var added = await cli.RunAsync("users", "add", "--login", login, "--name", "職員 " + login, "--staff-no", number, "--roles", role, "--user", "admin");
            Assert.True(added.ExitCode == 0, added.Error);
        }

        await using var db = Open(cli);
        var person = new Person { AtenaNumber = "000101", CreatedAt = Recorded.ToUniversalTime(), Version = 1 };
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        return cli;
    }
}
