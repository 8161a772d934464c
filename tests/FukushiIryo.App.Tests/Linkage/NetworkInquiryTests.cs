using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Linkage;

/// <summary>情報照会 against the 照会許可照合リスト (P15) on both databases: unlisted or out-of-date inquiries refused and audited, allowed ones recorded and answered.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class NetworkInquiryTests(PostgresFixture fixture)
{
    private const string Procedure = "ひとり親家庭等医療費の助成に関する事務";

    // 2026-06-10 10:00 JST.
    private static readonly DateTimeOffset Asked = new(2026, 6, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_inquiry_not_on_the_allow_list_is_refused_with_the_reason_and_audited_and_nothing_is_recorded(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        await using (var db = database.Open())
        {
            // 国税関係情報 is not on the shipped list for this 事務.
            var outcome = await new NetworkInquiries(db, new SettableClock(Asked)).RequestAsync(
                new NetworkInquiryEntry("000101", Procedure, "国税関係情報", "所得の確認"), "madoguchi1", "192.0.2.10");
            Assert.True(outcome.IsRefused);
            Assert.False(outcome.IsRecorded);
            Assert.Contains("照会許可照合リストにない", outcome.Refusal, StringComparison.Ordinal);
            Assert.Contains("国税関係情報", outcome.Refusal, StringComparison.Ordinal);
            Assert.Contains("2026-06-10", outcome.Refusal, StringComparison.Ordinal);
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.NetworkInquiries.CountAsync());
        var audit = Assert.Single(await check.AuditEvents.AsNoTracking().Where(e => e.EventType.StartsWith("linkage.inquiry")).ToListAsync());
        Assert.Equal(("linkage.inquiry_refused", "madoguchi1", "000101", "192.0.2.10"), (audit.EventType, audit.Actor, audit.SubjectId, audit.ClientAddress));
        Assert.Contains("\"informationItem\":\"国税関係情報\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"not_on_allow_list\"", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_allowed_inquiry_is_recorded_with_its_basis_and_its_result_entered_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        long id;
        await using (var db = database.Open())
        {
            var inquiries = new NetworkInquiries(db, new SettableClock(Asked));
            var outcome = await inquiries.RequestAsync(new NetworkInquiryEntry("000101", Procedure, "地方税関係情報", "転入前の課税状況の確認（所得判定）"), "madoguchi1");
            Assert.True(outcome.IsRecorded);
            id = outcome.Inquiry!.Id;
            Assert.Equal(["Result"], (await inquiries.RecordResultAsync(id, " ", "shinsa1")).Select(p => p.Field));
        }

        await using (var db = database.Open())
        {
            var inquiries = new NetworkInquiries(db, new SettableClock(Asked.AddDays(3)));
            Assert.Empty(await inquiries.RecordResultAsync(id, "令和7年度 市民税所得割 非課税", "shinsa1"));
            Assert.Equal(["Id"], (await inquiries.RecordResultAsync(id, "二度目", "shinsa1")).Select(p => p.Field));
        }

        await using var check = database.Open();
        var inquiry = await check.NetworkInquiries.AsNoTracking().SingleAsync();
        Assert.Equal((NetworkInquiryStatus.Answered, "地方税関係情報", "他の市町村（課税地）", "madoguchi1", "shinsa1", "令和7年度 市民税所得割 非課税"),
            (inquiry.Status, inquiry.InformationItem, inquiry.Provider, inquiry.RequestedBy, inquiry.AnsweredBy, inquiry.Result));
        Assert.StartsWith("番号利用法 第19条第9号", inquiry.LegalBasis, StringComparison.Ordinal);
        Assert.Equal(Asked.AddDays(3), inquiry.AnsweredAt);
        var audits = await check.AuditEvents.AsNoTracking().Where(e => e.EventType.StartsWith("linkage.inquiry")).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["linkage.inquiry_requested", "linkage.inquiry_answered"], audits.Select(a => a.EventType));
        Assert.DoesNotContain(audits, a => a.Details!.Contains("非課税", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_allow_list_row_serves_only_inside_its_dates(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        await using (var db = database.Open())
        {
            // 医療保険関係情報 ends on 2026-06-01 (exclusive): allowed on 2026-05-31, refused on 2026-06-01.
            var row = await db.InquiryAllowList.SingleAsync(r => r.InformationItem == "医療保険関係情報");
            row.ValidTo = new DateOnly(2026, 6, 1);
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var entry = new NetworkInquiryEntry("000101", Procedure, "医療保険関係情報", "加入保険の確認");
            var lastDay = await new NetworkInquiries(db, new SettableClock(new DateTimeOffset(2026, 5, 31, 14, 59, 0, TimeSpan.Zero))).RequestAsync(entry, "madoguchi1");
            var nextDay = await new NetworkInquiries(db, new SettableClock(new DateTimeOffset(2026, 5, 31, 15, 0, 0, TimeSpan.Zero))).RequestAsync(entry, "madoguchi1");
            Assert.True(lastDay.IsRecorded);
            Assert.True(nextDay.IsRefused);
            Assert.Contains("2026-06-01", nextDay.Refusal, StringComparison.Ordinal);
        }

        await using var check = database.Open();
        Assert.Equal(1, await check.NetworkInquiries.CountAsync());
        Assert.Equal(["linkage.inquiry_requested", "linkage.inquiry_refused"],
            await check.AuditEvents.AsNoTracking().Where(e => e.EventType.StartsWith("linkage.inquiry")).OrderBy(e => e.Sequence).Select(e => e.EventType).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Missing_fields_and_an_unknown_atena_number_are_problems_and_nothing_is_saved_or_audited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        await using var db = database.Open();
        var inquiries = new NetworkInquiries(db, new SettableClock(Asked));
        var empty = await inquiries.RequestAsync(new NetworkInquiryEntry("", "", "", ""), "madoguchi1");
        Assert.Equal(["Procedure", "InformationItem", "Purpose", "AtenaNumber"], empty.Problems.Select(p => p.Field));
        var unknown = await inquiries.RequestAsync(new NetworkInquiryEntry("999999", Procedure, "地方税関係情報", "所得判定"), "madoguchi1");
        Assert.Equal(["AtenaNumber"], unknown.Problems.Select(p => p.Field));
        Assert.Equal(0, await db.NetworkInquiries.CountAsync());
        Assert.False(await db.AuditEvents.AnyAsync(e => e.EventType.StartsWith("linkage.inquiry")));
    }

    [Fact]
    public async Task The_shipped_allow_list_is_the_four_inquiries_the_assessment_describes_under_article_19_item_9()
    {
        var rows = await InquiryMasters.InquiryAllowListDefaultsAsync();
        Assert.Equal(["地方税関係情報", "医療保険関係情報", "生活保護関係情報", "障害者福祉関係情報"], rows.Select(r => r.InformationItem));
        Assert.All(rows, r => Assert.Equal((Procedure, new DateOnly(2017, 7, 1), (DateOnly?)null), (r.Procedure, r.ValidFrom, r.ValidTo)));
        Assert.All(rows, r => Assert.Contains("番号利用法 第19条第9号", r.LegalBasis, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("評価書", r.Note, StringComparison.Ordinal));
    }

    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Asked.AddYears(-1));
        await new PersonLedger(db, new SettableClock(Asked.AddYears(-1))).RegisterAsync("000101", new PersonRecord
        {
            Name = "奈良 花子",
            NameKana = "ナラ ハナコ",
            NameKanaKey = "ナラハナコ",
            BirthDate = new DateOnly(1990, 5, 20),
            Sex = Sex.Female,
            ResidencyStatus = ResidencyStatus.Registered,
            PostalCode = "6308501",
            Address = "奈良県奈良市登大路町30番地",
        }, new DateOnly(1990, 5, 20), "madoguchi1");
    }
}
