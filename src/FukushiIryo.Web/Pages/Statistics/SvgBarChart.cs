using System.Globalization;
using System.Net;
using System.Text;

namespace FukushiIryo.Web.Pages.Statistics;

/// <summary>
/// A bar chart drawn on the server as SVG markup (no script, no inline style: the CSP allows neither):
/// bars with presentation attributes, a zero line, rounded axis ticks and a <c>&lt;title&gt;</c> per bar
/// for the exact figure. Labels are HTML-encoded. Each bar also carries its value as <c>data-value</c>.
/// </summary>
public static class SvgBarChart
{
    private const int Width = 900;
    private const int Height = 260;
    private const int Left = 70;
    private const int Right = 10;
    private const int Top = 12;
    private const int Bottom = 48;

    /// <summary>The SVG of <paramref name="bars"/> (label, value); <paramref name="unit"/> follows each figure (円, 件, 人).</summary>
    public static string Render(string id, string title, IReadOnlyList<(string Label, long Value)> bars, string unit, string colour = "#2f6fb0")
    {
        ArgumentNullException.ThrowIfNull(bars);
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => Math.Max(0, b.Value)));
        var step = NiceStep(max);
        var top = step * (long)Math.Ceiling(max / (double)step);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = bars.Count == 0 ? plotWidth : plotWidth / (double)bars.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{E(id)}\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{E(id)}-title\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-title\">{E(title)}</title>");
        for (long tick = 0; tick <= top; tick += step)
        {
            var y = Top + plotHeight - (plotHeight * tick / (double)top);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#d0d7de\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#444\">{E(Short(tick))}</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var h = plotHeight * Math.Max(0, value) / (double)top;
            var x = Left + (slot * i) + (slot * 0.15);
            var w = slot * 0.7;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" data-label=\"{E(label)}\" data-value=\"{value}\" x=\"{x:0.#}\" y=\"{Top + plotHeight - h:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"{E(colour)}\"><title>{E(label)}: {value.ToString("N0", CultureInfo.InvariantCulture)}{E(unit)}</title></rect>");
            if (bars.Count <= 12 || i % 3 == 0 || i == bars.Count - 1)
            {
                var cx = Left + (slot * i) + (slot / 2);
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">{E(label)}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\" stroke=\"#333\" stroke-width=\"1\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\" fill=\"#555\">単位: {E(unit)}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 × 10ⁿ, so that about five ticks cover <paramref name="max"/>.</summary>
    public static long NiceStep(long max)
    {
        var raw = Math.Max(1, max / 5.0);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = raw / power <= 1 ? 1 : raw / power <= 2 ? 2 : raw / power <= 5 ? 5 : 10;
        return Math.Max(1, (long)(step * power));
    }

    private static string Short(long value) => value >= 10_000 && value % 10_000 == 0
        ? (value / 10_000).ToString("N0", CultureInfo.InvariantCulture) + "万"
        : value.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
