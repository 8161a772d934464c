using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Documents;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Applications;

/// <summary>
/// 新規申請 and 決定 on both databases: 受付番号 and 受給者番号 unique under concurrency, bad input
/// refused field by field with nothing saved, self-approval and stale decisions refused, and 認定
/// storing the recipients with the dates of D8 at the boundaries (7/31 vs 8/1, a child born 4/1).
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ApplicationTests(PostgresFixture fixture)
{
    // 2026-10-01 10:00 in Japan: after every application date used here.
    private static readonly DateTimeOffset Today = new(2026, 10, 1, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reception_numbers_follow_the_fiscal_year_and_are_unique_under_concurrency(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        var first = await ReceiveAsync(database, Form("2026-03-31"));
        Assert.Equal(("R7-00001", 2025, 1), (first.ReceptionNumber, first.ReceptionYear, first.ReceptionSerial));

        var numbers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () => (await ReceiveAsync(database, Form("2026-04-01"))).ReceptionNumber)));
        Assert.Equal(["R8-00001", "R8-00002", "R8-00003", "R8-00004", "R8-00005", "R8-00006"], numbers.Order(StringComparer.Ordinal).ToArray());

        await using var db = database.Open();
        Assert.Equal(7, await db.Applications.CountAsync());
        var audit = await db.AuditEvents.Where(e => e.EventType == AuditEventType.ApplicationReceived).OrderBy(e => e.Sequence).FirstAsync();
        Assert.Equal(("madoguchi1", "application", "R7-00001"), (audit.Actor, audit.SubjectType, audit.SubjectId));
        Assert.Contains("\"applicant\":\"000101\"", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("奈良", audit.Details, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> BadInputs()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            data.Add(provider, nameof(ApplicationForm.AppliedOn), "2026-02-30", "申請年月日が正しい日付ではありません");
            data.Add(provider, nameof(ApplicationForm.InsurerNumber), "290016", "保険者番号が正しくありません");
            data.Add(provider, "Children[0].Atena", "000103", "18歳到達年度末（令和8年3月31日）を過ぎているため、対象児童になりません。");
            data.Add(provider, nameof(ApplicationForm.BranchCode), "999", "店舗コード 999 は金融機関 0162（南都銀行）の店舗として金融機関マスタにありません。");
            data.Add(provider, nameof(ApplicationForm.YuchoNumber), "12345670", "通常貯金の番号は末尾が1です。");
            data.Add(provider, nameof(ApplicationForm.ApplicantAtena), "999999", "宛名番号 999999 の人は台帳にありません。");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_message_for_its_field_and_nothing_is_saved(string provider, string field, string value, string message)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        var form = Form("2026-04-01");
        switch (field)
        {
            case nameof(ApplicationForm.AppliedOn): form.AppliedOn = value; break;
            case nameof(ApplicationForm.InsurerNumber): form.InsurerNumber = value; break;
            case nameof(ApplicationForm.BranchCode): form.BranchCode = value; break;
            case nameof(ApplicationForm.ApplicantAtena): form.ApplicantAtena = value; break;
            case nameof(ApplicationForm.YuchoNumber): form.YuchoSymbol = "14010"; form.YuchoNumber = value; break;
            default: form.Children[0].Atena = value; break;
        }

        await using var db = database.Open();
        var result = await new ApplicationIntake(db, new SettableClock(Today)).ReceiveAsync(form, "madoguchi1");
        Assert.False(result.IsSaved);
        Assert.Contains(message, result.Problems[field], StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Empty(await check.Applications.ToListAsync());
        Assert.Empty(await check.NumberSequences.ToListAsync());
        Assert.Empty(await check.AuditEvents.Where(e => e.EventType == AuditEventType.ApplicationReceived).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_user_who_entered_an_application_cannot_decide_it_and_a_stale_decision_is_refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        var application = await ReceiveAsync(database, Form("2026-08-01"));
        await using (var db = database.Open())
        {
            var decisions = new ApplicationDecisions(db, new SettableClock(Today));
            var self = await Assert.ThrowsAsync<DecisionRefusedException>(() => decisions.DecideAsync(application.Id, application.Version, DecisionResult.Granted, null, "madoguchi1"));
            Assert.Contains("自分が入力した申請は決定できません", self.Message, StringComparison.Ordinal);
        }

        await using (var db = database.Open())
        {
            var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(application.Id, application.Version - 1, DecisionResult.Granted, null, "kessai1"));
            Assert.Equal(ApplicationDecisions.ConflictMessage, stale.Message);
        }

        await using (var db = database.Open())
        {
            var noReason = await Assert.ThrowsAsync<DecisionRefusedException>(() =>
                new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(application.Id, application.Version, DecisionResult.Rejected, " ", "kessai1"));
            Assert.Equal("却下の理由（決定理由）を入力してください。", noReason.Message);
        }

        await using (var db = database.Open())
        {
            await new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(application.Id, application.Version, DecisionResult.Rejected, "健康保険の加入が確認できません。", "kessai1");
        }

        await using (var db = database.Open())
        {
            // Decided once: the same page posted again is stale.
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(application.Id, application.Version, DecisionResult.Granted, null, "kessai2"));
        }

        await using var check = database.Open();
        var stored = await check.Applications.SingleAsync();
        Assert.Equal((ApplicationStatus.Rejected, "kessai1", new DateOnly(2026, 10, 1)), (stored.Status, stored.DecidedBy, stored.DecidedOn));
        Assert.Empty(await check.Recipients.ToListAsync());
        var audit = await check.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.ApplicationRejected);
        Assert.Equal(("kessai1", "R8-00001"), (audit.Actor, audit.SubjectId));

        var notice = await new ApplicationDecisions(check, new SettableClock(Today)).NoticeAsync(application.Id);
        var rejection = Assert.IsType<RejectionNoticeInput>(notice);
        Assert.Equal(["健康保険の加入が確認できません。"], rejection.Reasons);
    }

    public static TheoryData<string, string, string, string, string> GrantBoundaries()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            // provider, application date, child (宛名番号), expected 有効期間 from, to (both for parent and child)
            data.Add(provider, "2026-07-31", "000102", "2026-07-31", "2026-07-31");
            data.Add(provider, "2026-08-01", "000102", "2026-08-01", "2027-07-31");
            data.Add(provider, "2025-08-01", "000103", "2025-08-01", "2026-03-31"); // born 2008-04-01: 18歳年度末 2026-03-31
            data.Add(provider, "2025-08-01", "000104", "2025-08-01", "2026-07-31"); // born 2008-04-02: 18歳年度末 2027-03-31
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GrantBoundaries))]
    public async Task A_grant_stores_recipients_with_the_validity_payer_and_funding_share_of_the_application_date(string provider, string appliedOn, string child, string from, string to)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        var form = Form(appliedOn);
        form.Children[0].Atena = child;
        var application = await ReceiveAsync(database, form);
        await using (var db = database.Open())
        {
            await new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(application.Id, application.Version, DecisionResult.Granted, "要件を満たす", "kessai1", "192.0.2.20");
        }

        await using var check = database.Open();
        var applied = DateOnly.Parse(appliedOn, System.Globalization.CultureInfo.InvariantCulture);
        var recipients = await check.Recipients.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([RecipientKind.Parent, RecipientKind.Child], recipients.Select(r => r.Kind).ToList());
        Assert.All(recipients, r => Assert.True(RecipientNumber.TryParse(r.RecipientNumber, out _)));
        Assert.Equal(recipients[0].Id, recipients[1].ParentRecipientId);
        Assert.Equal(recipients[0].HouseholdId, recipients[1].HouseholdId);
        var records = await check.EligibilityRecords.Current().ToListAsync();
        var parent = records.Single(e => e.RecipientId == recipients[0].Id);
        var kid = records.Single(e => e.RecipientId == recipients[1].Id);
        foreach (var record in new[] { parent, kid })
        {
            Assert.Equal((applied, applied, applied), (record.ValidFrom, record.AcquiredOn!.Value, record.AppliedOn!.Value));
            Assert.Equal(from, record.CertificateValidFrom!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(to, record.CertificateValidTo!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((EligibilityStatus.Active, DecisionResult.Granted, FundingShare.City, new DateOnly(2026, 10, 1)), (record.Status, record.DecisionResult!.Value, record.FundingShare!.Value, record.DecidedOn!.Value));
        }

        Assert.Equal(("90290024", BenefitMethod.AutoReimbursement, SingleParentReasonDivorce), (parent.PayerNumber, parent.BenefitMethod!.Value, parent.SingleParentReason));
        Assert.Equal(("90290016", BenefitMethod.InKind), (kid.PayerNumber, kid.BenefitMethod!.Value));
        var stored = await check.Applications.Include(a => a.Children).SingleAsync();
        Assert.Equal((ApplicationStatus.Granted, recipients[1].Id), (stored.Status, stored.Children[0].RecipientId!.Value));
        Assert.Equal("290015", (await check.Insurances.Current().SingleAsync(i => i.PersonId == stored.ApplicantPersonId)).InsurerNumber);
        var account = await check.BankAccounts.Current().SingleAsync();
        Assert.Equal(("0162", "本店", "1234567"), (account.BankCode, account.BranchName, account.AccountNumber));
        var audit = await check.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.ApplicationGranted);
        Assert.Contains($"\"recipients\":\"{recipients[0].RecipientNumber},{recipients[1].RecipientNumber}\"", audit.Details, StringComparison.Ordinal);

        // The certificate prints from what the grant stored.
        var document = await new DocumentPrints(check, new SettableClock(Today)).IssueCertificateAsync(recipients[1].Id, CertificateIssueKind.Issue, "madoguchi1", on: applied);
        Assert.Contains("受給者番号" + recipients[1].RecipientNumber, Poppler.Compact(Poppler.Text(document.Pdf)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Other_programs_reach_the_check_a_public_assistance_applicant_cannot_be_granted_and_a_child_medical_child_is_with_a_warning(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);

        // 生活保護 picked among the applicant's 他制度: refused (対象外), and 認定 is refused.
        var assisted = Form("2026-08-01");
        assisted.OtherPrograms = ["生活保護"];
        var refused = await ReceiveAsync(database, assisted);
        Assert.True(refused.PublicAssistance);
        Assert.Equal("生活保護", refused.OtherPrograms);
        Assert.Contains("奈良　花子: 生活保護を受けているため対象外です。", refused.Findings.Split('\n'));
        await using (var db = database.Open())
        {
            var grant = await Assert.ThrowsAsync<DecisionRefusedException>(() =>
                new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(refused.Id, refused.Version, DecisionResult.Granted, null, "kessai1"));
            Assert.Contains("生活保護を受けているため対象外です。", grant.Message, StringComparison.Ordinal);
        }

        // 子ども医療 of a child (full-width spaces and a repeat cleaned): eligible, ひとり親が優先 as 要確認; 心身障害者医療 of another child refuses that child only.
        var form = Form("2026-08-01");
        form.Children[0].OtherPrograms = [" 子ども医療 ", "子ども医療", ""];
        form.Children.Add(new ApplicationChildForm { Atena = "000104", Insured = true, OtherPrograms = ["心身障害者医療"] });
        var accepted = await ReceiveAsync(database, form);
        var stored = accepted.Children.OrderBy(c => c.Position).ToList();
        Assert.Equal(("子ども医療", "心身障害者医療"), (stored[0].OtherPrograms, stored[1].OtherPrograms));
        Assert.Equal(
            [
                "奈良　次郎: 心身障害者医療が優先するため、ひとり親家庭等医療費助成の対象になりません。",
                "要確認: 奈良　さくら: ひとり親家庭等医療費助成が子ども医療より優先します。子ども医療の資格の終了を担当課へ連絡してください。",
            ],
            accepted.Findings.Split('\n'));
        await using (var db = database.Open())
        {
            await new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(accepted.Id, accepted.Version, DecisionResult.Granted, null, "kessai1");
        }

        await using var check = database.Open();
        var granted = await check.Applications.Include(a => a.Children).SingleAsync(a => a.Id == accepted.Id);
        var child = granted.Children.Single(c => c.Position == 0);
        Assert.Null(granted.Children.Single(c => c.Position == 1).RecipientId);
        var record = await check.EligibilityRecords.Current().SingleAsync(e => e.RecipientId == child.RecipientId);
        Assert.Equal("子ども医療", record.OtherProgram);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_entirely_empty_child_row_is_ignored_and_a_row_with_only_a_tick_asks_for_the_number(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        var form = Form("2026-08-01");
        form.Children.Add(new ApplicationChildForm());
        form.Children.Add(new ApplicationChildForm { OtherPrograms = [" "] });
        var saved = await ReceiveAsync(database, form);
        Assert.Single(saved.Children);

        form.Children.Add(new ApplicationChildForm { SeparateCustody = true });
        await using var db = database.Open();
        var result = await new ApplicationIntake(db, new SettableClock(Today)).ReceiveAsync(form, "madoguchi1");
        Assert.False(result.IsSaved);
        Assert.Equal("児童の宛名番号を入力してください（宛名検索で選べます）。", result.Problems["Children[3].Atena"]);
    }

    private const Domain.Eligibility.SingleParentReason SingleParentReasonDivorce = Domain.Eligibility.SingleParentReason.Divorce;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Recipient_numbers_are_unique_when_several_grants_run_at_once_and_skip_migrated_numbers(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await SeedAsync(database);
        await using (var db = database.Open())
        {
            // A recipient of the previous system holds serial 1.
            var person = await db.Persons.SingleAsync(p => p.AtenaNumber == "000104");
            db.Recipients.Add(new Recipient { PersonId = person.Id, RecipientNumber = RecipientNumber.FromSerial(1).ToString(), Kind = RecipientKind.Child, CreatedAt = Today, Version = 1 });
            await db.SaveChangesAsync();
        }

        var applications = new List<Application>();
        for (var i = 0; i < 4; i++)
        {
            applications.Add(await ReceiveAsync(database, Form("2026-08-03")));
        }

        await Task.WhenAll(applications.Select(a => Task.Run(async () =>
        {
            await using var db = database.Open();
            await new ApplicationDecisions(db, new SettableClock(Today)).DecideAsync(a.Id, a.Version, DecisionResult.Granted, null, "kessai1");
        })));

        await using var check = database.Open();
        var numbers = await check.Recipients.Select(r => r.RecipientNumber).ToListAsync();
        Assert.Equal(9, numbers.Count);
        Assert.Equal(9, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, 9).Select(s => RecipientNumber.FromSerial(s).ToString()).ToList(), numbers.Order(StringComparer.Ordinal).ToList());
    }

    internal static ApplicationForm Form(string appliedOn) => new()
    {
        ApplicantAtena = "000101",
        ApplicantRole = "Parent",
        AppliedOn = appliedOn,
        ApplicationReason = "離婚による",
        SingleParentReason = "Divorce",
        ReasonArisenOn = "2025-05-10",
        InsuranceKind = "National",
        InsurerNumber = "２９００１５",
        BankCode = "0162",
        BranchCode = "001",
        AccountType = "Ordinary",
        AccountNumber = "1234567",
        AccountHolderKana = "ナラ ハナコ",
        PhoneNumber = "0742-34-1111",
        Children = [new ApplicationChildForm { Atena = "000102", Insured = true }],
    };

    private static async Task<Application> ReceiveAsync(TestDatabase database, ApplicationForm form)
    {
        await using var db = database.Open();
        var result = await new ApplicationIntake(db, new SettableClock(Today)).ReceiveAsync(form, "madoguchi1");
        Assert.True(result.IsSaved, string.Join(" / ", result.Problems.Select(p => $"{p.Key}: {p.Value}")));
        return result.Saved!;
    }

    /// <summary>A mother (世帯主) and three children in her 住基 世帯; the shipped masters; one bank with one branch.</summary>
    internal static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Today);
        await db.SaveChangesAsync();
        AddPerson(db, "000101", "奈良　花子", "ナラ　ハナコ", new DateOnly(1990, 6, 1), "世帯主");
        AddPerson(db, "000102", "奈良　さくら", "ナラ　サクラ", new DateOnly(2015, 4, 2), "子");
        AddPerson(db, "000103", "奈良　一郎", "ナラ　イチロウ", new DateOnly(2008, 4, 1), "子");
        AddPerson(db, "000104", "奈良　次郎", "ナラ　ジロウ", new DateOnly(2008, 4, 2), "子");
        db.Banks.Add(new Bank { BankCode = "0162", Kana = "ﾅﾝﾄ", Name = "南都銀行", Edition = "2026-01" });
        db.BankBranches.Add(new BankBranch { BankCode = "0162", BranchCode = "001", Kana = "ﾎﾝﾃﾝ", Name = "本店", Edition = "2026-01" });
        await db.SaveChangesAsync();
    }

    private static void AddPerson(FukushiDbContext db, string atena, string name, string kana, DateOnly birth, string relationship)
    {
        var recorded = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var person = new Person { AtenaNumber = atena, CreatedAt = recorded, Version = 1 };
        db.Persons.Add(person);
        db.SaveChanges();
        db.PersonRecords.Add(new PersonRecord
        {
            PersonId = person.Id, Name = name, NameKana = kana, NameKanaKey = kana.Replace("　", string.Empty, StringComparison.Ordinal), BirthDate = birth,
            Sex = Sex.Female, ResidencyStatus = ResidencyStatus.Registered, Address = "奈良県奈良市二条大路南一丁目1番1号", PostalCode = "6308580",
            HouseholdNumber = "H0001", RegistryRelationship = relationship,
            ValidFrom = birth < new DateOnly(2000, 1, 1) ? new DateOnly(2000, 1, 1) : birth, RecordedAt = recorded, RecordedBy = "test", Kind = RecordKind.Initial,
        });
    }
}
