using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FukushiIryo.App.Audit;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785, JCS) for the JSON the audit log hashes: object
/// members sorted by the UTF-16 code units of their names, no whitespace, strings escaped as
/// ECMAScript's <c>JSON.stringify</c> does (only <c>\" \\ \b \f \n \r \t</c> and <c>\u00xx</c> with
/// lowercase hex for the other control characters; everything else, non-ASCII included, written
/// as is), <c>true</c>/<c>false</c>/<c>null</c>.
/// <para>
/// Numbers: the audit log needs integers only, so a number must be written as an integer literal
/// (no fraction, no exponent) within ±(2^53 − 1), the range in which every JCS implementation
/// (which go through IEEE 754 doubles) writes the same digits; it is written in plain decimal
/// (<c>-0</c> becomes <c>0</c>). Anything else is refused with a <see cref="CanonicalJsonException"/>:
/// write amounts as integers (yen) and other values as strings. Duplicate member names and lone
/// surrogates (not valid I-JSON) are refused too.
/// </para>
/// </summary>
public static class CanonicalJson
{
    /// <summary>The largest integer JCS writes exactly (2^53 − 1, ECMAScript's <c>Number.MAX_SAFE_INTEGER</c>).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical form of the JSON text <paramref name="json"/>.</summary>
    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(json);
        return Canonicalize(document.RootElement);
    }

    /// <summary>The canonical form of <paramref name="element"/>.</summary>
    public static string Canonicalize(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(builder, element);
        return builder.ToString();
    }

    /// <summary>The UTF-8 bytes of a canonical text (the bytes that are hashed); lone surrogates are refused.</summary>
    public static byte[] ToUtf8(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        try
        {
            return StrictUtf8.GetBytes(canonical);
        }
        catch (EncoderFallbackException e)
        {
            throw new CanonicalJsonException("The text holds a lone surrogate, which has no UTF-8 form.", e);
        }
    }

    /// <summary>Parses JSON text, turning a syntax error into a <see cref="CanonicalJsonException"/>.</summary>
    internal static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CanonicalJsonException($"Not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Appends the canonical form of <paramref name="element"/>.</summary>
    internal static void Write(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(builder, element);
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    Write(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, GetString(element));
                break;
            case JsonValueKind.Number:
                WriteInteger(builder, ParseInteger(element.GetRawText()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new CanonicalJsonException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string, escaped as <c>JSON.stringify</c> does.</summary>
    internal static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new CanonicalJsonException($"A string holds a lone surrogate (U+{(int)c:X4}), which is not valid Unicode.");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>Appends an integer in plain decimal, after checking it is within the JCS-exact range.</summary>
    internal static void WriteInteger(StringBuilder builder, long value)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new CanonicalJsonException(
                $"The integer {value.ToString(CultureInfo.InvariantCulture)} is outside ±(2^53 − 1), which JCS cannot write exactly: write it as a string.");
        }

        builder.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteObject(StringBuilder builder, JsonElement element)
    {
        var members = new List<(string Name, JsonElement Value)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = GetName(property);
            if (!names.Add(name))
            {
                throw new CanonicalJsonException($"The member name \"{name}\" occurs twice in one object.");
            }

            members.Add((name, property.Value));
        }

        // string.CompareOrdinal compares UTF-16 code units, as RFC 8785 §3.2.3 asks.
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        builder.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            WriteString(builder, members[i].Name);
            builder.Append(':');
            Write(builder, members[i].Value);
        }

        builder.Append('}');
    }

    private static long ParseInteger(string raw)
    {
        var digits = raw.StartsWith('-') ? raw.AsSpan(1) : raw.AsSpan();
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                throw new CanonicalJsonException(
                    $"The number {raw} is not an integer: audit details take integers only (amounts in yen); write other values as strings.");
            }
        }

        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new CanonicalJsonException($"The integer {raw} is outside ±(2^53 − 1), which JCS cannot write exactly: write it as a string.");
        }

        return value;
    }

    private static string GetString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new CanonicalJsonException("A string is not valid Unicode (a lone surrogate?).", e);
        }
    }

    private static string GetName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new CanonicalJsonException("A member name is not valid Unicode (a lone surrogate?).", e);
        }
    }
}

/// <summary>A value cannot be put in canonical JSON (RFC 8785) as the audit log writes it.</summary>
public sealed class CanonicalJsonException : FormatException
{
    public CanonicalJsonException(string message)
        : base(message)
    {
    }

    public CanonicalJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
