using System.Text.Json;
using FukushiIryo.App;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.Atena;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// <c>pmh export --out FILE [--since DATE]</c> (interfaces.md §6–§7, 宛名管理) through the real 宛名 vault on
/// both databases: the 個人番号 revealed into the file only, a person without one listed on stderr, the
/// role check, the refusal while the 機関別受給者証種別ID is unset, and an audit chain that still verifies.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PmhCommandsTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Recorded = new(2026, 6, 10, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(CliHarness.Providers), MemberType = typeof(CliHarness))]
    public async Task The_export_writes_the_vaults_number_and_lists_the_person_without_one(string provider)
    {
        await using var cli = await WithDataAsync(provider);
        var number = Enumerable.Range(0, 10).Select(d => "56789012345" + d).Single(MyNumber.IsValid);
        await LinkAsync(cli, "000101", MyNumber.Parse(number));
        var file = Path.Combine(Path.GetTempPath(), $"pmh-{Guid.NewGuid():N}.json");
        try
        {
            var refused = await cli.RunAsync("pmh", "export", "--out", file, "--user", "atena1");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("pmh.certificate-type-id", refused.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(file));
            Assert.Equal(0, (await cli.RunAsync("settings", "set", "pmh.certificate-type-id", "NARA0001", "--user", "admin")).ExitCode);

            Assert.Equal(3, (await cli.RunAsync("pmh", "export", "--out", file, "--user", "madoguchi")).ExitCode);
            Assert.Equal(2, (await cli.RunAsync("pmh", "export", "--out", file, "--since", "2026/07/01", "--user", "atena1")).ExitCode);

            var run = await cli.RunAsync("pmh", "export", "--out", file, "--user", "atena1");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("登録・更新 1件、削除 0件", run.Output, StringComparison.Ordinal);
            Assert.Contains("個人番号が登録されていないため出力しなかった人: 1人（宛名番号: 000102）", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(number, run.Output + run.Error, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            var record = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal((number, "1000017", "NARA0001"),
                (record.GetProperty("myNumber").GetString(), record.GetProperty("medicalSubsidyRecipientNumber").GetString(), record.GetProperty("orgSpecificCertificateTypeId").GetString()));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == "pmh.exported" && e.Actor == "atena1"));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == "atena.revealed" && e.Actor == "atena1"));
            Assert.Equal(0, (await cli.RunAsync("audit", "verify", "--user", "admin")).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task LinkAsync(CliHarness cli, string atena, MyNumber number)
    {
        var services = new ServiceCollection().AddFukushiApp(DatabaseSettings.Parse(cli.Database))
            .AddAtenaVault(AtenaSettings.Resolve(cli.AtenaDatabase, cli.AtenaKeyDirectory, _ => null));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAtenaVault>().LinkAsync(atena, number, "atena1");
    }

    private async Task<CliHarness> WithDataAsync(string provider)
    {
        var cli = await CliHarness.CreateAsync(provider, fixture);
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", "admin", "--name", "管理 花子", "--staff-no", "9001", "--roles", "システム管理")).ExitCode);
        foreach (var (login, role, staff) in new[] { ("madoguchi", "窓口", "1001"), ("atena1", "宛名管理", "8001") })
        {
            Assert.Equal(0, (await cli.RunAsync("users", "add", "--login", login, "--name", role + " 職員", "--staff-no", staff, "--roles", role, "--user", "admin")).ExitCode);
        }

        await using var db = FukushiDatabase.Open(DatabaseSettings.Parse(cli.Database));
        foreach (var (atena, recipientNumber) in new[] { ("000101", "1000017"), ("000102", "1000025") })
        {
            var person = new Person { AtenaNumber = atena, CreatedAt = Recorded, Version = 1 };
            db.Persons.Add(person);
            await db.SaveChangesAsync();
            db.PersonRecords.Add(new PersonRecord
            {
                PersonId = person.Id, Name = "試験 " + atena, NameKana = "シケン", NameKanaKey = "シケン", BirthDate = new DateOnly(1990, 4, 2), Sex = Sex.Female,
                ResidencyStatus = ResidencyStatus.Registered, Address = "奈良市二条大路南一丁目1-1", ValidFrom = new DateOnly(2020, 1, 1), RecordedAt = Recorded, RecordedBy = "test",
            });
            var recipient = new Recipient { PersonId = person.Id, Kind = RecipientKind.Parent, RecipientNumber = recipientNumber, CreatedAt = Recorded, Version = 1 };
            db.Recipients.Add(recipient);
            await db.SaveChangesAsync();
            db.EligibilityRecords.Add(new EligibilityRecord
            {
                RecipientId = recipient.Id, Status = EligibilityStatus.Active, ApplicationKind = ApplicationKind.New, DecisionResult = DecisionResult.Granted,
                CertificateValidFrom = new DateOnly(2025, 8, 1), CertificateValidTo = new DateOnly(2026, 7, 31), PayerNumber = "86290016",
                BenefitMethod = BenefitMethod.InKind, ValidFrom = new DateOnly(2025, 8, 1), RecordedAt = Recorded, RecordedBy = "test",
            });
            await db.SaveChangesAsync();
        }

        return cli;
    }
}
