using System.Text.Json;
using System.Text.Json.Serialization;

namespace FukushiIryo.App.Audit;

/// <summary>
/// An audit event as a service queues it with <see cref="Data.FukushiDbContext.AddAudit"/>; the
/// writer adds the sequence number, the time and the hashes when SaveChanges writes it.
/// </summary>
/// <param name="Actor">The staff login, or <c>system</c> / a batch name.</param>
/// <param name="EventType">One of <see cref="AuditEventType"/>.</param>
/// <param name="SubjectType">The kind of record acted on (<c>person</c>, <c>user</c>…), or null.</param>
/// <param name="SubjectId">The record acted on, or null (needs <paramref name="SubjectType"/>).</param>
/// <param name="Details">
/// Anything serialisable to a JSON object: an anonymous object (member names become camelCase),
/// a dictionary (keys kept as they are), a <see cref="JsonElement"/> or a JsonNode; null = <c>{}</c>.
/// Enums are written by name. Numbers must be integers (<see cref="CanonicalJson"/>). Never put a
/// 個人番号 here.
/// </param>
/// <param name="ClientAddress">The client's IP address, when the event came from the web.</param>
/// <param name="CorrelationId">Ties together the events of one request, job or batch run.</param>
public sealed record AuditEntry(
    string Actor,
    string EventType,
    string? SubjectType = null,
    string? SubjectId = null,
    object? Details = null,
    string? ClientAddress = null,
    string? CorrelationId = null)
{
    public const int MaxActorLength = 100;
    public const int MaxEventTypeLength = 100;
    public const int MaxSubjectTypeLength = 50;
    public const int MaxSubjectIdLength = 100;
    public const int MaxClientAddressLength = 64;
    public const int MaxCorrelationIdLength = 100;

    private static readonly JsonSerializerOptions DetailsOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The details as canonical JSON object text.</summary>
    public static string CanonicalDetails(object? details)
    {
        if (details is null)
        {
            return "{}";
        }

        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(details, details.GetType(), DetailsOptions);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new CanonicalJsonException($"The audit details cannot be written as JSON: {e.Message}", e);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CanonicalJsonException($"The audit details must be a JSON object, not {element.ValueKind}.");
        }

        return CanonicalJson.Canonicalize(element);
    }

    /// <summary>Checks the entry and fixes its details: what the writer will hash and store.</summary>
    internal PendingAuditEvent Prepare()
    {
        CheckText(Actor, nameof(Actor), MaxActorLength, required: true);
        CheckText(EventType, nameof(EventType), MaxEventTypeLength, required: true);
        if (!AuditEventType.IsWellFormed(EventType) || !AuditEventType.IsKnown(EventType))
        {
            throw new ArgumentException(
                $"Unknown audit event type '{EventType}': add it to {nameof(AuditEventType)} first.", nameof(EventType));
        }

        CheckText(SubjectType, nameof(SubjectType), MaxSubjectTypeLength, required: false);
        CheckText(SubjectId, nameof(SubjectId), MaxSubjectIdLength, required: false);
        if (SubjectId is not null && SubjectType is null)
        {
            throw new ArgumentException("An audit subject id needs its subject type.", nameof(SubjectType));
        }

        CheckText(ClientAddress, nameof(ClientAddress), MaxClientAddressLength, required: false);
        CheckText(CorrelationId, nameof(CorrelationId), MaxCorrelationIdLength, required: false);
        return new PendingAuditEvent(Actor, EventType, SubjectType, SubjectId, CanonicalDetails(Details), ClientAddress, CorrelationId);
    }

    private static void CheckText(string? value, string name, int maxLength, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                throw new ArgumentNullException(name);
            }

            return;
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The audit {name} is empty.", name);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The audit {name} is longer than {maxLength} characters.", name);
        }

        // PostgreSQL text cannot hold U+0000 and a lone surrogate has no UTF-8 form: refused on
        // both providers so that both store (and hash) the same thing.
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                throw new ArgumentException($"The audit {name} holds a NUL character.", name);
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"The audit {name} holds a lone surrogate.", name);
            }
        }
    }
}

/// <summary>A checked entry waiting for SaveChanges, its details already canonical.</summary>
internal sealed record PendingAuditEvent(
    string Actor,
    string EventType,
    string? SubjectType,
    string? SubjectId,
    string Details,
    string? ClientAddress,
    string? CorrelationId)
{
    /// <summary>The event as link <paramref name="sequence"/> of the chain, after <paramref name="previousHash"/>.</summary>
    public AuditEvent Link(long sequence, DateTimeOffset occurredAt, string previousHash)
    {
        var link = new AuditEvent
        {
            Sequence = sequence,
            OccurredAt = occurredAt,
            Actor = Actor,
            ClientAddress = ClientAddress,
            CorrelationId = CorrelationId,
            EventType = EventType,
            SubjectType = SubjectType,
            SubjectId = SubjectId,
            Details = Details,
            PreviousHash = previousHash,
        };
        link.Seal();
        return link;
    }
}
