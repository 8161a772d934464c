using FukushiIryo.App.Data;
using FukushiIryo.App.Demo;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Renewals;
using FukushiIryo.App.Tests.Demo;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Income;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Renewals;

/// <summary>
/// The done-when of issue 10 over a demo city (ADR 0019), on both databases: 500 households by
/// default; <c>FUKUSHI_RENEWAL_HOUSEHOLDS=20000</c> runs the same properties over 20,000 (slow: not for
/// the normal suite; bench/README.md has the figures). The April update at 2027-04-01 ends every
/// child born 2008-04-02 … 2009-04-01 and the parents left without an eligible child and gives a new
/// row where the 公費負担者番号 changes; the August renewal (forms → returns → decide) renews the
/// returned households from 8/1, re-determines the parents and 扶養義務者, ends the others for
/// 更新未提出; each decide and each batch print run twice changes nothing the second time.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RenewalDemoCityTests(PostgresFixture fixture)
{
    private const string Approver = "kessai1";
    private const string Clerk = "madoguchi1";
    private static readonly DateOnly April1 = new(2027, 4, 1);
    private static readonly DateOnly August1 = new(2027, 8, 1);

    private static int Households =>
        int.TryParse(Environment.GetEnvironmentVariable("FUKUSHI_RENEWAL_HOUSEHOLDS"), out var households) && households > 0 ? households : 500;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task April_2027_over_a_demo_city_ends_the_18_year_olds_and_their_lone_parents_and_changes_brackets(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new SettableClock(new DateTimeOffset(2027, 3, 20, 0, 0, 0, TimeSpan.Zero));
        await SeedAsync(database, clock, new DateOnly(2027, 3, 20));
        clock.Now = new DateTimeOffset(2027, 3, 25, 0, 0, 0, TimeSpan.Zero);
        var before = await StateAsync(database, April1.AddDays(-1));

        await using (var db = database.Open())
        {
            await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.April, 2027, Approver);
        }

        var after = await StateAsync(database, April1);
        var children = before.Values.Where(r => r.Active is not null && r.Kind is RecipientKind.Child or RecipientKind.Orphan).ToList();
        var ending = children.Where(c => c.BirthDate <= new DateOnly(2009, 4, 1)).ToList();
        Assert.NotEmpty(ending);
        Assert.Contains(ending, c => c.BirthDate >= new DateOnly(2008, 4, 2));
        Assert.Contains(children, c => c.BirthDate == new DateOnly(2009, 4, 2) || c.BirthDate > new DateOnly(2009, 4, 1));
        foreach (var child in children)
        {
            var now = after[child.Id];
            if (child.BirthDate <= new DateOnly(2009, 4, 1))
            {
                Assert.True(now.Active is null && now.Lost is { LossReason: LossReason.AgeLimit } && now.Lost.LostOn == April1, $"child {child.Number} born {child.BirthDate}: still eligible or not lost for 年齢到達 on 4/1");
            }
            else
            {
                Assert.True(now.Active is not null, $"child {child.Number} born {child.BirthDate} lost its eligibility");
            }
        }

        // Parents and carers with a child eligible on 3/31: eligible on 4/1 exactly when a child still is.
        var parents = before.Values.Where(r => r.Active is not null && r.Kind is RecipientKind.Parent or RecipientKind.Carer
            && children.Any(c => c.ParentId == r.Id)).ToList();
        var lone = 0;
        foreach (var parent in parents)
        {
            var childLeft = after.Values.Any(c => c.ParentId == parent.Id && c.Active is not null);
            var now = after[parent.Id];
            Assert.True(childLeft == (now.Active is not null), $"parent {parent.Number}: child left {childLeft}, eligible {now.Active is not null}");
            if (!childLeft)
            {
                lone++;
                Assert.True(now.Lost is { LossReason: LossReason.NoEligibleChild } && now.Lost.LostOn == April1, $"parent {parent.Number} not lost for 対象児童なし on 4/1");
            }
        }

        Assert.True(lone > 0, "no parent lost its last child: the demo city does not test 対象児童なし");

        // A new row from 4/1 (with its certificate) exactly where the age bracket, the 公費負担者番号 or the 給付区分 changes.
        List<AgeBracket> brackets;
        await using (var db = database.Open())
        {
            brackets = await db.AgeBrackets.AsNoTracking().ToListAsync();
        }

        string? BracketOn(RecipientState r, DateOnly date) => AgeBrackets.BracketOn(r.Kind, r.BirthDate, date, brackets.Where(b => b.IsValidOn(date)))?.Code;
        var changed = 0;
        foreach (var (id, then) in before.Where(pair => pair.Value.Active is not null && after[pair.Key].Active is not null))
        {
            var now = after[id].Active!;
            var differs = now.PayerNumber != then.Active!.PayerNumber || now.BenefitMethod != then.Active.BenefitMethod
                || BracketOn(then, April1.AddDays(-1)) != BracketOn(then, April1);
            var newRow = now.ValidFrom == April1 && now.CertificateValidFrom == April1;
            Assert.True(differs == newRow, $"recipient {then.Number}: payer {then.Active.PayerNumber} → {now.PayerNumber}, new row from 4/1: {newRow}");
            changed += newRow ? 1 : 0;
        }

        Assert.True(changed > 0, "no age bracket changed on 4/1");

        // The rerun changes nothing; the batch print prints every new card and every notice once.
        var footprint = await RenewalHousehold.FootprintAsync(database);
        await using (var db = database.Open())
        {
            var rerun = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.April, 2027, Approver);
            Assert.Equal(0, rerun.DecidedNow);
        }

        Assert.Equal(footprint, await RenewalHousehold.FootprintAsync(database));
        await PrintTwiceAsync(database, clock, RenewalKind.April, changed, RenewalPrintKind.AgeLimitNotices);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task August_2027_over_a_demo_city_renews_the_returned_households_and_ends_the_others_and_a_rerun_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new SettableClock(new DateTimeOffset(2027, 7, 20, 0, 0, 0, TimeSpan.Zero));
        await SeedAsync(database, clock, new DateOnly(2027, 7, 20));
        var before = await StateAsync(database, August1.AddDays(-1));

        int households;
        await using (var db = database.Open())
        {
            var forms = await new App.Renewals.Renewals(db, clock).SendFormsAsync(2027, Clerk, (_, _) => Task.CompletedTask);
            households = forms.Households;
            Assert.Equal(forms.Households, forms.Sent);
        }

        // Every household's form comes back on 7/25 except every 10th (by head 受給者番号).
        List<string> heads;
        await using (var db = database.Open())
        {
            heads = await db.RenewalItems.AsNoTracking().OrderBy(i => i.HeadRecipientNumber).Select(i => i.HeadRecipientNumber).ToListAsync();
        }

        var notReturned = heads.Where((_, index) => index % 10 == 9).ToHashSet();
        await using (var db = database.Open())
        {
            var renewals = new App.Renewals.Renewals(db, clock);
            foreach (var head in heads.Where(h => !notReturned.Contains(h)))
            {
                await renewals.RecordReturnAsync(2027, head, new DateOnly(2027, 7, 25), Clerk);
            }
        }

        clock.Now = new DateTimeOffset(2027, 9, 1, 0, 0, 0, TimeSpan.Zero);
        RenewalDecideResult result;
        await using (var db = database.Open())
        {
            result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
        }

        Assert.Equal((households, 0, 0), (result.DecidedNow + result.Held, result.Waiting, result.AlreadyDecided));
        Assert.Equal(notReturned.Count, result.Decided[RenewalOutcome.NotSubmitted]);
        var after = await StateAsync(database, August1);
        Dictionary<long, string> headOf;
        await using (var db = database.Open())
        {
            var items = await db.RenewalItems.AsNoTracking().ToListAsync();
            headOf = items.ToDictionary(i => i.HeadRecipientId, i => i.HeadRecipientNumber);
        }

        string HeadNumber(RecipientState r) => headOf.GetValueOrDefault(r.Kind is RecipientKind.Child or RecipientKind.Orphan && r.ParentId is { } p ? p : r.Id) ?? headOf[r.Id];
        var renewed = 0;
        foreach (var member in before.Values.Where(r => r.Active is not null))
        {
            var now = after[member.Id];
            if (notReturned.Contains(HeadNumber(member)))
            {
                Assert.True(now.Active is null && now.Lost is { LossReason: LossReason.RenewalNotSubmitted } && now.Lost.LostOn == August1, $"{member.Number}: not lost for 更新未提出 on 8/1");
            }
            else if (member.Kind is RecipientKind.Child or RecipientKind.Orphan && member.BirthDate > new DateOnly(2009, 4, 1))
            {
                Assert.True(
                    now.Active is { ApplicationKind: ApplicationKind.Renewal } row && row.ValidFrom == August1 && row.CertificateValidFrom == August1 && row.AppliedOn == new DateOnly(2027, 7, 25),
                    $"{member.Number}: not renewed from 8/1");
                renewed++;
            }
        }

        Assert.True(renewed > 0);

        // The parents and carers of the returned households, and their 扶養義務者, were determined for 課税年度 2027.
        await using (var db = database.Open())
        {
            var determined = await db.IncomeDeterminations.AsNoTracking().Where(d => d.TaxYear == 2027).ToListAsync();
            Assert.Contains(determined, d => d.Role == IncomeTestRole.SupportObligor);
            Assert.All(determined, d => Assert.Equal(August1, d.BaseDate));
        }

        var footprint = await RenewalHousehold.FootprintAsync(database);
        await using (var db = database.Open())
        {
            var rerun = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((0, result.DecidedNow), (rerun.DecidedNow, rerun.AlreadyDecided));
        }

        Assert.Equal(footprint, await RenewalHousehold.FootprintAsync(database));
        await PrintTwiceAsync(database, clock, RenewalKind.August, result.Certificates, RenewalPrintKind.NotSubmittedNotices);
    }

    /// <summary>
    /// Prints the certificates and the notices of a decided run: one page per new card, one notice per
    /// household lost, a 交付履歴 row per card; the second print finds nothing due.
    /// </summary>
    private static async Task PrintTwiceAsync(TestDatabase database, SettableClock clock, RenewalKind kind, int certificates, RenewalPrintKind notices)
    {
        int lostHouseholds;
        await using (var db = database.Open())
        {
            var outcome = notices == RenewalPrintKind.AgeLimitNotices ? RenewalOutcome.AgeLimit : RenewalOutcome.NotSubmitted;
            lostHouseholds = await db.RenewalItems.CountAsync(i => i.Outcome == outcome && i.Losses > 0);
        }

        await using (var db = database.Open())
        {
            var renewals = new App.Renewals.Renewals(db, clock);
            var delivered = new List<RenderedDocument>();
            var cards = await renewals.PrintAsync(kind, 2027, RenewalPrintKind.Certificates, Approver, (document, _) => { delivered.Add(document); return Task.CompletedTask; });
            Assert.NotNull(cards);
            Assert.Equal((certificates, certificates, DocumentKind.Certificate), (cards.Documents, cards.Document.PageCount, cards.Document.Kind));
            var lost = await renewals.PrintAsync(kind, 2027, notices, Approver, (document, _) => { delivered.Add(document); return Task.CompletedTask; });
            Assert.NotNull(lost);
            Assert.Equal((lostHouseholds, DocumentKind.LossNotice), (lost.Documents, lost.Document.Kind));
            Assert.True(lost.Document.PageCount >= lostHouseholds);
            Assert.Equal(2, delivered.Count);
            Assert.Equal(certificates, await db.CertificateIssues.CountAsync());
        }

        await using (var db = database.Open())
        {
            var renewals = new App.Renewals.Renewals(db, clock);
            foreach (var what in App.Renewals.Renewals.PrintKinds(kind))
            {
                Assert.Null(await renewals.PrintAsync(kind, 2027, what, Approver, (_, _) => throw new InvalidOperationException("nothing is due")));
            }

            Assert.Equal(certificates, await db.CertificateIssues.CountAsync());
        }
    }

    private static async Task SeedAsync(TestDatabase database, SettableClock clock, DateOnly asOf)
    {
        var population = await DemoTestData.GenerateAsync(Households, 20270401, asOf);
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, clock.GetUtcNow());
        await new DemoSeeder(db, clock).SeedAsync(population, "admin");
    }

    private sealed record RecipientState(long Id, string Number, RecipientKind Kind, long? ParentId, DateOnly BirthDate, EligibilityRecord? Active, EligibilityRecord? Lost);

    /// <summary>Every recipient with its current row in force on <paramref name="date"/>: active, or lost.</summary>
    private static async Task<Dictionary<long, RecipientState>> StateAsync(TestDatabase database, DateOnly date)
    {
        await using var db = database.Open();
        var recipients = await db.Recipients.AsNoTracking().ToListAsync();
        var rows = (await db.EligibilityRecords.AsNoTracking().AsOf(date).ToListAsync()).ToLookup(e => e.RecipientId);
        var births = (await db.PersonRecords.AsNoTracking().Current().Select(p => new { p.PersonId, p.BirthDate }).ToListAsync())
            .GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.First().BirthDate);
        return recipients.ToDictionary(r => r.Id, r => new RecipientState(
            r.Id,
            r.RecipientNumber,
            r.Kind,
            r.ParentRecipientId,
            births[r.PersonId],
            rows[r.Id].FirstOrDefault(e => e.Status == EligibilityStatus.Active),
            rows[r.Id].FirstOrDefault(e => e.Status == EligibilityStatus.Lost)));
    }
}
