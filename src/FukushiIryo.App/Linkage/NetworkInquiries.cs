using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Linkage;

/// <summary>A 情報照会 as staff ask for it: the person by 宛名番号, the 事務, the 特定個人情報, the purpose.</summary>
public sealed record NetworkInquiryEntry(string? AtenaNumber, string? Procedure, string? InformationItem, string? Purpose);

/// <summary>
/// What <see cref="NetworkInquiries.RequestAsync"/> did: recorded (<see cref="Inquiry"/>), refused
/// because the 照会許可照合リスト does not allow it (<see cref="Refusal"/>, audited), or field problems
/// (nothing saved, nothing audited).
/// </summary>
public sealed record NetworkInquiryOutcome(NetworkInquiry? Inquiry, string? Refusal, IReadOnlyList<FieldProblem> Problems)
{
    public bool IsRecorded => Inquiry is not null;

    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// 情報照会 (pia-controls P15): each inquiry is checked against the dated 照会許可照合リスト on the day
/// it is made; one not on the list (or outside a row's dates) is refused with the reason and audited
/// as a refusal, an allowed one is recorded (and audited) and its answer entered when it comes back.
/// </summary>
public sealed class NetworkInquiries(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>The 事務 of this system (番号利用条例 別表第1 6の項), the default of the form and the CLI.</summary>
    public const string ThisProcedure = "ひとり親家庭等医療費の助成に関する事務";

    public const int MaxPurposeLength = 500;

    public const int MaxResultLength = 2000;

    /// <summary>The allow-list rows in force today, for the form's choices.</summary>
    public Task<List<InquiryAllowListRow>> AllowedTodayAsync(CancellationToken cancellationToken = default)
    {
        var today = JstClock.Today(clock);
        return db.InquiryAllowList.AsNoTracking().ValidOn(today)
            .OrderBy(row => row.Procedure).ThenBy(row => row.InformationItem).ThenBy(row => row.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Checks the inquiry against the allow-list of today and records it, or refuses it (audited).</summary>
    public async Task<NetworkInquiryOutcome> RequestAsync(NetworkInquiryEntry entry, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var problems = new List<FieldProblem>();
        var atena = (entry.AtenaNumber ?? string.Empty).Trim();
        var procedure = Required(entry.Procedure, "Procedure", "事務", 100, problems);
        var item = Required(entry.InformationItem, "InformationItem", "特定個人情報", 100, problems);
        var purpose = Required(entry.Purpose, "Purpose", "照会の目的", MaxPurposeLength, problems);
        Person? person = null;
        if (atena.Length == 0)
        {
            problems.Add(new("AtenaNumber", "宛名番号を入力してください。"));
        }
        else
        {
            person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.AtenaNumber == atena, cancellationToken).ConfigureAwait(false);
            if (person is null)
            {
                problems.Add(new("AtenaNumber", $"宛名番号 {atena} の方は台帳にいません。"));
            }
        }

        if (problems.Count > 0)
        {
            return new(null, null, problems);
        }

        var now = AppClock.Now(clock);
        var today = JstClock.Today(clock);
        var allowed = await db.AllowedInquiriesOnAsync(procedure, item, today, cancellationToken).ConfigureAwait(false);
        if (allowed.Count == 0)
        {
            var refusal = string.Create(CultureInfo.InvariantCulture,
                $"この情報照会は照会許可照合リストにないため、行えません（事務「{procedure}」、特定個人情報「{item}」、照会日 {today:yyyy-MM-dd}）。番号法で認められた照会だけが情報提供ネットワークシステムで行えます。");
            db.AddAudit(new AuditEntry(actor, AuditEventType.NetworkInquiryRefused, "person", person!.AtenaNumber, new Dictionary<string, object?>
            {
                ["procedure"] = procedure,
                ["informationItem"] = item,
                ["on"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["reason"] = "not_on_allow_list",
            }, ClientAddress: clientAddress));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new(null, refusal, []);
        }

        var row = allowed[0];
        var inquiry = new NetworkInquiry
        {
            PersonId = person!.Id,
            Procedure = row.Procedure,
            InformationItem = row.InformationItem,
            Provider = row.Provider,
            LegalBasis = row.LegalBasis,
            AllowListRowId = row.Id,
            Purpose = purpose,
            Status = NetworkInquiryStatus.Requested,
            RequestedAt = now,
            RequestedBy = actor,
        };
        db.NetworkInquiries.Add(inquiry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.NetworkInquiryRequested, "person", person.AtenaNumber, new Dictionary<string, object?>
        {
            ["inquiry"] = inquiry.Id,
            ["procedure"] = inquiry.Procedure,
            ["informationItem"] = inquiry.InformationItem,
            ["allowListRow"] = row.Id,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(inquiry, null, []);
    }

    /// <summary>Enters the answer of an inquiry 照会中; returns problems (nothing saved) or none. Audited without the answer's text.</summary>
    public async Task<IReadOnlyList<FieldProblem>> RecordResultAsync(long inquiryId, string? result, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var problems = new List<FieldProblem>();
        var text = Required(result, "Result", "照会結果", MaxResultLength, problems);
        var inquiry = await db.NetworkInquiries.SingleOrDefaultAsync(i => i.Id == inquiryId, cancellationToken).ConfigureAwait(false);
        if (inquiry is null)
        {
            problems.Add(new("Id", $"情報照会 {inquiryId} はありません。"));
        }
        else if (inquiry.Status != NetworkInquiryStatus.Requested)
        {
            problems.Add(new("Id", $"情報照会 {inquiryId} の結果は入力済みです。"));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        inquiry!.Status = NetworkInquiryStatus.Answered;
        inquiry.Result = text;
        inquiry.AnsweredAt = AppClock.Now(clock);
        inquiry.AnsweredBy = actor;
        var atena = await db.Persons.AsNoTracking().Where(p => p.Id == inquiry.PersonId).Select(p => p.AtenaNumber).SingleAsync(cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.NetworkInquiryAnswered, "person", atena, new Dictionary<string, object?>
        {
            ["inquiry"] = inquiry.Id,
            ["length"] = text.Length,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return [];
    }

    /// <summary>The latest inquiries with the person's 宛名番号, newest first.</summary>
    public async Task<IReadOnlyList<(NetworkInquiry Inquiry, string AtenaNumber)>> RecentAsync(int count = 100, CancellationToken cancellationToken = default)
    {
        var rows = await db.NetworkInquiries.AsNoTracking()
            .Join(db.Persons, i => i.PersonId, p => p.Id, (i, p) => new { Inquiry = i, p.AtenaNumber })
            .OrderByDescending(x => x.Inquiry.RequestedAt).ThenByDescending(x => x.Inquiry.Id)
            .Take(count)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(x => (x.Inquiry, x.AtenaNumber)).ToList();
    }

    private static string Required(string? text, string field, string label, int max, List<FieldProblem> problems)
    {
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            problems.Add(new(field, $"{label}を入力してください。"));
        }
        else if (value.Length > max)
        {
            problems.Add(new(field, $"{label}は{max}文字以内で入力してください。"));
        }

        return value;
    }
}
