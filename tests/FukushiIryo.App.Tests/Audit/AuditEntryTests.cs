using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;

namespace FukushiIryo.App.Tests.Audit;

/// <summary>What a service queues: checked at once, details made canonical; no database.</summary>
public sealed class AuditEntryTests
{
    [Fact]
    public void Details_from_an_anonymous_object_take_camel_case_names_in_canonical_order()
    {
        var details = new { Zeta = 1, Alpha = "x", Nested = new { B = true, A = (string?)null }, Kind = RecordKind.Correction };
        Assert.Equal(
            """{"alpha":"x","kind":"Correction","nested":{"a":null,"b":true},"zeta":1}""",
            AuditEntry.CanonicalDetails(details));
    }

    [Fact]
    public void Details_from_a_dictionary_keep_their_keys()
    {
        var details = new Dictionary<string, object?> { ["OldName"] = "山田 花子", ["newName"] = "𠮷田 花子", ["amount"] = 12_345L };
        Assert.Equal("""{"OldName":"山田 花子","amount":12345,"newName":"𠮷田 花子"}""", AuditEntry.CanonicalDetails(details));
    }

    [Fact]
    public void Details_default_to_an_empty_object() => Assert.Equal("{}", AuditEntry.CanonicalDetails(null));

    [Theory]
    [MemberData(nameof(RefusedDetails))]
    public void Details_that_are_not_an_object_of_integers_are_refused(object details) =>
        Assert.Throws<CanonicalJsonException>(() => AuditEntry.CanonicalDetails(details));

    public static TheoryData<object> RefusedDetails() => new()
    {
        new { Amount = 1.5m },
        new { Rate = 0.1 },
        new { Big = long.MaxValue },
        "{\"a\":1}",
        new[] { 1, 2 },
        42,
    };

    [Fact]
    public void An_entry_is_checked_when_queued()
    {
        Assert.Throws<ArgumentException>(() => new AuditEntry("yamada", "user.craeted").Prepare());
        Assert.Throws<ArgumentException>(() => new AuditEntry(" ", AuditEventType.UserCreated).Prepare());
        Assert.Throws<ArgumentException>(() => new AuditEntry(new string('a', 101), AuditEventType.UserCreated).Prepare());
        Assert.Throws<ArgumentException>(() => new AuditEntry("yamada", AuditEventType.UserCreated, SubjectId: "x").Prepare());
        Assert.Throws<ArgumentException>(() => new AuditEntry("yama\0da", AuditEventType.UserCreated).Prepare());
        Assert.Throws<ArgumentException>(() => new AuditEntry("yamada\ud800", AuditEventType.UserCreated).Prepare());
        Assert.Throws<CanonicalJsonException>(() => new AuditEntry("yamada", AuditEventType.UserCreated, Details: new { Rate = 0.5 }).Prepare());
        var pending = new AuditEntry("𠮷田", AuditEventType.UserCreated, "user", "tanaka", new { B = 2, A = 1 }).Prepare();
        Assert.Equal("""{"a":1,"b":2}""", pending.Details);
    }
}
