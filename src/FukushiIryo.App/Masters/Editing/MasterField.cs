using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;

namespace FukushiIryo.App.Masters.Editing;

/// <summary>How a master field is entered on a form.</summary>
public enum MasterFieldKind
{
    /// <summary>A line of text (also numbers with a check digit, which are text with their own parse).</summary>
    Text,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>A yes/no checkbox.</summary>
    Boolean,

    /// <summary>One of a list of choices (fixed, or read from another master).</summary>
    Choice,
}

/// <summary>One choice of a <see cref="MasterFieldKind.Choice"/> field: the stored value and the Japanese label.</summary>
public sealed record MasterChoice(string Value, string Label);

/// <summary>What a form needs to know of a field, with its choices resolved (no row type).</summary>
public sealed record MasterFieldInfo(
    string Key,
    string Label,
    MasterFieldKind Kind,
    bool Required,
    string? Hint,
    int? MaxLength,
    IReadOnlyList<MasterChoice> Choices,
    bool KeptOnCompletion);

/// <summary>
/// One editable column of a master (項目): its form key, Japanese label, how it is read from a row
/// as form text and how form text is parsed, checked and written into a row. Build fields with
/// <see cref="MasterFields"/>; a master is the list of its fields (<see cref="MasterTable{T}"/>).
/// </summary>
/// <typeparam name="T">The master row type.</typeparam>
public sealed class MasterField<T>
    where T : DatedMasterRow
{
    /// <param name="key">The form and audit key (camelCase, e.g. <c>payerNumber</c>).</param>
    /// <param name="label">The Japanese label shown beside the input.</param>
    /// <param name="read">The row's value as form text; null or empty when unset.</param>
    /// <param name="write">Parses the trimmed text (null when left empty) into the row; returns a Japanese error, or null when accepted.</param>
    public MasterField(string key, string label, Func<T, string?> read, Func<T, string?, string?> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Key = key;
        Label = label;
        Read = read ?? throw new ArgumentNullException(nameof(read));
        Write = write ?? throw new ArgumentNullException(nameof(write));
    }

    public string Key { get; }

    public string Label { get; }

    public Func<T, string?> Read { get; }

    public Func<T, string?, string?> Write { get; }

    public MasterFieldKind Kind { get; init; } = MasterFieldKind.Text;

    /// <summary>An empty value is refused with 「…を入力してください。」.</summary>
    public bool Required { get; init; }

    /// <summary>A short Japanese hint shown under the input.</summary>
    public string? Hint { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>Fixed choices (value and label); see also <see cref="LoadChoices"/>.</summary>
    public IReadOnlyList<MasterChoice> Choices { get; init; } = [];

    /// <summary>Choices read from the database when a form is shown or checked (e.g. the age-bracket codes).</summary>
    public Func<FukushiDbContext, CancellationToken, Task<IReadOnlyList<MasterChoice>>>? LoadChoices { get; init; }

    /// <summary>Kept as it is when a 移行 row is completed: what the previous system used is not re-entered.</summary>
    public bool KeptOnCompletion { get; init; }

    internal async Task<MasterFieldInfo> DescribeAsync(FukushiDbContext db, CancellationToken cancellationToken) =>
        new(Key, Label, Kind, Required, Hint, MaxLength,
            LoadChoices is null ? Choices : await LoadChoices(db, cancellationToken).ConfigureAwait(false),
            KeptOnCompletion);

    /// <summary>The value as staff read it: a choice's label, はい/いいえ, or the text.</summary>
    internal string Show(T row, MasterFieldInfo info)
    {
        var text = Read(row);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return Kind switch
        {
            MasterFieldKind.Boolean => text == bool.TrueString ? "はい" : "いいえ",
            MasterFieldKind.Choice => info.Choices.FirstOrDefault(c => c.Value == text)?.Label ?? text,
            _ => text,
        };
    }

    /// <summary>Checks the form text against the field's rules and writes it; the Japanese error, or null.</summary>
    internal string? Accept(T row, string? text, MasterFieldInfo info)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (Kind == MasterFieldKind.Boolean)
        {
            value = value is "true" or "on" or "True" ? bool.TrueString : bool.FalseString;
        }

        if (value is null && Required)
        {
            return $"{Label}を入力してください。";
        }

        if (value is not null && MaxLength is { } max && value.Length > max)
        {
            return $"{Label}は{max}文字以内で入力してください。";
        }

        if (value is not null && Kind == MasterFieldKind.Choice && info.Choices.All(c => c.Value != value))
        {
            return $"{Label}は選択肢から選んでください。";
        }

        return Write(row, value);
    }
}

/// <summary>Builders of the usual <see cref="MasterField{T}"/> kinds, with Japanese messages.</summary>
public static class MasterFields
{
    /// <summary>A line of text.</summary>
    public static MasterField<T> Text<T>(string key, string label, Func<T, string?> get, Action<T, string?> set, int maxLength, bool required = true, string? hint = null)
        where T : DatedMasterRow
    {
        ArgumentNullException.ThrowIfNull(set);
        return new MasterField<T>(key, label, get, (row, value) =>
        {
            set(row, value);
            return null;
        })
        { Required = required, MaxLength = maxLength, Hint = hint };
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; full-width digits are accepted.</summary>
    public static MasterField<T> WholeNumber<T>(string key, string label, Func<T, int?> get, Action<T, int?> set, int min, int max, bool required = true, string? hint = null)
        where T : DatedMasterRow
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        return new MasterField<T>(
            key,
            label,
            row => get(row)?.ToString(CultureInfo.InvariantCulture),
            (row, value) =>
            {
                if (value is null)
                {
                    set(row, null);
                    return null;
                }

                if (!int.TryParse(value.Normalize(NormalizationForm.FormKC), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return $"{label}は整数で入力してください。";
                }

                if (number < min || number > max)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{label}は{min}から{max}までの整数で入力してください。");
                }

                set(row, number);
                return null;
            })
        { Kind = MasterFieldKind.WholeNumber, Required = required, Hint = hint };
    }

    /// <summary>
    /// An amount in yen (long, <paramref name="min"/> (0 unless given) to <paramref name="max"/>):
    /// full-width digits, thousands separators and a trailing 円 are accepted (「1,234,000円」); where
    /// negative amounts are allowed, a leading −, - or △ marks one (「△550,000円」). Stored and shown
    /// as plain digits.
    /// </summary>
    public static MasterField<T> Yen<T>(string key, string label, Func<T, long?> get, Action<T, long?> set, long max, bool required = true, string? hint = null, long min = 0)
        where T : DatedMasterRow
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        return new MasterField<T>(
            key,
            label,
            row => get(row)?.ToString(CultureInfo.InvariantCulture),
            (row, value) =>
            {
                if (value is null)
                {
                    set(row, null);
                    return null;
                }

                var text = value.Normalize(NormalizationForm.FormKC).Replace(",", string.Empty, StringComparison.Ordinal).TrimEnd('円').Trim();
                var negative = text.Length > 1 && text[0] is '-' or '−' or '△' or '▲';
                var digits = negative ? text[1..].TrimStart() : text;
                var parsed = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount);
                amount = negative ? -amount : amount;
                if (!parsed || amount > max || amount < min)
                {
                    return min < 0
                        ? string.Create(CultureInfo.InvariantCulture, $"{label}は{min:#,0}から{max:#,0}までの金額（円）を数字で入力してください（マイナスは先頭に −）。")
                        : string.Create(CultureInfo.InvariantCulture, $"{label}は0から{max:#,0}までの金額（円）を数字で入力してください。");
                }

                set(row, amount);
                return null;
            })
        { Kind = MasterFieldKind.WholeNumber, Required = required, Hint = hint };
    }

    /// <summary>A yes/no checkbox.</summary>
    public static MasterField<T> Boolean<T>(string key, string label, Func<T, bool> get, Action<T, bool> set, string? hint = null)
        where T : DatedMasterRow
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        return new MasterField<T>(key, label, row => get(row) ? bool.TrueString : bool.FalseString, (row, value) =>
        {
            set(row, value == bool.TrueString);
            return null;
        })
        { Kind = MasterFieldKind.Boolean, Hint = hint };
    }

    /// <summary>An enum chosen by its Japanese label (<paramref name="labels"/>: label → value, in display order).</summary>
    public static MasterField<T> Choice<T, TEnum>(string key, string label, IReadOnlyDictionary<string, TEnum> labels, Func<T, TEnum> get, Action<T, TEnum> set, string? hint = null, bool keptOnCompletion = false)
        where T : DatedMasterRow
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        return new MasterField<T>(key, label, row => get(row).ToString(), (row, value) =>
        {
            set(row, Enum.Parse<TEnum>(value!));
            return null;
        })
        {
            Kind = MasterFieldKind.Choice,
            Required = true,
            Hint = hint,
            KeptOnCompletion = keptOnCompletion,
            Choices = [.. labels.Select(pair => new MasterChoice(pair.Value.ToString(), pair.Key))],
        };
    }

    /// <summary>An enum chosen by its Japanese label, or left empty for "any" (null).</summary>
    public static MasterField<T> OptionalChoice<T, TEnum>(string key, string label, IReadOnlyDictionary<string, TEnum> labels, Func<T, TEnum?> get, Action<T, TEnum?> set, string? hint = null)
        where T : DatedMasterRow
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        return new MasterField<T>(key, label, row => get(row)?.ToString(), (row, value) =>
        {
            set(row, value is null ? null : Enum.Parse<TEnum>(value));
            return null;
        })
        {
            Kind = MasterFieldKind.Choice,
            Required = false,
            Hint = hint,
            Choices = [.. labels.Select(pair => new MasterChoice(pair.Value.ToString(), pair.Key))],
        };
    }

    /// <summary>A code chosen among values read from the database (e.g. another master's codes).</summary>
    public static MasterField<T> Code<T>(
        string key,
        string label,
        Func<T, string?> get,
        Action<T, string?> set,
        Func<FukushiDbContext, CancellationToken, Task<IReadOnlyList<MasterChoice>>> choices,
        bool required,
        string? hint = null)
        where T : DatedMasterRow
    {
        ArgumentNullException.ThrowIfNull(set);
        return new MasterField<T>(key, label, get, (row, value) =>
        {
            set(row, value);
            return null;
        })
        { Kind = MasterFieldKind.Choice, Required = required, Hint = hint, LoadChoices = choices };
    }
}
