using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FukushiIryo.App.Audit;

/// <summary>
/// The audit hash chain's canonical form (architecture.md §5). An event's hash is SHA-256 over the
/// UTF-8 bytes of its <see cref="AuditEvent.PreviousHash"/> (64 lowercase hex; the first event's is
/// <see cref="GenesisHash"/>) immediately followed by its canonical JSON (RFC 8785): an object with
/// every column but the hash,
/// <c>{"actor","clientAddress","correlationId","details","eventType","occurredAt","previousHash","sequence","subjectId","subjectType"}</c>,
/// nulls written as null, <c>occurredAt</c> as UTC ISO-8601 with exactly six fractional digits and
/// <c>Z</c>, <c>details</c> as the nested (canonical) object. Both providers store the same values,
/// so both produce the same bytes.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first event: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string InstantFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    /// <summary>The event's canonical JSON: what is hashed after the previous hash.</summary>
    public static string EventJson(AuditEvent auditEvent) => EventJson(auditEvent, Sequence(auditEvent));

    /// <summary>The event's hash, recomputed from its other columns.</summary>
    public static string ComputeHash(AuditEvent auditEvent) => ComputeHash(auditEvent, Sequence(auditEvent));

    /// <summary>The hash the event would have at <paramref name="sequence"/> (to tell a moved event from an edited one).</summary>
    internal static string ComputeHash(AuditEvent auditEvent, long sequence)
    {
        var text = auditEvent.PreviousHash + EventJson(auditEvent, sequence);
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.ToUtf8(text)));
    }

    /// <summary>An instant as the chain keeps it: UTC, truncated to whole microseconds (what PostgreSQL stores).</summary>
    public static DateTimeOffset ToChainInstant(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>An instant as the canonical JSON writes it: <c>2026-11-29T04:23:33.123456Z</c>.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="FormatInstant"/>'s form.</summary>
    public static DateTimeOffset ParseInstant(string text) =>
        new(DateTime.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    /// <summary>Whether <paramref name="value"/> is a hash as the chain writes it: 64 lowercase hex digits.</summary>
    public static bool IsHash(string? value) =>
        value is { Length: 64 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static long Sequence(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return auditEvent.Sequence;
    }

    private static string EventJson(AuditEvent e, long sequence)
    {
        // Members in RFC 8785 order (UTF-16 code units of the names); a test checks that the
        // result is its own canonical form.
        var builder = new StringBuilder(256 + e.Details.Length);
        builder.Append("{\"actor\":");
        WriteNullable(builder, e.Actor);
        builder.Append(",\"clientAddress\":");
        WriteNullable(builder, e.ClientAddress);
        builder.Append(",\"correlationId\":");
        WriteNullable(builder, e.CorrelationId);
        builder.Append(",\"details\":");
        using (var details = CanonicalJson.Parse(e.Details))
        {
            if (details.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CanonicalJsonException($"The details of audit event {sequence.ToString(CultureInfo.InvariantCulture)} are not a JSON object.");
            }

            CanonicalJson.Write(builder, details.RootElement);
        }

        builder.Append(",\"eventType\":");
        WriteNullable(builder, e.EventType);
        builder.Append(",\"occurredAt\":");
        CanonicalJson.WriteString(builder, FormatInstant(e.OccurredAt));
        builder.Append(",\"previousHash\":");
        WriteNullable(builder, e.PreviousHash);
        builder.Append(",\"sequence\":");
        CanonicalJson.WriteInteger(builder, sequence);
        builder.Append(",\"subjectId\":");
        WriteNullable(builder, e.SubjectId);
        builder.Append(",\"subjectType\":");
        WriteNullable(builder, e.SubjectType);
        builder.Append('}');
        return builder.ToString();
    }

    private static void WriteNullable(StringBuilder builder, string? value)
    {
        if (value is null)
        {
            builder.Append("null");
        }
        else
        {
            CanonicalJson.WriteString(builder, value);
        }
    }
}
