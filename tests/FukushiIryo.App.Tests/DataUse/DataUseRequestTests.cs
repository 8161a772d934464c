using FukushiIryo.App.Data;
using FukushiIryo.App.DataUse;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.DataUse;

/// <summary>データ利用申請 (P14) on both databases: request → 決裁 by another → the requester sees only the approved items of the period's records until the 閲覧期限; all audited.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DataUseRequestTests(PostgresFixture fixture)
{
    // 2026-06-10 10:00 JST.
    private static readonly DateTimeOffset Requested = new(2026, 6, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_approved_view_shows_only_its_items_and_period_to_the_requester_until_it_expires(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        var clock = new SettableClock(Requested);
        long id;
        await using (var db = database.Open())
        {
            var requests = new DataUseRequests(db, clock);
            var (request, problems) = await requests.RequestAsync(new DataUseRequestEntry(
                "子ども政策課", "recipients", ["acquiredOn", "recipientNumber"], new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30),
                "奈良市個人情報保護法施行条例 第○条（内部利用）", "子育て支援施策の対象者数の把握", new DateOnly(2026, 6, 30)), "riyou1", "192.0.2.20");
            Assert.Empty(problems);
            id = request!.Id;

            // Not yet approved: refused.
            var early = await requests.OpenAsync(id, "riyou1");
            Assert.Equal("このデータ利用申請は、まだ承認されていません。", early.Refusal);
            Assert.Empty(early.Rows);

            // The requester cannot approve their own request; another 決裁 holder does.
            Assert.Equal("申請した職員は、自分の申請を決裁できません。", (await requests.DecideAsync(id, true, null, "riyou1")).Refusal);
            Assert.True((await requests.DecideAsync(id, true, "目的・根拠を確認", "kessai1")).IsDecided);
        }

        await using (var db = database.Open())
        {
            clock.Now = new DateTimeOffset(2026, 6, 30, 14, 59, 0, TimeSpan.Zero); // 2026-06-30 23:59 JST, the last day
            var requests = new DataUseRequests(db, clock);
            var view = await requests.OpenAsync(id, "riyou1");
            Assert.Null(view.Refusal);
            // The items in the view's order, not the order asked; only the April acquisitions.
            Assert.Equal(["受給者番号", "資格取得日"], view.Columns.Select(c => c.Label));
            Assert.Equal([["1000017", "2026-04-01"], ["1000025", "2026-04-30"]], view.Rows.Select(r => r.ToArray()));
            Assert.DoesNotContain(view.Rows.SelectMany(r => r), cell => cell.Contains("奈良", StringComparison.Ordinal));

            // Someone else, even the approver, is refused.
            Assert.Equal("このデータ利用は、申請した職員だけが閲覧できます。", (await requests.OpenAsync(id, "kessai1")).Refusal);

            clock.Now = new DateTimeOffset(2026, 6, 30, 15, 0, 0, TimeSpan.Zero); // 2026-07-01 00:00 JST
            var expired = await requests.OpenAsync(id, "riyou1");
            Assert.Equal("閲覧期限（2026-06-30）を過ぎています。引き続き必要なときは、あらためて申請してください。", expired.Refusal);
            Assert.Empty(expired.Rows);
        }

        await using var check = database.Open();
        var audits = await check.AuditEvents.AsNoTracking().Where(e => e.EventType.StartsWith("datause.")).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(
            ["datause.requested", "datause.view_refused", "datause.approved", "datause.viewed", "datause.view_refused", "datause.view_refused"],
            audits.Select(a => a.EventType));
        Assert.Equal(["riyou1", "riyou1", "kessai1", "riyou1", "kessai1", "riyou1"], audits.Select(a => a.Actor));
        Assert.Contains("\"rows\":2", audits[3].Details, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"not_approved\"", audits[1].Details, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"not_requester\"", audits[4].Details, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"expired\"", audits[5].Details, StringComparison.Ordinal);
        Assert.Contains("\"legalBasis\":\"奈良市個人情報保護法施行条例 第○条（内部利用）\"", audits[0].Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rejected_request_needs_a_reason_and_is_never_shown(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        await using var db = database.Open();
        var requests = new DataUseRequests(db, new SettableClock(Requested));
        var (request, _) = await requests.RequestAsync(new DataUseRequestEntry(
            "子ども政策課", "claims", ["serviceMonth", "medicalCost"], new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30),
            "根拠", "目的", new DateOnly(2026, 6, 30)), "riyou1");
        Assert.Equal("不承認の理由を入力してください。", (await requests.DecideAsync(request!.Id, false, " ", "kessai1")).Refusal);
        Assert.True((await requests.DecideAsync(request.Id, false, "法的根拠が不明確", "kessai1")).IsDecided);
        Assert.Equal("データ利用申請 " + request.Id + " は決裁済みです。", (await requests.DecideAsync(request.Id, true, null, "kessai2")).Refusal);
        Assert.Equal("このデータ利用申請は承認されませんでした。", (await requests.OpenAsync(request.Id, "riyou1")).Refusal);
        Assert.Equal(DataUseRequestStatus.Rejected, (await db.DataUseRequests.AsNoTracking().SingleAsync()).Status);
        Assert.Equal(["datause.requested", "datause.rejected", "datause.view_refused"],
            await db.AuditEvents.AsNoTracking().Where(e => e.EventType.StartsWith("datause.")).OrderBy(e => e.Sequence).Select(e => e.EventType).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_claims_view_lists_only_the_claims_of_the_months_in_the_period(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        await using var db = database.Open();
        var requests = new DataUseRequests(db, new SettableClock(Requested));
        var (request, _) = await requests.RequestAsync(new DataUseRequestEntry(
            "保険年金課", "claims", ["serviceMonth", "medicalCost", "patientShare"], new DateOnly(2026, 4, 15), new DateOnly(2026, 4, 15),
            "根拠", "目的", new DateOnly(2026, 6, 10)), "riyou1");
        await requests.DecideAsync(request!.Id, true, null, "kessai1");
        var view = await requests.OpenAsync(request.Id, "riyou1");
        Assert.Equal(["診療月", "医療費（円）", "患者負担額（円）"], view.Columns.Select(c => c.Label));
        Assert.Equal([["2026-04", "12,340", "2,470"]], view.Rows.Select(r => r.ToArray()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_request_outside_the_catalogue_or_without_basis_or_dates_is_problems_and_nothing_is_saved(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        var requests = new DataUseRequests(db, new SettableClock(Requested));
        var (none, problems) = await requests.RequestAsync(new DataUseRequestEntry(
            "子ども政策課", "recipients", ["recipientNumber", "myNumber"], new DateOnly(2026, 4, 30), new DateOnly(2026, 4, 1),
            " ", "目的", new DateOnly(2027, 6, 30)), "riyou1");
        Assert.Null(none);
        Assert.Equal(["Items", "RecordsTo", "LegalBasis", "AccessUntil"], problems.Select(p => p.Field));
        Assert.Contains("myNumber", problems[0].Message, StringComparison.Ordinal);
        var (_, unknownView) = await requests.RequestAsync(new DataUseRequestEntry(
            "子ども政策課", "everything", [], new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "根拠", "目的", new DateOnly(2026, 5, 1)), "riyou1");
        Assert.Equal(["ViewKey", "AccessUntil"], unknownView.Select(p => p.Field));
        Assert.Equal(0, await db.DataUseRequests.CountAsync());
        Assert.False(await db.AuditEvents.AnyAsync(e => e.EventType.StartsWith("datause.")));
    }

    /// <summary>Three recipients acquired on 2026-03-31, 2026-04-01 and 2026-04-30, and claims of March and April 2026.</summary>
    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var ledger = new PersonLedger(db, new SettableClock(Requested.AddYears(-1)));
        var acquired = new[] { ("1000009", new DateOnly(2026, 3, 31)), ("1000017", new DateOnly(2026, 4, 1)), ("1000025", new DateOnly(2026, 4, 30)) };
        var index = 0;
        foreach (var (number, on) in acquired)
        {
            index++;
            var person = await ledger.RegisterAsync($"00010{index}", new PersonRecord
            {
                Name = $"奈良 花子{index}",
                NameKana = "ナラ ハナコ",
                NameKanaKey = "ナラハナコ",
                BirthDate = new DateOnly(1990, 5, 20),
                Sex = Sex.Female,
                ResidencyStatus = ResidencyStatus.Registered,
                Address = "奈良県奈良市登大路町30番地",
            }, new DateOnly(1990, 5, 20), "madoguchi1");
            var recipient = new Recipient { PersonId = person.Id, RecipientNumber = number, Kind = RecipientKind.Parent, CreatedAt = Requested.AddYears(-1) };
            db.Recipients.Add(recipient);
            await db.SaveChangesAsync();
            db.EligibilityRecords.Add(new EligibilityRecord
            {
                RecipientId = recipient.Id,
                Status = EligibilityStatus.Active,
                ApplicationKind = ApplicationKind.New,
                AcquiredOn = on,
                BenefitMethod = BenefitMethod.InKind,
                ValidFrom = on,
                RecordedAt = Requested.AddYears(-1),
                RecordedBy = "madoguchi1",
            });
        }

        db.MedicalClaims.Add(Claim(202603, 9_990, 2_000));
        db.MedicalClaims.Add(Claim(202604, 12_340, 2_470));
        await db.SaveChangesAsync();
    }

    private static FukushiIryo.App.MedicalClaims.MedicalClaim Claim(int serviceMonth, long cost, long share) => new()
    {
        Source = FukushiIryo.App.MedicalClaims.MedicalClaimSource.Manual,
        ProcessingMonth = serviceMonth + 1,
        ServiceMonth = serviceMonth,
        ProviderCode = "2910101",
        PrefectureCode = "29",
        RecipientNumber = "1000017",
        MedicalCost = cost,
        PatientShare = share,
    };
}
