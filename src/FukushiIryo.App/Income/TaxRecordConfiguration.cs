using FukushiIryo.App.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Income;

internal sealed class TaxRecordConfiguration : IEntityTypeConfiguration<TaxRecord>
{
    /// <summary>The unique index that allows one current row per person and 課税年度.</summary>
    public const string CurrentIndexName = "IX_TaxRecords_PersonId_TaxYear_Current";

    public void Configure(EntityTypeBuilder<TaxRecord> builder)
    {
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PersonId, r.TaxYear });

        // Both providers read this filter the same way (quoted identifiers are standard SQL in SQLite too).
        builder.HasIndex(r => new { r.PersonId, r.TaxYear }, CurrentIndexName)
            .IsUnique()
            .HasFilter("\"SupersededAt\" IS NULL");
        builder.Property(r => r.Source).HasMaxLength(300);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
    }
}
