using System.CommandLine;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using Microsoft.Extensions.DependencyInjection;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// 決裁 acts in the CLI (interfaces.md §7): the acting user's password on stdin and a current TOTP
/// code, single-use (a replay exits 3), failures counting toward the lockout. No shipped command is
/// a 決裁 act yet (payments approve and the renewal's decide step come later), so a probe command
/// built exactly as they will be is added to the real command tree.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ApprovalAuthenticationTests(PostgresFixture fixture)
{
    private const string AdminPassword = "correct horse battery staple";
    private const string ApproverPassword = "seven lanterns over the river";

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task The_password_and_a_fresh_code_pass_and_the_same_code_again_exits_3(string provider)
    {
        await using var cli = await WithApproverAsync(provider);
        var code = Code(cli.ApproverSecret!);

        var first = await Probe(cli, ApproverPassword + "\n", "--totp", code);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal("approved\n", first.Output.Replace("\r\n", "\n", StringComparison.Ordinal));

        var replay = await Probe(cli, ApproverPassword + "\n", "--totp", code);
        Assert.Equal(3, replay.ExitCode);
        Assert.Contains("使用済み", replay.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, replay.Output);

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Actor == "kessai1").OrderBy(e => e.Sequence).ToListAsync();
        var passed = Assert.Single(events, e => e.EventType == AuditEventType.StepUpSucceeded);
        Assert.Contains("\"purpose\":\"probe approve\"", passed.Details, StringComparison.Ordinal);
        Assert.StartsWith("cli-", passed.CorrelationId, StringComparison.Ordinal);
        Assert.Contains(events, e => e.EventType == AuditEventType.TotpReplayed);
        Assert.DoesNotContain(events, e => e.Details.Contains(ApproverPassword, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task Missing_or_wrong_credentials_exit_3_and_count_toward_the_lockout(string provider)
    {
        await using var cli = await WithApproverAsync(provider);
        Assert.Equal(2, (await Probe(cli, ApproverPassword + "\n")).ExitCode); // --totp is required: usage
        Assert.Equal(3, (await Probe(cli, "\n", "--totp", Code(cli.ApproverSecret!))).ExitCode);
        Assert.Equal(3, (await Probe(cli, ApproverPassword + "\n", "--totp", "000000")).ExitCode);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(3, (await Probe(cli, "wrong password " + attempt + "\n", "--totp", Code(cli.ApproverSecret!))).ExitCode);
        }

        // Locked now: the right password and a right code do not get through.
        var locked = await Probe(cli, ApproverPassword + "\n", "--totp", Code(cli.ApproverSecret!));
        Assert.Equal(3, locked.ExitCode);
        Assert.Contains("ロック", locked.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task A_user_without_the_role_is_refused_before_any_password_is_read(string provider)
    {
        await using var cli = await WithApproverAsync(provider);
        var run = await Probe(cli, AdminPassword + "\n", "--totp", "123456", user: "admin");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("権限がありません", run.Error, StringComparison.Ordinal);
    }

    private static Task<CliRun> Probe(ApproverHarness cli, string stdin, string? totpOption = null, string? totp = null, string user = "kessai1")
    {
        string[] args = totpOption is null
            ? ["probe-approve", "--password-stdin", "--user", user]
            : ["probe-approve", "--password-stdin", totpOption, totp!, "--user", user];
        return cli.RunWithRootAsync(stdin, AddProbe, args);
    }

    /// <summary>A 決裁 act as the shipped ones are built: role check, then <see cref="CliApproval"/>.</summary>
    private static void AddProbe(RootCommand root, GlobalOptions options, CliEnvironment environment)
    {
        var approval = new CliApproval();
        var command = new Command("probe-approve");
        approval.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken);
            // The shipped acts check their command's permission with RequireUserAsync; the probe has no
            // entry in CliPermissions, so it checks a permission the 決裁 role holds and システム管理 does not.
            var accounts = session.Services.GetRequiredService<StaffAccounts>();
            var user = await accounts.FindActiveAsync(parsed.GetValue(options.User)!, cancellationToken);
            if (user is null || !Permissions.Allows(Permissions.PersonView, await accounts.RolesOfAsync(user)))
            {
                throw new CliExitException(ExitCodes.NotPermitted, "権限がありません");
            }

            await approval.RequireAsync(parsed, session, user, "probe approve", cancellationToken);
            await environment.Out.WriteLineAsync("approved");
            return 0;
        });
        root.Subcommands.Add(command);
    }

    private static string Code(string secret) =>
        new Totp(Base32Encoding.ToBytes(secret), 30, OtpHashMode.Sha1, 6).ComputeTotp(DateTime.UtcNow);

    private async Task<ApproverHarness> WithApproverAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        var added = await cli.RunWithInputAsync(ApproverPassword + "\n", "users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--password-stdin", "--user", "admin");
        Assert.True(added.ExitCode == 0, added.Error);
        var enrolled = await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "admin");
        Assert.True(enrolled.ExitCode == 0, enrolled.Error);
        var uri = enrolled.Output.Split('\n')[0].Trim();
        var secret = new Uri(uri).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "secret")[1];
        return new ApproverHarness(cli, secret);
    }

    private sealed class ApproverHarness(CliHarness cli, string secret) : IAsyncDisposable
    {
        public string? ApproverSecret { get; } = secret;

        public string Database => cli.Database;

        internal Task<CliRun> RunWithRootAsync(string stdin, Action<RootCommand, GlobalOptions, CliEnvironment> extend, params string[] args) =>
            cli.RunWithRootAsync(stdin, extend, args);

        public ValueTask DisposeAsync() => cli.DisposeAsync();
    }
}
