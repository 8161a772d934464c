using FukushiIryo.App.Audit;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Audit;

/// <summary>操作履歴の検索 (監査, P9): by person, user, period and event type; every search audited.</summary>
public sealed class IndexModel(AuditLog log, ReauthenticationGate gate) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public AuditPage? Result { get; private set; }

    public string? Problem { get; private set; }

    public bool RecentlyReauthenticated { get; private set; }

    /// <summary>This search's address at another page.</summary>
    public string PageLink(int page) => "/Audit" + Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
    {
        ["Filter.Atena"] = Filter.Atena,
        ["Filter.Actor"] = Filter.Actor,
        ["Filter.From"] = Filter.From,
        ["Filter.To"] = Filter.To,
        ["Filter.Type"] = Filter.Type,
        ["Filter.Page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(pair => !string.IsNullOrEmpty(pair.Value)));

    public async Task OnGetAsync()
    {
        RecentlyReauthenticated = await gate.IsRecentAsync(HttpContext).ConfigureAwait(false);
        if (!Filter.IsSet)
        {
            return;
        }

        if (Filter.ToQuery(out var problem) is { } query)
        {
            Result = await log.SearchAsync(query, User.Identity!.Name!, HttpContext.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            Problem = problem;
        }
    }
}

/// <summary>The audit search form (query string).</summary>
public sealed class AuditFilter
{
    public string? Atena { get; set; }

    public string? Actor { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Type { get; set; }

    public int Page { get; set; } = 1;

    public bool IsSet => new[] { Atena, Actor, From, To, Type }.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The query, or null with a Japanese problem (a date that cannot be read, an unknown type).</summary>
    public AuditQuery? ToQuery(out string? problem)
    {
        problem = null;
        DateOnly? from = null;
        DateOnly? to = null;
        if (!string.IsNullOrWhiteSpace(From))
        {
            if (!ImportDate.TryParseDate(From).TryGetValue(out var date))
            {
                problem = "期間（から）の日付が読めません。例: 2026-11-01、R8.11.1";
                return null;
            }

            from = date;
        }

        if (!string.IsNullOrWhiteSpace(To))
        {
            if (!ImportDate.TryParseDate(To).TryGetValue(out var date))
            {
                problem = "期間（まで）の日付が読めません。例: 2026-11-30、R8.11.30";
                return null;
            }

            to = date;
        }

        if (!string.IsNullOrWhiteSpace(Type) && !AuditEventType.IsKnown(Type.Trim()))
        {
            problem = "操作の種類が正しくありません。";
            return null;
        }

        return new AuditQuery(Atena, Actor, from, to, string.IsNullOrWhiteSpace(Type) ? null : Type.Trim(), Page);
    }
}
