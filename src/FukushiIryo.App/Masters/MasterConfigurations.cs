using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Masters;

/// <summary>The columns every dated master shares.</summary>
internal static class DatedMasterRowConfiguration
{
    public static void ConfigureDated<T>(this EntityTypeBuilder<T> row)
        where T : DatedMasterRow
    {
        row.Property(r => r.CreatedBy).HasMaxLength(100);
        row.Property(r => r.Note).HasMaxLength(500);
        row.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class AgeBracketConfiguration : IEntityTypeConfiguration<AgeBracket>
{
    public void Configure(EntityTypeBuilder<AgeBracket> builder)
    {
        builder.ConfigureDated();
        builder.Property(b => b.Code).HasMaxLength(40);
        builder.Property(b => b.Name).HasMaxLength(40);
        builder.HasIndex(b => new { b.Code, b.ValidFrom });
    }
}

internal sealed class PublicPayerConfiguration : IEntityTypeConfiguration<PublicPayer>
{
    public void Configure(EntityTypeBuilder<PublicPayer> builder)
    {
        builder.ConfigureDated();
        builder.Property(p => p.Program).HasMaxLength(40);
        builder.Property(p => p.PayerNumber).HasMaxLength(8);
        builder.Property(p => p.FirstAgeBracket).HasMaxLength(40);
        builder.Property(p => p.LastAgeBracket).HasMaxLength(40);
        builder.HasIndex(p => new { p.Program, p.BenefitMethod, p.ValidFrom });
        builder.HasIndex(p => p.PayerNumber);
    }
}

internal sealed class BankHolidayConfiguration : IEntityTypeConfiguration<BankHoliday>
{
    public void Configure(EntityTypeBuilder<BankHoliday> builder)
    {
        builder.ConfigureDated();
        builder.Ignore(h => h.Date);
        builder.Property(h => h.Name).HasMaxLength(40);
        builder.HasIndex(h => h.ValidFrom);
    }
}

internal sealed class IncomeLimitConfiguration : IEntityTypeConfiguration<IncomeLimit>
{
    public void Configure(EntityTypeBuilder<IncomeLimit> builder)
    {
        builder.ConfigureDated();
        builder.HasIndex(l => new { l.Column, l.ValidFrom });
    }
}

internal sealed class IncomeDeductionConfiguration : IEntityTypeConfiguration<IncomeDeduction>
{
    public void Configure(EntityTypeBuilder<IncomeDeduction> builder)
    {
        builder.ConfigureDated();
        builder.HasIndex(d => d.ValidFrom);
    }
}

internal sealed class SalaryDeductionBandConfiguration : IEntityTypeConfiguration<SalaryDeductionBand>
{
    public void Configure(EntityTypeBuilder<SalaryDeductionBand> builder)
    {
        builder.ConfigureDated();
        builder.HasIndex(b => new { b.ValidFrom, b.ReceiptsFrom });
    }
}

internal sealed class HighCostLimitConfiguration : IEntityTypeConfiguration<HighCostLimit>
{
    public void Configure(EntityTypeBuilder<HighCostLimit> builder)
    {
        builder.ConfigureDated();
        builder.Property(l => l.Category).HasMaxLength(10);
        builder.HasIndex(l => new { l.Category, l.Kind, l.ValidFrom });
    }
}

internal sealed class HighCostIncomeBracketConfiguration : IEntityTypeConfiguration<HighCostIncomeBracket>
{
    public void Configure(EntityTypeBuilder<HighCostIncomeBracket> builder)
    {
        builder.ConfigureDated();
        builder.Property(b => b.Category).HasMaxLength(10);
        builder.HasIndex(b => new { b.Category, b.ValidFrom });
    }
}

internal sealed class LossRuleConfiguration : IEntityTypeConfiguration<LossRule>
{
    public void Configure(EntityTypeBuilder<LossRule> builder)
    {
        builder.ConfigureDated();
        builder.HasIndex(r => new { r.Cause, r.ValidFrom });
    }
}

internal sealed class ProgramPrecedenceConfiguration : IEntityTypeConfiguration<ProgramPrecedence>
{
    public void Configure(EntityTypeBuilder<ProgramPrecedence> builder)
    {
        builder.ConfigureDated();
        builder.Property(p => p.Program).HasMaxLength(40);
        builder.Property(p => p.LawNumber).HasMaxLength(2);
        builder.HasIndex(p => new { p.Program, p.ValidFrom });
    }
}
