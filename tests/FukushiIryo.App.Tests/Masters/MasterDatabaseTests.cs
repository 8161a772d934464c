using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>The masters in the database, on both providers.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class MasterDatabaseTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(9));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_defaults_load_once_and_a_second_load_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            var first = await MasterDefaults.EnsureLoadedAsync(db, Now);
            Assert.Equal(new MasterDefaultsResult(5, 2, 54, 36, 22, 1, 7 + 2, 4), first);
        }

        var before = await SnapshotAsync(database);
        await using (var db = database.Open())
        {
            var second = await MasterDefaults.EnsureLoadedAsync(db, Now.AddDays(1));
            Assert.Equal(0, second.Total);
        }

        Assert.Equal(before, await SnapshotAsync(database));

        await using (var db = database.Open())
        {
            var payer = await db.PublicPayers.SingleAsync(p => p.BenefitMethod == BenefitMethod.InKind);
            Assert.Equal("90290016", payer.PayerNumber);
            Assert.True(payer.IsDemo);
            Assert.Equal(MasterDefaults.CreatedBy, payer.CreatedBy);
            Assert.Equal(Now.ToUniversalTime(), payer.CreatedAt);
            Assert.Equal(
                ["初期値 — 市の規則で確認のこと"],
                await db.AgeBrackets.Select(b => b.Note).Distinct().ToListAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_default_is_not_added_where_the_city_already_has_a_row_of_its_kind(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            db.PublicPayers.Add(new PublicPayer
            {
                Program = PublicPayer.SingleParentProgram,
                PayerNumber = "88134457",
                BenefitMethod = BenefitMethod.AutoReimbursement,
                IsMigrated = true,
                ValidFrom = new DateOnly(2020, 4, 1),
                CreatedAt = Now.ToUniversalTime(),
                CreatedBy = "migration",
            });
            db.BankHolidays.Add(BankHoliday.On(new DateOnly(2026, 1, 1), "元日", BankHolidayKind.NationalHoliday, Now, "staff"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var result = await MasterDefaults.EnsureLoadedAsync(db, Now);
            Assert.Equal(new MasterDefaultsResult(5, 1, 19 + 17, 36, 22, 1, 7 + 2, 4), result);
            Assert.Equal(["88134457", "90290016"], await db.PublicPayers.OrderBy(p => p.PayerNumber).Select(p => p.PayerNumber).ToListAsync());
            Assert.Equal(1, await db.BankHolidays.CountAsync(h => h.ValidFrom >= new DateOnly(2026, 1, 1) && h.ValidFrom < new DateOnly(2027, 1, 1)));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ValidOn_picks_the_row_in_force_across_a_change_of_figure(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            await MasterDefaults.EnsureLoadedAsync(db, Now);
            var demo = await db.PublicPayers.SingleAsync(p => p.BenefitMethod == BenefitMethod.InKind);
            var real = new PublicPayer
            {
                Program = demo.Program,
                PayerNumber = "54016027",
                BenefitMethod = demo.BenefitMethod,
                FirstAgeBracket = demo.FirstAgeBracket,
                LastAgeBracket = demo.LastAgeBracket,
                Note = "市の実番号",
            };
            db.PublicPayers.Add(DatedMasters.PlanNewFigure(demo, real, new DateOnly(2027, 4, 1), Now, "admin"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var inKind = db.PublicPayers.Where(p => p.BenefitMethod == BenefitMethod.InKind);
            Assert.Equal(["90290016"], await inKind.ValidOn(new DateOnly(2027, 3, 31)).Select(p => p.PayerNumber).ToListAsync());
            Assert.Equal(["54016027"], await inKind.ValidOn(new DateOnly(2027, 4, 1)).Select(p => p.PayerNumber).ToListAsync());
            Assert.Empty(await inKind.ValidOn(new DateOnly(2024, 7, 31)).ToListAsync());
            Assert.Equal(2, await inKind.CountAsync());

            var before = await db.FindPayerAsync(PublicPayer.SingleParentProgram, BenefitMethod.InKind, "Elementary", new DateOnly(2027, 3, 31));
            var after = await db.FindPayerAsync(PublicPayer.SingleParentProgram, BenefitMethod.InKind, "Elementary", new DateOnly(2027, 4, 1));
            var parent = await db.FindPayerAsync(PublicPayer.SingleParentProgram, BenefitMethod.AutoReimbursement, "ParentOrCarer", new DateOnly(2027, 4, 1));
            Assert.Equal("90290016", before?.PayerNumber);
            Assert.Equal("54016027", after?.PayerNumber);
            Assert.Equal("90290024", parent?.PayerNumber);

            var stored = await db.PublicPayers.SingleAsync(p => p.PayerNumber == "54016027");
            Assert.Equal(new DateOnly(2027, 4, 1), stored.ValidFrom);
            Assert.Null(stored.ValidTo);
            Assert.Equal("admin", stored.CreatedBy);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_master_row_is_never_deleted(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Now);
        db.PublicPayers.Remove(await db.PublicPayers.FirstAsync());
        db.BankHolidays.Remove(await db.BankHolidays.FirstAsync());
        var refused = await Assert.ThrowsAsync<HardDeleteRefusedException>(() => db.SaveChangesAsync());
        Assert.Equal(["BankHoliday", "PublicPayer"], refused.EntityNames.Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_holiday_master_answers_by_date(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            await MasterDefaults.EnsureLoadedAsync(db, Now);

            // A holiday entered by mistake is withdrawn by emptying its period, never deleted.
            var mistake = BankHoliday.On(new DateOnly(2026, 9, 24), "誤登録", BankHolidayKind.Other, Now, "admin");
            db.BankHolidays.Add(mistake);
            await db.SaveChangesAsync();
            mistake.ValidTo = mistake.ValidFrom;
            mistake.Note = "取消";
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            Assert.True(await db.IsHolidayAsync(new DateOnly(2026, 9, 22)));
            Assert.True(await db.IsHolidayAsync(new DateOnly(2027, 3, 22)));
            Assert.False(await db.IsHolidayAsync(new DateOnly(2026, 9, 24)));
            Assert.False(await db.IsHolidayAsync(new DateOnly(2026, 9, 25)));
            Assert.False(await db.IsHolidayAsync(new DateOnly(2026, 12, 31)));

            var september = await db.BetweenAsync(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30));
            Assert.Equal(
                [(new DateOnly(2026, 9, 21), "敬老の日"), (new DateOnly(2026, 9, 22), "国民の休日"), (new DateOnly(2026, 9, 23), "秋分の日")],
                september.Select(h => (h.Date, h.Name)));
            Assert.Equal(54, (await db.BetweenAsync(new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31))).Count);
            Assert.Equal(1L, await db.BankHolidays.Where(h => h.Name == "誤登録").Select(h => h.Version).SingleAsync());
        }
    }

    private static async Task<List<string>> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var rows = new List<string>();
        rows.AddRange((await db.AgeBrackets.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => Row(r.Id, r.Code, r.Name, r.ValidFrom, r.ValidTo, r.CreatedAt.UtcTicks, r.Version)));
        rows.AddRange((await db.PublicPayers.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => Row(r.Id, r.PayerNumber, r.BenefitMethod, r.ValidFrom, r.ValidTo, r.CreatedAt.UtcTicks, r.Version)));
        rows.AddRange((await db.BankHolidays.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => Row(r.Id, r.Name, r.Kind, r.ValidFrom, r.ValidTo, r.CreatedAt.UtcTicks, r.Version)));
        return rows;
    }

    private static string Row(params object?[] values) =>
        string.Join('|', values.Select(value => Convert.ToString(value, CultureInfo.InvariantCulture)));
}
