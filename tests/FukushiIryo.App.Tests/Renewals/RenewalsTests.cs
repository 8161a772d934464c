using FukushiIryo.App.Audit;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Renewals;
using FukushiIryo.App.Settings;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Child = FukushiIryo.App.Tests.Renewals.RenewalHousehold.Child;

namespace FukushiIryo.App.Tests.Renewals;

/// <summary>
/// 更新 on both databases (ADR 0019): the August forms, returned forms and decide steps with the new
/// 有効期間 from 8/1, 更新未提出 only after the grace period, a hold when the city's income criterion
/// cannot be determined, reruns that change nothing, a crash between households; the April update at
/// the 18歳年度末 boundaries, 対象児童なし for a parent whose last child leaves, and new rows where
/// the age bracket changes.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RenewalsTests(PostgresFixture fixture)
{
    private const string Clerk = "madoguchi1";
    private const string Approver = "kessai1";

    /// <summary>JST 2027-08-20 09:00: inside the default 30-day grace (ends 2027-08-31).</summary>
    private static readonly DateTimeOffset InGrace = new(2027, 8, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>JST 2027-08-31 09:00: the grace period is over.</summary>
    private static readonly DateTimeOffset GraceOver = new(2027, 8, 31, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly August1 = new(2027, 8, 1);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task August_forms_return_and_decide_renew_from_8_1_and_a_rerun_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await RenewalHousehold.LoadMastersAsync(database);
        var a = await RenewalHousehold.SeedAsync(database, "2000011", new Child("2000021", new DateOnly(2009, 6, 1)), new Child("2000031", new DateOnly(2015, 6, 1)));
        var b = await RenewalHousehold.SeedAsync(database, "2000041", new Child("2000051", new DateOnly(2012, 10, 10)));
        var clock = new SettableClock(new DateTimeOffset(2027, 6, 15, 0, 0, 0, TimeSpan.Zero));

        // forms: one PDF for both households, then both are 送付済.
        var delivered = new List<RenderedDocument>();
        await using (var db = database.Open())
        {
            var forms = await new App.Renewals.Renewals(db, clock).SendFormsAsync(2027, Clerk, (document, _) => { delivered.Add(document); return Task.CompletedTask; });
            Assert.Equal((2, 2, 2), (forms.Households, forms.NewlyListed, forms.Sent));
        }

        var pdf = Assert.Single(delivered);
        Assert.Equal(DocumentKind.RenewalForms, pdf.Kind);
        Assert.Equal(2, pdf.PageCount);
        Assert.Equal(RenewalItemState.FormSent, (await RenewalHousehold.ItemAsync(database, RenewalKind.August, 2027, "2000011")).State);

        // A second forms run sends nothing and calls no delivery.
        await using (var db = database.Open())
        {
            var again = await new App.Renewals.Renewals(db, clock).SendFormsAsync(2027, Clerk, (document, _) => { delivered.Add(document); return Task.CompletedTask; });
            Assert.Equal((2, 0, 0), (again.Households, again.NewlyListed, again.Sent));
            Assert.Null(again.Forms);
        }

        Assert.Single(delivered);

        // The return is recorded by a child's number, for the whole household; recording it again changes nothing.
        await using (var db = database.Open())
        {
            var returned = await new App.Renewals.Renewals(db, clock).RecordReturnAsync(2027, "2000031", new DateOnly(2027, 7, 10), Clerk);
            Assert.Equal(("2000011", false), (returned.Item.HeadRecipientNumber, returned.AlreadyRecorded));
        }

        await using (var db = database.Open())
        {
            var again = await new App.Renewals.Renewals(db, clock).RecordReturnAsync(2027, "2000011", new DateOnly(2027, 7, 12), Clerk);
            Assert.True(again.AlreadyRecorded);
            Assert.Equal(new DateOnly(2027, 7, 10), again.Item.ReturnedOn);
        }

        // decide inside the grace period: A is renewed, B waits.
        clock.Now = InGrace;
        await using (var db = database.Open())
        {
            var result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((1, 1, 3, 0), (result.Decided[RenewalOutcome.Renewed], result.Waiting, result.Certificates, result.Losses));
            Assert.Equal(new DateOnly(2027, 8, 31), result.GraceEnds);
        }

        // Child born 2009-06-01: 18歳年度末 2028-03-31 cuts the new year; the parent follows the youngest child.
        (string Number, long Id, string ValidTo)[] expected =
        [
            ("2000011", a.Parent, "2028-07-31"),
            ("2000021", a.Children["2000021"], "2028-03-31"),
            ("2000031", a.Children["2000031"], "2028-07-31"),
        ];
        foreach (var (number, id, validTo) in expected)
        {
            var rows = await RenewalHousehold.RowsAsync(database, id);
            Assert.Equal([RenewalHousehold.Acquired, August1], rows.Select(r => r.ValidFrom));
            var renewed = rows[1];
            Assert.True(
                (EligibilityStatus.Active, ApplicationKind.Renewal, (DateOnly?)August1, (DateOnly?)DateOnly.Parse(validTo, System.Globalization.CultureInfo.InvariantCulture), (DateOnly?)new DateOnly(2027, 7, 10), (DateOnly?)new DateOnly(2027, 8, 20))
                    == (renewed.Status, renewed.ApplicationKind, renewed.CertificateValidFrom, renewed.CertificateValidTo, renewed.AppliedOn, renewed.DecidedOn),
                $"{number}: {renewed.Status} {renewed.ApplicationKind} {renewed.CertificateValidFrom} {renewed.CertificateValidTo} {renewed.AppliedOn} {renewed.DecidedOn}");
            Assert.Equal(RenewalHousehold.Acquired, rows[0].ValidFrom);
            Assert.Equal(new DateOnly(2027, 7, 31), rows[0].CertificateValidTo);
        }

        Assert.Equal("90290024", (await RenewalHousehold.RowsAsync(database, a.Parent))[1].PayerNumber);
        Assert.Equal("90290016", (await RenewalHousehold.RowsAsync(database, a.Children["2000021"]))[1].PayerNumber);
        Assert.Single(await RenewalHousehold.RowsAsync(database, b.Parent));

        // A rerun inside the grace period changes nothing.
        var footprint = await RenewalHousehold.FootprintAsync(database);
        await using (var db = database.Open())
        {
            var rerun = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((0, 1, 1), (rerun.DecidedNow, rerun.AlreadyDecided, rerun.Waiting));
        }

        Assert.Equal(footprint, await RenewalHousehold.FootprintAsync(database));

        // After the grace period B loses for 更新未提出 on 8/1: the parent with its own cause, not 対象児童なし.
        clock.Now = GraceOver;
        await using (var db = database.Open())
        {
            var result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((1, 0, 2, 1), (result.Decided[RenewalOutcome.NotSubmitted], result.Waiting, result.Losses, result.AlreadyDecided));
        }

        foreach (var id in new[] { b.Parent, b.Children["2000051"] })
        {
            var last = (await RenewalHousehold.RowsAsync(database, id))[^1];
            Assert.Equal((EligibilityStatus.Lost, (DateOnly?)August1, (LossReason?)LossReason.RenewalNotSubmitted), (last.Status, last.LostOn, last.LossReason));
        }

        footprint = await RenewalHousehold.FootprintAsync(database);
        await using (var db = database.Open())
        {
            var rerun = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((0, 2), (rerun.DecidedNow, rerun.AlreadyDecided));
        }

        Assert.Equal(footprint, await RenewalHousehold.FootprintAsync(database));

        await using (var db = database.Open())
        {
            var list = await new App.Renewals.Renewals(db, clock).ResultsAsync(RenewalKind.August, 2027);
            Assert.Equal(
                [("2000011", RenewalOutcome.Renewed, 3, 0), ("2000041", RenewalOutcome.NotSubmitted, 0, 2)],
                list.Select(r => (r.HeadRecipientNumber, r.Outcome!.Value, r.Certificates, r.Losses)));
            Assert.Equal("奈良 花子11", list[0].HeadName);
            var decided = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.RenewalDecided).Select(e => e.SubjectId).ToListAsync();
            Assert.Equal(["2000011", "2000041"], decided.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_grace_period_is_a_setting_and_a_return_after_the_decision_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await RenewalHousehold.LoadMastersAsync(database);
        await RenewalHousehold.SeedAsync(database, "2000111", new Child("2000121", new DateOnly(2012, 10, 10)));
        var clock = new SettableClock(new DateTimeOffset(2027, 8, 10, 0, 0, 0, TimeSpan.Zero)); // JST 2027-08-10
        await using (var db = database.Open())
        {
            await new SystemSettings(db, clock).SetAsync(SystemSettings.RenewalGraceDays, "10", "admin");
        }

        await using (var db = database.Open())
        {
            var result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((0, 1, (DateOnly?)new DateOnly(2027, 8, 11)), (result.DecidedNow, result.Waiting, result.GraceEnds));
        }

        clock.Now = new DateTimeOffset(2027, 8, 11, 0, 0, 0, TimeSpan.Zero);
        await using (var db = database.Open())
        {
            var result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((1, 2), (result.Decided[RenewalOutcome.NotSubmitted], result.Losses));
        }

        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<RenewalRefusedException>(() => new App.Renewals.Renewals(db, clock).RecordReturnAsync(2027, "2000121", new DateOnly(2027, 8, 11), Clerk));
            Assert.Contains("決定済み", refused.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<RenewalRefusedException>(() => new App.Renewals.Renewals(db, clock).RecordReturnAsync(2027, "9999999", new DateOnly(2027, 8, 11), Clerk));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task With_the_city_income_criterion_an_undetermined_income_holds_the_household(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await RenewalHousehold.LoadMastersAsync(database);
        var home = await RenewalHousehold.SeedAsync(database, "2000211", new Child("2000221", new DateOnly(2012, 10, 10)));
        var clock = new SettableClock(GraceOver);
        await using (var db = database.Open())
        {
            await new SystemSettings(db, clock).SetAsync(SystemSettings.CityIncomeCriterion, "partial-allowance-limits", "admin");
            var renewals = new App.Renewals.Renewals(db, clock);
            await renewals.SendFormsAsync(2027, Clerk, (_, _) => Task.CompletedTask);
            await renewals.RecordReturnAsync(2027, "2000211", new DateOnly(2027, 7, 20), Clerk);
        }

        await using (var db = database.Open())
        {
            var result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((0, 1), (result.DecidedNow, result.Held));
        }

        var item = await RenewalHousehold.ItemAsync(database, RenewalKind.August, 2027, "2000211");
        Assert.Equal(RenewalItemState.Returned, item.State);
        Assert.Contains("所得が判定できません", item.Note, StringComparison.Ordinal);
        Assert.Single(await RenewalHousehold.RowsAsync(database, home.Parent));
        Assert.Single(await RenewalHousehold.RowsAsync(database, home.Children["2000221"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_crash_between_households_leaves_each_done_or_not_and_the_rerun_finishes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await RenewalHousehold.LoadMastersAsync(database);
        var first = await RenewalHousehold.SeedAsync(database, "2000311", new Child("2000321", new DateOnly(2012, 10, 10)));
        var second = await RenewalHousehold.SeedAsync(database, "2000331", new Child("2000341", new DateOnly(2013, 1, 5)));
        var clock = new SettableClock(GraceOver);
        using var crash = new CancellationTokenSource();
        await using (var db = database.Open())
        {
            // One household per transaction here, so that the crash falls between the two.
            var renewals = new App.Renewals.Renewals(db, clock) { DecideBatchSize = 1 };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                renewals.DecideAsync(RenewalKind.August, 2027, Approver, new StopAfterFirst(crash), crash.Token));
        }

        Assert.Equal(RenewalItemState.Decided, (await RenewalHousehold.ItemAsync(database, RenewalKind.August, 2027, "2000311")).State);
        Assert.Equal(EligibilityStatus.Lost, (await RenewalHousehold.RowsAsync(database, first.Children["2000321"]))[^1].Status);
        Assert.Equal(RenewalItemState.Listed, (await RenewalHousehold.ItemAsync(database, RenewalKind.August, 2027, "2000331")).State);
        Assert.Single(await RenewalHousehold.RowsAsync(database, second.Parent));

        await using (var db = database.Open())
        {
            var rerun = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((1, 1), (rerun.DecidedNow, rerun.AlreadyDecided));
        }

        Assert.Equal(EligibilityStatus.Lost, (await RenewalHousehold.RowsAsync(database, second.Parent))[^1].Status);
    }

    [Fact]
    public async Task An_item_decided_by_someone_else_during_a_batch_rolls_the_batch_back_and_the_household_is_left_as_they_left_it()
    {
        // PostgreSQL only: a second writer during the batch's transaction (SQLite's batch holds the write lock).
        await using var database = await TestDatabase.CreateAsync("postgres", fixture);
        await RenewalHousehold.LoadMastersAsync(database);
        var a = await RenewalHousehold.SeedAsync(database, "2000711", new Child("2000721", new DateOnly(2012, 10, 10)));
        var b = await RenewalHousehold.SeedAsync(database, "2000741", new Child("2000751", new DateOnly(2013, 1, 5)));
        var clock = new SettableClock(new DateTimeOffset(2027, 6, 15, 0, 0, 0, TimeSpan.Zero));
        await using (var db = database.Open())
        {
            var renewals = new App.Renewals.Renewals(db, clock);
            await renewals.SendFormsAsync(2027, Clerk, (_, _) => Task.CompletedTask);
            await renewals.RecordReturnAsync(2027, "2000711", new DateOnly(2027, 7, 10), Clerk);
            await renewals.RecordReturnAsync(2027, "2000741", new DateOnly(2027, 7, 10), Clerk);
        }

        clock.Now = InGrace;
        var interfered = false;
        await using (var db = database.Open())
        {
            // Both households in one batch; before the batch writes, another session marks A decided (変更なし).
            var renewals = new App.Renewals.Renewals(db, clock)
            {
                BeforeBatchWrite = async token =>
                {
                    if (interfered)
                    {
                        return;
                    }

                    interfered = true;
                    await using var other = database.Open();
                    Assert.Equal(1, await other.RenewalItems.Where(i => i.HeadRecipientNumber == "2000711")
                        .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, RenewalItemState.Decided).SetProperty(i => i.Outcome, RenewalOutcome.Unchanged), token));
                },
            };
            var result = await renewals.DecideAsync(RenewalKind.August, 2027, Approver);
            Assert.Equal((1, 0, 2), (result.Decided[RenewalOutcome.Renewed], result.Held, result.Certificates));
        }

        Assert.True(interfered);
        var itemA = await RenewalHousehold.ItemAsync(database, RenewalKind.August, 2027, "2000711");
        Assert.Equal((RenewalItemState.Decided, (RenewalOutcome?)RenewalOutcome.Unchanged, 0), (itemA.State, itemA.Outcome, itemA.Certificates));
        Assert.Single(await RenewalHousehold.RowsAsync(database, a.Parent));
        Assert.Single(await RenewalHousehold.RowsAsync(database, a.Children["2000721"]));
        var itemB = await RenewalHousehold.ItemAsync(database, RenewalKind.August, 2027, "2000741");
        Assert.Equal((RenewalItemState.Decided, (RenewalOutcome?)RenewalOutcome.Renewed, 2), (itemB.State, itemB.Outcome, itemB.Certificates));
        Assert.Equal([RenewalHousehold.Acquired, August1], (await RenewalHousehold.RowsAsync(database, b.Parent)).Select(r => r.ValidFrom));
        await using (var db = database.Open())
        {
            var decided = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.RenewalDecided).Select(e => e.SubjectId).ToListAsync();
            Assert.Equal(["2000741"], decided);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task April_2027_ends_children_born_2008_04_02_to_2009_04_01_and_a_parent_without_another_child(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await RenewalHousehold.LoadMastersAsync(database);
        var april1 = new DateOnly(2027, 4, 1);
        // Household A keeps a child born 2009-04-02; household B's only eligible child leaves.
        var a = await RenewalHousehold.SeedAsync(database, "2000411",
            new Child("2000421", new DateOnly(2008, 4, 2)),
            new Child("2000431", new DateOnly(2009, 4, 1)),
            new Child("2000441", new DateOnly(2009, 4, 2)));
        var b = await RenewalHousehold.SeedAsync(database, "2000511",
            new Child("2000521", new DateOnly(2008, 4, 1), LostOn: new DateOnly(2026, 4, 1)),
            new Child("2000531", new DateOnly(2009, 4, 1)));
        // Household C: a child moving from 小学生 to 中学生 on 2027-04-01 (born 2014-04-02) and one who moved a year earlier (2014-04-01).
        var c = await RenewalHousehold.SeedAsync(database, "2000611",
            new Child("2000621", new DateOnly(2014, 4, 2)),
            new Child("2000631", new DateOnly(2014, 4, 1)));
        var clock = new SettableClock(new DateTimeOffset(2027, 3, 25, 0, 0, 0, TimeSpan.Zero));

        await using (var db = database.Open())
        {
            var result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.April, 2027, Approver);
            Assert.Equal((2, 1, 0, 1, 4), (result.Decided[RenewalOutcome.AgeLimit], result.Decided[RenewalOutcome.BracketChanged], result.Decided[RenewalOutcome.Unchanged], result.Certificates, result.Losses));
        }

        async Task<(EligibilityStatus, DateOnly?, LossReason?)> LastAsync(long id)
        {
            var last = (await RenewalHousehold.RowsAsync(database, id))[^1];
            return (last.Status, last.LostOn, last.LossReason);
        }

        Assert.Equal((EligibilityStatus.Lost, (DateOnly?)april1, (LossReason?)LossReason.AgeLimit), await LastAsync(a.Children["2000421"]));
        Assert.Equal((EligibilityStatus.Lost, (DateOnly?)april1, (LossReason?)LossReason.AgeLimit), await LastAsync(a.Children["2000431"]));
        Assert.Equal((EligibilityStatus.Active, (DateOnly?)null, (LossReason?)null), await LastAsync(a.Children["2000441"]));
        Assert.Equal((EligibilityStatus.Active, (DateOnly?)null, (LossReason?)null), await LastAsync(a.Parent));
        Assert.Equal((EligibilityStatus.Lost, (DateOnly?)april1, (LossReason?)LossReason.AgeLimit), await LastAsync(b.Children["2000531"]));
        Assert.Equal((EligibilityStatus.Lost, (DateOnly?)april1, (LossReason?)LossReason.NoEligibleChild), await LastAsync(b.Parent));
        // The child lost in 2026 is left as it was.
        Assert.Equal((EligibilityStatus.Lost, (DateOnly?)new DateOnly(2026, 4, 1), (LossReason?)LossReason.AgeLimit), await LastAsync(b.Children["2000521"]));
        Assert.Equal(2, (await RenewalHousehold.RowsAsync(database, b.Children["2000521"])).Count);

        // 小学生 → 中学生: a new row from 4/1 with a certificate from 4/1 to the same end; the other child unchanged.
        var moved = await RenewalHousehold.RowsAsync(database, c.Children["2000621"]);
        Assert.Equal([RenewalHousehold.Acquired, april1], moved.Select(r => r.ValidFrom));
        Assert.Equal(((DateOnly?)april1, (DateOnly?)new DateOnly(2027, 7, 31), "90290016", (BenefitMethod?)BenefitMethod.InKind),
            (moved[1].CertificateValidFrom, moved[1].CertificateValidTo, moved[1].PayerNumber, moved[1].BenefitMethod));
        Assert.Single(await RenewalHousehold.RowsAsync(database, c.Children["2000631"]));
        Assert.Single(await RenewalHousehold.RowsAsync(database, c.Parent));

        var footprint = await RenewalHousehold.FootprintAsync(database);
        await using (var db = database.Open())
        {
            var rerun = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.April, 2027, Approver);
            Assert.Equal((0, 3), (rerun.DecidedNow, rerun.AlreadyDecided));
        }

        Assert.Equal(footprint, await RenewalHousehold.FootprintAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task April_2027_prints_the_notice_of_an_age_limit_found_late_with_its_own_loss_date(string provider)
    {
        // A child born 2007-06-01 passed its 18歳年度末 on 2026-03-31 but nobody recorded the loss (migrated data):
        // the April 2027 update ends it from 2026-04-01, and the parent with it. Household G loses a child on
        // 2027-04-01 as usual. The batch print of 喪失通知書（年齢到達） holds one notice for each household
        // (before the fix, the household found late crashed the print: no member was lost on 2027-04-01).
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await RenewalHousehold.LoadMastersAsync(database);
        var late = await RenewalHousehold.SeedAsync(database, "2000811", new Child("2000821", new DateOnly(2007, 6, 1)));
        var usual = await RenewalHousehold.SeedAsync(database, "2000911", new Child("2000921", new DateOnly(2008, 6, 1)), new Child("2000931", new DateOnly(2015, 6, 1)));
        var clock = new SettableClock(new DateTimeOffset(2027, 3, 25, 0, 0, 0, TimeSpan.Zero));
        await using (var db = database.Open())
        {
            var result = await new App.Renewals.Renewals(db, clock).DecideAsync(RenewalKind.April, 2027, Approver);
            Assert.Equal((2, 3), (result.Decided[RenewalOutcome.AgeLimit], result.Losses));
        }

        var lateChild = (await RenewalHousehold.RowsAsync(database, late.Children["2000821"]))[^1];
        Assert.Equal((EligibilityStatus.Lost, (DateOnly?)new DateOnly(2026, 4, 1)), (lateChild.Status, lateChild.LostOn));
        Assert.Equal((EligibilityStatus.Lost, (DateOnly?)new DateOnly(2026, 4, 1)), ((await RenewalHousehold.RowsAsync(database, late.Parent))[^1].Status, (await RenewalHousehold.RowsAsync(database, late.Parent))[^1].LostOn));

        await using (var db = database.Open())
        {
            var printed = await new App.Renewals.Renewals(db, clock).PrintAsync(RenewalKind.April, 2027, RenewalPrintKind.AgeLimitNotices, Approver, (_, _) => Task.CompletedTask);
            Assert.NotNull(printed);
            Assert.Equal((2, 2), (printed.Households, printed.Documents));
        }

        await using (var db = database.Open())
        {
            // One printed notice per household, each about the head (the parent lost with its child).
            var subjects = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.DocumentPrinted).Select(e => e.SubjectId).ToListAsync();
            Assert.Equal(["2000811", "2000921"], subjects.Order(StringComparer.Ordinal));
            Assert.Equal(2, await db.RenewalItems.CountAsync(i => i.NoticePrintedAt != null));
        }

        Assert.Equal("2000911", usual.ParentNumber);
    }

    /// <summary>Cancels the step as soon as the first household is done (a crash between two households).</summary>
    private sealed class StopAfterFirst(CancellationTokenSource source) : IProgress<RenewalProgress>
    {
        public void Report(RenewalProgress value) => source.Cancel();
    }
}
