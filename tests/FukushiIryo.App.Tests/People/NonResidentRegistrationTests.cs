using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.App.Tests.Linkage;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.People;

/// <summary>住登外者の登録 (NonResidentRegistration) on both databases, with the in-memory vault as issuer.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class NonResidentRegistrationTests(PostgresFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset RegisteredAt = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero); // 2026-11-02 10:00 JST
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-nonresident-").FullName;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_refused_form_issues_no_number_and_a_valid_one_registers_a_nonresident_that_a_later_residents_row_updates(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var vault = new FakeAtenaVault();

        await using (var db = database.Open())
        {
            var clock = new SettableClock(RegisteredAt);
            var registration = new NonResidentRegistration(db, new PersonLedger(db, clock), vault, clock);
            var refused = await registration.RegisterAsync(new NonResidentInput("生駒 冬子", "生駒", new DateOnly(2026, 11, 3), null, "630-01", " "), "madoguchi1");
            Assert.False(refused.IsSaved);
            Assert.Equal(["NameKana", "BirthDate", "Sex", "PostalCode", "Address"], refused.Problems.Select(p => p.Field));
            Assert.False(await db.Persons.AnyAsync());

            var saved = await registration.RegisterAsync(new NonResidentInput(" 生駒 冬子 ", "ｲｺﾏ ﾌﾕｺ", new DateOnly(2008, 4, 1), Sex.Female, "630-0101", "奈良県生駒市高山町1番地"), "madoguchi1");
            Assert.True(saved.IsSaved);
            // The refused form consumed no number: the first issued is the first of the range.
            Assert.Equal("9000000001", saved.AtenaNumber);
        }

        await using (var db = database.Open())
        {
            var person = await db.Persons.SingleAsync();
            Assert.Equal("9000000001", person.AtenaNumber);
            var record = await db.PersonRecords.SingleAsync(r => r.PersonId == person.Id);
            Assert.Equal(("生駒 冬子", "イコマ\u3000フユコ", "イコマフユコ", ResidencyStatus.Unregistered, "6300101", new DateOnly(2026, 11, 2), (DateOnly?)null),
                (record.Name, record.NameKana, record.NameKanaKey, record.ResidencyStatus, record.PostalCode, record.ValidFrom, record.ValidTo));
            var audit = await db.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.NonResidentRegistered);
            Assert.Equal(("madoguchi1", "person", person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.Actor, audit.SubjectType, audit.SubjectId));
            Assert.Contains("9000000001", audit.Details, StringComparison.Ordinal);
        }

        // She moves into the city and the 住基 adopts the number: the residents import updates her with history.
        var path = Path.Combine(folder, "residents.csv");
        File.WriteAllText(path, "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日\n"
            + "9000000001,0009,生駒 冬子,イコマ フユコ,2008-04-01,2,世帯主,6308501,奈良県奈良市登大路町30番地,1,転入,2026-11-05,2026-11-06\n", new UTF8Encoding(true));
        await using (var db = database.Open())
        {
            var import = new ResidentsImport(db, new SettableClock(new DateTimeOffset(2026, 11, 9, 1, 0, 0, TimeSpan.Zero)));
            var result = await import.RunAsync(new ImportRequest(path, "shinsa1", new DateOnly(2026, 11, 9)));
            Assert.Equal(ImportStatus.Imported, result.Status);
            Assert.Equal((0, 1), (result.Inserted, result.Updated));
        }

        await using (var db = database.Open())
        {
            var person = await db.Persons.SingleAsync();
            var before = await db.PersonRecords.Where(r => r.PersonId == person.Id).AsOf(new DateOnly(2026, 11, 4)).SingleAsync();
            var after = await db.PersonRecords.Where(r => r.PersonId == person.Id).AsOf(new DateOnly(2026, 11, 5)).SingleAsync();
            Assert.Equal((ResidencyStatus.Unregistered, "奈良県生駒市高山町1番地", (string?)null), (before.ResidencyStatus, before.Address, before.HouseholdNumber));
            Assert.Equal((ResidencyStatus.Registered, "奈良県奈良市登大路町30番地", (string?)"0009"), (after.ResidencyStatus, after.Address, after.HouseholdNumber));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
