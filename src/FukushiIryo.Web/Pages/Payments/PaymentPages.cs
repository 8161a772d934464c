using System.Globalization;
using FukushiIryo.App.Payments;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.Web.Pages.Payments;

/// <summary>Shared helpers of the 支払 pages.</summary>
internal static class PaymentPages
{
    /// <summary>Reads <c>YYYY-MM</c>; null when it is not one.</summary>
    public static YearMonth? ParseMonth(string? text) =>
        text is { Length: 7 } && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int month)
            && month is >= 1 and <= 12 && year >= 1900
            ? new YearMonth(year, month)
            : null;

    public static string Status(PaymentRunStatus status) => status switch
    {
        PaymentRunStatus.Prepared => "準備済（未承認）",
        PaymentRunStatus.Approved => "承認済（支払決定）",
        _ => "出力済",
    };

    public static string Yen(long amount) => amount.ToString("#,0", CultureInfo.InvariantCulture) + " 円";

    /// <summary>The change from last month: +1,000 円 / −500 円 / 新規.</summary>
    public static string Change(PaymentPayee payee) => payee.PreviousAmount switch
    {
        null => "新規",
        { } before when payee.Amount == before => "増減なし",
        { } before => (payee.Amount > before ? "+" : "−") + Math.Abs(payee.Amount - before).ToString("#,0", CultureInfo.InvariantCulture) + " 円",
    };
}
