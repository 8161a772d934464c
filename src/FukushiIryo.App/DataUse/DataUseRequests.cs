using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.DataUse;

/// <summary>A データ利用申請 as the requester enters it.</summary>
public sealed record DataUseRequestEntry(
    string? Section,
    string? ViewKey,
    IReadOnlyList<string> Items,
    DateOnly? RecordsFrom,
    DateOnly? RecordsTo,
    string? LegalBasis,
    string? Purpose,
    DateOnly? AccessUntil);

/// <summary>What a 決裁 did, or why it could not.</summary>
public sealed record DataUseDecisionOutcome(bool IsDecided, string? Refusal);

/// <summary>An opened view: the request, the approved columns and the rows — or the reason it is refused.</summary>
public sealed record DataUseViewResult(DataUseRequest? Request, string? Refusal, IReadOnlyList<DataUseItem> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// データ利用申請 (pia-controls P14): request (the requester, any signed-in staff account, with or
/// without a role) → approval or rejection by a 決裁 holder other than the requester → the requester
/// opens only the approved view, items and period, read-only, until the 閲覧期限; an unapproved,
/// rejected, expired or someone else's request is refused. Every step and every opening (or refusal)
/// is audited.
/// </summary>
public sealed class DataUseRequests(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>The longest 閲覧期限 after the request (one year).</summary>
    public const int MaxAccessDays = 366;

    /// <summary>Records a request; returns it, or field problems (nothing saved).</summary>
    public async Task<(DataUseRequest? Request, IReadOnlyList<FieldProblem> Problems)> RequestAsync(DataUseRequestEntry entry, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var problems = new List<FieldProblem>();
        var today = JstClock.Today(clock);
        var section = Required(entry.Section, "Section", "利用部署", 100, problems);
        var view = DataUseViews.Find(entry.ViewKey);
        var items = new List<string>();
        if (view is null)
        {
            problems.Add(new("ViewKey", "利用する情報（ビュー）を選んでください。"));
        }
        else
        {
            var asked = (entry.Items ?? []).Select(i => i.Trim()).ToHashSet(StringComparer.Ordinal);
            var unknown = asked.Where(i => view.Items.All(item => item.Key != i)).ToList();
            items = view.Items.Where(item => asked.Contains(item.Key)).Select(item => item.Key).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new("Items", $"「{view.Title}」にない項目です: {string.Join(",", unknown)}"));
            }
            else if (items.Count == 0)
            {
                problems.Add(new("Items", "利用する項目を1つ以上選んでください。"));
            }
        }

        if (entry.RecordsFrom is not { } from || entry.RecordsTo is not { } to)
        {
            problems.Add(new("RecordsFrom", "対象期間（開始日と終了日）を入力してください。"));
            from = to = default;
        }
        else if (to < from)
        {
            problems.Add(new("RecordsTo", "対象期間の終了日が開始日より前です。"));
        }

        var legalBasis = Required(entry.LegalBasis, "LegalBasis", "法的根拠", 400, problems);
        var purpose = Required(entry.Purpose, "Purpose", "利用目的", 1000, problems);
        if (entry.AccessUntil is not { } until)
        {
            problems.Add(new("AccessUntil", "閲覧期限を入力してください。"));
            until = default;
        }
        else if (until < today)
        {
            problems.Add(new("AccessUntil", "閲覧期限が過去の日です。"));
        }
        else if (until > today.AddDays(MaxAccessDays))
        {
            problems.Add(new("AccessUntil", $"閲覧期限は申請日から{MaxAccessDays}日以内にしてください。"));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var request = new DataUseRequest
        {
            RequestedBy = actor,
            Section = section,
            ViewKey = view!.Key,
            Items = string.Join(',', items),
            RecordsFrom = from,
            RecordsTo = to,
            LegalBasis = legalBasis,
            Purpose = purpose,
            AccessUntil = until,
            Status = DataUseRequestStatus.Requested,
            RequestedAt = AppClock.Now(clock),
        };
        db.DataUseRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.DataUseRequested, "datause", Id(request), new Dictionary<string, object?>
        {
            ["section"] = section,
            ["view"] = request.ViewKey,
            ["items"] = request.Items,
            ["from"] = Iso(from),
            ["to"] = Iso(to),
            ["accessUntil"] = Iso(until),
            ["legalBasis"] = legalBasis,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (request, []);
    }

    /// <summary>
    /// 決裁: approves or rejects a request 申請中. The requester cannot decide their own request; a
    /// rejection needs a note. Audited.
    /// </summary>
    public async Task<DataUseDecisionOutcome> DecideAsync(long requestId, bool approve, string? note, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var request = await db.DataUseRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken).ConfigureAwait(false);
        var text = (note ?? string.Empty).Trim();
        var refusal = request switch
        {
            null => $"データ利用申請 {requestId} はありません。",
            { Status: not DataUseRequestStatus.Requested } => $"データ利用申請 {requestId} は決裁済みです。",
            _ when string.Equals(request.RequestedBy, actor, StringComparison.OrdinalIgnoreCase) => "申請した職員は、自分の申請を決裁できません。",
            _ when !approve && text.Length == 0 => "不承認の理由を入力してください。",
            _ when text.Length > 1000 => "所見は1000文字以内で入力してください。",
            _ => null,
        };
        if (refusal is not null)
        {
            return new(false, refusal);
        }

        request!.Status = approve ? DataUseRequestStatus.Approved : DataUseRequestStatus.Rejected;
        request.DecidedBy = actor;
        request.DecidedAt = AppClock.Now(clock);
        request.DecisionNote = text.Length == 0 ? null : text;
        db.AddAudit(new AuditEntry(actor, approve ? AuditEventType.DataUseApproved : AuditEventType.DataUseRejected, "datause", Id(request), new Dictionary<string, object?>
        {
            ["requestedBy"] = request.RequestedBy,
            ["view"] = request.ViewKey,
            ["items"] = request.Items,
            ["accessUntil"] = Iso(request.AccessUntil),
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(true, null);
    }

    /// <summary>
    /// Opens the approved view of <paramref name="requestId"/> for <paramref name="actor"/>: only the
    /// approved items of the approved period's records, while the 閲覧期限 lasts and only for the
    /// requester. Every opening and every refusal is audited.
    /// </summary>
    public async Task<DataUseViewResult> OpenAsync(long requestId, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var today = JstClock.Today(clock);
        var request = await db.DataUseRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken).ConfigureAwait(false);
        var view = DataUseViews.Find(request?.ViewKey);
        var (reason, message) = request switch
        {
            null => ("not_found", $"データ利用申請 {requestId} はありません。"),
            _ when !string.Equals(request.RequestedBy, actor, StringComparison.OrdinalIgnoreCase) => ("not_requester", "このデータ利用は、申請した職員だけが閲覧できます。"),
            { Status: DataUseRequestStatus.Requested } => ("not_approved", "このデータ利用申請は、まだ承認されていません。"),
            { Status: DataUseRequestStatus.Rejected } => ("rejected", "このデータ利用申請は承認されませんでした。"),
            _ when request.AccessUntil < today => ("expired", $"閲覧期限（{Iso(request.AccessUntil)}）を過ぎています。引き続き必要なときは、あらためて申請してください。"),
            _ when view is null => ("unknown_view", "このデータ利用申請のビューは、もう提供されていません。"),
            _ => ((string?)null, (string?)null),
        };
        if (message is not null)
        {
            db.AddAudit(new AuditEntry(actor, AuditEventType.DataUseViewRefused, "datause", requestId.ToString(CultureInfo.InvariantCulture),
                new Dictionary<string, object?> { ["reason"] = reason }, ClientAddress: clientAddress));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new(request, message, [], []);
        }

        var columns = request!.ItemKeys.Select(key => new DataUseItem(key, view!.LabelOf(key))).ToList();
        var rows = (await view!.Query(db, request.RecordsFrom, request.RecordsTo, today, cancellationToken).ConfigureAwait(false))
            .Select(row => (IReadOnlyList<string>)columns.Select(c => row.GetValueOrDefault(c.Key, string.Empty)).ToList())
            .ToList();
        db.AddAudit(new AuditEntry(actor, AuditEventType.DataUseViewed, "datause", Id(request), new Dictionary<string, object?>
        {
            ["view"] = request.ViewKey,
            ["items"] = request.Items,
            ["rows"] = rows.Count,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(request, null, columns, rows);
    }

    /// <summary>The requests of <paramref name="login"/>, newest first.</summary>
    public Task<List<DataUseRequest>> MineAsync(string login, CancellationToken cancellationToken = default) =>
        db.DataUseRequests.AsNoTracking().Where(r => r.RequestedBy == login)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>Every request, those 申請中 first, then newest first.</summary>
    public Task<List<DataUseRequest>> AllAsync(CancellationToken cancellationToken = default) =>
        db.DataUseRequests.AsNoTracking()
            .OrderBy(r => r.Status == DataUseRequestStatus.Requested ? 0 : 1).ThenByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
            .Take(500).ToListAsync(cancellationToken);

    /// <summary>Whether <paramref name="request"/> can be opened today (approved and within the 閲覧期限).</summary>
    public bool IsOpen(DataUseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Status == DataUseRequestStatus.Approved && request.AccessUntil >= JstClock.Today(clock);
    }

    private static string Id(DataUseRequest request) => request.Id.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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
