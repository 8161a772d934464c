using System.Diagnostics;
using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OtpNet;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// SIGKILL during <c>renew august --step decide</c> (年度切替更新 決定, ADR 0019: household batches that each
/// commit whole) on PostgreSQL: the kill lands once the first batch has committed; every household is then
/// either as before the step or exactly as an uninterrupted run left it, and the rerun ends equal to that run.
/// </summary>
public sealed partial class FaultTests
{
    private const string RenewalApproverPassword = "seven lanterns over the river";

    [Fact]
    public async Task A_renewal_decide_killed_between_batches_leaves_no_household_half_decided_and_the_rerun_equals_an_uninterrupted_run()
    {
        // 1,000 households (≈ 2,500 recipients, 5 batches of 200): the kill waits for the first batch's commit.
        await using var killed = await CliHarness.CreateAsync("postgres", fixture);
        await using var uninterrupted = await CliHarness.CreateAsync("postgres", fixture);
        var secret = await SetUpRenewalAsync(killed, 1000);
        var otherSecret = await SetUpRenewalAsync(uninterrupted, 1000);
        var before = await HouseholdsAsync(killed);
        Assert.Equal(before, await HouseholdsAsync(uninterrupted));
        var returned = before.Count(h => h.Value.StartsWith("Returned|", StringComparison.Ordinal));
        Assert.True(returned > 500, $"{returned} households returned their form");

        string[] decide = ["renew", "august", "--year", "2027", "--step", "decide", "--password-stdin", "--user", "kessai1"];
        var whole = await uninterrupted.RunWithInputAsync(RenewalApproverPassword + "\n", [.. decide, "--totp", TotpAt(otherSecret, DateTime.UtcNow)]);
        Assert.True(whole.ExitCode == 0, whole.Error);
        var expected = await HouseholdsAsync(uninterrupted);

        var (exitCode, error) = await RunChildAsync(killed, [.. decide, "--totp", TotpAt(secret, DateTime.UtcNow)],
            exited => WaitForDecidedAsync(killed.Database, exited),
            () => WaitForNoOtherSessionAsync(killed.Database),
            RenewalApproverPassword + "\n");
        Assert.True(exitCode != 0, $"the decide step ended (exit {exitCode}) before it could be killed: {error}");

        var afterKill = await HouseholdsAsync(killed);
        var decidedBeforeKill = afterKill.Count(h => h.Value.StartsWith("Decided|", StringComparison.Ordinal));
        Assert.True(decidedBeforeKill > 0 && decidedBeforeKill < returned, $"{decidedBeforeKill} of {returned} households decided when killed");
        output.WriteLine($"killed with {decidedBeforeKill} of {returned} returned households decided ({before.Count} listed)");
        Assert.Equal(before.Keys, afterKill.Keys);
        foreach (var (head, state) in afterKill)
        {
            // Each household is whole: as before the step, or with all of the rows the uninterrupted run wrote
            // for it (item, eligibility, 所得判定, audit; a 保留 household its determinations and note).
            Assert.True(state == before[head] || state == expected[head],
                $"household {head} is half-decided:\n  now:    {state}\n  before: {before[head]}\n  after:  {expected[head]}");
        }

        // The rerun needs a code of a step the killed run did not use (a code serves once).
        var rerun = await killed.RunWithInputAsync(RenewalApproverPassword + "\n", [.. decide, "--totp", TotpAt(secret, DateTime.UtcNow.AddSeconds(30))]);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("年度切替更新 2027: 今回決定", rerun.Output, StringComparison.Ordinal);
        var final = await HouseholdsAsync(killed);
        Assert.Equal(expected, final);
        Assert.Equal(await DeterminationsAsync(uninterrupted), await DeterminationsAsync(killed));
        Assert.Equal(0, (await killed.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
    }

    /// <summary>
    /// Users admin and kessai1 (決裁, TOTP secret returned), 1,000 demo households as of 2027-07-20, and the
    /// 2027 August renewal listed with every form returned on 2027-07-10 except every 20th household's (as
    /// bench/renew-august.sh does, without rendering the forms).
    /// </summary>
    private static async Task<string> SetUpRenewalAsync(CliHarness cli, int households)
    {
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(AdminPassword + "\n", "users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理", "--password-stdin")).ExitCode);
        Assert.Equal(0, (await cli.RunWithInputAsync(RenewalApproverPassword + "\n", "users", "add", "--login", "kessai1", "--name", "決裁 一郎", "--staff-no", "5001", "--roles", "決裁", "--password-stdin", "--user", "admin")).ExitCode);
        var enrolled = await cli.RunAsync("users", "totp-enroll", "--login", "kessai1", "--user", "admin");
        Assert.True(enrolled.ExitCode == 0, enrolled.Error);
        var secret = new Uri(enrolled.Output.Split('\n')[0].Trim()).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "secret")[1];
        var seeded = await cli.RunAsync("demo", "seed", "--households", households.ToString(CultureInfo.InvariantCulture), "--seed", "1", "--as-of", "2027-07-20", "--user", "admin");
        Assert.True(seeded.ExitCode == 0, seeded.Error);

        await using var connection = await OpenAsync(cli.Database);
        await using var command = new NpgsqlCommand("""
            INSERT INTO "RenewalRuns" ("Kind", "Year", "CreatedAt", "CreatedBy") VALUES ('August', 2027, now(), 'admin');
            INSERT INTO "RenewalItems" ("RunId", "HeadRecipientId", "HeadRecipientNumber", "State", "FormSentAt", "ReturnedOn", "ReturnedAt", "ReturnedBy", "Certificates", "Losses")
            SELECT run."Id", head."Id", head."RecipientNumber",
                   CASE WHEN head."Id" % 20 = 0 THEN 'FormSent' ELSE 'Returned' END, now(),
                   CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE DATE '2027-07-10' END,
                   CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE now() END,
                   CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE 'admin' END, 0, 0
            FROM "RenewalRuns" run
            JOIN (SELECT DISTINCT CASE WHEN r."Kind" IN ('Child', 'Orphan') THEN COALESCE(r."ParentRecipientId", r."Id") ELSE r."Id" END AS "HeadId"
                  FROM "Recipients" r
                  JOIN "EligibilityRecords" e ON e."RecipientId" = r."Id"
                  WHERE e."SupersededAt" IS NULL AND e."Status" = 'Active'
                    AND e."ValidFrom" <= DATE '2027-07-31' AND (e."ValidTo" IS NULL OR e."ValidTo" > DATE '2027-07-31')) heads ON true
            JOIN "Recipients" head ON head."Id" = heads."HeadId"
            WHERE run."Kind" = 'August' AND run."Year" = 2027;
            """, connection);
        await command.ExecuteNonQueryAsync();
        return secret;
    }

    private static string TotpAt(string secret, DateTime at) =>
        new Totp(Base32Encoding.ToBytes(secret), 30, OtpHashMode.Sha1, 6).ComputeTotp(at);

    /// <summary>
    /// Each listed household (by the head's 受給者番号) as one comparable line, no ids nor instants: its
    /// renewal item, its members' eligibility rows (superseded or not) and versions, their 所得判定 and the
    /// household's 更新決定 audit events.
    /// </summary>
    private static async Task<SortedDictionary<string, string>> HouseholdsAsync(CliHarness cli)
    {
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var items = await db.RenewalItems.AsNoTracking().ToListAsync();
        var recipients = await db.Recipients.AsNoTracking().Select(r => new { r.Id, r.RecipientNumber, r.ParentRecipientId, r.PersonId, r.Version }).ToListAsync();
        var eligibility = (await db.EligibilityRecords.AsNoTracking().ToListAsync()).ToLookup(e => e.RecipientId);
        var determinations = (await db.IncomeDeterminations.AsNoTracking().ToListAsync()).ToLookup(d => d.PersonId);
        var audits = (await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.RenewalDecided).Select(e => e.SubjectId).ToListAsync())
            .CountBy(id => id ?? string.Empty).ToDictionary(p => p.Key, p => p.Value);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var members = recipients.Where(r => r.Id == item.HeadRecipientId || r.ParentRecipientId == item.HeadRecipientId).OrderBy(r => r.RecipientNumber, StringComparer.Ordinal);
            var line = new List<string>
            {
                string.Join('|', item.State, item.Outcome, item.ReturnedOn, item.DecidedBy, item.DecidedAt is null, item.Certificates, item.Losses, item.Note),
                "audit=" + audits.GetValueOrDefault(item.HeadRecipientNumber),
            };
            foreach (var member in members)
            {
                line.Add($"{member.RecipientNumber} v{member.Version}");
                line.AddRange(eligibility[member.Id].OrderBy(e => e.ValidFrom).ThenBy(e => e.SupersededAt is null).ThenBy(e => e.Id).Select(e => string.Join('|',
                    e.ValidFrom, e.ValidTo, e.Kind, e.SupersededAt is null ? "current" : "superseded", e.Status, e.ApplicationKind, e.DecidedOn, e.DecisionResult,
                    e.CertificateValidFrom, e.CertificateValidTo, e.BenefitMethod, e.PayerNumber, e.FundingShare, e.RecordedBy)));
                line.AddRange(determinations[member.PersonId].OrderBy(d => d.TaxYear).ThenBy(d => d.Id).Select(d => string.Join('|',
                    "所得判定", d.TaxYear, d.IncomeYear, d.BaseDate, d.Role, d.Column, d.Criterion, d.FundingShare, d.HighCostCategory, d.Income, d.Limit, d.Dependants, d.DeterminedBy)));
            }

            result[item.HeadRecipientNumber] = string.Join("\n    ", line);
        }

        return result;
    }

    /// <summary>Every 所得判定 (also of 扶養義務者 who are no recipient), by the person's 宛名番号.</summary>
    private static async Task<List<string>> DeterminationsAsync(CliHarness cli)
    {
        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        var atena = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.AtenaNumber);
        return (await db.IncomeDeterminations.AsNoTracking().ToListAsync())
            .Select(d => string.Join('|', atena[d.PersonId], d.TaxYear, d.IncomeYear, d.BaseDate, d.Role, d.Column, d.Criterion, d.FundingShare, d.Income, d.Limit, d.Dependants, d.Steps))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Waits until a renewal item is decided (the first batch committed), or <paramref name="done"/> ends.</summary>
    private static async Task WaitForDecidedAsync(string database, Task done)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "RenewalItems" WHERE "State" = 'Decided'""", connection);
        var clock = Stopwatch.StartNew();
        while (!done.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until no other session of the database is busy or in a transaction (the killed client's server process has rolled back; pooled idle connections do not count).</summary>
    private static async Task WaitForNoOtherSessionAsync(string database)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state IS DISTINCT FROM 'idle'", connection);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the killed decide step's server process did not end within 2 minutes");
    }

    private static async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSettings.Parse(database).Target) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
