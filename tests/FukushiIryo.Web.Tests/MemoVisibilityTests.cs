using System.Security.Claims;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Web.Pages.Persons;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The メモ on the person pages follows <c>person.sensitive.view</c>, not <c>person.view</c>. No role
/// holds the one without the other (ApiLedgerTests pins that, and covers the API with a key that
/// does), so the pages' models are run here directly with a role set lacking the sensitive
/// permission: what they load and show is what the page renders.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class MemoVisibilityTests(WebAppFixture app)
{
    private const string MemoText = "児童福祉施設の退所予定を聞き取り（メモの試験）";

    public static TheoryData<string, bool> RoleSets() => new()
    {
        { RoleNames.Counter, true },
        { RoleNames.Maintainer, false },
    };

    [Theory]
    [MemberData(nameof(RoleSets))]
    public async Task The_person_pages_load_and_show_the_memo_only_with_the_sensitive_permission(string role, bool shown)
    {
        Assert.Equal(shown, Permissions.Allows(Permissions.SensitiveView, [role]));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<FukushiDbContext>();
        var id = await db.Persons.Where(p => p.AtenaNumber == "000102").Select(p => p.Id).SingleAsync();
        if (!await db.Memos.AnyAsync(m => m.PersonId == id && m.Text == MemoText))
        {
            Assert.Empty(await services.GetRequiredService<PersonNotes>().AddMemoAsync(id, MemoText, null, "madoguchi1"));
        }

        var detail = new DetailModel(services.GetRequiredService<PersonProfile>(), db, app.Clock, services.GetRequiredService<AuditLog>()) { PageContext = Context(role, services) };
        await detail.OnGetAsync(id);
        Assert.Equal(shown, detail.View.SensitiveShown);
        Assert.Equal(shown, detail.View.Memos.Any(m => m.Text == MemoText));

        var household = new HouseholdModel(services.GetRequiredService<PersonProfile>(), services.GetRequiredService<PersonNotes>(), app.Clock) { PageContext = Context(role, services) };
        await household.OnGetAsync(id);
        Assert.Equal(shown, household.MayViewMemo);
        var memo = household.Memos.Single(m => m.Text == MemoText);
        Assert.Equal(shown ? MemoText : SensitiveItems.Mask, SensitiveItems.Show(memo.Text, household.MayViewMemo)); // the cell the page renders
    }

    private static PageContext Context(string role, IServiceProvider services) => new()
    {
        HttpContext = new DefaultHttpContext
        {
            RequestServices = services,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "memo-test"), new Claim(ClaimTypes.Role, role)], "test")),
        },
    };
}
