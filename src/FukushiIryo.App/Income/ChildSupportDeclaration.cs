using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Income;

/// <summary>
/// 養育費の申告: the 養育費 a person (the parent or carer, and the children through them) received
/// in the income year of a 課税年度, as the applicant declared it and staff (窓口) recorded it
/// (interfaces.md §3, rules-research.md §2.3: 養育費 × 80 % counts as income). Kept apart from
/// <see cref="TaxRecord"/> so that a tax import never replaces what staff entered (ADR 0007); the
/// income computation takes a declaration before the tax record's 養育費 items.
/// <para>
/// History in recorded time, like <see cref="TaxRecord"/>: a new entry for the same person and year
/// records a new row and marks the earlier one superseded; at most one current row per person and
/// year (a unique index filtered on SupersededAt IS NULL). Never updated in its amounts, never deleted.
/// </para>
/// </summary>
public sealed class ChildSupportDeclaration
{
    public long Id { get; set; }

    /// <summary>The person who declared (the parent or carer).</summary>
    public long PersonId { get; set; }

    /// <summary>課税年度 (西暦) whose income year (TaxYear − 1) the 養育費 was received in.</summary>
    public int TaxYear { get; set; }

    /// <summary>児童養育費 (別添1 地方税関係情報 No.2): 養育費 the children received, in yen.</summary>
    public long ReceivedByChild { get; set; }

    /// <summary>受給者養育費 (別添1 地方税関係情報 No.3): 養育費 the recipient (parent or carer) received, in yen.</summary>
    public long ReceivedByRecipient { get; set; }

    /// <summary>When this row was recorded (UTC, microseconds).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When a later entry replaced this row; null = current.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>The login of the staff member who recorded the row.</summary>
    public string RecordedBy { get; set; } = string.Empty;

    /// <summary>Initial for the first row of a person and year, Correction for every later one.</summary>
    public RecordKind Kind { get; set; }
}

internal sealed class ChildSupportDeclarationConfiguration : IEntityTypeConfiguration<ChildSupportDeclaration>
{
    /// <summary>The unique index that allows one current row per person and 課税年度.</summary>
    public const string CurrentIndexName = "IX_ChildSupportDeclarations_PersonId_TaxYear_Current";

    public void Configure(EntityTypeBuilder<ChildSupportDeclaration> builder)
    {
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.PersonId, d.TaxYear });
        builder.HasIndex(d => new { d.PersonId, d.TaxYear }, CurrentIndexName)
            .IsUnique()
            .HasFilter("\"SupersededAt\" IS NULL");
        builder.Property(d => d.RecordedBy).HasMaxLength(100);
    }
}
