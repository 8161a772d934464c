using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Importing;

/// <summary>
/// A file that was imported (取込履歴): its SHA-256 refuses a second import of the same bytes
/// (interfaces.md §0), and its counts are the import's summary.
/// </summary>
public sealed class ImportedFile
{
    public long Id { get; set; }

    /// <summary>residents, recipients, tax, receipts, …</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The file's name as given (without folders).</summary>
    public string FileName { get; set; } = string.Empty;

    /// <summary>SHA-256 of the file's bytes, lowercase hex.</summary>
    public string Sha256 { get; set; } = string.Empty;

    public DateTimeOffset ImportedAt { get; set; }

    public string ImportedBy { get; set; } = string.Empty;

    public int RowsRead { get; set; }

    public int RowsImported { get; set; }

    public int RowsSkipped { get; set; }

    public int Warnings { get; set; }
}

internal sealed class ImportedFileConfiguration : IEntityTypeConfiguration<ImportedFile>
{
    public void Configure(EntityTypeBuilder<ImportedFile> builder)
    {
        builder.HasIndex(f => new { f.Kind, f.Sha256 }).IsUnique();
        builder.Property(f => f.Kind).HasMaxLength(40);
        builder.Property(f => f.FileName).HasMaxLength(260);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.ImportedBy).HasMaxLength(100);
    }
}
