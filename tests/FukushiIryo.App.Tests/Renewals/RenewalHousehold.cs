using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Renewals;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Renewals;

/// <summary>
/// Households for the renewal tests: a parent (or carer) and children, each eligible from
/// 2025-08-01 with a certificate of the 2026-08-01 – 2027-07-31 year, with the shipped masters.
/// A child may be recorded as already lost (年齢到達 on <c>lostOn</c>).
/// </summary>
internal static class RenewalHousehold
{
    public static readonly DateOnly Acquired = new(2025, 8, 1);
    public static readonly DateTimeOffset Seeded = new(2025, 8, 1, 0, 0, 0, TimeSpan.Zero);
    private static int serial;

    public sealed record Child(string Number, DateOnly BirthDate, DateOnly? LostOn = null);

    public sealed record Home(long Parent, string ParentNumber, IReadOnlyDictionary<string, long> Children);

    public static async Task LoadMastersAsync(TestDatabase database)
    {
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Seeded);
    }

    public static async Task<Home> SeedAsync(TestDatabase database, string parentNumber, params Child[] children)
    {
        await using var db = database.Open();
        var household = new WelfareHousehold { CreatedAt = Seeded, Version = 1 };
        db.Households.Add(household);
        await db.SaveChangesAsync();
        var householdNumber = "H" + parentNumber;
        var parent = await AddAsync(db, household.Id, householdNumber, "奈良 花子" + parentNumber[^2..], new DateOnly(1988, 5, 20), RecipientKind.Parent, parentNumber, null, null);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            ids[child.Number] = await AddAsync(db, household.Id, householdNumber, "奈良 子" + child.Number[^2..], child.BirthDate, RecipientKind.Child, child.Number, parent, child.LostOn);
        }

        return new Home(parent, parentNumber, ids);
    }

    /// <summary>The recipient's current eligibility rows, oldest first.</summary>
    public static async Task<List<EligibilityRecord>> RowsAsync(TestDatabase database, long recipientId)
    {
        await using var db = database.Open();
        return await db.EligibilityRecords.AsNoTracking().Where(e => e.RecipientId == recipientId).Current().OrderBy(e => e.ValidFrom).ToListAsync();
    }

    /// <summary>What a rerun must leave alone: every eligibility row (current or not), the audit events of changes, the items' states.</summary>
    public static async Task<(int Rows, int Changes, string Items)> FootprintAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var rows = await db.EligibilityRecords.CountAsync();
        string[] changes = [AuditEventType.EligibilityLost, AuditEventType.RenewalDecided, AuditEventType.RenewalFormsSent, AuditEventType.RenewalFormReturned, AuditEventType.IncomeDetermined];
        var audits = await db.AuditEvents.CountAsync(e => changes.Contains(e.EventType));
        var items = await db.RenewalItems.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.HeadRecipientNumber, i.State, i.Outcome, i.Certificates, i.Losses }).ToListAsync();
        return (rows, audits, string.Join(";", items.Select(i => $"{i.HeadRecipientNumber}:{i.State}:{i.Outcome}:{i.Certificates}:{i.Losses}")));
    }

    public static async Task<RenewalItem> ItemAsync(TestDatabase database, RenewalKind kind, int year, string headNumber)
    {
        await using var db = database.Open();
        var run = await db.RenewalRuns.AsNoTracking().SingleAsync(r => r.Kind == kind && r.Year == year);
        return await db.RenewalItems.AsNoTracking().SingleAsync(i => i.RunId == run.Id && i.HeadRecipientNumber == headNumber);
    }

    private static async Task<long> AddAsync(
        FukushiDbContext db, long householdId, string householdNumber, string name, DateOnly birth, RecipientKind kind, string number, long? parent, DateOnly? lostOn)
    {
        var atena = (Interlocked.Increment(ref serial) + 500000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var person = await new PersonLedger(db, new SettableClock(Seeded)).RegisterAsync(atena, new PersonRecord
        {
            Name = name,
            NameKana = "ナラ",
            NameKanaKey = "ナラ",
            BirthDate = birth,
            Sex = Sex.Female,
            ResidencyStatus = ResidencyStatus.Registered,
            PostalCode = "6308580",
            Address = "奈良県奈良市二条大路南一丁目1番1号",
            HouseholdNumber = householdNumber,
            RegistryRelationship = kind == RecipientKind.Parent ? "世帯主" : "子",
        }, birth, "madoguchi1");
        var recipient = new Recipient { PersonId = person.Id, RecipientNumber = number, Kind = kind, ParentRecipientId = parent, HouseholdId = householdId, CreatedAt = Seeded, Version = 1 };
        db.Recipients.Add(recipient);
        await db.SaveChangesAsync();
        var isParent = kind == RecipientKind.Parent;
        History.PlanStart(new EligibilityRecord
        {
            RecipientId = recipient.Id,
            Status = EligibilityStatus.Active,
            ApplicationKind = ApplicationKind.New,
            AppliedOn = Acquired,
            AcquiredOn = Acquired,
            DecidedOn = Acquired,
            DecisionResult = DecisionResult.Granted,
            CertificateValidFrom = new DateOnly(2026, 8, 1),
            CertificateValidTo = new DateOnly(2027, 7, 31),
            BenefitMethod = isParent ? BenefitMethod.AutoReimbursement : BenefitMethod.InKind,
            PayerNumber = isParent ? "90290024" : "90290016",
            FundingShare = FundingShare.City,
        }, Acquired, Seeded, "madoguchi1").ApplyTo(db, Seeded);
        History.PlanStart(new HouseholdMember
        {
            HouseholdId = householdId,
            PersonId = person.Id,
            RegistryRelationship = isParent ? "世帯主" : "子",
            RelationshipToChild = isParent ? "母" : "本人",
            RelationshipToRecipient = isParent ? "本人" : "子",
        }, Acquired, Seeded, "madoguchi1").ApplyTo(db, Seeded);
        await db.SaveChangesAsync();
        if (lostOn is { } date)
        {
            var rows = await db.EligibilityRecords.Where(e => e.RecipientId == recipient.Id).Current().ToListAsync();
            History.PlanChange(rows, date, row =>
            {
                row.Status = EligibilityStatus.Lost;
                row.LostOn = date;
                row.LossReason = LossReason.AgeLimit;
            }, Seeded, "madoguchi1").ApplyTo(db, Seeded);
            await db.SaveChangesAsync();
        }

        return recipient.Id;
    }
}
