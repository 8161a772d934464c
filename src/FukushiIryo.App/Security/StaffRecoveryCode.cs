using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Security;

/// <summary>
/// One recovery code of a staff account's second factor, stored hashed: SHA-256 over a random
/// 16-byte salt followed by the code's canonical form (ASVS lookup secrets: salted, approved hash;
/// the code carries 80 random bits). Identity's own recovery-code store keeps the codes in plain text
/// in AspNetUserTokens, so it is not used. Single use: <see cref="UsedAt"/> is set when it serves.
/// A new enrolment deletes the account's earlier codes (a technical row).
/// </summary>
public sealed class StaffRecoveryCode : ITechnicalRow
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public byte[] Salt { get; set; } = [];

    public byte[] Hash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class StaffRecoveryCodeConfiguration : IEntityTypeConfiguration<StaffRecoveryCode>
{
    public void Configure(EntityTypeBuilder<StaffRecoveryCode> builder)
    {
        builder.ToTable("StaffRecoveryCodes");
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.UserId);
        builder.Property(c => c.Salt).HasMaxLength(16);
        builder.Property(c => c.Hash).HasMaxLength(32);
    }
}
