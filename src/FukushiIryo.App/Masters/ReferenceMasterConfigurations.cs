using FukushiIryo.Formats.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Masters;

/// <summary>The columns every reference row shares.</summary>
internal static class ReferenceRowConfiguration
{
    public const int EditionLength = 40;

    /// <summary>The filter of the unique indexes that allow one current row per key (same text on both providers).</summary>
    public const string CurrentFilter = "\"RemovedInEdition\" IS NULL";

    public static void ConfigureReference<T>(this EntityTypeBuilder<T> row)
        where T : ReferenceRow
    {
        row.Property(r => r.Edition).HasMaxLength(EditionLength);
        row.Property(r => r.RemovedInEdition).HasMaxLength(EditionLength);
    }
}

internal sealed class BankConfiguration : IEntityTypeConfiguration<Bank>
{
    public void Configure(EntityTypeBuilder<Bank> builder)
    {
        builder.ConfigureReference();
        builder.Property(b => b.BankCode).HasMaxLength(4);
        builder.Property(b => b.Kana).HasMaxLength(ReferenceFieldLimits.BankName);
        builder.Property(b => b.Name).HasMaxLength(ReferenceFieldLimits.BankName);
        builder.HasIndex(b => b.BankCode);
        builder.HasIndex(b => b.BankCode, "IX_Banks_BankCode_Current").IsUnique().HasFilter(ReferenceRowConfiguration.CurrentFilter);
    }
}

internal sealed class BankBranchConfiguration : IEntityTypeConfiguration<BankBranch>
{
    public void Configure(EntityTypeBuilder<BankBranch> builder)
    {
        builder.ConfigureReference();
        builder.Property(b => b.BankCode).HasMaxLength(4);
        builder.Property(b => b.BranchCode).HasMaxLength(3);
        builder.Property(b => b.Kana).HasMaxLength(ReferenceFieldLimits.BankName);
        builder.Property(b => b.Name).HasMaxLength(ReferenceFieldLimits.BankName);
        builder.HasIndex(b => new { b.BankCode, b.BranchCode });
        builder.HasIndex(b => new { b.BankCode, b.BranchCode }, "IX_BankBranches_BankCode_BranchCode_Current")
            .IsUnique()
            .HasFilter(ReferenceRowConfiguration.CurrentFilter);
    }
}

internal sealed class PostalAddressConfiguration : IEntityTypeConfiguration<PostalAddress>
{
    public void Configure(EntityTypeBuilder<PostalAddress> builder)
    {
        builder.ConfigureReference();
        builder.Property(a => a.PostalCode).HasMaxLength(7);
        builder.Property(a => a.MunicipalityCode).HasMaxLength(5);
        builder.Property(a => a.Prefecture).HasMaxLength(ReferenceFieldLimits.Prefecture);
        builder.Property(a => a.City).HasMaxLength(ReferenceFieldLimits.City);
        builder.Property(a => a.Town).HasMaxLength(ReferenceFieldLimits.Town);
        builder.Property(a => a.PrefectureKana).HasMaxLength(ReferenceFieldLimits.PrefectureKana);
        builder.Property(a => a.CityKana).HasMaxLength(ReferenceFieldLimits.CityKana);
        builder.Property(a => a.TownKana).HasMaxLength(ReferenceFieldLimits.Town);
        builder.HasIndex(a => a.PostalCode);
        builder.HasIndex(a => a.MunicipalityCode);
    }
}

internal sealed class LargeOfficePostalCodeConfiguration : IEntityTypeConfiguration<LargeOfficePostalCode>
{
    public void Configure(EntityTypeBuilder<LargeOfficePostalCode> builder)
    {
        builder.ConfigureReference();
        builder.Property(o => o.PostalCode).HasMaxLength(7);
        builder.Property(o => o.MunicipalityCode).HasMaxLength(5);
        builder.Property(o => o.OfficeName).HasMaxLength(ReferenceFieldLimits.OfficeName);
        builder.Property(o => o.OfficeNameKana).HasMaxLength(ReferenceFieldLimits.OfficeName);
        builder.Property(o => o.Prefecture).HasMaxLength(ReferenceFieldLimits.Prefecture);
        builder.Property(o => o.City).HasMaxLength(ReferenceFieldLimits.City);
        builder.Property(o => o.Town).HasMaxLength(ReferenceFieldLimits.OfficeTown);
        builder.Property(o => o.StreetAddress).HasMaxLength(ReferenceFieldLimits.StreetAddress);
        builder.Property(o => o.PostOffice).HasMaxLength(ReferenceFieldLimits.PostOffice);
        builder.HasIndex(o => o.PostalCode);
    }
}

internal sealed class ReferenceEditionConfiguration : IEntityTypeConfiguration<ReferenceEdition>
{
    public void Configure(EntityTypeBuilder<ReferenceEdition> builder)
    {
        builder.Property(e => e.Label).HasMaxLength(ReferenceRowConfiguration.EditionLength);
        builder.Property(e => e.Source).HasMaxLength(300);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.LoadedBy).HasMaxLength(100);
        builder.HasIndex(e => new { e.Kind, e.Id });
    }
}
