using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace FukushiIryo.Web;

/// <summary>Dates typed in forms (西暦 or 和暦, as <see cref="ImportDate"/> reads them); an impossible date (2月30日) becomes a message beside its field.</summary>
public static class FormDates
{
    public static DateOnly? Read(string? text, string field, string label, List<FieldProblem> problems, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                problems.Add(new(field, $"{label}を入力してください。"));
            }

            return null;
        }

        var parsed = ImportDate.TryParseDate(text);
        if (parsed.TryGetValue(out var date))
        {
            return date;
        }

        problems.Add(new(field, Invalid(label, parsed.ErrorMessage)));
        return null;
    }

    /// <summary>The one Japanese message for a date that cannot be read.</summary>
    public static string Invalid(string label, string? reason) => $"{label}が正しくありません（{reason}）。";

    /// <summary>The message <see cref="JapaneseDateModelBinder"/> left for <paramref name="key"/>, or null.</summary>
    public static string? Error(ModelStateDictionary state, string key)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
    }

    /// <summary>
    /// What a date field shows: the text typed when it could not be read (so staff can correct it), else the
    /// date as <c>yyyy-MM-dd</c>, else empty.
    /// </summary>
    public static string Value(ModelStateDictionary state, string key, DateOnly? date)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Error(state, key) is not null && state.TryGetValue(key, out var entry))
        {
            return entry.AttemptedValue ?? string.Empty;
        }

        return date is { } d ? Display.Iso(d) : string.Empty;
    }

    /// <summary>The message for <paramref name="field"/>, or null.</summary>
    public static string? For(IEnumerable<FieldProblem> problems, string field) =>
        problems.FirstOrDefault(p => p.Field == field)?.Message;

    /// <summary>The hint every date field shows as its placeholder.</summary>
    public const string Placeholder = "2026-08-01 または R8.8.1";

    /// <summary>
    /// A date field bound to a <see cref="DateOnly"/> property (<see cref="JapaneseDateModelBinder"/>): a text input
    /// (not <c>type="date"</c>, which refuses 和暦) and the message beside it when the date could not be read.
    /// </summary>
    public static IHtmlContent Input(ModelStateDictionary state, string id, string name, DateOnly? date, string? ariaLabel = null, bool required = false) =>
        Input(id, name, Value(state, name, date), Error(state, name), ariaLabel, required);

    /// <summary>A date field for a text property read with <see cref="Read"/> (the message from its problems).</summary>
    public static IHtmlContent Input(string id, string name, string? text, string? error, string? ariaLabel = null, bool required = false)
    {
        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        input.Attributes["value"] = text ?? string.Empty;
        input.Attributes["type"] = "text";
        input.Attributes["size"] = "14";
        input.Attributes["autocomplete"] = "off";
        input.Attributes["placeholder"] = Placeholder;
        input.Attributes["data-date-field"] = "true";
        if (ariaLabel is not null)
        {
            input.Attributes["aria-label"] = ariaLabel;
        }

        if (required)
        {
            input.Attributes["required"] = "required";
        }

        var content = new HtmlContentBuilder();
        content.AppendHtml(input);
        if (error is not null)
        {
            input.Attributes["aria-invalid"] = "true";
            input.Attributes["aria-describedby"] = id + "-error";
            var span = new TagBuilder("span");
            span.AddCssClass("field-error");
            span.Attributes["id"] = id + "-error";
            span.Attributes["role"] = "alert";
            span.InnerHtml.Append(error);
            content.AppendHtml(" ");
            content.AppendHtml(span);
        }

        return content;
    }
}
