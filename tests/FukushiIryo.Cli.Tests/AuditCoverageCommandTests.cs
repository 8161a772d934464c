using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// Issue 7 §1: walks the CLI's commands against one database and checks that each wrote its typed
/// event, as its acting user, with the run's correlation id; then the chain verifies.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AuditCoverageCommandTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Every_command_writes_its_event_with_its_actor_and_correlation_id()
    {
        await using var cli = await CliHarness.CreateAsync("sqlite", fixture);
        var folder = Path.GetDirectoryName(cli.AnchorFile)!;
        var files = Path.Combine(folder, "demo-files");
        var steps = new (string[] Args, string Stdin, string EventType, string Actor)[]
        {
            (["db", "migrate"], "", AuditEventType.DbMigrated, "system"),
            (["users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin"], "correct horse battery staple\n", AuditEventType.UserCreated, "admin"),
            (["users", "add", "--login", "shinsa1", "--name", "審査 一子", "--staff-no", "3001", "--roles", "審査,窓口", "--user", "admin"], "", AuditEventType.UserCreated, "admin"),
            (["users", "update", "--login", "shinsa1", "--password-stdin", "--user", "admin"], "seven lanterns over the river\n", AuditEventType.UserPasswordSet, "admin"),
            (["users", "update", "--login", "shinsa1", "--roles", "審査,窓口,監査", "--user", "admin"], "", AuditEventType.UserUpdated, "admin"),
            (["users", "disable", "--login", "shinsa1", "--user", "admin"], "", AuditEventType.UserDisabled, "admin"),
            (["users", "enable", "--login", "shinsa1", "--user", "admin"], "", AuditEventType.UserEnabled, "admin"),
            (["users", "list", "--user", "admin"], "", AuditEventType.UserListed, "admin"),
            (["users", "totp-enroll", "--login", "shinsa1", "--user", "admin"], "", AuditEventType.UserTotpEnrolled, "admin"),
            (["settings", "set", "eligibility.city-income-criterion", "none", "--user", "admin"], "", AuditEventType.SettingChanged, "admin"),
            (["demo", "seed", "--households", "15", "--seed", "3", "--files", files, "--user", "admin"], "", AuditEventType.DemoSeeded, "admin"),
            (["import", "residents", Path.Combine(files, "residents-changes.csv"), "--user", "shinsa1"], "", AuditEventType.ResidentsImported, "shinsa1"),
            (["import", "tax", Path.Combine(files, "tax.csv"), "--user", "shinsa1"], "", AuditEventType.TaxImported, "shinsa1"),
            (["audit", "scan", "--user", "shinsa1"], "", AuditEventType.MyNumberScanned, "shinsa1"),
            (["audit", "verify", "--user", "admin"], "", AuditEventType.AuditVerified, "admin"),
        };

        foreach (var (args, stdin, eventType, actor) in steps)
        {
            long before;
            await using (var db = OpenIfExists(cli))
            {
                before = db is null ? 0 : await db.AuditEvents.Select(e => (long?)e.Sequence).MaxAsync() ?? 0;
            }

            var run = await cli.RunWithInputAsync(stdin, args);
            Assert.True(run.ExitCode is 0, $"{string.Join(' ', args)}: {run.ExitCode} {run.Error} {run.Output}");
            await using var check = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
            var written = await check.AuditEvents.AsNoTracking().Where(e => e.Sequence > before).OrderBy(e => e.Sequence).ToListAsync();
            var wanted = written.FirstOrDefault(e => e.EventType == eventType);
            Assert.True(wanted is not null, $"{string.Join(' ', args)} wrote no {eventType} (wrote {string.Join(", ", written.Select(e => e.EventType))})");
            Assert.Equal(actor, wanted.Actor);
            Assert.All(written, e => Assert.StartsWith("cli-", e.CorrelationId, StringComparison.Ordinal));
            Assert.Single(written.Select(e => e.CorrelationId).Distinct());
        }

        Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    private static FukushiDbContext? OpenIfExists(CliHarness cli)
    {
        var settings = DatabaseSettings.Parse(cli.Database);
        return File.Exists(settings.Target) ? FukushiDatabase.Open(settings) : null;
    }
}
