using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;

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

        problems.Add(new(field, $"{label}が正しくありません（{parsed.ErrorMessage}）。"));
        return null;
    }

    /// <summary>The message for <paramref name="field"/>, or null.</summary>
    public static string? For(IEnumerable<FieldProblem> problems, string field) =>
        problems.FirstOrDefault(p => p.Field == field)?.Message;
}
