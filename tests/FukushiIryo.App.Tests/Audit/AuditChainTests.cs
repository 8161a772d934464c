using FukushiIryo.App.Audit;

namespace FukushiIryo.App.Tests.Audit;

/// <summary>The chain's canonical form and hash, written out; no database.</summary>
public sealed class AuditChainTests
{
    // Hashes computed independently (Python: json.dumps(sort_keys=True, ensure_ascii=False,
    // separators=(',', ':')) and hashlib.sha256 over the previous hash + that text).
    private const string FirstHash = "ea6fc7ac6fce298ddb8f539a5bc7ef13c57d1c0d4f73a7a73b957d1bb914b205";
    private const string SecondHash = "d76e4e1a3e447a1dbb0305136f5afe57b093938d364b224fea51d190d104944b";

    internal static AuditEvent First => new()
    {
        Sequence = 1,
        OccurredAt = new DateTimeOffset(2026, 11, 29, 13, 23, 33, TimeSpan.FromHours(9)).AddTicks(1_234_560),
        Actor = "yamada",
        ClientAddress = "192.0.2.10",
        CorrelationId = null,
        EventType = AuditEventType.UserCreated,
        SubjectType = "user",
        SubjectId = "tanaka",
        Details = """{"displayName":"田中 𠮷子","roles":["窓口","審査"],"staffNumber":"000123","tab":"a\tb"}""",
        PreviousHash = AuditChain.GenesisHash,
    };

    internal static AuditEvent Second => new()
    {
        Sequence = 2,
        OccurredAt = new DateTimeOffset(2026, 11, 29, 4, 23, 34, TimeSpan.Zero),
        Actor = "system",
        CorrelationId = "batch-2026-11",
        EventType = AuditEventType.DbMigrated,
        Details = "{}",
        PreviousHash = FirstHash,
    };

    [Fact]
    public void The_event_JSON_holds_every_column_but_the_hash_in_canonical_order()
    {
        const string expected =
            """{"actor":"yamada","clientAddress":"192.0.2.10","correlationId":null,"details":{"displayName":"田中 𠮷子","roles":["窓口","審査"],"staffNumber":"000123","tab":"a\tb"},"eventType":"user.created","occurredAt":"2026-11-29T04:23:33.123456Z","previousHash":"0000000000000000000000000000000000000000000000000000000000000000","sequence":1,"subjectId":"tanaka","subjectType":"user"}""";
        Assert.Equal(expected, AuditChain.EventJson(First));
    }

    [Fact]
    public void Nulls_are_written_as_null_and_the_time_with_six_fractional_digits()
    {
        const string expected =
            $$"""{"actor":"system","clientAddress":null,"correlationId":"batch-2026-11","details":{},"eventType":"db.migrated","occurredAt":"2026-11-29T04:23:34.000000Z","previousHash":"{{FirstHash}}","sequence":2,"subjectId":null,"subjectType":null}""";
        Assert.Equal(expected, AuditChain.EventJson(Second));
    }

    [Fact]
    public void The_hash_is_SHA256_of_the_previous_hash_and_the_event_JSON()
    {
        Assert.Equal(FirstHash, AuditChain.ComputeHash(First));
        Assert.Equal(SecondHash, AuditChain.ComputeHash(Second));
    }

    [Fact]
    public void The_event_JSON_is_its_own_canonical_form()
    {
        foreach (var auditEvent in new[] { First, Second })
        {
            var json = AuditChain.EventJson(auditEvent);
            Assert.Equal(json, CanonicalJson.Canonicalize(json));
        }
    }

    [Fact]
    public void Details_in_another_member_order_or_spacing_hash_the_same()
    {
        var respaced = new AuditEvent
        {
            Sequence = 1,
            OccurredAt = First.OccurredAt,
            Actor = "yamada",
            ClientAddress = "192.0.2.10",
            EventType = AuditEventType.UserCreated,
            SubjectType = "user",
            SubjectId = "tanaka",
            Details = """{ "tab": "a\u0009b", "staffNumber": "000123", "roles": ["窓口", "審査"], "displayName": "田中 \ud842\udfb7子" }""",
            PreviousHash = AuditChain.GenesisHash,
        };
        Assert.Equal(FirstHash, AuditChain.ComputeHash(respaced));
    }

    [Fact]
    public void Any_column_change_changes_the_hash()
    {
        var changed = new[]
        {
            With(e => new AuditEvent { Sequence = 3, OccurredAt = e.OccurredAt, Actor = e.Actor, ClientAddress = e.ClientAddress, EventType = e.EventType, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Details = e.Details, PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt.AddTicks(10), Actor = e.Actor, ClientAddress = e.ClientAddress, EventType = e.EventType, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Details = e.Details, PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = "Yamada", ClientAddress = e.ClientAddress, EventType = e.EventType, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Details = e.Details, PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, ClientAddress = null, EventType = e.EventType, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Details = e.Details, PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, ClientAddress = e.ClientAddress, CorrelationId = "", EventType = e.EventType, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Details = e.Details, PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, ClientAddress = e.ClientAddress, EventType = AuditEventType.UserUpdated, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Details = e.Details, PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, ClientAddress = e.ClientAddress, EventType = e.EventType, SubjectType = "person", SubjectId = e.SubjectId, Details = e.Details, PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, ClientAddress = e.ClientAddress, EventType = e.EventType, SubjectType = e.SubjectType, SubjectId = "tanaka ", Details = e.Details, PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, ClientAddress = e.ClientAddress, EventType = e.EventType, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Details = "{}", PreviousHash = e.PreviousHash }),
            With(e => new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, ClientAddress = e.ClientAddress, EventType = e.EventType, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Details = e.Details, PreviousHash = SecondHash }),
        };
        Assert.Equal(changed.Length, changed.Select(e => AuditChain.ComputeHash(e)).Append(FirstHash).Distinct().Count() - 1);

        static AuditEvent With(Func<AuditEvent, AuditEvent> change) => change(First);
    }

    [Fact]
    public void Instants_are_kept_in_UTC_to_the_microsecond()
    {
        var instant = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)).AddTicks(1_234_567);
        var kept = AuditChain.ToChainInstant(instant);
        Assert.Equal(TimeSpan.Zero, kept.Offset);
        Assert.Equal(instant.UtcTicks - 7, kept.UtcTicks);
        Assert.Equal("2026-04-01T00:00:00.123456Z", AuditChain.FormatInstant(kept));
        Assert.Equal(kept, AuditChain.ParseInstant("2026-04-01T00:00:00.123456Z"));
    }

    [Fact]
    public void Event_types_are_well_formed_and_listed()
    {
        Assert.Equal(
            ["user.created", "user.updated", "user.enabled", "user.disabled", "user.listed", "user.password_set", "db.migrated", "audit.verified", "demo.seeded"],
            AuditEventType.All);
        Assert.All(AuditEventType.All, type => Assert.True(AuditEventType.IsWellFormed(type), type));
        Assert.False(AuditEventType.IsWellFormed("User.Created"));
        Assert.False(AuditEventType.IsWellFormed("user"));
        Assert.False(AuditEventType.IsWellFormed("user.created\n"));
    }
}
