using System.Globalization;

namespace FukushiIryo.Domain.Numbers;

/// <summary>Why a text is not a valid number of one of the types in this namespace.</summary>
internal enum NumberError
{
    None,
    Empty,
    NotDigits,
    WrongLength,
    WrongCheckDigit,
}

/// <summary>
/// The input rules shared by every number type here: surrounding white space is trimmed, then only the
/// ASCII digits 0-9 are accepted. Full-width digits (０-９) are refused: callers normalise their values
/// with Unicode NFKC first (interfaces.md §0), as every import does.
/// </summary>
internal static class NumberText
{
    /// <summary>The longest part of a rejected value that an error message repeats.</summary>
    private const int MaxEchoLength = 32;

    /// <summary>Trims <paramref name="input"/> and checks that what is left is a non-empty run of ASCII digits.</summary>
    internal static NumberError ReadDigits(string input, out string digits)
    {
        string trimmed = input.Trim();
        digits = trimmed;
        if (trimmed.Length == 0)
        {
            return NumberError.Empty;
        }

        foreach (char c in trimmed)
        {
            if (!char.IsAsciiDigit(c))
            {
                return NumberError.NotDigits;
            }
        }

        return NumberError.None;
    }

    /// <summary>True when every character of <paramref name="text"/> is an ASCII digit (and there is at least one).</summary>
    internal static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The English message for <paramref name="error"/> about the trimmed value <paramref name="value"/>.
    /// With <paramref name="echoValue"/> false (個人番号) the message repeats nothing of the value but its
    /// length; otherwise it repeats the value itself and nothing more.
    /// </summary>
    internal static string Message(NumberError error, string name, string lengthRule, string value, bool echoValue)
    {
        string shown = echoValue ? ": " + Quote(value) : ".";
        return error switch
        {
            NumberError.Empty => $"{name} is empty.",
            NumberError.NotDigits =>
                $"{name} must contain only the ASCII digits 0-9 (normalise full-width digits with NFKC first){shown}",
            NumberError.WrongLength => string.Create(
                CultureInfo.InvariantCulture,
                $"{name} must have {lengthRule}, not {value.Length}{shown}"),
            NumberError.WrongCheckDigit => $"{name} has a wrong check digit{shown}",
            _ => throw new ArgumentOutOfRangeException(nameof(error), error, "No message for this error."),
        };
    }

    /// <summary>Quotes a rejected value for a message: at most <see cref="MaxEchoLength"/> characters, control characters replaced.</summary>
    internal static string Quote(string value)
    {
        bool truncated = value.Length > MaxEchoLength;
        ReadOnlySpan<char> shown = truncated ? value.AsSpan(0, MaxEchoLength) : value.AsSpan();
        var builder = new System.Text.StringBuilder(shown.Length + 3);
        builder.Append('\'');
        foreach (char c in shown)
        {
            builder.Append(char.IsControl(c) ? '\uFFFD' : c);
        }

        builder.Append(truncated ? "…'" : "'");
        return builder.ToString();
    }
}
