using System.Net;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.App.Renewals;
using FukushiIryo.App.Security;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The 更新 pages over HTTP: 窓口 downloads the renewal forms of the 2031 August renewal as a PDF,
/// records a returned form on the fast entry screen by a child's 受給者番号 (the household's head is
/// marked, audited; the cursor field is empty and focused again), a second entry of the same
/// household changes nothing, an unknown number is refused with 422; 決裁 cannot reach the entry
/// screen.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class RenewalPageTests(WebAppFixture app)
{
    private const int Year = 2031;

    [Fact]
    public async Task The_counter_sends_the_forms_and_records_returns_by_number()
    {
        var (parentNumber, childNumber) = await SeedHouseholdAsync(app);
        using var counter = await StaffSession.LoginAsync(app, "madoguchi1");

        var index = await counter.Client.GetStringAsync($"/Renewals?kind=august&year={Year}");
        Assert.Contains($"更新 — 年度切替更新 {Year}", index, StringComparison.Ordinal);
        Assert.Contains("hx-trigger=\"every 3s\"", index, StringComparison.Ordinal);
        var forms = await counter.PostFormWithTokenFromAsync($"/Renewals?handler=Forms&Kind=august&Year={Year}", index, []);
        Assert.Equal(HttpStatusCode.OK, forms.StatusCode);
        Assert.Equal("application/pdf", forms.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await forms.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);

        var again = await counter.PostFormWithTokenFromAsync($"/Renewals?handler=Forms&Kind=august&Year={Year}", index, []);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("新たに送付する更新申請書はありません", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var entry = await counter.Client.GetStringAsync($"/Renewals/Returns?year={Year}");
        Assert.Contains("autofocus", entry, StringComparison.Ordinal);
        var recorded = await counter.PostFormWithTokenFromAsync($"/Renewals/Returns?Year={Year}", entry, new() { ["ReturnedOn"] = "2031-07-05", ["RecipientNumber"] = childNumber });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var recordedPage = await recorded.Content.ReadAsStringAsync();
        Assert.Contains($"（{parentNumber}）を返送済にしました", recordedPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{childNumber}\"", recordedPage, StringComparison.Ordinal); // the field is empty for the next number
        Assert.Contains("name=\"ReturnedOn\" value=\"2031-07-05\"", recordedPage, StringComparison.Ordinal);

        var twice = await counter.PostFormWithTokenFromAsync($"/Renewals/Returns?Year={Year}", entry, new() { ["ReturnedOn"] = "2031-07-06", ["RecipientNumber"] = parentNumber });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("すでに返送済です", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknown = await counter.PostFormWithTokenFromAsync($"/Renewals/Returns?Year={Year}", entry, new() { ["ReturnedOn"] = "2031-07-06", ["RecipientNumber"] = "7799999" });
        Assert.Equal((HttpStatusCode)422, unknown.StatusCode);
        Assert.Contains("受給者番号 7799999 の受給者はいません", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            var run = await db.RenewalRuns.AsNoTracking().SingleAsync(r => r.Kind == RenewalKind.August && r.Year == Year);
            var item = await db.RenewalItems.AsNoTracking().SingleAsync(i => i.RunId == run.Id && i.HeadRecipientNumber == parentNumber);
            Assert.Equal((RenewalItemState.Returned, (DateOnly?)new DateOnly(2031, 7, 5), "madoguchi1"), (item.State, item.ReturnedOn, item.ReturnedBy));
            var returns = await db.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.RenewalFormReturned && e.SubjectId == parentNumber).Select(e => e.Details).ToListAsync();
            Assert.Single(returns, details => details.Contains($"\"year\":{Year}", StringComparison.Ordinal)); // the other test records 2032
        }

        using var approver = await StaffSession.LoginAsync(app, "role" + RoleNames.All.ToList().IndexOf(RoleNames.Approver));
        var denied = await approver.Client.GetAsync($"/Renewals/Returns?year={Year}");
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_approver_decides_and_downloads_the_new_certificates_once()
    {
        const int printYear = 2032;
        var (parentNumber, _) = await SeedHouseholdAsync(app);
        using (var counter = await StaffSession.LoginAsync(app, "madoguchi1"))
        {
            var index = await counter.Client.GetStringAsync($"/Renewals?kind=august&year={printYear}");
            Assert.Equal(HttpStatusCode.OK, (await counter.PostFormWithTokenFromAsync($"/Renewals?handler=Forms&Kind=august&Year={printYear}", index, [])).StatusCode);
            var entry = await counter.Client.GetStringAsync($"/Renewals/Returns?year={printYear}");
            var recorded = await counter.PostFormWithTokenFromAsync($"/Renewals/Returns?Year={printYear}", entry, new() { ["ReturnedOn"] = "2032-07-05", ["RecipientNumber"] = parentNumber });
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        var approverLogin = "role" + RoleNames.All.ToList().IndexOf(RoleNames.Approver);
        using var approver = await StaffSession.LoginAsync(app, approverLogin);
        var decideUrl = $"/Renewals/Decide?kind=august&year={printYear}";
        var passed = await approver.PostFormAsync("/Account/Reauthenticate", new() { ["Password"] = WebAppFixture.Password, ["Code"] = StaffSession.CodeFor(app, approverLogin), ["ReturnUrl"] = decideUrl });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        var page = await approver.Client.GetStringAsync(decideUrl);
        var decided = await approver.PostFormWithTokenFromAsync($"/Renewals/Decide?Kind=august&Year={printYear}", page, []);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var result = await decided.Content.ReadAsStringAsync();
        Assert.Contains("決定しました", result, StringComparison.Ordinal);
        Assert.Contains("受給資格証をダウンロード（PDF）", result, StringComparison.Ordinal);

        var print = await approver.PostFormWithTokenFromAsync($"/Renewals/Decide?handler=Print&Kind=august&Year={printYear}&what=Certificates", page, []);
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        Assert.Equal("application/pdf", print.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await print.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);

        // Printed once: the next print of the same kind has nothing due, and the card is in the 交付履歴.
        var again = await approver.PostFormWithTokenFromAsync($"/Renewals/Decide?handler=Print&Kind=august&Year={printYear}&what=Certificates", page, []);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("新たに印刷する受給資格証はありません", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenDb();
        var parent = await db.Recipients.AsNoTracking().SingleAsync(r => r.RecipientNumber == parentNumber);
        Assert.Equal(1, await db.CertificateIssues.CountAsync(i => i.RecipientId == parent.Id && i.ValidFrom == new DateOnly(printYear, 8, 1)));
    }

    /// <summary>A parent and a child, recipients from 2030-08-01 to 2031-07-31 (also the manual's renewal journey, ManualJourneyTests).</summary>
    internal static async Task<(string Parent, string Child)> SeedHouseholdAsync(WebAppFixture app)
    {
        const string parentNumber = "7719010", childNumber = "7719020";
        await using var db = app.OpenDb();
        if (await db.Recipients.AnyAsync(r => r.RecipientNumber == parentNumber))
        {
            return (parentNumber, childNumber);
        }

        await SeedHouseholdAsync(db, [
            new("771901", parentNumber, "更新 春子", "コウシン", new DateOnly(1991, 5, 20), RecipientKind.Parent),
            new("771902", childNumber, "更新 夏男", "コウシン", new DateOnly(2020, 6, 2), RecipientKind.Child),
        ]);
        return (parentNumber, childNumber);
    }

    /// <summary>One member of a seeded household: the first is the parent or carer, the others its children.</summary>
    internal sealed record SeededMember(string Atena, string Number, string Name, string Kana, DateOnly Birth, RecipientKind Kind, string? PayerNumber = null, BenefitMethod? Method = null);

    /// <summary>A 福祉世帯 of <paramref name="members"/>, each a recipient eligible from 2030-08-01 with a certificate to 2031-07-31.</summary>
    internal static async Task SeedHouseholdAsync(App.Data.FukushiDbContext db, IReadOnlyList<SeededMember> members)
    {
        var now = DateTimeOffset.UtcNow;
        var ledger = new PersonLedger(db, TimeProvider.System);
        var household = new WelfareHousehold { CreatedAt = now, Version = 1 };
        db.Households.Add(household);
        await db.SaveChangesAsync();
        long? parentId = null;
        foreach (var member in members)
        {
            var person = await ledger.RegisterAsync(member.Atena, new PersonRecord
            {
                Name = member.Name, NameKana = member.Kana, NameKanaKey = member.Kana, BirthDate = member.Birth, Sex = Sex.Female, ResidencyStatus = ResidencyStatus.Registered,
                PostalCode = "6308501", Address = "奈良県奈良市登大路町30番地",
            }, member.Birth, "admin");
            var recipient = new Recipient { PersonId = person.Id, RecipientNumber = member.Number, Kind = member.Kind, ParentRecipientId = parentId, HouseholdId = household.Id, CreatedAt = now, Version = 1 };
            db.Recipients.Add(recipient);
            await db.SaveChangesAsync();
            parentId ??= recipient.Id;
            History.PlanStart(new EligibilityRecord
            {
                RecipientId = recipient.Id, Status = EligibilityStatus.Active, ApplicationKind = ApplicationKind.New, AcquiredOn = new DateOnly(2030, 8, 1),
                CertificateValidFrom = new DateOnly(2030, 8, 1), CertificateValidTo = new DateOnly(2031, 7, 31),
                PayerNumber = member.PayerNumber, BenefitMethod = member.Method,
            }, new DateOnly(2030, 8, 1), now, "admin").ApplyTo(db, now);
            await db.SaveChangesAsync();
        }
    }
}
