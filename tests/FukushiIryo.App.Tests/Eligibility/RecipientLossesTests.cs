using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Eligibility;

/// <summary>
/// 資格消滅 through the service on both databases: every cause of interfaces.md §4 with its 喪失日
/// at the boundary dates, the household consequences (婚姻 of the parent, 対象児童なし), the
/// concurrency check, the 資格喪失候補 work list and the 喪失通知書.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RecipientLossesTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 20, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Child A (born 2008-04-01) loses for each cause; B and the mother stay eligible.</summary>
    public static TheoryData<string, LossReason, string, string> ChildCauses()
    {
        var data = new TheoryData<string, LossReason, string, string>();
        (LossReason Cause, string Event, string LostOn)[] rows =
        [
            (LossReason.MovedOut, "2026-03-31", "2026-04-01"),
            (LossReason.Death, "2026-06-15", "2026-06-16"),
            (LossReason.OtherProgram, "2026-06-15", "2026-06-15"),
            (LossReason.AgeLimit, "2026-03-31", "2026-04-01"),
            (LossReason.IncomeOverLimit, "2026-07-31", "2026-08-01"),
            (LossReason.IncomeOverLimit, "2026-08-01", "2026-08-01"),
            (LossReason.RenewalNotSubmitted, "2026-08-02", "2027-08-01"),
            (LossReason.InsuranceLost, "2026-06-15", "2026-06-15"),
            (LossReason.PublicAssistance, "2026-06-01", "2026-06-01"),
            (LossReason.FixedTermEnded, "2026-03-31", "2026-04-01"),
            (LossReason.Marriage, "2026-06-15", "2026-06-15"),
            (LossReason.Other, "2026-06-15", "2026-06-15"),
        ];
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var row in rows)
            {
                data.Add(provider, row.Cause, row.Event, row.LostOn);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChildCauses))]
    public async Task Each_cause_gives_its_loss_date_and_leaves_the_household_eligible_while_a_child_remains(string provider, LossReason cause, string eventText, string lostText)
    {
        var (eventDate, lostOn) = (Date(eventText), Date(lostText));
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        var plan = await ConfirmAsync(database, home.ChildA, cause, eventDate);

        var loss = Assert.Single(plan.Losses);
        Assert.Equal((home.ChildA, cause, lostOn), (loss.RecipientId, loss.Cause, loss.LostOn));
        var rows = await LossHousehold.EligibilityAsync(database, home.ChildA);
        Assert.Equal(
            [(LossHousehold.Acquired, (DateOnly?)lostOn, EligibilityStatus.Active), (lostOn, null, EligibilityStatus.Lost)],
            rows.Select(r => (r.ValidFrom, r.ValidTo, r.Status)));
        Assert.Equal((lostOn, cause), (rows[1].LostOn!.Value, rows[1].LossReason!.Value));
        Assert.Null(await LossHousehold.LostOnAsync(database, home.ChildB));
        Assert.Null(await LossHousehold.LostOnAsync(database, home.Parent));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_age_limit_of_a_child_born_on_04_02_is_a_year_later(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        await using var db = database.Open();
        var plan = await new RecipientLosses(db, new SettableClock(Now)).PlanAsync(home.ChildB, LossReason.AgeLimit, new DateOnly(2026, 3, 31));
        Assert.Equal(new DateOnly(2027, 4, 1), Assert.Single(plan.Losses).LostOn);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_parents_marriage_ends_the_parent_and_every_child_on_the_same_day_in_one_save(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        var plan = await ConfirmAsync(database, home.Parent, LossReason.Marriage, new DateOnly(2026, 6, 15));

        Assert.Equal(
            [(home.Parent, LossReason.Marriage), (home.ChildA, LossReason.Marriage), (home.ChildB, LossReason.Marriage)],
            plan.Losses.Select(l => (l.RecipientId, l.Cause)));
        foreach (var id in new[] { home.Parent, home.ChildA, home.ChildB })
        {
            Assert.Equal(new DateOnly(2026, 6, 15), await LossHousehold.LostOnAsync(database, id));
        }

        await using var db = database.Open();
        // 非該当日: every membership of the 福祉世帯 ends on the 喪失日.
        var members = await db.HouseholdMembers.AsNoTracking().Where(m => m.HouseholdId == home.HouseholdId).Current().ToListAsync();
        Assert.All(members, m => Assert.Equal(new DateOnly(2026, 6, 15), m.ValidTo));
        Assert.Equal(3, members.Count);
        var audits = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == "eligibility.lost").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["1000017", "1000025", "1000033"], audits.Select(a => a.SubjectId));
        Assert.All(audits, a => Assert.Contains("\"old\":{\"lossReason\":null,\"lostOn\":null,\"status\":\"Active\"}", a.Details, StringComparison.Ordinal));
        Assert.All(audits, a => Assert.Contains("\"new\":{\"lossReason\":\"婚姻\",\"lostOn\":\"2026-06-15\",\"status\":\"Lost\"}", a.Details, StringComparison.Ordinal));
        Assert.All(await db.Recipients.AsNoTracking().ToListAsync(), r => Assert.Equal(2, r.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_parents_move_ends_the_parent_only_on_the_day_after(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        var plan = await ConfirmAsync(database, home.Parent, LossReason.MovedOut, new DateOnly(2026, 3, 31));
        Assert.Equal(new DateOnly(2026, 4, 1), Assert.Single(plan.Losses).LostOn);
        Assert.Null(await LossHousehold.LostOnAsync(database, home.ChildA));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_last_child_leaving_ends_the_parent_for_no_eligible_child_on_that_childs_loss_date(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        var first = await ConfirmAsync(database, home.ChildA, LossReason.AgeLimit, new DateOnly(2026, 3, 31));
        Assert.Equal(new DateOnly(2026, 4, 1), Assert.Single(first.Losses).LostOn);

        var last = await ConfirmAsync(database, home.ChildB, LossReason.AgeLimit, new DateOnly(2027, 3, 31));
        Assert.Equal(
            [(home.ChildB, LossReason.AgeLimit, new DateOnly(2027, 4, 1)), (home.Parent, LossReason.NoEligibleChild, new DateOnly(2027, 4, 1))],
            last.Losses.Select(l => (l.RecipientId, l.Cause, l.LostOn)));
        Assert.Equal(new DateOnly(2027, 4, 1), await LossHousehold.LostOnAsync(database, home.Parent));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_eligible_child_is_refused_while_a_child_is_eligible_and_a_loss_before_acquisition_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        await using var db = database.Open();
        var losses = new RecipientLosses(db, new SettableClock(Now));
        var plan = await losses.PlanAsync(home.Parent, LossReason.NoEligibleChild, new DateOnly(2026, 6, 15));
        Assert.False(plan.CanConfirm);
        Assert.Contains("まだ資格のある児童", plan.Problem, StringComparison.Ordinal);
        var early = await losses.PlanAsync(home.ChildA, LossReason.Death, new DateOnly(2025, 7, 1));
        Assert.Contains("資格の始まり", early.Problem, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => losses.ConfirmAsync(home.Parent, LossReason.NoEligibleChild, new DateOnly(2026, 6, 15), new Dictionary<long, long>(), "madoguchi1"));
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.EventType == "eligibility.lost"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_plan_shown_before_another_loss_is_refused_and_saves_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        LossPlan shown;
        await using (var db = database.Open())
        {
            shown = await new RecipientLosses(db, new SettableClock(Now)).PlanAsync(home.Parent, LossReason.Marriage, new DateOnly(2026, 6, 15));
        }

        // Another member of staff records a child's death meanwhile.
        await ConfirmAsync(database, home.ChildA, LossReason.Death, new DateOnly(2026, 6, 1));

        await using (var db = database.Open())
        {
            var versions = shown.Losses.ToDictionary(l => l.RecipientId, l => l.Version);
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                new RecipientLosses(db, new SettableClock(Now)).ConfirmAsync(home.Parent, LossReason.Marriage, new DateOnly(2026, 6, 15), versions, "madoguchi2"));
        }

        Assert.Null(await LossHousehold.LostOnAsync(database, home.Parent));
        Assert.Equal(new DateOnly(2026, 6, 2), await LossHousehold.LostOnAsync(database, home.ChildA));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_candidate_is_confirmed_through_the_loss_or_dismissed_with_a_reason_and_never_twice(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        var marriage = await LossHousehold.RaiseCandidateAsync(database, home.Parent, home.ParentPerson, "婚姻", new DateOnly(2026, 6, 15));
        var moved = await LossHousehold.RaiseCandidateAsync(database, home.ChildA, home.ChildAPerson, "転出", new DateOnly(2026, 6, 1));

        await using (var db = database.Open())
        {
            var list = await new LossCandidates(db, new SettableClock(Now)).ListAsync();
            Assert.Equal([(marriage, LossReason.Marriage, "奈良 花子"), (moved, LossReason.MovedOut, "奈良 一郎")], list.Select(i => (i.Candidate.Id, i.SuggestedCause, i.RecipientName)));
        }

        await using (var db = database.Open())
        {
            await new LossCandidates(db, new SettableClock(Now)).DismissAsync(moved, "市内転居の誤り（住基に訂正依頼済み）", "shinsa1");
        }

        await using (var db = database.Open())
        {
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new LossCandidates(db, new SettableClock(Now)).DismissAsync(moved, "二度目", "shinsa2"));
            await Assert.ThrowsAsync<ArgumentException>(() => new LossCandidates(db, new SettableClock(Now)).DismissAsync(marriage, "  ", "shinsa2"));
        }

        await ConfirmAsync(database, home.Parent, LossReason.Marriage, new DateOnly(2026, 6, 15), marriage);

        await using var check = database.Open();
        Assert.Empty(await new LossCandidates(check, new SettableClock(Now)).ListAsync());
        var candidates = await check.LossCandidates.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(
            [(LossCandidateStatus.Resolved, "madoguchi1"), (LossCandidateStatus.Dismissed, "shinsa1")],
            candidates.Select(c => (c.Status, c.ResolvedBy!)));
        Assert.Equal("市内転居の誤り（住基に訂正依頼済み）", candidates[1].Resolution);
        // The dismissed 転出 recorded nothing: child A lost through the mother's 婚姻 only.
        Assert.Equal(new DateOnly(2026, 6, 15), await LossHousehold.LostOnAsync(database, home.ChildA));
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.EventType == "eligibility.loss_candidate_dismissed"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_loss_notice_lists_everyone_lost_that_day_and_is_refused_before_a_loss(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        await using (var db = database.Open())
        {
            await Assert.ThrowsAsync<DocumentRefusedException>(() => new RecipientLosses(db, new SettableClock(Now)).LossNoticeAsync(home.Parent, new DateOnly(2026, 6, 20)));
        }

        await ConfirmAsync(database, home.Parent, LossReason.Marriage, new DateOnly(2026, 6, 15));
        await using var check = database.Open();
        var (notice, number) = await new RecipientLosses(check, new SettableClock(Now)).LossNoticeAsync(home.ChildA, new DateOnly(2026, 6, 20));
        Assert.Equal("1000025", number);
        Assert.Equal("奈良 花子", notice.To.Name);
        Assert.Equal(
            [("奈良 花子", "1000017"), ("奈良 一郎", "1000025"), ("奈良 二郎", "1000033")],
            notice.Recipients.Select(r => (r.Name, r.RecipientNumber)));
        Assert.All(notice.Recipients, r => Assert.Equal((new DateOnly(2026, 6, 15), LossReason.Marriage), (r.LostOn, r.Reason)));
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<LossPlan> ConfirmAsync(TestDatabase database, long recipientId, LossReason cause, DateOnly eventDate, long? candidate = null)
    {
        LossPlan plan;
        await using (var db = database.Open())
        {
            plan = await new RecipientLosses(db, new SettableClock(Now)).PlanAsync(recipientId, cause, eventDate);
        }

        Assert.True(plan.CanConfirm, plan.Problem);
        var versions = await LossHousehold.VersionsAsync(database, plan);
        await using (var db = database.Open())
        {
            return await new RecipientLosses(db, new SettableClock(Now)).ConfirmAsync(recipientId, cause, eventDate, versions, "madoguchi1", "192.0.2.10", candidate);
        }
    }
}
