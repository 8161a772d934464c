using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Audit;

/// <summary>What the 監査 role searches the log by (P9): person, user, period (JST dates, inclusive), event type.</summary>
public sealed record AuditQuery(
    string? AtenaNumber = null,
    string? Actor = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? EventType = null,
    int Page = 1)
{
    public IReadOnlyDictionary<string, object?> ToDetails() => new Dictionary<string, object?>
    {
        ["atenaNumber"] = AtenaNumber,
        ["actor"] = Actor,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["eventType"] = EventType,
    };
}

public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// Reading the audit log (監査, P9): search with paging (itself audited with its criteria), the same
/// events streamed for an export, and "who saw this person" for the person page.
/// </summary>
public sealed class AuditLog(FukushiDbContext db)
{
    public const int PageSize = 100;
    public const int ViewersShown = 50;

    public async Task<AuditPage> SearchAsync(AuditQuery query, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var matching = Matching(query);
        var total = await matching.CountAsync(cancellationToken).ConfigureAwait(false);
        var events = await matching.OrderByDescending(e => e.Sequence).Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var details = new Dictionary<string, object?>(query.ToDetails()) { ["page"] = page, ["total"] = total };
        db.AddAudit(new AuditEntry(actor, AuditEventType.AuditSearched, Details: details));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new AuditPage(events, page, PageSize, total);
    }

    /// <summary>Every matching event, oldest first, streamed (for the CSV export, which audits itself).</summary>
    public IAsyncEnumerable<AuditEvent> AllMatchingAsync(AuditQuery query) =>
        Matching(query).OrderBy(e => e.Sequence).AsAsyncEnumerable();

    /// <summary>The latest views of a person's record: who, when, which screen (P9 "who saw this person").</summary>
    public async Task<IReadOnlyList<AuditEvent>> ViewersOfAsync(string atenaNumber, CancellationToken cancellationToken = default) =>
        await db.AuditEvents.AsNoTracking()
            .Where(e => e.EventType == AuditEventType.PersonViewed && e.SubjectType == "person" && e.SubjectId == atenaNumber)
            .OrderByDescending(e => e.Sequence).Take(ViewersShown)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    private IQueryable<AuditEvent> Matching(AuditQuery query)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.AtenaNumber))
        {
            var atena = query.AtenaNumber.Trim();
            events = events.Where(e => e.SubjectType == "person" && e.SubjectId == atena);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            events = events.Where(e => e.Actor == actor);
        }

        if (query.From is { } from)
        {
            var start = StartOfJstDay(from);
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (query.To is { } to)
        {
            var end = StartOfJstDay(to.AddDays(1));
            events = events.Where(e => e.OccurredAt < end);
        }

        if (!string.IsNullOrWhiteSpace(query.EventType))
        {
            var type = query.EventType.Trim();
            events = events.Where(e => e.EventType == type);
        }

        return events;
    }

    private static DateTimeOffset StartOfJstDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime();
}
