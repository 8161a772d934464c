using System.Globalization;
using FukushiIryo.App.Renewals;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.Web.Pages.Renewals;

/// <summary>What the 更新 pages share: the kind and year in the address, and the year to offer by default.</summary>
public static class RenewalPages
{
    public static RenewalKind? ParseKind(string? kind) => kind switch
    {
        "august" or null or "" => RenewalKind.August,
        "april" => RenewalKind.April,
        _ => null,
    };

    public static string Key(RenewalKind kind) => kind == RenewalKind.August ? "august" : "april";

    /// <summary>The renewal in progress or next: August's until the end of September, April's until the end of May.</summary>
    public static int DefaultYear(RenewalKind kind, TimeProvider clock)
    {
        var today = JstClock.Today(clock);
        var lastMonth = kind == RenewalKind.August ? 9 : 5;
        return today.Month <= lastMonth ? today.Year : today.Year + 1;
    }

    public static string Query(RenewalKind kind, int year) => string.Create(CultureInfo.InvariantCulture, $"kind={Key(kind)}&year={year}");
}
