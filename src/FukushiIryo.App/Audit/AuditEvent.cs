using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Audit;

/// <summary>
/// One event of the audit log (操作履歴, 評価書 P9), a link of the hash chain (architecture.md §5).
/// Written only by <see cref="Data.FukushiDbContext"/> from entries queued with
/// <see cref="Data.FukushiDbContext.AddAudit"/>, in the same transaction as the change it records;
/// never updated, never deleted. <see cref="Hash"/> = SHA-256 over the UTF-8 bytes of
/// <see cref="PreviousHash"/> followed by the event's canonical JSON (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEvent
{
    /// <summary>1-based, gapless, assigned by the single writer under the chain's lock.</summary>
    public long Sequence { get; init; }

    /// <summary>When the event was written (the SaveChanges that wrote it): UTC, whole microseconds.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The staff login, or <c>system</c> / a batch name.</summary>
    public string Actor { get; init; } = string.Empty;

    /// <summary>The client's IP address, when the event came from the web.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Ties together the events of one request, job or batch run.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>What happened: one of <see cref="AuditEventType"/>.</summary>
    public string EventType { get; init; } = string.Empty;

    /// <summary>The kind of record acted on (e.g. <c>person</c>, <c>user</c>), if any.</summary>
    public string? SubjectType { get; init; }

    /// <summary>The record acted on (e.g. a 宛名番号 or a login), if any.</summary>
    public string? SubjectId { get; init; }

    /// <summary>Canonical JSON object text (RFC 8785); <c>{}</c> when there is nothing more to say.</summary>
    public string Details { get; init; } = "{}";

    /// <summary>The hash of the event before (64 lowercase hex); the first event's is <see cref="AuditChain.GenesisHash"/>.</summary>
    public string PreviousHash { get; init; } = AuditChain.GenesisHash;

    /// <summary>This event's hash (64 lowercase hex).</summary>
    public string Hash { get; private set; } = string.Empty;

    /// <summary>Sets <see cref="Hash"/> from the other columns (the writer, once).</summary>
    internal void Seal() => Hash = AuditChain.ComputeHash(this);
}

/// <summary>The audit log's table: its own, keyed by the sequence number the writer assigns.</summary>
public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(AuditEntry.MaxActorLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(AuditEntry.MaxClientAddressLength);
        builder.Property(e => e.CorrelationId).HasMaxLength(AuditEntry.MaxCorrelationIdLength);
        builder.Property(e => e.EventType).HasMaxLength(AuditEntry.MaxEventTypeLength);
        builder.Property(e => e.SubjectType).HasMaxLength(AuditEntry.MaxSubjectTypeLength);
        builder.Property(e => e.SubjectId).HasMaxLength(AuditEntry.MaxSubjectIdLength);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);

        // What the 監査 role searches by (P9): time, who, and the record acted on.
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => e.Actor);
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId });
    }
}
