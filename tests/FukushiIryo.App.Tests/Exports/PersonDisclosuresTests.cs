using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Exports;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.App.Tests.Eligibility;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Payments;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace FukushiIryo.App.Tests.Exports;

/// <summary>
/// 本人開示 (P19) on both databases: the PDF (read back with PdfPig) holds the person's 台帳 items, a
/// memo and an inquiry, a receipt and its payment, and the access by a named staff member; it carries
/// who produced it and when; the act is audited with its purpose.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PersonDisclosuresTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_report_holds_the_ledger_a_payment_and_who_accessed_the_person(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var home = await LossHousehold.SeedAsync(database);
        await using (var db = database.Open())
        {
            db.Users.Add(new StaffUser { UserName = "madoguchi2", DisplayName = "窓口 二郎", StaffNumber = "2002", ValidFrom = new DateOnly(2020, 4, 1), CreatedAt = DateTimeOffset.UnixEpoch });
            db.Memos.Add(new Memo { PersonId = home.ParentPerson, Text = "民生委員の証明書を受領", RecordedAt = Now.AddDays(-5), RecordedBy = "madoguchi2" });
            db.Inquiries.Add(new Inquiry { PersonId = home.ParentPerson, Inquirer = "本人", Channel = "電話", AskedAt = Now.AddDays(-4), Question = "支給日を知りたい", Answer = "11月20日と回答", RecordedAt = Now.AddDays(-4), RecordedBy = "madoguchi2" });
            await db.SaveChangesAsync();
            await PaidClaimAsync(db, home.Parent, subsidy: 12_345);
            await new PersonProfile(db).LoadAsync(home.ParentPerson, new DateOnly(2026, 11, 15), sensitive: false, "madoguchi2", "10.0.0.2", "個人台帳");
        }

        RenderedDocument document;
        await using (var db = database.Open())
        {
            var clock = new SettableClock(Now);
            document = (await new PersonDisclosures(db, new PersonProfile(db), clock)
                .CreateAsync(home.ParentPerson, "本人からの開示請求（令和8年11月19日受付）", "madoguchi1", "窓口 一郎", "10.0.0.1"))!;
        }

        Assert.Equal(DocumentKind.PersonDisclosure, document.Kind);
        var text = Text(document.Pdf);
        foreach (var expected in new[]
        {
            "保有個人情報開示（本人開示）",
            "宛名番号：000101",
            "奈良花子（ナラハナコ）",
            "奈良県奈良市二条大路南一丁目1番1号",
            "受給者番号1000017父母",
            "公費負担者番号86290016",
            "民生委員の証明書を受領",
            "支給日を知りたい",
            "診療月2026年10月",
            "助成額12,345円",
            "窓口二郎（madoguchi2）個人の閲覧（個人台帳）",
            "出力者：窓口一郎（madoguchi1）",
            "開示の目的：本人からの開示請求",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        await using var check = database.Open();
        var audit = await check.AuditEvents.AsNoTracking().SingleAsync(e => e.EventType == AuditEventType.PersonDisclosed);
        Assert.Equal(("madoguchi1", "person", "000101", "10.0.0.1"), (audit.Actor, audit.SubjectType, audit.SubjectId, audit.ClientAddress));
        using var details = JsonDocument.Parse(audit.Details);
        Assert.Equal("本人からの開示請求（令和8年11月19日受付）", details.RootElement.GetProperty("purpose").GetString());
        Assert.Equal(document.PageCount, details.RootElement.GetProperty("pages").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document.Pdf)), details.RootElement.GetProperty("sha256").GetString());

        if (Environment.GetEnvironmentVariable("FUKUSHI_KEEP_PDF") is { Length: > 0 } folder)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"disclosure-{provider}.pdf"), document.Pdf);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_purpose_is_required_and_an_unknown_person_gives_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        var disclosures = new PersonDisclosures(db, new PersonProfile(db), new SettableClock(Now));
        await Assert.ThrowsAsync<ArgumentException>(() => disclosures.CreateAsync(1, "  ", "madoguchi1", "窓口 一郎", null));
        Assert.Null(await disclosures.CreateAsync(999_999, "本人からの開示請求", "madoguchi1", "窓口 一郎", null));
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.PersonDisclosed));
    }

    /// <summary>The text of every page with all white space removed (PdfPig reads the glyphs back through ToUnicode).</summary>
    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return new string([.. string.Concat(document.GetPages().Select(p => p.Text)).Where(c => !char.IsWhiteSpace(c))]);
    }

    private static async Task PaidClaimAsync(FukushiIryo.App.Data.FukushiDbContext db, long recipientId, long subsidy)
    {
        var claim = new MedicalClaim
        {
            Source = MedicalClaimSource.Autopay, ProcessingMonth = 202611, ServiceMonth = 202610, ProviderCode = "2910001234", PrefectureCode = "29",
            ProviderName = "奈良診療所", Schedule = MedicalClaimSchedule.Medical, InsurerShareRate = 70, PatientShare = 13_345, RecipientNumber = "1000017",
            InsurerNumber = "133066", RecipientId = recipientId, MatchStatus = MedicalClaimMatchStatus.Matched, ImportedAt = Now.AddDays(-10),
        };
        db.MedicalClaims.Add(claim);
        var run = new PaymentRun
        {
            ProcessingMonth = 202611, PayDate = new DateOnly(2026, 11, 20), Status = PaymentRunStatus.Approved, Preparation = 1,
            PreparedBy = "shiharai1", PreparedAt = Now.AddDays(-3), ApprovedBy = "kessai1", ApprovedAt = Now.AddDays(-2),
        };
        db.PaymentRuns.Add(run);
        await db.SaveChangesAsync();
        var line = new PaymentLine
        {
            PaymentRunId = run.Id, Preparation = 1, MedicalClaimId = claim.Id, RecipientId = recipientId, PayeeRecipientId = recipientId,
            ClaimProcessingMonth = 202611, ServiceMonth = 202610, ProviderCode = "2910001234", Kind = ClaimKind.MedicalOutpatient, SelfPay = 13_345,
            Target = 13_345, Copayment = 1_000, Subsidy = subsidy,
        };
        db.PaymentLines.Add(line);
        await db.SaveChangesAsync();
        db.PaidClaims.Add(new PaidClaim { MedicalClaimId = claim.Id, PaymentRunId = run.Id, PaymentLineId = line.Id });
        await db.SaveChangesAsync();
    }
}
