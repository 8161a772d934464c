using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>apikeys add | list | disable</c> (ADR 0017): the key is printed once and only its hash kept; 決裁 and 監査 are never granted; システム管理 only; audited.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ApiKeysCommandsTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_disabled(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        var add = await cli.RunAsync("apikeys", "add", "--system", "kokuho-renkei", "--permissions", "person.search,person.view", "--user", "admin");
        Assert.True(add.ExitCode == 0, add.Error);
        var secret = add.Output.Trim();
        Assert.Equal(43, secret.Length); // 32 random bytes, base64url
        Assert.Contains("kokuho-renkei", add.Error, StringComparison.Ordinal);

        var list = await cli.RunAsync("apikeys", "list", "--user", "admin");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches("\\d+\tkokuho-renkei\tperson.search,person.view\t\\d{4}-\\d{2}-\\d{2}\t\t有効", list.Output);
        Assert.DoesNotContain(secret, list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeys.Hash(secret), list.Output, StringComparison.Ordinal);

        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            var key = await db.ApiKeys.AsNoTracking().SingleAsync();
            Assert.Equal(ApiKeys.Hash(secret), key.KeyHash);
            Assert.NotNull(await new ApiKeys(db, TimeProvider.System).FindUsableAsync(secret));
            var created = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.EventType == AuditEventType.ApiKeyCreated);
            Assert.Equal("admin", created.Actor);
            Assert.DoesNotContain(secret, created.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(key.KeyHash, created.Details, StringComparison.Ordinal);

            var disable = await cli.RunAsync("apikeys", "disable", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "admin");
            Assert.True(disable.ExitCode == 0, disable.Error);
            Assert.Equal(1, (await cli.RunAsync("apikeys", "disable", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "admin")).ExitCode);
        }

        Assert.Contains("\t無効", (await cli.RunAsync("apikeys", "list", "--user", "admin")).Output, StringComparison.Ordinal);
        await using var after = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        Assert.Null(await new ApiKeys(after, TimeProvider.System).FindUsableAsync(secret));
        Assert.Equal(1, await after.AuditEvents.CountAsync(e => e.EventType == AuditEventType.ApiKeyDisabled));
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Decision_audit_and_unknown_permissions_and_other_roles_are_refused(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        foreach (var permission in new[] { "application.decide", "audit.view", "audit.verify", "users.manage", "no.such" })
        {
            var refused = await cli.RunAsync("apikeys", "add", "--system", "greedy", "--permissions", "person.search," + permission, "--user", "admin");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains(permission, refused.Error, StringComparison.Ordinal);
        }

        Assert.Equal(1, (await cli.RunAsync("apikeys", "add", "--system", "名前", "--permissions", "person.search", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("apikeys", "add", "--system", "x", "--permissions", "person.search", "--user", "madoguchi1")).ExitCode);

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        Assert.Equal(0, await db.ApiKeys.CountAsync());
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
