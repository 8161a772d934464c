using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Linkage;

/// <summary>
/// 住基異動 of a recipient seen by one residents import (ADR 0029): which 宛名 row the import
/// superseded and which it recorded, with the 異動事由 and 異動日 of the row. The names, addresses and
/// 世帯 themselves stay in the person's history (<see cref="People.PersonRecord"/>); this row only
/// points at the two versions, so the 住基異動 screen can show old → new per import.
/// </summary>
public sealed class ResidentChange
{
    public long Id { get; set; }

    public long ImportedFileId { get; set; }

    public long PersonId { get; set; }

    /// <summary>The row in force on the 異動日 before the import (null when the person had none).</summary>
    public long? BeforeRecordId { get; set; }

    /// <summary>The row the import recorded for the 異動日.</summary>
    public long AfterRecordId { get; set; }

    /// <summary>異動事由 as the file gave it (転居, 転出, 婚姻, 職権修正 …), or null.</summary>
    public string? EventReason { get; set; }

    /// <summary>異動日 as the file gave it, or null.</summary>
    public DateOnly? EventDate { get; set; }

    /// <summary>The day the new values take effect (異動日, else 届出日, else the import date).</summary>
    public DateOnly EffectiveDate { get; set; }
}

internal sealed class ResidentChangeConfiguration : IEntityTypeConfiguration<ResidentChange>
{
    public void Configure(EntityTypeBuilder<ResidentChange> builder)
    {
        builder.HasIndex(c => new { c.ImportedFileId, c.PersonId });
        builder.HasIndex(c => c.PersonId);
        builder.Property(c => c.EventReason).HasMaxLength(20);
        builder.HasOne<Importing.ImportedFile>().WithMany().HasForeignKey(c => c.ImportedFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<People.Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<People.PersonRecord>().WithMany().HasForeignKey(c => c.BeforeRecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<People.PersonRecord>().WithMany().HasForeignKey(c => c.AfterRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
