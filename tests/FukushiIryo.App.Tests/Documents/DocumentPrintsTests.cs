using System.Security.Cryptography;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Documents;

/// <summary>
/// The print service on both databases: a 受給資格証 from the stored eligibility and 宛名, its
/// 交付履歴 with 再交付, and exactly one <c>document.printed</c> audit event per print.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DocumentPrintsTests(PostgresFixture fixture)
{
    // 2026-08-03 10:00 and 2026-10-15 09:00 in Japan.
    private static readonly DateTimeOffset IssueDay = new(2026, 8, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReissueDay = new(2026, 10, 15, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Issuing_a_certificate_prints_the_stored_eligibility_records_the_issue_and_audits_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var recipientId = await SeedAsync(database);
        RenderedDocument document;
        await using (var db = database.Open())
        {
            document = await new DocumentPrints(db, new SettableClock(IssueDay)).IssueCertificateAsync(recipientId, CertificateIssueKind.Issue, "madoguchi1", clientAddress: "192.0.2.10");
        }

        var text = Poppler.Compact(Poppler.Text(document.Pdf));
        Assert.Contains("受給者番号1000017", text, StringComparison.Ordinal);
        Assert.Contains("公費負担者番号81290116", text, StringComparison.Ordinal);
        Assert.Contains("氏名𠮷田さくら", text, StringComparison.Ordinal);
        Assert.Contains("生年月日平成27年4月2日", text, StringComparison.Ordinal);
        Assert.Contains("有効期間令和8年8月1日から令和9年7月31日まで", text, StringComparison.Ordinal);
        Assert.Contains("給付区分現物給付", text, StringComparison.Ordinal);
        Assert.Contains("交付年月日令和8年8月3日", text, StringComparison.Ordinal);
        Assert.DoesNotContain("再交付", text, StringComparison.Ordinal);

        await using var check = database.Open();
        var issue = await check.CertificateIssues.SingleAsync();
        Assert.Equal(
            (recipientId, CertificateIssueKind.Issue, new DateOnly(2026, 8, 1), new DateOnly(2027, 7, 31), new DateOnly(2026, 8, 3), "madoguchi1"),
            (issue.RecipientId, issue.Kind, issue.ValidFrom, issue.ValidTo, issue.IssuedOn, issue.IssuedBy));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(document.Pdf)), issue.Sha256);

        var audit = await check.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.DocumentPrinted);
        Assert.Equal(("madoguchi1", "recipient", "1000017", "192.0.2.10"), (audit.Actor, audit.SubjectType, audit.SubjectId, audit.ClientAddress));
        Assert.Contains("\"document\":\"Certificate\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"issueKind\":\"Issue\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains($"\"sha256\":\"{issue.Sha256}\"", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("𠮷田", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reissue_says_reissue_with_its_date_beside_the_first_issue_and_keeps_the_history(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var recipientId = await SeedAsync(database);
        await using (var db = database.Open())
        {
            await new DocumentPrints(db, new SettableClock(IssueDay)).IssueCertificateAsync(recipientId, CertificateIssueKind.Issue, "madoguchi1");
        }

        RenderedDocument reissued;
        await using (var db = database.Open())
        {
            reissued = await new DocumentPrints(db, new SettableClock(ReissueDay)).IssueCertificateAsync(recipientId, CertificateIssueKind.Reissue, "madoguchi2");
        }

        Assert.Equal("受給資格証（再交付）", reissued.Title);
        Assert.Contains("交付年月日令和8年8月3日再交付令和8年10月15日", Poppler.Compact(Poppler.Text(reissued.Pdf)), StringComparison.Ordinal);

        await using var check = database.Open();
        var history = await new DocumentPrints(check, TimeProvider.System).CertificateHistoryAsync(recipientId);
        Assert.Equal(
            [(CertificateIssueKind.Reissue, new DateOnly(2026, 10, 15), "madoguchi2"), (CertificateIssueKind.Issue, new DateOnly(2026, 8, 3), "madoguchi1")],
            history.Select(i => (i.Kind, i.IssuedOn, i.IssuedBy)).ToList());
        var audits = await check.AuditEvents.Where(e => e.EventType == AuditEventType.DocumentPrinted).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.Contains("\"issueKind\":\"Reissue\"", audits[1].Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_certificate_without_eligibility_in_force_and_nothing_is_written(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var recipientId = await SeedAsync(database);
        await using (var db = database.Open())
        {
            // The eligibility starts 2026-08-01: nothing is in force on 2026-07-31.
            var refused = await Assert.ThrowsAsync<DocumentRefusedException>(() =>
                new DocumentPrints(db, new SettableClock(IssueDay)).IssueCertificateAsync(recipientId, CertificateIssueKind.Issue, "madoguchi1", on: new DateOnly(2026, 7, 31)));
            Assert.Equal("令和8年7月31日に有効な受給資格がないため、受給資格証を交付できません。", refused.Message);
        }

        await using var check = database.Open();
        Assert.Empty(await check.CertificateIssues.ToListAsync());
        Assert.Empty(await check.AuditEvents.Where(e => e.EventType == AuditEventType.DocumentPrinted).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_print_of_a_notice_or_the_register_writes_one_audit_event_for_its_subject(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var rejection = new RejectionNoticeInput(DocumentBuilderTests.To, new DateOnly(2026, 8, 3), new DateOnly(2026, 7, 20), ApplicationKind.New, [DocumentBuilderTests.Parent], ["健康保険の加入が確認できません。"]);
        var register = new ReceptionRegisterInput(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), [new ReceptionEntry("R8-00001", new DateOnly(2026, 4, 1), ApplicationKind.New, DocumentBuilderTests.Parent)], IssueDay, "madoguchi1");
        await using (var db = database.Open())
        {
            var prints = new DocumentPrints(db, new SettableClock(IssueDay));
            await prints.PrintAsync(rejection, DocumentSubject.Application("R8-00001"), "kessai1");
            await prints.PrintAsync(rejection, DocumentSubject.Application("R8-00001"), "kessai1");
            var printed = await prints.PrintAsync(register, DocumentSubject.ReceptionRegister(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), "madoguchi1");
            Assert.Equal((DocumentKind.ReceptionRegister, "reception-register.pdf"), (printed.Kind, printed.FileName));
            await Assert.ThrowsAsync<ArgumentException>(() => prints.PrintAsync(DocumentBuilderTests.Certificate(), DocumentSubject.Recipient("1000017"), "madoguchi1"));
        }

        await using var check = database.Open();
        var audits = await check.AuditEvents.Where(e => e.EventType == AuditEventType.DocumentPrinted).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(
            [("kessai1", "application", "R8-00001"), ("kessai1", "application", "R8-00001"), ("madoguchi1", "reception_register", "2026-04-01..2026-04-30")],
            audits.Select(e => (e.Actor, e.SubjectType!, e.SubjectId!)).ToList());
        Assert.Contains("\"document\":\"RejectionNotice\"", audits[0].Details, StringComparison.Ordinal);
        Assert.Contains("\"document\":\"ReceptionRegister\"", audits[2].Details, StringComparison.Ordinal);
        Assert.Contains("\"pages\":1", audits[2].Details, StringComparison.Ordinal);
    }

    private static async Task<long> SeedAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var recorded = new DateTimeOffset(2026, 7, 20, 0, 0, 0, TimeSpan.Zero);
        var person = new Person { AtenaNumber = "000101", CreatedAt = recorded, Version = 1 };
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        db.PersonRecords.Add(new PersonRecord
        {
            PersonId = person.Id, Name = DocumentBuilderTests.Child, NameKana = "ヨシダ　サクラ", NameKanaKey = "ヨシダサクラ", BirthDate = new DateOnly(2015, 4, 2),
            Sex = Sex.Female, ResidencyStatus = ResidencyStatus.Registered, Address = "奈良県奈良市二条大路南一丁目1番1号",
            ValidFrom = new DateOnly(2015, 4, 2), RecordedAt = recorded, RecordedBy = "test", Kind = RecordKind.Initial,
        });
        var recipient = new Recipient { PersonId = person.Id, RecipientNumber = DocumentBuilderTests.RecipientNumber, Kind = RecipientKind.Child, CreatedAt = recorded, Version = 1 };
        db.Recipients.Add(recipient);
        await db.SaveChangesAsync();
        db.EligibilityRecords.Add(new EligibilityRecord
        {
            RecipientId = recipient.Id, Status = EligibilityStatus.Active, ApplicationKind = ApplicationKind.New, AppliedOn = new DateOnly(2026, 7, 20),
            CertificateValidFrom = new DateOnly(2026, 8, 1), CertificateValidTo = new DateOnly(2027, 7, 31), BenefitMethod = BenefitMethod.InKind,
            PayerNumber = DocumentBuilderTests.PayerNumber, AcquiredOn = new DateOnly(2026, 8, 1), FundingShare = FundingShare.Prefecture,
            ValidFrom = new DateOnly(2026, 8, 1), RecordedAt = recorded, RecordedBy = "test", Kind = RecordKind.Initial,
        });
        await db.SaveChangesAsync();
        return recipient.Id;
    }
}
