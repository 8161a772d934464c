using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Settings;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>settings set KEY VALUE</c> (interfaces.md §7): validated, audited with old and new value, history kept; the password context words follow it.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class SettingsCommandsTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Changing_the_context_words_changes_what_a_password_may_contain(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);

        // By default 奈良 is refused, 生駒 accepted.
        Assert.Equal(1, (await cli.RunWithInputAsync("奈良の鹿はとてもかわいいです\n", "users", "update", "--login", "madoguchi1", "--password-stdin", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync("生駒の山はとても高いのです\n", "users", "update", "--login", "madoguchi1", "--password-stdin", "--user", "admin")).ExitCode);

        var set = await cli.RunAsync("settings", "set", SystemSettings.PasswordContextWords, "生駒, 市民課 ,生駒", "--user", "admin");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("変更前: 奈良,nara,子ども給付課,fukushi,福祉医療", set.Output, StringComparison.Ordinal);

        var refused = await cli.RunWithInputAsync("生駒の山はとても高いのです\n", "users", "update", "--login", "madoguchi1", "--password-stdin", "--user", "admin");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("「生駒」", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunWithInputAsync("奈良の鹿はとてもかわいいです\n", "users", "update", "--login", "madoguchi1", "--password-stdin", "--user", "admin")).ExitCode);

        var list = await cli.RunAsync("settings", "list", "--user", "admin");
        Assert.Contains($"{SystemSettings.PasswordContextWords}\t生駒,市民課\t", list.Output, StringComparison.Ordinal);

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var audit = Assert.Single(await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.SettingChanged).ToListAsync());
        Assert.Equal("admin", audit.Actor);
        Assert.Equal(SystemSettings.PasswordContextWords, audit.SubjectId);
        Assert.Contains("\"newValue\":\"生駒,市民課\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"oldValue\":\"奈良,nara,子ども給付課,fukushi,福祉医療\"", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task History_is_kept_and_bad_keys_values_and_users_are_refused(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("settings", "set", SystemSettings.CityIncomeCriterion, "partial-allowance-limits", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("settings", "set", SystemSettings.CityIncomeCriterion, "none", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("settings", "set", "no.such.key", "1", "--user", "admin")).ExitCode);
        var bad = await cli.RunAsync("settings", "set", SystemSettings.CityIncomeCriterion, "maybe", "--user", "admin");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("none または partial-allowance-limits", bad.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("settings", "set", SystemSettings.CityIncomeCriterion, "none", "--user", "madoguchi1")).ExitCode);

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var rows = await db.Set<SystemSetting>().AsNoTracking().Where(s => s.Key == SystemSettings.CityIncomeCriterion).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(["partial-allowance-limits", "none"], rows.Select(r => r.Value));
        Assert.NotNull(rows[0].SupersededAt);
        Assert.Null(rows[1].SupersededAt);
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
