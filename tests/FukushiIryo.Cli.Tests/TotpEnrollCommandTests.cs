using FukushiIryo.App;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>users totp-enroll</c> (interfaces.md §7) and the password policy's refusals through the CLI, on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class TotpEnrollCommandTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Enrolment_prints_the_key_uri_then_ten_recovery_codes_and_the_key_verifies_a_code(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--user", "admin")).ExitCode);

        var run = await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "admin");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = Lines(run.Output);
        Assert.Equal(11, lines.Count);
        Assert.StartsWith("otpauth://totp/", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("otpauth://totp/FukushiIryo:kessai1?", lines[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=SHA1", lines[0], StringComparison.Ordinal);
        Assert.Contains("digits=6", lines[0], StringComparison.Ordinal);
        Assert.Contains("period=30", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), code => Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", code));

        // The code an authenticator app computes from the URI is accepted, once (active at once).
        var now = DateTimeOffset.UtcNow;
        var code = new Totp(Base32Encoding.ToBytes(Secret(lines[0])), 30, OtpHashMode.Sha1, 6).ComputeTotp(now.UtcDateTime);
        await using (var services = Services(cli))
        {
            Assert.Equal(TotpOutcome.Accepted, await VerifyAsync(services, "kessai1", code));
            Assert.Equal(TotpOutcome.Replayed, await VerifyAsync(services, "kessai1", code));
        }

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var enrolled = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.UserTotpEnrolled).ToListAsync();
        var audit = Assert.Single(enrolled);
        Assert.Equal("admin", audit.Actor);
        Assert.DoesNotContain(Secret(lines[0]), audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_new_enrolment_replaces_the_old_key_and_codes(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--user", "admin")).ExitCode);
        var first = Lines((await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "admin")).Output);
        var second = Lines((await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "admin")).Output);
        Assert.Equal(11, second.Count);
        Assert.NotEqual(Secret(first[0]), Secret(second[0]));

        await using var services = Services(cli);
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().FindActiveAsync("kessai1");
        var totp = scope.ServiceProvider.GetRequiredService<StaffTotp>();
        Assert.Equal(TotpOutcome.Failed, await totp.RedeemRecoveryCodeAsync(user!, first[1]));
        Assert.Equal(TotpOutcome.Accepted, await totp.RedeemRecoveryCodeAsync(user!, second[1]));
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Only_a_system_administrator_enrols_and_an_unknown_login_exits_1(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--user", "admin")).ExitCode);
        var self = await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "kessai1");
        Assert.Equal(3, self.ExitCode);
        Assert.Equal(string.Empty, self.Output);
        Assert.Equal(3, (await cli.RunAsync("users", "totp-enroll", "--login", "kessai1")).ExitCode);
        var unknown = await cli.RunAsync("users", "totp-enroll", "--login", "nobody", "--user", "admin");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(string.Empty, unknown.Output);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_password_the_policy_refuses_exits_1_with_the_reason_in_japanese(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        var common = await cli.RunWithInputAsync("qwerty123456\n", "users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--password-stdin", "--user", "admin");
        Assert.Equal(1, common.ExitCode);
        Assert.Contains("よく使われるパスワード", common.Error, StringComparison.Ordinal);

        var ownLogin = await cli.RunWithInputAsync("madoguchi1 is my password\n", "users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--password-stdin", "--user", "admin");
        Assert.Equal(1, ownLogin.ExitCode);
        Assert.Contains("「madoguchi1」", ownLogin.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);
        var city = await cli.RunWithInputAsync("奈良の鹿はとてもかわいいです\n", "users", "update", "--login", "madoguchi1", "--password-stdin", "--user", "admin");
        Assert.Equal(1, city.ExitCode);
        Assert.Contains("「奈良」", city.Error, StringComparison.Ordinal);
        var emoji = await cli.RunWithInputAsync("blue whale🐳\n", "users", "update", "--login", "madoguchi1", "--password-stdin", "--user", "admin");
        Assert.Equal(1, emoji.ExitCode);
        Assert.Contains("12文字以上", emoji.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunWithInputAsync("静かな湖畔の森の影から出\n", "users", "update", "--login", "madoguchi1", "--password-stdin", "--user", "admin")).ExitCode);
    }

    private static List<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Secret(string uri) =>
        new Uri(uri).Query.TrimStart('?').Split('&').Single(part => part.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..];

    private static ServiceProvider Services(CliHarness cli)
    {
        var services = new ServiceCollection();
        services.AddFukushiApp(DatabaseSettings.Parse(cli.Database));
        return services.BuildServiceProvider();
    }

    private static async Task<TotpOutcome> VerifyAsync(ServiceProvider services, string login, string code)
    {
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().FindActiveAsync(login);
        return await scope.ServiceProvider.GetRequiredService<StaffTotp>().VerifyCodeAsync(user!, code);
    }

    private async Task<CliHarness> WithAdminAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        var run = await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin");
        Assert.True(run.ExitCode == 0, run.Error);
        return cli;
    }
}
