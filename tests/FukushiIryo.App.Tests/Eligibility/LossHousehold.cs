using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Eligibility;

/// <summary>
/// A 福祉世帯 for the loss tests: a mother (born 1990-05-20) and two children born on 2008-04-01
/// and 2008-04-02 (either side of the 18歳到達年度末 boundary), all eligible from 2025-08-01, with
/// the shipped LossRule defaults.
/// </summary>
internal sealed record LossHousehold(long HouseholdId, long Parent, long ChildA, long ChildB, long ParentPerson, long ChildAPerson, long ChildBPerson)
{
    public static readonly DateOnly Acquired = new(2025, 8, 1);
    public static readonly DateTimeOffset Seeded = new(2025, 8, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<LossHousehold> SeedAsync(TestDatabase database)
    {
        await using var db = database.Open();
        await EligibilityMasters.AddMissingDefaultsAsync(db, Seeded);
        var household = new WelfareHousehold { CreatedAt = Seeded, Version = 1 };
        db.Households.Add(household);
        await db.SaveChangesAsync();
        var (parentPerson, parent) = await AddAsync(db, household.Id, "000101", "奈良 花子", "ナラ ハナコ", new DateOnly(1990, 5, 20), RecipientKind.Parent, "1000017", null, "本人");
        var (aPerson, a) = await AddAsync(db, household.Id, "000102", "奈良 一郎", "ナラ イチロウ", new DateOnly(2008, 4, 1), RecipientKind.Child, "1000025", parent, "子");
        var (bPerson, b) = await AddAsync(db, household.Id, "000103", "奈良 二郎", "ナラ ジロウ", new DateOnly(2008, 4, 2), RecipientKind.Child, "1000033", parent, "子");
        return new LossHousehold(household.Id, parent, a, b, parentPerson, aPerson, bPerson);
    }

    public static async Task<long> RaiseCandidateAsync(TestDatabase database, long recipientId, long personId, string cause, DateOnly eventDate)
    {
        await using var db = database.Open();
        var file = new ImportedFile { Kind = "residents", FileName = "juki.csv", Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), ImportedAt = Seeded, ImportedBy = "shinsa1" };
        db.ImportedFiles.Add(file);
        await db.SaveChangesAsync();
        var candidate = new LossCandidate { RecipientId = recipientId, PersonId = personId, Cause = cause, EventDate = eventDate, ImportedFileId = file.Id, RaisedAt = Seeded, Status = LossCandidateStatus.Open };
        db.LossCandidates.Add(candidate);
        await db.SaveChangesAsync();
        return candidate.Id;
    }

    /// <summary>The recipient's current eligibility rows, oldest first.</summary>
    public static async Task<List<EligibilityRecord>> EligibilityAsync(TestDatabase database, long recipientId)
    {
        await using var db = database.Open();
        return await db.EligibilityRecords.AsNoTracking().Where(e => e.RecipientId == recipientId).Current().OrderBy(e => e.ValidFrom).ToListAsync();
    }

    /// <summary>The 喪失日 recorded for the recipient (null while eligible).</summary>
    public static async Task<DateOnly?> LostOnAsync(TestDatabase database, long recipientId) =>
        (await EligibilityAsync(database, recipientId)).Last() is { Status: EligibilityStatus.Lost } last ? last.LostOn : null;

    public static async Task<Dictionary<long, long>> VersionsAsync(TestDatabase database, LossPlan plan)
    {
        await using var db = database.Open();
        var ids = plan.Losses.Select(l => l.RecipientId).ToList();
        return await db.Recipients.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Version);
    }

    private static async Task<(long PersonId, long RecipientId)> AddAsync(
        FukushiDbContext db, long householdId, string atena, string name, string kana, DateOnly birth, RecipientKind kind, string number, long? parent, string relation)
    {
        var person = await new PersonLedger(db, new SettableClock(Seeded)).RegisterAsync(atena, new PersonRecord
        {
            Name = name,
            NameKana = kana,
            NameKanaKey = kana.Replace(" ", string.Empty, StringComparison.Ordinal),
            BirthDate = birth,
            Sex = Sex.Female,
            ResidencyStatus = ResidencyStatus.Registered,
            PostalCode = "6308580",
            Address = "奈良県奈良市二条大路南一丁目1番1号",
            HouseholdNumber = "H0001",
            RegistryRelationship = kind == RecipientKind.Parent ? "世帯主" : "子",
        }, birth, "madoguchi1");
        var recipient = new Recipient { PersonId = person.Id, RecipientNumber = number, Kind = kind, ParentRecipientId = parent, HouseholdId = householdId, CreatedAt = Seeded, Version = 1 };
        db.Recipients.Add(recipient);
        await db.SaveChangesAsync();
        History.PlanStart(new EligibilityRecord
        {
            RecipientId = recipient.Id,
            Status = EligibilityStatus.Active,
            ApplicationKind = ApplicationKind.New,
            AppliedOn = Acquired,
            AcquiredOn = Acquired,
            DecidedOn = Acquired,
            DecisionResult = DecisionResult.Granted,
            PayerNumber = "86290016",
        }, Acquired, Seeded, "madoguchi1").ApplyTo(db, Seeded);
        History.PlanStart(new HouseholdMember
        {
            HouseholdId = householdId,
            PersonId = person.Id,
            RegistryRelationship = kind == RecipientKind.Parent ? "世帯主" : "子",
            RelationshipToChild = kind == RecipientKind.Parent ? "母" : "本人",
            RelationshipToRecipient = relation,
        }, Acquired, Seeded, "madoguchi1").ApplyTo(db, Seeded);
        await db.SaveChangesAsync();
        return (person.Id, recipient.Id);
    }
}
