using FukushiIryo.App.Data;
using FukushiIryo.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary><c>db migrate</c> and the <c>users</c> commands with every exit code of interfaces.md §7, on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class UsersCommandsTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Db_migrate_creates_the_database_and_a_second_run_changes_nothing(string provider)
    {
        await using var cli = await CliHarness.CreateAsync(provider, fixture);
        var first = await cli.RunAsync("db", "migrate");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("更新しました", first.Output, StringComparison.Ordinal);
        var second = await cli.RunAsync("db", "migrate");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("最新", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_migrate_of_a_database_ordered_by_a_linguistic_collation_warns_and_still_succeeds()
    {
        // ADR 0042: a database created as ja_JP would order kana lists unlike SQLite; db migrate says so on
        // standard error and how to create it, and exits 0 (a warning, not a refusal).
        await using var ordered = await CliHarness.CreateAsync("postgres", fixture, postgresCollation: "ja-JP");
        var run = await ordered.RunAsync("db", "migrate");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("照合順序 ja-JP (ICU)", run.Error, StringComparison.Ordinal);
        Assert.Contains("createdb --locale=C.UTF-8", run.Error, StringComparison.Ordinal);

        await using var plain = await CliHarness.CreateAsync("postgres", fixture, postgresCollation: "C");
        var quiet = await plain.RunAsync("db", "migrate");
        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotContain("照合順序", quiet.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_migrate_of_a_postgres_database_that_does_not_exist_exits_4()
    {
        await using var cli = await CliHarness.CreateAsync("postgres", fixture, createPostgresDatabase: false);
        var run = await cli.RunAsync("db", "migrate");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("接続できません", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_on_a_missing_sqlite_database_exits_4_and_creates_nothing()
    {
        await using var cli = await CliHarness.CreateAsync("sqlite", fixture);
        var run = await cli.RunAsync("users", "list", "--user", "admin");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("db migrate", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Database["sqlite:".Length..]));
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task The_first_account_needs_no_user_but_must_hold_system_admin(string provider)
    {
        await using var cli = await MigratedAsync(provider);
        var counterOnly = await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口");
        Assert.Equal(3, counterOnly.ExitCode);

        var admin = await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin");
        Assert.Equal(0, admin.ExitCode);

        // Once an account exists, --user is required and must hold システム管理.
        var noUser = await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口");
        Assert.Equal(3, noUser.ExitCode);
        var byAdmin = await cli.RunAsync("users", "add", "--login", "madoguchi1", "--name", "窓口 一郎", "--staff-no", "1001", "--roles", "窓口", "--user", "admin");
        Assert.Equal(0, byAdmin.ExitCode);
        var byCounter = await cli.RunAsync("users", "add", "--login", "madoguchi2", "--name", "窓口 二郎", "--staff-no", "1002", "--roles", "窓口", "--user", "madoguchi1");
        Assert.Equal(3, byCounter.ExitCode);
        Assert.Contains("権限がありません", byCounter.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Usage_errors_exit_2_and_rejected_input_exits_1(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(2, (await cli.RunAsync("users", "add", "--login", "x1", "--name", "x", "--staff-no", "2001", "--roles", "部長", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("users", "add", "--login", "x1", "--name", "x", "--staff-no", "2001", "--roles", "窓口", "--colour", "red", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("users", "add", "--login", "x1", "--name", "x", "--staff-no", "2001", "--roles", "窓口", "--valid-to", "2026-13-45", "--user", "admin")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("users", "frobnicate")).ExitCode);

        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "shinsa1", "--name", "審査 一子", "--staff-no", "3001", "--roles", "審査", "--user", "admin")).ExitCode);
        var sameLogin = await cli.RunAsync("users", "add", "--login", "shinsa1", "--name", "別人", "--staff-no", "3002", "--roles", "審査", "--user", "admin");
        Assert.Equal(1, sameLogin.ExitCode);
        var sameStaffNumber = await cli.RunAsync("users", "add", "--login", "shinsa2", "--name", "審査 一子", "--staff-no", "3001", "--roles", "審査", "--user", "admin");
        Assert.Equal(1, sameStaffNumber.ExitCode);
        Assert.Contains("共用ID", sameStaffNumber.Error, StringComparison.Ordinal);
        var shortPassword = await cli.RunWithInputAsync("short\n", "users", "update", "--login", "shinsa1", "--password-stdin", "--user", "admin");
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("12文字以上", shortPassword.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.RunAsync("users", "enable", "--login", "nobody", "--user", "admin")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Passwords_are_stored_as_pbkdf2_hmac_sha512_with_at_least_210000_iterations(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        var run = await cli.RunWithInputAsync("long enough password 1\n", "users", "add", "--login", "shiharai1", "--name", "支払 太郎", "--staff-no", "4001", "--roles", "支払", "--password-stdin", "--user", "admin");
        Assert.Equal(0, run.ExitCode);

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var user = await db.Users.SingleAsync(u => u.UserName == "shiharai1");
        var hash = Convert.FromBase64String(user.PasswordHash!);
        Assert.Equal(0x01, hash[0]); // Identity V3 format
        var prf = (hash[1] << 24) | (hash[2] << 16) | (hash[3] << 8) | hash[4];
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8];
        Assert.Equal((int)KeyDerivationPrfSha512, prf);
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
        Assert.DoesNotContain("long enough password 1", user.PasswordHash, StringComparison.Ordinal);
        Assert.True(user.MustChangePassword, "a password set by an administrator must be changed at the next login");
        var verified = new PasswordHasher<FukushiIryo.App.Security.StaffUser>().VerifyHashedPassword(user, user.PasswordHash!, "long enough password 1");
        Assert.NotEqual(PasswordVerificationResult.Failed, verified);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Disabled_and_expired_accounts_cannot_act_and_roles_can_be_replaced(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "admin2", "--name", "管理 二郎", "--staff-no", "9002", "--roles", "システム管理", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "list", "--user", "admin2")).ExitCode);

        Assert.Equal(0, (await cli.RunAsync("users", "disable", "--login", "admin2", "--user", "admin")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("users", "list", "--user", "admin2")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "enable", "--login", "admin2", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "list", "--user", "admin2")).ExitCode);

        // 異動: roles replaced → no longer an administrator.
        Assert.Equal(0, (await cli.RunAsync("users", "update", "--login", "admin2", "--roles", "窓口,審査", "--user", "admin")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("users", "list", "--user", "admin2")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "update", "--login", "admin2", "--roles", "システム管理", "--user", "admin")).ExitCode);

        // 退職: validity ended yesterday → cannot act.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "taishoku", "--name", "退職 予定", "--staff-no", "9003", "--roles", "システム管理", "--valid-from", "2020-04-01", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "update", "--login", "taishoku", "--valid-to", yesterday, "--user", "admin")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("users", "list", "--user", "taishoku")).ExitCode);

        var list = await cli.RunAsync("users", "list", "--user", "admin");
        Assert.Equal(0, list.ExitCode);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ログインID\t氏名", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("admin2\t管理 二郎\t9002\tシステム管理\t", StringComparison.Ordinal) && line.Contains("\t有効\t", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("taishoku\t", StringComparison.Ordinal) && line.Contains("\t期間外\t", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Every_users_command_writes_its_audit_event_and_the_chain_verifies(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "kansa1", "--name", "監査 一美", "--staff-no", "5001", "--roles", "監査", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "disable", "--login", "kansa1", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "enable", "--login", "kansa1", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "update", "--login", "kansa1", "--roles", "監査", "--user", "admin")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "list", "--user", "admin")).ExitCode);

        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            var types = await db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.EventType).ToListAsync();
            Assert.Equal(
                ["db.migrated", "user.created", "user.created", "user.disabled", "user.enabled", "user.updated", "user.listed"],
                types);
            var created = await db.AuditEvents.Where(e => e.EventType == "user.created" && e.SubjectId == "kansa1").SingleAsync();
            Assert.Equal("admin", created.Actor);
        }

        var verify = await cli.RunAsync("audit", "verify", "--user", "kansa1");
        Assert.Equal(0, verify.ExitCode);
        Assert.True(File.Exists(cli.AnchorFile));
        Assert.Equal(3, (await cli.RunAsync("audit", "verify", "--user", "nobody")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Audit_verify_exits_1_and_names_the_sequence_of_an_edited_event(string provider)
    {
        await using var cli = await WithAdminAsync(provider);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "kansa1", "--name", "監査 一美", "--staff-no", "5001", "--roles", "監査", "--user", "admin")).ExitCode);
        await using (var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database)))
        {
            var target = await db.AuditEvents.Where(e => e.EventType == "user.created" && e.SubjectId == "kansa1").Select(e => e.Sequence).SingleAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Actor\" = 'someone' WHERE \"Sequence\" = {target}");
        }

        var verify = await cli.RunAsync("audit", "verify", "--user", "kansa1");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("連番 3", verify.Output, StringComparison.Ordinal);
    }

    private const int KeyDerivationPrfSha512 = 2;

    private async Task<CliHarness> MigratedAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        return cli;
    }

    private async Task<CliHarness> WithAdminAsync(string provider)
    {
        var cli = await MigratedAsync(provider);
        var run = await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin");
        Assert.True(run.ExitCode == 0, run.Error);
        return cli;
    }
}

/// <summary><c>db migrate</c> loads the shipped bank and postal data into empty tables, once.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DbMigrateReferenceDataTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Db_migrate_loads_the_shipped_reference_data_once()
    {
        await using var cli = await CliHarness.CreateAsync("sqlite", fixture);
        cli.LoadReferenceData = true;
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        Assert.Equal(1146, await db.Banks.CountAsync());
        Assert.Equal(31219, await db.BankBranches.CountAsync());
        Assert.True(await db.PostalAddresses.CountAsync(a => a.PostalCode == "6308012") >= 1);
    }
}
