using System.Security.Claims;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Persons;

/// <summary>
/// 福祉世帯 (issue 9 item 7): the members of the person's welfare households with 住基上の続柄,
/// 本人から見た続柄, 受給者との関係, 該当日 and 非該当日; the メモ (masked without
/// <c>person.sensitive.view</c>) and the 問合せ記録, with the forms for those who may add to them.
/// Permission: <c>person.view</c>; every view is audited.
/// </summary>
public sealed class HouseholdModel(PersonProfile profiles, PersonNotes notes, TimeProvider clock) : PageModel
{
    public const string Screen = "福祉世帯";

    public PersonProfileView View { get; private set; } = default!;

    public IReadOnlyList<Memo> Memos { get; private set; } = [];

    public IReadOnlyList<Inquiry> Inquiries { get; private set; } = [];

    public bool MayViewMemo { get; private set; }

    public bool CanRecordMemo { get; private set; }

    public bool CanRecordInquiry { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        MayViewMemo = SensitiveItems.MayView(roles);
        CanRecordMemo = Permissions.Allows(Permissions.MemoRecord, roles);
        CanRecordInquiry = Permissions.Allows(Permissions.InquiryRecord, roles);
        var view = await profiles.LoadAsync(id, JstClock.Today(clock), MayViewMemo, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString(), Screen).ConfigureAwait(false);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Memos = await notes.MemosAsync(id).ConfigureAwait(false);
        Inquiries = await notes.InquiriesAsync(id).ConfigureAwait(false);
        return Page();
    }
}
